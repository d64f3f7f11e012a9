"""Web pages as inputs: fetch a page once into a cache, and find a translation's original.

``fetch`` turns a URL into a file on disk (fetched politely, kept for offline reruns);
``source_link`` reads a translation page for the link to its original; ``web_pair``
puts the two together for the commands. Nothing here prints or parses arguments.
"""

DEFAULT_WAIT = 1.0
"""Seconds between two requests to one host: one page a second unless told otherwise."""
DEFAULT_TIMEOUT = 30.0
"""Seconds to wait for a server to answer (or send more) before giving up on a page.
Both are here, not in ``fetch``, so that the pair command's options name them without
importing the fetcher (start-up)."""
