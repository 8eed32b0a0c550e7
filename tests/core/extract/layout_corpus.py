"""A layout corpus: the annotated .txt documents rendered the way agencies' files really are.

Each gold-annotated text (the shared samples, tests/core/extract/docs, and the documents with
indicator tables in tests/core/extract/layouts) is parsed into a simple model (letterhead left and
right blocks, type name, trích yếu, body paragraphs and tables, Nơi nhận and signature blocks) and
rendered as

- ``docx``: letterhead as a two-column borderless table, justified body paragraphs without
  indentation, tables with a header row, Nơi nhận / signature as a two-column table, page
  numbers in the header;
- ``pdf``: that .docx converted by LibreOffice, on a narrow page so that lines wrap (the
  letterhead's motto and date too);
- ``tcvn3`` / ``vni``: the .docx with every run in a legacy font (.VnTime/.VnTimeH, VNI-Times),
  its text stored as the legacy codes.

Generated at test time (no binaries in the repository); ``build_corpus`` converts all PDFs in
one LibreOffice call. Used by test_layouts.py and bench/score_layouts.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SHARED_SAMPLES = REPO.parent / "shared" / "samples"
DOCS = HERE / "docs"
LAYOUT_DOCS = HERE / "layouts"
FORMATS = ("txt", "docx", "pdf", "tcvn3", "vni", "pdf-legacy")

_COLUMNS = re.compile(r"\t+| {3,}")
_CELLS = re.compile(r"\t+| {2,}")
_TYPE_NAMES = (
    "BÁO CÁO",
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "THÔNG BÁO",
    "TỜ TRÌNH",
    "CHƯƠNG TRÌNH",
    "HƯỚNG DẪN",
    "NGHỊ QUYẾT",
    "CHỈ THỊ",
    "ĐỀ ÁN",
)
_MOTTO = re.compile(
    r"^(CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập|ĐỘC LẬP|ĐẢNG CỘNG SẢN|ĐOÀN TNCS|"
    r"ĐOÀN THANH NIÊN CỘNG SẢN)"
)
_PLACE_DATE = re.compile(r"^[^\d,]{2,40},\s*ngày\b")
_RULE = re.compile(r"^[\s\-_=*~─—–.]+$")
_DECOR = re.compile(r"^\*+$")
_BULLET = re.compile(r"^(?:[-+•–]|\d+(?:\.\d+)*\s*[.)]|[IVX]+\s*\.|[a-zđ]\)|Điều\s+\d)")
_AUTH = re.compile(r"^(?:TM|T/M|KT|K/T|TL|T/L|TUQ|Q)\s*[.:/]?\s")


@dataclass
class Table:
    rows: list[list[str]]


@dataclass
class Model:
    name: str
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    type_name: str | None = None
    title: str | None = None
    body: list[str | Table] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)


@dataclass
class CorpusDoc:
    gold: Path  # the gold .json
    source: str  # the gold's "source" (the .txt name)
    text: Path  # the .txt


def corpus_docs() -> list[CorpusDoc]:
    """Every gold-annotated text: shared samples, docs/ and layouts/."""
    out: list[CorpusDoc] = []
    for folder in (SHARED_SAMPLES, DOCS, LAYOUT_DOCS):
        gold_dir = folder / "gold"
        if not gold_dir.is_dir():
            continue
        for gold in sorted(gold_dir.glob("*.json")):
            source = json.loads(gold.read_text(encoding="utf-8"))["source"]
            if (folder / source).exists():
                out.append(CorpusDoc(gold, source, folder / source))
    return out


def _fold(text: str) -> str:
    d = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in d if not unicodedata.combining(c)).lower().split())


def _segments(line: str) -> list[tuple[int, str]]:
    out = []
    for m in re.finditer(r"\S+(?: {1,2}\S+)*", line.replace("\t", "    ")):
        out.append((m.start(), m.group(0)))
    return out


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def parse(text: str, name: str, title: str | None) -> Model:
    """The text's blocks. ``title`` (the gold trích yếu) tells where the title ends."""
    model = Model(name)
    lines = [ln.rstrip() for ln in text.replace("\r", "").split("\n")]
    # -- the type line (or, for a công văn, the "Kính gửi" / first body line)
    type_at = None
    for i, ln in enumerate(lines[:40]):
        s = " ".join(ln.split())
        if s in _TYPE_NAMES or any(s.startswith(t + " ") and _is_upper(s) for t in _TYPE_NAMES):
            if not _MOTTO.match(s):
                type_at = i
                break
    header_end = type_at
    if header_end is None:  # công văn: header runs to "Kính gửi"
        header_end = next((i for i, ln in enumerate(lines) if re.match(r"^\s*Kính\s+gửi", ln)), 0)
    for ln in lines[:header_end]:
        for col, seg in _segments(ln):
            if _RULE.match(seg) and not _DECOR.match(seg.strip()):
                continue
            right = _MOTTO.match(seg) or _PLACE_DATE.match(seg) or col >= 30
            (model.right if right else model.left).append(seg)
    pos = header_end
    if type_at is not None:
        model.type_name = " ".join(lines[type_at].split())
        pos = type_at + 1
        if title:
            want = _fold(title)
            got: list[str] = []
            while pos < len(lines) and len(_fold(" ".join(got))) < len(want):
                s = " ".join(lines[pos].split())
                if s and not _RULE.match(s):
                    got.append(s)
                pos += 1
            model.title = " ".join(got)
    while pos < len(lines) and (not lines[pos].strip() or _RULE.match(lines[pos])):
        pos += 1
    # -- the footer: from the last "Nơi nhận"
    foot = None
    for i in range(len(lines) - 1, pos, -1):
        if re.match(r"^\s*Nơi\s+nhận", lines[i]):
            foot = i
            break
    if foot is None:  # the signature block alone: the last authority/position lines
        for i in range(len(lines) - 1, max(pos, len(lines) - 12), -1):
            if _AUTH.match(lines[i].strip()) or lines[i].strip() in ("GIÁM ĐỐC", "CHỦ TỊCH"):
                foot = i
        foot = foot if foot is not None else len(lines)
    _parse_body(lines[pos:foot], model)
    _parse_footer(lines[foot:], model)
    return model


