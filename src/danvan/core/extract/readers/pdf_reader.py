"""PDF: the text layer through pdfplumber, page by page; pages without
usable text go through OCR (rendered with pypdfium2) when it is available."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from danvan.core.extract.normalise import (
    clean_pages,
    convert_legacy,
    detect_legacy,
    join_split_u,
    legacy_font,
    normalise_extracted,
    repair_split_u,
)
from danvan.core.extract.readers.base import (
    ReadError,
    ReadLimits,
    ReadResult,
    check_deadline,
)
from danvan.core.extract.readers.ocr import (
    ocr_available,
    ocr_image,
    ocr_unavailable_error,
    prepare,
)
from danvan.core.text import fold

ENCRYPTED_MESSAGE = (
    "Tệp PDF được bảo vệ bằng mật khẩu nên không đọc được. Hãy gỡ mật khẩu rồi nạp lại."
)
CORRUPT_MESSAGE = "Tệp PDF bị hỏng hoặc không đầy đủ, không đọc được."
_CID = re.compile(r"\(cid:\d+\)")
_WORDCHAR = re.compile(r"\w")
MIN_PAGE_CHARS = 8
MAX_RENDER_PIXELS = 40_000_000  # an A3 page at 300 dpi is 17.4 MP


def _is_password_error(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        name = type(current).__name__
        if "Password" in name or "Encrypt" in name or "password" in str(current).lower():
            return True
        current = current.__cause__ or current.__context__
        if current is None and exc.args and isinstance(exc.args[0], BaseException):
            current = exc.args[0]
    return False


def convert_legacy_words(words: list[dict[str, Any]]) -> int:
    """Convert, in place, words set in a TCVN3/VNI font; returns how many.

    Two TCVN3 words one space apart that only make sense joined by "ư" are
    merged (the text layer turned the ư code, 0xAD, into a space).
    """
    converted = 0
    previous: dict[str, Any] | None = None
    keep: list[dict[str, Any]] = []
    for word in words:
        legacy = legacy_font(word.get("fontname"))
        if not legacy:
            keep.append(word)
            previous = None
            continue
        word["text"] = convert_legacy(word["text"], legacy[0], upper=legacy[1])
        converted += 1
        if previous is not None and legacy[0] == "tcvn3":
            height = float(word["bottom"]) - float(word["top"])
            same_line = abs(float(word["top"]) - float(previous["top"])) < 1
            gap = float(word["x0"]) - float(previous["x1"])
            joined = join_split_u(previous["text"], word["text"])
            if same_line and 0 <= gap < 0.6 * height and joined is not None:
                previous["text"] = joined.upper() if legacy[1] else joined
                previous["x1"] = word["x1"]
                continue
        keep.append(word)
        previous = word if legacy[0] == "tcvn3" else None
    words[:] = keep
    return converted


def _convert_guessed_lines(text: str) -> tuple[str, int]:
    """Lines still in TCVN3/VNI (fonts without a telling name): guess and convert."""
    lines = text.split("\n")
    converted = 0
    for i, line in enumerate(lines):
        guessed = detect_legacy(line)
        if guessed:
            line = convert_legacy(line, guessed)
            lines[i] = repair_split_u(line) if guessed == "tcvn3" else line
            converted = 1
    return "\n".join(lines), converted


def usable_text(text: str) -> bool:
    """A text layer worth keeping: enough word characters, not font codes."""
    cids = len(_CID.findall(text))
    cleaned = _CID.sub("", text)
    letters = len(_WORDCHAR.findall(cleaned))
    return letters >= MIN_PAGE_CHARS and cids <= letters / 10


# -- page layout: lines from words; the two-column blocks of a letterhead and
# of the "Nơi nhận" / signature area are read column by column, like the
# table cells of the .docx they usually come from.

Y_TOLERANCE = 3.0
LETTERHEAD_LINES = 6
MAX_LETTERHEAD_ROWS = 8


@dataclass
class Segment:
    x0: float
    x1: float
    text: str
    top: float = 0.0
    bottom: float = 0.0

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


def page_lines(words: list[dict[str, Any]]) -> list[list[Segment]]:
    """Words (pdfplumber dicts) → lines top to bottom, each a list of segments
    split where the horizontal gap is wider than two line heights."""
    lines: list[list[dict[str, Any]]] = []
    last_top: float | None = None
    for word in sorted(words, key=lambda w: (round(float(w["top"]), 1), float(w["x0"]))):
        top = float(word["top"])
        if last_top is None or top - last_top > Y_TOLERANCE:
            lines.append([])
        lines[-1].append(word)
        last_top = top
    result: list[list[Segment]] = []
    for line in lines:
        line.sort(key=lambda w: float(w["x0"]))
        height = max(float(w["bottom"]) - float(w["top"]) for w in line)
        segments: list[Segment] = []
        for word in line:
            x0, x1 = float(word["x0"]), float(word["x1"])
            gap = x0 - segments[-1].x1 if segments else 0.0
            if segments and gap <= 2 * height:
                segments[-1].x1 = x1
                # Words split only by a font change inside a word touch.
                segments[-1].text += ("" if gap < 0.1 * height else " ") + word["text"]
            else:
                segments.append(Segment(x0, x1, word["text"]))
        top = min(float(w["top"]) for w in line)
        bottom = max(float(w["bottom"]) for w in line)
        for segment in segments:
            segment.top, segment.bottom = top, bottom
        result.append(segments)
    return result


def _is_recipients(segment: Segment) -> bool:
    return fold(segment.text).startswith("noi nhan")


_NUMBER_LINE = re.compile(r"^\s*s[oố]\s*:", re.I)
_DATE_LINE = re.compile(r"ngày\s+\S+\s+tháng\s+\S+\s+năm", re.I)
_SUBJECT_LINE = re.compile(r"^\s*v/v\b", re.I)


class _Columns:
    """The two columns of a letterhead or signature block, as seen so far."""

    def __init__(self, left: Segment, right: Segment) -> None:
        self.left: list[str] = [left.text]
        self.right: list[str] = [right.text]
        self.left_centers = [left.center]
        self.right_centers = [right.center]
        self.left_end = left.x1
        self.right_start = right.x0
        self.bottom = max(left.bottom, right.bottom)

    def side(self, segment: Segment) -> str:
        left = sum(self.left_centers) / len(self.left_centers)
        right = sum(self.right_centers) / len(self.right_centers)
        return "left" if abs(segment.center - left) <= abs(segment.center - right) else "right"

    def add(self, segment: Segment, side: str) -> None:
        if side == "left":
            self.left.append(segment.text)
            self.left_centers.append(segment.center)
        else:
            self.right.append(segment.text)
            self.right_centers.append(segment.center)
        self.bottom = max(self.bottom, segment.bottom)


def layout_text(lines: list[list[Segment]], first_page: bool) -> str:
    """Page text; two-column letterhead/signature blocks come out column by column.

    Letterhead: the first lines of the first page, while the left block has
    not yet given its "Số:" line and the right block its date; a "V/v"
    subject under the number (and its tightly spaced continuation lines)
    still belongs to the left block. Signature: from the "Nơi nhận:" line
    down while lines stay within one of the two columns.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        letterhead = first_page and i < LETTERHEAD_LINES
        if not (len(line) == 2 and (letterhead or _is_recipients(line[0]))):
            out.append(" ".join(segment.text for segment in line))
            i += 1
            continue
        columns = _Columns(line[0], line[1])
        seen_number = bool(_NUMBER_LINE.match(line[0].text))
        seen_date = bool(_DATE_LINE.search(line[1].text))
        in_subject = bool(_SUBJECT_LINE.match(line[0].text))
        start = i
        i += 1
        while i < len(lines) and not (letterhead and i - start >= MAX_LETTERHEAD_ROWS):
            segments = lines[i]
            first = segments[0]
            header_done = letterhead and seen_number and seen_date
            if len(segments) == 2:
                if columns.side(first) != "left" or columns.side(segments[1]) != "right":
                    break
                columns.add(first, "left")
                columns.add(segments[1], "right")
                seen_date = seen_date or bool(_DATE_LINE.search(segments[1].text))
            elif len(segments) == 1 and columns.side(first) == "left":
                if first.x0 >= columns.right_start:
                    break
                subject = bool(_SUBJECT_LINE.match(first.text))
                tight = first.top - columns.bottom < 0.6 * (first.bottom - first.top)
                if header_done and not subject and not (in_subject and tight):
                    break
                columns.add(first, "left")
                in_subject = in_subject or subject
            elif len(segments) == 1 and not header_done and first.x0 > columns.left_end - 1:
                columns.add(first, "right")
                seen_date = seen_date or bool(_DATE_LINE.search(first.text))
            else:
                break
            seen_number = seen_number or bool(_NUMBER_LINE.match(first.text))
            i += 1
        out.extend(columns.left + columns.right)
    return "\n".join(out)


