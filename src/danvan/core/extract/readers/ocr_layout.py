"""Scanned pages through their layout: Tesseract's word boxes (TSV) turned into the
word dicts the PDF reader lays out (letterhead columns, centred title, Nơi nhận and
signature columns), and the decision whether a PDF page's text layer is the document
or only a signing/publication stamp over an image of it.

Plain OCR text reads a two-column letterhead as one line ("ỦY BAN NHÂN DÂN CỘNG HÒA
XÃ HỘI …"); the boxes let the PDF reader's column logic see the two blocks.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from danvan.core.extract.readers.base import ReadError, ReadLimits, check_deadline, report_pages
from danvan.core.extract.readers.ocr import (
    OcrWord,
    ocr_parallel,
    page_rotation,
    parse_tsv,
    prepare,
    run_tesseract,
)
from danvan.core.extract.readers.ocr_slots import read_blanks

Words = list[dict[str, Any]]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom
MAX_RENDER_PIXELS = 40_000_000  # an A3 page at 300 dpi is 17.4 MP

# Digital-signature and publication stamps: "Ký bởi: …", "Người ký: …", "Thời gian ký: …",
# "Cơ quan: …", "TRUNG TÂM CÔNG BÁO …", an e-mail, a time of day with seconds, "+07:00".
STAMP_RE = re.compile(
    r"k[ýy]\s*bởi|người\s*k[ýy]\b|thời\s*gian\s*k[ýy]|\bcơ\s*quan\s*:|công\s*báo|e-?mail|\S@\S"
    r"|\b\d{1,2}:\d{2}:\d{2}\b|\+0?7:?00\b",
    re.IGNORECASE,
)
SMALL_TEXT = 0.6  # words lower than this share of the page's usual word are stamp print
MIN_CONTENT_LETTERS = (
    120  # a text layer with fewer letters than this outside stamps is not the page
)
MIN_IMAGE_SHARE = 0.3  # an image covering this share of the page may be the page itself
_LETTER = re.compile(r"[^\W\d_]")
_ALNUM = re.compile(r"[^\W_]")


def _noise(word: OcrWord) -> bool:
    """Specks and seal fragments: low confidence and hardly a letter or digit in it."""
    alnum = len(_ALNUM.findall(word.text))
    # a letter or two Tesseract hardly believes in: a signature's scribble ("z")
    scribble = len(word.text) <= 2 and word.text.isalpha() and word.conf < 10
    return (
        (alnum == 0 and word.conf < 70) or (word.conf < 40 and alnum <= len(word.text) / 2)
    ) or scribble


def _usual_height(heights: Iterable[float]) -> float:
    values = sorted(heights)
    return statistics.median(values) if values else 0.0


@dataclass
class _Row:
    top: float
    bottom: float
    words: list[OcrWord]

    @property
    def center(self) -> float:
        return (self.top + self.bottom) / 2


def _tess_lines(words: list[OcrWord]) -> list[list[OcrWord]]:
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return list(lines.values())


def _line_box(line: list[OcrWord]) -> Box:
    """(left, top, right, bottom) with the line's usual height, not its tallest accent."""
    height = _usual_height(w.height for w in line)
    bottom = _usual_height(w.bottom for w in line)
    return (
        min(w.left for w in line),
        bottom - height,
        max(w.right for w in line),
        bottom,
    )


def stamp_boxes_from_lines(lines: list[tuple[str, Box]], usual_height: float) -> list[Box]:
    """Boxes of stamp blocks: a line naming a stamp ("Ký bởi", a time "08:41:42") and the
    small-print lines stacked with it (the signer's name, "Tỉnh Quảng Ngãi")."""
    boxes: list[Box] = []
    small = [
        (text, box) for text, box in lines if usual_height and box[3] - box[1] < 0.8 * usual_height
    ]
    seeds = [box for text, box in small if STAMP_RE.search(text)]
    seeds += [
        box
        for text, box in lines
        if STAMP_RE.search(text) and re.search(r"k[ýy]\s*bởi|thời\s*gian\s*k[ýy]", text, re.I)
    ]
    for seed in seeds:
        box = list(seed)
        grown = True
        while grown:
            grown = False
            for _, other in small:
                height = other[3] - other[1]
                near_v = other[1] <= box[3] + 1.5 * height and other[3] >= box[1] - 1.5 * height
                near_h = other[0] <= box[2] + 2 * height and other[2] >= box[0] - 2 * height
                inside = (
                    box[0] <= other[0]
                    and other[2] <= box[2]
                    and box[1] <= other[1]
                    and other[3] <= box[3]
                )
                if near_v and near_h and not inside:
                    box = [
                        min(box[0], other[0]),
                        min(box[1], other[1]),
                        max(box[2], other[2]),
                        max(box[3], other[3]),
                    ]
                    grown = True
        boxes.append((box[0], box[1], box[2], box[3]))
    return boxes


