"""Evidence between spans of the two sides: length, anchors and lexical similarity.

Each signal is computed for many candidate span pairs at once (numpy arrays), because the
search asks for millions of them on a book-length pair.
"""
