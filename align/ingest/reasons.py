"""A library's exception as the reason part of a one-line InputError.

Zip, XML and PDF libraries put line breaks and long dumps in their messages; the user
gets one short line naming the file, the problem and, in brackets, this reason.
"""

from __future__ import annotations

MAX_REASON = 120
"""Characters kept of a library's message: enough to recognise it, short for a line."""


def reason(error: BaseException) -> str:
    """``error``'s message on one line, cut to :data:`MAX_REASON` (its type if empty)."""
    text = " ".join(str(error).split())
    return text[:MAX_REASON] or type(error).__name__
