"""What a draft says, built from what the system holds. Read-only: these
functions return (title, content) and never write; services save them.

Every figure is computed from stored values (core figure_sentence: % of plan,
change on the same period) and carries a trace (value ids, target, previous
value) that the preview turns into links. Legal bases are cited per Nghị định
30/2020 Phụ lục I Mục II.6 b: the first mention in full, later ones by type
and number (core Citer).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from danvan.core.dates import format_date_short
from danvan.core.extract.citations import find_citations, type_from_number
from danvan.core.indicators import change, plan_percent
from danvan.core.numbers import format_number
from danvan.core.render import Citer, LegalRef, figure_sentence, percent_text
from danvan.core.text import collapse_ws
from danvan.orgunits.models import OrgUnit
from danvan.planning.models import Aggregation, Plan, PlanStatus, Target
from danvan.planning.services import targets_for_units
from danvan.reporting.models import IndicatorValue, ReportStatus
from danvan.reporting.services import report_rows, rollup, task_lines
from danvan.reporting.services.rollups import REPORTED, rollup_children, target_rollup

from .content import archive_unit_for, default_signer

LONG_TEXT = 20000
_ENUM = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-–+•])\s+")
_ABOUT = re.compile(r"^\s*(?:,|;)?\s*(?:về việc|về|v/v)\s+", re.IGNORECASE)


# ----- small helpers ------------------------------------------------------------------


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def paragraphs(text: str | None, strip_enum: bool = False) -> list[str]:
    """Non-empty lines of a free text, whitespace collapsed (optionally without "1." / "-")."""
    out = []
    for line in (text or "")[:LONG_TEXT].splitlines():
        line = collapse_ws(line)
        if strip_enum:
            line = _ENUM.sub("", line)
        if line:
            out.append(line)
    return out


def strip_type_word(title: str, type_name: str) -> str:
    """ "Báo cáo kết quả …" → "Kết quả …": the type name is printed above the trích yếu."""
    return split_type_word(title, type_name)[1]


# Words that belong to the type line rather than the trích yếu ("BÁO CÁO NHANH").
TYPE_QUALIFIERS = ("nhanh", "đột xuất")


def split_type_word(title: str, type_name: str) -> tuple[str, str]:
    """ "Báo cáo nhanh công tác …" → ("Báo cáo nhanh", "Công tác …"): the type
    line with its qualifier, and the trích yếu."""
    text = collapse_ws(title)
    label = type_name
    if text.casefold().startswith(type_name.casefold() + " "):
        text = text[len(type_name) + 1 :]
        for q in TYPE_QUALIFIERS:
            if text.casefold().startswith(q + " "):
                label = f"{type_name} {q}"
                text = text[len(q) + 1 :]
                break
    return label, text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def legal_ref(line: str) -> LegalRef | None:
    """A free-text basis ("Kế hoạch số 19/KH-SLĐTBXH ngày 10/2/2023 của … về …") as a LegalRef."""
    found = find_citations(line)
    if not found:
        return None
    c = found[0]
    about = _ABOUT.sub("", line[c.end :]).strip(" ;.")
    return LegalRef(c.doc_type, c.number, c.issued_on, c.issuer, about or None)


def cite_line(citer: Citer, line: str) -> str:
    ref = legal_ref(line)
    return citer.cite(ref) if ref is not None else collapse_ws(line)


def request_ref(number: str, issuer: str, title: str) -> LegalRef | None:
    if not number:
        return None
    doc_type = type_from_number(number) or "cong_van"
    if doc_type == "bao_cao":  # a request is never a báo cáo; a bare code is a công văn
        doc_type = "cong_van"
    return LegalRef(doc_type, number, None, issuer, title)


@dataclass
class Figure:
    """One computed figure: what the sentence says and where each number came from."""

    name: str
    unit_of_measure: str
    value: Decimal | None
    code: str = ""
    text_value: str = ""
    target: Decimal | None = None
    target_is_annual: bool = False
    last_year: Decimal | None = None
    previous_year: int | None = None
    decimals: int | None = None
    period: str = ""
    value_ids: list[int] = field(default_factory=list)
    unit_ids: list[int] = field(default_factory=list)
    computed: bool = False
    kind: str = "result"

    @property
    def plan_percent(self) -> Decimal | None:
        return plan_percent(self.value, self.target)

    @property
    def change_percent(self) -> Decimal | None:
        if self.value is None or self.last_year is None:
            return None
        return change(self.value, self.last_year)[1]

    def sentence(self) -> str:
        if self.value is None:
            return f"{self.name}: {self.text_value}." if self.text_value else ""
        if self.kind == "target":
            return (
                f"{self.name}: phấn đấu đạt "
                f"{figure_sentence('', self.value, self.unit_of_measure, value_decimals=self.decimals)}."
            )
        body = figure_sentence(
            "",
            self.value,
            self.unit_of_measure,
            plan=self.target,
            plan_is_annual=self.target_is_annual,
            previous=self.last_year,
            previous_year=self.previous_year,
            value_decimals=self.decimals,
        )
        return f"{self.name}: {body}."

    def trace(self) -> dict[str, Any]:
        return {
            "indicator": self.code,
            "indicator_name": self.name,
            "unit_of_measure": self.unit_of_measure,
            "kind": self.kind,
            "period": self.period,
            "value": _num(self.value),
            "text_value": self.text_value,
            "value_ids": self.value_ids,
            "unit_ids": self.unit_ids,
            "computed": self.computed,
            "target": _num(self.target),
            "target_is_annual": self.target_is_annual,
            "plan_percent": _num(self.plan_percent),
            "previous": _num(self.last_year),
            "previous_year": self.previous_year,
            "change_percent": _num(self.change_percent),
        }

    def block(self) -> dict[str, Any] | None:
        text = self.sentence()
        if not text:
            return None
        return {"k": "figure", "text": text, "trace": self.trace()}


def _pct_cell(value: Decimal | None) -> str:
    # No "%" in table cells: the column header says it, and a reader of the
    # document does not take a table cell for a stand-alone percentage figure.
    return percent_text(value).rstrip("%") if value is not None else "–"


def figure_table(figures: Sequence[Figure], previous_year: int | None) -> dict[str, Any]:
    same = f"Cùng kỳ năm {previous_year}" if previous_year else "Cùng kỳ năm trước"
    rows = []
    for i, f in enumerate(figures, start=1):
        value = f.text_value if f.value is None else format_number(f.value, f.decimals)
        rows.append(
            [
                str(i),
                f.name,
                f.unit_of_measure or "",
                format_number(f.target, f.decimals) if f.target is not None else "–",
                value or "–",
                _pct_cell(f.plan_percent),
                format_number(f.last_year, f.decimals) if f.last_year is not None else "–",
                _pct_cell(f.change_percent),
            ]
        )
    return {
        "k": "table",
        "caption": "",
        "header": [
            ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ so với kế hoạch (%)"]
            + [same, "Tăng, giảm so với cùng kỳ (%)"]
        ],
        "rows": rows,
        "numeric": [3, 4, 5, 6, 7],
    }


def base_content(unit: OrgUnit, signer: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "place": unit.place_name or "",
        "kinh_gui": [],
        "legal_bases": [],
        "decision_authority": "",
        "body": [],
        "recipients": [],
        "archive_unit": archive_unit_for(unit),
        "archive_copies": None,
        "closing": "",
        "drafting_unit": "",
        "signer": signer if signer is not None else default_signer(unit),
        "notes": [],
    }


def _signer_notes(content: dict[str, Any]) -> None:
    if not (content.get("signer") or {}).get("name"):
        content["notes"].append(
            "Chưa xác định được người ký (đơn vị chưa có lãnh đạo trong danh sách cán bộ "
            "hoặc tài khoản lãnh đạo): hãy nhập họ tên, chức vụ người ký."
        )


# ----- a unit's report ---------------------------------------------------------------


def report_figures(report) -> tuple[list[Figure], list[str]]:
    """The report's indicator rows as Figures, and the names of rows without a value."""

    period = report.request.period_obj
    prev_year = period.same_period_last_year().year
    rows = report_rows(report)
    # Computed rows trace to their numerator and denominator values.
    parts: dict[int, tuple[int, int]] = {
        r.indicator.pk: (r.indicator.numerator_id, r.indicator.denominator_id)
        for r in rows
        if r.computed
    }
    part_ids: dict[int, int] = {}
    if parts:
        wanted = {i for pair in parts.values() for i in pair}
        part_ids = dict(
            IndicatorValue.objects.filter(
                unit_id=report.unit_id, period=period.code, indicator_id__in=wanted
            ).values_list("indicator_id", "pk")
        )
    figures, missing = [], []
    for r in rows:
        ind = r.indicator
        ids = [r.value_id] if r.value_id else []
        if r.computed:
            ids = [part_ids[i] for i in parts[ind.pk] if i in part_ids]
        fig = Figure(
            name=ind.name,
            code=ind.code,
            unit_of_measure=ind.unit_of_measure,
            value=r.value,
            text_value=r.text_value,
            target=r.target,
            target_is_annual=bool(r.target_is_annual),
            last_year=r.last_year,
            previous_year=prev_year,
            decimals=ind.decimals,
            period=period.code,
            value_ids=ids,
            unit_ids=[report.unit_id],
            computed=r.computed,
        )
        if r.value is None and not r.text_value:
            missing.append(ind.name)
        figures.append(fig)
    return figures, missing


