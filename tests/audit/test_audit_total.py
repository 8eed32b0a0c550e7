"""The audit trail must always open: every entry the app writes (after the demo and a
document import) renders, and so does any shape of stored change data."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.audit.views import history_url
from tests.conftest import SAMPLES


@pytest.fixture
def logged_world(full_world):
    for sample in ("dvk-6thang-2022-ttdvvl-sonla.txt", "kh-danvan-danchu-2023-ttdvvl-sonla.txt"):
        call_command(
            "import",
            str(SAMPLES / sample),
            unit="TTDVVL",
            user="canbo.ttdvvl",
            stdout=io.StringIO(),
        )
    return full_world


def test_the_log_and_one_history_per_audited_model_open_after_demo_and_import(
    logged_world, client_for
):
    client = client_for(logged_world.admin)
    types = sorted(set(AuditEntry.objects.values_list("object_type", flat=True)))
    assert "documents.document" in types  # the import wrote its entries
    assert client.get(reverse("audit:index")).status_code == 200
    for object_type in types:
        listing = client.get(reverse("audit:index"), {"loai": object_type})
        assert listing.status_code == 200, object_type
        for action, _label in AuditEntry.ACTIONS:
            entry = AuditEntry.objects.filter(object_type=object_type, action=action).last()
            if entry is None:
                continue
            page = client.get(history_url(object_type, entry.object_id))
            assert page.status_code == 200, (object_type, action)
            assert entry.object_repr[:20] in page.content.decode()


WEIRD_CHANGES = [
    {"figures": [None, [{"value": 12, "unit": "người"}, {"value": 3.5}]]},  # reverse relation
    {"citations": [[1, 2], None]},
    {"roles": [[1], [2, 3]]},  # many-to-many / reverse
    {"field_removed_since": ["a", "b"]},  # a deleted field
    {"unit": [["x"], {"y": 1}]},  # a foreign key holding odd values
    {"unit_id": [True, "abc"]},
    {"kind": [[1, 2], {"a": "b"}]},  # a choices field with unhashable values
    {"created_at": ["not a date", 5]},
    {"_": ["loose", "list"]},
    {"_": {"into": ["abc", None, 7, True]}},
    {"_": "text"},
    {"x": 1, "y": 2.5, "z": False, "w": {"nested": {"deeper": [1, {"a": None}]}}},
    {"": [None, ""], "1": ["a", "b", "c"]},
    {"big": [None, "x" * 10_000]},
]


def test_any_stored_change_shape_renders(world, client_for):
    types = ["documents.document", "orgunits.orgunit", "auth.user", "no.model", "x"]
    for object_type in types:
        for changes in WEIRD_CHANGES:
            AuditEntry.objects.create(
                action="update",
                object_type=object_type,
                object_id="1",
                object_repr="Đối tượng lạ",
                changes=changes,
            )
    client = client_for(world.admin)
    assert client.get(reverse("audit:index")).status_code == 200
    for object_type in types:
        listing = client.get(reverse("audit:index"), {"loai": object_type, "q": "Đối tượng lạ"})
        assert listing.status_code == 200, object_type
        assert len(listing.context["rows"]) == len(WEIRD_CHANGES)
        page = client.get(history_url(object_type, "1"))
        assert page.status_code == 200, object_type
        assert len(page.content) < 300_000  # a huge value is shortened, not dumped


def test_changes_that_are_not_a_dict_render(world, client_for):
    for changes in (["not", "a", "dict"], "text", 5, [[1, 2]]):
        AuditEntry.objects.create(
            action="update",
            object_type="orgunits.orgunit",
            object_id="2",
            object_repr="Lạ",
            changes=changes,
        )
    client = client_for(world.admin)
    assert client.get(reverse("audit:index")).status_code == 200
    assert client.get(history_url("orgunits.orgunit", "2")).status_code == 200
