"""``sverka batch``: align every article pair of a corpus, in parallel, incrementally.

The package is split by job so each part can be read (and tested) alone:

- :mod:`~align.batch.discover`: corpus folder or manifest → the pairs to align;
- :mod:`~align.batch.state`: content hashes that decide what a rerun may skip;
- :mod:`~align.batch.job`: what happens to one pair (inside a worker process);
- :mod:`~align.batch.run`: the pairs spread over processes, or a Dask cluster;
- :mod:`~align.batch.progress`: the progress bar on a terminal;
- :mod:`~align.batch.report`: the polars report, the summary table, the combined TMX;
- :mod:`~align.batch.learn`: ``--learn``, a lexicon from the corpus, then a realignment;
- :mod:`~align.batch.main`: the whole run as the command performs it.
"""