def _results_heading_index(titles: Sequence[str]) -> int:
    for i, t in enumerate(titles):
        if "kết quả" in t.casefold():
            return i
    return 0


def report_content(report) -> tuple[str, dict[str, Any]]:
    """A Báo cáo from a unit's report: narrative per outline heading, figure sentences
    and the indicator table under the results heading, the tasks of its plan."""

    request = report.request
    unit = report.unit
    period = request.period_obj
    content = base_content(unit)
    type_label, title = split_type_word(request.title, "Báo cáo")
    content["type_label"] = type_label
    content["kinh_gui"] = [request.requester_unit.name]
    content["recipients"] = ["Lãnh đạo đơn vị"]
    citer = Citer()
    body: list[dict[str, Any]] = []

    intro = []
    ref = request_ref(request.number, request.requester_unit.name, request.title)
    if ref is not None:
        intro.append(f"Thực hiện {citer.cite(ref)}")
    plan = (
        Plan.objects.filter(unit=unit, year=period.year, status=PlanStatus.ISSUED)
        .exclude(number="")
        .order_by("-issued_on")
        .first()
    )
    plan_ref = None
    if plan is not None:
        plan_ref = LegalRef("ke_hoach", plan.number, plan.issued_on, unit.name, plan.title)
        intro.append(f"{'căn cứ' if intro else 'Căn cứ'} {citer.cite(plan_ref)}")
    lead = "; ".join(intro)
    lead = f"{lead}, {unit.name}" if lead else unit.name
    body.append({"k": "para", "text": f"{lead} báo cáo {lower_first(title)} như sau:"})

    figures, missing = report_figures(report)
    figure_blocks = [b for b in (f.block() for f in figures) if b]
    texts = {s.heading_id: s.text for s in report.sections.all()}
    headings = list(request.headings.all())
    titles = [h.title for h in headings]
    results_at = _results_heading_index(titles)
    if not headings:
        headings_data: list[tuple[str, str]] = [("Kết quả thực hiện", "")]
    else:
        headings_data = [(h.title, texts.get(h.pk, "")) for h in headings]
    for i, (heading, text) in enumerate(headings_data):
        body.append({"k": "heading", "text": heading, "level": 1})
        body += [{"k": "para", "text": p} for p in paragraphs(text)]
        if i == results_at:
            body.append({"k": "heading", "text": "Kết quả thực hiện các chỉ tiêu", "level": 2})
            if figure_blocks:
                body += figure_blocks
                body.append(figure_table(figures, period.same_period_last_year().year))
            else:
                body.append({"k": "para", "text": "Chưa có số liệu chỉ tiêu trong kỳ báo cáo."})
            if missing and figure_blocks:
                body.append(
                    {
                        "k": "para",
                        "text": "Các chỉ tiêu chưa có số liệu: " + ", ".join(missing) + ".",
                    }
                )
            lines = task_lines(report)
            if lines:
                what = citer.cite(plan_ref) if plan_ref is not None else "kế hoạch của đơn vị"
                body.append(
                    {"k": "heading", "text": f"Kết quả thực hiện nhiệm vụ theo {what}", "level": 2}
                )
                for line in lines:
                    status = line.get_status_display()
                    result = collapse_ws(line.result)
                    text = f"{collapse_ws(line.title)} ({lower_first(status)})"
                    body.append(
                        {"k": "para", "text": f"- {text}" + (f": {result}" if result else "")}
                    )
        elif not text.strip():
            body.append({"k": "para", "text": "(Đơn vị chưa nhập nội dung mục này.)"})
    content["body"] = body
    content["closing"] = f"Trên đây là báo cáo {lower_first(title)} của {unit.name}"
    if not any(f.value is not None or f.text_value for f in figures):
        content["notes"].append(
            "Báo cáo chưa có số liệu chỉ tiêu nào: bản dự thảo không có câu số liệu."
        )
    elif missing:
        content["notes"].append("Chưa có số liệu: " + ", ".join(missing) + ".")
    for f in figures:
        if f.value is not None and f.target is not None and f.target == 0:
            content["notes"].append(
                f"Kế hoạch của chỉ tiêu “{f.name}” bằng 0: không tính tỷ lệ % kế hoạch."
            )
    _signer_notes(content)
    return title, content