def _inside(word: OcrWord, boxes: list[Box], scale: float) -> bool:
    cx = (word.left + word.right) / 2 * scale
    cy = (word.top + word.bottom) / 2 * scale
    return any(b[0] - 2 <= cx <= b[2] + 2 and b[1] - 2 <= cy <= b[3] + 2 for b in boxes)


def ocr_layout_words(words: list[OcrWord], scale: float, masks: list[Box] | None = None) -> Words:
    """Tesseract words → pdfplumber-like word dicts in points (``scale`` = 72 / dpi).

    Noise (seal fragments, specks), words inside ``masks`` (stamp boxes found in the text
    layer, in points) and stamp blocks printed small are dropped. Tesseract's lines that
    stand side by side (the two letterhead columns) become one row sharing a top and a
    bottom, so the PDF reader's line grouping sees them as one line of two columns, as it
    does with a text layer.
    """
    masks = masks or []
    kept = [w for w in words if not _noise(w) and not _inside(w, masks, scale)]
    usual = _usual_height(w.height for w in kept if _LETTER.search(w.text))
    # a speck read as a letter or digit (far lower than any print) would bridge the gap
    # between two columns; a dash keeps its flat box
    kept = [w for w in kept if not (_ALNUM.search(w.text) and w.height < 0.3 * usual)]
    lines = _tess_lines(kept)
    described = [(" ".join(w.text for w in line), _line_box(line)) for line in lines]
    stamps = stamp_boxes_from_lines(described, usual)
    rows: list[_Row] = []
    for line, (text, box) in sorted(
        zip(lines, described, strict=True), key=lambda item: item[1][1][1]
    ):
        height = box[3] - box[1]
        if usual and height < SMALL_TEXT * usual and not re.search(r"\d", text):
            continue  # small print: stamp, seal ring text, scanner marks
        if any(
            s[0] <= (box[0] + box[2]) / 2 <= s[2] and s[1] <= (box[1] + box[3]) / 2 <= s[3]
            for s in stamps
        ):
            continue
        center = (box[1] + box[3]) / 2
        row = next(
            (
                r
                for r in rows[-3:]
                if abs(r.center - center) < 0.5 * max(height, r.bottom - r.top)
                and not any(w.left < box[2] and box[0] < w.right for w in r.words)
            ),
            None,
        )
        if row is None:
            rows.append(_Row(box[1], box[3], list(line)))
        else:
            row.top, row.bottom = min(row.top, box[1]), max(row.bottom, box[3])
            row.words.extend(line)
    out: Words = []
    for row in rows:
        for word in sorted(row.words, key=lambda w: w.left):
            out.append(
                {
                    "text": word.text,
                    "x0": word.left * scale,
                    "x1": word.right * scale,
                    "top": row.top * scale,
                    "bottom": row.bottom * scale,
                    "conf": word.conf,
                }
            )
    return out


# -- the text layer: the document, or only stamps over an image of it


def stamp_words(words: Words) -> tuple[Words, list[Box]]:
    """(content words, stamp boxes) of a page's text-layer words (pdfplumber dicts)."""
    from danvan.core.extract.readers.pdf_reader import group_lines  # a cycle otherwise

    heights = [float(w["bottom"]) - float(w["top"]) for w in words if _LETTER.search(w["text"])]
    usual = _usual_height(heights)
    described = []
    for line in group_lines(words):
        box = (
            min(float(w["x0"]) for w in line),
            min(float(w["top"]) for w in line),
            max(float(w["x1"]) for w in line),
            max(float(w["bottom"]) for w in line),
        )
        described.append((" ".join(w["text"] for w in line), box))
    # a page whose whole text is stamp print is measured against body text it lacks
    if described and all(STAMP_RE.search(t) or box[3] - box[1] < 9 for t, box in described):
        usual = max(usual, 14.0)
    boxes = stamp_boxes_from_lines(described, usual)
    content = [
        w
        for w in words
        if not any(
            b[0] - 1 <= (float(w["x0"]) + float(w["x1"])) / 2 <= b[2] + 1
            and b[1] - 1 <= (float(w["top"]) + float(w["bottom"])) / 2 <= b[3] + 1
            for b in boxes
        )
    ]
    return content, boxes


def image_share(page: Any) -> float:
    """The largest share of the page one image covers (0 when it has none)."""
    area = float(page.width) * float(page.height) or 1.0
    best = 0.0
    for image in page.images:
        w = max(0.0, float(image["x1"]) - float(image["x0"]))
        h = max(0.0, float(image["bottom"]) - float(image["top"]))
        best = max(best, min(1.0, w * h / area))
    return best


def text_layer_is_page(content: Words, image_cover: float) -> bool:
    """Whether the text layer (stamps left out) covers the page's content.

    Not when an image covers much of the page and the text outside stamps is a few
    letters (a scan carrying only its signature stamps' text); an OCR'd scan's own
    invisible text layer is many letters over the image and counts.
    """
    letters = sum(len(_LETTER.findall(w["text"])) for w in content)
    if image_cover < MIN_IMAGE_SHARE:
        return letters >= 8
    return letters >= MIN_CONTENT_LETTERS


