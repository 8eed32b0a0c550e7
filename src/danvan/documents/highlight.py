"""Split a document's text into plain and highlighted pieces from offsets.

The template escapes every piece, so the text can hold any characters."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    text: str
    kind: str = ""  # "", "fig", "cit"
    anchor: str = ""
    title: str = ""


def pieces(text: str, spans: list[tuple[int, int, str, str, str]]) -> list[Piece]:
    """spans: (start, end, kind, anchor, title). Overlapping spans: the first wins."""
    out: list[Piece] = []
    pos = 0
    for start, end, kind, anchor, title in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = max(start, 0), min(end, len(text))
        if end <= start or start < pos:
            continue
        if start > pos:
            out.append(Piece(text[pos:start]))
        out.append(Piece(text[start:end], kind, anchor, title))
        pos = end
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return out
