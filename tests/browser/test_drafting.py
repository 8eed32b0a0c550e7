"""A person drafts a report from the unit's data, previews it with its sources,
generates and downloads the DOCX (and PDF), and the head issues it."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect


@pytest.fixture
def demo(world):
    from danvan.web.demo import load_all

    return load_all()


def test_generate_preview_download_and_issue_a_report(demo, login, page, site, shot, tmp_path):
    from danvan.drafting.models import Draft
    from danvan.reporting.models import UnitReport

    report = UnitReport.objects.get(unit=demo.units["ttdvvl"], request__period="2022-H1")
    login("canbo.ttdvvl")
    page.get_by_role("link", name="Soạn văn bản").first.click()
    expect(page.get_by_role("heading", name="Soạn thảo văn bản")).to_be_visible()
    page.locator(f'a[href="/soan-thao/bao-cao/{report.pk}/soan/"]').click()
    page.get_by_role("button", name="Soạn văn bản").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Báo cáo: Kết quả công tác")
    # Every figure links to its source.
    figure = page.locator("a.fig", has_text="8.794").first
    figure.click()
    source = page.locator(f"#{figure.get_attribute('href').lstrip('#')}")
    expect(source).to_contain_text("Câu trong văn bản lưu trữ")
    expect(source).to_contain_text("8.794 lượt người đạt 103%")
    shot("drafting-preview")

    page.get_by_role("button", name=re.compile("^Tạo tệp DOCX")).click()
    expect(page.get_by_text("Đã tạo tệp phiên bản 1")).to_be_visible(timeout=60_000)
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"^Tải DOCX \(phiên bản 1\)")).click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.read_bytes()[:2] == b"PK"
    if page.get_by_role("link", name="Tải PDF").count():
        with page.expect_download() as pdf_info:
            page.get_by_role("link", name="Tải PDF").first.click()
        assert pdf_info.value.suggested_filename.endswith(".pdf")
    shot("drafting-files")
    draft_url = page.url

    # The officer has no "Ban hành"; the head issues.
    expect(page.get_by_role("button", name="Ban hành (cấp số, khóa)")).to_have_count(0)
    page.context.clear_cookies()
    login("giamdoc.ttdvvl")
    page.goto(draft_url)
    page.get_by_role("button", name="Ban hành (cấp số, khóa)").click()
    expect(page.locator(".consequence")).to_contain_text("không thu hồi được")
    page.get_by_role("button", name="Ban hành (cấp số, khóa)").click()
    expect(page.get_by_text("Đã ban hành văn bản số 01/BC-TTDVVL")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Bản ban hành (khóa)")).to_be_visible()
    expect(page.get_by_role("link", name="Sửa dự thảo")).to_have_count(0)
    shot("drafting-issued")
    page.get_by_role("link", name="Sổ đăng ký văn bản").click()
    # The demo's signed reports of 2022 and 2023 hold 01/BC-TTDVVL of their own years.
    this_year = page.get_by_role("row").filter(has_text=f"/{timezone.localdate().year}")
    expect(this_year.get_by_role("cell", name="01/BC-TTDVVL", exact=True)).to_be_visible()
    shot("drafting-register")
    draft = Draft.objects.get(symbol="01/BC-TTDVVL", issued_on__year=timezone.localdate().year)
    assert draft.is_issued and draft.files.filter(issued=True).count() == 1