_NUMERIC = re.compile(r"^[\d.,]+%?$")


def _table_spans(lines: list[str]) -> dict[int, tuple[int, list[list[str]]]]:
    """{first line: (end line, rows)} of the tables in the body lines: runs of two lines or
    more of three columns or more, and tables written one cell per line (a header of k
    short labels, then rows of k cells)."""
    found: dict[int, tuple[int, list[list[str]]]] = {}
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(_COLUMNS.split(lines[j].strip())) >= 3:
            j += 1
        if j - i >= 2:
            rows = [[c.strip() for c in _CELLS.split(ln.strip()) if c.strip()] for ln in lines[i:j]]
            found[i] = (j, rows)
            i = j
            continue
        # one cell per line
        short = []
        j = i
        while j < len(lines) and lines[j].strip() and len(lines[j].strip()) <= 60:
            s = lines[j].strip()
            if s.endswith((".", ":", ";")) or re.match(r"^\d+\.\s", s):
                break
            short.append(s)
            j += 1
        k = next((n for n, t in enumerate(short) if _NUMERIC.match(t)), 0)
        if k >= 2 and len(short) >= 2 * k:
            rows = [short[:k]]
            n = k
            while n + k <= len(short) and any(_NUMERIC.match(t) for t in short[n + 1 : n + k]):
                rows.append(short[n : n + k])
                n += k
            if len(rows) >= 2:
                found[i] = (i + n, rows)
                i += n
                continue
        i += 1
    return found


def _parse_body(lines: list[str], model: Model) -> None:
    tables = _table_spans(lines)
    para: list[str] = []

    def close() -> None:
        if para:
            model.body.append(" ".join(para))
            para.clear()

    i = 0
    while i < len(lines):
        if i in tables:
            close()
            end, rows = tables[i]
            model.body.append(Table(rows))
            i = end
            continue
        raw = lines[i]
        i += 1
        s = " ".join(raw.split())
        if not s:
            continue
        indented = len(raw) - len(raw.lstrip()) >= 4
        last = para[-1] if para else ""
        new = (
            not para
            or indented
            or _BULLET.match(s)
            or last.endswith((".", ";", ":", "!", "?", "./."))
            or (_is_upper(" ".join(para)) and not _is_upper(s))
            or (re.match(r"^\(.*\)$", s) is not None)
        )
        if new:
            close()
        para.append(s)
    close()


