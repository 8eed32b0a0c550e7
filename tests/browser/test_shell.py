"""Each persona logs in and sees the Vietnamese home page."""

import pytest
from playwright.sync_api import expect

PERSONAS = ["canbo.ttdvvl", "giamdoc.ttdvvl", "thamdinh.sldtbxh", "canbo.syt"]


@pytest.mark.parametrize("username", PERSONAS)
def test_each_persona_logs_in_and_sees_the_vietnamese_home_page(login, page, shot, username):
    login(username)
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    for label in [
        "Tổng quan",
        "Văn bản",
        "Kế hoạch & mô hình",
        "Báo cáo",
        "Thi đua – Khen thưởng",
        "Đơn vị",
    ]:
        expect(nav.get_by_role("link", name=label, exact=True)).to_be_visible()
    shot(f"home-{username}")


def test_a_wrong_password_shows_a_vietnamese_message(login, page):
    login("canbo.ttdvvl", password="sai-mat-khau")
    expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()


def test_a_user_with_several_units_switches_unit(login, page, world):
    from danvan.accounts.models import Role, RoleKind

    Role.objects.create(
        user=world.users["canbo.ttdvvl"], unit=world.units["ttbtxh"], kind=RoleKind.OFFICER
    )
    login("canbo.ttdvvl")
    switch = page.get_by_label("Đơn vị", exact=True)
    expect(switch).to_be_visible()
    switch.focus()
    switch.select_option(label="Trung tâm Công tác xã hội tỉnh Sơn La")
    expect(page.get_by_role("status")).to_contain_text(
        "Đang làm việc với đơn vị: Trung tâm Công tác xã hội tỉnh Sơn La"
    )
    expect(page.get_by_label("Đơn vị", exact=True)).to_have_value(str(world.units["ttbtxh"].pk))


def test_logout_returns_to_the_login_page(login, page):
    login("giamdoc.ttdvvl")
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
