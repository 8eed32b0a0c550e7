"""API tokens do not live forever: they expire, record their last use (shown on the
page and by `danvan token list`), die with a password change, reset or lock, and
cannot mint new tokens."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from danvan.accounts import services as account_services
from danvan.accounts import tokens
from danvan.accounts.models import ApiToken
from danvan.audit.models import AuditEntry


def me(raw):
    return Client().get("/api/v1/users/me", headers={"Authorization": f"Bearer {raw}"})


def test_a_token_expires_after_the_configured_days(officer, settings):
    settings.DANVAN_TOKEN_DAYS = 30
    record, raw = tokens.issue_token(None, officer, "hạn 30 ngày")
    lifetime = record.expires_at - record.created_at
    assert dt.timedelta(days=30) - dt.timedelta(minutes=1) < lifetime <= dt.timedelta(days=30)
    assert me(raw).status_code == 200
    ApiToken.objects.filter(pk=record.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = me(raw)
    assert response.status_code == 401
    assert "hết hạn" in response.json()["detail"]


def test_the_default_lifetime_is_ninety_days(officer):
    record, _raw = tokens.issue_token(None, officer, "mặc định")
    assert (record.expires_at - timezone.now()).days == 89  # 90 days minus a moment


def test_a_bearer_token_cannot_mint_a_token(token_api, officer):
    api, _ = token_api(officer)
    response = api.post("/users/me/tokens", {"name": "mã con"})
    assert response.status_code == 403
    assert "Không thể dùng mã truy cập để cấp mã mới" in response.json()["detail"]
    assert ApiToken.objects.filter(user=officer).count() == 1


def test_a_session_can_mint_a_token(api_for, officer):
    response = api_for(officer).post("/users/me/tokens", {"name": "từ phiên đăng nhập"})
    assert response.status_code == 201
    assert response.json()["expires_at"]


def test_changing_the_password_revokes_every_token(client_for, officer):
    raws = [tokens.issue_token(None, officer, f"mã {i}")[1] for i in range(2)]
    officer.set_password("Mat-khau-cu-2024!")
    officer.save()  # set_password + save: this revokes too (it is a change)
    raws = [tokens.issue_token(None, officer, f"mã {i}")[1] for i in range(2)]
    response = client_for(officer).post(
        "/tai-khoan/doi-mat-khau/",
        {
            "old_password": "Mat-khau-cu-2024!",
            "new_password1": "Mat-khau-moi-2025!",
            "new_password2": "Mat-khau-moi-2025!",
        },
    )
    assert response.status_code == 302, response.content
    assert all(me(raw).status_code == 401 for raw in raws)
    assert not ApiToken.objects.filter(user=officer).exists()
    assert AuditEntry.objects.filter(object_type="accounts.apitoken", verb="revoke").count() == 4


def test_a_password_reset_or_a_lock_revokes_every_token(admin_user, officer, head):
    raw = tokens.issue_token(None, officer, "đặt lại")[1]
    account_services.reset_password(admin_user, officer)
    assert me(raw).status_code == 401
    raw = tokens.issue_token(None, head, "khóa")[1]
    account_services.deactivate_user(admin_user, head)
    account_services.activate_user(admin_user, head)
    assert me(raw).status_code == 401  # unlocking does not bring the token back
    assert not ApiToken.objects.filter(user__in=[officer, head]).exists()


def test_a_login_with_a_hash_upgrade_or_an_unrelated_save_keeps_the_tokens(
    client, officer, settings
):
    officer.set_password("Mat-khau-2025-abc!")
    officer.save()
    raw = tokens.issue_token(None, officer, "giữ")[1]
    officer.first_name = "Tên mới"
    officer.save()
    # A new preferred hasher: the login re-hashes the same password and saves it.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    response = client.post(
        "/dang-nhap/", {"username": officer.username, "password": "Mat-khau-2025-abc!"}
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.password.startswith("pbkdf2_sha1$")  # the hash was upgraded and saved
    assert me(raw).status_code == 200


def test_the_token_page_issues_lists_last_use_and_revokes(client_for, officer):
    client = client_for(officer)
    page = client.post("/tai-khoan/ma-truy-cap/", {"name": "bảng tính tự động"})
    html = page.content.decode()
    raw = html.split('<code class="token">')[1].split("<")[0]
    assert raw.startswith("dv_")
    assert me(raw).status_code == 200
    listing = client.get("/tai-khoan/ma-truy-cap/").content.decode()
    assert "bảng tính tự động" in listing and "Hết hạn" in listing and "Dùng lần cuối" in listing
    assert raw not in listing  # shown once only
    assert "chưa dùng" not in listing  # the call above was recorded
    token = ApiToken.objects.get(user=officer)
    client.post("/tai-khoan/ma-truy-cap/", {"revoke": token.pk})
    assert me(raw).status_code == 401


def test_nobody_revokes_another_users_token_from_the_page(client_for, officer, head):
    token = tokens.issue_token(None, head, "của lãnh đạo")[0]
    client_for(officer).post("/tai-khoan/ma-truy-cap/", {"revoke": token.pk})
    client_for(officer).post("/tai-khoan/ma-truy-cap/", {"revoke": "abc"})
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_the_cli_list_shows_expiry_and_last_use(officer):
    raw = tokens.issue_token(None, officer, "dòng lệnh")[1]
    me(raw)
    out = io.StringIO()
    call_command("token", "list", officer.username, stdout=out)
    text = out.getvalue()
    assert "hết hạn" in text and "dùng lần cuối" in text
    assert "chưa dùng" not in text
