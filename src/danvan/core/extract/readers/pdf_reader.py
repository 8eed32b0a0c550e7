"""PDF: the text layer through pdfplumber, page by page; pages without
usable text go through OCR (rendered with pypdfium2) when it is available."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber

from danvan.core.extract.normalise import (
    clean_pages,
    convert_legacy,
    detect_legacy,
    is_vietnamese_syllable,
    join_split_u,
    legacy_font,
    normalise_extracted,
    repair_split_u,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vietnamese_score,
    vni_to_unicode,
)
from danvan.core.extract.readers.base import (
    ReadError,
    ReadLimits,
    ReadResult,
    check_deadline,
    report_pages,
)
from danvan.core.extract.readers.ocr import (
    ocr_available,
    ocr_cap_warning,
    ocr_page_choice,
    ocr_unavailable_error,
    require_ocr,
)
from danvan.core.extract.readers.ocr_layout import (
    Box,
    image_share,
    ocr_pdf_pages,
    stamp_words,
    text_layer_is_page,
)
from danvan.core.text import fold

ENCRYPTED_MESSAGE = (
    "Tệp PDF được bảo vệ bằng mật khẩu nên không đọc được. Hãy gỡ mật khẩu rồi nạp lại."
)
CORRUPT_MESSAGE = "Tệp PDF bị hỏng hoặc không đầy đủ, không đọc được."
_CID = re.compile(r"\(cid:\d+\)")
_WORDCHAR = re.compile(r"\w")
MIN_PAGE_CHARS = 8


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
    """Lines still in TCVN3/VNI (fonts without a telling name): guess and convert.

    The page's encoding is the one most of its lines are guessed in; it then decides
    lines the guess finds ambiguous ("Daân vaän" reads as syllables either way) and
    short lines with too few words to tell ("Soá: 215/BC-LÑLÑ") that hold a code
    no Unicode Vietnamese text has."""
    lines = text.split("\n")
    guesses = [detect_legacy(line) for line in lines]
    counts = Counter(g for g in guesses if g)
    page = None
    if counts:
        top, n = counts.most_common(1)[0]
        legacy_looking = sum(1 for line in lines if not line.isascii())
        # most lines of the page in one legacy code: the page is set in that font
        page = top if n >= 2 and n >= 0.5 * legacy_looking else None
    converted = 0
    for i, line in enumerate(lines):
        guessed = guesses[i]
        if page and (guessed or _LEGACY_ONLY[page].search(line) or _no_worse(line, page)):
            guessed = page
        if guessed:
            line = convert_legacy(line, guessed)
            lines[i] = repair_split_u(line) if guessed == "tcvn3" else _join_split_finals(line)
            converted = 1
    return "\n".join(lines), converted


_FINAL = re.compile(r"^(?:ch|m|n|ng|nh|p|t|h)$")  # not c, g: list letters ("a và c")


def _join_split_finals(line: str) -> str:
    """VNI text drawn in a stand-in font can leave a word's final consonants apart
    after its tone mark ("quyế t", "Thàn h"): join them back when that gives a syllable."""
    if "\t" in line:
        return "\t".join(_join_split_finals(cell) for cell in line.split("\t"))
    out: list[str] = []
    for word in line.split(" "):
        if (
            out
            and _FINAL.match(word)
            and out[-1][-1:].isalpha()
            and is_vietnamese_syllable(out[-1] + word)
        ):
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)


def _legacy_only(codes: str) -> re.Pattern[str]:
    """Codes of a legacy encoding that are no letter of Unicode Vietnamese."""
    vietnamese = set(
        "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
    )
    vietnamese |= {c.upper() for c in vietnamese}
    own = sorted({c for c in codes if c not in vietnamese and not c.isascii()})
    return re.compile("[" + re.escape("".join(own)) + "]")


_LEGACY_ONLY = {
    "tcvn3": _legacy_only(
        unicode_to_tcvn3("ăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
    ),
    "vni": _legacy_only(
        unicode_to_vni("ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
    ),
}


_LEGACY_DECODERS = (vni_to_unicode, tcvn3_to_unicode)


def _no_worse(line: str, encoding: str) -> bool:
    """Converting a line reads it at least as well ("Soá:" → "Số:" both read as syllables)."""
    if line.isascii():
        return False
    return _reading(convert_legacy(line, encoding)) >= _reading(line)


def _reading(text: str) -> int:
    valid, invalid = vietnamese_score(text)
    return valid - 2 * invalid


def usable_text(text: str) -> bool:
    """A text layer worth keeping: enough word characters, not font codes."""
    cids = len(_CID.findall(text))
    cleaned = _CID.sub("", text)
    letters = len(_WORDCHAR.findall(cleaned))
    return letters >= MIN_PAGE_CHARS and cids <= letters / 10


# -- page layout: lines from words; the two-column blocks of a letterhead and
# of the "Nơi nhận" / signature area are read column by column, like the
# table cells of the .docx they usually come from.

Words = list[dict[str, Any]]
Y_TOLERANCE = 3.0
LETTERHEAD_LINES = 6
MAX_LETTERHEAD_ROWS = 14
SPLIT_PROBE_LINES = 4  # the letterhead's columns are found on the page's first lines
FOOT_PROBE_LINES = 16  # and the Nơi nhận / signature columns on the lines from "Nơi nhận"


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


def group_lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words (pdfplumber dicts) → lines top to bottom, each sorted left to right."""
    lines: list[list[dict[str, Any]]] = []
    last_top: float | None = None
    for word in sorted(words, key=lambda w: (round(float(w["top"]), 1), float(w["x0"]))):
        top = float(word["top"])
        if last_top is None or top - last_top > Y_TOLERANCE:
            lines.append([])
        lines[-1].append(word)
        last_top = top
    for line in lines:
        line.sort(key=lambda w: float(w["x0"]))
    return lines


