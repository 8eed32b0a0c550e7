"""The “Quản trị” hub and the user/role pages."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from danvan.accounts.models import Role
from danvan.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
User = get_user_model()


def url(name, *args):
    return reverse(f"accounts:{name}", args=args)


def test_the_hub_is_for_admins_only(client_for, admin_user, unit_admin, head, outsider):
    assert client_for(admin_user).get(url("admin_index")).status_code == 200
    page = client_for(unit_admin).get(url("admin_index")).content.decode()
    assert "Trung tâm Dịch vụ việc làm Sơn La" in page
    assert url("user_list") in page and reverse("audit:index") in page
    assert client_for(head).get(url("admin_index")).status_code == 403
    assert client_for(outsider).get(url("user_list")).status_code == 403


def test_the_user_list_shows_roles_per_unit_within_the_admins_scope(
    client_for, unit_admin, officer, units
):
    Role.objects.create(user=officer, unit=units["syt"], kind="officer")
    response = client_for(unit_admin).get(url("user_list"))
    html = response.content.decode()
    names = {u.username for u in response.context["page"]}
    assert "canbo.ttdvvl" in names and "canbo.syt" not in names and "quantri" not in names
    assert "Cán bộ nhập liệu – Trung tâm Dịch vụ việc làm Sơn La" in html
    assert "Sở Y tế" not in html  # the officer's role elsewhere is hinted, not named
    assert "vai trò ở đơn vị ngoài phạm vi" in html


def test_a_unit_admin_creates_a_user_and_sees_the_generated_password_once(
    client_for, unit_admin, units
):
    response = client_for(unit_admin).post(
        url("user_create"),
        {
            "username": "canbo.bhtn",
            "full_name": "Tòng Thị Xuân",
            "email": "",
            "unit": units["bhtn"].pk,
            "kind": "officer",
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["password"]
    user = User.objects.get(username="canbo.bhtn")
    assert user.check_password(password) and password in response.content.decode()
    assert user.roles.get().unit == units["bhtn"]
    assert not AuditEntry.objects.filter(changes__icontains=password).exists()


def test_creating_a_user_with_bad_input_shows_vietnamese_errors(client_for, unit_admin, units):
    response = client_for(unit_admin).post(
        url("user_create"),
        {"username": "canbo.ttdvvl", "full_name": "", "email": "sai", "unit": units["syt"].pk},
    )
    errors = response.context["form"].errors
    assert errors["full_name"] == ["Vui lòng nhập họ và tên."]
    assert errors["email"] == ["Địa chỉ email không hợp lệ."]
    assert errors["unit"] == ["Lựa chọn đơn vị không hợp lệ."]
    assert errors["kind"] == ["Vui lòng chọn vai trò."]
    response = client_for(unit_admin).post(
        url("user_create"),
        {
            "username": "canbo.ttdvvl",
            "full_name": "Ai đó",
            "unit": units["bhtn"].pk,
            "kind": "officer",
        },
    )
    assert response.context["form"].errors["username"] == [
        "Tên đăng nhập “canbo.ttdvvl” đã có người dùng."
    ]
    assert User.objects.filter(username="canbo.ttdvvl").count() == 1


def test_a_role_is_added_inline_with_htmx(client_for, unit_admin, officer, units):
    response = client_for(unit_admin).post(
        url("user_role_add", officer.pk),
        {"unit": units["hcth"].pk, "kind": "head"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="roles"')
    assert "Đã giao vai trò Lãnh đạo đơn vị – Phòng Hành chính – Tổng hợp." in html
    assert officer.roles.filter(unit=units["hcth"], kind="head").exists()


def test_a_bad_role_is_an_inline_error_and_nothing_changes(client_for, unit_admin, officer, units):
    response = client_for(unit_admin).post(
        url("user_role_add", officer.pk),
        {"unit": units["ttdvvl"].pk, "kind": "officer"},
        HTTP_HX_REQUEST="true",
    )
    assert "Người dùng đã có vai trò này ở đơn vị đã chọn." in response.content.decode()
    response = client_for(unit_admin).post(
        url("user_role_add", officer.pk), {"unit": units["syt"].pk, "kind": "officer"}, follow=True
    )
    assert "Lựa chọn đơn vị không hợp lệ." in [str(m) for m in response.context["messages"]]
    assert officer.roles.count() == 1


def test_a_role_is_removed(client_for, unit_admin, officer, units):
    role = Role.objects.create(user=officer, unit=units["bhtn"], kind="head")
    response = client_for(unit_admin).post(url("user_role_remove", officer.pk, role.pk))
    assert response.status_code == 302
    assert not Role.objects.filter(pk=role.pk).exists()


def test_roles_outside_the_admins_scope_cannot_be_removed(client_for, unit_admin, officer, units):
    role = Role.objects.create(user=officer, unit=units["syt"], kind="officer")
    response = client_for(unit_admin).post(url("user_role_remove", officer.pk, role.pk))
    assert response.status_code == 404
    assert Role.objects.filter(pk=role.pk).exists()


def test_a_typed_password_reset_works_and_mismatches_are_caught(client_for, unit_admin, officer):
    c = client_for(unit_admin)
    response = c.post(
        url("user_password_reset", officer.pk), {"password": "Moi@2026abc", "password2": "khac"}
    )
    assert response.context["form"].errors["password2"] == ["Hai lần nhập mật khẩu không khớp."]
    response = c.post(
        url("user_password_reset", officer.pk), {"password": "12345678", "password2": "12345678"}
    )
    assert "Mật khẩu quá phổ biến" in response.context["form"].errors["password"][0]
    response = c.post(
        url("user_password_reset", officer.pk),
        {"password": "Moi@2026abc", "password2": "Moi@2026abc"},
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Moi@2026abc")


def test_a_generated_password_reset_is_shown_once_and_lets_the_user_log_in(
    client_for, client, unit_admin, officer
):
    response = client_for(unit_admin).post(url("user_password_reset", officer.pk), {})
    password = response.context["password"]
    login = client.post(reverse("login"), {"username": "canbo.ttdvvl", "password": password})
    assert login.status_code == 302 and login["Location"] == reverse("home")
    again = client_for(unit_admin).get(url("user_detail", officer.pk)).content.decode()
    assert password not in again


def test_account_actions_on_users_with_roles_elsewhere_are_forbidden(
    client_for, unit_admin, reviewer, officer, units
):
    Role.objects.create(user=officer, unit=units["syt"], kind="officer")
    c = client_for(unit_admin)
    assert c.get(url("user_detail", officer.pk)).status_code == 200
    assert c.post(url("user_password_reset", officer.pk), {}).status_code == 403
    assert c.post(url("user_deactivate", officer.pk)).status_code == 403
    assert c.get(url("user_edit", officer.pk)).status_code == 403
    # a user with no role in the admin's subtree does not exist for them
    assert c.get(url("user_detail", reviewer.pk)).status_code == 404
    assert c.post(url("user_deactivate", reviewer.pk)).status_code == 404
    officer.refresh_from_db()
    assert officer.is_active


def test_deactivating_and_reactivating_a_user(client_for, unit_admin, officer):
    c = client_for(unit_admin)
    response = c.post(url("user_deactivate", officer.pk), follow=True)
    assert "Đã khóa tài khoản canbo.ttdvvl." in [str(m) for m in response.context["messages"]]
    officer.refresh_from_db()
    assert not officer.is_active
    assert client_for(officer).get(reverse("home")).status_code == 302  # session no longer valid
    c.post(url("user_activate", officer.pk))
    officer.refresh_from_db()
    assert officer.is_active


def test_editing_a_users_name(client_for, admin_user, officer):
    response = client_for(admin_user).post(
        url("user_edit", officer.pk), {"full_name": "Hà Thị Thu Hương", "email": "huong@example.vn"}
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.get_full_name() == "Hà Thị Thu Hương" and officer.email == "huong@example.vn"


def test_the_user_page_links_to_its_history(client_for, admin_user, officer):
    from django.utils.html import escape

    from danvan.audit.views import history_url

    html = client_for(admin_user).get(url("user_detail", officer.pk)).content.decode()
    assert escape(history_url("auth.user", officer.pk)) in html
    assert reverse("audit:user", args=[officer.pk]) in html


def test_users_still_change_their_own_password(client_for, officer):
    response = client_for(officer).post(
        url("password_change"),
        {
            "old_password": "DanVan@2026",
            "new_password1": "Thu@Moi2026x",
            "new_password2": "Thu@Moi2026x",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Thu@Moi2026x")


def test_the_user_list_searches_names_without_case_or_diacritics(client_for, unit_admin):
    response = client_for(unit_admin).get(url("user_list"), {"q": "HA THI THU"})
    assert {u.username for u in response.context["page"]} == {"canbo.ttdvvl"}


def test_the_user_list_filters_active_and_locked_accounts(client_for, unit_admin, officer):
    c = client_for(unit_admin)
    c.post(url("user_deactivate", officer.pk))

    def listed(**query):
        return {u.username for u in c.get(url("user_list"), query).context["page"]}

    assert officer.username not in listed()
    assert officer.username in listed(trang_thai="khoa")
    assert officer.username not in listed(trang_thai="hoat-dong")
    assert officer.username in listed(trang_thai="tat-ca")
    assert listed(trang_thai="khoa") < listed(trang_thai="tat-ca")
