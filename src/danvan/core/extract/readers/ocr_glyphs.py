"""The handwritten digits of a blank told apart by their ink, and the handwritten 1.

Tesseract's models were trained on print: the handwritten 1 as Vietnamese hands write
it, a long lead-in stroke from the top down to the left beside the stem, reads as a 4
or a 7, or as nothing at all ("07" for 01, "44" for 11, "5" for 15). The shape itself is
plain to measure: one connected stroke, no loop, no bar (every run of ink across a row is
short), a pointed top and one stem at the bottom. A 4 has its crossbar, a 7 its top bar,
a 2 its foot, a 0/6/8/9 a loop, a 3/5 two strokes at the bottom.

``digit_glyphs`` parts a crop into its digits (connected inks, pieces one above the other
joined); ``is_handwritten_one`` tells the 1s; ``with_ones`` puts 1s into a Tesseract
reading where the shapes say so, or gives None when the reading cannot be squared with the
shapes (a wrong number is worse than none).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Pixel = tuple[int, int]

MIN_GLYPH_SHARE = 0.6  # a digit stands at least this share of the line's height
MAX_ONE_RUN = 0.38  # no run of ink across a row of a 1 is longer (× the glyph's height)
MAX_APEX_RUN = 0.25  # nor, in its top rows, than this: a point, not a bar
MIN_LEAD_IN = 0.15  # rows where the lead-in stands beside the stem (× the glyph's height)
ONE_MISREAD = frozenset("147")  # what Tesseract makes of a handwritten 1


@dataclass(frozen=True)
class Glyph:
    """One digit's ink: its box in the crop and its dark pixels."""

    left: int
    top: int
    right: int
    bottom: int
    pixels: frozenset[Pixel]
    pieces: int = 1  # connected inks joined into it

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top


def _inks(image: Any) -> list[set[Pixel]]:
    """The 8-connected sets of dark pixels of a greyscale image."""
    width, height = image.size
    data = image.load()
    dark = {(x, y) for y in range(height) for x in range(width) if data[x, y] < 128}
    inks = []
    while dark:
        stack = [dark.pop()]
        ink = set(stack)
        while stack:
            x, y = stack.pop()
            for near in ((x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy):
                if near in dark:
                    dark.remove(near)
                    ink.add(near)
                    stack.append(near)
        inks.append(ink)
    return inks


def _glyph(ink: set[Pixel], pieces: int = 1) -> Glyph:
    xs = [x for x, _ in ink]
    ys = [y for _, y in ink]
    return Glyph(min(xs), min(ys), max(xs) + 1, max(ys) + 1, frozenset(ink), pieces)


def digit_glyphs(image: Any, line_height: int) -> list[Glyph] | None:
    """The crop's digits left to right; None when an ink lower than a digit touches the
    crop's left or right edge: the end of a printed label or a digit cut off, the crop
    is not sure to hold its digits whole. Inks a third of a line high or less are dropped
    (dots of the leader, dust); an ink mostly above or under another (a 5's flag, a 7's
    crossbar) is joined to it."""
    glyphs = [
        _glyph(ink)
        for ink in _inks(image)
        if max(len({x for x, _ in ink}), len({y for _, y in ink})) > line_height / 3
    ]
    glyphs.sort(key=lambda g: g.left)
    joined: list[Glyph] = []
    for glyph in glyphs:
        if joined:
            last = joined[-1]
            overlap = min(last.right, glyph.right) - max(last.left, glyph.left)
            if overlap > 0.5 * min(last.width, glyph.width):
                joined[-1] = _glyph(set(last.pixels | glyph.pixels), last.pieces + 1)
                continue
        joined.append(glyph)
    edge = (0, image.width)
    if any(
        g.height < MIN_GLYPH_SHARE * line_height and (g.left in edge or g.right in edge)
        for g in joined
    ):
        return None
    return joined


def _runs(glyph: Glyph, y: int) -> list[int]:
    """The lengths of the runs of ink across row ``y`` of the glyph."""
    runs, length = [], 0
    for x in range(glyph.left, glyph.right + 1):
        if (x, y) in glyph.pixels:
            length += 1
        elif length:
            runs.append(length)
            length = 0
    return runs


def _has_loop(glyph: Glyph) -> bool:
    """Whether the ink encloses some background (0, 6, 8, 9, a closed 4)."""
    left, top, right, bottom = glyph.left - 1, glyph.top - 1, glyph.right, glyph.bottom
    outside = {(left, top)}
    stack = [(left, top)]
    while stack:
        x, y = stack.pop()
        for near in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            nx, ny = near
            if left <= nx <= right and top <= ny <= bottom:
                if near not in outside and near not in glyph.pixels:
                    outside.add(near)
                    stack.append(near)
    enclosed = (right - left + 1) * (bottom - top + 1) - len(outside) - len(glyph.pixels)
    return enclosed > 0.01 * glyph.width * glyph.height


def is_handwritten_one(glyph: Glyph, line_height: int) -> bool:
    """Whether the glyph is a handwritten 1: tall, one stroke without a loop or a bar, a
    point at the top, a lead-in beside the stem, one stem at its foot. (A thin printed 0
    broken in two arcs is two inks.)"""
    height = glyph.height
    if glyph.pieces > 1 or height < MIN_GLYPH_SHARE * line_height or glyph.width > 0.85 * height:
        return False
    rows = [_runs(glyph, y) for y in range(glyph.top, glyph.bottom)]
    if any(len(runs) > 2 or max(runs, default=0) > MAX_ONE_RUN * height for runs in rows):
        return False
    apex = rows[: max(1, round(0.15 * height))]
    if any(max(runs, default=0) > MAX_APEX_RUN * height for runs in apex):
        return False
    if any(len(runs) != 1 for runs in rows[round(0.95 * height) :]):
        return False  # the stem's foot (the lead-in may come down close to it)
    if sum(len(runs) == 2 for runs in rows) < MIN_LEAD_IN * height:
        return False  # a bare stroke: a slash, a label's end, a 1 Tesseract reads anyway
    return not _has_loop(glyph)


def with_ones(read: str, ones: list[bool]) -> str | None:
    """A Tesseract reading of glyphs whose 1s are ``ones``, with the 1s put right: each 1
    read as a 4 or a 7 is a 1; 1s it dropped are put back when the rest is read one
    character per glyph and holds no 4 or 7. None when the reading does not fit the
    glyphs (a 1 read as another digit, more or fewer characters than glyphs)."""
    if len(read) == len(ones):
        if any(one and char not in ONE_MISREAD for char, one in zip(read, ones, strict=True)):
            return None
        return "".join("1" if one else char for char, one in zip(read, ones, strict=True))
    if len(read) == ones.count(False) and not ONE_MISREAD & set(read):
        # (a 4 or a 7 in a short reading may be a 1 read while another digit was dropped)
        rest = iter(read)
        return "".join("1" if one else next(rest) for one in ones)
    return None
