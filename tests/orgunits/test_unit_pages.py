"""The unit pages: tree, detail, create, edit, move, merge, split, close, delete."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from danvan.audit.models import AuditEntry
from danvan.audit.views import history_url
from danvan.orgunits import services as svc
from danvan.orgunits.models import OrgUnit, StaffMember, UnitSuccession

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"orgunits:{name}", args=args)


def errors_of(response):
    form = response.context["form"]
    return [e for errs in form.errors.values() for e in errs]


# --- tree and detail ---------------------------------------------------------------


def test_the_tree_shows_only_the_units_in_the_users_subtree(client_for, officer, units):
    html = client_for(officer).get(url("list")).content.decode()
    assert "Trung tâm Dịch vụ việc làm Sơn La" in html
    assert "Phòng Bảo hiểm thất nghiệp" in html
    assert "Sở Y tế tỉnh Sơn La" not in html
    assert "Tỉnh ủy Sơn La" not in html


def test_the_tree_opens_at_the_top_and_loads_children_on_demand(client_for, admin_user, units):
    client = client_for(admin_user)
    response = client.get(url("list"))
    levels = {r["unit"].pk: r["level"] for r in response.context["rows"] if "unit" in r}
    assert levels[units["ubnd"].pk] == 0
    assert levels[units["sldtbxh"].pk] == 1
    assert units["ttdvvl"].pk not in levels  # two levels down: closed until asked for
    html = response.content.decode()
    assert f'hx-get="{url("unit_children", units["sldtbxh"].pk)}?cap=2"' in html
    kids = client.get(url("unit_children", units["sldtbxh"].pk) + "?cap=2")
    assert {r["unit"].pk: r["level"] for r in kids.context["rows"]}[units["ttdvvl"].pk] == 2
    deeper = client.get(url("unit_children", units["ttdvvl"].pk) + "?cap=3")
    assert 'class="lvl-3"' in deeper.content.decode()
    assert "<html" not in deeper.content.decode()  # a fragment for htmx


def test_children_outside_the_users_scope_are_not_found(client_for, officer, units):
    assert client_for(officer).get(url("unit_children", units["syt"].pk)).status_code == 404


def test_the_tree_finds_a_unit_by_name(client_for, admin_user, units):
    html = client_for(admin_user).get(url("list") + "?q=Bảo hiểm").content.decode()
    assert "Phòng Bảo hiểm thất nghiệp" in html
    assert "thuộc Trung tâm Dịch vụ việc làm Sơn La" in html
    assert "Sở Y tế tỉnh Sơn La" not in html


def test_the_tree_greys_a_merged_unit_and_names_its_successor(client_for, admin_user, units):
    svc.merge_units(
        admin_user, [units["tvgt"], units["bhtn"]], into=units["hcth"], on=dt.date(2025, 7, 1)
    )
    client = client_for(admin_user)
    # merged units are closed and re-parented under their successor
    html = client.get(url("unit_children", units["hcth"].pk) + "?cap=4").content.decode()
    own_link = f'<a href="{url("unit_detail", units["bhtn"].pk)}">'
    row = next(part for part in html.split("<tr") if own_link in part.split("<small")[0])
    assert 'class="closed"' in row and "đã giải thể" in row
    assert "sáp nhập vào" in row and "Phòng Hành chính – Tổng hợp" in row
    assert "30/6/2025" in row
    hidden = client.get(url("unit_children", units["hcth"].pk) + "?cap=4&an_giai_the=1")
    assert own_link not in hidden.content.decode()


def test_the_unit_page_shows_children_staff_and_history_link(client_for, head, unit_admin, units):
    response = client_for(head).get(url("unit_detail", units["ttdvvl"].pk))
    html = response.content.decode()
    assert "Phòng Tư vấn, giới thiệu việc làm" in html
    assert "Trần Văn Dũng" in html
    history = escape(history_url("orgunits.orgunit", units["ttdvvl"].pk))
    assert history not in html  # the log is for admins
    assert url("unit_edit", units["ttdvvl"].pk) not in html  # head is not an admin
    html = client_for(unit_admin).get(url("unit_detail", units["ttdvvl"].pk)).content.decode()
    assert history in html and url("unit_edit", units["ttdvvl"].pk) in html
    assert "quantri.ttdvvl" in html  # users holding roles in the unit


def test_a_unit_outside_the_users_scope_is_not_found(client_for, officer, units):
    assert client_for(officer).get(url("unit_detail", units["syt"].pk)).status_code == 404
    assert client_for(officer).get(url("unit_detail", 999999)).status_code == 404


# --- create ----------------------------------------------------------------------------


def test_an_admin_creates_a_child_unit_and_it_is_audited(client_for, unit_admin, units):
    response = client_for(unit_admin).post(
        url("unit_create_child", units["ttdvvl"].pk),
        {"name": "Phòng Đào tạo", "short_code": "pdt", "kind": "phong", "valid_from": "01/3/2025"},
    )
    unit = OrgUnit.objects.get(name="Phòng Đào tạo")
    assert response.status_code == 302 and response["Location"] == url("unit_detail", unit.pk)
    assert unit.parent == units["ttdvvl"] and unit.short_code == "PDT"
    assert unit.valid_from == dt.date(2025, 3, 1)
    assert unit.path.startswith(units["ttdvvl"].path)
    entry = AuditEntry.objects.get(object_type="orgunits.orgunit", object_id=str(unit.pk))
    assert entry.action == "create" and entry.user == unit_admin
    assert entry.changes["name"] == [None, "Phòng Đào tạo"]


def test_a_duplicate_short_code_is_a_form_error_and_nothing_is_created(
    client_for, unit_admin, units
):
    before = OrgUnit.objects.count()
    response = client_for(unit_admin).post(
        url("unit_create_child", units["ttdvvl"].pk),
        {"name": "Phòng Bảo hiểm mới", "short_code": "BHTN", "kind": "phong"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["short_code"] == [
        "Tên viết tắt “BHTN” đã được dùng cho một đơn vị khác cùng cấp."
    ]
    assert "Phòng Bảo hiểm mới" in response.content.decode()  # what was typed is kept
    assert OrgUnit.objects.count() == before


def test_missing_name_and_malformed_date_are_vietnamese_form_errors(client_for, admin_user, units):
    response = client_for(admin_user).post(
        url("unit_create_child", units["ttdvvl"].pk),
        {"name": "  ", "kind": "khong-co", "valid_from": "31/02/2025"},
    )
    errors = response.context["form"].errors
    assert errors["name"] == ["Vui lòng nhập tên đơn vị."]
    assert errors["kind"] == ["Lựa chọn loại đơn vị không hợp lệ."]
    assert errors["valid_from"] == ["Hiệu lực từ ngày không hợp lệ; hãy nhập ngày dạng 09/3/2022."]


def test_a_non_admin_cannot_create_units(client_for, head, outsider, units):
    response = client_for(head).post(
        url("unit_create_child", units["ttdvvl"].pk), {"name": "X", "kind": "phong"}
    )
    assert response.status_code == 403
    assert client_for(outsider).get(url("unit_create_child", units["ttdvvl"].pk)).status_code == 404
    assert client_for(head).get(url("unit_create")).status_code == 403
    assert not OrgUnit.objects.filter(name="X").exists()


def test_only_a_superuser_creates_a_top_level_unit(client_for, admin_user, unit_admin):
    assert client_for(unit_admin).get(url("unit_create")).status_code == 403
    response = client_for(admin_user).post(
        url("unit_create"),
        {"name": "Mặt trận Tổ quốc tỉnh", "short_code": "MTTQ", "kind": "mat_tran"},
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(short_code="MTTQ").parent is None


# --- edit ------------------------------------------------------------------------------


def test_renaming_keeps_the_former_name(client_for, unit_admin, units):
    hcth = units["hcth"]
    response = client_for(unit_admin).post(
        url("unit_edit", hcth.pk),
        {"name": "Phòng Tổ chức – Hành chính", "short_code": "TCHC", "kind": "phong"},
    )
    assert response.status_code == 302
    hcth.refresh_from_db()
    assert hcth.name == "Phòng Tổ chức – Hành chính"
    assert hcth.former_names.get().name == "Phòng Hành chính – Tổng hợp"
    page = client_for(unit_admin).get(url("unit_detail", hcth.pk)).content.decode()
    assert "Tên gọi trước đây" in page and "Phòng Hành chính – Tổng hợp" in page


def test_renaming_to_a_sibling_code_is_refused(client_for, unit_admin, units):
    response = client_for(unit_admin).post(
        url("unit_edit", units["hcth"].pk),
        {"name": "Phòng Hành chính – Tổng hợp", "short_code": "BHTN", "kind": "phong"},
    )
    assert "short_code" in response.context["form"].errors
    units["hcth"].refresh_from_db()
    assert units["hcth"].short_code == "HCTH"


# --- move ------------------------------------------------------------------------------


def test_an_admin_moves_a_unit_and_its_subtree(client_for, admin_user, units):
    ttdvvl = units["ttdvvl"]
    response = client_for(admin_user).post(url("unit_move", ttdvvl.pk), {"parent": units["snv"].pk})
    assert response.status_code == 302
    units["bhtn"].refresh_from_db()
    ttdvvl.refresh_from_db()
    assert ttdvvl.parent == units["snv"]
    assert units["bhtn"].path.startswith(units["snv"].path)
    assert units["bhtn"].depth == 3


def test_moving_a_unit_into_its_own_subtree_is_a_form_error(client_for, admin_user, units):
    ttdvvl = units["ttdvvl"]
    response = client_for(admin_user).post(
        url("unit_move", ttdvvl.pk), {"parent": units["bhtn"].pk}
    )
    assert response.status_code == 200
    assert "đơn vị cấp dưới" in " ".join(errors_of(response))
    ttdvvl.refresh_from_db()
    assert ttdvvl.parent == units["sldtbxh"]


def test_the_move_service_refuses_the_own_subtree_too(admin_user, units):
    from danvan.core.errors import DomainError

    with pytest.raises(DomainError, match="cấp dưới"):
        svc.move_unit(admin_user, units["ttdvvl"], units["hcth"])


def test_a_unit_admin_can_only_move_among_units_they_administer(client_for, unit_admin, units):
    response = client_for(unit_admin).get(url("unit_move", units["bhtn"].pk))
    choices = set(response.context["form"].fields["parent"].queryset)
    assert units["tvgt"] in choices and units["ttdvvl"] in choices
    assert units["sldtbxh"] not in choices and units["bhtn"] not in choices
    response = client_for(unit_admin).post(
        url("unit_move", units["bhtn"].pk), {"parent": units["syt"].pk}
    )
    assert response.status_code == 200 and "parent" in response.context["form"].errors
    units["bhtn"].refresh_from_db()
    assert units["bhtn"].parent == units["ttdvvl"]


def test_a_unit_admin_gets_404_for_units_above_their_own(client_for, unit_admin, units):
    # the unit admin's role reaches the tree below Trung tâm only
    assert client_for(unit_admin).get(url("unit_move", units["ttdvvl"].pk)).status_code == 200
    assert client_for(unit_admin).get(url("unit_move", units["sldtbxh"].pk)).status_code == 404


def test_the_head_gets_403_on_the_move_page_of_their_own_unit(client_for, head, units):
    assert (
        client_for(head).post(url("unit_move", units["hcth"].pk), {"parent": ""}).status_code == 403
    )


# --- merge -----------------------------------------------------------------------------


def test_merging_two_units_into_a_new_one(client_for, unit_admin, units):
    tvgt, bhtn = units["tvgt"], units["bhtn"]
    response = client_for(unit_admin).post(
        url("unit_merge"),
        {
            "units": [tvgt.pk, bhtn.pk],
            "mode": "new",
            "name": "Phòng Việc làm – Bảo hiểm thất nghiệp",
            "short_code": "VLBH",
            "kind": "phong",
            "on": "2025-07-01",
        },
    )
    new = OrgUnit.objects.get(short_code="VLBH")
    assert response.status_code == 302 and response["Location"] == url("unit_detail", new.pk)
    assert new.parent == units["ttdvvl"] and new.valid_from == dt.date(2025, 7, 1)
    tvgt.refresh_from_db()
    assert tvgt.valid_to == dt.date(2025, 6, 30) and tvgt.parent == new
    assert set(
        UnitSuccession.objects.filter(successor=new).values_list("predecessor", flat=True)
    ) == {
        tvgt.pk,
        bhtn.pk,
    }
    assert StaffMember.objects.filter(unit=new).count() == 6
    page = client_for(unit_admin).get(url("unit_detail", new.pk)).content.decode()
    assert "Tiếp nhận sáp nhập từ" in page and "Phòng Tư vấn, giới thiệu việc làm" in page


def test_merging_into_an_existing_unit(client_for, unit_admin, units):
    response = client_for(unit_admin).post(
        url("unit_merge"),
        {
            "units": [units["bhtn"].pk],
            "mode": "existing",
            "into": units["tvgt"].pk,
            "on": "2025-07-01",
        },
    )
    assert response.status_code == 302
    units["bhtn"].refresh_from_db()
    assert units["bhtn"].valid_to == dt.date(2025, 6, 30)
    assert UnitSuccession.objects.get(predecessor=units["bhtn"]).successor == units["tvgt"]


def test_merging_needs_two_units_a_name_and_a_date(client_for, unit_admin, units):
    response = client_for(unit_admin).post(
        url("unit_merge"), {"units": [units["bhtn"].pk], "mode": "new", "on": "hôm qua"}
    )
    errors = response.context["form"].errors
    assert errors["units"] == ["Cần chọn ít nhất hai đơn vị để sáp nhập."]
    assert errors["name"] == ["Vui lòng nhập tên đơn vị mới."]
    assert "on" in errors
    assert not UnitSuccession.objects.exists()


def test_merging_units_outside_ones_admin_scope_is_refused(client_for, unit_admin, units):
    response = client_for(unit_admin).post(
        url("unit_merge"),
        {
            "units": [units["bhtn"].pk, units["syt"].pk],
            "mode": "new",
            "name": "X",
            "kind": "phong",
            "on": "2025-07-01",
        },
    )
    assert response.status_code == 200 and "units" in response.context["form"].errors
    assert not UnitSuccession.objects.exists()


def test_a_non_admin_cannot_open_the_merge_page(client_for, head):
    assert client_for(head).get(url("unit_merge")).status_code == 403


# --- split -----------------------------------------------------------------------------


def test_splitting_a_unit_into_two_new_units(client_for, unit_admin, units):
    tvgt = units["tvgt"]
    data = {
        "on": "2025-09-01",
        "part-TOTAL_FORMS": "3",
        "part-INITIAL_FORMS": "0",
        "part-0-name": "Phòng Tư vấn việc làm",
        "part-0-short_code": "TVVL",
        "part-0-kind": "phong",
        "part-1-name": "Phòng Giới thiệu việc làm",
        "part-1-short_code": "GTVL",
        "part-1-kind": "phong",
        "part-2-name": "",
        "part-2-short_code": "",
        "part-2-kind": "phong",
    }
    response = client_for(unit_admin).post(url("unit_split", tvgt.pk), data)
    assert response.status_code == 302
    tvgt.refresh_from_db()
    assert tvgt.valid_to == dt.date(2025, 8, 31)
    made = OrgUnit.objects.filter(predecessions__predecessor=tvgt)
    assert {u.short_code for u in made} == {"TVVL", "GTVL"}
    assert StaffMember.objects.filter(unit__short_code="TVVL").count() == 3


def test_splitting_into_one_unit_is_refused(client_for, unit_admin, units):
    data = {
        "on": "2025-09-01",
        "part-TOTAL_FORMS": "2",
        "part-INITIAL_FORMS": "0",
        "part-0-name": "Phòng Tư vấn việc làm",
        "part-0-kind": "phong",
        "part-1-name": "",
        "part-1-kind": "phong",
    }
    response = client_for(unit_admin).post(url("unit_split", units["tvgt"].pk), data)
    assert response.status_code == 200
    assert "ít nhất hai đơn vị mới" in response.content.decode()
    units["tvgt"].refresh_from_db()
    assert units["tvgt"].valid_to is None


# --- close and delete ----------------------------------------------------------------


def test_closing_a_unit_that_still_has_staff_is_refused(client_for, unit_admin, units):
    response = client_for(unit_admin).post(
        url("unit_close", units["bhtn"].pk), {"on": "2025-12-31"}
    )
    assert response.status_code == 200
    assert "còn cán bộ đang công tác" in " ".join(errors_of(response))
    units["bhtn"].refresh_from_db()
    assert units["bhtn"].valid_to is None


def test_closing_an_empty_unit_records_the_date(client_for, unit_admin, units, admin_user):
    unit = svc.create_unit(admin_user, parent=units["ttdvvl"], name="Tổ công tác", kind="khac")
    response = client_for(unit_admin).post(
        url("unit_close", unit.pk), {"on": "31/12/2025", "note": "Quyết định số 12/QĐ-TTDVVL"}
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.valid_to == dt.date(2025, 12, 31) and "12/QĐ-TTDVVL" in unit.note
    # a closed unit cannot be closed or moved again
    again = client_for(unit_admin).post(url("unit_close", unit.pk), {"on": "2026-01-31"})
    assert again.status_code == 302
    unit.refresh_from_db()
    assert unit.valid_to == dt.date(2025, 12, 31)


def test_deleting_a_unit_with_staff_is_refused_with_a_message(client_for, unit_admin, units):
    response = client_for(unit_admin).post(url("unit_delete", units["bhtn"].pk), follow=True)
    assert OrgUnit.objects.filter(pk=units["bhtn"].pk).exists()
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "Không thể xóa đơn vị còn cán bộ; hãy điều chuyển cán bộ hoặc giải thể đơn vị."
    ]


def test_deleting_an_empty_unit(client_for, unit_admin, units, admin_user):
    unit = svc.create_unit(admin_user, parent=units["ttdvvl"], name="Nhập nhầm", kind="khac")
    response = client_for(unit_admin).post(url("unit_delete", unit.pk))
    assert response.status_code == 302 and response["Location"] == url(
        "unit_detail", units["ttdvvl"].pk
    )
    assert not OrgUnit.objects.filter(pk=unit.pk).exists()
    assert AuditEntry.objects.filter(object_id=str(unit.pk), action="delete").exists()


def test_a_non_admin_cannot_delete_or_close(client_for, head, outsider, units):
    assert client_for(head).post(url("unit_delete", units["hcth"].pk)).status_code == 403
    assert (
        client_for(head).post(url("unit_close", units["hcth"].pk), {"on": "2025-12-31"}).status_code
        == 403
    )
    assert client_for(outsider).post(url("unit_delete", units["hcth"].pk)).status_code == 404
    assert OrgUnit.objects.filter(pk=units["hcth"].pk, valid_to__isnull=True).exists()
