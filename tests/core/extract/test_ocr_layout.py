"""Scans through the page layout: Tesseract word boxes → letterhead columns, stamp
text left out, and the decision whether a PDF's text layer is the document."""

from __future__ import annotations

import time

from PIL import Image, ImageDraw, ImageFont

from danvan.core.extract.readers import ReadLimits
from danvan.core.extract.readers.ocr_layout import (
    OcrWord,
    blank_page,
    ocr_layout_words,
    parse_tsv,
    stamp_words,
    text_layer_is_page,
)
from danvan.core.extract.readers.ocr_slots import (
    drop_specks,
    ink_box,
    read_blanks,
    read_date_slots,
    read_digit_lines,
    read_number_slot,
)
from danvan.core.extract.readers.pdf_reader import layout_page

HEADER = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
)


def _tsv(rows: list[tuple[int, int, int, int, int, int, str]]) -> str:
    """(block, line, left, top, width, height, text) → Tesseract TSV."""
    out = [HEADER]
    for n, (block, line, left, top, width, height, text) in enumerate(rows):
        out.append(f"5\t1\t{block}\t1\t{line}\t{n}\t{left}\t{top}\t{width}\t{height}\t91.5\t{text}")
    return "\n".join(out) + "\n"


def _line(block: int, line: int, left: int, top: int, text: str, height: int = 34):
    rows = []
    x = left
    for word in text.split():
        width = 22 * len(word)
        rows.append((block, line, x, top, width, height, word))
        x += width + 14
    return rows


# A 200 dpi page: letterhead left and motto right, read by Tesseract as separate blocks
# whose lines do not share a top; a signing stamp in small print at the top right.
PAGE = (
    _line(9, 1, 1330, 10, "Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi", 13)
    + _line(9, 2, 1330, 28, "Thời gian ký: 18/03/2024 08:41:42", 13)
    + _line(1, 1, 190, 160, "ỦY BAN NHÂN DÂN")
    + _line(1, 2, 180, 204, "TỈNH QUẢNG NGÃI")
    + _line(1, 3, 200, 282, "Số:04 /CT-UBND")
    + _line(2, 1, 680, 166, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    + _line(2, 2, 760, 212, "Độc lập - Tự do - Hạnh phúc")
    + _line(2, 3, 700, 290, "Quảng Ngãi, ngày 15 tháng 3 năm 2024")
    + _line(3, 1, 700, 390, "CHỈ THỊ")
    + _line(3, 2, 300, 432, "Về việc tăng cường công tác phòng, chống tham nhũng")
    + _line(4, 1, 180, 560, "Trong thời gian qua, công tác phòng, chống tham nhũng của tỉnh đã có")
)


def test_tsv_words_keep_their_boxes_and_lines() -> None:
    words = parse_tsv(_tsv(PAGE))
    assert words[0] == OcrWord(1330, 10, 44, 13, 91.5, "Ký", (9, 1, 1))
    assert len(words) == sum(len(r[6].split()) for r in PAGE)


def test_the_letterhead_columns_come_out_one_after_the_other() -> None:
    words = ocr_layout_words(parse_tsv(_tsv(PAGE)), 72 / 200)
    text, _ = layout_page(words, first_page=True)
    lines = text.split("\n")
    assert lines[:6] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH QUẢNG NGÃI",
        "Số:04 /CT-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quảng Ngãi, ngày 15 tháng 3 năm 2024",
    ]
    assert lines[6] == "CHỈ THỊ"


def test_signing_stamp_text_is_left_out_of_the_page() -> None:
    words = ocr_layout_words(parse_tsv(_tsv(PAGE)), 72 / 200)
    text = " ".join(w["text"] for w in words)
    assert "Ký" not in text and "18/03/2024" not in text


def test_words_inside_a_mask_from_the_text_layer_are_dropped() -> None:
    mask = [(100 * 72 / 200, 270 * 72 / 200, 600 * 72 / 200, 330 * 72 / 200)]
    words = ocr_layout_words(parse_tsv(_tsv(PAGE)), 72 / 200, mask)
    assert "Số:04" not in [w["text"] for w in words]


def _words(lines: list[tuple[float, float, str, float]]) -> list[dict[str, object]]:
    """(x0, top, text, height) per line → pdfplumber-like words."""
    out: list[dict[str, object]] = []
    for x0, top, text, height in lines:
        x = x0
        for word in text.split():
            out.append(
                {
                    "text": word,
                    "x0": x,
                    "x1": x + 0.5 * height * len(word),
                    "top": top,
                    "bottom": top + height,
                }
            )
            x += 0.5 * height * (len(word) + 1)
    return out


