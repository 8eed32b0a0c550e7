"""Each demo persona walks its main job in chromium, at 1366×768 and at 390×844
(issue 12, "Done when"). Screenshots go to test-output/<walk>-<size>.png; on a
phone no page walked may be wider than the screen. The officer → head →
superior chain and back with a return is tests/browser/test_signoff.py; the
whole award round is tests/browser/test_emulation.py."""

import re

from playwright.sync_api import expect

from danvan.reporting.models import UnitReport


def _report(world, unit_key, title_start):
    return UnitReport.objects.get(
        unit=world.units[unit_key], request__title__startswith=title_start
    )


def _home_then_inbox(login, page, seen, username, walk):
    """Log in, look at the home page, open the reviewer's inbox from it."""
    login(username)
    seen(f"{walk}-01-home")
    page.get_by_role("link", name="Mở hộp thư thẩm định").click()
    expect(page.get_by_role("heading", name="Hộp thư thẩm định")).to_be_visible()
    seen(f"{walk}-02-inbox")


def test_the_council_secretary_records_the_vote(full_world, size, login, page, site, seen):
    login("thuky.ttdvvl")
    seen("secretary-01-home")
    page.get_by_role("link", name="Xem các đợt xét khen thưởng").click()
    page.get_by_role("link", name="Xét khen thưởng năm 2025").click()
    hint = page.locator("#step-hint")
    expect(hint).to_contain_text("Bước tiếp theo: Hội đồng bỏ phiếu.")
    seen("secretary-02-round")
    hint.get_by_role("link", name="mở trang Hội đồng bỏ phiếu").click()
    page.get_by_label("Số thành viên Hội đồng").fill("7")
    page.get_by_label("Số thành viên dự họp").fill("6")
    page.get_by_label("Phiếu đồng ý: Lê Văn Nam – Lao động tiên tiến").fill("6")
    page.get_by_label("Phiếu không đồng ý: Lê Văn Nam – Lao động tiên tiến").fill("0")
    seen("secretary-03-council")
    page.get_by_role("button", name="Ghi kết quả bỏ phiếu").click()
    expect(page.get_by_role("status")).to_contain_text("1 được thông qua")
    # The next step is the unit's: the secretary is told who takes it.
    expect(page.locator("#step-hint")).to_contain_text(
        "Bước này do cán bộ Trung tâm Dịch vụ việc làm Sơn La thực hiện"
    )
    seen("secretary-04-voted")
    steps = page.get_by_role("navigation", name="Các bước của đợt")
    steps.get_by_role("link", name="Gợi ý đề nghị").click()
    expect(page.locator("#step-hint")).to_contain_text("(lập đề nghị khen thưởng)")
    expect(page.get_by_role("columnheader", name="Chọn")).to_have_count(0)
    seen("secretary-05-suggestions")
    steps.get_by_role("link", name="Quyết định", exact=True).click()
    expect(page.locator("#step-hint")).to_contain_text(
        "Bước này do Giám đốc Sở Lao động – Thương binh và Xã hội tỉnh Sơn La thực hiện"
    )
    seen("secretary-06-decision-step")


def test_a_centre_that_signs_its_own_report_sends_it_up(full_world, size, login, page, site, seen):
    report = _report(full_world, "ttbtxh", "Báo cáo kết quả công tác dân vận quý")
    login("canbo.ttctxh")
    seen("centre-01-home")
    page.goto(f"{site}/bao-cao/don-vi/{report.pk}/")
    expect(page.locator("#report-status")).to_have_text("Lãnh đạo đã ký, chờ gửi")
    seen("centre-02-signed-report")
    page.get_by_role("link", name=re.compile("^Gửi báo cáo tới Sở Lao động")).click()
    expect(page.locator(".consequence")).to_contain_text("không sửa được nữa")
    seen("centre-03-send-confirm")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator("#report-status")).to_have_text("Đã gửi, chờ thẩm định")
    seen("centre-04-sent")


def test_the_mass_mobilisation_board_accepts_a_report_and_reads_the_figures(
    full_world, size, login, page, site, seen
):
    _home_then_inbox(login, page, seen, "bandanvan", "board")
    row = page.get_by_role("row").filter(has_text="Sở Nội vụ tỉnh Sơn La")
    row.get_by_role("link", name="Thẩm định").click()
    expect(page.locator(".report-table")).to_contain_text("20")
    seen("board-03-report")
    page.get_by_role("link", name="Chấp nhận báo cáo").click()
    expect(page.locator(".consequence")).to_contain_text("đưa vào tổng hợp")
    seen("board-04-accept-confirm")
    page.get_by_role("button", name="Chấp nhận báo cáo").click()
    expect(page.get_by_text("Đã chấp nhận báo cáo; báo cáo được khóa.")).to_be_visible()
    page.goto(f"{site}/bao-cao/bang-dieu-khien/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    seen("board-05-dashboard")
    page.goto(f"{site}/bao-cao/tong-hop/")
    seen("board-06-rollup")


def test_the_emulation_board_reads_its_inbox_and_the_results(
    full_world, size, login, page, site, seen
):
    _home_then_inbox(login, page, seen, "thidua.snv", "emulation-board")
    page.goto(f"{site}/thi-dua/")
    page.get_by_role("link", name="Tổng hợp kết quả").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng hợp kết quả khen thưởng")
    seen("emulation-board-03-summary")
    page.get_by_role("link", name="Hạn mức").click()
    seen("emulation-board-04-quotas")


def test_a_late_unit_sees_its_deadline_and_saves_its_figures(
    full_world, size, login, page, site, seen
):
    report = _report(full_world, "syt", "Báo cáo kết quả thực hiện phong trào")
    login("canbo.syt")
    expect(page.get_by_text("Báo cáo sắp đến hạn / quá hạn")).to_be_visible()
    seen("late-unit-01-home")
    page.get_by_role("link", name=re.compile("Dân vận khéo” năm 2023")).first.click()
    expect(page).to_have_url(f"{site}/bao-cao/don-vi/{report.pk}/")
    page.get_by_label("Lượt tiếp công dân", exact=True).fill("12")
    seen("late-unit-02-entry")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu báo cáo.")).to_be_visible()
    expect(page.get_by_label("Lượt tiếp công dân", exact=True)).to_have_value("12")
    seen("late-unit-03-saved")


def test_the_administrator_manages_users_and_reads_the_log(
    full_world, size, login, page, site, seen
):
    login("quantri")
    seen("admin-01-home")
    page.goto(f"{site}/tai-khoan/quan-tri/nguoi-dung/")
    expect(page.get_by_role("link", name="thuky.ttdvvl")).to_be_visible()
    seen("admin-02-users")
    page.get_by_role("link", name="thuky.ttdvvl").click()
    expect(page.get_by_text("Thư ký Hội đồng thi đua – khen thưởng").first).to_be_visible()
    seen("admin-03-user")
    page.goto(f"{site}/nhat-ky/")
    seen("admin-04-audit-log")