# ----- a plan ------------------------------------------------------------------------


def plan_target_figures(plan) -> list[Figure]:
    targets = Target.objects.filter(unit=plan.unit, period=plan.period).select_related("indicator")
    out = []
    for t in targets.order_by("indicator__code"):
        ind = t.indicator
        out.append(
            Figure(
                name=ind.name,
                code=ind.code,
                unit_of_measure=ind.unit_of_measure,
                value=t.value,
                decimals=ind.decimals,
                period=t.period,
                kind="target",
                unit_ids=[plan.unit_id],
            )
        )
    return out


def plan_content(plan) -> tuple[str, dict[str, Any]]:
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
                rows.append(["", _ENUM.sub("", collapse_ws(section)), "", ""])
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
    _signer_notes(content)
    return title, content


# ----- the superior's combined report -------------------------------------------------


def _combine(indicator, figures: list[Any]) -> Decimal | None:
    values = [f.value for f in figures if f.value is not None]
    if not values:
        return None
    if indicator.aggregation == "average":
        return sum(values) / len(values)
    return sum(values)


class _NoFigure:
    value = None
    units = 0


def combined_figures(request, units: Sequence[OrgUnit]) -> tuple[list[Figure], dict]:
    """Totals of the request's indicators over the reporting units (reporting's roll-ups),
    and per unit {(unit id, indicator id): value} for the table."""

    period = request.period_obj
    last = period.same_period_last_year()
    indicators = [
        r.indicator
        for r in request.form_rows.select_related(
            "indicator", "indicator__numerator", "indicator__denominator"
        )
    ]
    per_unit: dict[tuple[int, int], Decimal | None] = {}
    figures = []
    requester = request.requester_unit
    # Units right under the requester (the usual case): one grouped roll-up query per
    # indicator and period (reporting's rollup_children) and one query for the plans,
    # instead of a roll-up per unit.
    children = bool(units) and all(u.parent_id == requester.pk for u in units)
    plans_of_units: dict[tuple[int, int], tuple[Decimal, bool]] = {}
    if children:
        plans_of_units = targets_for_units(
            [i.pk for i in indicators], [u.pk for u in units], period
        )

    def by_unit(ind, code: str) -> dict[int, Any]:
        if children:
            branches = rollup_children(ind, code, requester, REPORTED)
            return {u.pk: branches.get(u.path, _NoFigure) for u in units}
        return {u.pk: rollup(ind, code, u, REPORTED) for u in units}

    for ind in indicators:
        now = by_unit(ind, period.code)
        before = by_unit(ind, last.code)
        for uid, fig in now.items():
            per_unit[(uid, ind.pk)] = fig.value
        if ind.is_ratio:
            num = [f.value for f in by_unit(ind.numerator, period.code).values()]
            den = [f.value for f in by_unit(ind.denominator, period.code).values()]
            n, d = sum(v for v in num if v is not None), sum(v for v in den if v is not None)
            total = n * ind.scale / d if d else None
            num0 = [f.value for f in by_unit(ind.numerator, last.code).values()]
            den0 = [f.value for f in by_unit(ind.denominator, last.code).values()]
            n0, d0 = sum(v for v in num0 if v is not None), sum(v for v in den0 if v is not None)
            total_last = n0 * ind.scale / d0 if d0 else None
        else:
            total = _combine(ind, list(now.values()))
            total_last = _combine(ind, list(before.values()))
        target = None
        annual = False
        if ind.aggregation == Aggregation.SUM:
            if children:
                plans = [plans_of_units.get((ind.pk, u.pk), (None, False)) for u in units]
            else:
                plans = [target_rollup(ind, period, u) for u in units]
            known = [p for p in plans if p[0] is not None]
            # A plan is only meaningful when every reporting unit has one.
            if known and len(known) == len(plans):
                target = sum(p[0] for p in known)
                annual = any(p[1] for p in known)
        component_ids = [ind.pk] if not ind.is_ratio else [ind.numerator_id, ind.denominator_id]
        value_ids = list(
            IndicatorValue.objects.filter(
                indicator_id__in=component_ids,
                period=period.code,
                unit__in=[u.pk for u in units],
                state__in=list(REPORTED),
            ).values_list("pk", flat=True)[:500]
        )
        figures.append(
            Figure(
                name=ind.name,
                code=ind.code,
                unit_of_measure=ind.unit_of_measure,
                value=total,
                target=target,
                target_is_annual=annual,
                last_year=total_last,
                previous_year=last.year,
                decimals=ind.decimals,
                period=period.code,
                value_ids=value_ids,
                unit_ids=[u.pk for u in units],
                computed=True,
            )
        )
    return figures, {"indicators": indicators, "per_unit": per_unit}


