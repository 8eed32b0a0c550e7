"""Handwritten digits of a letterhead's blanks told apart by their ink, and the
handwritten 1 that Tesseract reads as a 4, a 7 or nothing.

``real_crops/`` holds the number and day blanks of real scans (``../shared/real-samples``,
official documents), cropped as the reader crops them: ``<digits>-lh<line height>.png``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from danvan.core.extract.readers import ReadLimits
from danvan.core.extract.readers.ocr import OcrWord
from danvan.core.extract.readers.ocr_glyphs import digit_glyphs, is_handwritten_one, with_ones
from danvan.core.extract.readers.ocr_slots import (
    SlotReads,
    drop_specks,
    handwritten_ones,
    read_number_slot,
    read_slot_digits,
)

CROPS = Path(__file__).parent / "real_crops"


def _crop(name: str) -> tuple[Image.Image, int]:
    path = next(CROPS.glob(f"{name}-lh*.png"))
    return Image.open(path).convert("L"), int(path.stem.split("-lh")[1])


@pytest.mark.parametrize(
    ("name", "ones"),
    [
        ("01", [False, True]),
        ("11", [True, True]),
        ("15", [True, False]),
        ("16", [True, False]),
        ("09", None),
        ("05", None),
        ("22", None),
        ("27", None),
        ("660", None),
    ],
)
def test_the_handwritten_ones_of_real_blanks_are_told_by_their_shape(name, ones) -> None:
    crop, line_height = _crop(name)
    assert handwritten_ones(drop_specks(crop, line_height), line_height) == ones


def _draw(
    *strokes: tuple[int, ...], width: int = 5, size: tuple[int, int] = (60, 70)
) -> Image.Image:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for stroke in strokes:
        draw.line(stroke, fill=0, width=width)
    return image


ONE = ((22, 12, 10, 40), (22, 12, 20, 58))  # lead-in from the top down to the left, stem
SEVEN = ((8, 12, 42, 12), (42, 12, 22, 58))  # top bar, stem
FOUR = ((28, 12, 10, 44), (8, 44, 44, 44), (32, 20, 32, 58))  # open 4: crossbar
TWO = ((10, 18, 26, 10), (26, 10, 38, 22), (38, 22, 12, 56), (12, 56, 44, 56))  # foot


@pytest.mark.parametrize(
    ("strokes", "one"), [(ONE, True), (SEVEN, False), (FOUR, False), (TWO, False)]
)
def test_a_one_is_a_stroke_without_bar_or_foot(strokes, one) -> None:
    glyphs = digit_glyphs(_draw(*strokes), 40)
    assert glyphs is not None and len(glyphs) == 1
    assert is_handwritten_one(glyphs[0], 40) is one


def test_loops_print_pieces_and_bare_strokes_are_no_one() -> None:
    zero = Image.new("L", (60, 70), 255)
    ImageDraw.Draw(zero).ellipse((12, 10, 44, 60), outline=0, width=5)
    printed = Image.new("L", (60, 70), 255)  # a printed 1 stands on its foot serif
    ImageDraw.Draw(printed).text(
        (12, 6), "1", font=ImageFont.truetype("DejaVuSerif.ttf", 52), fill=0
    )
    broken = _draw(*ONE[:1], (22, 12, 21, 34), (21, 40, 20, 58))  # a stem in two pieces
    slash = _draw((12, 58, 36, 12))
    for image in (zero, printed, broken, slash):
        assert [is_handwritten_one(g, 40) for g in digit_glyphs(image, 40) or []] == [False]


def test_glyphs_are_the_digits_left_to_right_without_dots() -> None:
    image = _draw(
        *ONE,
        *((x + 40, y, x2 + 40, y2) for x, y, x2, y2 in ONE),
        (100, 56, 102, 56),  # a dot of the leader
        size=(110, 70),
    )
    glyphs = digit_glyphs(image, 40)
    assert glyphs is not None
    assert [g.left for g in glyphs] == [8, 48]
    assert [is_handwritten_one(g, 40) for g in glyphs] == [True, True]


def test_a_crop_cut_through_an_ink_is_not_sure_of_its_digits() -> None:
    """A blank whose crop ends inside the next digit ("1" and the top of a "5" cut off by
    a misplaced label edge) must not read as a lone 1: the glyphs are not told."""
    cut = _draw(*ONE, (44, 14, 60, 14), (44, 14, 42, 30), size=(60, 70))
    assert digit_glyphs(cut, 40) is None
    assert handwritten_ones(cut, 40) is None
    label_end = _draw((0, 30, 6, 48), *((x + 10, y, x2 + 10, y2) for x, y, x2, y2 in ONE))
    assert digit_glyphs(label_end, 40) is None


@pytest.mark.parametrize(
    ("read", "ones", "fixed"),
    [
        ("07", [False, True], "01"),  # the lead-in read as a 7's bar
        ("44", [True, True], "11"),
        ("5", [True, False], "15"),  # the 1 dropped
        ("", [True, True], "11"),
        ("16", [True, False], "16"),
        ("02", [True, False], None),  # a 0 is no misread 1: the shapes are not trusted
        ("123", [True, False], None),  # more characters than glyphs
        ("7", [True, False], None),
    ],
)
def test_a_reading_gets_its_ones_from_the_shapes(read, ones, fixed) -> None:
    assert with_ones(read, ones) == fixed


def test_a_real_handwritten_eleven_is_read_as_eleven() -> None:
    """Tesseract reads this real blank as nothing (or as 44): the shapes give 11."""
    crop, line_height = _crop("11")
    assert read_slot_digits(crop, line_height, ReadLimits(), time.monotonic() + 60) == "11"


def test_a_confident_44_over_two_handwritten_ones_is_eleven() -> None:
    """The page's OCR read the handwritten number with confidence, as 44; the blank's
    ink is two 1s, so the number is 11 (no second Tesseract run needed)."""
    font = ImageFont.truetype("DejaVuSans.ttf", 40)
    page = Image.new("L", (1600, 2200), 255)
    draw = ImageDraw.Draw(page)
    draw.text((100, 200), "Số:", font=font, fill=0)
    for shift in (220, 262):
        for x, y, x2, y2 in ONE:
            draw.line((x + shift, y + 190, x2 + shift, y2 + 190), fill=0, width=5)
    draw.text((340, 200), "/CT-UBND", font=font, fill=0)
    words = [
        OcrWord(100, 200, 70, 46, 90.0, "Số:", (1, 1, 1)),
        OcrWord(225, 200, 60, 48, 88.0, "44", (1, 1, 1)),
        OcrWord(340, 200, 190, 46, 90.0, "/CT-UBND", (1, 1, 1)),
    ]
    limits = ReadLimits(tesseract_cmd="no-such-tesseract")  # proves no run is made
    out = read_number_slot(words, page, limits, time.monotonic() + 60)
    assert [w.text for w in out] == ["Số:", "11", "/CT-UBND"]


@pytest.mark.parametrize(
    ("name", "readings", "digits"),
    [
        ("01", ["07", "04"], "01"),  # two misreadings of the 1, put right alike
        ("01", ["04", ""], "01"),  # one reading found nothing: two digits outvote it
        ("01", ["02", "02"], ""),  # the shapes say 1 where Tesseract says 2: unread
        ("11", ["", ""], "11"),
        ("15", ["5", "5"], "15"),
        ("22", ["2", "2"], ""),  # no 1 here: one digit for two inks stays unread
    ],
)
def test_readings_of_a_real_blank_are_squared_with_its_shapes(name, readings, digits) -> None:
    """The blank's Tesseract readings given (as the page's one run would give them)."""
    crop, line_height = _crop(name)
    reads = SlotReads(known={(crop.tobytes(), crop.size, line_height): readings})
    limits = ReadLimits(tesseract_cmd="no-such-tesseract")  # proves no run is made
    assert read_slot_digits(crop, line_height, limits, time.monotonic() + 60, reads) == digits
