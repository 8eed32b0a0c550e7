"""Handwritten blanks of a scanned letterhead, read again as digits.

Agencies print "Số:      /TB-UBND" and "…, ngày    tháng 3 năm 2024" and write the
number and the day (sometimes the month) by hand after signing. Tesseract's full-page
model reads such digits as letters or drops them ("Số: Íđ /TB-UBND", "ngàyÂDtháng").
Each blank, found between its printed labels in the word boxes, is cropped and read
again as one line of digits, twice (as scanned, and scaled to a fixed height); a read is
kept when the two agree (or one reads nothing and the other two digits or more) and its
digit count fits the width of the ink. Otherwise the page's own reading stays, and the
header grammar keeps only the printed part. A first pass over the page's blanks only
gathers their crops, all read in one Tesseract run (its model loads once); the second
pass uses those readings.

Tesseract reads the handwritten 1 (a lead-in stroke beside the stem) as a 4, a 7 or
nothing, even with confidence ("44" for 11): the crop's inks are parted into digits and
the 1s told by their shape (``ocr_glyphs``); a reading, the page's or the crop's, gets
its 1s from the shapes, and one the shapes cannot square leaves the blank unread.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from PIL import Image, ImageOps

from danvan.core.extract.readers.base import ReadLimits
from danvan.core.extract.readers.ocr import OcrWord, ocr_available, run_tesseract
from danvan.core.extract.readers.ocr_glyphs import digit_glyphs, is_handwritten_one, with_ones

Label = tuple[OcrWord, re.Match[str]]  # a word and where the printed label stands in it

HEADER_SHARE = 0.35  # the letterhead stands in the top third of the page
_NUMBER_LABEL = re.compile(r"^S\s?[ốỐóÓôÔ6o](?:[:.;]|(?=\d)|$)")
_SLOT_DIGITS = re.compile(r"^\d{1,5}$")
_CONFIDENT = 60.0  # a printed or clearly written numeral the page's OCR read well
SLOT_HEIGHT = 80  # pixels: the second reading's scale


def ink_box(image: Any) -> tuple[int, int, int, int] | None:
    """The box of the dark pixels of a greyscale crop, None when it is blank."""
    box: tuple[int, int, int, int] | None = image.point(lambda p: 255 if p < 128 else 0).getbbox()
    return box


def drop_specks(image: Any, line_height: int) -> Any:
    """The crop with its small ink blots whitened: a label's colon or accent caught at the
    blank's edge, dust. A digit stands at least half a line high; a blot under a third of
    the line's height in both directions is none."""
    width, height = image.size
    pixels = image.load()
    dark = {(x, y) for y in range(height) for x in range(width) if pixels[x, y] < 128}
    small = line_height / 3
    out = image.copy()
    ink = out.load()
    while dark:
        stack = [dark.pop()]
        blot = []
        while stack:
            x, y = stack.pop()
            blot.append((x, y))
            for near in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if near in dark:
                    dark.remove(near)
                    stack.append(near)
        xs = [x for x, _ in blot]
        ys = [y for _, y in blot]
        if max(xs) - min(xs) < small and max(ys) - min(ys) < small:
            for x, y in blot:
                ink[x, y] = 255
    return out


def read_digit_lines(images: list[Any], limits: ReadLimits, deadline: float) -> list[str]:
    """Each image read as one line of digits, all in one Tesseract run."""
    # the Latin model reads lone handwritten digits better than the Vietnamese one
    if ocr_available(limits.tesseract_cmd, "eng"):
        limits = replace(limits, ocr_language="eng")
    lines = [""] * len(images)
    for row in run_tesseract(images, limits, deadline, None, "digits_tsv").splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) >= 12 and cells[0] == "5" and cells[1].isdigit():
            lines[int(cells[1]) - 1] += cells[11].strip().replace(" ", "")
    return lines


Box = tuple[int, int, int, int]
Key = tuple[bytes, tuple[int, int], int]  # a crop's pixels, its size and its line's height


def handwritten_ones(image: Any, line_height: int) -> list[bool] | None:
    """Which of the crop's digits are handwritten 1s; None when there is none, or the
    digits cannot be told apart."""
    glyphs = digit_glyphs(image, line_height)
    ones = [is_handwritten_one(g, line_height) for g in glyphs or []]
    return ones if any(ones) else None