def combined_content(request) -> tuple[str, dict[str, Any]]:
    """The requester's combined report: totals of the units' figures, and each unit's
    narrative quoted under the outline heading it answers."""

    requester = request.requester_unit
    period = request.period_obj
    content = base_content(requester)
    type_label, title = split_type_word(request.title, "Báo cáo")
    content["type_label"] = type_label
    if requester.parent_id:
        content["kinh_gui"] = [requester.parent.name]
    content["recipients"] = ["Các đơn vị được yêu cầu báo cáo"]
    reports = list(
        request.reports.select_related("unit").prefetch_related("sections").order_by("unit__path")
    )
    answered = [r for r in reports if r.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)]
    units = [r.unit for r in answered]
    citer = Citer()
    body: list[dict[str, Any]] = []
    ref = request_ref(request.number, requester.name, request.title)
    lead = f"Thực hiện {citer.cite(ref)}, " if ref is not None else ""
    body.append(
        {
            "k": "para",
            "text": f"{lead}trên cơ sở báo cáo của các đơn vị, {requester.name} tổng hợp "
            f"{lower_first(title)} như sau:",
        }
    )
    body.append(count_block("Tình hình gửi báo cáo", len(answered), len(reports), request))
    missing = [r.unit.name for r in reports if r not in answered]
    if missing:
        shown = ", ".join(missing[:30]) + (" …" if len(missing) > 30 else "")
        body.append({"k": "para", "text": f"Đơn vị chưa gửi báo cáo: {shown}."})
    figures, table = combined_figures(request, units) if units else ([], {})
    headings = list(request.headings.all()) or []
    titles = [h.title for h in headings]
    results_at = _results_heading_index(titles)
    sections = {(s.report_id, s.heading_id): s.text for r in answered for s in r.sections.all()}
    heading_items: list[tuple[int | None, str]] = [(h.pk, h.title) for h in headings] or [
        (None, "Kết quả thực hiện")
    ]
    for i, (hid, htitle) in enumerate(heading_items):
        body.append({"k": "heading", "text": htitle, "level": 1})
        if i == results_at:
            body.append({"k": "heading", "text": "Tổng hợp số liệu chỉ tiêu", "level": 2})
            blocks = [b for b in (f.block() for f in figures) if b]
            if blocks:
                body += blocks
                body.append(figure_table(figures, period.same_period_last_year().year))
                body.append(unit_table(units, table))
            else:
                body.append({"k": "para", "text": "Chưa có số liệu chỉ tiêu của các đơn vị."})
            body.append({"k": "heading", "text": "Báo cáo của các đơn vị", "level": 2})
        quoted = 0
        for r in answered:
            text = sections.get((r.pk, hid), "") if hid is not None else ""
            parts = paragraphs(text)
            if parts:
                quoted += 1
                body.append({"k": "para", "text": f"{r.unit.name}: “{' '.join(parts)}”"})
        if not quoted and i != results_at:
            body.append({"k": "para", "text": "(Các đơn vị chưa báo cáo nội dung mục này.)"})
    content["body"] = body
    content["closing"] = f"Trên đây là báo cáo {lower_first(title)} của {requester.name}"
    if not answered:
        content["notes"].append("Chưa có đơn vị nào gửi báo cáo: bản tổng hợp chưa có số liệu.")
    _signer_notes(content)
    return title, content