def blank_page(image: Any) -> bool:
    """A page with hardly any ink (the blank back of a duplex scan, a faint seal showing
    through): not worth OCR. ``image`` is greyscale; a text page has a few per cent of
    dark pixels, a blank one well under one per mille."""
    histogram = image.histogram()[:256]
    total = sum(histogram) or 1
    return sum(histogram[:128]) / total < 0.001


# -- pages scanned sideways or upside down


def _well_read(words: list[OcrWord]) -> int:
    """How many words Tesseract read with confidence (and with a letter in them)."""
    return sum(1 for w in words if w.conf >= 60 and _LETTER.search(w.text))


def ocr_upright(
    image: Any, limits: ReadLimits, deadline: float, dpi: int | None
) -> tuple[Any, list[OcrWord]]:
    """The page's words, and the image they were read from. A page that reads badly (under
    half its words with confidence: a page turned sideways or upside down reads as
    noise) is checked by orientation detection, turned and read again; the better read
    wins. An upright page costs nothing more."""
    words = parse_tsv(run_tesseract(image, limits, deadline, dpi, "tsv"))
    if _well_read(words) >= 0.5 * len(words) and len(words) >= 5:
        return image, words
    turn = page_rotation(image, limits, deadline, dpi)
    if not turn:
        return image, words
    turned = image.rotate(-turn, expand=True, fillcolor=255)
    again = parse_tsv(run_tesseract(turned, limits, deadline, dpi, "tsv"))
    if _well_read(again) > _well_read(words):
        return turned, again
    return image, words


# -- OCR of a PDF's pages


def ocr_pdf_pages(
    path: Path, indexes: list[int], masks: dict[int, list[Box]], limits: ReadLimits, deadline: float
) -> dict[int, Words]:
    """Word dicts (points) of the pages ``indexes`` by OCR, several pages at once; a blank
    page gives no words and no tesseract run. Pages in ``limits.page_cache`` are taken
    from there, pages recognised here are put there; progress goes to ``limits.progress``."""

    cache = limits.page_cache
    found: dict[int, Words] = {}
    for index in indexes:
        cached = cache.get(index) if cache is not None else None
        if isinstance(cached, list):
            found[index] = cached
    todo = [index for index in indexes if index not in found]
    report_pages(limits, len(found), len(indexes))
    if not todo:
        return found
    try:
        document: Any = pdfium.PdfDocument(str(path))
    except Exception:
        raise ReadError("corrupt", "Tệp PDF bị hỏng hoặc không đầy đủ, không đọc được.")

    def rendered() -> Iterator[tuple[int, Any, float]]:
        for index in todo:
            check_deadline(deadline, limits)
            page = document[index]
            try:
                width, height = page.get_size()
                # Bound the bitmap (an A0 plan at 300 dpi would be 140 MP).
                scale = min(
                    limits.ocr_dpi / 72, (MAX_RENDER_PIXELS / max(1.0, width * height)) ** 0.5
                )
                image = page.render(scale=scale).to_pil()
            finally:
                page.close()
            yield index, image, scale

    def work(item: tuple[int, Any, float]) -> tuple[int, Words]:
        index, image, scale = item
        image = prepare(image)
        if blank_page(image):
            return index, []
        upright, words = ocr_upright(image, limits, deadline, int(round(scale * 72)))
        words = read_blanks(words, upright, limits, deadline)
        # the text layer's stamp boxes are where the page was before it was turned
        mask = masks.get(index) if upright is image else None
        return index, ocr_layout_words(words, 1 / scale, mask)

    try:
        for index, words in ocr_parallel(work, rendered(), limits):
            found[index] = words
            if cache is not None:
                cache.put(index, words)
            report_pages(limits, len(found), len(indexes))
    finally:
        document.close()
    return found


def image_page_text(
    image: Any, limits: ReadLimits, deadline: float, dpi: int | None
) -> tuple[str, int, int]:
    """One page image (a scan given as PNG/JPEG/TIFF) through the page layout, NFC; with
    how many of its words were read with confidence, and how many were read. Without a
    resolution in the file, the page is taken as A4 wide, so the layout's measures (in
    points) hold."""
    from danvan.core.extract.readers.pdf_reader import layout_page  # a cycle otherwise

    image = prepare(image)
    if blank_page(image):
        return "", 0, 0
    image, words = ocr_upright(image, limits, deadline, dpi)
    scale = 72 / dpi if dpi else 595 / max(1, image.width)
    text, _ = layout_page(ocr_layout_words(words, scale), first_page=True)
    # a page with ink counts as one word read at least: a photo may give Tesseract none
    lettered = max(1, sum(1 for w in words if _LETTER.search(w.text)))
    return text, _well_read(words), lettered