@dataclass(frozen=True)
class Prepared:
    """A blank's crop cleaned once: its ink box, the variants Tesseract reads, and which
    of its digits are handwritten 1s (see ``handwritten_ones``)."""

    ink: Box | None
    variants: list[Any]
    ones: list[bool] | None


@dataclass
class SlotReads:
    """Digit readings of blanks' crops by their pixels. While ``gathering``, a crop asked
    for is only noted (and reads as nothing); ``read_wanted`` reads the noted ones at once."""

    gathering: bool = False
    wanted: dict[Key, list[Any]] = field(default_factory=dict)
    known: dict[Key, list[str]] = field(default_factory=dict)
    prepared: dict[Key, Prepared] = field(default_factory=dict)

    def prepare(self, key: Key, image: Any, line_height: int) -> Prepared:
        """The crop cleaned, measured and scaled (once per crop)."""
        if key not in self.prepared:
            image = drop_specks(image, line_height)
            scale = SLOT_HEIGHT / max(1, image.height)
            scaled = image.resize(
                (max(1, round(image.width * scale)), SLOT_HEIGHT), Image.Resampling.LANCZOS
            )
            self.prepared[key] = Prepared(
                ink_box(image),
                [image, ImageOps.expand(scaled, 16, 255)],
                handwritten_ones(image, line_height),
            )
        return self.prepared[key]

    def read(self, key: Key, variants: list[Any], limits: ReadLimits, deadline: float) -> list[str]:
        if key not in self.known:
            if self.gathering:
                self.wanted[key] = variants
                return []
            self.known[key] = read_digit_lines(variants, limits, deadline)
        return self.known[key]

    def read_wanted(self, limits: ReadLimits, deadline: float) -> None:
        self.gathering = False
        if not self.wanted:
            return
        lines = iter(
            read_digit_lines([v for vs in self.wanted.values() for v in vs], limits, deadline)
        )
        for key, variants in self.wanted.items():
            self.known[key] = [next(lines) for _ in variants]
        self.wanted.clear()


def read_slot_digits(
    image: Any,
    line_height: int,
    limits: ReadLimits,
    deadline: float,
    slot_reads: SlotReads | None = None,
) -> str:
    """The digits written in ``image`` (a greyscale crop of one blank), or "" when they do
    not read the same twice or their count does not fit the ink's width."""
    key = (image.tobytes(), image.size, line_height)
    slot_reads = slot_reads or SlotReads()
    prepared = slot_reads.prepare(key, image, line_height)
    ink = prepared.ink
    if ink is None:
        return ""
    reads = set(slot_reads.read(key, prepared.variants, limits, deadline))
    if not reads:
        return ""
    # the long lead-in stroke of a handwritten 1 read as a 4 of its own ("416" for 16) by
    # one of the two readings: the other one is right
    reads = {r for r in reads if not any(r.replace("41", "1", 1) == o != r for o in reads)}
    ones = prepared.ones
    if ones is not None:
        # the 1s put right by their shape; a reading the shapes cannot square ("04" over
        # a 0 and a 1) makes the blank unread, a reading of nothing stays nothing unless
        # the blank holds only 1s ("11" Tesseract did not see at all)
        fixed = {with_ones(r, ones) if r or reads == {""} else "" for r in reads}
        if None in fixed:
            return ""
        reads = {r for r in fixed if r is not None}
    read = {r for r in reads if _SLOT_DIGITS.match(r)}
    digits = read.pop() if len(read) == 1 else ""
    # one reading that found nothing is outvoted only by two digits or more: a lone
    # digit is often a stroke of a handwritten 1 ("4")
    if len(reads) > 1 and (len(digits) < 2 or any(r for r in reads if r != digits)):
        return ""
    if not digits:
        return ""
    width = ink[2] - ink[0]
    # one digit is narrower than the line is high: a wider ink lost a digit in the read,
    # and a digit takes at least a third of the line's height
    if (len(digits) == 1 and width > 1.1 * line_height) or width < 0.3 * line_height * len(digits):
        return ""
    return digits


def _x_at(word: OcrWord, index: int) -> int:
    """The x of character ``index`` in the word, by proportion."""
    return word.left + word.width * index // max(1, len(word.text))


