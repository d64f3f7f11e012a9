"""Evidence between spans of the two sides: length, anchors, lexical similarity, an
optional corpus lexicon and segment kinds.

Each signal is computed for many candidate span pairs at once (numpy arrays), because the
search asks for millions of them on a book-length pair. What a signal is: ``base.Signal``;
the list the aligner adds up: ``align.aligner.SIGNALS``.
"""
