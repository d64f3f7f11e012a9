"""The inverted index: each translation's few candidate originals, and their similarity.

Every document becomes one sparse TF-IDF row per channel (numbers, names, rare words and,
where a dictionary serves the language pair, dictionary words: the original's stems
carried into the translation's language through the lexicon's t(target | source), where
the "cosine" is the share of the translation's words the original accounts for). The
candidates of a translation are found by looking up only its most distinctive tokens in
the originals' posting lists (a sparse product over :data:`QUERY_TOKENS` tokens a
translation, tokens in more than :func:`posting_limit` originals left out): the work grows
with the postings read, not with originals × translations. Only those candidates get the
full per-channel cosines the score is made of.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np
import scipy.sparse as sparse

from align.matching.features import CHANNELS, Fingerprint

if TYPE_CHECKING:
    from align.signals.lexicon import LexiconTable

QUERY_TOKENS = {"numbers": 16, "names": 16, "words": 16, "dictionary": 24}
"""Tokens of a translation looked up per channel: its highest weights in each (a short
review may have nothing but dictionary words to be found by)."""
CANDIDATES = 5
"""Originals kept per translation for scoring (the best, a runner-up, and room for
originals that another translation takes)."""
CHANNEL_WEIGHTS = {"numbers": 1.0, "names": 1.0, "words": 0.5, "dictionary": 1.0}
"""How much each channel's cosine counts when candidates are looked up."""


