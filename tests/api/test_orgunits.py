"""/api/v1/orgunits/: the org tree as the pages show it, writes through the services."""

import datetime as dt

import pytest

from danvan.orgunits import services
from danvan.orgunits.models import OrgUnit, UnitKind

BRANCH = {"ttdvvl", "hcth", "tvgt", "bhtn"}
VISIBLE = {
    "officer": BRANCH,
    "head": BRANCH,
    "reviewer": BRANCH | {"sldtbxh", "ttbtxh"},
    "outsider": {"syt"},
}


def keys_of(response, units):
    by_id = {u.pk: k for k, u in units.items()}
    return {by_id[item["id"]] for item in response.json()["items"]}


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_each_persona_lists_exactly_the_units_of_their_subtree(api_for, personas, units, persona):
    response = api_for(personas[persona]).get("/orgunits/")
    assert response.status_code == 200
    assert keys_of(response, units) == VISIBLE[persona]
    assert response.json()["count"] == len(VISIBLE[persona])


def test_an_administrator_lists_the_whole_tree_in_tree_order(api_for, admin_user, units):
    body = api_for(admin_user).get("/orgunits/").json()
    assert body["count"] == OrgUnit.objects.count()
    paths = [OrgUnit.objects.get(pk=i["id"]).path for i in body["items"]]
    assert paths == sorted(paths)


@pytest.mark.parametrize(
    "persona,status", [("officer", 200), ("head", 200), ("reviewer", 200), ("outsider", 404)]
)
def test_the_unit_detail_follows_the_same_scope(api_for, personas, units, persona, status):
    response = api_for(personas[persona]).get(f"/orgunits/{units['tvgt'].pk}")
    assert response.status_code == status
    if status == 404:
        body = response.json()
        assert body["detail"] == "Không tìm thấy hoặc bạn không có quyền xem."
        assert "Tư vấn" not in response.content.decode()


def test_the_detail_names_the_parent_depth_and_ancestors_within_scope(api_for, personas, units):
    body = api_for(personas["reviewer"]).get(f"/orgunits/{units['tvgt'].pk}").json()
    assert body["name"] == "Phòng Tư vấn, giới thiệu việc làm"
    assert body["kind"] == "phong" and body["kind_label"] == "Phòng"
    assert body["depth"] == 3
    assert body["parent"]["id"] == units["ttdvvl"].pk
    assert body["parent_id"] == units["ttdvvl"].pk
    # The reviewer sees Sở LĐTBXH and the centre, not the UBND above them.
    assert [a["id"] for a in body["ancestors"]] == [units["sldtbxh"].pk, units["ttdvvl"].pk]
    assert body["valid_from"] == "2020-01-01"


def test_a_unit_at_the_top_of_the_callers_scope_shows_no_parent(api_for, personas, units):
    body = api_for(personas["officer"]).get(f"/orgunits/{units['ttdvvl'].pk}").json()
    assert body["parent"] is None and body["parent_id"] is None
    assert body["ancestors"] == []
    assert body["children_count"] == 3
    listed = api_for(personas["officer"]).get("/orgunits/").json()["items"]
    top = next(i for i in listed if i["id"] == units["ttdvvl"].pk)
    assert top["parent_id"] is None
    child = next(i for i in listed if i["id"] == units["bhtn"].pk)
    assert child["parent_id"] == units["ttdvvl"].pk


def test_the_detail_shows_the_lineage_of_merged_units(api_for, admin_user, personas, units):
    merged = services.merge_units(
        admin_user,
        [units["tvgt"], units["bhtn"]],
        on=dt.date(2025, 7, 1),
        name="Phòng Việc làm – Bảo hiểm thất nghiệp",
        kind=UnitKind.PHONG,
        short_code="VLBHTN",
    )
    officer = api_for(personas["officer"])
    body = officer.get(f"/orgunits/{merged.pk}").json()
    assert {p["unit"]["id"] for p in body["predecessors"]} == {units["tvgt"].pk, units["bhtn"].pk}
    assert {p["kind"] for p in body["predecessors"]} == {"merge"}
    assert body["predecessors"][0]["on"] == "2025-07-01"
    old = officer.get(f"/orgunits/{units['tvgt'].pk}").json()
    assert [s["unit"]["id"] for s in old["successors"]] == [merged.pk]
    assert old["is_active"] is False and old["valid_to"] == "2025-06-30"


def test_the_list_filters_by_kind_activity_and_subtree(api_for, admin_user, units):
    api = api_for(admin_user)
    assert keys_of(api.get("/orgunits/", {"kind": "phong"}), units) == {"hcth", "tvgt", "bhtn"}
    assert keys_of(api.get("/orgunits/", {"under": units["sldtbxh"].pk}), units) == BRANCH | {
        "sldtbxh",
        "ttbtxh",
    }
    services.close_unit(admin_user, units["ttbtxh"], dt.date(2024, 12, 31))
    closed = api.get("/orgunits/", {"active": "false"})
    assert keys_of(closed, units) == {"ttbtxh"}
    active = api.get("/orgunits/", {"active": "true", "under": units["sldtbxh"].pk})
    assert "ttbtxh" not in keys_of(active, units)
    assert keys_of(api.get("/orgunits/", {"q": "tvgtvl"}), units) == {"tvgt"}


