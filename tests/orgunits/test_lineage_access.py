"""Units change over time: a merged or split unit's history stays reachable
from the units that carry it on, and from nowhere else."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404

from danvan.accounts.access import can, get_unit_for_user, visible_units
from danvan.accounts.models import Role, RoleKind
from danvan.orgunits import services


def _officer_of(unit, username):
    user = get_user_model().objects.create(username=username)
    Role.objects.create(user=user, unit=unit, kind=RoleKind.OFFICER)
    return user


def test_a_split_units_history_is_reachable_from_each_new_unit(world, admin_user, outsider):
    old = world.units["ttbtxh"]
    a, b = services.split_unit(
        admin_user,
        old,
        [
            {"kind": "trung_tam", "name": "Trung tâm A", "short_code": "TTA"},
            {"kind": "trung_tam", "name": "Trung tâm B", "short_code": "TTB"},
        ],
        on=dt.date(2025, 7, 1),
    )
    for part, name in ((a, "officer.a"), (b, "officer.b")):
        officer = _officer_of(part, name)
        assert get_unit_for_user(officer, old.pk) == old
        assert can(officer, "view", old)
        assert old in visible_units(officer)
    with pytest.raises(Http404):
        get_unit_for_user(outsider, old.pk)


def test_merged_units_sit_under_their_successor(world, admin_user):
    hcth, tvgt = world.units["hcth"], world.units["tvgt"]
    merged = services.merge_units(
        admin_user,
        [hcth, tvgt],
        on=dt.date(2025, 7, 1),
        kind="phong",
        name="Phòng Tổng hợp – Tư vấn",
        short_code="THTV",
    )
    officer = _officer_of(merged, "officer.merged")
    for old in (hcth, tvgt):
        old.refresh_from_db()
        assert old.valid_to == dt.date(2025, 6, 30)
        assert old.path.startswith(merged.path)
        assert get_unit_for_user(officer, old.pk) == old
