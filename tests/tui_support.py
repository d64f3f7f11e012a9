"""Shared builders for the review UI tests (no tests here): a small project on disk."""

from __future__ import annotations

from pathlib import Path

from align.model import Alignment, Document, Link, Segment
from align.project import save

SOURCE = [
    ("Казахстан — дорога в Москву", "heading"),
    ("Первый абзац. Второе предложение первого абзаца.", "body"),
    ("Второй абзац о 1992 годе.", "body"),
    ("Третий абзац, продолжение второго.", "body"),
    ("Фото: военные в аэропорту", "caption"),
    ("Четвёртый абзац. Ещё одно предложение.", "body"),
    ("Пятый абзац.", "body"),
]
TARGET = [
    ("Kazakhstan – the road to Moscow", "heading"),
    ("First paragraph. Second sentence of the first paragraph.", "body"),
    ("Source: Vot-Tak.TV", "credit"),
    ("Second paragraph about 1992, and its continuation.", "body"),
    ("Fourth paragraph. One more sentence.", "body"),
    ("Fifth paragraph.", "body"),
]
LINKS = [((0,), (0,), 0.95), ((1,), (1,), 0.9), ((), (2,), 0.9), ((2, 3), (3,), 0.45),
         ((4,), (), 0.9), ((5,), (4,), 0.97), ((6,), (5,), 0.99)]
"""Link 4 (index 3) is a low-confidence 2-1; links 3 and 5 are one-sided."""


def sample() -> Alignment:
    source = Document("ru", tuple(Segment(t, k) for t, k in SOURCE))
    target = Document("en", tuple(Segment(t, k) for t, k in TARGET))
    links = tuple(Link(s, t, score) for s, t, score in LINKS)
    return Alignment(source, target, links, {"level": "paragraph", "name": "sample"})


def write_sample(directory: Path, name: str = "sample.align.json") -> Path:
    path = directory / name
    save(sample(), path)
    return path


def shape(alignment: Alignment) -> list[tuple[list[int], list[int], str]]:
    return [(list(link.src), list(link.tgt), link.status) for link in alignment.links]