def line_segments(line: list[dict[str, Any]], split: float | None = None) -> list[Segment]:
    """A line's words joined into segments, split where the horizontal gap is wider than
    two line heights, and at ``split`` (the boundary of two columns) when given."""
    height = max(float(w["bottom"]) - float(w["top"]) for w in line)
    segments: list[Segment] = []
    for word in line:
        x0, x1 = float(word["x0"]), float(word["x1"])
        gap = x0 - segments[-1].x1 if segments else 0.0
        # the column boundary splits only where the gap is a column gap, not a space
        crosses = (
            split is not None
            and segments
            and segments[-1].x1 <= split <= x0
            and gap >= min_column_gap(height)
        )
        if segments and gap <= 2 * height and not crosses:
            segments[-1].x1 = x1
            # Words split only by a font change inside a word touch.
            segments[-1].text += ("" if gap < 0.1 * height else " ") + word["text"]
        else:
            segments.append(Segment(x0, x1, word["text"]))
    top = min(float(w["top"]) for w in line)
    bottom = max(float(w["bottom"]) for w in line)
    for segment in segments:
        segment.top, segment.bottom = top, bottom
    return segments


def min_column_gap(height: float) -> float:
    """The narrowest gap between two columns of text (a table cell's padding at least)."""
    return max(8.0, 0.6 * height)


def column_split(lines: list[list[Segment]], min_both: int = 1) -> float | None:
    """The x between two columns of text over these lines: the middle of the widest
    vertical strip no word touches, in the middle three fifths of their extent, at
    least as wide as a cell's padding; None when fewer than ``min_both`` lines have
    text on both sides of it (a single column)."""
    items = [seg for line in lines for seg in line]
    if len(items) < 2:
        return None
    height = max(seg.bottom - seg.top for seg in items) or 10.0
    spans = sorted((seg.x0, seg.x1) for seg in items)
    left, right = spans[0][0], max(x1 for _, x1 in spans)
    width = right - left
    best: tuple[float, float] | None = None
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 > reach:
            gap = (x0 - reach, (x0 + reach) / 2)
            inside = left + 0.2 * width <= gap[1] <= left + 0.8 * width
            if inside and gap[0] >= min_column_gap(height) and (best is None or gap > best):
                best = gap
        reach = max(reach, x1)
    if best is None:
        return None
    split = best[1]
    both = sum(
        1 for line in lines if any(s.x1 <= split for s in line) and any(s.x0 >= split for s in line)
    )
    return split if both >= min_both else None


def _is_recipients(segment: Segment) -> bool:
    """A "Nơi nhận" line, also still in TCVN3/VNI codes (converted after the layout)."""
    text = segment.text[:24]
    if re.match(r"n?oi\s*nhan\b", fold(text)):  # OCR may lose the N: "ơi nhận:"
        return True
    if text.isascii() or text[:1] not in "Nn":
        return False
    return any(fold(convert(text)).startswith("noi nhan") for convert in _LEGACY_DECODERS)


