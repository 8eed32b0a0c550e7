"""Sentences and clauses of a document's flat text, for the figure readers."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from danvan.core.extract.textmap import FlatText, flat_index

BULLET_LINE = re.compile(
    r"^[ \t]*(?:[-–+•*]|\(?\d{1,2}(?:\.\d{1,2})*[.)](?=\s)|[a-zđ]\)|[IVX]+\.(?=\s))[ \t]*", re.M
)


@dataclass(frozen=True)
class Sentences:
    """Flat offsets where sentences (and bullet lines) start."""

    starts: list[int]

    @classmethod
    def of(cls, text: str, flat: FlatText) -> Sentences:
        return cls(sentence_starts(text, flat))

    def index(self, pos: int) -> int:
        """The number of the sentence holding flat offset ``pos``."""
        return bisect_right(self.starts, pos) - 1

    def floor(self, pos: int) -> int:
        """Where the sentence holding ``pos`` starts."""
        return self.starts[self.index(pos)]


def sentence_starts(text: str, flat: FlatText) -> list[int]:
    s = flat.text
    starts = {0}
    for m in re.finditer(r"[.!?]+\s+(\(?)(?=\S)", s):
        nxt = s[m.end()] if m.end() < len(s) else ""
        dots = m.group(0).strip().rstrip("(").strip()
        if nxt.isupper() or nxt in '-–+•*“"':
            if dots == "..." and not nxt.isupper():
                continue
            starts.add(m.end() - len(m.group(1)))
    for m in BULLET_LINE.finditer(text):
        starts.add(flat_index(flat, m.start()))
    return sorted(starts)


def clause_start(s: str, pos: int, floor: int) -> int:
    best = floor
    for sep in (";", ":", ". "):
        i = s.rfind(sep, floor, pos)
        if i >= 0:
            best = max(best, i + len(sep))
    return best
