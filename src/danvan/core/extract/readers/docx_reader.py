"""Word .docx: body paragraphs and tables in document order, text boxes,
headers and footers; runs in legacy fonts (.VnTime, .VnTimeH, VNI-Times)
are converted to Unicode by their font."""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx

from danvan.core.extract.normalise import (
    convert_legacy,
    detect_legacy,
    legacy_font,
    normalise_extracted,
)
from danvan.core.extract.readers.base import (
    ReadError,
    ReadLimits,
    ReadResult,
    check_deadline,
    size_mb,
)
from danvan.core.numbers import roman

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
P, R, T, TBL, TR, TC = (_W + n for n in ("p", "r", "t", "tbl", "tr", "tc"))
SDT, SDT_CONTENT, CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
TXBX = _W + "txbxContent"
ALTERNATE, CHOICE, FALLBACK = _MC + "AlternateContent", _MC + "Choice", _MC + "Fallback"
# Inline containers whose runs belong to the paragraph text (w:del and
# w:moveFrom hold deleted text and are left out).
_INLINE_WRAPPERS = {
    _W + name
    for name in ("hyperlink", "ins", "smartTag", "fldSimple", "sdt", "sdtContent", "customXml")
} | {_W + "moveTo", _W + "dir", _W + "bdo"}
_RUN_TEXT = {
    _W + "tab": "\t",
    _W + "br": "\n",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
    _W + "ptab": "\t",
}

CORRUPT_MESSAGE = "Tệp .docx bị hỏng hoặc không đầy đủ, không đọc được."
MAX_ZIP_ENTRIES = 20000


def bomb_error(limits: ReadLimits) -> ReadError:
    return ReadError(
        "zip_bomb",
        f"Tệp .docx khi giải nén vượt giới hạn {size_mb(limits.max_unzipped_bytes)} MB "
        "(nghi là tệp độc hại hoặc hỏng) nên đã dừng đọc.",
    )


