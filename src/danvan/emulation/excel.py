"""Excel in and out: the records import (template, preview with per-row
errors, then apply in one transaction) and the year's summary export."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from openpyxl import load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from danvan.accounts import access
from danvan.core import xlsx
from danvan.core.errors import DomainError
from danvan.core.rules import DISCIPLINE_LEVELS, RATINGS, SCOPES, TITLES, title_label
from danvan.core.text import fold, nfc_deep
from danvan.orgunits.models import OrgUnit, StaffMember

from . import services
from .models import AwardRecord, PerformanceRating

MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024

# sheet key → (sheet title, headers, example row)
SHEETS: dict[str, tuple[str, tuple[str, ...], tuple[Any, ...]]] = {
    "ratings": (
        "Xếp loại",
        ("Mã cán bộ", "Họ và tên", "Năm", "Xếp loại", "Số ngày nghỉ không tính công tác"),
        ("", "Nguyễn Văn A", 2025, "htt", 0),
    ),
    "titles": (
        "Danh hiệu",
        (
            "Mã cán bộ",
            "Họ và tên",
            "Năm",
            "Danh hiệu",
            "Số quyết định",
            "Ngày quyết định",
            "Cơ quan quyết định",
            "Khen thưởng theo chuyên đề (có/không)",
        ),
        (
            "",
            "Nguyễn Văn A",
            2024,
            "lao_dong_tien_tien",
            "12/QĐ-SLĐTBXH",
            "15/01/2025",
            "Sở LĐTBXH",
            "không",
        ),
    ),
    "innovations": (
        "Sáng kiến",
        (
            "Mã cán bộ",
            "Họ và tên",
            "Năm",
            "Tên sáng kiến",
            "Phạm vi",
            "Cơ quan công nhận",
            "Số quyết định",
            "Đã áp dụng",
        ),
        ("", "Nguyễn Văn A", 2025, "Số hóa hồ sơ", "co_so", "Hội đồng sáng kiến", "", "có"),
    ),
    "discipline": (
        "Kỷ luật",
        ("Mã cán bộ", "Họ và tên", "Hình thức", "Ngày quyết định", "Hiệu lực đến", "Số quyết định"),
        ("", "Nguyễn Văn A", "khien_trach", "12/5/2025", "11/5/2026", ""),
    ),
}
SHEET_BY_TITLE = {fold(title): key for key, (title, _h, _e) in SHEETS.items()}


def _lookup(codes: dict[str, str]) -> dict[str, str]:
    """Accept the code or the Vietnamese name, with or without diacritics."""
    table = {}
    for code, label in codes.items():
        table[fold(code)] = code
        table[fold(label)] = code
    return table


RATING_LOOKUP = _lookup(RATINGS)
RATING_LOOKUP.update({"htxsnv": "htxs", "httnv": "htt", "htnv": "ht", "khtnv": "kht"})
TITLE_LOOKUP = _lookup(TITLES)
TITLE_LOOKUP.update({"ldtt": "lao_dong_tien_tien", "cstdcs": "chien_si_thi_dua_co_so"})
SCOPE_LOOKUP = _lookup(SCOPES)
DISCIPLINE_LOOKUP = _lookup(DISCIPLINE_LEVELS)
YES = {"co", "x", "1", "true", "da ap dung", "yes", "co ap dung"}
NO = {"khong", "0", "false", "chua ap dung", "no", "chua"}


@dataclass
class Row:
    sheet: str
    line: int
    staff_id: int | None = None
    name: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    replaces: str = ""  # the stored value this row would overwrite, shown before saving


@dataclass
class Preview:
    unit_id: int
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # file-level

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows) and not any(r.errors for r in self.rows)

    @property
    def error_rows(self) -> list[Row]:
        return [r for r in self.rows if r.errors]

    def counts(self) -> dict[str, int]:
        out = {key: 0 for key in SHEETS}
        for r in self.rows:
            out[r.sheet] += 1
        return out

    @property
    def overwriting_rows(self) -> list[Row]:
        return [r for r in self.rows if r.replaces]

    def to_json(self) -> dict[str, Any]:
        return {"unit_id": self.unit_id, "rows": [asdict(r) for r in self.rows if not r.errors]}


def _theme_based(row, raw: str) -> bool:
    """NĐ 152/2025 Điều 4 khoản 3: a theme award is no basis for a higher one."""
    folded = fold(raw)
    if folded and folded not in YES and folded not in NO:
        row.errors.append(f"cột “Khen thưởng theo chuyên đề” phải là có/không, không phải “{raw}”")
    return folded in YES


def template_bytes() -> bytes:
    """The downloadable template: one sheet per kind of record, plus the codes."""
    wb = xlsx.new_workbook()
    wb.remove(wb.active)
    for _key, (title, headers, example) in SHEETS.items():
        ws = wb.create_sheet(title)
        xlsx.append(ws, headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        xlsx.append(ws, example)
        for i, _h in enumerate(headers):
            ws.column_dimensions[chr(65 + i)].width = 22
    codes = wb.create_sheet("Mã")
    xlsx.append(codes, ["Loại", "Mã", "Tên"])
    for cell in codes[1]:
        cell.font = Font(bold=True)
    for kind, table in (
        ("Xếp loại", RATINGS),
        ("Danh hiệu", TITLES),
        ("Phạm vi sáng kiến", SCOPES),
        ("Hình thức kỷ luật", DISCIPLINE_LEVELS),
    ):
        for code, label in table.items():
            xlsx.append(codes, [kind, code, label])
    codes.column_dimensions["A"].width = 20
    codes.column_dimensions["B"].width = 30
    codes.column_dimensions["C"].width = 45
    return xlsx.to_bytes(wb)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _int(value: Any) -> int | None:
    text = _text(value)
    if not text:
        return None
    try:
        return int(float(text.replace(",", ".")))
    except ValueError:
        return None


def _date(value: Any) -> dt.date | None | str:
    """A date, None when empty, or "bad"."""
    if value is None or _text(value) == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return "bad"


class People:
    """Find a person of the unit by code, or else by name (diacritics-insensitive)."""

    def __init__(self, unit: OrgUnit) -> None:
        staff = list(
            StaffMember.objects.filter(unit__path__startswith=unit.path).select_related("unit")
        )
        self.unit = unit
        self.by_code = {s.code.strip().upper(): s for s in staff if s.code.strip()}
        self.by_name: dict[str, list[StaffMember]] = {}
        for s in staff:
            self.by_name.setdefault(fold(s.full_name), []).append(s)

    def find(self, code: str, name: str) -> tuple[StaffMember | None, str | None]:
        if code:
            s = self.by_code.get(code.upper())
            if s is None:
                return None, f"không có cán bộ mã “{code}” trong {self.unit.name}"
            return s, None
        if not name:
            return None, "thiếu mã cán bộ và họ tên"
        found = self.by_name.get(fold(name), [])
        if not found:
            return None, f"không có cán bộ “{name}” trong {self.unit.name}"
        if len(found) > 1:
            return None, f"có {len(found)} cán bộ tên “{name}”: hãy ghi mã cán bộ"
        return found[0], None


def _year(value: Any, row: Row) -> int | None:
    """The row's year; a missing or implausible one is noted on the row."""
    year = _int(value)
    if year is None:
        row.errors.append("thiếu năm hoặc năm không phải số")
    elif not 2000 <= year <= dt.date.today().year + 1:
        row.errors.append(f"năm {year} không hợp lệ")
    return year


