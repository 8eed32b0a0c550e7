"""User and role services: rights, validation, audit (never a password in it)."""

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from danvan.accounts import services as svc
from danvan.accounts.models import Role, RoleKind
from danvan.audit.models import AuditEntry
from danvan.core.errors import DomainError
from danvan.orgunits import services as svc_units

pytestmark = pytest.mark.django_db
User = get_user_model()


def entries_about(user):
    return AuditEntry.objects.filter(object_type="auth.user", object_id=str(user.pk))


def test_a_superuser_creates_a_user_with_a_role_and_a_generated_password(admin_user, units):
    user, password = svc.create_user(
        admin_user,
        username="CanBo.TVGT",
        full_name="Nguyễn Thị  Mai",
        email="mai@example.vn",
        unit=units["tvgt"],
        kind=RoleKind.OFFICER,
    )
    assert user.username == "canbo.tvgt"
    assert user.get_full_name() == "Nguyễn Thị Mai"
    assert len(password) == 12 and user.check_password(password)
    assert list(user.roles.values_list("unit", "kind")) == [(units["tvgt"].pk, "officer")]
    created = entries_about(user).get(action="create")
    assert created.changes["username"] == [None, "canbo.tvgt"]
    assert created.unit_id == units["tvgt"].pk
    assert entries_about(user).filter(verb="add_role").count() == 1


def test_a_duplicate_username_is_refused_whatever_the_case(admin_user, officer):
    with pytest.raises(DomainError) as err:
        svc.create_user(admin_user, username="CANBO.TTDVVL", full_name="Ai đó")
    assert err.value.field == "username"
    assert "đã có người dùng" in err.value.message


@pytest.mark.parametrize(
    "username, full_name, email, field",
    [
        ("", "Hà Thu", "", "username"),
        ("hà.thu", "Hà Thu", "", "username"),
        ("ha thu", "Hà Thu", "", "username"),
        ("hathu", "   ", "", "full_name"),
        ("hathu", "Hà Thu", "khong-phai-email", "email"),
    ],
)
def test_malformed_identity_is_refused(admin_user, username, full_name, email, field):
    with pytest.raises(DomainError) as err:
        svc.create_user(admin_user, username=username, full_name=full_name, email=email)
    assert err.value.field == field
    assert not User.objects.filter(username="hathu").exists()


def test_a_weak_password_is_refused_in_vietnamese(admin_user):
    with pytest.raises(DomainError) as err:
        svc.create_user(admin_user, username="hathu", full_name="Hà Thu", password="12345678")
    assert err.value.field == "password"
    assert "quá phổ biến" in err.value.message and "chữ số" in err.value.message
    with pytest.raises(DomainError, match="ít nhất 8 ký tự"):
        svc.create_user(admin_user, username="hathu", full_name="Hà Thu", password="Ab3x")


def test_a_unit_admin_must_give_a_role_inside_their_subtree(unit_admin, units):
    with pytest.raises(DomainError, match="chọn đơn vị cho vai trò"):
        svc.create_user(unit_admin, username="moi", full_name="Người Mới")
    with pytest.raises(PermissionDenied):
        svc.create_user(
            unit_admin, username="moi", full_name="Người Mới", unit=units["syt"], kind="officer"
        )
    assert not User.objects.filter(username="moi").exists()
    user, _ = svc.create_user(
        unit_admin, username="moi", full_name="Người Mới", unit=units["bhtn"], kind="officer"
    )
    assert svc.can_manage_account(unit_admin, user)


def test_non_admins_cannot_use_the_services(head, officer, units):
    with pytest.raises(PermissionDenied):
        svc.create_user(
            head, username="moi", full_name="Người Mới", unit=units["hcth"], kind="officer"
        )
    with pytest.raises(PermissionDenied):
        svc.reset_password(head, officer)
    with pytest.raises(PermissionDenied):
        svc.add_role(head, officer, units["hcth"], "head")


def test_a_unit_admin_sees_only_users_with_roles_in_their_subtree(unit_admin, world):
    seen = set(svc.manageable_users(unit_admin).values_list("username", flat=True))
    assert {"canbo.ttdvvl", "giamdoc.ttdvvl", "thuky.ttdvvl", "quantri.ttdvvl"} <= seen
    assert "canbo.syt" not in seen and "thamdinh.sldtbxh" not in seen and "quantri" not in seen