def test_filtering_under_a_unit_of_another_branch_is_a_404(api_for, personas, units):
    response = api_for(personas["outsider"]).get("/orgunits/", {"under": units["ttdvvl"].pk})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "persona,status", [("officer", 200), ("head", 200), ("reviewer", 200), ("outsider", 404)]
)
def test_the_subtree_lists_a_unit_and_everything_below_it(
    api_for, personas, units, persona, status
):
    response = api_for(personas[persona]).get(f"/orgunits/{units['ttdvvl'].pk}/subtree")
    assert response.status_code == status
    if status == 200:
        assert keys_of(response, units) == BRANCH
        assert [i["depth"] for i in response.json()["items"]] == [2, 3, 3, 3]


def test_the_subtree_keeps_to_the_callers_scope(api_for, personas, units):
    response = api_for(personas["officer"]).get(f"/orgunits/{units['sldtbxh'].pk}/subtree")
    assert response.status_code == 404


# -- writes ---------------------------------------------------------------------------


def new_unit(parent):
    return {
        "parent_id": parent.pk,
        "kind": "phong",
        "name": "Phòng Thông tin thị trường lao động",
        "short_code": "tttlđ",
    }


def test_an_administrator_creates_a_unit_and_the_audit_log_has_it(api_for, admin_user, units):
    response = api_for(admin_user).post("/orgunits/", new_unit(units["ttdvvl"]))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["short_code"] == "TTTLĐ"
    assert body["parent"]["id"] == units["ttdvvl"].pk and body["depth"] == 3
    unit = OrgUnit.objects.get(pk=body["id"])
    assert unit.path.startswith(units["ttdvvl"].path)
    from danvan.audit.models import AuditEntry

    assert AuditEntry.objects.filter(
        object_type="orgunits.orgunit", object_id=str(unit.pk)
    ).exists()


@pytest.mark.parametrize(
    "persona,status", [("officer", 403), ("head", 403), ("reviewer", 403), ("outsider", 404)]
)
def test_only_administrators_create_units(api_for, personas, units, persona, status):
    before = OrgUnit.objects.count()
    response = api_for(personas[persona]).post("/orgunits/", new_unit(units["ttdvvl"]))
    assert response.status_code == status
    assert "quyền" in response.json()["detail"]
    assert OrgUnit.objects.count() == before


def test_a_duplicate_short_code_is_a_400_naming_the_field(api_for, admin_user, units):
    data = {**new_unit(units["ttdvvl"]), "short_code": "BHTN"}
    response = api_for(admin_user).post("/orgunits/", data)
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "short_code"
    assert body["detail"] == "Tên viết tắt “BHTN” đã được dùng cho một đơn vị khác cùng cấp."