def _optional_date(value: Any, row: Row, what: str) -> dt.date | None:
    """A date cell that may be empty; one that is not a date is noted on the row."""
    parsed = _date(value)
    if parsed == "bad":
        row.errors.append(f"{what} “{_text(value)}” không hợp lệ")
    return parsed if isinstance(parsed, dt.date) else None


def _required(value: Any, row: Row, missing: str) -> str:
    """A cell's text; when it is empty the row gets the ``missing`` error."""
    text = _text(value)
    if not text:
        row.errors.append(missing)
    return text


def _parse_row(key: str, cells: list[Any], row: Row) -> None:
    def get(i: int) -> Any:
        return cells[i] if i < len(cells) else None

    if key == "ratings":
        year = _year(get(2), row)
        raw = _required(get(3), row, "thiếu xếp loại")
        if raw and fold(raw) not in RATING_LOOKUP:
            row.errors.append(f"xếp loại “{raw}” không hợp lệ (htxs, htt, ht, kht)")
        leave_raw = _text(get(4))
        leave = _int(get(4))
        if leave_raw and (leave is None or not 0 <= leave <= 366):
            row.errors.append(f"số ngày nghỉ “{leave_raw}” không hợp lệ")
        row.values = {
            "year": year,
            "rating": RATING_LOOKUP.get(fold(raw)),
            "leave_working_days": leave,
        }
    elif key == "titles":
        year = _year(get(2), row)
        raw = _required(get(3), row, "thiếu danh hiệu")
        code = TITLE_LOOKUP.get(fold(raw))
        if raw and code is None:
            row.errors.append(f"mã danh hiệu “{raw}” không có trong danh mục")
        decided_on = _optional_date(get(5), row, "ngày quyết định")
        row.values = {
            "year": year,
            "title": code,
            "decision_number": _text(get(4)),
            "decided_on": decided_on.isoformat() if decided_on else None,
            "decided_by": _text(get(6)),
            "theme_based": _theme_based(row, _text(get(7))),
        }
    elif key == "innovations":
        year = _year(get(2), row)
        title = _required(get(3), row, "thiếu tên sáng kiến")
        raw = _text(get(4))
        scope = SCOPE_LOOKUP.get(fold(raw))
        if scope is None:
            row.errors.append(f"phạm vi “{raw}” không hợp lệ (co_so, cap_tinh, toan_quoc)")
        applied_raw = fold(_text(get(7)))
        applied = True if applied_raw in YES else False if applied_raw in NO else None
        if applied_raw and applied is None:
            row.errors.append(f"cột “Đã áp dụng” phải là có/không, không phải “{_text(get(7))}”")
        row.values = {
            "year": year,
            "title": title,
            "scope": scope,
            "recognised_by": _text(get(5)),
            "decision_number": _text(get(6)),
            "applied": applied,
        }
    elif key == "discipline":
        raw = _text(get(2))
        level = DISCIPLINE_LOOKUP.get(fold(raw))
        if level is None:
            row.errors.append(f"hình thức kỷ luật “{raw}” không hợp lệ")
        parsed = _date(get(3))
        decided_on = parsed if isinstance(parsed, dt.date) else None
        if decided_on is None:
            row.errors.append("thiếu hoặc sai ngày quyết định kỷ luật")
        until = _optional_date(get(4), row, "ngày hết hiệu lực")
        row.values = {
            "level": level,
            "decided_on": decided_on.isoformat() if decided_on else None,
            "effective_until": until.isoformat() if until else None,
            "decision_number": _text(get(5)),
        }