def count_block(label: str, sent: int, total: int, request) -> dict[str, Any]:
    """ "Tình hình gửi báo cáo: 3/4 đơn vị đã gửi báo cáo." as a figure with its trace
    (the reports of the request, not indicator values)."""
    return {
        "k": "figure",
        "text": f"{label}: {sent}/{total} đơn vị đã gửi báo cáo.",
        "trace": {
            "kind": "count",
            "indicator": "",
            "indicator_name": "Số đơn vị đã gửi báo cáo",
            "unit_of_measure": "đơn vị",
            "value": str(sent),
            "target": str(total),
            "value_ids": [],
            "unit_ids": [],
            "request_id": request.pk,
            "period": request.period,
        },
    }


def unit_table(units: Sequence[OrgUnit], table: dict) -> dict[str, Any]:
    indicators = table.get("indicators", [])[:6]
    per_unit = table.get("per_unit", {})
    header = ["STT", "Đơn vị"] + [
        f"{i.name} ({i.unit_of_measure})" if i.unit_of_measure else i.name for i in indicators
    ]
    rows = []
    for n, u in enumerate(units, start=1):
        cells = [str(n), u.name]
        for ind in indicators:
            v = per_unit.get((u.pk, ind.pk))
            cells.append(format_number(v, ind.decimals) if v is not None else "–")
        rows.append(cells)
    return {
        "k": "table",
        "caption": "Số liệu của từng đơn vị",
        "header": [header],
        "rows": rows,
        "numeric": list(range(2, 2 + len(indicators))),
    }


