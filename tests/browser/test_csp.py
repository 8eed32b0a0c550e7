"""The main pages, with the demo data, under the real Content-Security-Policy in
chromium: no violation is reported, and the plotly charts still draw."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from danvan.accounts.demo import DEMO_PASSWORD


@pytest.fixture
def full_world(transactional_db, live_server):
    from danvan.web.demo import load_all

    return load_all()


def _urls(world) -> list[str]:
    from danvan.drafting.models import Draft
    from danvan.orgunits.models import StaffMember
    from danvan.planning.models import Movement
    from danvan.reporting.models import ReportRequest, UnitReport

    ttdvvl = world.units["ttdvvl"]
    urls = [
        "/",
        "/don-vi/",
        f"/don-vi/{ttdvvl.pk}/",
        "/nhat-ky/",
        "/van-ban/",
        "/ke-hoach/",
        "/bao-cao/",
        "/bao-cao/bang-dieu-khien/",
        "/thi-dua/",
        "/soan-thao/",
        "/cong-dan/",
        "/tai-khoan/ma-truy-cap/",
        "/tai-khoan/quan-tri/nguoi-dung/",
        "/api/v1/docs",
    ]
    staff = StaffMember.objects.filter(unit=ttdvvl).first()
    if staff:
        urls.append(f"/don-vi/can-bo/{staff.pk}/")
    movement = Movement.objects.first()
    if movement:
        urls.append(f"/ke-hoach/phong-trao/{movement.pk}/")
    request = ReportRequest.objects.first()
    if request:
        urls.append(f"/bao-cao/yeu-cau/{request.pk}/")
    report = UnitReport.objects.filter(unit=ttdvvl).first()
    if report:
        urls.append(f"/bao-cao/don-vi/{report.pk}/")
    draft = Draft.objects.first()
    if draft:
        urls.append(f"/soan-thao/du-thao/{draft.pk}/")
    return urls


def test_the_main_pages_report_no_csp_violation(page, live_server, full_world):
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: (
            violations.append(f"{page.url}: {msg.text}")
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(full_world.admin.username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("networkidle")
    opened = []
    for url in _urls(full_world):
        response = page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("networkidle")
        opened.append((url, response.status if response else None))
        if url == "/bao-cao/bang-dieu-khien/" and page.locator("#chart-0").count():
            expect(page.locator("#chart-0.js-plotly-plot")).to_be_visible()
            expect(page.locator("#chart-0 svg.main-svg").first).to_be_visible()
    assert all(status == 200 for _url, status in opened), opened
    assert violations == [], "\n".join(violations)
