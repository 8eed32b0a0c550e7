"""Dialogues of the head with citizens or staff, and the follow-up of the
commitments made in them. Same house rules as services.py."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from danvan.audit import services as audit
from danvan.core.dates import format_date_short
from danvan.core.errors import DomainError
from danvan.orgunits.models import OrgUnit

from .models import Commitment, CommitmentStatus, Dialogue
from .services import _add, _check_date, _require_book, _safe_snapshot, _today


@transaction.atomic
def create_dialogue(
    user,
    *,
    unit: OrgUnit,
    held_on: dt.date,
    title: str,
    chaired_by: str,
    audience: str = "citizens",
    participants: str = "",
    participant_count: int = 0,
    topics: str = "",
    today: dt.date | None = None,
) -> Dialogue:
    _require_book(user, unit)
    _check_date(held_on, "held_on", _today(today), "ngày đối thoại")
    if not (title or "").strip():
        raise DomainError("Vui lòng nhập chủ đề đối thoại.", field="title")
    if not (chaired_by or "").strip():
        raise DomainError("Vui lòng nhập người chủ trì.", field="chaired_by")
    if audience not in ("citizens", "staff"):
        raise DomainError("Đối tượng đối thoại không hợp lệ.", field="audience")
    if int(participant_count or 0) < 0:
        raise DomainError("Số người tham dự không được âm.", field="participant_count")
    d = Dialogue(
        unit=unit,
        held_on=held_on,
        title=title.strip()[:300],
        chaired_by=chaired_by.strip(),
        audience=audience,
        participants=participants.strip(),
        participant_count=int(participant_count or 0),
        topics=topics.strip(),
    )
    return _add(user, d, unit.pk)


@transaction.atomic
def add_commitment(
    user, dialogue: Dialogue, *, content: str, owner: str, due_on: dt.date
) -> Commitment:
    _require_book(user, dialogue.unit)
    if not (content or "").strip():
        raise DomainError("Vui lòng nhập nội dung cam kết.", field="content")
    if not (owner or "").strip():
        raise DomainError("Vui lòng nhập người, bộ phận thực hiện.", field="owner")
    if due_on is None:
        raise DomainError("Vui lòng nhập hạn thực hiện.", field="due_on")
    if due_on < dialogue.held_on:
        raise DomainError("Hạn thực hiện không thể trước ngày đối thoại.", field="due_on")
    c = Commitment(dialogue=dialogue, content=content.strip(), owner=owner.strip(), due_on=due_on)
    return _add(user, c, dialogue.unit_id)


@transaction.atomic
def follow_up(
    user,
    commitment: Commitment,
    *,
    status: str,
    note: str = "",
    on: dt.date | None = None,
    today: dt.date | None = None,
) -> Commitment:
    _require_book(user, commitment.dialogue.unit)
    if status not in CommitmentStatus.values:
        raise DomainError("Tình trạng không hợp lệ.", field="status")
    today = _today(today)
    before = _safe_snapshot(commitment)
    commitment.status = status
    if note.strip():
        stamp = format_date_short(today)
        commitment.follow_up = (commitment.follow_up + f"\n{stamp}: {note.strip()}").strip()
    commitment.done_on = (
        _check_date(on or today, "on", today, "ngày hoàn thành")
        if status == CommitmentStatus.DONE
        else None
    )
    commitment.save()
    audit.updated(user, commitment, before, unit_id=commitment.dialogue.unit_id, verb="follow_up")
    return commitment