def _char_width(words: list[OcrWord], word: OcrWord) -> float:
    """The usual width of a character on the word's row, from its well-read words."""
    widths = sorted(
        w.width / len(w.text)
        for w in words
        if _same_row(w, word) and w.conf >= 80 and len(w.text) >= 3
    )
    return widths[len(widths) // 2] if widths else word.height * 0.5


def _gaps(image: Any, word: OcrWord) -> list[int]:
    """The x of the middle of each blank column run inside the word's box that is wide
    enough to part two words (a quarter of the line's height)."""
    band = image.crop((word.left, word.top, word.right, word.bottom))
    band = band.point(lambda p: 255 if p < 128 else 0)
    columns = band.resize((band.width, 1), Image.Resampling.BOX).getdata()
    gaps, run = [], 0
    for x, value in enumerate(columns):
        if value == 0:
            run += 1
            continue
        if run >= max(2, word.height // 4) and x > run:
            gaps.append(word.left + x - run // 2 - 1)
        run = 0
    return gaps


def _label_edge(words: list[OcrWord], image: Any, label: Label, end: bool) -> int:
    """The x where a printed label ends (``end``) or starts. A word that also holds
    handwriting ("ngàyÂDtháng", "thángØf") is measured from its edge next to the label
    with the row's character width, then moved to the nearest blank between two inks:
    proportions would give the wide handwriting's share to the label."""
    word, found = label
    index = found.end() if end else found.start()
    if found.start() == 0 and (index == 0 or found.end() == len(word.text) and end is False):
        return word.left
    if found.start() == 0:
        guess = min(word.right, round(word.left + _char_width(words, word) * index))
    elif found.end() == len(word.text):
        back = len(word.text) - index
        guess = max(word.left, round(word.right - _char_width(words, word) * back))
    else:
        return _x_at(word, index)
    gaps = _gaps(image, word)
    near = min(gaps, key=lambda x: abs(x - guess), default=None)
    if near is not None and abs(near - guess) < word.height // 2:
        return near
    return guess


def _same_row(a: OcrWord, b: OcrWord) -> bool:
    return abs((a.top + a.bottom) - (b.top + b.bottom)) / 2 < max(a.height, b.height)


def _fill(
    words: list[OcrWord], left: Label, right: Label, span: tuple[int, int], digits: str
) -> list[OcrWord]:
    """``words`` with what lies in ``span`` (x from the end of the left label to the start
    of the right one) replaced by one word holding ``digits``."""
    (lword, lfound), (rword, rfound) = left, right
    start, end = span
    number = replace(lword, left=start, width=max(1, end - start - 1), text=digits)
    out: list[OcrWord] = []
    for word in words:
        if word is lword or word is rword:
            if word is lword:
                head = word.text[: lfound.end()]
                out.append(replace(word, width=max(1, start - word.left), text=head))
                out.append(number)
            if word is rword:
                tail = word.text[rfound.start() :]
                out.append(replace(word, left=end, width=max(1, word.right - end), text=tail))
            continue
        centre = (word.left + word.right) / 2
        if not (start <= centre <= end and _same_row(word, lword)):
            out.append(word)
    return out


def _between(
    words: list[OcrWord], left: Label, right: Label, span: tuple[int, int]
) -> tuple[str, float]:
    """What the page's OCR read between the two labels, and its lowest confidence."""
    (lword, lfound), (rword, rfound) = left, right
    if lword is rword:
        return lword.text[lfound.end() : rfound.start()], lword.conf
    inner = [
        w
        for w in words
        if w is not lword
        and w is not rword
        and span[0] <= (w.left + w.right) / 2 <= span[1]
        and _same_row(w, lword)
    ]
    parts = [lword.text[lfound.end() :]] + [w.text for w in inner] + [rword.text[: rfound.start()]]
    holders = [w for w in (lword, *inner, rword) if re.search(r"\d", w.text)]
    return " ".join(parts), min((w.conf for w in holders), default=0.0)


def _reread(
    words: list[OcrWord],
    left: Label,
    right: Label,
    image: Any,
    limits: ReadLimits,
    deadline: float,
    valid: range | None = None,
    slot_reads: SlotReads | None = None,
) -> list[OcrWord]:
    """The blank between two labels read again; ``valid``: the values it may hold."""
    lword = left[0]
    span = (
        _label_edge(words, image, left, end=True),
        _label_edge(words, image, right, end=False),
    )
    read, conf = _between(words, left, right, span)
    read = read.strip()
    if span[1] - span[0] < lword.height:
        if not read:
            return words
        # the page's OCR saw something there: the labels' widths were overestimated
        middle, half = (span[0] + span[1]) // 2, lword.height * 4 // 5
        span = (middle - half, middle + half)
    pad = lword.height // 2
    crop = image.crop((span[0], lword.top - pad, span[1], lword.bottom + pad))
    if re.fullmatch(r"\d{1,5}", read) and conf >= _CONFIDENT:
        # printed digits, or handwriting read with confidence: but a handwritten 1 is
        # read as a 4 or a 7 with confidence too ("44" for 11)
        ones = handwritten_ones(drop_specks(crop, lword.height), lword.height)
        fixed = read if ones is None else with_ones(read, ones)
        if fixed is None or fixed == read or (valid is not None and int(fixed) not in valid):
            return words
        return _fill(words, left, right, span, fixed)
    digits = read_slot_digits(crop, lword.height, limits, deadline, slot_reads)
    if not digits or len(digits) < len(re.sub(r"\D", "", read)):
        return words
    if valid is not None and int(digits) not in valid:
        return words
    return _fill(words, left, right, span, digits)


def _find(
    words: list[OcrWord], pattern: re.Pattern[str], after: Label | None = None
) -> Label | None:
    """The first word (in reading order, right of ``after`` on its row) matching ``pattern``."""
    for word in sorted(words, key=lambda w: (w.top, w.left)):
        if after is not None:
            aword, afound = after
            if word is aword:
                found = pattern.search(word.text, afound.end())
            elif _same_row(word, aword) and word.left > aword.left:
                if word.left - aword.right > 12 * aword.height:
                    continue
                found = pattern.search(word.text)
            else:
                continue
        else:
            found = pattern.search(word.text)
        if found:
            return word, found
    return None


_DAY = re.compile(r"ngày", re.IGNORECASE)
_MONTH = re.compile(r"tháng", re.IGNORECASE)
_YEAR = re.compile(r"năm", re.IGNORECASE)

# A blank's two printed labels in the letterhead's words, and the values it may hold.
Blank = tuple[Label, Label, range | None]


def _number_blank(top: list[OcrWord]) -> Blank | None:
    """The letterhead's number blank, between "Số:" and the printed "/TB-UBND"."""
    label = next(((w, m) for w in top if (m := _NUMBER_LABEL.match(w.text))), None)
    if label is None:
        return None
    slash = _find(top, re.compile("/"), label)
    return None if slash is None else (label, slash, None)


def _date_labels(top: list[OcrWord]) -> tuple[Label, Label, Label] | None:
    day = _find(top, _DAY)
    month = _find(top, _MONTH, day) if day else None
    year = _find(top, _YEAR, month) if month else None
    if day is None or month is None or year is None:
        return None
    return day, month, year


def _day_blank(top: list[OcrWord]) -> Blank | None:
    """The date line's day blank ("ngày … tháng")."""
    labels = _date_labels(top)
    return None if labels is None else (labels[0], labels[1], range(1, 32))


def _month_blank(top: list[OcrWord]) -> Blank | None:
    """The date line's month blank ("tháng … năm")."""
    labels = _date_labels(top)
    return None if labels is None else (labels[1], labels[2], range(1, 13))


@dataclass(frozen=True)
class _BlankReader:
    """Reads the blanks its finders locate in the letterhead, one after the other (each
    looks again at the words the previous one filled); stops at the first not found."""

    finders: tuple[Callable[[list[OcrWord]], Blank | None], ...]

    def __call__(
        self,
        words: list[OcrWord],
        image: Any,
        limits: ReadLimits,
        deadline: float,
        slot_reads: SlotReads | None = None,
    ) -> list[OcrWord]:
        for finder in self.finders:
            top = [w for w in words if w.top < image.height * HEADER_SHARE]
            blank = finder(top)
            if blank is None:
                return words
            left, right, valid = blank
            words = _reread(words, left, right, image, limits, deadline, valid, slot_reads)
        return words


read_number_slot = _BlankReader((_number_blank,))
read_date_slots = _BlankReader((_day_blank, _month_blank))


def read_blanks(
    words: list[OcrWord], image: Any, limits: ReadLimits, deadline: float
) -> list[OcrWord]:
    """The number's and the date's blanks of a page's letterhead read again as digits:
    once to gather the crops, read in one run, then again with their readings (a blank
    whose crop moved when an earlier blank was filled is read on its own)."""
    slot_reads = SlotReads(gathering=True)
    for _ in range(2):
        found = read_number_slot(words, image, limits, deadline, slot_reads)
        found = read_date_slots(found, image, limits, deadline, slot_reads)
        slot_reads.read_wanted(limits, deadline)
    return found