def check_zip(path: Path, limits: ReadLimits, deadline: float) -> None:
    """Zip-bomb guard: declared sizes first, then the real stream, counted."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise bomb_error(limits)
            if sum(info.file_size for info in infos) > limits.max_unzipped_bytes:
                raise bomb_error(limits)
            total = 0
            for info in infos:
                with archive.open(info) as stream:
                    while chunk := stream.read(1 << 20):
                        total += len(chunk)
                        if total > limits.max_unzipped_bytes:
                            raise bomb_error(limits)
                check_deadline(deadline, limits)
    except ReadError:
        raise
    except RuntimeError:  # an encrypted zip entry
        raise ReadError("encrypted", "Tệp .docx được đặt mật khẩu, không đọc được.")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        raise ReadError("corrupt", CORRUPT_MESSAGE)


class _Styles:
    """Fonts of the document's styles, resolved through basedOn."""

    def __init__(self, styles_element: Any | None) -> None:
        self.fonts: dict[str, str | None] = {}
        self.numbering: dict[str, tuple[str | None, str | None]] = {}
        self.based_on: dict[str, str] = {}
        self.default_paragraph: str | None = None
        self.doc_default: str | None = None
        if styles_element is None:
            return
        defaults = styles_element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        if defaults is not None:
            self.doc_default = _rfonts(defaults)
        for style in styles_element.iter(_W + "style"):
            style_id = style.get(_W + "styleId")
            if not style_id:
                continue
            rpr = style.find(_W + "rPr")
            self.fonts[style_id] = _rfonts(rpr) if rpr is not None else None
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                self.numbering[style_id] = (_val(num_pr, _W + "numId"), _val(num_pr, _W + "ilvl"))
            based = style.find(_W + "basedOn")
            if based is not None and based.get(_W + "val"):
                self.based_on[style_id] = based.get(_W + "val")
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true"):
                self.default_paragraph = style_id

    def num_pr(self, style_id: str | None) -> tuple[str | None, str | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self.numbering:
                return self.numbering[style_id]
            style_id = self.based_on.get(style_id)
        return (None, None)

    def font(self, style_id: str | None) -> str | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            found = self.fonts.get(style_id)
            if found:
                return found
            style_id = self.based_on.get(style_id)
        return None


# Bullets drawn from symbol fonts arrive as private-use code points.
_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓", "o": "o"}


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_counter(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """Word's automatic list numbers ("I.", "1.", "a)", "-"): part of the printed text."""

    def __init__(self, element: Any | None) -> None:
        # abstractNumId -> ilvl -> (start, numFmt, lvlText)
        self.abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if element is None:
            return
        for abstract in element.findall(_W + "abstractNum"):
            levels: dict[int, tuple[int, str, str]] = {}
            for lvl in abstract.findall(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl") or 0)
                start = _val(lvl, _W + "start")
                levels[ilvl] = (
                    int(start) if start and start.lstrip("-").isdigit() else 1,
                    _val(lvl, _W + "numFmt") or "decimal",
                    _val(lvl, _W + "lvlText") or "",
                )
            self.abstract[abstract.get(_W + "abstractNumId") or ""] = levels
        for num in element.findall(_W + "num"):
            overrides: dict[int, int] = {}
            for override in num.findall(_W + "lvlOverride"):
                start = _val(override, _W + "startOverride")
                if start and start.isdigit():
                    overrides[int(override.get(_W + "ilvl") or 0)] = int(start)
            self.nums[num.get(_W + "numId") or ""] = (
                _val(num, _W + "abstractNumId") or "",
                overrides,
            )

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of this list at this level, advancing the counters."""
        found = self.nums.get(num_id)
        if found is None:
            return ""
        levels = self.abstract.get(found[0], {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start, fmt, text = levels[ilvl]
        start = found[1].get(ilvl, start)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return _BULLETS.get(text, text if text.isprintable() else "•")

        def value(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_start, level_fmt = levels.get(level, (1, "decimal", ""))[:2]
            count = counters.get(level, found[1].get(level, level_start))
            return format_counter(count, level_fmt)

        return re.sub(r"%([1-9])", value, text)


def _rfonts(rpr: Any) -> str | None:
    fonts = rpr.find(_W + "rFonts")
    if fonts is None:
        return None
    # Legacy codes (0x80-0xFF) fall in the "high ANSI" range.
    return fonts.get(_W + "hAnsi") or fonts.get(_W + "ascii")


def _val(parent: Any, tag: str) -> str | None:
    if parent is None:
        return None
    child = parent.find(tag)
    return None if child is None else child.get(_W + "val")


class _Walker:
    def __init__(
        self, styles: _Styles, numbering: _Numbering, deadline: float, limits: ReadLimits
    ) -> None:
        self.styles = styles
        self.numbering = numbering
        self.deadline = deadline
        self.limits = limits
        self.legacy_runs = 0
        self.legacy_lines = 0
        self.paragraphs = 0

    # -- blocks ---------------------------------------------------------
    def blocks(self, element: Any, lines: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag == P:
                self.paragraph(child, lines)
            elif tag == TBL:
                self.table(child, lines)
            elif tag in (SDT, SDT_CONTENT, CUSTOM_XML):
                self.blocks(child, lines)
            elif tag == ALTERNATE:
                choice = child.find(CHOICE)
                if choice is not None:
                    self.blocks(choice, lines)

    def table(self, tbl: Any, lines: list[str]) -> None:
        """A layout table (letterhead, Nơi nhận / signature) cell by cell, as blocks; a
        data table (two rows or more with three filled cells) one row per line, its
        cells separated by tabs, each cell's paragraphs joined by spaces."""
        rows: list[list[list[str]]] = []
        for row in _children(tbl, TR):
            cells: list[list[str]] = []
            for cell in _children(row, TC):
                cell_lines: list[str] = []
                self.blocks(cell, cell_lines)
                cells.append(cell_lines)
            rows.append(cells)
        filled = sum(1 for cells in rows if sum(1 for c in cells if "".join(c).strip()) >= 3)
        if filled < 2:
            for cells in rows:
                for cell_lines in cells:
                    lines.extend(cell_lines)
            return
        for cells in rows:
            texts = [" ".join(" ".join(c).split()) for c in cells]
            if any(texts):
                lines.append("\t".join(texts))

    def paragraph(self, p: Any, lines: list[str]) -> None:
        self.paragraphs += 1
        if self.paragraphs % 500 == 0:
            check_deadline(self.deadline, self.limits)
        ppr = p.find(_W + "pPr")
        style = _val(ppr, _W + "pStyle") or self.styles.default_paragraph
        parts: list[str] = []
        label = self.list_label(ppr, style)
        if label:
            parts.append(label + " ")
        boxes: list[Any] = []
        had_legacy = self.inline(p, style, parts, boxes)
        line = "".join(parts)
        if not had_legacy:
            guessed = detect_legacy(line)
            if guessed:
                line = convert_legacy(line, guessed)
                self.legacy_lines += 1
        lines.append(line)
        for box in boxes:
            self.blocks(box, lines)

    def list_label(self, ppr: Any, style: str | None) -> str:
        num_id, ilvl = self.styles.num_pr(style)
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        if num_pr is not None:
            num_id = _val(num_pr, _W + "numId") or num_id
            ilvl = _val(num_pr, _W + "ilvl") or ilvl
        if not num_id or num_id == "0":
            return ""
        return self.numbering.label(num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0)

    # -- inline ---------------------------------------------------------
    def inline(self, element: Any, style: str | None, parts: list[str], boxes: list[Any]) -> bool:
        had_legacy = False
        for child in element:
            tag = child.tag
            if tag == R:
                had_legacy |= self.run(child, style, parts, boxes)
            elif tag in _INLINE_WRAPPERS:
                had_legacy |= self.inline(child, style, parts, boxes)
            elif tag == ALTERNATE:
                choice = child.find(CHOICE)
                if choice is not None:
                    had_legacy |= self.inline(choice, style, parts, boxes)
        return had_legacy

    def run(self, r: Any, style: str | None, parts: list[str], boxes: list[Any]) -> bool:
        chunks: list[str] = []
        for child in r:
            tag = child.tag
            if tag == T:
                chunks.append(child.text or "")
            elif tag in _RUN_TEXT:
                chunks.append(_RUN_TEXT[tag])
            elif tag != _W + "rPr":
                boxes.extend(_text_boxes(child))
        text = "".join(chunks)
        legacy = legacy_font(self.font_of(r, style)) if text else None
        if legacy:
            self.legacy_runs += 1
            text = convert_legacy(text, legacy[0], upper=legacy[1])
        parts.append(text)
        return legacy is not None

    def font_of(self, r: Any, style: str | None) -> str | None:
        rpr = r.find(_W + "rPr")
        if rpr is not None:
            own = _rfonts(rpr)
            if own:
                return own
            char_style = _val(rpr, _W + "rStyle")
            if char_style:
                found = self.styles.font(char_style)
                if found:
                    return found
        return self.styles.font(style) or self.styles.doc_default


def _children(element: Any, tag: str) -> Iterator[Any]:
    """Direct children with ``tag``, looking through content-control wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (SDT, SDT_CONTENT, CUSTOM_XML):
            yield from _children(child, tag)


def _text_boxes(element: Any) -> list[Any]:
    """Outermost w:txbxContent under element, skipping mc:Fallback copies."""
    found: list[Any] = []
    stack = [element]
    while stack:
        node = stack.pop()
        if node.tag == TXBX:
            found.append(node)
            continue
        if node.tag == FALLBACK:
            continue
        stack.extend(reversed(list(node)))
    return found


_PAGES = re.compile(rb"<Pages>(\d+)</Pages>")


def _page_count(path: Path) -> int:
    try:
        with zipfile.ZipFile(path) as archive:
            match = _PAGES.search(archive.read("docProps/app.xml")[:65536])
    except (KeyError, zipfile.BadZipFile, OSError):
        return 1
    return max(1, int(match.group(1))) if match else 1


class DocxReader:
    format = "docx"

    def read(self, path: Path, limits: ReadLimits, deadline: float) -> ReadResult:
        check_zip(path, limits, deadline)

        try:
            document = docx.Document(str(path))
            styles_element = document.styles.element
        except Exception:
            raise ReadError("corrupt", CORRUPT_MESSAGE)
        try:
            numbering_element = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering_element = None
        walker = _Walker(_Styles(styles_element), _Numbering(numbering_element), deadline, limits)
        body_lines: list[str] = []
        walker.blocks(document.element.body, body_lines)
        headers, footers = self._headers_footers(document, walker)
        lines = headers + body_lines + footers
        text = normalise_extracted("\n".join(lines)).strip("\n")
        if not text.strip():
            raise ReadError("no_text", "Tệp .docx không có chữ nào để đọc.")
        warnings: list[str] = []
        if walker.legacy_runs:
            warnings.append(
                "Một phần văn bản dùng phông chữ cũ (TCVN3/VNI) và đã được chuyển sang Unicode."
            )
        if walker.legacy_lines:
            warnings.append(
                f"{walker.legacy_lines} đoạn có dạng mã TCVN3/VNI nhưng không ghi phông chữ; "
                "đã đoán bảng mã và chuyển sang Unicode, nên kiểm tra lại."
            )
        return ReadResult(text=text, format="docx", pages=_page_count(path), warnings=warnings)

    @staticmethod
    def _headers_footers(document: Any, walker: _Walker) -> tuple[list[str], list[str]]:
        headers: list[str] = []
        footers: list[str] = []
        seen: set[str] = set()
        seen_text: set[str] = set()
        related = document.part.related_parts
        for sect_pr in document.element.body.iter(_W + "sectPr"):
            for kind, target in (("headerReference", headers), ("footerReference", footers)):
                for ref in sect_pr.findall(_W + kind):
                    rel_id = ref.get(_R + "id")
                    part = related.get(rel_id) if rel_id else None
                    if part is None or str(part.partname) in seen:
                        continue
                    seen.add(str(part.partname))
                    lines: list[str] = []
                    element = getattr(part, "element", None)
                    if element is None:
                        continue
                    walker.blocks(element, lines)
                    block = "\n".join(line for line in lines if line.strip())
                    if block and block not in seen_text:
                        seen_text.add(block)
                        target.append(block)
        return headers, footers