def posting_limit(originals: int) -> int:
    """Originals a token may be in and still be looked up: a token in most documents
    ("2021", "the") finds everything and tells nothing."""
    return max(64, originals // 20)


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs of one language pair: positions in the originals and translations
    given, the lookup score that found them and each channel's cosine."""

    translation: np.ndarray
    original: np.ndarray
    lookup: np.ndarray
    cosines: dict[str, np.ndarray]
    background: dict[str, np.ndarray]
    """Per channel, what the pair's two documents score against the other side on
    average (the mean of the translation's cosine with every original and the
    original's with every translation): the level an unrelated pair reaches, which
    differs with genre and length, as the aligner's translation fit compares a link
    with random pairings."""
    dictionary: bool
    """Whether a dictionary served the pair (else the dictionary cosines are all 0)."""


def _tfidf(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Rows of log(1 + count) × idf, each of length 1 (a row without tokens stays 0)."""
    matrix = sparse.csr_matrix(counts, dtype=np.float32, copy=True)
    matrix.data = np.log1p(matrix.data)
    matrix = sparse.csr_matrix(matrix.multiply(idf[None, :]))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix, dtype=np.float32)


def _idf(*matrices: sparse.csr_matrix) -> np.ndarray:
    """Smoothed inverse document frequency over the rows of all ``matrices``."""
    rows = sum(matrix.shape[0] for matrix in matrices)
    df = sum(np.bincount(matrix.indices, minlength=matrix.shape[1]) for matrix in matrices)
    return (np.log((rows + 1) / (np.asarray(df) + 1)) + 1).astype(np.float32)


def _counts(bags: Sequence[Counter[str]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """Raw counts of ``bags`` over ``vocabulary`` (tokens outside it dropped)."""
    indptr, indices, values = [0], [], []
    for bag in bags:
        for token, count in bag.items():
            column = vocabulary.get(token)
            if column is not None:
                indices.append(column)
                values.append(count)
        indptr.append(len(indices))
    return sparse.csr_matrix((np.array(values, dtype=np.float32),
                              np.array(indices, dtype=np.int64), indptr),
                             shape=(len(bags), len(vocabulary)))


def _channel(originals: Sequence[Counter[str]], translations: Sequence[Counter[str]]
             ) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """TF-IDF rows of a language-independent channel over every token of either side (a
    document's length counts all its tokens, shared or not)."""
    tokens = set().union(*originals, *translations)
    vocabulary = {token: column for column, token in enumerate(sorted(tokens))}
    src, tgt = _counts(originals, vocabulary), _counts(translations, vocabulary)
    idf = _idf(src, tgt)
    return _tfidf(src, idf), _tfidf(tgt, idf)


def _dictionary_channel(originals: Sequence[Fingerprint], translations: Sequence[Fingerprint],
                        table: "LexiconTable") -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Coverage rather than a cosine: the share of a translation's words (IDF-weighted,
    each distinct stem once) that the dictionary offers for some word of the original.
    An original offers ten or more translations a word, so a cosine with its expected
    counts would be diluted by the senses the translator did not use."""
    offered = _counts([doc.stems for doc in originals], table.src_words) @ table.probabilities
    offered = sparse.csr_matrix(offered, dtype=np.float32)
    offered.data[:] = 1.0
    tgt = _counts([doc.stems for doc in translations], table.tgt_words)
    tgt.data[:] = 1.0
    tgt = sparse.csr_matrix(tgt.multiply(_idf(tgt)[None, :]), dtype=np.float32)
    sums = np.asarray(tgt.sum(axis=1)).ravel()
    sums[sums == 0] = 1.0
    return offered, sparse.csr_matrix(sparse.diags(1.0 / sums) @ tgt, dtype=np.float32)


def candidates(originals: Sequence[Fingerprint], translations: Sequence[Fingerprint],
               table: "LexiconTable | None" = None, keep: int = CANDIDATES) -> Candidates:
    """The candidate originals of each translation (one language pair; ``table`` the
    dictionary serving it, if any), with their channel cosines."""
    matrices: dict[str, tuple[sparse.csr_matrix, sparse.csr_matrix]] = {}
    for name in CHANNELS[:3]:
        matrices[name] = _channel([doc.channel(name) for doc in originals],
                                  [doc.channel(name) for doc in translations])
    if table is not None:
        matrices["dictionary"] = _dictionary_channel(originals, translations, table)
    limit = posting_limit(len(originals))
    postings, queries = [], []
    for name, (src, tgt) in matrices.items():
        df = np.bincount(src.indices, minlength=src.shape[1])
        lookable = ((df > 0) & (df <= limit)).astype(np.float32)[None, :]
        postings.append(sparse.csr_matrix(_for_lookup(name, src).multiply(lookable))
                        * CHANNEL_WEIGHTS[name])
        # a translation's query is its rarest tokens that some original has: its rarest
        # of all are often spellings no original shares ("McKenzie" against "Makkenzi")
        queries.append(_top_per_row(sparse.csr_matrix(tgt.multiply(lookable)),
                                    QUERY_TOKENS[name]))
    lookup = _lookup(sparse.hstack(postings, "csr"), sparse.hstack(queries, "csr"), keep)
    t_index, o_index, score = lookup
    zeros = np.zeros(len(t_index), dtype=np.float32)
    cosines = {name: _rowwise_dot(matrices[name][1], t_index, matrices[name][0], o_index)
               if name in matrices else zeros for name in CHANNELS}
    background = {name: _background(*matrices[name], o_index, t_index, cosines[name])
                  if name in matrices else zeros for name in CHANNELS}
    return Candidates(t_index, o_index, score, cosines, background, table is not None)


def _background(src: sparse.csr_matrix, tgt: sparse.csr_matrix, o_index: np.ndarray,
                t_index: np.ndarray, cosines: np.ndarray) -> np.ndarray:
    """The mean cosine of each candidate's translation with the other originals and of its
    original with the other translations, averaged (a dot product with the other side's
    summed rows, less the pair itself: no pair is computed, and in a small collection the
    pair does not raise its own background)."""
    if len(t_index) == 0:
        return np.zeros(0, dtype=np.float32)
    per_translation = (tgt @ np.asarray(src.sum(axis=0)).ravel())[t_index] - cosines
    per_original = (src @ np.asarray(tgt.sum(axis=0)).ravel())[o_index] - cosines
    others = np.array([max(src.shape[0] - 1, 1), max(tgt.shape[0] - 1, 1)], dtype=np.float64)
    return ((per_translation / others[0] + per_original / others[1]) / 2).astype(np.float32)


def _for_lookup(channel: str, src: sparse.csr_matrix) -> sparse.csr_matrix:
    """The originals' rows as the lookup reads them. A long original offers a dictionary
    translation for most words of any short text, so its dictionary coverage is divided
    by the square root of how many words it offers against the median original: else a
    short review's candidates are the longest originals, not its own."""
    if channel != "dictionary" or src.shape[0] == 0:
        return src
    offered = np.diff(src.indptr).astype(np.float64)
    scale = np.sqrt(np.median(offered) / np.maximum(offered, 1.0))
    return sparse.csr_matrix(sparse.diags(scale.astype(np.float32)) @ src)


def _lookup(postings: sparse.csr_matrix, query: sparse.csr_matrix, keep: int
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(translation, original, lookup score) of each translation's ``keep`` best
    originals among those sharing one of its query tokens."""
    postings.eliminate_zeros()
    scores = sparse.csr_matrix(query @ postings.T)
    # an original that scores with every translation (long, full of common tokens) is
    # ranked by how much more it scores with this one than with the other translations
    others = max(query.shape[0] - 1, 1)
    total = postings @ np.asarray(query.sum(axis=0)).ravel()
    scores.data -= ((total[scores.indices] - scores.data) / others).astype(scores.data.dtype)
    t_out, o_out, s_out = [], [], []
    for row in range(scores.shape[0]):
        start, end = scores.indptr[row], scores.indptr[row + 1]
        if start == end:
            continue
        values = scores.data[start:end]
        columns = scores.indices[start:end]
        best = np.argsort(-values, kind="stable")[:keep]
        t_out.append(np.full(len(best), row))
        o_out.append(columns[best])
        s_out.append(values[best])
    if not t_out:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    return np.concatenate(t_out), np.concatenate(o_out), np.concatenate(s_out)


def _top_per_row(matrix: sparse.csr_matrix, count: int) -> sparse.csr_matrix:
    """Each row's ``count`` largest entries (the rest dropped)."""
    matrix = sparse.csr_matrix(matrix)
    lengths = np.diff(matrix.indptr)
    if lengths.max(initial=0) <= count:
        return matrix
    keep = np.zeros(matrix.nnz, dtype=bool)
    for row in np.flatnonzero(lengths):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        if end - start <= count:
            keep[start:end] = True
        else:
            keep[start + np.argpartition(-matrix.data[start:end], count)[:count]] = True
    rows = np.repeat(np.arange(matrix.shape[0]), lengths)[keep]
    return sparse.csr_matrix((matrix.data[keep], (rows, matrix.indices[keep])),
                             shape=matrix.shape)


def _rowwise_dot(left: sparse.csr_matrix, left_rows: np.ndarray,
                 right: sparse.csr_matrix, right_rows: np.ndarray) -> np.ndarray:
    """The dot product of ``left[left_rows[k]]`` and ``right[right_rows[k]]`` for each k."""
    if len(left_rows) == 0:
        return np.zeros(0, dtype=np.float32)
    product = left[left_rows].multiply(right[right_rows])
    return np.asarray(product.sum(axis=1), dtype=np.float32).ravel()