_SUBJECT_LINE = re.compile(r"^\s*v/v\b", re.I)
_ADDRESS_LINE = re.compile(r"^\s*kính\s+gửi\b", re.I)


def _letterhead(lines: list[list[Segment]], split: float) -> tuple[list[str], int]:
    """(text lines, lines used) of the two-column letterhead at the top of the page:
    the left block, then the right block. It ends at a line that crosses the column
    boundary (a "V/v" subject and its tightly spaced continuation lines excepted), at
    a line centred on the page rather than in a column (the type name), at "Kính gửi"."""
    left: list[str] = []
    right: list[str] = []
    extent = [s for line in lines for s in line]
    page_center = (min(s.x0 for s in extent) + max(s.x1 for s in extent)) / 2
    left_centers: list[float] = []
    right_centers: list[float] = []
    in_subject = False
    last_bottom = 0.0
    used = 0
    for i, line in enumerate(lines[:MAX_LETTERHEAD_ROWS]):
        text = " ".join(s.text for s in line)
        if _ADDRESS_LINE.match(text):
            break
        crossing = any(s.x0 < split < s.x1 for s in line)
        height = line[0].bottom - line[0].top
        tight = line[0].top - last_bottom < 0.6 * height
        if crossing:
            subject = bool(_SUBJECT_LINE.match(line[0].text)) or (in_subject and tight)
            if not (subject and line[0].x0 < split):
                break
            left.append(text)
            in_subject = True
        else:
            if len(line) == 1 and left_centers and right_centers:
                c = line[0].center
                away = min(
                    abs(c - sum(left_centers) / len(left_centers)),
                    abs(c - sum(right_centers) / len(right_centers)),
                )
                if abs(c - page_center) < away:
                    break  # centred on the page: the type name or the title
            for seg in line:
                if seg.center < split:
                    left.append(seg.text)
                    left_centers.append(seg.center)
                    in_subject = bool(_SUBJECT_LINE.match(seg.text)) or (in_subject and tight)
                else:
                    right.append(seg.text)
                    right_centers.append(seg.center)
        last_bottom = line[0].bottom
        used = i + 1
    return left + right, used


def _signature(lines: list[list[Segment]], split: float) -> tuple[list[str], int]:
    """(text lines, lines used) of the Nơi nhận / signature blocks: left column, then right."""
    left: list[str] = []
    right: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        if any(s.x0 < split < s.x1 for s in line):
            break
        for seg in line:
            (left if seg.center < split else right).append(seg.text)
        used = i + 1
    return left + right, used


def layout_text(
    lines: list[list[Segment]],
    first_page: bool,
    head_split: float | None = None,
    foot_split: float | None = None,
) -> str:
    """Page text; two-column letterhead/signature blocks come out column by column.

    Letterhead: on the first page, the top lines while they stay within the two
    columns found on the first lines (``head_split``, found here when not given).
    Signature: from the "Nơi nhận:" line (and a line of the right column just above
    it) down while lines stay within the two columns (``foot_split``).
    """
    out: list[str] = []
    i = 0
    if first_page:
        split = head_split
        if split is None:
            split = column_split(lines[:SPLIT_PROBE_LINES], min_both=2)
        if split is not None:
            block, i = _letterhead(lines, split)
            out.extend(block)
    foot = next(
        (k for k in range(len(lines) - 1, i - 1, -1) if lines[k] and _is_recipients(lines[k][0])),
        None,
    )
    if foot is not None:
        split = foot_split if foot_split is not None else column_split(lines[foot:], min_both=1)
        if split is not None:
            # a right-column line just above "Nơi nhận" (a taller first line there)
            if foot > i and all(s.x0 >= split for s in lines[foot - 1]):
                gap = lines[foot][0].top - lines[foot - 1][0].bottom
                if gap < lines[foot][0].bottom - lines[foot][0].top:
                    foot -= 1
            out.extend(_plain_lines(lines[i:foot], lines))
            block, used = _signature(lines[foot:], split)
            out.extend(block)
            i = foot + used
    out.extend(_plain_lines(lines[i:], lines))
    return "\n".join(out)


