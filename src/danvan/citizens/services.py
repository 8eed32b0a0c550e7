"""Writes to the citizen book, petitions and dialogues.

Each runs in a transaction, checks rights, writes an audit entry without
personal data, and raises DomainError (Vietnamese, never naming the citizen)
or PermissionDenied. Deadlines come from danvan.core.petition_limits (time
limits as data) counted in working days over danvan.core.workdays' calendar.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from danvan.audit import services as audit
from danvan.audit.models import AuditEntry
from danvan.core import petition_limits as limits
from danvan.core.dates import format_date_short
from danvan.core.errors import DomainError
from danvan.core.workdays import DEFAULT as CALENDAR
from danvan.drafting.services import issue_number
from danvan.orgunits.models import OrgUnit

from . import access
from .models import (
    OPEN_STAGES,
    PERSONAL_FIELDS,
    Channel,
    Commitment,
    CommitmentStatus,
    Kind,
    Outcome,
    Petition,
    PetitionEvent,
    Place,
    Reception,
    Sector,
    Stage,
)

HIDDEN = "[đã ẩn]"
DUE_SOON_WORKING_DAYS = 5
_ID_NUMBER = re.compile(r"^(\d{9}|\d{12})$")
_NOT_AUDITED = {
    "citizen_key",
    "subject_key",
    "content",
    "subject",
    "reply",
    "conclusion",
    "verification",
    "note",
    "participants",
    "topics",
    "follow_up",
}


Row = TypeVar("Row", bound=models.Model)


def _today(today: dt.date | None = None) -> dt.date:
    return today or timezone.localdate()


def _safe_snapshot(obj) -> dict[str, Any]:
    """The audit copy of a record: no personal data, no free text."""
    personal = set(PERSONAL_FIELDS.get(obj._meta.model_name, ()))
    names = [
        f.attname
        for f in obj._meta.concrete_fields
        if f.name != "id" and f.name not in personal and f.name not in _NOT_AUDITED
    ]
    return audit.snapshot(obj, names)


def _add(user, obj: Row, unit_id: int) -> Row:
    """Save a new record of the books and log it without its personal data."""
    return audit.add(user, obj, unit_id=unit_id, copy=_safe_snapshot)


def _audit_action(user, obj, verb: str, unit_id: int, **extra: Any) -> None:
    # before/after empty: an action entry would otherwise copy every field
    audit.record(
        user,
        AuditEntry.ACTION,
        obj,
        before={},
        after={},
        verb=verb,
        unit_id=unit_id,
        extra=extra or None,
    )


def normal_key(*parts: str) -> str:
    """A stable key of names/ids for duplicate detection (NFC, case, spaces)."""
    text = "|".join(
        " ".join(unicodedata.normalize("NFC", p or "").casefold().split()) for p in parts
    )
    return hashlib.sha256(text.encode()).hexdigest() if text.strip("|") else ""


def _check_date(value: dt.date | None, field: str, today: dt.date, label: str) -> dt.date:
    if value is None:
        raise DomainError(f"Vui lòng nhập {label}.", field=field)
    if value > today:
        raise DomainError(
            f"{label[:1].upper()}{label[1:]} ({format_date_short(value)}) không thể sau ngày "
            f"hôm nay ({format_date_short(today)}).",
            field=field,
        )
    if value.year < 2000:
        raise DomainError(f"{label[:1].upper()}{label[1:]} không hợp lệ.", field=field)
    return value


def _check_person(name: str, address: str, id_number: str) -> tuple[str, str, str]:
    name, address = " ".join((name or "").split()), " ".join((address or "").split())
    id_number = (id_number or "").replace(" ", "")
    if id_number and not _ID_NUMBER.match(id_number):
        raise DomainError(
            "Số CCCD/CMND phải gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND).",
            field="id_number",
        )
    return (unicodedata.normalize("NFC", name), unicodedata.normalize("NFC", address), id_number)


def _require_book(user, unit: OrgUnit) -> None:
    if not access.can_edit_book(user, unit):
        raise PermissionDenied(
            "Chỉ cán bộ, lãnh đạo của chính đơn vị tiếp công dân được ghi sổ của đơn vị này."
        )


# ----- the reception book -------------------------------------------------------------


@transaction.atomic
def record_reception(
    user,
    *,
    unit: OrgUnit,
    received_on: dt.date,
    content: str,
    place: str = Place.OFFICE,
    citizen_name: str = "",
    citizen_address: str = "",
    citizen_id_number: str = "",
    group_size: int = 1,
    field: str = Sector.OTHER,
    outcome: str = Outcome.GUIDED,
    petition_kind: str = "",
    today: dt.date | None = None,
) -> Reception:
    """One line of the book. An outcome "tiếp nhận đơn" also opens the petition."""
    _require_book(user, unit)
    today = _today(today)
    _check_date(received_on, "received_on", today, "ngày tiếp")
    content = " ".join((content or "").split())
    if not content:
        raise DomainError("Vui lòng nhập nội dung công dân trình bày.", field="content")
    _require_choice(place, Place, "Hình thức tiếp", "place")
    _require_choice(field, Sector, "Lĩnh vực", "field")
    _require_choice(outcome, Outcome, "Kết quả tiếp", "outcome")
    try:
        group_size = int(group_size)
    except (TypeError, ValueError):
        raise DomainError("Số người phải là số nguyên.", field="group_size") from None
    if not 1 <= group_size <= 10000:
        raise DomainError("Số người phải từ 1 trở lên.", field="group_size")
    name, address, id_number = _check_person(citizen_name, citizen_address, citizen_id_number)
    petition = None
    if outcome == Outcome.PETITION:
        if petition_kind not in Kind.values:
            raise DomainError(
                "Đã chọn “Tiếp nhận đơn”: hãy chọn loại đơn (kiến nghị, phản ánh, khiếu nại, "
                "tố cáo).",
                field="petition_kind",
            )
        petition = receive_petition(
            user,
            unit=unit,
            received_on=received_on,
            channel=Channel.IN_PERSON,
            kind=petition_kind,
            complainant_name=name,
            complainant_address=address,
            complainant_id_number=id_number,
            subject=content,
            field=field,
            today=today,
        )
    reception = Reception(
        unit=unit,
        received_on=received_on,
        place=place,
        received_by=audit.author(user),
        citizen_name=name,
        citizen_address=address,
        citizen_id_number=id_number,
        group_size=group_size,
        content=content,
        field=field,
        outcome=outcome,
        petition=petition,
    )
    return _add(user, reception, unit.pk)


# ----- petitions ------------------------------------------------------------------------


def _event(user, petition: Petition, on: dt.date, text: str) -> None:
    PetitionEvent.objects.create(
        petition=petition, on=on, user=audit.author(user), stage=petition.stage, text=text[:500]
    )


def _require_choice(value: str, choices: type[models.TextChoices], what: str, field: str) -> None:
    """A value of a fixed list (kind, channel, sector…), or “<what> không hợp lệ.”."""
    if value not in choices.values:
        raise DomainError(f"{what} không hợp lệ.", field=field)


def _step_done(
    user, p: Petition, before: dict[str, Any], on: dt.date, text: str, *, verb: str
) -> Petition:
    """Save a handling step: the petition, its event in the file and the audit entry."""
    p.save()
    _event(user, p, on, text)
    audit.updated(user, p, before, unit_id=p.unit_id, verb=verb)
    return p


def _resolve_due(p: Petition, lim: limits.TimeLimit, start: dt.date) -> dt.date:
    """The resolution deadline counted from start, with the case's extensions."""
    return limits.due_date(
        lim,
        start,
        complex_case=p.complex_case,
        remote=p.remote_area,
        extensions=p.extensions,
        calendar=CALENDAR,
    )


