"""Tables in a document's text, whatever layout the reader gave them.

Three shapes reach the analysis:

- one row per line, cells separated by tabs (the .docx and PDF readers' data tables);
- one row per line, cells separated by runs of spaces (pdftotext -layout dumps);
- one cell per line (text copied out of Word): a run of short lines, a header of k
  labels, then rows of k cells each.

``table_blocks`` turns all three into blocks of rows of cells that keep their offsets
in the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    if not _SPACES.search(stripped):
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