def _centred(line: list[Segment], left: float, right: float) -> bool:
    """A line set centred (a type name, a trích yếu): inset alike from both margins."""
    inset_left, inset_right = line[0].x0 - left, right - line[-1].x1
    return min(inset_left, inset_right) > 5 and abs(inset_left - inset_right) < max(
        6.0, 0.03 * (right - left)
    )


def _plain_lines(lines: list[list[Segment]], page: list[list[Segment]]) -> list[str]:
    """The lines' text; a blank line where a centred block (the title) gives way to
    text set to the margins (the body), the paragraph break the layout shows."""
    segments = [s for line in page for s in line]
    if not segments:
        return []
    left, right = min(s.x0 for s in segments), max(s.x1 for s in segments)
    out: list[str] = []
    was_centred = False
    for line in lines:
        if not line:
            continue
        centred = _centred(line, left, right)
        if was_centred and not centred and out:
            out.append("")
        out.append(" ".join(s.text for s in line))
        was_centred = centred
    return out


def _word_lines(groups: list[list[dict[str, Any]]]) -> list[list[Segment]]:
    return [
        [
            Segment(float(w["x0"]), float(w["x1"]), w["text"], float(w["top"]), float(w["bottom"]))
            for w in g
        ]
        for g in groups
    ]


def table_rows(page: Any, words: Words) -> Words:
    """The page's words with those of ruled tables of three columns or more replaced
    by one pseudo-word per table row: the cells' text separated by tabs (as the .docx
    reader gives a data table), so a row stays one line however its cells wrap."""
    if not (page.lines or page.rects):
        return words
    used: set[int] = set()
    rows_out: Words = []
    for table in page.find_tables():
        rows = table.rows
        # (a single row too: the header of a table the page break cut)
        if not rows or max(len(r.cells) for r in rows) < 3:
            continue
        for row in rows:
            cells: list[str] = []
            heights: list[float] = []
            for bbox in row.cells:
                if bbox is None:
                    cells.append("")
                    continue
                x0, top, x1, bottom = bbox
                inside = [
                    (k, w)
                    for k, w in enumerate(words)
                    if k not in used
                    and x0 <= (float(w["x0"]) + float(w["x1"])) / 2 <= x1
                    and top <= (float(w["top"]) + float(w["bottom"])) / 2 <= bottom
                ]
                used.update(k for k, _ in inside)
                lines = group_lines([w for _, w in inside])
                cells.append(" ".join(w["text"] for line in lines for w in line))
                heights.extend(float(w["bottom"]) - float(w["top"]) for _, w in inside)
            if not any(cells):
                continue
            top = float(row.bbox[1])
            rows_out.append(
                {
                    "x0": float(table.bbox[0]),
                    "x1": float(table.bbox[2]),
                    "top": top,
                    "bottom": top + (min(heights) if heights else 10.0),
                    "text": "\t".join(cells),
                }
            )
    if not rows_out:
        return words
    return [w for k, w in enumerate(words) if k not in used] + rows_out


_LONE_PAGE_NUMBER = re.compile(r"^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$")


def layout_page(
    words: Words, first_page: bool, carry: list[Words] | None = None, last_page: bool = True
) -> tuple[str, list[Words]]:
    """Page text from pdfplumber words, columns found from the words themselves, and
    the lines to carry to the next page: a Nơi nhận / signature table that reaches the
    bottom of a page that is not the last goes on over the page break, so it is laid
    out with the next page's lines (``carry``), the page number there left out."""
    groups = group_lines(words)
    if _starts_document(groups):
        # an attached document (a draft, a form) begins here with its own letterhead: a
        # signature block carried from the page before ends there, and this page's
        # letterhead is read in its columns like a first page's
        before = _layout_groups(carry, False, [], True)[0] if carry else ""
        text, rest = _layout_groups(groups, True, [], last_page)
        return (f"{before}\n{text}" if before else text), rest
    return _layout_groups(groups, first_page, carry or [], last_page)


def _starts_document(groups: list[Words]) -> bool:
    """A page whose first lines carry the national motto (its start: OCR may misread the
    rest, "CONG HOA XÁ HÔI CHỦ NGA")."""
    head = " ".join(w["text"] for g in groups[:4] for w in g)
    return "cong hoa xa hoi chu" in fold(head)


