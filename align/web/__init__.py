"""Web pages as inputs: fetch a page once into a cache, and find a translation's original.

``fetch`` turns a URL into a file on disk (fetched politely, kept for offline reruns);
``source_link`` reads a translation page for the link to its original; ``web_pair``
puts the two together for the commands. Nothing here prints or parses arguments.
"""
