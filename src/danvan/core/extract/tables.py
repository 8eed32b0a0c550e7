"""Tables in a document's text, whatever layout the reader gave them.

Three shapes reach the analysis:

- one row per line, cells separated by tabs (the .docx and PDF readers' data tables);
- one row per line, cells separated by runs of spaces (pdftotext -layout dumps);
- one cell per line (text copied out of Word): a run of short lines, a header of k
  labels, then rows of k cells each.

``table_blocks`` turns all three into blocks of rows of cells that keep their offsets
in the original text; ``table_figures`` reads the figures of indicator and count tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from danvan.core.extract.quantities import NUM, UNIT_RE, FoundFigure, read_number
from danvan.core.extract.textmap import FlatText, flat_index

_SPACES = re.compile(r" {2,}")
_NUMBER_CELL = re.compile(r"^[-–]?\d[\d.,]*\s*%?$")
_NUMBERING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]\s+\S|[IVX]+\s*[.)]\s|[a-zđ]\)\s)")
MAX_CELL_LINE = 60


@dataclass(frozen=True)
class Cell:
    text: str  # stripped
    start: int  # offset of the text in the original


Row = list[Cell]


def is_number_cell(text: str) -> bool:
    return bool(_NUMBER_CELL.match(text.strip()))


def _split_line(line: str, offset: int) -> Row | None:
    """The cells of a one-line row, or None when the line is not one."""
    if "\t" in line:
        cells: Row = []
        pos = 0
        for chunk in line.split("\t"):
            lead = len(chunk) - len(chunk.lstrip())
            cells.append(Cell(chunk.strip(), offset + pos + lead))
            pos += len(chunk) + 1
        filled = [c for c in cells if c.text]
        return cells if len(filled) >= 2 else None
    stripped = line.strip()
    if "  " not in stripped:  # no run of spaces between cells
        return None
    lead = len(line) - len(line.lstrip())
    cells = []
    pos = 0
    for chunk in _SPACES.split(stripped):
        at = stripped.find(chunk, pos)
        cells.append(Cell(chunk.strip(), offset + lead + at))
        pos = at + len(chunk)
    cells = [c for c in cells if c.text]
    return cells if len(cells) >= 3 else None


def _cell_line(line: str) -> bool:
    """A line that may be one cell of a table copied out cell by cell."""
    s = line.strip()
    return (
        0 < len(s) <= MAX_CELL_LINE
        and not s.endswith((".", ";", ":", ","))
        and not _NUMBERING.match(s)
        and "\t" not in s
    )


def _cell_rows(run: list[tuple[str, int]]) -> list[Row]:
    """Rows of a table given one cell per line: the header runs to the first number;
    then rows of as many cells, each with a number after its first cell."""
    k = next((i for i, (t, _) in enumerate(run) if is_number_cell(t)), len(run))
    if k < 2 or len(run) < 2 * k:
        return []
    if any(is_number_cell(t) for t, _ in run[:k]):
        return []
    rows: list[Row] = [[Cell(t.strip(), o) for t, o in run[:k]]]
    for i in range(k, len(run) - k + 1, k):
        chunk = run[i : i + k]
        if not any(is_number_cell(t) for t, _ in chunk[1:]):
            break
        rows.append([Cell(t.strip(), o) for t, o in chunk])
    return rows if len(rows) >= 2 else []


def table_blocks(text: str) -> list[list[Row]]:
    """Blocks of consecutive table rows (a header among them), in text order."""
    blocks: list[list[Row]] = []
    current: list[Row] = []
    run: list[tuple[str, int]] = []

    def close_run() -> None:
        if len(run) >= 4:
            rows = _cell_rows(run)
            if rows:
                blocks.append(rows)
        run.clear()

    pos = 0
    for line in text.split("\n"):
        offset, pos = pos, pos + len(line) + 1
        row = _split_line(line, offset)
        if row is not None:
            close_run()
            current.append(row)
            continue
        if current:
            blocks.append(current)
            current = []
        if _cell_line(line):
            lead = len(line) - len(line.lstrip())
            run.append((line, offset + lead))
        elif line.strip():
            close_run()
    close_run()
    if current:
        blocks.append(current)
    return blocks


_CELL_NUM = re.compile(r"^(?:" + NUM + r")\s*%?$")


_DONE_COL = ("thực hiện", "kết quả", "ước thực hiện", "ước th", "th ")


_PLAN_COL = re.compile(r"(?:kế hoạch|kh\b|chỉ tiêu|nghị quyết|mục tiêu|dự toán)")


_RATE_COL = re.compile(r"(?:tỷ lệ|%|so với kế hoạch|so với kh|so kh)")


_CHANGE_COL = re.compile(r"(?:so với cùng kỳ|so cùng kỳ|so với năm trước|so với cùng kì)")


_LABEL_COL = re.compile(
    r"^(?:s?tt|năm|nội dung|chỉ tiêu|tên chỉ tiêu|đơn vị|địa bàn|huyện|tiêu chí|lĩnh vực|"
    r"quý|tháng|kỳ|giai đoạn|loại|danh mục|hạng mục)\b"
)


_ROW_NUMBER = re.compile(r"^(?:\d{1,2}|[IVX]+)\.?$")


def _header_unit(header: str) -> str | None:
    """The unit a column header names: "Kinh phí (tỷ đồng)" → tỷ đồng; "Số nhà hoàn thành" →
    nhà; "Số mô hình được công nhận" → mô hình."""
    um = re.search(r"\(([^()\d]{1,20})\)\s*$", header)
    if um:
        unit = um.group(1).strip().lower()
        return "%" if unit == "%" else unit
    m = re.match(r"(?:tổng\s+)?số(?:\s+lượng)?\s+(.+)$", header, re.IGNORECASE)
    if not m:
        return None
    um2 = UNIT_RE.match(m.group(1))
    if um2:
        return um2.group(1).lower()
    return m.group(1).split()[0].lower()


def table_figures(
    text: str,
    flat: FlatText,
    body_start: int,
    body_end: int,
    taken: bytearray,
    year: int | None = None,
) -> list[FoundFigure]:
    """Figures of the document's tables (tables.table_blocks: tab-separated, column-laid or
    one cell per line). Under a header naming a "Thực hiện"/"Kết quả" column: one figure per
    row, with the plan column as target, the "Tỷ lệ" column as plan_percent and the "So với
    cùng kỳ (%)" column as change_percent (a ratio: 108,5 → +8,5). Under a header whose
    first column labels the rows ("Năm", "Nội dung") and whose other columns name what they
    count: one figure per numeric cell; so too under year columns ("Chỉ tiêu | ĐVT | Năm 2026 |
    Năm 2027"), a target when the column's year is after ``year`` (the document's). The rows'
    other numbers are marked as taken."""
    out: list[FoundFigure] = []
    header: list[str] | None = None
    last_end = -1
    for block in table_blocks(text):
        # rows that go on after a page break (a running header, a page number between)
        # keep the header of the rows before it when they have its width
        gap = text[last_end : block[0][0].start] if last_end >= 0 else ""
        if not (
            header is not None
            and 0 <= len(gap) < 200
            and len(block[0]) == len(header)
            and any(_CELL_NUM.match(c.text) for c in block[0])
        ):
            header = None
        last = block[-1][-1]
        last_end = last.start + len(last.text)
        for cells in block:
            fa = flat_index(flat, cells[0].start)
            if fa < body_start or fa >= body_end:
                continue
            texts = [c.text for c in cells]
            folded = [t.lower() for t in texts]
            numeric = [i for i, t in enumerate(texts) if _CELL_NUM.match(t)]
            if not numeric and sum(1 for t in texts if t) >= 2:
                header = folded
                continue
            if header is None or not numeric:
                continue
            spans = {}
            for i, c in enumerate(cells):
                if c.text:
                    a = flat_index(flat, c.start)
                    spans[i] = (a, a + len(c.text))
            done_figures = _indicator_row(header, cells, spans, out)
            if done_figures is None:
                _count_row(header, cells, spans, out, year)
            for i in numeric:  # the row's numbers are not figures of their own
                a, b = spans[i]
                taken[a:b] = b"\x01" * (b - a)
            if cells and _ROW_NUMBER.match(texts[0]) and 0 in spans:
                a, b = spans[0]
                taken[a:b] = b"\x01" * (b - a)
    return out


def _columns(header: list[str], cells: list[Cell]) -> list[str] | None:
    """The header name of each cell: by position when the row has the header's width,
    else the row's cells aligned with the header's last columns."""
    if len(cells) == len(header):
        return header
    if len(header) > len(cells):
        return header[len(header) - len(cells) :]
    return None


def _indicator_row(
    header: list[str], cells: list[Cell], spans: dict[int, tuple[int, int]], out: list[FoundFigure]
) -> FoundFigure | None:
    """One figure for a row of an indicator table, or None when the header has no
    "Thực hiện" column (or the row does not fit it)."""
    cols = _columns(header, cells)
    if cols is None:
        return None
    texts = [c.text for c in cells]
    nums = {i for i, t in enumerate(texts) if _CELL_NUM.match(t)}
    done = next((i for i in nums if cols[i].startswith(_DONE_COL)), None)
    plan = next((i for i in nums if i != done and _PLAN_COL.match(cols[i])), None)
    kind = "result"
    if done is not None and plan is not None and _later_year(cols[plan], cols[done]):
        # next year's plan beside this year's result: two figures
        return _target_row(header, cells, spans, out, plan, done)
    if done is None:
        if plan is None:
            return None
        # a table of targets ("Chỉ tiêu | ĐVT | Kế hoạch năm 2025")
        done, plan, kind = plan, None, "target"
    rate = next((i for i in nums if i not in (done, plan) and _RATE_COL.match(cols[i])), None)
    change = next((i for i in nums if _CHANGE_COL.search(cols[i])), None)
    if rate == change:
        rate = None
    unit_col = next((i for i, c in enumerate(cols) if c.startswith(("đơn vị", "đvt"))), None)
    labels = [t for i, t in enumerate(texts) if i not in nums and i != unit_col and t]
    label = labels[-1] if labels else ""
    unit = texts[unit_col].lower() if unit_col is not None and unit_col not in nums else None
    if not unit:
        um = re.search(r"\(([^()\d]{1,20})\)\s*$", label)
        unit = um.group(1).strip().lower() if um else None
    if not unit:
        return None
    try:
        value, _ = read_number(texts[done])
        target = read_number(texts[plan])[0] if plan is not None else None
        rate_value = read_number(texts[rate])[0] if rate is not None else None
        change_value = read_number(texts[change].rstrip("% "))[0] if change is not None else None
    except ValueError:
        return None
    if (
        change is not None
        and change_value is not None
        and not re.search(r"tăng|giảm|\+|±", cols[change])
    ):
        change_value = round(change_value - 100, 6)  # a ratio to last year's figure
    a, b = spans[done]
    first, last = min(spans), max(spans)
    fig = FoundFigure(
        value=value,
        unit=unit,
        kind=kind,
        label=label,
        fstart=spans[first][0],
        fend=spans[last][1],
        num_start=a,
        num_end=b,
        target=target,
        plan_percent=rate_value if target is not None or rate is not None else None,
        change_percent=change_value,
        raw=texts[done],
    )
    out.append(fig)
    return fig


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _later_year(plan_header: str, done_header: str) -> bool:
    """ "Kế hoạch năm 2025" beside "Thực hiện năm 2024": the plan is next year's."""
    plan_years = [int(y) for y in _YEAR.findall(plan_header)]
    done_years = [int(y) for y in _YEAR.findall(done_header)]
    return bool(plan_years and done_years) and min(plan_years) > max(done_years)


def _target_row(
    header: list[str],
    cells: list[Cell],
    spans: dict[int, tuple[int, int]],
    out: list[FoundFigure],
    plan: int,
    done: int,
) -> FoundFigure | None:
    """This year's result and next year's plan of one row: two figures."""
    result = _indicator_row(
        [c if i != plan else "" for i, c in enumerate(header)], cells, spans, out
    )
    if result is None:
        return None
    target_header = [c if i != done else "" for i, c in enumerate(header)]
    _indicator_row(target_header, cells, spans, out)
    return result


def _count_row(
    header: list[str],
    cells: list[Cell],
    spans: dict[int, tuple[int, int]],
    out: list[FoundFigure],
    year: int | None = None,
) -> None:
    """Figures of a row of a table that counts per row label ("Năm" | "Số nhà" | "Kinh phí
    (tỷ đồng)"): one per numeric cell whose column names a unit, or whose column names a
    year when the row gives its unit ("Số hộ thoát nghèo | hộ | 120 | 150")."""
    cols = _columns(header, cells)
    if cols is None or not _LABEL_COL.match(header[0]):
        return
    texts = [c.text for c in cells]
    label_at = next((i for i, t in enumerate(texts) if t and not _ROW_NUMBER.match(t)), 0)
    unit_col = next((i for i, c in enumerate(cols) if c.startswith(("đơn vị", "đvt"))), None)
    row_unit = texts[unit_col].lower() if unit_col is not None else ""
    if _CELL_NUM.match(row_unit):
        row_unit = ""
    for i, t in enumerate(texts):
        if i <= label_at or not _CELL_NUM.match(t):
            continue
        col_year = _YEAR.search(cols[i]) if row_unit else None
        if _LABEL_COL.match(cols[i]) and not (col_year and cols[i].startswith("năm")):
            continue
        unit = row_unit if col_year else _header_unit(cols[i])
        if not unit:
            continue
        later = col_year is not None and year is not None and int(col_year.group(0)) > year
        try:
            value, _ = read_number(t.rstrip("% "))
        except ValueError:
            continue
        a, b = spans[i]
        out.append(
            FoundFigure(
                value=value,
                unit=unit,
                kind="target" if later else "result",
                label=f"{cols[i]} {texts[label_at]}".strip(),
                fstart=spans[min(spans)][0],
                fend=b,
                num_start=a,
                num_end=b,
                raw=t,
            )
        )