def _parse_footer(lines: list[str], model: Model) -> None:
    signing = False
    for raw in lines:
        for col, seg in _segments(raw):
            s = " ".join(seg.split())
            if col >= 30:
                model.signature.append(s)
                continue
            if not signing and (re.match(r"^Nơi\s+nhận", s) or s[:1] in "-+•–"):
                model.recipients.append(s)
                continue
            if not signing and model.recipients and not _is_upper(s) and not model.signature:
                if s[:1].islower() or not model.recipients[-1].endswith((";", ".", ",")):
                    model.recipients[-1] += " " + s
                    continue
            signing = True
            model.signature.append(s)


# ---------------------------------------------------------------------------
# rendering


@dataclass(frozen=True)
class Style:
    narrow: bool = False  # PDF: a narrow page so lines wrap
    legacy: str | None = None  # "tcvn3" or "vni"
    running_header: str | None = None  # text in the header of pages 2 on, left of the number


def _legacy_run(run, text: str, legacy: str | None, bold: bool = False) -> None:  # noqa: ANN001
    from danvan.core.extract.normalise import unicode_to_tcvn3, unicode_to_vni

    if legacy == "tcvn3":
        upper = _is_upper(text)
        run.text = unicode_to_tcvn3(text.lower() if upper else text)
        run.font.name = ".VnTimeH" if upper else ".VnTime"
    elif legacy == "vni":
        run.text = unicode_to_vni(text)
        run.font.name = "VNI-Times"
    else:
        run.text = text
        run.font.name = "Times New Roman"
    if bold:
        run.bold = True


def _para(container, text: str, style: Style, align=None, bold=False, italic=False, size=None):  # noqa: ANN001, ANN202
    from docx.shared import Pt

    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    if text:
        run = p.add_run()
        _legacy_run(run, text, style.legacy, bold)
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
    p.paragraph_format.space_after = Pt(2)
    return p


def _cell_paragraphs(cell, lines: list[str], style: Style, align) -> None:  # noqa: ANN001
    first = True
    for line in lines:
        if first:
            p = cell.paragraphs[0]
            if line:
                _legacy_run(p.add_run(), line, style.legacy, bold=_is_upper(line))
            p.alignment = align
            first = False
        else:
            _para(cell, line, style, align=align, bold=_is_upper(line))