def _layout_groups(
    groups: list[Words], first_page: bool, carry: list[Words], last_page: bool
) -> tuple[str, list[Words]]:
    lead: list[Words] = []
    if carry:
        while groups and _LONE_PAGE_NUMBER.match(" ".join(w["text"] for w in groups[0])):
            groups = groups[1:]
        # a running header above the rest of the table stays at the top of the page
        for n in range(min(2, len(groups)) + 1):
            probe = _word_lines(carry + groups[n : n + FOOT_PROBE_LINES])
            if column_split(probe, min_both=1) is not None:
                lead, groups = groups[:n], groups[n:]
                break
        groups = carry + groups
    if not groups:
        return "", []
    if lead:
        text, rest = _layout_groups(groups, first_page, [], last_page)
        head_text = "\n".join(" ".join(w["text"] for w in g) for g in lead)
        return f"{head_text}\n{text}", rest
    plain = [line_segments(g) for g in groups]
    # columns may stand closer than the two line heights that split segments: find
    # them word by word
    head = column_split(_word_lines(groups[:SPLIT_PROBE_LINES]), min_both=2) if first_page else None
    foot_at = next(
        (k for k in range(len(plain) - 1, -1, -1) if plain[k] and _is_recipients(plain[k][0])),
        None,
    )
    foot = None
    if foot_at is not None:
        foot = column_split(_word_lines(groups[foot_at : foot_at + FOOT_PROBE_LINES]), min_both=1)
        reaches_end = foot is None or not any(
            s.x0 < foot < s.x1 for g in groups[foot_at:] for s in line_segments(g, foot)
        )
        if not last_page and reaches_end and not (first_page and foot_at < SPLIT_PROBE_LINES):
            start = foot_at
            if (
                foot is not None
                and foot_at > 0
                and all(float(w["x0"]) >= foot for w in groups[foot_at - 1])
            ):
                start -= 1
            text, _ = _layout_groups(groups[:start], first_page, [], True)
            return text, groups[start:]
    lines = []
    for k, g in enumerate(groups):
        if head is not None and k < MAX_LETTERHEAD_ROWS:
            lines.append(line_segments(g, head))
        elif foot is not None and foot_at is not None and k >= foot_at - 1:
            lines.append(line_segments(g, foot))
        else:
            lines.append(plain[k])
    return layout_text(lines, first_page, head_split=head, foot_split=foot), []


@dataclass
class TextLayer:
    """A PDF's text layer, page by page, and the pages it leaves to OCR."""

    page_words: list[Words | None]  # each page's words; None: to be read by OCR
    needs_ocr: list[int]
    masks: dict[int, list[Box]]  # stamp boxes of the pages to OCR (left out of their OCR)
    unreadable: int = 0
    legacy_words: int = 0
    stamped: int = 0


def read_text_layer(
    path: Path, limits: ReadLimits, deadline: float, only: set[int] | None = None
) -> TextLayer:
    """The text layer of every page (of the pages ``only``, the others left empty)."""
    # pdfminer warns about every oddity of a PDF; our own warnings say what matters.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:
        if _is_password_error(exc):
            raise ReadError("encrypted", ENCRYPTED_MESSAGE)
        raise ReadError("corrupt", CORRUPT_MESSAGE)
    layer = TextLayer([], [], {})
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
        for index, page in enumerate(pages):
            if only is not None and index not in only:
                layer.page_words.append([])
                continue
            check_deadline(deadline, limits)
            try:
                words = page.extract_words(
                    x_tolerance=3, y_tolerance=Y_TOLERANCE, extra_attrs=["fontname"]
                )
                layer.legacy_words += convert_legacy_words(words)
                content, stamps = stamp_words(words)
                is_page = text_layer_is_page(content, image_share(page)) and usable_text(
                    " ".join(w["text"] for w in content)
                )
                words = table_rows(page, content) if is_page else []
                has_images = bool(page.images)
            except Exception:
                words, stamps, is_page, has_images = [], [], False, True
                layer.unreadable += 1
            finally:
                # Drop the page's parsed objects: memory stays flat on long PDFs.
                page.close()
            layer.stamped += bool(stamps)
            if is_page:
                layer.page_words.append(words)
            elif has_images or content:
                layer.page_words.append(None)
                layer.needs_ocr.append(index)
                layer.masks[index] = stamps
            else:
                layer.page_words.append([])
            report_pages(limits, index + 1, len(pages), "layer")
    return layer


