"""A plan: its target figures and its content."""

from __future__ import annotations

from typing import Any

from danvan.core.dates import format_date_short
from danvan.core.render import Citer
from danvan.core.text import collapse_ws
from danvan.planning.models import Plan, Target

from .common import (
    LIST_MARK,
    ComputedFigure,
    base_content,
    cite_line,
    lower_first,
    paragraphs,
    signer_notes,
    strip_type_word,
)


def plan_target_figures(plan: Plan) -> list[ComputedFigure]:
    targets = Target.objects.filter(unit=plan.unit, period=plan.period).select_related("indicator")
    out = []
    for t in targets.order_by("indicator__code"):
        ind = t.indicator
        out.append(
            ComputedFigure.of(
                ind,
                value=t.value,
                period=t.period,
                kind="target",
                unit_ids=[plan.unit_id],
            )
        )
    return out


def plan_content(plan: Plan) -> tuple[str, dict[str, Any]]:
    """A Kế hoạch: bases, purposes and requirements, the tasks table, targets, organisation."""
    unit = plan.unit
    content = base_content(unit)
    title = strip_type_word(plan.title, "Kế hoạch")
    citer = Citer()
    body: list[dict[str, Any]] = []
    bases = plan.legal_basis_lines
    if bases:
        for line in bases:
            body.append({"k": "para", "text": f"Căn cứ {cite_line(citer, line)};"})
        body.append(
            {
                "k": "para",
                "text": f"{unit.name} xây dựng Kế hoạch {lower_first(title)} như sau:",
            }
        )
    else:
        body.append(
            {"k": "para", "text": f"{unit.name} xây dựng Kế hoạch {lower_first(title)} như sau:"}
        )
        content["notes"].append("Kế hoạch chưa có căn cứ ban hành.")
    body.append({"k": "heading", "text": "Mục đích, yêu cầu", "level": 1})
    body.append({"k": "heading", "text": "Mục đích", "level": 2})
    body += [{"k": "para", "text": p} for p in paragraphs(plan.purposes, strip_enum=True)] or [
        {"k": "para", "text": "(Chưa nhập mục đích.)"}
    ]
    body.append({"k": "heading", "text": "Yêu cầu", "level": 2})
    body += [{"k": "para", "text": p} for p in paragraphs(plan.requirements, strip_enum=True)] or [
        {"k": "para", "text": "(Chưa nhập yêu cầu.)"}
    ]
    tasks = list(plan.tasks.select_related("responsible_unit"))
    body.append({"k": "heading", "text": "Nhiệm vụ trọng tâm", "level": 1})
    if tasks:
        rows: list[list[str]] = []
        section = None
        n = 0
        for t in tasks:
            if t.section and t.section != section:
                section = t.section
                rows.append(["", LIST_MARK.sub("", collapse_ws(section)), "", ""])
            n += 1
            who = t.responsible_text or (t.responsible_unit.name if t.responsible_unit else "")
            when = format_date_short(t.deadline) if t.deadline else "Cả năm"
            rows.append([t.code or str(n), collapse_ws(t.title), collapse_ws(who), when])
        body.append(
            {
                "k": "table",
                "caption": "",
                "header": [["STT", "Nội dung nhiệm vụ", "Chủ trì, phối hợp", "Thời gian"]],
                "rows": rows,
                "numeric": [],
            }
        )
    else:
        body.append({"k": "para", "text": "(Kế hoạch chưa có nhiệm vụ.)"})
        content["notes"].append("Kế hoạch chưa có nhiệm vụ nào.")
    figures = plan_target_figures(plan)
    if figures:
        body.append({"k": "heading", "text": "Chỉ tiêu", "level": 1})
        body += [b for b in (f.block() for f in figures) if b]
    body.append({"k": "heading", "text": "Tổ chức thực hiện", "level": 1})
    body += [{"k": "para", "text": p} for p in paragraphs(plan.implementation)] or [
        {"k": "para", "text": "(Chưa nhập phần tổ chức thực hiện.)"}
    ]
    content["body"] = body
    content["closing"] = (
        f"Trên đây là Kế hoạch {lower_first(title)} của {unit.name}, đề nghị các phòng, "
        "bộ phận nghiêm túc triển khai thực hiện"
    )
    content["recipients"] = [unit.parent.name + " (b/c)"] if unit.parent_id else []
    content["recipients"] += ["Lãnh đạo đơn vị", "Các phòng, bộ phận"]
    signer_notes(content)
    return title, content