class PdfReader:
    format = "pdf"

    def read(self, path: Path, limits: ReadLimits, deadline: float) -> ReadResult:
        import pdfplumber  # lazy: keeps `danvan extract` on .txt light

        # pdfminer warns about every oddity of a PDF; our own warnings say what matters.
        logging.getLogger("pdfminer").setLevel(logging.ERROR)

        try:
            pdf = pdfplumber.open(path)
        except Exception as exc:
            if _is_password_error(exc):
                raise ReadError("encrypted", ENCRYPTED_MESSAGE)
            raise ReadError("corrupt", CORRUPT_MESSAGE)
        warnings: list[str] = []
        texts: list[str] = []
        needs_ocr: list[int] = []
        with pdf:
            try:
                pages = pdf.pages
            except Exception as exc:
                if _is_password_error(exc):
                    raise ReadError("encrypted", ENCRYPTED_MESSAGE)
                raise ReadError("corrupt", CORRUPT_MESSAGE)
            if len(pages) > limits.max_pages:
                raise ReadError(
                    "too_large",
                    f"Tệp PDF có {len(pages)} trang, vượt giới hạn {limits.max_pages} trang.",
                )
            unreadable = legacy_words = guessed_pages = 0
            for index, page in enumerate(pages):
                check_deadline(deadline, limits)
                try:
                    words = page.extract_words(
                        x_tolerance=3, y_tolerance=Y_TOLERANCE, extra_attrs=["fontname"]
                    )
                    legacy_words += convert_legacy_words(words)
                    text = layout_text(page_lines(words), first_page=index == 0)
                    text, guessed = _convert_guessed_lines(text)
                    guessed_pages += guessed
                    has_images = bool(page.images)
                except Exception:
                    text, has_images = "", True
                    unreadable += 1
                finally:
                    # Drop the page's parsed objects: memory stays flat on long PDFs.
                    page.close()
                if usable_text(text):
                    texts.append(text)
                else:
                    texts.append("")
                    if has_images or text.strip():
                        needs_ocr.append(index)
            page_count = len(pages)
        if unreadable:
            warnings.append(f"{unreadable} trang PDF bị lỗi cấu trúc, đã bỏ qua lớp chữ.")
        if legacy_words:
            warnings.append(
                "Một phần văn bản dùng phông chữ cũ (TCVN3/VNI) và đã được chuyển sang Unicode."
            )
        if guessed_pages:
            warnings.append(
                f"{guessed_pages} trang có chữ mã TCVN3/VNI không rõ phông; đã đoán bảng mã và "
                "chuyển sang Unicode, nên kiểm tra lại."
            )
        ocr_used = False
        if needs_ocr:
            if limits.ocr and ocr_available(limits.tesseract_cmd, limits.ocr_language):
                self._ocr_pages(path, needs_ocr, texts, limits, deadline)
                ocr_used = True
                warnings.append(
                    f"{len(needs_ocr)}/{page_count} trang không có lớp chữ, đã nhận dạng bằng "
                    "OCR; có thể còn lỗi chính tả."
                )
            elif not any(t.strip() for t in texts):
                raise ocr_unavailable_error(limits, "Tệp PDF không có lớp chữ (bản quét)")
            else:
                warnings.append(
                    f"{len(needs_ocr)}/{page_count} trang là ảnh quét nhưng không có OCR "
                    "nên đã bỏ qua các trang này."
                )
        text = normalise_extracted(clean_pages(texts))
        if not text.strip():
            raise ReadError("no_text", "Tệp PDF không có chữ nào đọc được.")
        return ReadResult(
            text=text, format="pdf", pages=page_count, warnings=warnings, ocr_used=ocr_used
        )

    @staticmethod
    def _ocr_pages(
        path: Path, indexes: list[int], texts: list[str], limits: ReadLimits, deadline: float
    ) -> None:
        import pypdfium2 as pdfium

        try:
            document: Any = pdfium.PdfDocument(str(path))
        except Exception:
            raise ReadError("corrupt", CORRUPT_MESSAGE)
        try:
            for index in indexes:
                check_deadline(deadline, limits)
                page = document[index]
                try:
                    width, height = page.get_size()
                    # Bound the bitmap (an A0 plan at 300 dpi would be 140 MP).
                    scale = min(
                        limits.ocr_dpi / 72, (MAX_RENDER_PIXELS / max(1.0, width * height)) ** 0.5
                    )
                    image = page.render(scale=scale, grayscale=True).to_pil()
                finally:
                    page.close()
                dpi = int(round(scale * 72))
                texts[index] = ocr_image(prepare(image), limits, deadline, dpi)
        finally:
            document.close()