def _lock(user, petition: Petition, require: Callable[[Any, Petition], None]) -> Petition:
    """The petition, locked for this transaction, once ``require`` lets the user act on it."""
    p = Petition.objects.select_for_update().get(pk=petition.pk)
    require(user, p)
    return p


def process_due_for(kind: str, received_on: dt.date) -> dt.date | None:
    lim = limits.limit_for(kind, "process")
    return limits.due_date(lim, received_on, calendar=CALENDAR) if lim else None


@transaction.atomic
def receive_petition(
    user,
    *,
    unit: OrgUnit,
    received_on: dt.date,
    kind: str,
    subject: str,
    channel: str = Channel.POST,
    anonymous: bool = False,
    complainant_name: str = "",
    complainant_address: str = "",
    complainant_id_number: str = "",
    field: str = Sector.OTHER,
    forwarded_from: str = "",
    today: dt.date | None = None,
) -> Petition:
    """Register a petition. A second petition of the same citizen with the same
    content while the first is open is kept as a duplicate (lưu đơn trùng); an
    anonymous tố cáo is kept but not accepted as a tố cáo."""
    _require_book(user, unit)
    today = _today(today)
    _check_date(received_on, "received_on", today, "ngày nhận đơn")
    _require_choice(kind, Kind, "Loại đơn", "kind")
    _require_choice(channel, Channel, "Nguồn đơn", "channel")
    _require_choice(field, Sector, "Lĩnh vực", "field")
    subject = " ".join((subject or "").split())
    if not subject:
        raise DomainError("Vui lòng nhập tóm tắt nội dung đơn.", field="subject")
    if channel == Channel.FORWARDED and not forwarded_from.strip():
        raise DomainError(
            "Đơn do cơ quan khác chuyển đến: hãy nhập tên cơ quan chuyển.", field="forwarded_from"
        )
    name, address, id_number = _check_person(
        complainant_name, complainant_address, complainant_id_number
    )
    anonymous = bool(anonymous) or not name
    if anonymous:
        name = address = id_number = ""
    citizen_key = "" if anonymous else normal_key(name, id_number or address)
    subject_key = normal_key(subject)
    petition = Petition(
        unit=unit,
        received_on=received_on,
        channel=channel,
        forwarded_from=forwarded_from.strip()[:255],
        kind=kind,
        anonymous=anonymous,
        complainant_name=name,
        complainant_address=address,
        complainant_id_number=id_number,
        citizen_key=citizen_key,
        subject=subject,
        subject_key=subject_key,
        field=field,
    )
    original = None
    if citizen_key:
        original = (
            Petition.objects.filter(
                unit=unit,
                citizen_key=citizen_key,
                subject_key=subject_key,
                kind=kind,
                duplicate_of__isnull=True,
            )
            .exclude(stage__in=[Stage.CLOSED, Stage.FILED])
            .order_by("received_on", "pk")
            .first()
        )
    if original is not None:
        petition.duplicate_of = original
        petition.stage = Stage.FILED
        petition.eligible = False
        petition.note = (
            f"Đơn trùng nội dung với đơn #{original.pk} nhận ngày "
            f"{format_date_short(original.received_on)} đang được xử lý: lưu đơn, không xử lý lại."
        )
    elif anonymous and kind == Kind.TO_CAO:
        petition.stage = Stage.CLASSIFIED
        petition.eligible = False
        petition.note = (
            "Tố cáo nặc danh (không rõ họ tên, địa chỉ người tố cáo): không thụ lý giải quyết "
            "theo thủ tục tố cáo; nếu nội dung rõ ràng, có tài liệu, chứng cứ cụ thể thì tiến "
            "hành thanh tra, kiểm tra theo thẩm quyền."
        )
        petition.process_due = process_due_for(kind, received_on)
        petition.current_due = petition.process_due
    else:
        petition.process_due = process_due_for(kind, received_on)
        petition.current_due = petition.process_due
    _add(user, petition, unit.pk)
    _event(user, petition, received_on, petition.note or "Tiếp nhận đơn.")
    return petition