def test_a_unit_admin_cannot_take_over_an_account_with_roles_elsewhere(
    unit_admin, officer, admin_user, units
):
    Role.objects.create(user=officer, unit=units["syt"], kind="officer")
    assert not svc.can_manage_account(unit_admin, officer)
    with pytest.raises(PermissionDenied):
        svc.reset_password(unit_admin, officer)
    with pytest.raises(PermissionDenied):
        svc.deactivate_user(unit_admin, officer)
    # roles inside the admin's subtree are still theirs to manage
    role = svc.add_role(unit_admin, officer, units["hcth"], "head")
    svc.remove_role(unit_admin, role)
    # but not the role in another branch
    with pytest.raises(PermissionDenied):
        svc.remove_role(unit_admin, officer.roles.get(unit=units["syt"]))


def test_roles_are_added_and_removed_with_audit_entries(admin_user, officer, units):
    role = svc.add_role(admin_user, officer, units["bhtn"], RoleKind.HEAD)
    with pytest.raises(DomainError, match="đã có vai trò này"):
        svc.add_role(admin_user, officer, units["bhtn"], RoleKind.HEAD)
    with pytest.raises(DomainError, match="Vai trò không hợp lệ"):
        svc.add_role(admin_user, officer, units["bhtn"], "boss")
    svc.remove_role(admin_user, role)
    added, removed = entries_about(officer).order_by("id")
    assert added.verb == "add_role" and added.unit_id == units["bhtn"].pk
    assert added.changes["role"] == [None, "Lãnh đạo đơn vị – Phòng Bảo hiểm thất nghiệp"]
    assert removed.changes["role"] == ["Lãnh đạo đơn vị – Phòng Bảo hiểm thất nghiệp", None]


def test_set_roles_touches_only_roles_inside_the_admins_subtree(unit_admin, officer, units):
    Role.objects.create(user=officer, unit=units["syt"], kind="officer")
    svc.set_roles(unit_admin, officer, [(units["hcth"], "officer"), (units["hcth"], "head")])
    assert set(officer.roles.values_list("unit__short_code", "kind")) == {
        ("HCTH", "officer"),
        ("HCTH", "head"),
        ("SYT", "officer"),
    }


def test_a_unit_admin_cannot_remove_their_own_admin_role(unit_admin):
    with pytest.raises(DomainError, match="tự gỡ"):
        svc.remove_role(unit_admin, unit_admin.roles.get(kind="admin"))


def test_a_roles_unit_must_be_open(admin_user, officer, units):
    empty = svc_units.create_unit(admin_user, parent=units["ttdvvl"], name="Tổ tạm", kind="khac")
    svc_units.close_unit(admin_user, empty, dt.date(2025, 1, 1))
    with pytest.raises(DomainError, match="đã giải thể"):
        svc.add_role(admin_user, officer, empty, "officer")


def test_a_password_reset_is_audited_without_the_password(unit_admin, officer):
    new = svc.reset_password(unit_admin, officer, "Thu@Ttdvvl2026")
    officer.refresh_from_db()
    assert new == "Thu@Ttdvvl2026" and officer.check_password(new)
    entry = entries_about(officer).get(verb="reset_password")
    dumped = json.dumps(entry.changes) + entry.object_repr
    assert "Thu@Ttdvvl2026" not in dumped and officer.password not in dumped
    assert "password" not in entry.changes
    generated = svc.reset_password(unit_admin, officer)
    officer.refresh_from_db()
    assert officer.check_password(generated)
    assert not any(generated in json.dumps(e.changes) for e in AuditEntry.objects.all())


def test_deactivating_a_user_blocks_login_and_can_be_undone(client, unit_admin, officer):
    with pytest.raises(DomainError, match="tự khóa"):
        svc.deactivate_user(unit_admin, unit_admin)
    svc.deactivate_user(unit_admin, officer)
    officer.refresh_from_db()
    assert not officer.is_active
    assert entries_about(officer).get(verb="deactivate").changes == {"is_active": [True, False]}
    svc.activate_user(unit_admin, officer)
    officer.refresh_from_db()
    assert officer.is_active


def test_only_a_superuser_manages_a_superuser(unit_admin, admin_user, units):
    Role.objects.create(user=admin_user, unit=units["hcth"], kind="admin")
    assert not svc.manageable_users(unit_admin).filter(pk=admin_user.pk).exists()
    with pytest.raises(PermissionDenied):
        svc.reset_password(unit_admin, admin_user)


def test_updating_name_and_email_records_before_and_after(admin_user, officer):
    svc.update_user(admin_user, officer, full_name="Hà Thị Thu Hà", email="thu@example.vn")
    officer.refresh_from_db()
    assert officer.get_full_name() == "Hà Thị Thu Hà"
    entry = entries_about(officer).get(action="update")
    assert entry.changes["email"] == ["", "thu@example.vn"]
    assert entry.changes["first_name"] == ["Hà Thị Thu", "Hà Thị Thu Hà"]