def test_an_unknown_kind_is_a_400_from_the_service(api_for, admin_user, units):
    response = api_for(admin_user).post("/orgunits/", {**new_unit(units["ttdvvl"]), "kind": "xyz"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Loại đơn vị không hợp lệ.",
        "field": "kind",
        "code": "invalid",
    }


def test_a_missing_name_is_a_422_naming_the_field_in_vietnamese(api_for, admin_user, units):
    data = new_unit(units["ttdvvl"])
    del data["name"]
    response = api_for(admin_user).post("/orgunits/", data)
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "name"
    assert body["detail"] == "Dữ liệu không hợp lệ: trường “name” bắt buộc phải có."
    assert body["errors"] == [{"field": "name", "location": "body", "message": "bắt buộc phải có"}]


def test_a_malformed_date_is_a_422_with_an_example(api_for, admin_user, units):
    data = {**new_unit(units["ttdvvl"]), "valid_from": "09/3/2022"}
    body = api_for(admin_user).post("/orgunits/", data).json()
    assert body["field"] == "valid_from"
    assert "YYYY-MM-DD" in body["detail"]


def test_an_administrator_renames_a_unit_and_the_old_name_is_kept(api_for, admin_user, units):
    api = api_for(admin_user)
    response = api.patch(f"/orgunits/{units['hcth'].pk}", {"name": "Văn phòng Trung tâm"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["name"] == "Văn phòng Trung tâm"
    assert body["short_code"] == "HCTH"  # untouched: PATCH changes only what is sent
    assert body["former_names"][0]["name"] == "Phòng Hành chính – Tổng hợp"


@pytest.mark.parametrize(
    "persona,status", [("officer", 403), ("head", 403), ("reviewer", 403), ("outsider", 404)]
)
def test_only_administrators_update_units(api_for, personas, units, persona, status):
    response = api_for(personas[persona]).patch(f"/orgunits/{units['hcth'].pk}", {"name": "X"})
    assert response.status_code == status
    assert OrgUnit.objects.get(pk=units["hcth"].pk).name == "Phòng Hành chính – Tổng hợp"


def test_an_administrator_moves_a_unit_and_its_subtree(api_for, admin_user, units):
    api = api_for(admin_user)
    response = api.post(f"/orgunits/{units['ttdvvl'].pk}/move", {"parent_id": units["snv"].pk})
    assert response.status_code == 200, response.content
    assert response.json()["parent"]["id"] == units["snv"].pk
    assert OrgUnit.objects.get(pk=units["bhtn"].pk).path.startswith(units["snv"].path)


def test_moving_a_unit_under_itself_is_a_400(api_for, admin_user, units):
    response = api_for(admin_user).post(
        f"/orgunits/{units['ttdvvl'].pk}/move", {"parent_id": units["bhtn"].pk}
    )
    assert response.status_code == 400
    assert "chính nó" in response.json()["detail"]


def test_closing_a_unit_with_staff_is_a_400_and_changes_nothing(api_for, admin_user, units):
    response = api_for(admin_user).post(f"/orgunits/{units['bhtn'].pk}/close", {"on": "2025-01-01"})
    assert response.status_code == 400
    assert "cán bộ" in response.json()["detail"]
    assert OrgUnit.objects.get(pk=units["bhtn"].pk).valid_to is None


def test_an_administrator_closes_an_empty_unit(api_for, admin_user, units):
    unit = services.create_unit(admin_user, parent=units["ttdvvl"], kind="phong", name="Tổ tạm")
    response = api_for(admin_user).post(
        f"/orgunits/{unit.pk}/close", {"on": "2025-01-01", "note": "Hết nhiệm vụ"}
    )
    assert response.status_code == 200
    assert response.json()["valid_to"] == "2025-01-01"
    assert response.json()["is_active"] is False


def test_deleting_a_unit_with_staff_is_refused_and_an_empty_one_goes(api_for, admin_user, units):
    api = api_for(admin_user)
    assert api.delete(f"/orgunits/{units['bhtn'].pk}").status_code == 400
    unit = services.create_unit(admin_user, parent=units["ttdvvl"], kind="phong", name="Tổ nhầm")
    assert api.delete(f"/orgunits/{unit.pk}").status_code == 204
    assert not OrgUnit.objects.filter(pk=unit.pk).exists()


def test_a_non_numeric_id_is_a_422_not_a_page(api_for, officer):
    response = api_for(officer).get("/orgunits/abc")
    assert response.status_code == 422
    assert response.json()["field"] == "unit_id"
    assert "số nguyên" in response.json()["detail"]


def test_a_dissolved_unit_takes_no_new_children_and_cannot_move(api_for, admin_user, units):
    unit = services.create_unit(admin_user, parent=units["ttdvvl"], kind="phong", name="Tổ cũ")
    services.close_unit(admin_user, unit, dt.date(2024, 1, 1))
    api = api_for(admin_user)
    response = api.post("/orgunits/", {"parent_id": unit.pk, "kind": "phong", "name": "Tổ con"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Đơn vị “Tổ cũ” đã giải thể; không thể thực hiện thao tác."
    assert response.json()["code"] == "closed"
    assert api.post(f"/orgunits/{unit.pk}/move", {"parent_id": units["snv"].pk}).status_code == 400
    assert api.post(f"/orgunits/{unit.pk}/close", {"on": "2025-01-01"}).status_code == 400


def test_rights_are_checked_before_the_state_of_the_unit(api_for, admin_user, officer, units):
    unit = services.create_unit(admin_user, parent=units["ttdvvl"], kind="phong", name="Tổ cũ")
    services.close_unit(admin_user, unit, dt.date(2024, 1, 1))
    response = api_for(officer).post(f"/orgunits/{unit.pk}/close", {"on": "2025-01-01"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Bạn không có quyền quản trị đối với đơn vị này."


@pytest.mark.parametrize(
    "persona,status", [("officer", 403), ("head", 403), ("reviewer", 403), ("outsider", 404)]
)
def test_only_administrators_move_or_close_units(
    api_for, admin_user, personas, units, persona, status
):
    unit = services.create_unit(admin_user, parent=units["ttdvvl"], kind="phong", name="Tổ thử")
    api = api_for(personas[persona])
    assert (
        api.post(f"/orgunits/{unit.pk}/move", {"parent_id": units["hcth"].pk}).status_code == status
    )
    assert api.post(f"/orgunits/{unit.pk}/close", {"on": "2025-01-01"}).status_code == status
    assert api.delete(f"/orgunits/{unit.pk}").status_code == status
    unit.refresh_from_db()
    assert unit.parent_id == units["ttdvvl"].pk and unit.valid_to is None
