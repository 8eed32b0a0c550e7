"""The reporting cycle in the browser, exactly as the issue's "done when" says:
a reviewer issues a request, two units fill and submit it (one late), the
reviewer returns one with a reason, accepts the other, and sees completeness
and roll-ups on the dashboard."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.core.periods import Period, cutoff_window
from tests.browser.conftest import pick_unit


@pytest.fixture
def planning_world(world):
    from danvan.planning import demo as planning_demo

    planning_demo.extend(world)
    return world


def _logout(page):
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state("networkidle")


def _period_and_deadline():
    """A month whose data window has closed, and a deadline a few days ahead."""
    today = timezone.localdate()
    month = Period.month(today.year, today.month)
    if today.day < 16:
        month = month.previous()
    deadline = max(today + dt.timedelta(days=5), cutoff_window(month)[1] + dt.timedelta(days=5))
    return month, deadline


def _fill_and_submit(page, site, tv, kn, text, login, officer, head=None):
    """Fill, propose to the head, the head signs, the unit sends (the sign-off chain)."""
    page.goto(f"{site}/bao-cao/")
    page.get_by_role("link", name="Báo cáo nhanh kết quả tư vấn việc làm").first.click()
    expect(page.locator("#lock")).to_contain_text("Đang mở để sửa")
    page.get_by_label("Tư vấn chính sách, việc làm, học nghề", exact=True).fill(tv)
    page.get_by_label("Kết nối việc làm thành công", exact=True).fill(kn)
    page.get_by_label("1. Kết quả nổi bật").fill(text)
    page.get_by_role("button", name="Lưu và trình lãnh đạo duyệt").click()
    page.get_by_role("button", name="Trình lãnh đạo duyệt").click()
    page.wait_for_load_state("networkidle")
    url = page.url
    if head:
        _logout(page)
        login(head)
        page.goto(url)
    page.get_by_role("link", name="Duyệt và ký (cấp số)").click()
    page.get_by_role("button", name="Duyệt, ký và cấp số").click()
    page.wait_for_load_state("networkidle")
    if head:
        _logout(page)
        login(officer)
        page.goto(url)
    page.get_by_role("link", name=re.compile("^Gửi báo cáo tới")).click()
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("#report-status")).to_have_text("Đã gửi, chờ thẩm định")
    expect(page.locator("#lock")).to_contain_text("Đang khóa")


def test_a_request_is_issued_filled_by_two_units_reviewed_and_rolled_up(
    planning_world, login, page, site, shot
):
    world = planning_world
    month, deadline = _period_and_deadline()

    # 1. The reviewer of Sở LĐ-TB&XH issues the request to two of its centres.
    login("thamdinh.sldtbxh")
    page.goto(f"{site}/bao-cao/")
    page.get_by_role("link", name="Phát hành yêu cầu báo cáo").click()
    page.get_by_label("Tên báo cáo").fill("Báo cáo nhanh kết quả tư vấn việc làm")
    page.get_by_label("Kỳ báo cáo").select_option(month.code)
    page.get_by_label("Hạn nộp").fill(deadline.isoformat())
    page.get_by_label("Nhắc trước hạn (ngày)").fill("7")
    page.get_by_label("Chọn từng đơn vị trong danh sách").check()
    pick_unit(page, "Danh sách đơn vị", "Trung tâm Dịch vụ việc làm Sơn La", "Dịch vụ việc làm")
    pick_unit(page, "Danh sách đơn vị", "Trung tâm Công tác xã hội tỉnh Sơn La", "Công tác xã hội")
    page.get_by_role("checkbox", name=world.indicators["TV_LUOT"].name, exact=True).check()
    page.get_by_role("checkbox", name=world.indicators["KN_LD"].name, exact=True).check()
    page.get_by_label("Đề cương (mỗi dòng một đề mục)").fill(
        "1. Kết quả nổi bật\n2. Đề xuất, kiến nghị"
    )
    shot("reporting-01-request-form")
    page.get_by_role("button", name="Phát hành").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("Đã phát hành yêu cầu báo cáo tới 2 đơn vị.")).to_be_visible()
    request_url = page.url
    _logout(page)

    # 2. Trung tâm Dịch vụ việc làm fills and submits it on time.
    login("canbo.ttdvvl")
    expect(page.get_by_text("Báo cáo sắp đến hạn / quá hạn")).to_be_visible()
    _fill_and_submit(
        page,
        site,
        "1.250",
        "310",
        "Tổ chức 12 hội nghị tư vấn tại các huyện.",
        login,
        "canbo.ttdvvl",
        "giamdoc.ttdvvl",
    )
    expect(page.get_by_text("nộp muộn")).to_have_count(0)
    shot("reporting-02-submitted-on-time")
    _logout(page)

    # 3. Days pass: the deadline (and its grace days) is now behind us.
    from danvan.reporting.models import ReportRequest

    req = ReportRequest.objects.get(title="Báo cáo nhanh kết quả tư vấn việc làm")
    ReportRequest.objects.filter(pk=req.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=2), grace_days=1
    )

    # 4. Trung tâm Công tác xã hội submits late: accepted, and marked late.
    login("canbo.ttctxh")
    _fill_and_submit(
        page, site, "140", "12", "Tư vấn cho người có hoàn cảnh khó khăn.", login, "canbo.ttctxh"
    )
    expect(page.get_by_text("được ghi nhận là nộp muộn")).to_be_visible()
    expect(page.locator(".badge", has_text="nộp muộn").first).to_be_visible()
    shot("reporting-03-submitted-late")
    _logout(page)

    # 5. The reviewer sees both in, one late; returns the late one, accepts the other.
    login("thamdinh.sldtbxh")
    page.goto(request_url)
    progress = page.locator("#progress")
    expect(progress).to_contain_text("Tổng: 2/2 đơn vị đã nộp")
    expect(page.get_by_role("heading", name="Danh sách chậm nộp")).to_be_visible()
    late_table = page.locator("section", has=page.get_by_role("heading", name="Danh sách chậm nộp"))
    expect(late_table).to_contain_text("Trung tâm Công tác xã hội tỉnh Sơn La")
    expect(late_table).not_to_contain_text("Trung tâm Dịch vụ việc làm Sơn La")
    shot("reporting-04-request-progress")

    reports = page.locator(
        "section", has=page.get_by_role("heading", name="Báo cáo của các đơn vị")
    )
    reports.get_by_role("link", name="Trung tâm Công tác xã hội tỉnh Sơn La").click()
    page.get_by_label("Lý do trả lại").fill(
        "Đề nghị bổ sung số liệu kết nối việc làm theo từng huyện."
    )
    page.get_by_role("button", name="Trả lại báo cáo").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("#report-status")).to_have_text("Bị trả lại")

    page.goto(request_url)
    reports.get_by_role("link", name="Trung tâm Dịch vụ việc làm Sơn La").click()
    # the month's value (the year-to-date column repeats it: the first month with figures)
    expect(page.get_by_role("cell", name="1.250", exact=True).first).to_be_visible()
    page.get_by_role("link", name="Chấp nhận báo cáo").click()
    page.get_by_role("button", name="Chấp nhận báo cáo").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("#report-status")).to_have_text("Đã chấp nhận")
    expect(page.locator("#lock")).to_contain_text("chấp nhận")
    shot("reporting-05-accepted")

    # 6. Completeness after review, and the roll-ups on the dashboard.
    page.goto(request_url)
    expect(progress).to_contain_text("Tổng: 1/2 đơn vị đã nộp – đầy đủ 50%")
    expect(page.locator("#chart-0.js-plotly-plot")).to_be_visible()
    page.get_by_role("link", name="Bảng điều khiển").click()
    page.locator("select[name=nam]").select_option(str(month.year))
    page.locator("select[name=ky]").select_option(month.code.split("-", 1)[1])
    page.get_by_role("button", name="Xem").click()
    page.wait_for_load_state("networkidle")
    table = page.locator("section", has=page.get_by_role("heading", name=re.compile("Chỉ tiêu –")))
    # Only the accepted report counts: the returned one is being corrected.
    expect(table.get_by_role("row", name=re.compile("Tư vấn chính sách"))).to_contain_text("1.250")
    expect(page.locator("#chart-0.js-plotly-plot")).to_be_visible()
    requests = page.locator(
        "section", has=page.get_by_role("heading", name="Tình hình nộp báo cáo")
    )
    expect(requests.get_by_role("row", name=re.compile("Báo cáo nhanh kết quả"))).to_contain_text(
        "50%"
    )
    shot("reporting-06-dashboard")

    # Drill down from the dashboard to the units and to the source of the value.
    table.get_by_role("link", name="Tư vấn chính sách, việc làm, học nghề").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name=re.compile("Tổng hợp"))).to_be_visible()
    page.get_by_role("link", name="Trung tâm Dịch vụ việc làm Sơn La").first.click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="1.250").first.click()
    expect(page.get_by_role("heading", name="Nguồn số liệu")).to_be_visible()
    expect(page.get_by_text("Nhập tay")).to_be_visible()
    shot("reporting-07-value-source")
