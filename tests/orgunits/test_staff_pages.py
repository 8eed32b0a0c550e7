"""The staff pages: list, create, edit, transfer with history, end of service."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.orgunits.models import StaffMember

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"orgunits:{name}", args=args)


def staff(name):
    return StaffMember.objects.get(full_name=name)


def test_the_staff_list_is_scoped_to_the_users_units(client_for, officer, outsider):
    html = client_for(officer).get(url("staff_list")).content.decode()
    assert "Bạc Thị Nga" in html and "Vì Văn Hùng" not in html
    html = client_for(outsider).get(url("staff_list")).content.decode()
    assert "Vì Văn Hùng" in html and "Bạc Thị Nga" not in html


def test_the_staff_list_filters_by_unit_and_name(client_for, officer, outsider, units):
    response = client_for(officer).get(url("staff_list"), {"don_vi": units["bhtn"].pk})
    assert {s.full_name for s in response.context["page"]} == {
        "Phạm Văn Long",
        "Bạc Thị Nga",
        "Tòng Văn Sơn",
    }
    response = client_for(officer).get(url("staff_list"), {"q": "Nga"})
    assert [s.full_name for s in response.context["page"]] == ["Bạc Thị Nga"]
    # filtering by a unit outside one's scope is a 404, not an empty list
    assert (
        client_for(outsider).get(url("staff_list"), {"don_vi": units["bhtn"].pk}).status_code == 404
    )


def test_an_officer_adds_a_staff_member_with_a_first_assignment(client_for, officer, units):
    response = client_for(officer).post(
        url("staff_create"),
        {
            "unit": units["tvgt"].pk,
            "full_name": "  Lò Văn Tân ",
            "gender": "nam",
            "position": "Viên chức",
            "active_from": "2025-03-01",
        },
    )
    person = staff("Lò Văn Tân")
    assert response.status_code == 302 and response["Location"] == url("staff_detail", person.pk)
    assignment = person.assignments.get()
    assert assignment.unit == units["tvgt"] and assignment.start == dt.date(2025, 3, 1)
    assert AuditEntry.objects.filter(
        object_type="orgunits.staffmember", object_id=str(person.pk)
    ).exists()


def test_adding_staff_without_a_name_or_in_a_foreign_unit_is_a_form_error(
    client_for, officer, units
):
    response = client_for(officer).post(
        url("staff_create"), {"unit": units["syt"].pk, "full_name": "", "birth_date": "2030-01-01"}
    )
    errors = response.context["form"].errors
    assert errors["full_name"] == ["Vui lòng nhập họ và tên."]
    assert errors["unit"] == ["Lựa chọn đơn vị không hợp lệ."]
    assert errors["birth_date"] == [
        "Ngày sinh phải trong khoảng từ 01/01/1900 đến hôm nay (đã nhập 01/01/2030)."
    ]


def test_the_council_secretary_may_view_but_not_edit_staff(client_for, council):
    person = staff("Bạc Thị Nga")
    c = client_for(council)
    assert c.get(url("staff_detail", person.pk)).status_code == 200
    assert c.post(url("staff_edit", person.pk), {"full_name": "X"}).status_code == 403
    assert c.get(url("staff_create")).status_code == 403
    person.refresh_from_db()
    assert person.full_name == "Bạc Thị Nga"


def test_an_outsider_gets_404_for_staff_of_another_branch(client_for, outsider):
    person = staff("Bạc Thị Nga")
    c = client_for(outsider)
    for name in ("staff_detail", "staff_edit", "staff_transfer", "staff_end"):
        assert c.get(url(name, person.pk)).status_code == 404


def test_the_head_edits_a_staff_member_and_the_change_is_audited(client_for, head):
    person = staff("Bạc Thị Nga")
    response = client_for(head).post(
        url("staff_edit", person.pk),
        {"full_name": "Bạc Thị Nga", "position": "Phó Trưởng phòng", "code": "VC-016"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.position == "Phó Trưởng phòng"
    entry = AuditEntry.objects.filter(object_id=str(person.pk), action="update").get()
    assert entry.changes["position"] == ["Viên chức", "Phó Trưởng phòng"]
    assert entry.changes["code"] == ["", "VC-016"]


def test_a_transfer_keeps_the_assignment_history(client_for, head, units):
    person = staff("Lê Văn Nam")
    response = client_for(head).post(
        url("staff_transfer", person.pk),
        {"to": units["bhtn"].pk, "on": "01/7/2025", "position": "Phó Trưởng phòng"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.unit == units["bhtn"] and person.position == "Phó Trưởng phòng"
    old, new = person.assignments.order_by("start")
    assert old.unit == units["tvgt"] and old.end == dt.date(2025, 6, 30)
    assert new.unit == units["bhtn"] and new.end is None
    page = client_for(head).get(url("staff_detail", person.pk)).content.decode()
    assert "Quá trình công tác" in page
    assert page.index("Phòng Bảo hiểm thất nghiệp") < page.index(
        "Phòng Tư vấn, giới thiệu việc làm"
    )
    assert "30/6/2025" in page


def test_a_transfer_out_of_ones_scope_or_back_in_time_is_refused(client_for, head, units):
    person = staff("Lê Văn Nam")
    response = client_for(head).post(
        url("staff_transfer", person.pk), {"to": units["syt"].pk, "on": "2025-07-01"}
    )
    assert "to" in response.context["form"].errors
    response = client_for(head).post(
        url("staff_transfer", person.pk), {"to": units["bhtn"].pk, "on": "2019-01-01"}
    )
    assert response.context["form"].errors["on"] == [
        "Ngày điều chuyển phải sau ngày bắt đầu ở đơn vị hiện tại."
    ]
    person.refresh_from_db()
    assert person.unit == units["tvgt"] and person.assignments.count() == 1


def test_end_of_service_closes_the_current_assignment(client_for, officer):
    person = staff("Tòng Văn Sơn")
    response = client_for(officer).post(url("staff_end", person.pk), {"on": "2025-12-31"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.active_to == dt.date(2025, 12, 31)
    assert person.assignments.get().end == dt.date(2025, 12, 31)
    listed = client_for(officer).get(url("staff_list")).context["page"]
    assert person not in list(listed)


def test_end_of_service_before_the_start_is_refused(client_for, officer):
    person = staff("Tòng Văn Sơn")
    response = client_for(officer).post(url("staff_end", person.pk), {"on": "2001-01-01"})
    assert response.context["form"].errors["on"] == [
        "Ngày kết thúc công tác phải sau ngày bắt đầu."
    ]
    person.refresh_from_db()
    assert person.active_to is None


def test_only_an_admin_deletes_a_staff_member(client_for, officer, unit_admin):
    person = staff("Đỗ Thị Hằng")
    assert client_for(officer).post(url("staff_delete", person.pk)).status_code == 403
    response = client_for(unit_admin).post(url("staff_delete", person.pk))
    assert response.status_code == 302
    assert not StaffMember.objects.filter(pk=person.pk).exists()


@pytest.mark.parametrize("born", ["01/01/0001", "31/12/1899", "31/12/9999"])
def test_a_birth_date_outside_1900_to_today_is_refused_in_the_form(
    client_for, officer, units, born
):
    response = client_for(officer).post(
        url("staff_create"),
        {"unit": units["ttdvvl"].pk, "full_name": "Lò Văn Năm", "birth_date": born},
    )
    assert response.status_code == 200
    (error,) = response.context["form"].errors["birth_date"]
    assert error.startswith("Ngày sinh phải trong khoảng từ 01/01/1900 đến hôm nay")


def test_the_staff_list_shows_ended_staff_under_their_status(client_for, officer):
    person = staff("Tòng Văn Sơn")
    client_for(officer).post(url("staff_end", person.pk), {"on": "2025-12-31"})

    def listed(status):
        response = client_for(officer).get(url("staff_list"), {"trang_thai": status})
        assert response.context["status"] == status
        return {s.full_name for s in response.context["page"]}

    assert person.full_name in listed("nghi") and "Bạc Thị Nga" not in listed("nghi")
    assert person.full_name not in listed("dang") and "Bạc Thị Nga" in listed("dang")
    assert {person.full_name, "Bạc Thị Nga"} <= listed("tat-ca")