def render_docx(model: Model, path: Path, style: Style) -> Path:
    import docx
    from docx.enum.section import WD_ORIENT  # noqa: F401
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    center = WD_ALIGN_PARAGRAPH.CENTER
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(13)
    normal.font.name = "Times New Roman"
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin = Cm(3)
    section.right_margin = Cm(5.5) if style.narrow else Cm(2)
    text_width = 21 - 3 - (5.5 if style.narrow else 2)
    # page numbers at the top, from page 2 on (as the rules for administrative documents say)
    section.different_first_page_header_footer = True
    if style.running_header:
        lead = section.header.paragraphs[0].add_run()
        _legacy_run(lead, style.running_header + " - Trang ", style.legacy)
    run = section.header.paragraphs[0].add_run()
    section.header.paragraphs[0].alignment = center
    for kind, instr in (("begin", None), (None, "PAGE"), ("separate", None), ("end", None)):
        element = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            element.set(qn("w:fldCharType"), kind)
        else:
            element.text = instr
        run._r.append(element)

    def two_columns(left: list[str], right: list[str], widths: tuple[float, float]):  # noqa: ANN202
        table = document.add_table(rows=1, cols=2)
        table.autofit = False
        for col, width in zip(table.columns, widths, strict=True):
            for cell in col.cells:
                cell.width = Cm(width)
        return table

    if model.left or model.right:
        left_w = 6.2 if not style.narrow else 5.2
        table = two_columns(model.left, model.right, (left_w, text_width - left_w))
        _cell_paragraphs(table.cell(0, 0), model.left, style, center)
        _cell_paragraphs(table.cell(0, 1), model.right, style, center)
    if model.type_name:
        _para(document, "", style)
        _para(document, model.type_name, style, align=center, bold=True, size=14)
    if model.title:
        _para(document, model.title, style, align=center, bold=True)
    for block in model.body:
        if isinstance(block, Table):
            width = max(len(r) for r in block.rows)
            table = document.add_table(rows=0, cols=width)
            table.style = "Table Grid"
            for n, row in enumerate(block.rows):
                cells = table.add_row().cells
                pad = width - len(row)
                for k, value in enumerate([""] * pad + row if n else row + [""] * pad):
                    p = cells[k].paragraphs[0]
                    if value:
                        _legacy_run(p.add_run(), value, style.legacy, bold=n == 0)
            continue
        p = _para(document, block, style, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        p.paragraph_format.first_line_indent = Cm(1)
    if model.recipients or model.signature:
        _para(document, "", style)
        left_w = 7.0 if not style.narrow else 6.0
        table = two_columns(model.recipients, model.signature, (left_w, text_width - left_w))
        left_cell, right_cell = table.cell(0, 0), table.cell(0, 1)
        _cell_paragraphs(left_cell, model.recipients, style, WD_ALIGN_PARAGRAPH.LEFT)
        sign = list(model.signature)
        if sign:  # room for the signature above the name
            sign = sign[:-1] + ["", "", ""] + sign[-1:]
        _cell_paragraphs(right_cell, sign, style, center)
    document.save(str(path))
    return path


def docx_to_pdfs(docx_paths: list[Path], out_dir: Path) -> list[Path]:
    """Convert with one LibreOffice run (its own profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) is needed for the PDF renderings")
    profile = Path("/tmp") / f"lo-danvan-layouts-{uuid.uuid4().hex}"
    try:
        subprocess.run(
            [
                soffice,
                "--headless",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, docx_paths),
            ],
            check=True,
            capture_output=True,
            timeout=900,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return [out_dir / (p.stem + ".pdf") for p in docx_paths]


def build_corpus(
    out_dir: Path, formats: tuple[str, ...] = FORMATS
) -> dict[str, list[tuple[str, Path]]]:
    """{format: [(gold source name, file)]} for every corpus document."""
    out_dir.mkdir(parents=True, exist_ok=True)
    result: dict[str, list[tuple[str, Path]]] = {f: [] for f in formats}
    pending: list[tuple[str, str, Path]] = []  # (format, source, .docx to convert)
    for n, doc in enumerate(corpus_docs()):
        gold = json.loads(doc.gold.read_text(encoding="utf-8"))
        text = doc.text.read_text(encoding="utf-8")
        stem = doc.text.stem
        if "txt" in formats:
            result["txt"].append((doc.source, doc.text))
        if stem.endswith("-scan"):
            continue  # text as OCR read it from a scan: not a layout to render again
        model = parse(text, doc.source, gold["document"].get("title"))
        # every third document has a running header on its later pages
        header = _running_header(gold) if n % 3 == 1 else None
        if "docx" in formats:
            path = out_dir / f"{stem}.docx"
            result["docx"].append(
                (doc.source, render_docx(model, path, Style(running_header=header)))
            )
        for legacy in ("tcvn3", "vni"):
            if legacy in formats:
                path = out_dir / f"{stem}.{legacy}.docx"
                style = Style(legacy=legacy, running_header=header)
                result[legacy].append((doc.source, render_docx(model, path, style)))
        if "pdf" in formats:
            style = Style(narrow=True, running_header=header)
            path = render_docx(model, out_dir / f"{stem}.narrow.docx", style)
            pending.append(("pdf", doc.source, path))
        if "pdf-legacy" in formats and n % 2 == 0:
            # VNI-Times is not installed: LibreOffice draws the codes in a stand-in font
            # (as a PDF printer without the font does), so the reader has to recognise the
            # VNI text by its letters. (Not TCVN3: LibreOffice drops its ư, code 0xAD, as a
            # soft hyphen, and draws .VnTimeH capitals as small letters.)
            style = Style(narrow=True, legacy="vni", running_header=header)
            path = render_docx(model, out_dir / f"{stem}.vni-pdf.docx", style)
            pending.append(("pdf-legacy", doc.source, path))
    if pending:
        pdfs = docx_to_pdfs([p for _, _, p in pending], out_dir)
        for (fmt, source, _), pdf in zip(pending, pdfs, strict=True):
            result[fmt].append((source, pdf))
    return result


def _running_header(gold: dict[str, object]) -> str:
    document = gold["document"]
    assert isinstance(document, dict)
    number = document.get("number") or ""
    return f"{number} {document.get('issuer') or ''}".strip()
