import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.test import override_settings

from danvan.accounts.demo import DEMO_PASSWORD


def test_the_login_page_is_vietnamese(client, db):
    response = client.get("/dang-nhap/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in body
    assert "Tên đăng nhập" in body and "Mật khẩu" in body


def test_pages_need_a_login_and_say_so_after_a_session_expires(client, db):
    client.cookies["sessionid"] = "a-session-the-server-no-longer-knows"
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    page = client.get(response["Location"]).content.decode()
    assert "Phiên làm việc đã hết hạn" in page


def test_a_first_visit_to_the_login_page_says_nothing_about_an_expired_session(client, db):
    response = client.get("/")
    page = client.get(response["Location"]).content.decode()
    assert "Tên đăng nhập" in page
    assert "hết hạn" not in page


def test_a_wrong_password_gets_a_vietnamese_message(client, world):
    response = client.post("/dang-nhap/", {"username": "canbo.ttdvvl", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_logins_are_throttled_after_repeated_failures(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/dang-nhap/", {"username": "canbo.ttdvvl", "password": "sai"})
    response = client.post("/dang-nhap/", {"username": "canbo.ttdvvl", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()


def test_a_missing_page_is_answered_in_vietnamese(client_for, officer):
    response = client_for(officer).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_an_unexpected_error_shows_the_vietnamese_500_page(rf):
    from danvan.web.views import handler500

    response = handler500(rf.get("/"))
    assert response.status_code == 500
    assert "Dữ liệu đã lưu không bị ảnh hưởng" in response.content.decode()


def test_the_home_page_counts_only_the_users_subtree(client_for, officer, outsider):
    mine = client_for(officer).get("/").content.decode()
    theirs = client_for(outsider).get("/").content.decode()
    assert "Trung tâm Dịch vụ việc làm Sơn La" in mine
    assert "Trung tâm Dịch vụ việc làm Sơn La" not in theirs


@pytest.mark.parametrize(
    "template, value, expected",
    [
        ("{{ v|vnnum }}", 8794, "8.794"),
        ("{{ v|vnnum }}", Decimal("13676.5"), "13.676,5"),
        ("{{ v|vnpct }}", 73.954, "73,95%"),
        ("{{ v|vndate }}", dt.date(2022, 3, 9), "09/3/2022"),
        ("{{ v|vndatelong }}", dt.date(2022, 3, 9), "ngày 09 tháng 3 năm 2022"),
        ("{{ v|vnpct }}", None, ""),
    ],
)
def test_templates_write_numbers_and_dates_the_vietnamese_way(template, value, expected):
    assert Template(template).render(Context({"v": value})) == expected


def test_demo_is_idempotent(db):
    from danvan.orgunits.models import OrgUnit, StaffMember

    call_command("demo", quiet=True)
    counts = (OrgUnit.objects.count(), StaffMember.objects.count())
    call_command("demo", quiet=True)
    assert (OrgUnit.objects.count(), StaffMember.objects.count()) == counts
    assert counts[0] >= 12 and counts[1] > 0, counts


def test_check_reports_database_and_optional_tools(db, capsys):
    call_command("check")
    out = capsys.readouterr().out
    assert "Cơ sở dữ liệu" in out and "kết nối được" in out
    assert "LibreOffice" in out and "Tesseract" in out


@override_settings(DANVAN_SOFFICE="soffice-that-is-not-here", DANVAN_TESSERACT="no-tesseract-here")
def test_check_says_what_is_degraded_without_the_tools(db, capsys):
    call_command("check")
    out = capsys.readouterr().out
    assert "Không chuyển được văn bản sang PDF" in out
    assert "Không đọc được bản scan" in out


def test_the_console_script_runs_management_commands():
    result = subprocess.run(
        [str(Path(sys.executable).with_name("danvan")), "help", "demo"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert "Nạp dữ liệu mẫu" in result.stdout


def test_a_command_on_a_database_that_was_never_migrated_says_what_to_do(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DANVAN_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [str(Path(sys.executable).with_name("danvan")), "demo", "--quiet"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1
    assert "Hãy chạy `danvan migrate`" in result.stderr
    assert "Traceback" not in result.stderr