def _require_handle(user, petition: Petition) -> None:
    if not access.can_handle(user, petition):
        raise PermissionDenied("Chỉ cán bộ, lãnh đạo của đơn vị tiếp nhận được xử lý đơn này.")


def _require_decide(user, petition: Petition) -> None:
    if not access.can_decide(user, petition):
        raise PermissionDenied(
            "Chỉ lãnh đạo đơn vị tiếp nhận được thụ lý, chuyển đơn, kết luận hoặc gia hạn."
        )


def _require_stage(petition: Petition, allowed, what: str) -> None:
    if petition.stage not in allowed:
        raise DomainError(
            f"Không thể {what}: đơn đang ở giai đoạn “{petition.get_stage_display()}”.",
            code="stage",
        )


def _on(on: dt.date | None, petition: Petition, today: dt.date, label: str) -> dt.date:
    on = _check_date(on or today, "on", today, label)
    if on < petition.received_on:
        raise DomainError(
            f"{label[:1].upper()}{label[1:]} không thể trước ngày nhận đơn "
            f"({format_date_short(petition.received_on)}).",
            field="on",
        )
    return on


@transaction.atomic
def classify(
    user,
    petition: Petition,
    *,
    kind: str,
    eligible: bool,
    competent: bool,
    complex_case: bool = False,
    very_complex: bool = False,
    remote_area: bool = False,
    today: dt.date | None = None,
) -> Petition:
    p = _lock(user, petition, _require_handle)
    _require_stage(p, (Stage.RECEIVED, Stage.CLASSIFIED), "phân loại")
    _require_choice(kind, Kind, "Loại đơn", "kind")
    if p.anonymous and kind == Kind.TO_CAO and eligible:
        raise DomainError(
            "Tố cáo nặc danh không đủ điều kiện thụ lý giải quyết theo thủ tục tố cáo.",
            field="eligible",
        )
    before = _safe_snapshot(p)
    p.kind, p.eligible, p.competent = kind, bool(eligible), bool(competent)
    p.complex_case = bool(complex_case or very_complex)
    p.very_complex = bool(very_complex)
    p.remote_area = bool(remote_area)
    p.stage = Stage.CLASSIFIED
    p.process_due = process_due_for(kind, p.received_on)
    p.current_due = p.process_due
    words = [
        p.get_kind_display().lower(),
        "đủ điều kiện xử lý" if p.eligible else "không đủ điều kiện xử lý",
        "thuộc thẩm quyền" if p.competent else "không thuộc thẩm quyền",
    ]
    return _step_done(
        user, p, before, _today(today), "Phân loại: " + ", ".join(words) + ".", verb="classify"
    )