STAMP_ONLY = _words(
    [
        (250, 8, "TRUNG TÂM CÔNG", 6),
        (250, 15, "BÁO VÀ TIN HỌC", 6),
        (250, 22, "ttcbth@quangngai.gov.vn", 6),
        (250, 29, "18.03.2024 09:29:39", 6),
        (480, 8, "Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi", 5),
        (480, 15, "Cơ quan: Tỉnh Quảng Ngãi", 5),
        (480, 22, "Thời gian ký: 18/03/2024 08:41:42", 5),
    ]
)


def test_a_text_layer_of_stamps_over_a_scan_is_not_the_page() -> None:
    content, boxes = stamp_words(STAMP_ONLY)
    assert content == [] and boxes
    assert not text_layer_is_page(content, image_cover=0.98)


def test_a_born_digital_page_keeps_its_text_and_loses_only_the_stamp() -> None:
    body = [
        (60, 80 + 20 * k, "Ủy ban nhân dân tỉnh báo cáo kết quả thực hiện nhiệm vụ năm 2024", 13)
        for k in range(12)
    ]
    words = _words(body) + STAMP_ONLY
    content, _ = stamp_words(words)
    assert len(content) == len(_words(body))
    assert text_layer_is_page(content, image_cover=0.0)


def test_an_ocr_text_layer_over_its_scan_is_the_page() -> None:
    body = [
        (60, 80 + 20 * k, "Ủy ban nhân dân tỉnh báo cáo kết quả thực hiện nhiệm vụ năm 2024", 13)
        for k in range(12)
    ]
    content, _ = stamp_words(_words(body))
    assert text_layer_is_page(content, image_cover=1.0)


def test_a_blank_back_page_is_not_sent_to_ocr() -> None:
    page = Image.new("L", (1240, 1754), 250)
    draw = ImageDraw.Draw(page)
    draw.ellipse((200, 500, 320, 620), outline=170)  # a seal showing through
    assert blank_page(page)
    for k in range(30):
        draw.text((100, 100 + 40 * k), "Nội dung văn bản " * 6, fill=0)
    assert not blank_page(page)


def test_an_attached_document_page_gets_its_letterhead_columns() -> None:
    words = ocr_layout_words(parse_tsv(_tsv(PAGE)), 72 / 200)
    carried = [w for w in words if w["text"] in ("Trong", "thời")]
    text, _ = layout_page(words, first_page=False, carry=[carried])
    assert "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố:04 /CT-UBND\nCỘNG HÒA" in text


def test_the_number_slot_is_read_again_as_digits(tmp_path) -> None:
    """One small crop through Tesseract: the digits written into "Số: … /TB-UBND", which
    the page's OCR read as letters, are read again with a digits-only model."""
    font = ImageFont.truetype("DejaVuSans.ttf", 40)
    page = Image.new("L", (1600, 2200), 255)
    draw = ImageDraw.Draw(page)
    draw.text((100, 200), "Số:", font=font, fill=0)
    draw.text((215, 195), "25", font=ImageFont.truetype("DejaVuSans-Bold.ttf", 46), fill=0)
    draw.text((330, 200), "/TB-UBND", font=font, fill=0)
    label = OcrWord(100, 200, 70, 46, 90.0, "Số:", (1, 1, 1))
    junk = OcrWord(215, 195, 60, 50, 20.0, "ŻŠ", (1, 1, 1))
    slash = OcrWord(330, 200, 190, 46, 90.0, "/TB-UBND", (1, 1, 1))
    words = read_number_slot([label, junk, slash], page, ReadLimits(), time.monotonic() + 60)
    assert [w.text for w in words] == ["Số:", "25", "/TB-UBND"]


def test_the_day_blank_of_the_date_line_is_read_again_as_digits() -> None:
    """The day written into "ngày … tháng 3", which the page's OCR glued to its label as
    letters ("ngàyÂD"), is read again from its crop and set between the two labels."""
    font = ImageFont.truetype("DejaVuSans.ttf", 40)
    page = Image.new("L", (1600, 2200), 255)
    draw = ImageDraw.Draw(page)
    draw.text((100, 200), "ngày", font=font, fill=0)
    draw.text((230, 195), "17", font=ImageFont.truetype("DejaVuSans-Bold.ttf", 46), fill=0)
    draw.text((330, 200), "tháng 3 năm 2024", font=font, fill=0)
    glued = OcrWord(100, 200, 190, 46, 20.0, "ngàyÂD", (1, 1, 1))
    rest = [
        OcrWord(330, 200, 110, 46, 92.0, "tháng", (1, 1, 1)),
        OcrWord(460, 200, 25, 46, 92.0, "3", (1, 1, 1)),
        OcrWord(505, 200, 80, 46, 92.0, "năm", (1, 1, 1)),
        OcrWord(605, 200, 100, 46, 92.0, "2024", (1, 1, 1)),
    ]
    words = read_date_slots([glued, *rest], page, ReadLimits(), time.monotonic() + 60)
    assert [w.text for w in words] == ["ngày", "17", "tháng", "3", "năm", "2024"]


