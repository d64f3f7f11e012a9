"""Matching collections: which translation in one folder renders which original in another.

One module per job: :mod:`.collection` reads a folder or a list of files into documents,
:mod:`.features` turns each document into what survives translation (numbers, names,
rare words, dictionary words, length), :mod:`.index` finds each translation's candidate
originals through an inverted index of those features (never all pairs against all
pairs), :mod:`.score` gives each candidate a probability, :mod:`.verify` checks the uncertain
calls with the aligner's own document-level fit, :mod:`.decide` assigns each translation
at most one original (an original at most once per language) or leaves it unmatched with
a reason, :mod:`.matcher` runs them in order, and :mod:`.manifest` and :mod:`.report`
write what ``sverka batch`` reads and what a person reads.
"""