@transaction.atomic
def forward(
    user,
    petition: Petition,
    *,
    to_name: str,
    to_unit: OrgUnit | None = None,
    on: dt.date | None = None,
    today: dt.date | None = None,
) -> Petition:
    """Send a petition outside the unit's competence to the competent body with a
    công văn numbered in the unit's register (danvan.drafting)."""
    p = _lock(user, petition, _require_decide)
    if p.stage == Stage.FORWARDED:
        raise DomainError(
            f"Đơn này đã được chuyển đến {p.forwarded_to} theo công văn số {p.forward_symbol} "
            f"ngày {format_date_short(p.forwarded_on) if p.forwarded_on else ''}; "
            "không chuyển lần thứ hai.",
            code="forwarded",
        )
    _require_stage(p, (Stage.RECEIVED, Stage.CLASSIFIED), "chuyển đơn")
    if p.competent:
        raise DomainError("Đơn đã được phân loại là thuộc thẩm quyền: hãy thụ lý, không chuyển.")
    to_name = " ".join((to_name or (to_unit.name if to_unit else "")).split())
    if not to_name:
        raise DomainError("Vui lòng nhập cơ quan có thẩm quyền nhận đơn.", field="to_name")
    today = _today(today)
    on = _on(on, p, today, "ngày chuyển đơn")
    entry = issue_number(
        user,
        unit=p.unit,
        doc_type="cong_van",
        issued_on=on,
        title=f"V/v chuyển đơn {p.get_kind_display().lower()} (đơn #{p.pk})",
        source="citizens",
        source_ref=f"petition:{p.pk}",
    )
    before = _safe_snapshot(p)
    p.stage = Stage.FORWARDED
    p.competent = False
    p.forwarded_to = to_name[:255]
    p.forwarded_to_unit = to_unit
    p.forward_symbol = entry.symbol
    p.forwarded_on = on
    p.current_due = None
    return _step_done(
        user,
        p,
        before,
        on,
        f"Chuyển đơn đến {p.forwarded_to} theo công văn số {entry.symbol}.",
        verb="forward",
    )


