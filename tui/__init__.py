"""The Textual review app (built on align; align never imports tui)."""
