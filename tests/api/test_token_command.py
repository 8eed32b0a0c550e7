"""`danvan token`: issue (raw token printed once), list, revoke."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from danvan.accounts.models import ApiToken


def run(*args):
    out = StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


def me(raw):
    return Client().get("/api/v1/users/me", headers={"Authorization": f"Bearer {raw}"})


def issued_token(output):
    return next(line for line in output.splitlines() if line.startswith("dv_"))


def test_issue_prints_a_working_token_once_and_stores_only_its_digest(officer):
    output = run("issue", "canbo.ttdvvl", "--name", "bảng tính báo cáo")
    raw = issued_token(output)
    assert "chỉ hiện một lần" in output
    assert output.count(raw) == 1
    record = ApiToken.objects.get(user=officer)
    assert record.name == "bảng tính báo cáo"
    assert record.digest == ApiToken.hash(raw) and raw not in record.digest
    response = me(raw)
    assert response.status_code == 200 and response.json()["username"] == "canbo.ttdvvl"


def test_list_shows_tokens_without_the_secret(officer, head):
    raw = issued_token(run("issue", "canbo.ttdvvl", "--name", "một"))
    run("issue", "giamdoc.ttdvvl")
    listing = run("list")
    assert "canbo.ttdvvl" in listing and "giamdoc.ttdvvl" in listing
    assert "chưa dùng" in listing
    assert raw not in listing and "dv_" not in listing
    only = run("list", "giamdoc.ttdvvl")
    assert "canbo.ttdvvl" not in only and "api" in only


def test_revoke_by_id_stops_the_token_at_once(officer):
    raw = issued_token(run("issue", "canbo.ttdvvl", "--name", "tạm"))
    assert me(raw).status_code == 200
    number = ApiToken.objects.get(user=officer).pk
    output = run("revoke", str(number))
    assert f"Đã thu hồi mã #{number}" in output
    assert me(raw).status_code == 401


def test_revoke_all_tokens_of_a_user(officer, head):
    first = issued_token(run("issue", "canbo.ttdvvl"))
    second = issued_token(run("issue", "canbo.ttdvvl"))
    kept = issued_token(run("issue", "giamdoc.ttdvvl"))
    run("revoke", "--user", "canbo.ttdvvl", "--all")
    assert me(first).status_code == 401 and me(second).status_code == 401
    assert me(kept).status_code == 200


@pytest.mark.parametrize(
    "args,message",
    [
        (("issue", "khong.co.ai"), "Không có người dùng “khong.co.ai”."),
        (("revoke", "99999"), "Không có mã truy cập số 99999."),
        (("revoke",), "Hãy ghi số thứ tự (id) của mã cần thu hồi"),
        (("revoke", "--all"), "Dùng --all cùng với --user"),
        (("issue", "canbo.ttdvvl", "--name", "x" * 81), "không được dài quá 80 ký tự"),
    ],
)
def test_mistakes_are_explained_in_vietnamese(world, args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(*args)
    assert not ApiToken.objects.exists()


def test_a_locked_account_gets_no_token(officer):
    officer.is_active = False
    officer.save()
    with pytest.raises(CommandError, match="bị khóa"):
        run("issue", "canbo.ttdvvl")