def preview(user, unit: OrgUnit, data: bytes) -> Preview:
    """Read the workbook; nothing is saved. Every row carries its own errors."""
    if not access.can(user, "edit", unit):
        raise PermissionDenied("Bạn không có quyền nhập hồ sơ thi đua cho đơn vị này.")
    out = Preview(unit_id=unit.pk)
    if len(data) > MAX_BYTES:
        out.errors.append("Tệp quá lớn (tối đa 10 MB).")
        return out
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        no_value = xlsx.formulas_without_value(data)
    except Exception:
        out.errors.append("Không đọc được tệp: hãy dùng tệp Excel .xlsx theo mẫu tải về.")
        return out
    blanks: dict[tuple[str, int], list[str]] = {}
    for title, r, c in sorted(no_value):
        blanks.setdefault((title, r), []).append(f"{get_column_letter(c)}{r}")
    people = People(unit)
    known = False
    seen: set[tuple] = set()
    for ws in wb.worksheets:
        key = SHEET_BY_TITLE.get(fold(ws.title))
        if key is None:
            continue
        known = True
        for i, cells in enumerate(ws.iter_rows(values_only=True), 1):
            if i == 1:
                continue
            cells = nfc_deep(list(cells))
            if not any(_text(c) for c in cells) and (ws.title, i) not in blanks:
                continue
            if len(out.rows) >= MAX_ROWS:
                out.errors.append(f"Tệp có quá {MAX_ROWS} dòng; hãy chia nhỏ.")
                return out
            row = Row(sheet=key, line=i)
            if formulas := blanks.get((ws.title, i)):
                row.errors.append(f"{xlsx.FORMULA_NO_VALUE} ({', '.join(formulas)})")
            code, name = (
                _text(cells[0] if cells else None),
                _text(cells[1] if len(cells) > 1 else None),
            )
            staff, err = people.find(code, name)
            row.name = staff.full_name if staff else name or code
            if err:
                row.errors.append(err)
            elif staff is not None:
                row.staff_id = staff.pk
            _parse_row(key, cells, row)
            if staff is not None and key == "ratings" and row.values.get("year"):
                dup: tuple[Any, ...] = (key, staff.pk, row.values["year"])
                if dup in seen:
                    row.errors.append(
                        f"trùng dòng xếp loại năm {row.values['year']} của cùng người"
                    )
                seen.add(dup)
                held_rating = PerformanceRating.objects.filter(
                    staff=staff, year=row.values["year"]
                ).first()
                new = row.values.get("rating")
                if held_rating is not None and new and held_rating.rating != new:
                    row.replaces = (
                        f"Năm {held_rating.year}: {RATINGS.get(held_rating.rating, held_rating.rating)}"
                        f" → {RATINGS.get(new, new)}"
                    )
            if staff is not None and key == "titles" and row.values.get("title"):
                dup = (key, staff.pk, row.values["title"], row.values["year"])
                if dup in seen:
                    row.errors.append("trùng danh hiệu cùng năm trong tệp")
                seen.add(dup)
                held = AwardRecord.objects.filter(
                    staff=staff, title=row.values["title"], year=row.values["year"]
                ).first()
                if held is not None:
                    row.errors.append(
                        f"đã có {title_label(held.title)} năm {held.year} trong hồ sơ "
                        "(mỗi thành tích chỉ khen một lần)"
                    )
            out.rows.append(row)
    if not known:
        names = ", ".join(f"“{t}”" for t, _h, _e in SHEETS.values())
        out.errors.append(f"Tệp không có trang tính nào theo mẫu ({names}).")
    elif not out.rows:
        out.errors.append("Tệp không có dòng dữ liệu nào.")
    return out


