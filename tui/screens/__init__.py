"""Modal screens of the review app, one per file (help, choices, edit, search, export,
confirm quit, recover)."""
