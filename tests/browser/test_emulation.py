"""A unit's award round in the browser: suggestions → council vote → public
disclosure → submission with the Tờ trình → appraisal → decision → certificate.

Each step is taken by the persona whose job it is (officer, council secretary,
head of the unit, superior reviewer), through the real pages.
"""

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import expect

LDTT_PEOPLE = ["Lò Thị Anh Hoa", "Trần Văn Dũng", "Hà Thị Thu", "Cầm Văn Minh", "Nguyễn Thị Mai"]


@pytest.fixture
def emulation_world(world):
    from danvan.emulation import demo

    demo.extend(world)
    return world


def _open_round(page, site):
    page.goto(f"{site}/thi-dua/")
    page.get_by_role("link", name="Xét khen thưởng năm 2025").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xét khen thưởng năm 2025")


def _switch(page, login, username):
    page.get_by_role("button", name="Đăng xuất").click()
    login(username)


def test_a_unit_walks_its_round_from_suggestions_to_a_printed_certificate(
    emulation_world, login, page, site, shot
):
    from danvan.emulation.models import AwardRound

    rnd = AwardRound.objects.get(unit=emulation_world.units["ttdvvl"], year=2025)

    # 1. The officer reads the suggestions and nominates the eligible ones.
    login("canbo.ttdvvl")
    _open_round(page, site)
    page.get_by_role("navigation", name="Các bước của đợt").get_by_role(
        "link", name="Gợi ý đề nghị"
    ).click()
    groups = page.get_by_role("navigation", name="Nhóm gợi ý")
    groups.get_by_role("link", name="Gần đạt – còn thiếu một điều kiện").click()
    expect(page.get_by_role("heading", name="Gần đạt – còn thiếu một điều kiện")).to_be_visible()
    expect(page.get_by_text("Bạc Thị Nga").first).to_be_visible()
    shot("emulation-1-suggestions")
    groups.get_by_role("link", name="Đủ tiêu chuẩn").click()
    expect(page.get_by_role("heading", name="Đủ tiêu chuẩn")).to_be_visible()
    for name in LDTT_PEOPLE:
        page.get_by_label(f"Đề nghị Lao động tiên tiến cho {name}").check()
    page.get_by_label("Đề nghị Chiến sĩ thi đua cơ sở cho Nguyễn Thị Mai").check()
    page.get_by_role("button", name="Lập đề nghị cho các mục đã chọn").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lập 6 đề nghị từ gợi ý.")
    shot("emulation-2-round-drafted")

    # 2. The council secretary records the vote.
    _switch(page, login, "thuky.ttdvvl")
    _open_round(page, site)
    page.get_by_role("link", name="Hội đồng bỏ phiếu", exact=True).click()
    page.get_by_label("Ngày họp Hội đồng").fill(dt.date.today().isoformat())
    page.get_by_label("Số thành viên Hội đồng").fill("7")
    page.get_by_label("Số thành viên dự họp").fill("6")
    inputs = page.get_by_label("Phiếu đồng ý:")
    for i in range(inputs.count()):
        inputs.nth(i).fill("6")
    against = page.get_by_label("Phiếu không đồng ý:")
    for i in range(against.count()):
        against.nth(i).fill("0")
    shot("emulation-3-council")
    page.get_by_role("button", name="Ghi kết quả bỏ phiếu").click()
    expect(page.get_by_role("status")).to_contain_text("7 được thông qua")

    # 3. The officer publishes the list; a colleague comments.
    _switch(page, login, "canbo.ttdvvl")
    _open_round(page, site)
    page.get_by_role("link", name="Công khai", exact=True).click()
    page.get_by_role("button", name="Công khai danh sách (5 ngày)").click()
    expect(page.get_by_text("Đang lấy ý kiến")).to_be_visible()
    page.get_by_label("Ý kiến góp ý").fill("Nhất trí với danh sách đề nghị.")
    page.get_by_role("button", name="Gửi góp ý").click()
    expect(page.get_by_text("Nhất trí với danh sách đề nghị.")).to_be_visible()
    shot("emulation-4-disclosure")

    # The disclosure period runs its days.
    AwardRound.objects.filter(pk=rnd.pk).update(
        disclosure_start=dt.date.today() - dt.timedelta(days=7),
        disclosure_end=dt.date.today() - dt.timedelta(days=3),
    )

    # 4. The head signs and submits; the Tờ trình is downloadable.
    _switch(page, login, "giamdoc.ttdvvl")
    _open_round(page, site)
    page.get_by_role("link", name="Trình cấp trên", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tờ trình (DOCX)").click()
    assert download.value.suggested_filename == "to-trinh-khen-thuong-2025.docx"
    page.get_by_role("button", name="Ký và trình đề nghị").click()
    expect(page.locator(".consequence")).to_contain_text("không thêm, sửa hay xóa đề nghị")
    page.get_by_role("button", name="Ký và trình đề nghị").click()
    expect(page.get_by_role("status")).to_contain_text("Đã trình 7 đề nghị")
    shot("emulation-5-submitted")

    # 5. The superior reviewer appraises each nomination (one is returned).
    _switch(page, login, "thamdinh.sldtbxh")
    page.goto(f"{site}/thi-dua/tham-dinh/")
    returned = False
    for _ in range(7):
        page.locator("table tbody").get_by_role("link").nth(1).click()
        expect(page.get_by_role("heading", name="Thẩm định")).to_be_visible()
        if not returned and "Cầm Văn Minh" in page.get_by_role("heading", level=1).inner_text():
            page.get_by_label("Trả lại đơn vị").check()
            page.get_by_label("Ý kiến, lý do trả lại").fill("Chưa kèm bản tóm tắt thành tích.")
            page.get_by_role("button", name="Ghi kết quả thẩm định").click()
            expect(page.get_by_role("status")).to_contain_text("Đã trả lại đề nghị")
            returned = True
        else:
            page.get_by_label("Chấp thuận").check()
            page.get_by_role("button", name="Ghi kết quả thẩm định").click()
            expect(page.get_by_role("status")).to_contain_text("Đã chấp thuận đề nghị.")
        page.goto(f"{site}/thi-dua/tham-dinh/")
    expect(page.get_by_text("Không có đề nghị nào chờ bạn thẩm định.")).to_be_visible()

    # 6. The decision, numbered from the Sở's series; then the certificates.
    _open_round(page, site)
    page.get_by_role("link", name="Quyết định", exact=True).click()
    expect(page.get_by_label("Số quyết định")).not_to_have_value("")
    shot("emulation-6-decide")
    page.get_by_role("button", name="Ban hành quyết định").click()
    expect(page.get_by_role("heading", name="Ban hành quyết định khen thưởng")).to_be_visible()
    expect(page.locator(".consequence")).to_contain_text("không thu hồi được")
    shot("emulation-6b-decision-confirm")
    page.get_by_role("button", name="Ban hành quyết định").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ban hành Quyết định số")
    expect(page.get_by_text("Danh sách được khen thưởng (6)")).to_be_visible()
    shot("emulation-7-decision")
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("link", name="Tải giấy khen để in (PDF)").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")

    # The records now carry the title with its decision number.
    today = dt.date.today()
    page.get_by_role("link", name="Nguyễn Thị Mai").first.click()
    page.get_by_role("link", name="Hồ sơ thi đua", exact=True).first.click()
    row = (
        page.get_by_role("row")
        .filter(has=page.get_by_role("cell", name="2025", exact=True))
        .filter(has_text="Chiến sĩ thi đua cơ sở")
    )
    expect(row).to_contain_text(f"/QĐ-SLĐTBXH ngày {today.day:02d}/{today.month}/{today.year}")
    shot("emulation-8-records")
