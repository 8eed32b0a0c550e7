"""Excel in and out of the reception book.

Import reads an existing paper book typed into Excel: the header row is found
by its column names (aliases below), merged cells take the value of their
top-left cell, and every row is checked before anything is stored — one bad
row and nothing is saved, with one Vietnamese message per bad row (row number
and column, never the citizen's name). Export is anonymised unless the caller
may see the people and asks for them; every text cell is made safe against
formula injection (a leading = + - @ tab or CR gets a quote prefix).
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from openpyxl import load_workbook
from openpyxl.styles import Font

from danvan.core import xlsx
from danvan.core.dates import format_date_short, parse_date
from danvan.core.errors import DomainError

from . import access, services
from .models import Outcome, Place, Reception, Sector

# column key → (header shown on export, accepted header names, required)
COLUMNS: list[tuple[str, str, tuple[str, ...], bool]] = [
    ("received_on", "Ngày tiếp", ("ngày tiếp", "ngày", "ngày tiếp công dân"), True),
    (
        "citizen_name",
        "Họ và tên",
        ("họ và tên", "họ tên", "họ tên công dân", "người được tiếp"),
        False,
    ),
    ("citizen_address", "Địa chỉ", ("địa chỉ", "nơi cư trú"), False),
    (
        "citizen_id_number",
        "Số CCCD/CMND",
        ("số cccd/cmnd", "số cccd", "cccd", "cmnd", "số định danh"),
        False,
    ),
    ("group_size", "Số người", ("số người", "số lượng người"), False),
    ("content", "Nội dung", ("nội dung", "nội dung vụ việc", "tóm tắt nội dung"), True),
    ("field", "Lĩnh vực", ("lĩnh vực",), False),
    ("outcome", "Kết quả", ("kết quả", "kết quả tiếp", "hướng xử lý"), False),
]
MAX_ROWS = 20000


class ImportErrors(DomainError):
    def __init__(self, rows: list[str]) -> None:
        shown = rows[:20]
        more = f" (và {len(rows) - 20} lỗi khác)" if len(rows) > 20 else ""
        super().__init__(f"Có {len(rows)} lỗi; chưa nhập dòng nào.{more}", code="import")
        self.rows = shown


def safe(value: Any) -> Any:
    return xlsx.cell_value(value)


def _norm(text: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).casefold().split()).strip(" :*")


def _choice(value: Any, choices, default: str) -> str | None:
    text = _norm(value)
    if not text:
        return default
    for code, label in choices:
        if text in (code, _norm(label)) or _norm(label).startswith(text):
            return code
    return None


def _grid(ws) -> list[list[Any]]:
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:
        top = ws.cell(row=rng.min_row, column=rng.min_col).value
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                    rows[r - 1][c - 1] = top
    return rows


def _header(rows: list[list[Any]]) -> tuple[int, dict[str, int]]:
    best: tuple[int, dict[str, int]] = (-1, {})
    for i, row in enumerate(rows[:15]):
        found: dict[str, int] = {}
        for j, cell in enumerate(row):
            name = _norm(cell)
            for key, _shown, aliases, _req in COLUMNS:
                if key not in found and name in aliases:
                    found[key] = j
        if len(found) > len(best[1]):
            best = (i, found)
    return best


def _to_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(str(value or ""))


def read_rows(data: bytes, today: dt.date) -> list[dict[str, Any]]:
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not xlsx
        raise DomainError("Tệp không đọc được như một bảng Excel (.xlsx).", field="file") from None
    rows = _grid(wb.worksheets[0])
    head, cols = _header(rows)
    missing = [shown for key, shown, _a, req in COLUMNS if req and key not in cols]
    if head < 0 or missing:
        raise DomainError(
            "Không tìm thấy cột bắt buộc: "
            + ", ".join(f"“{m}”" for m in missing or [c[1] for c in COLUMNS if c[3]])
            + ". Dòng tiêu đề cần có các cột: "
            + ", ".join(f"“{c[1]}”" for c in COLUMNS)
            + ".",
            field="file",
        )
    out, errors = [], []
    body = rows[head + 1 :]
    if len(body) > MAX_ROWS:
        raise DomainError(f"Tệp có quá {MAX_ROWS} dòng; hãy chia nhỏ.", field="file")
    for offset, row in enumerate(body):
        line = head + 2 + offset

        def get(key, row=row):
            j = cols.get(key)
            return row[j] if j is not None and j < len(row) else None

        if all(v in (None, "") for v in row):
            continue
        problems = []
        day = _to_date(get("received_on"))
        if day is None:
            problems.append("cột “Ngày tiếp” không phải ngày (dd/mm/yyyy)")
        elif day > today:
            problems.append(f"ngày tiếp {format_date_short(day)} sau ngày hôm nay")
        content = " ".join(str(get("content") or "").split())
        if not content:
            problems.append("thiếu “Nội dung”")
        size_raw = get("group_size")
        try:
            size = int(size_raw) if size_raw not in (None, "") else 1
            if size < 1:
                raise ValueError
        except (TypeError, ValueError):
            problems.append("“Số người” phải là số nguyên từ 1")
            size = 1
        field = _choice(get("field"), Sector.choices, Sector.OTHER)
        if field is None:
            problems.append("“Lĩnh vực” không có trong danh mục")
        outcome = _choice(get("outcome"), Outcome.choices, Outcome.GUIDED)
        if outcome is None or outcome == Outcome.PETITION:
            problems.append(
                "“Kết quả” phải là “Hướng dẫn, giải thích” hoặc “Trả lời trực tiếp” "
                "(đơn nhận được vào sổ đơn riêng)"
            )
        id_number = str(get("citizen_id_number") or "").replace(" ", "")
        if id_number.endswith(".0"):
            id_number = id_number[:-2]
        if id_number and not services._ID_NUMBER.match(id_number):
            problems.append("“Số CCCD/CMND” phải gồm 9 hoặc 12 chữ số")
        if problems:
            errors.append(f"Dòng {line}: " + "; ".join(problems) + ".")
            continue
        out.append(
            {
                "received_on": day,
                "citizen_name": str(get("citizen_name") or ""),
                "citizen_address": str(get("citizen_address") or ""),
                "citizen_id_number": id_number,
                "group_size": size,
                "content": content,
                "field": field,
                "outcome": outcome,
                "place": Place.OFFICE,
            }
        )
    if errors:
        raise ImportErrors(errors)
    if not out:
        raise DomainError("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.", field="file")
    return out


@transaction.atomic
def import_receptions(user, unit, data: bytes, today: dt.date | None = None) -> list[Reception]:
    """All rows or none."""
    today = services._today(today)
    if not access.can_edit_book(user, unit):
        raise PermissionDenied("Bạn không có quyền ghi sổ tiếp công dân của đơn vị này.")
    rows = read_rows(data, today)
    made = []
    for i, row in enumerate(rows):
        try:
            made.append(services.record_reception(user, unit=unit, today=today, **row))
        except DomainError as exc:
            raise ImportErrors([f"Dòng dữ liệu thứ {i + 1}: {exc.message}"]) from None
    return made


def export_receptions(user, qs, *, personal: bool = False) -> bytes:
    """The book as xlsx; people shown only when asked for and allowed (each
    shown record is audited by services.show_person)."""
    wb = xlsx.new_workbook()
    ws = wb.active
    ws.title = "Sổ tiếp công dân"
    xlsx.append(ws, ["STT", *[c[1] for c in COLUMNS]])
    for c in ws[1]:
        c.font = Font(bold=True)
    for n, r in enumerate(qs.order_by("received_on", "pk")[:MAX_ROWS], start=1):
        if personal:
            person = services.show_person(user, r)
        else:
            person = {
                "name": services.HIDDEN if r.citizen_name else "",
                "address": services.HIDDEN if r.citizen_address else "",
                "id_number": services.HIDDEN if r.citizen_id_number else "",
            }
        xlsx.append(
            ws,
            [
                safe(v)
                for v in (
                    n,
                    r.received_on,
                    person["name"],
                    person["address"],
                    person["id_number"],
                    r.group_size,
                    r.content,
                    r.get_field_display(),
                    r.get_outcome_display(),
                )
            ],
        )
    return xlsx.to_bytes(wb)