def test_digit_lines_of_several_crops_come_back_in_order_from_one_run() -> None:
    """Crops read in one Tesseract run: each crop's digits at its place, a crop with no
    digit read as nothing (the run's TSV numbers its pages; a blank one has no word)."""
    bold = ImageFont.truetype("DejaVuSans-Bold.ttf", 46)
    crops = []
    for text in ("17", "", "305"):
        crop = Image.new("L", (200, 80), 255)
        ImageDraw.Draw(crop).text((20, 10), text, font=bold, fill=0)
        crops.append(crop)
    assert read_digit_lines(crops, ReadLimits(), time.monotonic() + 60) == ["17", "", "305"]


def test_the_number_and_both_date_blanks_of_a_letterhead_are_read_again() -> None:
    """The number, day and month blanks of one page, gathered and read together."""
    font, bold = (
        ImageFont.truetype("DejaVuSans.ttf", 40),
        ImageFont.truetype("DejaVuSans-Bold.ttf", 46),
    )
    page = Image.new("L", (1600, 2200), 255)
    draw = ImageDraw.Draw(page)
    draw.text((100, 200), "Số:", font=font, fill=0)
    draw.text((215, 195), "25", font=bold, fill=0)
    draw.text((330, 200), "/TB-UBND", font=font, fill=0)
    for left, text in ((100, "ngày"), (330, "tháng"), (590, "năm 2024")):
        draw.text((left, 400), text, font=font, fill=0)
    draw.text((230, 395), "17", font=bold, fill=0)
    draw.text((480, 395), "11", font=bold, fill=0)
    words = [
        OcrWord(100, 200, 70, 46, 90.0, "Số:", (1, 1, 1)),
        OcrWord(215, 195, 60, 50, 20.0, "ŻŠ", (1, 1, 1)),
        OcrWord(330, 200, 190, 46, 90.0, "/TB-UBND", (1, 1, 1)),
        OcrWord(100, 400, 100, 46, 92.0, "ngày", (2, 1, 1)),
        OcrWord(230, 395, 60, 50, 20.0, "ÂD", (2, 1, 1)),
        OcrWord(330, 400, 110, 46, 92.0, "tháng", (2, 1, 1)),
        OcrWord(480, 395, 60, 50, 20.0, "ØĐ", (2, 1, 1)),
        OcrWord(590, 400, 80, 46, 92.0, "năm", (2, 1, 1)),
        OcrWord(690, 400, 100, 46, 92.0, "2024", (2, 1, 1)),
    ]
    out = read_blanks(words, page, ReadLimits(), time.monotonic() + 60)
    assert [w.text for w in out] == [
        "Số:",
        "25",
        "/TB-UBND",
        "ngày",
        "17",
        "tháng",
        "11",
        "năm",
        "2024",
    ]


def test_a_printed_date_is_not_read_again() -> None:
    """Digits the page's OCR read with confidence stay as they are (no crop is read:
    the page here is blank, so a second reading would find nothing)."""
    page = Image.new("L", (1600, 2200), 255)
    line = ["ngày", "05", "tháng", "02", "năm", "2025"]
    words = [OcrWord(100 + 120 * n, 200, 100, 46, 95.0, t, (1, 1, 1)) for n, t in enumerate(line)]
    assert read_date_slots(words, page, ReadLimits(), time.monotonic() + 60) == words


def test_a_colon_caught_at_the_edge_of_a_blank_is_dropped_before_the_digits_are_read() -> None:
    crop = Image.new("L", (80, 60), 255)
    draw = ImageDraw.Draw(crop)
    draw.rectangle((1, 20, 4, 23), fill=0)  # the colon of "Số:"
    draw.rectangle((1, 36, 4, 39), fill=0)
    draw.line((40, 10, 40, 50), fill=0, width=4)  # a handwritten 1
    cleaned = drop_specks(crop, 40)
    assert ink_box(cleaned) == (39, 10, 43, 51)
    assert ink_box(crop) == (1, 10, 43, 51)