# ----- documents from plain data (Tờ trình, Quyết định, Công văn, Thông báo) ----------


def plain_content(
    unit: OrgUnit,
    *,
    kinh_gui: Iterable[str] = (),
    legal_bases: Iterable[str] = (),
    paragraphs_: Iterable[str] = (),
    blocks: Iterable[dict[str, Any]] = (),
    articles: Iterable[tuple[str, Sequence[str]]] = (),
    table: tuple[Sequence[str], Sequence[Sequence[str]]] | None = None,
    closing: str = "",
    recipients: Iterable[str] = (),
    signer: dict[str, Any] | None = None,
    decision_authority: str = "",
    drafting_unit: str = "",
) -> dict[str, Any]:
    content = base_content(unit, signer)
    content["kinh_gui"] = [collapse_ws(k) for k in kinh_gui if collapse_ws(k)]
    content["legal_bases"] = [collapse_ws(b) for b in legal_bases if collapse_ws(b)]
    body: list[dict[str, Any]] = [
        {"k": "para", "text": collapse_ws(p)} for p in paragraphs_ if collapse_ws(p)
    ]
    body += list(blocks)
    if table is not None and (table[0] or table[1]):
        header, rows = table
        body.append(
            {
                "k": "table",
                "caption": "",
                "header": [list(header)] if header else [],
                "rows": [list(r) for r in rows],
                "numeric": [],
            }
        )
    for title, texts in articles:
        body.append(
            {"k": "article", "title": collapse_ws(title), "text": [collapse_ws(t) for t in texts]}
        )
    content["body"] = body
    content["closing"] = collapse_ws(closing)
    content["recipients"] = [collapse_ws(r) for r in recipients if collapse_ws(r)]
    content["decision_authority"] = collapse_ws(decision_authority)
    content["drafting_unit"] = collapse_ws(drafting_unit)
    _signer_notes(content)
    return content


