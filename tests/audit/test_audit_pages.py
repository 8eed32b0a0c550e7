"""“Nhật ký thay đổi”: per object, per user, filters, scope, readable before → after."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.accounts import services as account_services
from danvan.audit.models import AuditEntry
from danvan.audit.views import history_url
from danvan.orgunits import services as unit_services

pytestmark = pytest.mark.django_db


def changes_of(response):
    return [
        (c["field"], c["before"], c["after"])
        for r in response.context["rows"]
        for c in r["changes"]
    ]


def test_non_admins_cannot_read_the_log(client_for, officer, head, reviewer, outsider, units):
    for user in (officer, head, reviewer, outsider):
        c = client_for(user)
        assert c.get(reverse("audit:index")).status_code == 403
        assert c.get(history_url("orgunits.orgunit", units["ttdvvl"].pk)).status_code == 403
        assert c.get(reverse("audit:user", args=[user.pk])).status_code == 403


def test_a_units_history_shows_each_changed_field_before_and_after(client_for, admin_user, units):
    hcth = units["hcth"]
    unit_services.update_unit(
        admin_user,
        hcth,
        name="Phòng Tổ chức – Hành chính",
        kind="ban",
        valid_from=dt.date(2021, 3, 9),
    )
    unit_services.move_unit(admin_user, hcth, units["sldtbxh"])
    response = client_for(admin_user).get(history_url("orgunits.orgunit", hcth.pk))
    assert response.status_code == 200
    rows = changes_of(response)
    assert ("Tên đơn vị", "Phòng Hành chính – Tổng hợp", "Phòng Tổ chức – Hành chính") in rows
    assert ("Loại đơn vị", "Phòng", "Ban") in rows
    assert ("Hiệu lực từ", "01/1/2020", "09/3/2021") in rows
    assert (
        "Cơ quan chủ quản",
        "Trung tâm Dịch vụ việc làm Sơn La",
        "Sở Lao động – Thương binh và Xã hội tỉnh Sơn La",
    ) in rows
    assert not any(field.lower() == "path" for field, _, _ in rows)
    verbs = [r["verb"] for r in response.context["rows"]]
    assert verbs[:2] == ["Chuyển đơn vị cấp trên", "Sửa thông tin, đổi tên"]
    assert {r["e"].object_id for r in response.context["rows"]} == {str(hcth.pk)}
    html = response.content.decode()
    assert "Lịch sử thay đổi: Phòng Tổ chức – Hành chính" in html


def test_a_merge_names_the_receiving_unit(client_for, admin_user, units):
    unit_services.merge_units(
        admin_user, [units["bhtn"]], into=units["tvgt"], on=dt.date(2025, 7, 1)
    )
    response = client_for(admin_user).get(history_url("orgunits.orgunit", units["bhtn"].pk))
    rows = changes_of(response)
    assert ("Đơn vị tiếp nhận", "", "Phòng Tư vấn, giới thiệu việc làm") in rows
    assert ("Hiệu lực đến", "—", "30/6/2025") in rows


def test_a_staff_transfer_shows_the_units_by_name(client_for, unit_admin, units, admin_user):
    person = units["tvgt"].staff.get(full_name="Lê Văn Nam")
    unit_services.transfer_staff(admin_user, person, units["bhtn"], dt.date(2025, 7, 1))
    response = client_for(unit_admin).get(history_url("orgunits.staffmember", person.pk))
    assert (
        "Đơn vị hiện tại",
        "Phòng Tư vấn, giới thiệu việc làm",
        "Phòng Bảo hiểm thất nghiệp",
    ) in changes_of(response)
    assert response.context["rows"][0]["verb"] == "Điều chuyển"


def test_a_password_reset_shows_as_an_action_without_values(client_for, admin_user, officer):
    account_services.reset_password(admin_user, officer, "Moi@2026abc")
    response = client_for(admin_user).get(history_url("auth.user", officer.pk))
    row = response.context["rows"][0]
    assert row["verb"] == "Đặt lại mật khẩu" and row["changes"] == []
    assert "Moi@2026abc" not in response.content.decode()


def test_a_unit_admin_sees_only_entries_of_their_subtree(client_for, unit_admin, admin_user, units):
    unit_services.update_unit(admin_user, units["syt"], note="Ghi chú mới")
    unit_services.update_unit(admin_user, units["bhtn"], note="Ghi chú BHTN")
    response = client_for(unit_admin).get(reverse("audit:index"), {"trang": 1})
    seen_units = {r["e"].unit_id for r in response.context["rows"]}
    allowed = set(
        units["ttdvvl"].__class__.objects.subtree_of(units["ttdvvl"]).values_list("pk", flat=True)
    )
    assert seen_units <= allowed
    total = response.context["page"].paginator.count
    assert total == AuditEntry.objects.filter(unit_id__in=allowed).count()
    assert (
        client_for(unit_admin)
        .get(history_url("orgunits.orgunit", units["syt"].pk))
        .context["page"]
        .paginator.count
        == 0
    )
    assert (
        client_for(admin_user).get(reverse("audit:index")).context["page"].paginator.count
        == AuditEntry.objects.count()
    )


def test_entries_per_user_list_what_that_user_did(client_for, admin_user, unit_admin, units):
    unit_services.update_unit(unit_admin, units["bhtn"], note="Do quản trị Trung tâm ghi")
    response = client_for(admin_user).get(reverse("audit:user", args=[unit_admin.pk]))
    assert [r["e"].user for r in response.context["rows"]] == [unit_admin]
    assert "Thao tác của Quản trị" in response.content.decode()
    # a unit admin may look at themselves and at users in their scope, not others
    assert (
        client_for(unit_admin).get(reverse("audit:user", args=[unit_admin.pk])).status_code == 200
    )
    assert (
        client_for(unit_admin).get(reverse("audit:user", args=[admin_user.pk])).status_code == 404
    )


def test_filters_by_action_type_and_date(client_for, admin_user, units):
    unit_services.update_unit(admin_user, units["bhtn"], note="Sửa")
    old = unit_services.update_unit(admin_user, units["tvgt"], note="Sửa cũ")
    AuditEntry.objects.filter(object_id=str(old.pk), action="update").update(
        at=timezone.make_aware(dt.datetime(2024, 5, 2, 9, 0))
    )
    c = client_for(admin_user)
    updates = c.get(reverse("audit:index"), {"thao_tac": "update"}).context["rows"]
    assert {r["e"].object_id for r in updates} == {str(units["bhtn"].pk), str(units["tvgt"].pk)}
    staff = c.get(reverse("audit:index"), {"loai": "orgunits.staffmember"}).context["rows"]
    assert staff and all(r["e"].object_type == "orgunits.staffmember" for r in staff)
    in_2024 = c.get(reverse("audit:index"), {"tu": "01/5/2024", "den": "31/5/2024"}).context["rows"]
    assert [r["e"].object_id for r in in_2024] == [str(units["tvgt"].pk)]


def test_malformed_filters_are_reported_not_crashed(client_for, admin_user):
    response = client_for(admin_user).get(
        reverse("audit:index"), {"tu": "32/13/2024", "den": "", "thao_tac": "xoa-het"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["tu"] == ["Từ ngày không hợp lệ; hãy nhập ngày dạng 09/3/2022."]
    assert errors["thao_tac"] == ["Lựa chọn loại thay đổi không hợp lệ."]
    reversed_range = client_for(admin_user).get(
        reverse("audit:index"), {"tu": "2025-02-01", "den": "2025-01-01"}
    )
    assert reversed_range.context["form"].errors["den"] == ["“Đến ngày” phải sau “Từ ngày”."]


def test_the_log_is_paginated(client_for, admin_user, units):
    for i in range(30):
        unit_services.update_unit(admin_user, units["bhtn"], note=f"Lần {i}")
    c = client_for(admin_user)
    url = history_url("orgunits.orgunit", units["bhtn"].pk)
    first = c.get(url)
    assert len(first.context["rows"]) == 25 and first.context["page"].paginator.num_pages == 2
    second = c.get(url + "&trang=2")
    assert len(second.context["rows"]) == 6  # 5 more notes and the creation
    assert second.context["rows"][-1]["e"].action == "create"
    assert "trang=2" in first.content.decode()


def test_the_object_page_needs_an_object(client_for, admin_user):
    assert client_for(admin_user).get(reverse("audit:object")).status_code == 404


def test_the_log_sorts_on_the_server_across_pages(client_for, admin_user, units):
    for i in range(30):
        unit_services.update_unit(admin_user, units["bhtn"], note=f"Lần {i}")
    c = client_for(admin_user)
    url = history_url("orgunits.orgunit", units["bhtn"].pk)
    newest = [r["e"].pk for r in c.get(url).context["rows"]]
    oldest = c.get(url + "&sap_xep=thoi_diem")
    assert oldest.context["rows"][0]["e"].action == "create"  # the creation comes first
    ids = [r["e"].pk for r in oldest.context["rows"]]
    ids += [r["e"].pk for r in c.get(url + "&sap_xep=thoi_diem&trang=2").context["rows"]]
    assert ids == sorted(ids) and newest == sorted(ids, reverse=True)[:25]
    by_action = [r["e"].action for r in c.get(url + "&sap_xep=thao_tac").context["rows"]]
    assert by_action == sorted(by_action) and by_action[0] == "create"
    html = oldest.content.decode()
    assert 'aria-sort="ascending"' in html and "sap_xep=-thoi_diem" in html
