"""A whitespace-collapsed view of a text that remembers where each character came from.

Documents arrive with lines wrapped mid-phrase and blank lines between
paragraphs; the analysis steps match phrases on the collapsed view and map
their offsets back to the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from danvan.core.extract.scan import Haystack

_WS_TO_SPACE = re.compile(r"\s{2,}|[^\S ]")


@dataclass
class FlatText:
    """``text`` is ``original`` with every whitespace run replaced by one space.

    The mapping is piecewise linear: flat offset ``f`` in piece ``k`` comes from
    original offset ``orig_starts[k] + (f - flat_starts[k])``.
    """

    original: str
    text: str = ""
    flat_starts: list[int] = field(default_factory=list)
    orig_starts: list[int] = field(default_factory=list)
    _hay: Haystack | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, original: str) -> FlatText:
        flat_starts = [0]
        orig_starts = [0]
        shift = 0  # original offset minus flat offset in the current piece
        pieces = []
        last = 0
        # a single space stays as it is; any other whitespace character or run becomes one
        # space, and only a run (two or more) shifts the offsets
        for m in _WS_TO_SPACE.finditer(original):
            a, b = m.span()
            pieces.append(original[last:a])
            last = b
            if b - a > 1:
                shift += b - a - 1
                flat_starts.append(b - shift)
                orig_starts.append(b)
        pieces.append(original[last:])
        return cls(original, " ".join(pieces), flat_starts, orig_starts)

    @property
    def hay(self) -> Haystack:
        """The flat text for anchored searches (its lower-case copy made once per document)."""
        if self._hay is None:
            self._hay = Haystack(self.text)
        return self._hay

    def to_original(self, flat_offset: int) -> int:
        k = bisect_right(self.flat_starts, flat_offset) - 1
        return self.orig_starts[k] + (flat_offset - self.flat_starts[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the flat range [start, end)."""
        if not self.text:
            return 0, 0
        start = min(max(start, 0), len(self.text) - 1)
        end = min(max(end, start + 1), len(self.text))
        return self.to_original(start), self.to_original(end - 1) + 1


def flat_index(flat: FlatText, original_offset: int) -> int:
    """The flat offset of the first flat character at or after ``original_offset``."""
    k = bisect_right(flat.orig_starts, original_offset) - 1
    f = flat.flat_starts[k] + (original_offset - flat.orig_starts[k])
    nxt = flat.flat_starts[k + 1] if k + 1 < len(flat.flat_starts) else len(flat.text)
    return min(f, nxt)
