"""Indicators computed from the book, rolled up the org tree, and the dân vận
chính quyền report section written from them.

Every figure is counted for a subtree (materialised path prefix) and a date
range in four grouped queries, whatever the tree's size; the per-branch split
uses the same queries grouped by the branch's path prefix. Each figure keeps
the link to the list of entries it counts, so a sentence can be traced.
This module only reads; it never writes reporting's models (see
``indicator_values`` for the interface reporting can call).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.urls import reverse

from danvan.core.indicators import plan_percent
from danvan.core.numbers import format_number
from danvan.core.periods import Period
from danvan.core.render.figures import figure_sentence, percent_text
from danvan.orgunits.models import PATH_STEP, OrgUnit

from .models import Dialogue, Kind, Petition, Reception, Stage

# Luật Tiếp công dân 2013 treats five or more people on one content as
# "đông người" (not verified; see README.md): kept as data.
GROUP_THRESHOLD = 5


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    name: str
    unit_of_measure: str
    list_name: str  # the page listing the entries counted
    filters: tuple[tuple[str, str], ...] = ()


INDICATORS: tuple[IndicatorDef, ...] = (
    IndicatorDef("CD_LUOT_TIEP", "Số lượt tiếp công dân", "lượt", "citizens:receptions"),
    IndicatorDef("CD_NGUOI", "Số người được tiếp", "người", "citizens:receptions"),
    IndicatorDef(
        "CD_DOAN_DONG", "Số đoàn đông người", "đoàn", "citizens:receptions", (("group", "1"),)
    ),
    IndicatorDef("CD_DON", "Số đơn tiếp nhận", "đơn", "citizens:petitions"),
    *(
        IndicatorDef(
            f"CD_DON_{k.upper()}",
            f"Số đơn {label.lower()}",
            "đơn",
            "citizens:petitions",
            (("kind", k),),
        )
        for k, label in Kind.choices
    ),
    IndicatorDef(
        "CD_DON_THAM_QUYEN",
        "Số đơn thuộc thẩm quyền",
        "đơn",
        "citizens:petitions",
        (("competent", "1"),),
    ),
    IndicatorDef(
        "CD_DA_GIAI_QUYET",
        "Số đơn đã giải quyết",
        "đơn",
        "citizens:petitions",
        (("resolved", "1"),),
    ),
    IndicatorDef(
        "CD_DUNG_HAN",
        "Số đơn giải quyết đúng hạn",
        "đơn",
        "citizens:petitions",
        (("resolved", "1"), ("on_time", "1")),
    ),
    IndicatorDef(
        "CD_TY_LE_DUNG_HAN",
        "Tỷ lệ giải quyết đúng hạn",
        "%",
        "citizens:petitions",
        (("resolved", "1"),),
    ),
    IndicatorDef(
        "CD_KN_DA_XU_LY",
        "Số kiến nghị, phản ánh đã xử lý",
        "đơn",
        "citizens:petitions",
        (("kind", "kien_nghi,phan_anh"), ("handled", "1")),
    ),
    IndicatorDef("CD_DOI_THOAI", "Số cuộc đối thoại", "cuộc", "citizens:dialogues"),
)
BY_CODE = {d.code: d for d in INDICATORS}


def _reception_q(start: dt.date, end: dt.date):
    return dict(
        luot=Count("id"),
        nguoi=Sum("group_size"),
        doan=Count("id", filter=Q(group_size__gte=GROUP_THRESHOLD)),
    ), Q(received_on__range=(start, end))


def _received_aggs():
    aggs = {"don": Count("id"), "tham_quyen": Count("id", filter=Q(competent=True))}
    for k in Kind.values:
        aggs[f"k_{k}"] = Count("id", filter=Q(kind=k))
    return aggs


RESOLVED = Q(stage__in=[Stage.CONCLUDED, Stage.REPLIED, Stage.CLOSED])


def _resolved_aggs(start: dt.date, end: dt.date):
    done = RESOLVED & Q(concluded_on__range=(start, end))
    handled = Q(kind__in=[Kind.KIEN_NGHI, Kind.PHAN_ANH]) & (
        (RESOLVED & Q(concluded_on__range=(start, end)))
        | Q(stage=Stage.FORWARDED, forwarded_on__range=(start, end))
    )
    return {
        "giai_quyet": Count("id", filter=done),
        "dung_han": Count("id", filter=done & Q(on_time=True)),
        "kn_xu_ly": Count("id", filter=handled),
    }


def _fill(out: dict[str, Decimal | None], row: dict) -> None:
    def g(key):
        return Decimal(row.get(key) or 0)

    out["CD_LUOT_TIEP"] = out.get("CD_LUOT_TIEP", Decimal(0)) + g("luot")
    out["CD_NGUOI"] = out.get("CD_NGUOI", Decimal(0)) + g("nguoi")
    out["CD_DOAN_DONG"] = out.get("CD_DOAN_DONG", Decimal(0)) + g("doan")
    out["CD_DON"] = out.get("CD_DON", Decimal(0)) + g("don")
    for k in Kind.values:
        code = f"CD_DON_{k.upper()}"
        out[code] = out.get(code, Decimal(0)) + g(f"k_{k}")
    out["CD_DON_THAM_QUYEN"] = out.get("CD_DON_THAM_QUYEN", Decimal(0)) + g("tham_quyen")
    out["CD_DA_GIAI_QUYET"] = out.get("CD_DA_GIAI_QUYET", Decimal(0)) + g("giai_quyet")
    out["CD_DUNG_HAN"] = out.get("CD_DUNG_HAN", Decimal(0)) + g("dung_han")
    out["CD_KN_DA_XU_LY"] = out.get("CD_KN_DA_XU_LY", Decimal(0)) + g("kn_xu_ly")
    out["CD_DOI_THOAI"] = out.get("CD_DOI_THOAI", Decimal(0)) + g("doi_thoai")


def _ratio(out: dict[str, Decimal | None]) -> None:
    out["CD_TY_LE_DUNG_HAN"] = plan_percent(out.get("CD_DUNG_HAN"), out.get("CD_DA_GIAI_QUYET"))


def compute(
    root: OrgUnit, start: dt.date, end: dt.date, *, own: bool = False
) -> dict[str, Decimal | None]:
    """Every indicator for the root's subtree (or, with ``own``, the root's own
    records only: what it reports itself) between start and end (inclusive)."""
    where = {"unit_id": root.pk} if own else {"unit__path__startswith": root.path}
    r_aggs, r_q = _reception_q(start, end)
    rows = [
        Reception.objects.filter(r_q, **where).aggregate(**r_aggs),
        Petition.objects.filter(
            received_on__range=(start, end), duplicate_of__isnull=True, **where
        ).aggregate(**_received_aggs()),
        Petition.objects.filter(**where)
        .filter(Q(concluded_on__range=(start, end)) | Q(forwarded_on__range=(start, end)))
        .aggregate(**_resolved_aggs(start, end)),
        Dialogue.objects.filter(held_on__range=(start, end), **where).aggregate(
            doi_thoai=Count("id")
        ),
    ]
    out: dict[str, Decimal | None] = {}
    merged: dict = {}
    for r in rows:
        merged.update(r)
    _fill(out, merged)
    _ratio(out)
    return out


def compute_children(
    root: OrgUnit, start: dt.date, end: dt.date
) -> dict[str, dict[str, Decimal | None]]:
    """{branch path: indicators} for each child branch of root (and root itself)."""
    width = len(root.path) + PATH_STEP
    path = root.path
    branch = Substr("unit__path", 1, width)
    r_aggs, r_q = _reception_q(start, end)
    queries = [
        Reception.objects.filter(r_q, unit__path__startswith=path)
        .annotate(branch=branch)
        .values("branch")
        .annotate(**r_aggs),
        Petition.objects.filter(
            unit__path__startswith=path, received_on__range=(start, end), duplicate_of__isnull=True
        )
        .annotate(branch=branch)
        .values("branch")
        .annotate(**_received_aggs()),
        Petition.objects.filter(unit__path__startswith=path)
        .filter(Q(concluded_on__range=(start, end)) | Q(forwarded_on__range=(start, end)))
        .annotate(branch=branch)
        .values("branch")
        .annotate(**_resolved_aggs(start, end)),
        Dialogue.objects.filter(unit__path__startswith=path, held_on__range=(start, end))
        .annotate(branch=branch)
        .values("branch")
        .annotate(doi_thoai=Count("id")),
    ]
    merged: dict[str, dict] = {}
    for qs in queries:
        for row in qs:
            merged.setdefault(row["branch"], {}).update(row)
    out: dict[str, dict[str, Decimal | None]] = {}
    for key, merged_row in merged.items():
        vals: dict[str, Decimal | None] = {}
        _fill(vals, merged_row)
        _ratio(vals)
        out[key] = vals
    return out


def indicator_values(root: OrgUnit, period: Period) -> dict[str, Decimal | None]:
    """The interface reporting can call: indicator code → value of the period."""
    return compute(root, period.start, period.end)


# ----- the report section -------------------------------------------------------------


@dataclass
class Part:
    text: str
    url: str = ""


@dataclass
class Section:
    title: str
    paragraphs: list[list[Part]] = field(default_factory=list)
    figures: dict[str, Decimal | None] = field(default_factory=dict)

    def plain_text(self) -> str:
        return "\n".join("".join(p.text for p in para) for para in self.paragraphs)


def list_url(code: str, unit: OrgUnit, start: dt.date, end: dt.date) -> str:
    d = BY_CODE[code]
    params = {"unit": unit.pk, "from": start.isoformat(), "to": end.isoformat(), **dict(d.filters)}
    if d.list_name == "citizens:petitions" and ("resolved", "1") in d.filters:
        params["date"] = "concluded"
    return f"{reverse(d.list_name)}?{urlencode(params)}"


def _n(value) -> str:
    return format_number(value or 0)


def section(root: OrgUnit, period: Period) -> Section:
    """The "công tác tiếp công dân, giải quyết đơn thư, đối thoại" section."""
    start, end = period.start, period.end
    now = compute(root, start, end)
    last_p = period.same_period_last_year()
    before = compute(root, last_p.start, last_p.end)
    sec = Section(
        title="Công tác tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, "
        "phản ánh và đối thoại với Nhân dân",
        figures=now,
    )

    def link(code: str, text: str) -> Part:
        return Part(text, list_url(code, root, start, end))

    def clause(code: str, label: str, unit: str) -> Part:
        prev = before.get(code) if before.get(code) else None
        text = figure_sentence(
            label,
            now.get(code) or 0,
            unit,
            previous=prev,
            previous_year=last_p.year,
            change_as="value",
        )
        return link(code, text)

    sec.paragraphs.append(
        [
            Part(f"{period.label}, {root.name} đã "),
            clause("CD_LUOT_TIEP", "tiếp", "lượt công dân"),
            Part(" với "),
            link("CD_NGUOI", f"{_n(now['CD_NGUOI'])} người"),
            Part(", trong đó "),
            link("CD_DOAN_DONG", f"{_n(now['CD_DOAN_DONG'])} đoàn đông người"),
            Part("."),
        ]
    )
    kinds = []
    for k, label in Kind.choices:
        code = f"CD_DON_{k.upper()}"
        kinds += [link(code, f"{_n(now[code])} đơn {label.lower()}"), Part(", ")]
    kinds[-1] = Part(")")
    sec.paragraphs.append(
        [
            Part("Tiếp nhận "),
            clause("CD_DON", "", "đơn"),
            Part(" ("),
            *kinds,
            Part("; "),
            link("CD_DON_THAM_QUYEN", f"{_n(now['CD_DON_THAM_QUYEN'])} đơn thuộc thẩm quyền"),
            Part(". Đã giải quyết "),
            link("CD_DA_GIAI_QUYET", f"{_n(now['CD_DA_GIAI_QUYET'])} đơn"),
            *(
                [
                    Part(", trong đó "),
                    link("CD_DUNG_HAN", f"{_n(now['CD_DUNG_HAN'])} đơn đúng hạn"),
                    Part(", đạt "),
                    link("CD_TY_LE_DUNG_HAN", percent_text(now["CD_TY_LE_DUNG_HAN"] or 0)),
                    Part(" giải quyết đúng hạn"),
                ]
                if now.get("CD_TY_LE_DUNG_HAN") is not None
                else []
            ),
            Part("; xử lý "),
            link("CD_KN_DA_XU_LY", f"{_n(now['CD_KN_DA_XU_LY'])} kiến nghị, phản ánh"),
            Part("."),
        ]
    )
    sec.paragraphs.append(
        [
            Part("Người đứng đầu tổ chức "),
            clause("CD_DOI_THOAI", "", "cuộc đối thoại"),
            Part(" với Nhân dân, cán bộ, người lao động."),
        ]
    )
    return sec
