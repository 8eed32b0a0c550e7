"""Nominations (the subjects of a round) and the engine's answers about them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Q

from danvan.audit import services as audit
from danvan.core.dates import format_date_short
from danvan.core.errors import DomainError
from danvan.core.rules import (
    AUTHORITIES,
    COLLECTIVE_TITLES,
    INDIVIDUAL_TITLES,
    TITLES,
    Outcome,
    Result,
    ScenarioError,
    authority_status,
    evaluate,
    regime_for_year,
    suggest,
    title_label,
)
from danvan.core.rules.serialize import check_to_json
from danvan.emulation.models import (
    CLOSED_STATUSES,
    AwardRound,
    EmulationPledge,
    Nomination,
)
from danvan.emulation.scenario import Built, build_for_round, engine_config, live_nominations
from danvan.emulation.services.common import S, _require_unit_step, today
from danvan.emulation.services.records import _already_awarded_message, _held
from danvan.orgunits.models import OrgUnit, StaffMember, search_folded

SubjectRow = TypeVar("SubjectRow", EmulationPledge, Nomination)

# --- subjects ----------------------------------------------------------------------


def _check_subject(
    rnd: AwardRound, staff: StaffMember | None, collective: OrgUnit | None, title: str
) -> None:
    """A nomination's subject and title suit the round (Vietnamese errors)."""
    if (staff is None) == (collective is None):
        raise DomainError("Cần chọn đúng một cá nhân hoặc một tập thể.", field="subject")
    if title not in TITLES:
        raise DomainError(f"Danh hiệu “{title}” không có trong danh mục.", field="title")
    if staff is not None:
        if title not in INDIVIDUAL_TITLES:
            raise DomainError(
                f"{title_label(title)} là danh hiệu tập thể, không đề nghị cho cá nhân.", "title"
            )
        if not staff.unit.is_within(rnd.unit):
            raise DomainError(
                f"{staff.full_name} không thuộc {rnd.unit.name} (hiện công tác tại "
                f"{staff.unit.name}); đơn vị nơi người đó công tác mới được đề nghị.",
                field="subject",
            )
        if staff.active_to is not None and staff.active_to < today():
            raise DomainError(
                f"{staff.full_name} đã thôi công tác từ ngày {format_date_short(staff.active_to)}; "
                "không thể đề nghị khen thưởng trong đợt này.",
                field="subject",
            )
    else:
        assert collective is not None
        if title not in COLLECTIVE_TITLES:
            raise DomainError(
                f"{title_label(title)} là danh hiệu cá nhân, không đề nghị cho tập thể.", "title"
            )
        if not collective.is_within(rnd.unit):
            raise DomainError(f"{collective.name} không thuộc {rnd.unit.name}.", field="subject")
        if not collective.is_active:
            raise DomainError(f"{collective.name} đã giải thể hoặc hết hiệu lực.", field="subject")


def _check_authority(rnd: AwardRound, title: str) -> None:
    regime = regime_for_year(rnd.year)
    if regime is None:
        raise DomainError(f"Chưa có quy định khen thưởng áp dụng cho năm {rnd.year}.", "year")
    on = dt.date(rnd.year, 12, 31)
    outcome, grant = authority_status(rnd.authority, title, regime.id, on)
    # Refused only when the notes confirm the powers (or they had ended): a
    # title missing from an unconfirmed list is left to the engine ("unknown").
    expired = grant is not None and grant.valid_to is not None and on > grant.valid_to
    if outcome is Outcome.FAIL and grant is not None and (grant.basis.confirmed or expired):
        who = AUTHORITIES[rnd.authority]
        raise DomainError(
            f"{who} không có thẩm quyền tặng {title_label(title)} ({grant.basis.text()}). "
            "Hãy đề nghị trong đợt của cơ quan có thẩm quyền.",
            field="title",
        )


def _check_not_duplicate(
    rnd: AwardRound, staff: StaffMember | None, collective: OrgUnit | None, title: str
) -> None:
    name = str(staff or collective)
    held = _held(staff, collective, title, rnd.year)
    if held is not None:
        raise DomainError(_already_awarded_message(name, held), field="title")
    subject = Q(staff=staff) if staff is not None else Q(collective=collective)
    other = (
        Nomination.objects.filter(subject, title=title, year=rnd.year)
        .exclude(status__in=CLOSED_STATUSES)
        .select_related("round")
        .first()
    )
    if other is not None:
        where = "trong đợt này" if other.round_id == rnd.pk else f"trong “{other.round.name}”"
        raise DomainError(
            f"{name} đã có đề nghị {title_label(title)} năm {rnd.year} {where} "
            f"(trạng thái: {other.get_status_display().lower()}). Không tạo đề nghị trùng.",
            field="title",
        )


