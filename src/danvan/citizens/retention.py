"""Retention of citizens' personal data: how long it is kept (as data) and
the purge that blanks it afterwards (``danvan purge_citizens``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q as models_q
from django.utils import timezone

from danvan.audit import services as audit
from danvan.audit.models import AuditEntry

from .models import OPEN_STAGES, Petition, Reception
from .services import _today

# How long personal data is kept after a case ends (data, not law: no archive
# rule was verified; see README.md). Counted from the reception date for the
# book and from closure (or receipt, for a case never closed) for petitions.
RETENTION_YEARS = {"reception": 5, "petition": 10}


def _years_before(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def purge_candidates(today: dt.date | None = None):
    today = _today(today)
    r_cut = _years_before(today, RETENTION_YEARS["reception"])
    p_cut = _years_before(today, RETENTION_YEARS["petition"])
    receptions = Reception.objects.filter(received_on__lt=r_cut, anonymised_at__isnull=True)
    petitions = (
        Petition.objects.filter(anonymised_at__isnull=True)
        .exclude(stage__in=OPEN_STAGES)
        .filter(
            models_q(closed_on__lt=p_cut) | models_q(closed_on__isnull=True, received_on__lt=p_cut)
        )
    )
    return receptions, petitions


@transaction.atomic
def purge_personal_data(
    user, *, today: dt.date | None = None, apply: bool = False
) -> tuple[int, int]:
    """Blank the personal fields of records past their retention period.
    Counts only (dry run) unless ``apply``. The records and figures stay."""
    receptions, petitions = purge_candidates(today)
    counts = (receptions.count(), petitions.count())
    if apply:
        now = timezone.now()
        receptions.update(
            citizen_name="", citizen_address="", citizen_id_number="", anonymised_at=now
        )
        petitions.update(
            complainant_name="",
            complainant_address="",
            complainant_id_number="",
            citizen_key="",
            anonymised_at=now,
        )
        AuditEntry.objects.create(
            user=audit.author(user),
            action=AuditEntry.ACTION,
            verb="purge_personal_data",
            object_type="citizens.retention",
            object_id="-",
            object_repr="Xóa dữ liệu cá nhân hết thời hạn lưu trữ",
            changes={"_": {"receptions": counts[0], "petitions": counts[1]}},
        )
    return counts
