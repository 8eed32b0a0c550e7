"""The one way the app writes and reads Excel files, safe against formula injection.

Writing: every export builds its workbook with new_workbook(), adds rows with
append() and turns it into bytes with to_bytes(). Text is always a text cell;
text that a spreadsheet would read as a formula or a DDE command (starting with
= + - @, a tab or a carriage return) gets a leading apostrophe; and to_bytes()
walks every cell of every sheet before saving, so no formula ever leaves the
app, whichever way a cell was set.

Reading: formulas_without_value() lists the formula cells that carry no
computed value (importers read computed values, data_only=True). Importers turn those into
a row error ("ô chứa công thức, không có giá trị") instead of reading a blank
that would erase a stored value.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMULA_NO_VALUE = "ô chứa công thức, không có giá trị"

Cell = tuple[str, int, int]


def safe_text(text: str) -> str:
    """``text`` as a spreadsheet shows it, never run: a formula-like start gets ``'``."""
    text = str.__str__(text)
    return "'" + text if text.startswith(FORMULA_START) else text


def cell_value(value: Any) -> Any:
    """A value ready for a cell: numbers, dates and booleans as such, anything else text."""
    if value is None or isinstance(value, bool | int | float | dt.date | dt.datetime | dt.time):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return safe_text(value if isinstance(value, str) else str(value))


def new_workbook() -> Workbook:
    return Workbook()


def append(ws: Worksheet, row: Iterable[Any]) -> None:
    ws.append([cell_value(v) for v in row])


def neutralise(wb: Workbook) -> None:
    """Make every cell of every sheet inert: no formula, no formula-like text."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if cell.data_type == "f" or isinstance(value, str):
                    cell.value = safe_text(value if isinstance(value, str) else str(value))
                    cell.data_type = "s"


def to_bytes(wb: Workbook) -> bytes:
    neutralise(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def formulas_without_value(data: bytes, *, max_rows: int | None = None) -> set[Cell]:
    """(sheet title, row, column), 1-based, of every formula cell whose computed value
    the file does not carry (a file written by a program, never opened in Excel)."""
    values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    limit = None if max_rows is None else max_rows + 1
    found: set[Cell] = set()
    for ws, fs in zip(values.worksheets, formulas.worksheets, strict=True):
        pairs = zip(
            ws.iter_rows(values_only=True, max_row=limit),
            fs.iter_rows(values_only=True, max_row=limit),
            strict=False,
        )
        for r, (vals, forms) in enumerate(pairs, start=1):
            for c, (v, f) in enumerate(zip(vals, forms, strict=False), start=1):
                is_formula = isinstance(f, ArrayFormula | DataTableFormula) or (
                    isinstance(f, str) and f.startswith("=")
                )
                if is_formula and v in (None, ""):
                    found.add((ws.title, r, c))
    values.close()
    formulas.close()
    return found