def _d(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# The kind of a person's record each sheet holds, and the dates its rows keep as text.
_SHEET_KINDS = {
    "ratings": "rating",
    "titles": "award",
    "innovations": "innovation",
    "discipline": "discipline",
}
_DATE_COLUMNS = ("decided_on", "effective_until")


def _dates(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _d(v) if k in _DATE_COLUMNS else v for k, v in values.items()}


@transaction.atomic
def apply(
    user, unit: OrgUnit, payload: dict[str, Any], *, confirm_overwrite: bool = False
) -> dict[str, int]:
    """Save the rows of a clean preview, all or nothing. Rows replacing a different
    stored rating need ``confirm_overwrite`` (the preview shows old → new)."""
    if payload.get("unit_id") != unit.pk:
        raise DomainError("Dữ liệu xem trước không khớp đơn vị; hãy tải tệp lên lại.")
    replacing = sum(1 for row in payload.get("rows", []) if row.get("replaces"))
    if replacing and not confirm_overwrite:
        raise DomainError(
            f"Tệp sẽ thay {replacing} xếp loại đã lưu bằng xếp loại khác: hãy xem cột "
            "“Thay đổi” rồi đánh dấu ô xác nhận ghi đè trước khi lưu."
        )
    staff = {
        s.pk: s
        for s in StaffMember.objects.filter(unit__path__startswith=unit.path).select_related("unit")
    }
    done = {key: 0 for key in SHEETS}
    for row in payload.get("rows", []):
        person = staff.get(row.get("staff_id"))
        if person is None:
            raise DomainError(
                f"Dòng {row.get('line')}: cán bộ không còn thuộc đơn vị; hãy tải lại tệp."
            )
        v = row["values"]
        try:
            services.save_person_record(user, person, _SHEET_KINDS[row["sheet"]], _dates(v))
        except DomainError as exc:
            title = SHEETS[row["sheet"]][0]
            raise DomainError(f"Trang “{title}”, dòng {row['line']}: {exc.message}") from None
        done[row["sheet"]] += 1
    return done


def summary_xlsx(summary: dict[str, Any]) -> bytes:
    """The year's summary as a workbook: by title and level, then by unit."""
    wb = xlsx.new_workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    xlsx.append(ws, [f"KẾT QUẢ KHEN THƯỞNG NĂM {summary['year']} – {summary['unit']['name']}"])
    ws["A1"].font = Font(bold=True)
    ws.append([])
    xlsx.append(ws, ["Cấp", "Danh hiệu, hình thức", "Cơ quan quyết định", "Số lượng"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for level, word in (("collective", "Tập thể"), ("individual", "Cá nhân")):
        for r in summary[level]:
            xlsx.append(ws, [word, r["label"], r["decided_by"], r["count"]])
    xlsx.append(
        ws, ["Cộng", "", "", summary["totals"]["individual"] + summary["totals"]["collective"]]
    )
    for col, width in zip("ABCD", (12, 40, 30, 12), strict=True):
        ws.column_dimensions[col].width = width
    by_unit = wb.create_sheet("Theo đơn vị")
    xlsx.append(by_unit, ["Đơn vị", "Cấp", "Danh hiệu, hình thức", "Số lượng"])
    for cell in by_unit[1]:
        cell.font = Font(bold=True)
    for r in summary["by_unit"]:
        level = "Tập thể" if r["level"] == "collective" else "Cá nhân"
        xlsx.append(by_unit, [r["unit"], level, r["label"], r["count"]])
    for col, width in zip("ABCD", (45, 12, 40, 12), strict=True):
        by_unit.column_dimensions[col].width = width
    return xlsx.to_bytes(wb)
