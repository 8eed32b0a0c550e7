"""One document of every type we generate, built from the demo data (read-only).

Used by `danvan render --samples DIR` and the round-trip tests. Each sample
carries the number and date it is printed with (illustrative: the register is
not touched) and what a reader of the DOCX should find again: type, số ký
hiệu, date, issuer, signer and figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils import timezone

from danvan.orgunits.models import OrgUnit
from danvan.planning.models import Initiative, Plan
from danvan.reporting.models import ReportRequest, UnitReport

from . import builders
from .content import archive_unit_for, default_signer
from .services import next_number

T = TypeVar("T")


@dataclass
class Sample:
    name: str  # file stem
    label: str
    unit: OrgUnit
    doc_type: str
    title: str
    content: dict[str, Any]
    number: int
    issued_on: dt.date
    figures: list[dict[str, Any]] = field(default_factory=list)


class MissingDemo(LookupError):
    """The demo data is not loaded."""


def _figures(content: dict[str, Any]) -> list[dict[str, Any]]:
    return [b["trace"] for b in content.get("body") or [] if b.get("k") == "figure"]


def _demo(found: T | None, what: str) -> T:
    """What the demo data should hold; MissingDemo when it is not there."""
    if found is None:
        raise MissingDemo(what)
    return found


def _unit(short_code: str, name_part: str = "") -> OrgUnit:
    qs = OrgUnit.objects.filter(short_code=short_code, valid_to__isnull=True)
    if name_part:
        qs = qs.filter(name__icontains=name_part)
    return _demo(qs.first(), short_code)


def _sample(name, label, unit, doc_type, title, content, issued_on) -> Sample:
    return Sample(
        name,
        label,
        unit,
        doc_type,
        title,
        content,
        next_number(unit, doc_type, issued_on.year),
        issued_on,
        _figures(content),
    )


def build_samples() -> list[Sample]:
    """The seven samples; MissingDemo when `danvan demo` has not been run."""

    today = timezone.localdate()
    ttdvvl = _unit("TTDVVL")
    sldtbxh = _demo(ttdvvl.parent, "SLĐTBXH")
    bdvtu = _unit("BDVTU")
    out: list[Sample] = []

    report = _demo(
        UnitReport.objects.filter(unit=ttdvvl, request__period="2022-H1")
        .select_related("request", "unit", "request__requester_unit")
        .first(),
        "report 2022-H1",
    )
    title, content = builders.report_content(report)
    day = timezone.localdate(report.submitted_at) if report.submitted_at else today
    out.append(_sample("1-bao-cao", "Báo cáo", ttdvvl, "bao_cao", title, content, day))

    plan = _demo(Plan.objects.filter(unit=ttdvvl).order_by("-year").first(), "plan")
    title, content = builders.plan_content(plan)
    out.append(
        _sample(
            "2-ke-hoach", "Kế hoạch", ttdvvl, "ke_hoach", title, content, plan.issued_on or today
        )
    )

    initiative = _demo(
        Initiative.objects.filter(unit=ttdvvl).select_related("movement").order_by("-year").first(),
        "initiative",
    )
    model_name = f"“{initiative.name.strip('“”')}”"
    figures = builders.initiative_figures(initiative)
    content = builders.submission_content(
        ttdvvl,
        addressees=[sldtbxh.name],
        legal_bases=initiative.movement.legal_basis_lines,
        paragraphs_=[
            f"Năm {initiative.year}, {ttdvvl.name} triển khai mô hình “Dân vận khéo” "
            f"{model_name}. {initiative.objectives}",
            f"Kết quả thực hiện năm {initiative.year}:",
        ],
        blocks=[b for b in (f.block() for f in figures) if b],
        table=(
            ["STT", "Tên mô hình", "Đơn vị thực hiện", "Thời gian"],
            [["1", initiative.name, ttdvvl.name, initiative.timeframe or str(initiative.year)]],
        ),
        proposal=(
            f"{ttdvvl.name} kính trình {sldtbxh.name} xem xét, công nhận mô hình "
            f"{model_name} là mô hình “Dân vận khéo” tiêu biểu năm {initiative.year}"
        ),
        recipients=["Lãnh đạo đơn vị"],
    )
    title = f"Đề nghị công nhận mô hình “Dân vận khéo” tiêu biểu năm {initiative.year}"
    day = dt.date(initiative.year, 12, 15)
    out.append(_sample("3-to-trinh", "Tờ trình", ttdvvl, "to_trinh", title, content, day))

    signer = default_signer(sldtbxh)
    content = builders.plain_content(
        sldtbxh,
        legal_bases=[
            "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
            *initiative.movement.legal_basis_lines,
            f"Xét đề nghị của {ttdvvl.name}",
        ],
        articles=[
            (
                "Công nhận mô hình tiêu biểu",
                [
                    f"Công nhận mô hình {model_name} của {ttdvvl.name} là mô hình “Dân vận khéo” "
                    f"tiêu biểu năm {initiative.year}."
                ],
            ),
            ("Hiệu lực thi hành", ["Quyết định có hiệu lực kể từ ngày ký."]),
            (
                "Trách nhiệm thi hành",
                [
                    f"Chánh Văn phòng Sở, Giám đốc {ttdvvl.name} và các đơn vị, cá nhân có liên "
                    "quan chịu trách nhiệm thi hành Quyết định này."
                ],
            ),
        ],
        recipients=["Như Điều 3", f"{bdvtu.name} (b/c)"],
        signer=signer,
        decision_authority=f"{signer['position'] or 'Giám đốc'} {sldtbxh.name}",
    )
    title = f"Công nhận mô hình “Dân vận khéo” tiêu biểu năm {initiative.year}"
    out.append(
        _sample(
            "4-quyet-dinh",
            "Quyết định",
            sldtbxh,
            "quyet_dinh",
            title,
            content,
            dt.date(2022, 12, 28),
        )
    )

    content = builders.plain_content(
        ttdvvl,
        addressees=[bdvtu.name],
        paragraphs=[
            f"Thực hiện phong trào thi đua “Dân vận khéo” giai đoạn "
            f"{initiative.movement.start_year}–{initiative.movement.end_year}, {ttdvvl.name} "
            f"đăng ký tiếp tục xây dựng mô hình {model_name} năm {initiative.year + 1}.",
            f"Nội dung và cách làm: {initiative.content}",
            f"Đầu mối liên hệ: Phòng Hành chính – Tổng hợp, {ttdvvl.name}.",
        ],
        closing=f"{ttdvvl.name} kính đề nghị {bdvtu.name} tổng hợp, theo dõi",
        recipients=["Lãnh đạo đơn vị"],
        drafting_unit=archive_unit_for(ttdvvl) or "",
    )
    title = f"Đăng ký mô hình “Dân vận khéo” năm {initiative.year + 1}"
    out.append(
        _sample(
            "5-cong-van",
            "Công văn",
            ttdvvl,
            "cong_van",
            title,
            content,
            dt.date(initiative.year + 1, 1, 5),
        )
    )

    request = _demo(
        ReportRequest.objects.filter(requester_unit=sldtbxh, period__endswith="H1", number__gt="")
        .order_by("-year")
        .first(),
        "request",
    )
    reports = list(request.reports.select_related("unit").order_by("unit__path"))
    sent = [r for r in reports if r.first_submitted_at]
    late = [r.unit.name for r in reports if r.late]
    never = [r.unit.name for r in reports if not r.first_submitted_at]
    lines = [
        f"Thực hiện yêu cầu báo cáo {builders.lower_first(request.title)}, hạn nộp ngày "
        f"{request.deadline.day:02d}/{request.deadline.month}/{request.deadline.year}, "
        f"{sldtbxh.name} thông báo tình hình gửi báo cáo của các đơn vị như sau:",
    ]
    if late:
        lines.append("Đơn vị gửi báo cáo muộn: " + ", ".join(late) + ".")
    if never:
        lines.append("Đơn vị chưa gửi báo cáo: " + ", ".join(never) + ".")
    lines.append("Đề nghị các đơn vị chưa gửi hoàn thành báo cáo trong 05 ngày làm việc.")
    content = builders.plain_content(
        sldtbxh,
        paragraphs=lines[:1],
        blocks=[
            builders.count_block("Số đơn vị đã gửi báo cáo", len(sent), len(reports), request),
            *({"k": "para", "text": t} for t in lines[1:]),
        ],
        recipients=["Các đơn vị trực thuộc Sở", "Lãnh đạo Sở"],
        signer=signer,
    )
    title = f"Tình hình gửi báo cáo {builders.lower_first(builders.strip_type_word(request.title, 'Báo cáo'))}"
    out.append(
        _sample(
            "6-thong-bao",
            "Thông báo",
            sldtbxh,
            "thong_bao",
            title,
            content,
            request.deadline + dt.timedelta(days=3),
        )
    )

    cross = _demo(
        ReportRequest.objects.filter(requester_unit=bdvtu).order_by("-year").first(),
        "party request",
    )
    title, content = builders.combined_content(cross)
    out.append(
        _sample(
            "7-bao-cao-dang",
            "Báo cáo (Đảng)",
            bdvtu,
            "bao_cao",
            title,
            content,
            cross.deadline + dt.timedelta(days=7),
        )
    )
    return out
