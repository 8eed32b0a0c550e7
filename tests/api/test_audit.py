"""/api/v1/audit/: the change log, for administrators, with filters and pages."""

import datetime as dt

import pytest
from django.utils import timezone

from danvan.audit.models import AuditEntry
from danvan.orgunits import services


@pytest.mark.parametrize("persona", ["officer", "head", "reviewer", "outsider"])
def test_the_audit_log_is_closed_to_non_administrators(api_for, personas, persona):
    response = api_for(personas[persona]).get("/audit/")
    assert response.status_code == 403
    assert response.json()["detail"] == "Chỉ quản trị hệ thống được dùng chức năng này."


def test_an_administrator_reads_the_newest_entries_first(api_for, admin_user, units):
    services.update_unit(admin_user, units["hcth"], name="Văn phòng")
    body = api_for(admin_user).get("/audit/", {"limit": 5}).json()
    assert body["count"] == AuditEntry.objects.count()
    assert body["limit"] == 5 and len(body["items"]) == 5
    newest = body["items"][0]
    assert newest["object_type"] == "orgunits.orgunit"
    assert newest["object_id"] == str(units["hcth"].pk)
    assert newest["action"] == "update" and newest["action_label"] == "Cập nhật"
    assert newest["verb"] == "rename"
    assert newest["changes"]["name"] == ["Phòng Hành chính – Tổng hợp", "Văn phòng"]
    assert newest["user"] == {"id": admin_user.pk, "username": "quantri"}
    assert dt.datetime.fromisoformat(newest["at"]).tzinfo is not None


def test_the_audit_log_filters_by_object_user_unit_and_action(api_for, admin_user, officer, units):
    staff = services.create_staff(officer, unit=units["tvgt"], full_name="Mùa A Sính")
    services.update_staff(officer, staff, position="Viên chức")
    api = api_for(admin_user)
    by_object = api.get(
        "/audit/", {"object_type": "orgunits.staffmember", "object_id": staff.pk}
    ).json()
    assert [e["action"] for e in by_object["items"]] == ["update", "create"]
    by_user = api.get("/audit/", {"user": "canbo.ttdvvl"}).json()
    assert by_user["count"] == 2
    by_unit = api.get("/audit/", {"unit": units["ttdvvl"].pk, "action": "update"}).json()
    assert by_unit["count"] == 1
    assert (
        api.get("/audit/", {"unit": units["syt"].pk, "user": "canbo.ttdvvl"}).json()["count"] == 0
    )


def test_the_audit_log_filters_by_a_date_range(api_for, admin_user, units):
    old = services.update_unit(admin_user, units["hcth"], name="Văn phòng")
    entry = AuditEntry.objects.filter(object_id=str(old.pk), verb="rename").get()
    AuditEntry.objects.filter(pk=entry.pk).update(
        at=timezone.make_aware(dt.datetime(2023, 5, 9, 10))
    )
    api = api_for(admin_user)
    in_range = api.get("/audit/", {"date_from": "2023-05-09", "date_to": "2023-05-09"}).json()
    assert [e["id"] for e in in_range["items"]] == [entry.pk]
    assert in_range["items"][0]["at"] == "2023-05-09T10:00:00+07:00"
    before = api.get("/audit/", {"date_to": "2023-05-08"}).json()
    assert before["count"] == 0
    assert (
        api.get("/audit/", {"date_from": "2023-05-10"}).json()["count"]
        == AuditEntry.objects.count() - 1
    )


def test_a_malformed_date_filter_is_a_422_in_vietnamese(api_for, admin_user):
    body = api_for(admin_user).get("/audit/", {"date_from": "9/5/2023"}).json()
    assert body["field"] == "date_from"
    assert body["errors"][0]["location"] == "query"
    assert "YYYY-MM-DD" in body["detail"]


def test_a_unit_administrator_sees_only_the_entries_of_their_units(
    api_for, admin_user, units, world
):
    from danvan.accounts.models import Role

    boss = world.users["thamdinh.sldtbxh"]
    Role.objects.create(user=boss, unit=units["sldtbxh"], kind="admin")
    services.update_unit(admin_user, units["syt"], place_name="TP Sơn La")
    services.update_unit(admin_user, units["bhtn"], place_name="TP Sơn La")
    body = api_for(boss).get("/audit/", {"limit": 500}).json()
    unit_ids = {e["unit_id"] for e in body["items"]}
    allowed = {units[k].pk for k in ("sldtbxh", "ttdvvl", "hcth", "tvgt", "bhtn", "ttbtxh")}
    assert unit_ids <= allowed and units["bhtn"].pk in unit_ids
    assert api_for(boss).get("/audit/", {"unit": units["syt"].pk}).status_code == 404
