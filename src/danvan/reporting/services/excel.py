"""Excel: export of every indicator table, and import of a report's figures
from a downloadable template, parsed into a preview with per-row errors
before anything is saved."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from danvan.accounts.access import can
from danvan.audit import services as audit
from danvan.core import xlsx
from danvan.core.errors import DomainError
from danvan.core.text import nfc, nfc_deep
from danvan.planning.excel import HEAD_FILL, table_xlsx
from danvan.planning.models import Indicator
from danvan.reporting.models import ImportBatch, Provenance, UnitReport

from .reports import save_report
from .rows import form_indicators, report_rows
from .values import parse_value

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "Số liệu"
COLUMNS = [
    "Mã chỉ tiêu",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "Kỳ trước",
    "Cùng kỳ năm trước",
    "Kỳ này",
    "Ghi chú",
]
REQUIRED = ("Mã chỉ tiêu", "Kỳ này")
MAX_ROWS = 2000


def _pct(v: Decimal | None) -> Any:
    return None if v is None else round(float(v), 2)


def report_table_xlsx(report: UnitReport) -> bytes:
    rows = report_rows(report)
    period = report.request.period_obj
    headers = [
        "Mã chỉ tiêu",
        "Tên chỉ tiêu",
        "Đơn vị tính",
        f"Kỳ trước ({period.previous().label})",
        f"Cùng kỳ ({period.same_period_last_year().label})",
        "Kế hoạch",
        f"Kỳ này ({period.label})",
        "% kế hoạch",
        "Tăng/giảm so với cùng kỳ",
        "% so với cùng kỳ",
        "Lũy kế từ đầu năm",
        "Ghi chú",
    ]
    data = [
        [
            r.indicator.code,
            r.indicator.name,
            r.indicator.unit_of_measure,
            r.previous,
            r.last_year,
            r.target,
            r.value if r.value is not None else r.text_value,
            _pct(r.plan_percent),
            r.change_value,
            _pct(r.change_percent),
            r.ytd,
            r.note,
        ]
        for r in rows
    ]
    return table_xlsx(
        report.request.title,
        headers,
        data,
        subtitle=f"{report.unit.name} – {period.label}",
        sheet=SHEET,
    )


def template_xlsx(report: UnitReport) -> bytes:
    """The import template: one row per form indicator; fill in “Kỳ này”."""
    wb = xlsx.new_workbook()
    ws = wb.active
    ws.title = SHEET
    xlsx.append(ws, COLUMNS)
    for col in range(1, len(COLUMNS) + 1):
        c = ws.cell(row=1, column=col)
        c.font, c.fill = Font(bold=True), HEAD_FILL
    for r in report_rows(report):
        if r.computed:
            continue
        xlsx.append(
            ws,
            [
                r.indicator.code,
                r.indicator.name,
                r.indicator.unit_of_measure,
                r.previous,
                r.last_year,
                r.value if r.value is not None else (r.text_value or None),
                r.note or None,
            ],
        )
    for letter, width in zip("ABCDEFG", (14, 50, 14, 14, 18, 14, 30), strict=True):
        ws.column_dimensions[letter].width = width
    info = wb.create_sheet("Hướng dẫn")
    xlsx.append(info, ["Báo cáo", report.request.title])
    xlsx.append(info, ["Đơn vị", report.unit.name])
    xlsx.append(info, ["Kỳ", report.request.period_label])
    xlsx.append(info, ["Mã báo cáo", report.pk])
    xlsx.append(
        info,
        [
            "Cách nhập",
            "Chỉ điền cột “Kỳ này” (và “Ghi chú” nếu cần). Không đổi tên cột, không gộp ô. "
            "Số viết kiểu Việt Nam (8.794 hoặc 94,3) hoặc ô kiểu số. "
            "Ô phải chứa giá trị, không chứa công thức.",
        ],
    )
    return xlsx.to_bytes(wb)


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_template(report: UnitReport, data: bytes) -> tuple[list[dict], list[str]]:
    """(rows, file errors). Each row: row number, code, indicator, the value
    read (as text), the note and its error (empty when the row is fine)."""

    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
        no_value = xlsx.formulas_without_value(data, max_rows=MAX_ROWS)
    except Exception:
        return [], [
            "Tệp không phải là tệp Excel (.xlsx) hợp lệ. Hãy dùng tệp mẫu tải từ trang báo cáo."
        ]
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    header = [(nfc(str(c.value)).strip() if c.value is not None else "") for c in ws[1]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        found = ", ".join(h for h in header if h) or "(trống)"
        return [], [
            "Sai cột: tệp phải có các cột "
            + ", ".join(f"“{m}”" for m in REQUIRED)
            + f" ở dòng 1; tệp có: {found}. Hãy tải lại tệp mẫu."
        ]
    col = {name: header.index(name) for name in header if name}
    merged_rows: dict[int, str] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            merged_rows[r] = str(rng)
    file_errors = []
    if 1 in merged_rows:
        file_errors.append(f"Dòng tiêu đề có ô gộp ({merged_rows[1]}); hãy dùng tệp mẫu.")
    by_code = {i.code: i for i in form_indicators(report)}
    stored = {r.indicator.pk: r for r in report_rows(report) if not r.computed}
    known = {i.code: i for i in Indicator.objects.all()}
    read_cols = [col[name] + 1 for name in ("Mã chỉ tiêu", "Kỳ này", "Ghi chú") if name in col]
    rows: list[dict] = []
    seen: set[str] = set()
    for r_index, cells in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        cells = nfc_deep(list(cells))
        if r_index > MAX_ROWS:
            file_errors.append(f"Tệp có quá {MAX_ROWS} dòng; chỉ đọc {MAX_ROWS} dòng đầu.")
            break
        cells = list(cells) + [None] * len(header)
        code = str(cells[col["Mã chỉ tiêu"]] or "").strip().upper()
        raw = cells[col["Kỳ này"]]
        note = cells[col["Ghi chú"]] if "Ghi chú" in col else None
        formulas = [
            f"{get_column_letter(c)}{r_index}"
            for c in read_cols
            if (ws.title, r_index, c) in no_value
        ]
        if not code and raw in (None, "") and r_index not in merged_rows and not formulas:
            continue
        row = {
            "row": r_index,
            "code": code,
            "name": "",
            "indicator_id": None,
            "raw": "" if raw is None else _number_text(raw),
            "value": None,
            "text": "",
            "note": str(note).strip()[:500] if note not in (None, "") else "",
            "error": "",
            "old": "",
            "overwrites": False,
        }
        rows.append(row)
        if formulas:
            row["error"] = (
                f"Dòng có {xlsx.FORMULA_NO_VALUE} ({', '.join(formulas)}): "
                "hãy mở tệp bằng Excel rồi lưu lại, hoặc dán giá trị thay cho công thức."
            )
            continue
        if r_index in merged_rows:
            row["error"] = f"Dòng có ô gộp ({merged_rows[r_index]}): hãy bỏ gộp ô."
            continue
        if not code:
            row["error"] = "Thiếu mã chỉ tiêu."
            continue
        ind = by_code.get(code)
        if ind is None:
            row["error"] = (
                f"Chỉ tiêu “{code}” không có trong biểu mẫu của báo cáo này."
                if code in known
                else f"Không có chỉ tiêu mã “{code}” trong danh mục."
            )
            continue
        row["name"], row["indicator_id"] = ind.name, ind.pk
        if code in seen:
            row["error"] = f"Chỉ tiêu “{code}” xuất hiện nhiều lần."
            continue
        seen.add(code)
        if ind.is_ratio:
            row["error"] = "Chỉ tiêu tỷ lệ được tính tự động, không nhập."
            continue
        try:
            number, text = parse_value(ind, raw)
        except DomainError as exc:
            row["error"] = exc.message
            continue
        row["value"] = None if number is None else format(number.normalize(), "f")
        row["text"] = text
        _compare_with_stored(row, stored.get(ind.pk))
    return rows, file_errors


def _compare_with_stored(row: dict, old) -> None:
    """Fill the row's stored value (“old”), mark a blank cell as “keep” (a blank never
    erases a stored figure) and flag a row that would overwrite a different value."""
    if old is None:
        return
    old_value = None if old.value is None else format(old.value.normalize(), "f")
    row["old"] = old_value if old_value is not None else (old.text_value or "")
    row["old_note"] = old.note or ""
    if row["value"] is None and not row["text"]:
        row["keep"] = True
        return
    changed = (row["value"], row["text"]) != (old_value, old.text_value or "")
    note_changed = bool(row["note"] and old.note and row["note"] != old.note)
    row["overwrites"] = (bool(row["old"]) and changed) or note_changed


@transaction.atomic
def create_import(user, report: UnitReport, filename: str, data: bytes) -> ImportBatch:
    if not can(user, "edit", report.unit):
        raise PermissionDenied("Bạn không có quyền nhập số liệu cho đơn vị này.")
    rows, errors = parse_template(report, data)
    return ImportBatch.objects.create(
        report=report,
        filename=(filename or "tep.xlsx")[:255],
        rows=rows,
        errors=errors,
        created_by=audit.author(user),
    )


def importable_rows(batch: ImportBatch) -> list[dict]:
    """The rows an apply saves: valid, and not a blank cell (a blank keeps the stored value)."""
    return [r for r in batch.rows if not r["error"] and r["indicator_id"] and not r.get("keep")]


def overwritten_rows(batch: ImportBatch) -> list[dict]:
    return [r for r in importable_rows(batch) if r.get("overwrites")]


def apply_import(
    user, batch: ImportBatch, *, version: int, confirm_overwrite: bool = False
) -> UnitReport:
    """Save the valid rows of a previewed import (rows with errors are skipped;
    a file with file-level errors saves nothing). Rows that replace a different
    stored value need ``confirm_overwrite`` (the preview shows old and new)."""
    if batch.applied_at is not None:
        raise DomainError("Tệp này đã được nhập rồi.")
    if batch.errors:
        raise DomainError("Tệp có lỗi, chưa thể nhập: " + " ".join(batch.errors))
    good = importable_rows(batch)
    if not good:
        raise DomainError("Không có dòng hợp lệ nào để nhập.")
    overwritten = overwritten_rows(batch)
    if overwritten and not confirm_overwrite:
        raise DomainError(
            f"Tệp sẽ thay {len(overwritten)} số liệu đã lưu bằng giá trị khác: hãy xem cột "
            "“Đang lưu” và “Trong tệp”, rồi đánh dấu ô xác nhận ghi đè trước khi lưu."
        )
    values = {
        r["indicator_id"]: (r["value"] if r["value"] is not None else r["text"]) for r in good
    }
    notes = {r["indicator_id"]: r["note"] for r in good if r["note"]}
    report = save_report(
        user,
        batch.report,
        version=version,
        values=values,
        notes=notes,
        source=Provenance.EXCEL,
        source_ref=batch.filename,
        excel_rows={r["indicator_id"]: r["row"] for r in good},
    )
    ImportBatch.objects.filter(pk=batch.pk).update(applied_at=timezone.now())
    return report