def _add_subject(
    user,
    model: type[SubjectRow],
    rnd: AwardRound,
    staff: StaffMember | None,
    collective: OrgUnit | None,
    title: str,
    **fields: Any,
) -> SubjectRow:
    """A pledge or a nomination of the round's unit, for a person or a collective
    (checked by the caller), logged in that unit."""
    row = model(round=rnd, unit=rnd.unit, staff=staff, collective=collective, title=title, **fields)
    return audit.add(user, row, unit_id=rnd.unit_id)


def _require_round_editable(rnd: AwardRound) -> None:
    if rnd.submitted_on is not None:
        raise DomainError("Đợt này đã trình cấp trên; không thêm hoặc sửa đề nghị được nữa.")


@transaction.atomic
def add_pledge(
    user,
    rnd: AwardRound,
    *,
    staff: StaffMember | None = None,
    collective: OrgUnit | None = None,
    title: str,
    note: str = "",
) -> EmulationPledge:
    _require_unit_step(user, "edit", rnd, "Bạn không có quyền đăng ký thi đua cho đơn vị này.")
    _check_subject(rnd, staff, collective, title)
    subject = Q(staff=staff) if staff is not None else Q(collective=collective)
    if rnd.pledges.filter(subject, title=title).exists():
        raise DomainError(f"{staff or collective} đã đăng ký {title_label(title)} trong đợt này.")
    return _add_subject(user, EmulationPledge, rnd, staff, collective, title, note=note.strip())


@transaction.atomic
def delete_pledge(user, pledge: EmulationPledge) -> None:
    _require_unit_step(
        user, "edit", pledge.round, "Bạn không có quyền sửa đăng ký thi đua của đơn vị này."
    )
    audit.delete(user, pledge, unit_id=pledge.unit_id)


@transaction.atomic
def nominate(
    user,
    rnd: AwardRound,
    *,
    staff: StaffMember | None = None,
    collective: OrgUnit | None = None,
    title: str,
    achievement: str = "",
) -> Nomination:
    """A draft nomination; refused for a person who left or is not in the unit,
    a title the round's authority cannot grant, or a duplicate."""
    _require_unit_step(
        user, "edit", rnd, "Bạn không có quyền lập đề nghị khen thưởng cho đơn vị này."
    )
    _require_round_editable(rnd)
    _check_subject(rnd, staff, collective, title)
    _check_authority(rnd, title)
    _check_not_duplicate(rnd, staff, collective, title)
    return _add_subject(
        user,
        Nomination,
        rnd,
        staff,
        collective,
        title,
        year=rnd.year,
        achievement=(achievement or "").strip(),
    )


PICKER_LIMIT = 20  # a search shows this many people (and units); typing narrows it


def search_subjects(rnd: AwardRound, query: str) -> tuple[list[tuple[str, str, str]], int]:
    """People (still working) and collectives of the round's unit whose folded name
    holds every word typed: [(key, name, where)], and how many more there are."""
    on = today()
    staff = search_folded(
        StaffMember.objects.filter(unit__path__startswith=rnd.unit.path).filter(
            Q(active_to__isnull=True) | Q(active_to__gte=on)
        ),
        query,
    ).select_related("unit")
    units = search_folded(
        OrgUnit.objects.filter(path__startswith=rnd.unit.path, valid_to__isnull=True), query
    )
    people = list(staff.order_by("full_name", "pk")[:PICKER_LIMIT])
    groups = list(units.order_by("path")[: max(3, PICKER_LIMIT - len(people))])
    found = [(f"p{s.pk}", s.full_name, s.unit.name) for s in people]
    found += [(f"u{u.pk}", f"Tập thể: {u.name}", "") for u in groups]
    more = staff.count() + units.count() - len(found)
    return found, max(0, more)


def subject_label(rnd: AwardRound, key: str) -> str:
    """The name shown for an already chosen subject ('' when it is not one of the round's)."""
    try:
        staff, unit = subject_from_key(rnd, key)
    except DomainError:
        return ""
    if staff is not None:
        return f"{staff.full_name} – {staff.unit.name}"
    return f"Tập thể: {unit.name}" if unit is not None else ""


