"""Excel exports: a plain titled table (used by planning and reporting), the
initiative registry and the targets. Written through danvan.core.xlsx (no formulas)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from danvan.core import xlsx

HEAD_FILL = PatternFill("solid", fgColor="EEF1F6")


def table_xlsx(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    subtitle: str = "",
    sheet: str = "Bảng",
) -> bytes:
    """A table with a title line: what every export of the app produces."""
    wb = xlsx.new_workbook()
    ws = wb.active
    ws.title = sheet[:31]
    xlsx.append(ws, [title])
    ws["A1"].font = Font(bold=True, size=13)
    if subtitle:
        xlsx.append(ws, [subtitle])
    ws.append([])
    xlsx.append(ws, headers)
    head_row = ws.max_row
    for col in range(1, len(headers) + 1):
        c = ws.cell(row=head_row, column=col)
        c.font, c.fill = Font(bold=True), HEAD_FILL
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        xlsx.append(ws, row)
    for col, name in enumerate(headers, start=1):
        sample = [len(str(r[col - 1] or "")) for r in rows[:200] if len(r) >= col]
        ws.column_dimensions[get_column_letter(col)].width = min(
            max([10, len(str(name)) + 2, *[s + 2 for s in sample]]), 60
        )
    ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    return xlsx.to_bytes(wb)


def registry_xlsx(movement, initiatives) -> bytes:
    headers = [
        "Năm",
        "Đơn vị",
        "Tên mô hình",
        "Trạng thái",
        "Thực trạng, lý do",
        "Mục tiêu và tiêu chí",
        "Nội dung và cách làm",
        "Địa bàn và đối tượng",
        "Chủ trì và phối hợp",
        "Nguồn lực",
        "Thời gian",
        "Sản phẩm đầu ra",
        "Khả năng duy trì, nhân rộng",
        "Ngày đăng ký",
    ]
    rows = [
        [
            i.year,
            i.unit.name,
            i.name,
            i.get_status_display(),
            i.situation,
            i.objectives,
            i.content,
            i.area_and_beneficiaries,
            i.lead_and_partners,
            i.resources,
            i.timeframe,
            i.outputs,
            i.sustainability,
            i.registered_on.strftime("%d/%m/%Y") if i.registered_on else "",
        ]
        for i in initiatives
    ]
    return table_xlsx(
        f"Sổ đăng ký mô hình – {movement.name}",
        headers,
        rows,
        subtitle=f"{movement.organiser.name}, giai đoạn {movement.start_year}–{movement.end_year}",
    )


def targets_xlsx(targets) -> bytes:
    rows = [
        [
            t.unit.name,
            t.indicator.code,
            t.indicator.name,
            t.indicator.unit_of_measure,
            t.period,
            t.value,
            t.note,
        ]
        for t in targets
    ]
    return table_xlsx(
        "Chỉ tiêu kế hoạch",
        ["Đơn vị", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Kỳ", "Kế hoạch", "Ghi chú"],
        rows,
    )