@transaction.atomic
def accept(
    user, petition: Petition, *, on: dt.date | None = None, today: dt.date | None = None
) -> Petition:
    """Thụ lý: the resolution deadline starts from the day of acceptance."""
    p = _lock(user, petition, _require_decide)
    _require_stage(p, (Stage.RECEIVED, Stage.CLASSIFIED), "thụ lý")
    if p.anonymous and p.kind == Kind.TO_CAO:
        raise DomainError(
            "Tố cáo nặc danh không được thụ lý giải quyết theo thủ tục tố cáo.", code="anonymous"
        )
    if p.eligible is False or p.competent is False:
        raise DomainError("Đơn không đủ điều kiện hoặc không thuộc thẩm quyền: không thụ lý.")
    today = _today(today)
    on = _on(on, p, today, "ngày thụ lý")
    lim = limits.limit_for(p.kind, "resolve")
    before = _safe_snapshot(p)
    p.stage, p.accepted_on = Stage.ACCEPTED, on
    p.eligible, p.competent = True, True
    if lim is not None:
        p.due_on = _resolve_due(p, lim, on)
    p.current_due = p.due_on
    due = f"; hạn giải quyết {format_date_short(p.due_on)}" if p.due_on else ""
    return _step_done(user, p, before, on, f"Thụ lý đơn{due}.", verb="accept")


@transaction.atomic
def extend(user, petition: Petition, *, reason: str, today: dt.date | None = None) -> Petition:
    """Gia hạn giải quyết (tố cáo: once for a complex case, twice for a very
    complex one — Luật Tố cáo 2018 Điều 30)."""
    p = _lock(user, petition, _require_decide)
    _require_stage(p, (Stage.ACCEPTED, Stage.ASSIGNED), "gia hạn")
    lim = limits.limit_for(p.kind, "resolve")
    allowed = (
        lim.allowed_extensions(complex_case=p.complex_case, very_complex=p.very_complex)
        if lim
        else 0
    )
    if not lim or not lim.extension_days or p.extensions >= allowed:
        raise DomainError(
            f"Không được gia hạn thêm: loại đơn và tính chất vụ việc này cho phép {allowed} "
            f"lần gia hạn ({lim.basis if lim else 'không có căn cứ'}).",
            code="extension",
        )
    if not (reason or "").strip():
        raise DomainError("Vui lòng nêu lý do gia hạn.", field="reason")
    before = _safe_snapshot(p)
    p.extensions += 1
    assert p.accepted_on is not None  # only an accepted petition has a time limit to extend
    p.due_on = _resolve_due(p, lim, p.accepted_on)
    p.current_due = p.due_on
    return _step_done(
        user,
        p,
        before,
        _today(today),
        f"Gia hạn lần {p.extensions}; hạn mới "
        f"{format_date_short(p.due_on)}. Lý do: {reason.strip()[:300]}",
        verb="extend",
    )