def submission_content(
    unit: OrgUnit,
    *,
    kinh_gui: Iterable[str],
    legal_bases: Iterable[str] = (),
    paragraphs_: Iterable[str] = (),
    blocks: Iterable[dict[str, Any]] = (),
    table: tuple[Sequence[str], Sequence[Sequence[str]]] | None = None,
    proposal: str = "",
    recipients: Iterable[str] = (),
    signer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A Tờ trình: "Căn cứ …;" lines cited per ND 30, the reasons, figures, the list
    proposed, and the request that closes it."""
    citer = Citer()
    lines = [f"Căn cứ {cite_line(citer, b)};" for b in legal_bases if collapse_ws(b)]
    return plain_content(
        unit,
        kinh_gui=kinh_gui,
        paragraphs_=[*lines, *paragraphs_],
        blocks=blocks,
        table=table,
        closing=proposal,
        recipients=recipients,
        signer=signer,
    )


def initiative_figures(initiative) -> list[Figure]:
    """The initiative's results for its year: the unit's values of the indicators it
    set targets for, against those targets and the year before."""

    year = initiative.year
    out = []
    for t in initiative.targets.select_related("indicator"):
        ind = t.indicator
        now = IndicatorValue.objects.filter(
            indicator=ind, unit=initiative.unit, period=f"{year}-Y"
        ).first()
        before = IndicatorValue.objects.filter(
            indicator=ind, unit=initiative.unit, period=f"{year - 1}-Y"
        ).first()
        if now is None or now.value is None:
            continue
        out.append(
            Figure(
                name=ind.name,
                code=ind.code,
                unit_of_measure=ind.unit_of_measure,
                value=now.value,
                target=t.value,
                last_year=before.value if before else None,
                previous_year=year - 1,
                decimals=ind.decimals,
                period=f"{year}-Y",
                value_ids=[now.pk],
                unit_ids=[initiative.unit_id],
            )
        )
    return out