def subject_from_key(rnd: AwardRound, key: str) -> tuple[StaffMember | None, OrgUnit | None]:
    """'p12' / 'u5' → the staff member or unit, looked up inside the round's unit."""
    key = (key or "").strip()
    try:
        kind, pk = key[0], int(key[1:])
    except (IndexError, ValueError):
        raise DomainError("Chưa chọn cá nhân hoặc tập thể.", field="subject") from None
    if kind == "p":
        staff = StaffMember.objects.select_related("unit").filter(pk=pk).first()
        if staff is None or not staff.unit.is_within(rnd.unit):
            raise DomainError("Cá nhân không thuộc đơn vị của đợt này.", field="subject")
        return staff, None
    if kind == "u":
        unit = OrgUnit.objects.filter(pk=pk).first()
        if unit is None or not unit.is_within(rnd.unit):
            raise DomainError("Tập thể không thuộc đơn vị của đợt này.", field="subject")
        return None, unit
    raise DomainError("Chưa chọn cá nhân hoặc tập thể.", field="subject")


@transaction.atomic
def nominate_many(user, rnd: AwardRound, items: list[tuple[str, str]]) -> list[Nomination]:
    """Several nominations at once (from the suggestions); all or nothing."""
    if not items:
        raise DomainError("Chưa chọn đề nghị nào.")
    made = []
    for key, title in items:
        staff, collective = subject_from_key(rnd, key)
        made.append(nominate(user, rnd, staff=staff, collective=collective, title=title))
    return made


@transaction.atomic
def delete_nomination(user, nomination: Nomination) -> None:
    rnd = nomination.round
    _require_unit_step(user, "edit", rnd, "Bạn không có quyền xóa đề nghị của đơn vị này.")
    if nomination.status not in (S.DRAFT, S.REJECTED):
        raise DomainError(
            "Chỉ xóa được đề nghị dự kiến hoặc bị Hội đồng không thông qua; "
            "đề nghị đã trình thì đơn vị rút lại."
        )
    audit.delete(user, nomination, unit_id=rnd.unit_id)


# --- engine ------------------------------------------------------------------------


@dataclass
class Evaluation:
    """The engine's answer for a round's live nominations, keyed back to them."""

    built: Built
    result: Result
    by_nomination: dict[int, Any] = field(default_factory=dict)

    @property
    def quotas(self):
        return self.result.quotas

    @property
    def failed_quotas(self):
        return [q for q in self.result.quotas if q.result is Outcome.FAIL]


def _run_engine(built: Built) -> Result:
    try:
        return evaluate(built.scenario, engine_config())
    except ScenarioError as exc:
        raise DomainError(f"Không kiểm tra được tiêu chuẩn: {exc.message} ({exc.field}).") from None


def evaluate_round(rnd: AwardRound, statuses=None) -> Evaluation:
    noms = live_nominations(rnd, statuses)
    built = build_for_round(rnd, noms)
    result = _run_engine(built)
    ev = Evaluation(built, result)
    for nom, res in zip(noms, result.nominations, strict=True):
        ev.by_nomination[nom.pk] = res
    return ev


def _store_checks(nomination: Nomination, res) -> None:
    nomination.checks = [check_to_json(c) for c in res.checks]
    nomination.eligible = res.eligible


@dataclass
class SuggestionRow:
    subject: str
    name: str
    unit_name: str
    title: str
    label: str
    eligible: bool
    checks: list[dict]
    missing: list[dict]
    is_collective: bool
    nominated: bool = False
    pledged: bool = False


def round_suggestions(rnd: AwardRound) -> list[SuggestionRow]:
    """Who the engine finds eligible this year (with reasons), and the near
    misses (with what is missing); marks those already nominated or pledged."""
    built = build_for_round(rnd, nominations=[])
    try:
        found = suggest(built.scenario, engine_config())
    except ScenarioError as exc:
        raise DomainError(f"Không lập được gợi ý: {exc.message} ({exc.field}).") from None
    nominated = {
        (n.subject_key, n.title) for n in rnd.nominations.exclude(status__in=CLOSED_STATUSES)
    }
    pledged = {
        (f"u{p.collective_id}" if p.collective_id else f"p{p.staff_id}", p.title)
        for p in rnd.pledges.all()
    }
    rows = []
    for s in found:
        obj = built.staff.get(s.subject) or built.units.get(s.subject)
        is_collective = s.subject.startswith("u")
        unit_name = obj.name if is_collective else obj.unit.name  # type: ignore[union-attr]
        rows.append(
            SuggestionRow(
                subject=s.subject,
                name=built.name(s.subject),
                unit_name=unit_name,
                title=s.title,
                label=title_label(s.title),
                eligible=s.eligible,
                checks=[check_to_json(c) for c in s.checks],
                missing=[check_to_json(c) for c in s.missing],
                is_collective=is_collective,
                nominated=(s.subject, s.title) in nominated,
                pledged=(s.subject, s.title) in pledged,
            )
        )
    order = {code: i for i, code in enumerate(TITLES)}
    rows.sort(key=lambda r: (not r.eligible, order[r.title], r.is_collective, r.name))
    return rows
