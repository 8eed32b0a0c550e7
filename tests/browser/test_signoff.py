"""The sign-off chain in the browser, at 1366×768 and at 390×844: the officer proposes the report,
the head returns it with a reason, the officer corrects and proposes again, the
head signs it as deputy (KT.), the officer sends it, the superior reads the data
and the signed document, returns it, and reminds an overdue unit."""

import re

from playwright.sync_api import expect

from .conftest import logout


def _logout(page):
    logout(page)


def _click(page, name, role="button"):
    page.get_by_role(role, name=name).first.click()
    page.wait_for_load_state("networkidle")


def test_officer_head_superior_and_back_with_a_return(full_world, size, login, page, site, seen):
    from danvan.reporting.models import ReportRequest

    chain_world = full_world
    quick = ReportRequest.objects.get(title__startswith="Báo cáo nhanh")
    report = quick.reports.get(unit=chain_world.units["ttdvvl"])
    url = f"{site}/bao-cao/don-vi/{report.pk}/"

    # 1. The officer fills the report and hands it to the head.
    login("canbo.ttdvvl")
    page.goto(url)
    seen("signoff-00-entry")
    page.get_by_label("Tư vấn chính sách, việc làm, học nghề", exact=True).fill("1.250")
    page.get_by_label("Kết nối việc làm thành công", exact=True).fill("310")
    page.get_by_label("Lượt tiếp công dân", exact=True).fill("4")
    page.get_by_label("1. Tình hình, kết quả nổi bật").fill("Tổ chức 12 hội nghị tư vấn.")
    _click(page, "Lưu và trình lãnh đạo duyệt")
    expect(page.get_by_role("heading", name="Trình lãnh đạo duyệt")).to_be_visible()
    expect(page.locator(".consequence")).to_contain_text("khóa lại")
    seen("signoff-01-propose-confirm")
    _click(page, "Trình lãnh đạo duyệt")
    expect(page.get_by_text("Đã trình lãnh đạo đơn vị duyệt báo cáo.")).to_be_visible()
    expect(page.locator("#report-status")).to_have_text("Chờ lãnh đạo duyệt")
    expect(page.locator("#step-hint")).to_contain_text("Bước này do Giám đốc")
    expect(page.get_by_role("button", name="Lưu", exact=True)).to_have_count(0)
    _logout(page)

    # 2. The head finds it on the home page and returns it with a reason.
    login("giamdoc.ttdvvl")
    panel = page.locator("section", has=page.get_by_role("heading", name="Chờ lãnh đạo duyệt, ký"))
    expect(panel).to_contain_text("Trung tâm Dịch vụ việc làm Sơn La")
    seen("signoff-02-head-home")
    panel.get_by_role("link", name=quick.title).first.click()
    page.get_by_label("Lý do trả lại cho cán bộ soạn").fill("Bổ sung kiến nghị ở mục 2.")
    _click(page, "Trả lại để sửa")
    expect(page.locator("#report-status")).to_have_text("Bị trả lại")
    _logout(page)

    # 3. The officer sees why, corrects and proposes again.
    login("canbo.ttdvvl")
    back = page.locator("section", has=page.get_by_role("heading", name="Bị trả lại, cần sửa"))
    expect(back).to_contain_text("Bổ sung kiến nghị")
    page.goto(url)
    expect(page.locator("#lock")).to_contain_text("Bổ sung kiến nghị ở mục 2.")
    page.get_by_label("2. Đề xuất, kiến nghị").fill("Đề nghị bổ sung kinh phí tư vấn lưu động.")
    _click(page, "Lưu và trình lãnh đạo duyệt")
    _click(page, "Trình lãnh đạo duyệt")
    _logout(page)

    # 4. The head signs as deputy (KT. GIÁM ĐỐC): a number, the report locked.
    login("giamdoc.ttdvvl")
    page.goto(url)
    _click(page, "Duyệt và ký (cấp số)", role="link")
    expect(page.locator(".consequence")).to_contain_text("không thu hồi được")
    page.get_by_label("Ký với chức vụ").select_option("Phó giám đốc")
    seen("signoff-03-sign-confirm")
    _click(page, "Duyệt, ký và cấp số")
    expect(page.locator("#report-status")).to_have_text("Lãnh đạo đã ký, chờ gửi")
    expect(page.locator("#signed-doc")).to_contain_text("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC")
    expect(page.locator("#signed-doc")).to_contain_text("/BC-TTDVVL")
    seen("signoff-04-signed")
    _logout(page)

    # 5. The officer sends the signed report to the Sở.
    login("canbo.ttdvvl")
    page.goto(url)
    page.get_by_role("link", name=re.compile("^Gửi báo cáo tới Sở Lao động")).click()
    expect(page.locator(".consequence")).to_contain_text("không sửa được nữa")
    _click(page, "Gửi báo cáo")
    expect(page.locator("#report-status")).to_have_text("Đã gửi, chờ thẩm định")
    _logout(page)

    # 6. The superior: inbox, the data and the signed document, no unit buttons; a return.
    login("thamdinh.sldtbxh")
    _click(page, "Mở hộp thư thẩm định", role="link")
    expect(page.get_by_role("heading", name="Hộp thư thẩm định")).to_be_visible()
    row = page.get_by_role("row", name=quick.title).filter(has_text="Trung tâm Dịch vụ việc làm")
    expect(row).to_be_visible()
    seen("signoff-05-inbox")
    row.get_by_role("link", name="Thẩm định").click()
    seen("signoff-05b-review")
    expect(page.locator(".report-table")).to_contain_text("1.250")
    for unit_button in ("Lưu", "Lưu và trình lãnh đạo duyệt", "Thu hồi để sửa"):
        expect(page.get_by_role("button", name=unit_button, exact=True)).to_have_count(0)
    _click(page, "Xem văn bản đã ký", role="link")
    expect(page.get_by_text("Đã ban hành")).to_be_visible()
    expect(page.locator(".paper")).to_contain_text("1.250")
    seen("signoff-06-signed-document")
    page.goto(url)
    page.get_by_label("Lý do trả lại", exact=True).fill("Đề nghị tách số liệu theo huyện.")
    _click(page, "Trả lại báo cáo")
    expect(page.locator("#report-status")).to_have_text("Bị trả lại")

    # Overdue units, including one that never opened its report, get a reminder.
    page.goto(f"{site}/bao-cao/hop-thu/?loai=qua-han")
    overdue = page.get_by_role("row").filter(has_text="Cơ sở Cai nghiện ma túy tỉnh Sơn La")
    expect(overdue).to_contain_text("Chưa gửi")
    overdue.get_by_role("link", name="Nhắc hạn").click()
    page.wait_for_load_state("networkidle")
    _click(page, "Nhắc hạn")
    expect(page.get_by_text("Đã nhắc hạn Cơ sở Cai nghiện ma túy tỉnh Sơn La.")).to_be_visible()
    seen("signoff-07-reminded")
    _logout(page)

    # 7. Back at the unit: the return and its reason.
    login("canbo.ttdvvl")
    page.goto(url)
    expect(page.locator("#lock")).to_contain_text("Đề nghị tách số liệu theo huyện.")
    expect(page.get_by_role("link", name="Trình lãnh đạo duyệt")).to_be_visible()
    seen("signoff-08-back-at-the-unit")
