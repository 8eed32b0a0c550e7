"""/api/v1/staff/: people of the units, scoped like the pages, written through services."""

import pytest

from danvan.orgunits.models import StaffAssignment, StaffMember

BRANCH_STAFF = 10  # demo: 2 at TTDVVL, 2 HCTH, 3 TVGT, 3 BHTN
VISIBLE = {"officer": BRANCH_STAFF, "head": BRANCH_STAFF, "reviewer": BRANCH_STAFF, "outsider": 1}
BRANCH = ["ttdvvl", "hcth", "tvgt", "bhtn"]
UNITS = {
    "officer": BRANCH,
    "head": BRANCH,
    "reviewer": BRANCH + ["sldtbxh", "ttbtxh"],
    "outsider": ["syt"],
}


def a_staff_member(units, key="bhtn"):
    return StaffMember.objects.filter(unit=units[key]).order_by("pk").first()


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_each_persona_lists_only_the_staff_of_their_subtree(api_for, personas, units, persona):
    body = api_for(personas[persona]).get("/staff/").json()
    assert body["count"] == VISIBLE[persona]
    allowed = {units[k].pk for k in UNITS[persona]}
    assert {i["unit"]["id"] for i in body["items"]} <= allowed
    if persona == "outsider":
        assert [i["full_name"] for i in body["items"]] == ["Vì Văn Hùng"]
    else:
        assert "Vì Văn Hùng" not in {i["full_name"] for i in body["items"]}


def test_the_staff_list_filters_by_unit_subtree_or_direct_members(api_for, officer, units):
    api = api_for(officer)
    assert api.get("/staff/", {"unit": units["ttdvvl"].pk}).json()["count"] == BRANCH_STAFF
    direct = api.get("/staff/", {"unit": units["ttdvvl"].pk, "direct": "true"}).json()
    assert {i["full_name"] for i in direct["items"]} == {"Lò Thị Anh Hoa", "Trần Văn Dũng"}
    bhtn = api.get("/staff/", {"unit": units["bhtn"].pk}).json()
    assert bhtn["count"] == 3 and {i["unit"]["short_code"] for i in bhtn["items"]} == {"BHTN"}
    assert api.get("/staff/", {"q": "Nga"}).json()["items"][0]["full_name"] == "Bạc Thị Nga"


def test_filtering_staff_by_a_unit_of_another_branch_is_a_404(api_for, outsider, units):
    assert api_for(outsider).get("/staff/", {"unit": units["bhtn"].pk}).status_code == 404


def test_the_staff_list_is_paginated_with_the_envelope(api_for, officer):
    body = api_for(officer).get("/staff/", {"limit": 4, "offset": 8}).json()
    assert (body["count"], body["limit"], body["offset"]) == (BRANCH_STAFF, 4, 8)
    assert len(body["items"]) == 2
    first = api_for(officer).get("/staff/", {"limit": 8}).json()["items"]
    assert not {i["id"] for i in first} & {i["id"] for i in body["items"]}


@pytest.mark.parametrize(
    "persona,status", [("officer", 200), ("head", 200), ("reviewer", 200), ("outsider", 404)]
)
def test_one_staff_member_follows_the_same_scope(api_for, personas, units, persona, status):
    staff = a_staff_member(units)
    response = api_for(personas[persona]).get(f"/staff/{staff.pk}")
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["full_name"] == staff.full_name
        assert body["unit"]["id"] == units["bhtn"].pk
        assert body["recruited_on"] == staff.recruited_on.isoformat()
        assert body["assignments"][0]["unit"]["id"] == units["bhtn"].pk
    else:
        assert staff.full_name not in response.content.decode()


@pytest.mark.parametrize(
    "persona,status", [("officer", 201), ("head", 201), ("reviewer", 201), ("outsider", 404)]
)
def test_people_who_may_edit_the_unit_add_staff(api_for, personas, units, persona, status):
    data = {
        "unit_id": units["tvgt"].pk,
        "full_name": " Lù Thị Mới ",
        "gender": "nu",
        "birth_date": "1995-04-30",
        "position": "Viên chức",
    }
    response = api_for(personas[persona]).post("/staff/", data)
    assert response.status_code == status
    made = StaffMember.objects.filter(full_name="Lù Thị Mới")
    assert made.exists() == (status == 201)
    if status == 201:
        body = response.json()
        assert body["birth_date"] == "1995-04-30" and body["gender"] == "nu"
        assert len(body["assignments"]) == 1


def test_the_council_secretary_may_view_but_not_add_staff(api_for, council, units):
    api = api_for(council)
    assert api.get("/staff/").status_code == 200
    response = api.post("/staff/", {"unit_id": units["tvgt"].pk, "full_name": "Không Được"})
    assert response.status_code == 403
    assert "quyền" in response.json()["detail"]


def test_a_blank_name_is_a_400_from_the_service(api_for, officer, units):
    response = api_for(officer).post("/staff/", {"unit_id": units["tvgt"].pk, "full_name": "  "})
    assert response.status_code == 400
    assert response.json()["field"] == "full_name"
    assert response.json()["detail"] == "Vui lòng nhập họ và tên."


def test_an_unknown_gender_is_a_422_listing_the_choices(api_for, officer, units):
    data = {"unit_id": units["tvgt"].pk, "full_name": "Ai Đó", "gender": "x"}
    body = api_for(officer).post("/staff/", data).json()
    assert body["field"] == "gender"
    assert "'nam'" in body["detail"] and "'nu'" in body["detail"]


