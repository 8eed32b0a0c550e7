"""Administration in the browser: units, roles inline (htmx), the audit log."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import pick_unit

pytestmark = pytest.mark.browser


def test_an_admin_adds_and_removes_a_role_inline_with_the_keyboard(login, page, site, world, shot):
    from danvan.accounts.models import Role

    officer = world.users["canbo.ttdvvl"]
    login("quantri")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Quản trị"
    ).click()
    page.get_by_role("link", name="Danh sách người dùng").click()
    page.get_by_role("link", name="canbo.ttdvvl").click()
    expect(page.get_by_role("heading", name="Hà Thị Thu")).to_be_visible()
    url_before = page.url

    roles = page.locator("#roles")
    pick_unit(roles, "Đơn vị", "Phòng Bảo hiểm thất nghiệp", "Bảo hiểm")
    roles.get_by_role("combobox", name="Vai trò").select_option(value="head")
    roles.get_by_role("button", name="Thêm vai trò").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#roles")).to_contain_text(
        "Đã giao vai trò Lãnh đạo đơn vị – Phòng Bảo hiểm thất nghiệp."
    )
    expect(page.locator("#roles tbody tr")).to_have_count(2)
    assert page.url == url_before  # swapped in place, no reload
    assert Role.objects.filter(user=officer, unit=world.units["bhtn"], kind="head").exists()
    shot("admin-user-roles")

    page.once("dialog", lambda dialog: dialog.accept())
    row = page.locator("#roles tbody tr", has_text="Phòng Bảo hiểm thất nghiệp")
    row.get_by_role("button", name="Gỡ").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#roles")).to_contain_text(
        "Đã gỡ vai trò Lãnh đạo đơn vị – Phòng Bảo hiểm thất nghiệp."
    )
    expect(page.locator("#roles tbody tr")).to_have_count(1)

    page.get_by_role("link", name="Lịch sử thay đổi").click()
    expect(page.get_by_role("heading", name="Lịch sử thay đổi: canbo.ttdvvl")).to_be_visible()
    expect(page.locator("table.changes").first).to_contain_text(
        "Lãnh đạo đơn vị – Phòng Bảo hiểm thất nghiệp"
    )
    shot("admin-user-history")


def test_a_duplicate_unit_code_is_shown_on_the_form_and_the_input_is_kept(
    login, page, site, world, shot
):
    login("quantri")
    page.goto(f"{site}/don-vi/{world.units['ttdvvl'].pk}/")
    page.get_by_role("link", name="Thêm đơn vị trực thuộc").click()
    page.get_by_label("Tên đơn vị").fill("Phòng Bảo hiểm mới")
    page.get_by_label("Tên viết tắt").fill("BHTN")
    page.get_by_label("Loại đơn vị").select_option(value="phong")
    page.get_by_label("Tên viết tắt").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Tên viết tắt “BHTN” đã được dùng")
    expect(page.get_by_label("Tên đơn vị")).to_have_value("Phòng Bảo hiểm mới")
    shot("admin-unit-duplicate-code")

    page.get_by_label("Tên viết tắt").fill("BHM")
    page.get_by_role("button", name="Tạo đơn vị").click()
    expect(page.get_by_role("status")).to_contain_text("Đã tạo đơn vị “Phòng Bảo hiểm mới”.")
    page.goto(f"{site}/don-vi/")
    page.get_by_label("Tìm đơn vị theo tên hoặc tên viết tắt").fill("Bảo hiểm mới")
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page.locator("table.tree")).to_contain_text("Phòng Bảo hiểm mới")
    shot("admin-unit-tree")