@transaction.atomic
def assign(user, petition: Petition, *, assignee, today: dt.date | None = None) -> Petition:
    p = _lock(user, petition, _require_decide)
    _require_stage(p, (Stage.ACCEPTED, Stage.ASSIGNED), "giao xác minh")
    if assignee is None or p.unit_id not in access.own_unit_ids(assignee):
        raise DomainError("Người được giao phải là cán bộ của đơn vị tiếp nhận.", field="assignee")
    before = _safe_snapshot(p)
    p.assignee, p.stage = assignee, Stage.ASSIGNED
    name = assignee.get_full_name() or assignee.get_username()
    return _step_done(user, p, before, _today(today), f"Giao {name} xác minh.", verb="assign")


@transaction.atomic
def record_verification(
    user, petition: Petition, *, text: str, today: dt.date | None = None
) -> Petition:
    p = _lock(user, petition, _require_handle)
    _require_stage(p, (Stage.ASSIGNED,), "ghi kết quả xác minh")
    if not (text or "").strip():
        raise DomainError("Vui lòng nhập kết quả xác minh.", field="text")
    p.verification = text.strip()
    p.save(update_fields=["verification"])
    _event(user, p, _today(today), "Báo cáo kết quả xác minh.")
    _audit_action(user, p, "verify", p.unit_id)
    return p


@transaction.atomic
def conclude(
    user, petition: Petition, *, text: str, on: dt.date | None = None, today: dt.date | None = None
) -> Petition:
    p = _lock(user, petition, _require_decide)
    _require_stage(p, (Stage.ACCEPTED, Stage.ASSIGNED), "kết luận")
    if not (text or "").strip():
        raise DomainError("Vui lòng nhập nội dung kết luận, quyết định.", field="text")
    today = _today(today)
    on = _on(on, p, today, "ngày kết luận")
    if p.accepted_on and on < p.accepted_on:
        raise DomainError("Ngày kết luận không thể trước ngày thụ lý.", field="on")
    before = _safe_snapshot(p)
    p.conclusion, p.concluded_on, p.stage = text.strip(), on, Stage.CONCLUDED
    p.on_time = p.due_on is None or on <= p.due_on
    p.current_due = None
    late = "" if p.on_time else " (quá hạn)"
    return _step_done(
        user, p, before, on, f"Ban hành kết luận, quyết định giải quyết{late}.", verb="conclude"
    )


@transaction.atomic
def reply(
    user, petition: Petition, *, text: str, on: dt.date | None = None, today: dt.date | None = None
) -> Petition:
    """Trả lời công dân: after a conclusion, or directly for a kiến nghị/phản ánh."""
    p = _lock(user, petition, _require_handle)
    allowed = [Stage.CONCLUDED]
    if p.kind in (Kind.KIEN_NGHI, Kind.PHAN_ANH):
        allowed += [Stage.ACCEPTED, Stage.ASSIGNED]
    _require_stage(p, allowed, "trả lời công dân")
    if p.anonymous:
        raise DomainError("Đơn nặc danh: không có địa chỉ để trả lời.", code="anonymous")
    if not (text or "").strip():
        raise DomainError("Vui lòng nhập nội dung trả lời.", field="text")
    today = _today(today)
    on = _on(on, p, today, "ngày trả lời")
    before = _safe_snapshot(p)
    if p.concluded_on is None:  # a kiến nghị answered directly is resolved by the answer
        p.concluded_on = on
        p.on_time = p.due_on is None or on <= p.due_on
    p.reply, p.replied_on, p.stage, p.current_due = text.strip(), on, Stage.REPLIED, None
    return _step_done(user, p, before, on, "Trả lời công dân.", verb="reply")