def test_a_body_that_is_not_json_is_a_clear_error(api_for, officer):
    client = api_for(officer).client
    response = client.post("/api/v1/staff/", "{khong phai json", content_type="application/json")
    assert response.status_code in (400, 422)
    assert "JSON" in response.json()["detail"]


def test_an_update_changes_only_the_fields_sent_and_is_audited(api_for, officer, units):
    from danvan.audit.models import AuditEntry

    staff = a_staff_member(units)
    response = api_for(officer).patch(f"/staff/{staff.pk}", {"position": "Phó Trưởng phòng"})
    assert response.status_code == 200
    staff.refresh_from_db()
    assert staff.position == "Phó Trưởng phòng" and staff.full_name == "Phạm Văn Long"
    entry = AuditEntry.objects.filter(object_type="orgunits.staffmember", object_id=str(staff.pk))
    assert entry.first().changes["position"] == ["Trưởng phòng", "Phó Trưởng phòng"]


def test_an_end_date_before_the_start_is_a_400(api_for, officer, units):
    staff = a_staff_member(units)
    response = api_for(officer).patch(
        f"/staff/{staff.pk}", {"active_from": "2020-01-01", "active_to": "2019-01-01"}
    )
    assert response.status_code == 400
    assert response.json()["field"] == "active_to"


def test_a_transfer_keeps_the_history_of_assignments(api_for, officer, units):
    staff = a_staff_member(units)
    response = api_for(officer).post(
        f"/staff/{staff.pk}/transfer",
        {"unit_id": units["tvgt"].pk, "on": "2025-03-01", "position": "Trưởng phòng"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["unit"]["id"] == units["tvgt"].pk
    assert [a["unit"]["id"] for a in body["assignments"]] == [units["bhtn"].pk, units["tvgt"].pk]
    assert body["assignments"][0]["end"] == "2025-02-28"


def test_a_transfer_to_a_unit_of_another_branch_is_a_404(api_for, officer, units):
    staff = a_staff_member(units)
    response = api_for(officer).post(
        f"/staff/{staff.pk}/transfer", {"unit_id": units["syt"].pk, "on": "2025-03-01"}
    )
    assert response.status_code == 404
    assert StaffAssignment.objects.filter(staff=staff).count() == 1


def test_assignments_outside_the_callers_scope_are_not_named(api_for, admin_user, officer, units):
    from danvan.orgunits import services

    staff = StaffMember.objects.get(full_name="Vì Văn Hùng")
    services.transfer_staff(
        admin_user, staff, units["hcth"], __import__("datetime").date(2025, 5, 1)
    )
    body = api_for(officer).get(f"/staff/{staff.pk}").json()
    assert [a["unit"] for a in body["assignments"]][0] is None
    assert body["assignments"][1]["unit"]["id"] == units["hcth"].pk
    assert "Sở Y tế" not in str(body)


@pytest.mark.parametrize(
    "persona,status", [("officer", 403), ("head", 403), ("reviewer", 403), ("outsider", 404)]
)
def test_only_administrators_delete_staff(api_for, personas, units, persona, status):
    staff = a_staff_member(units)
    assert api_for(personas[persona]).delete(f"/staff/{staff.pk}").status_code == status
    assert StaffMember.objects.filter(pk=staff.pk).exists()


def test_an_administrator_deletes_a_staff_member_without_data(api_for, admin_user, units):
    staff = a_staff_member(units)
    assert api_for(admin_user).delete(f"/staff/{staff.pk}").status_code == 204
    assert not StaffMember.objects.filter(pk=staff.pk).exists()


@pytest.mark.parametrize(
    "persona,status", [("officer", 200), ("head", 200), ("reviewer", 200), ("outsider", 404)]
)
def test_people_who_may_edit_the_unit_update_staff(api_for, personas, units, persona, status):
    staff = a_staff_member(units)
    response = api_for(personas[persona]).patch(f"/staff/{staff.pk}", {"code": "CB-001"})
    assert response.status_code == status
    staff.refresh_from_db()
    assert (staff.code == "CB-001") == (status == 200)


@pytest.mark.parametrize(
    "persona,status", [("officer", 200), ("head", 200), ("reviewer", 200), ("outsider", 404)]
)
def test_people_who_may_edit_both_units_transfer_staff(api_for, personas, units, persona, status):
    staff = a_staff_member(units)
    response = api_for(personas[persona]).post(
        f"/staff/{staff.pk}/transfer", {"unit_id": units["hcth"].pk, "on": "2025-03-01"}
    )
    assert response.status_code == status
    staff.refresh_from_db()
    assert (staff.unit_id == units["hcth"].pk) == (status == 200)


@pytest.mark.parametrize("born", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_a_birth_date_outside_1900_to_today_is_refused_by_the_api(api_for, officer, units, born):
    api = api_for(officer)
    response = api.post(
        "/staff/", {"unit_id": units["ttdvvl"].pk, "full_name": "Lò Văn Năm", "birth_date": born}
    )
    assert response.status_code == 400
    assert response.json()["field"] == "birth_date"
    assert "Ngày sinh phải trong khoảng từ 01/01/1900 đến hôm nay" in response.json()["detail"]
    assert not StaffMember.objects.filter(full_name="Lò Văn Năm").exists()
    person = StaffMember.objects.filter(unit=units["ttdvvl"]).first()
    patched = api.patch(f"/staff/{person.pk}", {"birth_date": born})
    assert patched.status_code == 400