def ocr_plan(path: Path, limits: ReadLimits, deadline: float) -> list[int]:
    """The pages (from 0) the reader would OCR: scanned pages, within the cap."""
    if not (limits.ocr and ocr_available(limits.tesseract_cmd, limits.ocr_language)):
        return []
    return ocr_page_choice(read_text_layer(path, limits, deadline).needs_ocr, limits.max_ocr_pages)


def ocr_range(path: Path, pages: list[int], limits: ReadLimits, deadline: float) -> int:
    """OCR the pages ``pages`` into ``limits.page_cache`` (a part of a long scan, read by
    one worker); returns how many needed OCR."""
    layer = read_text_layer(path, limits, deadline, only=set(pages))
    todo = [i for i in layer.needs_ocr if i in set(pages)]
    if todo:
        require_ocr(limits, "Tệp PDF không có lớp chữ (bản quét)")
        ocr_pdf_pages(path, todo, layer.masks, limits, deadline)
    return len(todo)


class PdfReader:
    format = "pdf"

    def read(self, path: Path, limits: ReadLimits, deadline: float) -> ReadResult:
        layer = read_text_layer(path, limits, deadline)
        page_words, needs_ocr = layer.page_words, layer.needs_ocr
        page_count = len(page_words)
        warnings: list[str] = []
        if layer.unreadable:
            warnings.append(f"{layer.unreadable} trang PDF bị lỗi cấu trúc, đã bỏ qua lớp chữ.")
        if layer.legacy_words:
            warnings.append(
                "Một phần văn bản dùng phông chữ cũ (TCVN3/VNI) và đã được chuyển sang Unicode."
            )
        ocr_pages: list[int] = []
        if needs_ocr:
            if limits.ocr and ocr_available(limits.tesseract_cmd, limits.ocr_language):
                chosen = ocr_page_choice(needs_ocr, limits.max_ocr_pages)
                if len(chosen) < len(needs_ocr):
                    warnings.append(ocr_cap_warning(len(needs_ocr), len(chosen)))
                found = ocr_pdf_pages(path, chosen, layer.masks, limits, deadline)
                for index, words in found.items():
                    page_words[index] = words
                ocr_pages = [i for i in needs_ocr if found.get(i)]
                note = " (lớp chữ chỉ có dấu chữ ký số/công báo)" if layer.stamped else ""
                warnings.append(
                    f"{len(needs_ocr)}/{page_count} trang không có lớp chữ của văn bản{note}, "
                    "đã nhận dạng bằng OCR; có thể còn lỗi chính tả."
                )
            elif not any(page_words):
                raise ocr_unavailable_error(limits, "Tệp PDF không có lớp chữ (bản quét)")
            else:
                warnings.append(
                    f"{len(needs_ocr)}/{page_count} trang là ảnh quét nhưng không có OCR "
                    "nên đã bỏ qua các trang này."
                )
        texts, guessed_pages = _lay_out_pages(page_words, set(ocr_pages))
        if guessed_pages:
            warnings.append(
                f"{guessed_pages} trang có chữ mã TCVN3/VNI không rõ phông; đã đoán bảng mã và "
                "chuyển sang Unicode, nên kiểm tra lại."
            )
        text = normalise_extracted(clean_pages(texts))
        if not text.strip():
            raise ReadError("no_text", "Tệp PDF không có chữ nào đọc được.")
        return ReadResult(
            text=text,
            format="pdf",
            pages=page_count,
            warnings=warnings,
            ocr_used=bool(ocr_pages),
            ocr_pages=len(ocr_pages),
            ocr_first_page=0 in ocr_pages,
            ocr_last_page=bool(ocr_pages) and max(ocr_pages) >= _last_with_text(texts),
        )


def _last_with_text(texts: list[str]) -> int:
    return max((i for i, t in enumerate(texts) if t.strip()), default=0)


def _lay_out_pages(page_words: list[Words | None], ocr_pages: set[int]) -> tuple[list[str], int]:
    """Each page's text, a signature table that runs over a page break carried to the next
    page; text-layer pages still in TCVN3/VNI codes converted."""
    texts: list[str] = []
    carry: list[Words] = []
    guessed_pages = 0
    last = len(page_words) - 1
    for index, words in enumerate(page_words):
        text, carry = layout_page(words or [], index == 0, carry, last_page=index == last)
        if index not in ocr_pages:
            text, guessed = _convert_guessed_lines(text)
            guessed_pages += guessed
            if not usable_text(text) and not carry:
                text = ""
        texts.append(text)
    return texts, guessed_pages