@transaction.atomic
def close(user, petition: Petition, *, today: dt.date | None = None) -> Petition:
    p = _lock(user, petition, _require_handle)
    _require_stage(p, (Stage.REPLIED, Stage.CONCLUDED, Stage.CLASSIFIED), "kết thúc")
    if p.stage == Stage.CLASSIFIED and p.eligible is not False:
        raise DomainError("Chỉ đơn không đủ điều kiện xử lý mới được lưu khi chưa thụ lý.")
    before = _safe_snapshot(p)
    today = _today(today)
    p.stage = Stage.CLOSED if p.stage != Stage.CLASSIFIED else Stage.FILED
    p.closed_on, p.current_due = today, None
    return _step_done(
        user,
        p,
        before,
        today,
        "Kết thúc, lưu hồ sơ." if p.stage == Stage.CLOSED else "Lưu đơn.",
        verb="close",
    )


# ----- reading personal data ------------------------------------------------------------


def show_person(user, obj) -> dict[str, str]:
    """The citizen's name, address and ID number for the page, or "[đã ẩn]".

    Every time they are shown, an audit entry records who saw which record
    (the entry holds no personal data itself)."""
    if isinstance(obj, Reception):
        allowed = access.may_see_reception_person(user, obj)
        values = (obj.citizen_name, obj.citizen_address, obj.citizen_id_number)
    else:
        allowed = access.may_see_petition_person(user, obj)
        values = (obj.complainant_name, obj.complainant_address, obj.complainant_id_number)
        if obj.anonymous:
            return {"name": "Nặc danh", "address": "", "id_number": "", "visible": "no"}
    if obj.anonymised_at is not None:
        return {
            "name": "[đã xóa theo thời hạn lưu trữ]",
            "address": "",
            "id_number": "",
            "visible": "no",
        }
    if not allowed:
        return {
            "name": HIDDEN,
            "address": HIDDEN if values[1] else "",
            "id_number": HIDDEN if values[2] else "",
            "visible": "no",
        }
    if any(values):
        _audit_action(user, obj, "view_personal", obj.unit_id)
    return {"name": values[0], "address": values[1], "id_number": values[2], "visible": "yes"}


# ----- deadlines ------------------------------------------------------------------------


def overdue(qs, today: dt.date | None = None):
    """Open petitions whose current deadline has passed (one indexed query)."""
    return qs.filter(stage__in=OPEN_STAGES, current_due__lt=_today(today)).order_by(
        "current_due", "pk"
    )


def due_soon(qs, today: dt.date | None = None, working_days: int = DUE_SOON_WORKING_DAYS):
    today = _today(today)
    horizon = CALENDAR.add_working_days(today, working_days)
    return qs.filter(
        stage__in=OPEN_STAGES, current_due__gte=today, current_due__lte=horizon
    ).order_by("current_due", "pk")


LIST_FIELDS = ("pk", "kind", "stage", "received_on", "current_due", "unit__name", "unit__path")


def for_list(qs):
    """Only what a list of petitions shows (the deadlines page, the board)."""
    return qs.select_related(None).select_related("unit").only(*LIST_FIELDS)


def open_commitments_due(qs, today: dt.date | None = None):
    return qs.exclude(status=CommitmentStatus.DONE).filter(due_on__lt=_today(today))


def reminder_widgets(user) -> list[dict]:
    if not getattr(user, "is_authenticated", False):
        return []
    units = access.own_unit_ids(user)
    if not units:
        return []
    qs = Petition.objects.filter(unit_id__in=units)
    late = overdue(qs).count()
    soon = due_soon(qs).count()
    commitments = open_commitments_due(
        Commitment.objects.filter(dialogue__unit_id__in=units)
    ).count()
    if not (late or soon or commitments):
        return []
    parts = [f"{late} quá hạn", f"{soon} sắp đến hạn"]
    if commitments:
        parts.append(f"{commitments} cam kết đối thoại quá hạn")
    return [
        {
            "label": "Đơn thư cần xử lý",
            "value": late + soon,
            "url": reverse("citizens:deadlines"),
            "link_text": ", ".join(parts),
        }
    ]
