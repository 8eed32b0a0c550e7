"""Low-level WordprocessingML helpers shared by the renderer and the checker."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

THEME_ATTRS: tuple[str, ...] = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
FONT_ATTRS: tuple[str, ...] = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")

# Rough Times New Roman advance widths in em, by character class. Used only to
# size decorative rules; a 10 % error just makes a rule slightly long or short.
_UPPER_EM = {False: 0.68, True: 0.74}
_LOWER_EM = {False: 0.47, True: 0.51}
_NARROW = set(" .,:;'!|iljtfrI-/()[]*")


def set_fonts(element: Any, font_name: str) -> None:
    """Set every script's font on an rPr owner (style, run or docDefaults).

    python-docx's default template points fonts at the theme (asciiTheme=…),
    and a theme attribute wins over w:ascii in Word and LibreOffice, so they
    are removed (../shared/reference/stack-notes.md, "theme-font trap").
    """
    rpr = element if element.tag == qn("w:rPr") else element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in THEME_ATTRS:
        key = qn(attr)
        if key in fonts.attrib:
            del fonts.attrib[key]
    for attr in FONT_ATTRS:
        fonts.set(qn(attr), font_name)


def set_lang(rpr: Any, lang: str = "vi-VN") -> None:
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), "ar-SA")


def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    em = 0.0
    for ch in text:
        if ch in _NARROW:
            em += 0.3
        elif ch.isdigit():
            em += 0.5
        elif ch.isupper():
            em += _UPPER_EM[bold]
        else:
            em += _LOWER_EM[bold]
    return em * size_pt * 2.54 / 72


def _first_found(parent: Any, tags: tuple[str, ...]) -> Any | None:
    """The child of the first of ``tags`` (in that order) that ``parent`` has:
    the neighbour a new element goes beside to keep the schema's sequence."""
    for tag in tags:
        found = parent.find(qn(tag))
        if found is not None:
            return found
    return None


def bottom_border(paragraph_element: Any, size_eighths: int = 6) -> None:
    ppr = paragraph_element.get_or_add_pPr()
    pbdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(size_eighths))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    pbdr.append(bottom)
    # pBdr must come before spacing/ind/jc in CT_PPr's sequence.
    anchor = _first_found(
        ppr, ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc")
    )
    if anchor is not None:
        anchor.addprevious(pbdr)
    else:
        ppr.append(pbdr)


def table_borders(tbl: Any, val: str) -> None:
    """All borders of a table to ``val`` ("nil" for none, "single" for a grid)."""
    tbl_pr = tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), val)
        if val != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    # CT_TblPr order: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
    # tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout…
    after = _first_found(tbl_pr, ("w:tblInd", "w:tblCellSpacing", "w:jc", "w:tblW"))
    if after is not None:
        after.addnext(borders)
    else:
        tbl_pr.insert(0, borders)


def fixed_layout(tbl: Any) -> None:
    tbl_pr = tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    before = _first_found(tbl_pr, ("w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"))
    if before is not None:
        before.addprevious(layout)
    else:
        tbl_pr.append(layout)


def cant_split(row: Any) -> None:
    """The row is never broken across pages (it moves whole to the next page)."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    tr_pr.insert(0, el)


def repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def add_field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A field (PAGE, NUMPAGES…) as begin / instrText / separate / result / end runs."""

    def fld(kind: str) -> None:
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    fld("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    fld("separate")
    paragraph.add_run(placeholder)
    fld("end")


def add_bookmark(paragraph: Any, bookmark_id: int, name: str) -> None:
    p = paragraph._p
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    ppr = p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


# Words that open a phrase in Vietnamese titles; breaking before them keeps
# compounds like "thành tích" or "thi đua" on one line.
PHRASE_STARTS = frozenset(
    "và về của cho trong tại theo với đối giai nhằm để khi do từ đến gắn trên thuộc".split()
)


def balanced_lines(text: str, max_cm: float, size_pt: float, bold: bool = False) -> list[str]:
    """Split a heading into the fewest lines that fit, as evenly as possible.

    Word would fill the first line and leave an orphan ("… TỈNH SƠN / LA");
    letterheads are broken by hand into balanced lines, so we do the same.
    Explicit line breaks ("\\n") in ``text`` are kept.
    """
    if "\n" in text:
        return [
            line
            for part in text.split("\n")
            for line in balanced_lines(part, max_cm, size_pt, bold)
        ]
    words = text.split()
    if not words:
        return []
    limit = max_cm * 0.95  # room for the estimate's error

    def width(ws: list[str]) -> float:
        return text_width_cm(" ".join(ws), size_pt, bold)

    if width(words) <= limit or len(words) == 1:
        return [" ".join(words)]
    n = len(words)
    if n > 24:  # not a letterhead; let the word processor wrap it
        return [" ".join(words)]
    best: list[str] | None = None
    for lines in range(2, min(n, 5) + 1):
        best_cost = float("inf")
        # Small n (letterheads): try every way to cut into ``lines`` pieces.
        for cuts in _cut_points(n, lines - 1):
            bounds = (0, *cuts, n)
            pieces = [words[bounds[i] : bounds[i + 1]] for i in range(lines)]
            widest = max(width(p) for p in pieces)
            if widest > limit:
                continue
            # Prefer breaking after a comma, or before a quotation, bracket or a
            # phrase-opening word, even at the price of a less even block.
            good = sum(1 for p in pieces[1:] if p[0][0] in '“"(' or p[0] in PHRASE_STARTS)
            good += sum(1 for p in pieces[:-1] if p[-1][-1] in ",;:")
            # Letterheads are top-heavy: "TRUNG TÂM DỊCH VỤ / VIỆC LÀM SƠN LA".
            top_heavy = width(pieces[0]) >= widest - 1e-9
            cost = widest * (0.85 if good else 1.0) * (0.93 if top_heavy else 1.0)
            if cost < best_cost:
                best_cost, best = cost, [" ".join(p) for p in pieces]
        if best is not None:
            return best
    return [" ".join(words)]


def _cut_points(n: int, k: int, start: int = 1) -> list[tuple[int, ...]]:
    if k == 0:
        return [()]
    out: list[tuple[int, ...]] = []
    for i in range(start, n - k + 1):
        for rest in _cut_points(n, k - 1, i + 1):
            out.append((i, *rest))
    return out
