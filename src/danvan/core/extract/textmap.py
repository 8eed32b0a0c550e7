"""A whitespace-collapsed view of a text that remembers where each character came from.

Documents arrive with lines wrapped mid-phrase and blank lines between
paragraphs; the analysis steps match phrases on the collapsed view and map
their offsets back to the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WS = re.compile(r"\s+")


@dataclass
class FlatText:
    original: str
    text: str = ""
    origin: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, original: str) -> FlatText:
        parts: list[str] = []
        origin: list[int] = []
        pos = 0
        for m in _WS.finditer(original):
            chunk = original[pos : m.start()]
            parts.append(chunk)
            origin.extend(range(pos, m.start()))
            parts.append(" ")
            origin.append(m.start())
            pos = m.end()
        parts.append(original[pos:])
        origin.extend(range(pos, len(original)))
        return cls(original, "".join(parts), origin)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the flat range [start, end)."""
        if not self.origin:
            return 0, 0
        start = min(max(start, 0), len(self.origin) - 1)
        end = min(max(end, start + 1), len(self.origin))
        return self.origin[start], self.origin[end - 1] + 1


def flat_index(flat: FlatText, original_offset: int) -> int:
    """The flat offset of the first flat character at or after ``original_offset``."""
    from bisect import bisect_left

    return bisect_left(flat.origin, original_offset)
