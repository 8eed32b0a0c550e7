"""Who may call the API: sessions (with CSRF for writes), bearer tokens, nobody else."""

import pytest
from django.test import Client
from django.utils import timezone

from danvan.accounts import tokens
from danvan.accounts.models import ApiToken

GET_PATHS = [
    "/orgunits/",
    "/orgunits/{unit}",
    "/orgunits/{unit}/subtree",
    "/staff/",
    "/staff/{staff}",
    "/users/",
    "/users/me",
    "/users/me/tokens",
    "/users/{user}",
    "/audit/",
]


def fill(path, units, officer):
    from danvan.orgunits.models import StaffMember

    staff = StaffMember.objects.filter(unit=units["ttdvvl"]).first()
    return path.format(unit=units["ttdvvl"].pk, staff=staff.pk, user=officer.pk)


@pytest.mark.parametrize("path", GET_PATHS)
def test_anonymous_callers_get_401_with_a_vietnamese_message(anon, units, officer, path):
    response = anon.get(fill(path, units, officer))
    assert response.status_code == 401
    body = response.json()
    assert "đăng nhập" in body["detail"]
    assert body["code"] == "unauthenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_anonymous_writes_get_401_not_a_csrf_error(units):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/staff/",
        {"unit_id": units["ttdvvl"].pk, "full_name": "Ai đó"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_a_valid_token_authenticates_and_records_its_last_use(token_api, officer):
    api, record = token_api(officer)
    assert record.last_used_at is None
    response = api.get("/users/me")
    assert response.status_code == 200
    assert response.json()["username"] == "canbo.ttdvvl"
    record.refresh_from_db()
    assert record.last_used_at is not None
    assert abs((timezone.now() - record.last_used_at).total_seconds()) < 3600


def test_an_unknown_token_is_refused(world):
    client = Client()
    response = client.get("/api/v1/users/me", headers={"Authorization": "Bearer dv_khongtonTai"})
    assert response.status_code == 401
    assert "không hợp lệ" in response.json()["detail"]


def test_an_empty_bearer_token_is_refused(world):
    response = Client().get("/api/v1/users/me", headers={"Authorization": "Bearer "})
    assert response.status_code == 401


def test_a_revoked_token_is_refused(token_api, officer):
    api, record = token_api(officer)
    assert api.get("/users/me").status_code == 200
    tokens.revoke_token(officer, record)
    assert not ApiToken.objects.filter(pk=record.pk).exists()
    assert api.get("/users/me").status_code == 401


def test_the_token_of_a_locked_account_is_refused(token_api, officer):
    api, _ = token_api(officer)
    officer.is_active = False
    officer.save()
    assert api.get("/users/me").status_code == 401


def test_a_bad_token_does_not_fall_back_to_the_session(client_for, officer):
    client = client_for(officer)
    assert client.get("/api/v1/users/me").status_code == 200
    response = client.get("/api/v1/users/me", headers={"Authorization": "Bearer dv_sai"})
    assert response.status_code == 401


def test_the_token_decides_who_calls_even_with_another_session(
    client_for, token_api, head, officer
):
    _, record = token_api(head)
    raw = tokens.issue_token(None, head, "thứ hai")[1]
    client = client_for(officer)
    response = client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.json()["username"] == "giamdoc.ttdvvl"


def _session_with_csrf(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/api/v1/docs")  # any page; the token comes from the login
    return client


def test_a_session_write_without_csrf_token_is_refused(officer, units):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(
        "/api/v1/staff/",
        {"unit_id": units["ttdvvl"].pk, "full_name": "Nguyễn Văn Mới"},
        content_type="application/json",
    )
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "csrf"
    assert "CSRF" in body["detail"]
    from danvan.orgunits.models import StaffMember

    assert not StaffMember.objects.filter(full_name="Nguyễn Văn Mới").exists()


def test_a_session_write_with_the_csrf_token_is_accepted(officer, units):
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    response = client.post(
        "/api/v1/staff/",
        {"unit_id": units["ttdvvl"].pk, "full_name": "Nguyễn Văn Mới"},
        content_type="application/json",
        headers={"X-CSRFToken": _mask_cipher_secret(secret)},
    )
    assert response.status_code == 201, response.content
    assert response.json()["full_name"] == "Nguyễn Văn Mới"


def test_a_session_read_needs_no_csrf_token(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert client.get("/api/v1/orgunits/").status_code == 200


def test_a_token_write_needs_no_csrf_token(officer, units):
    raw = tokens.issue_token(None, officer, "máy chủ báo cáo")[1]
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/staff/",
        {"unit_id": units["ttdvvl"].pk, "full_name": "Lò Văn Token"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 201, response.content


def test_a_user_manages_their_own_tokens_through_the_api(token_api, api_for, officer):
    api, first = token_api(officer)
    issued = api_for(officer).post("/users/me/tokens", {"name": "bảng tính"})
    assert issued.status_code == 201
    raw = issued.json()["token"]
    assert raw.startswith("dv_")
    listed = api.get("/users/me/tokens").json()
    assert {t["name"] for t in listed} == {"kiểm thử", "bảng tính"}
    assert all("token" not in t and "digest" not in t for t in listed)
    assert api.delete(f"/users/me/tokens/{issued.json()['id']}").status_code == 204
    assert (
        Client().get("/api/v1/users/me", headers={"Authorization": f"Bearer {raw}"}).status_code
        == 401
    )


def test_nobody_revokes_another_users_token_through_the_api(token_api, officer, head):
    _, heads_token = token_api(head)
    api, _ = token_api(officer)
    assert api.delete(f"/users/me/tokens/{heads_token.pk}").status_code == 404
    assert ApiToken.objects.filter(pk=heads_token.pk).exists()


def test_issuing_a_token_without_a_name_is_a_domain_error(api_for, officer):
    response = api_for(officer).post("/users/me/tokens", {"name": "  "})
    assert response.status_code == 400
    assert response.json()["field"] == "name"
    assert "tên" in response.json()["detail"]


def test_issuing_and_revoking_tokens_is_audited(officer):
    from danvan.audit.models import AuditEntry

    record, _ = tokens.issue_token(officer, officer, "nhật ký")
    number = record.pk
    tokens.revoke_token(officer, record)
    entries = AuditEntry.objects.filter(object_type="accounts.apitoken", object_id=str(number))
    assert sorted(e.verb for e in entries) == ["issue", "revoke"]
    assert all("digest" not in e.changes for e in entries)
