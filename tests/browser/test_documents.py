"""The archive in the browser: upload, search, read, correct, follow a citation."""

from pathlib import Path

from playwright.sync_api import expect

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def test_an_officer_uploads_searches_reads_and_corrects_a_document(
    login, page, site, shot, tmp_path
):
    empty = tmp_path / "rỗng.txt"
    empty.write_bytes(b"")
    login("canbo.ttdvvl")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Văn bản", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Kho văn bản")).to_be_visible()
    page.get_by_role("link", name="Nạp văn bản").click()
    page.get_by_label("Tệp văn bản").set_input_files(
        [str(p) for p in sorted(SAMPLES.glob("*.txt"))] + [str(empty)]
    )
    page.get_by_role("button", name="Nạp").click()
    results = page.locator("table.results")
    expect(results).to_contain_text("dvk-6thang-2022-ttdvvl-sonla.txt")
    expect(results.locator("td.status-imported")).to_have_count(3)
    expect(results).to_contain_text("Tệp rỗng")
    shot("documents-upload")

    page.goto(f"{site}/van-ban/")
    search = page.get_by_label("Tìm kiếm")
    search.fill("dan van kheo")
    search.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Tìm thấy")
    link = page.get_by_role(
        "link", name="Kết quả phong trào thi đua “Dân vận khéo” 6 tháng", exact=False
    )
    link.first.click()
    expect(page.locator("mark.fig").first).to_be_visible()
    expect(page.locator("mark.cit").first).to_be_visible()
    expect(page.get_by_role("heading", name="Kiểm tra", exact=False)).to_be_visible()
    shot("documents-detail")

    page.get_by_role("link", name="Sửa thông tin").click()
    page.get_by_label("Số, ký hiệu").fill("42/BC-TTDVVL")
    page.get_by_label("Ngày ban hành").fill("05/7/2022")
    page.get_by_role("button", name="Lưu hiệu chỉnh").click()
    expect(page.get_by_text("Đã lưu hiệu chỉnh")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("42/BC-TTDVVL")
    expect(page.get_by_text("Đã hiệu chỉnh thủ công: Số, ký hiệu, Ngày ban hành")).to_be_visible()

    page.get_by_role("button", name="Trích xuất lại").click()
    expect(page.get_by_text("Đã trích xuất lại văn bản")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("42/BC-TTDVVL")

    page.get_by_role("link", name="Chỉ thị số 11-CT/TU").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("11-CT/TU")
    expect(page.get_by_role("heading", name="Văn bản dẫn chiếu", exact=False)).to_contain_text(
        "(2)"
    )
    shot("documents-reference")


def test_an_outsider_sees_none_of_another_branchs_documents(login, page, site, world):
    from danvan.documents import services

    outcome = services.import_path(
        world.admin, world.units["ttdvvl"], SAMPLES / "dvk-6thang-2022-ttdvvl-sonla.txt"
    )
    login("canbo.syt")
    page.goto(f"{site}/van-ban/?q=dan+van+kheo")
    expect(page.get_by_text("Không có văn bản nào phù hợp.")).to_be_visible()
    response = page.goto(f"{site}/van-ban/{outcome.document_id}/")
    assert response.status == 404
