"""The Excel import of records: template, preview with per-row errors, apply."""

import io

from openpyxl import Workbook, load_workbook

from danvan.emulation.models import AwardRecord, DisciplinaryAction, Innovation, PerformanceRating


def _workbook(sheets: dict[str, list[list]]) -> bytes:
    from danvan.emulation.excel import SHEETS

    wb = Workbook()
    wb.remove(wb.active)
    for key, rows in sheets.items():
        title, headers, _example = SHEETS[key]
        ws = wb.create_sheet(title)
        ws.append(list(headers))
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(client, unit, data: bytes):
    f = io.BytesIO(data)
    f.name = "ho-so.xlsx"
    return client.post("/thi-dua/nhap/", {"unit": unit.pk, "file": f})


def test_the_template_has_one_sheet_per_record_and_the_codes(demo, client_for):
    response = client_for(demo.users["canbo.ttdvvl"]).get("/thi-dua/nhap/mau.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Xếp loại", "Danh hiệu", "Sáng kiến", "Kỷ luật", "Mã"]
    codes = {row[1] for row in wb["Mã"].iter_rows(values_only=True)}
    assert {"htxs", "lao_dong_tien_tien", "co_so", "khien_trach"} <= codes


def test_the_preview_lists_each_bad_row_and_saves_nothing(demo, client_for, staff):
    before = PerformanceRating.objects.count(), AwardRecord.objects.count()
    data = _workbook(
        {
            "ratings": [
                ["", "Lê Văn Nam", 2026, "", 0],
                ["", "Nguyễn Văn Không Có", 2026, "htt", 0],
                ["", "Hà Thị Thu", 2026, "xuat sac lam", 0],
                ["", "ha thi thu", 2026, "Hoàn thành tốt nhiệm vụ", 2],
            ],
            "titles": [
                ["", "Phạm Văn Long", 2025, "huan_chuong_vang", "", "", ""],
                ["", "Nguyễn Thị Mai", 2024, "chien_si_thi_dua_co_so", "12/QĐ-SLĐTBXH", "", ""],
            ],
            "innovations": [["", "Lê Văn Nam", 2026, "Sổ tay tư vấn", "cap_huyen", "", "", "có"]],
        }
    )
    html = _upload(
        client_for(demo.users["canbo.ttdvvl"]), demo.units["ttdvvl"], data
    ).content.decode()
    assert "thiếu xếp loại" in html
    assert "không có cán bộ “Nguyễn Văn Không Có” trong Trung tâm Dịch vụ việc làm Sơn La" in html
    assert "xếp loại “xuat sac lam” không hợp lệ" in html
    assert "mã danh hiệu “huan_chuong_vang” không có trong danh mục" in html
    assert "đã có Chiến sĩ thi đua cơ sở năm 2024 trong hồ sơ" in html
    assert "phạm vi “cap_huyen” không hợp lệ" in html
    assert "Chưa lưu dữ liệu nào" in html and 'name="confirm"' not in html
    assert (PerformanceRating.objects.count(), AwardRecord.objects.count()) == before


def test_a_clean_file_is_previewed_then_saved_in_one_go(demo, client_for, staff):
    client = client_for(demo.users["canbo.ttdvvl"])
    data = _workbook(
        {
            "ratings": [
                ["", "Lê Văn Nam", 2026, "htxs", 1],
                ["", "do thi hang", 2026, "HTT", None],
            ],
            "titles": [
                ["", "Lê Văn Nam", 2021, "LĐTT", "40/QĐ-SLĐTBXH", "20/01/2022", "Sở LĐTBXH", "có"]
            ],
            "innovations": [
                ["", "Lê Văn Nam", 2026, "Sổ tay tư vấn", "co_so", "Trung tâm", "", "có"]
            ],
            "discipline": [["", "Bạc Thị Nga", "Khiển trách", "02/3/2026", "", "9/QĐ-TTDVVL"]],
        }
    )
    html = _upload(client, demo.units["ttdvvl"], data).content.decode()
    assert "5 dòng; 0 dòng có lỗi" in html
    assert not PerformanceRating.objects.filter(year=2026).exists()
    token = html.split('name="confirm" value="')[1].split('"')[0]
    response = client.post("/thi-dua/nhap/", {"confirm": token}, follow=True)
    assert "Đã nhập: 2 xếp loại, 1 danh hiệu, 1 sáng kiến, 1 kỷ luật." in response.content.decode()
    nam = staff["Lê Văn Nam"]
    assert nam.ratings.get(year=2026).leave_working_days == 1
    assert staff["Đỗ Thị Hằng"].ratings.get(year=2026).leave_working_days is None
    record = AwardRecord.objects.get(staff=nam, year=2021)
    assert (record.title, record.decision_number) == ("lao_dong_tien_tien", "40/QĐ-SLĐTBXH")
    assert record.theme_based
    assert Innovation.objects.get(staff=nam, year=2026).applied is True
    assert DisciplinaryAction.objects.filter(
        staff=staff["Bạc Thị Nga"], level="khien_trach"
    ).exists()
    # The same token cannot be used twice.
    again = client.post("/thi-dua/nhap/", {"confirm": token}, follow=True)
    assert "Bản xem trước đã hết hạn" in again.content.decode()


def test_a_file_that_is_not_a_workbook_gets_a_clear_message(demo, client_for):
    html = _upload(
        client_for(demo.users["canbo.ttdvvl"]), demo.units["ttdvvl"], b"not an xlsx"
    ).content.decode()
    assert "Không đọc được tệp: hãy dùng tệp Excel .xlsx theo mẫu tải về." in html


def test_the_outsider_cannot_import_into_another_branch(demo, client_for):
    client = client_for(demo.users["canbo.syt"])
    data = _workbook({"ratings": [["", "Lê Văn Nam", 2026, "htxs", 0]]})
    response = _upload(client, demo.units["ttdvvl"], data)
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not PerformanceRating.objects.filter(year=2026).exists()


def test_a_certificate_pdf_is_made_by_libreoffice(demo, client_for, round_2024, staff):
    nomination = round_2024.nominations.get(
        staff=staff["Nguyễn Thị Mai"], title="chien_si_thi_dua_co_so"
    )
    response = client_for(demo.users["canbo.ttdvvl"]).get(
        f"/thi-dua/de-nghi/{nomination.pk}/giay-khen.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_replacing_a_stored_rating_shows_old_and_new_and_needs_a_confirm(demo, client_for, staff):
    client = client_for(demo.users["canbo.ttdvvl"])
    nam = staff["Lê Văn Nam"]
    PerformanceRating.objects.update_or_create(staff=nam, year=2026, defaults={"rating": "ht"})
    data = _workbook({"ratings": [["", "Lê Văn Nam", 2026, "htxs", 0]]})
    html = _upload(client, demo.units["ttdvvl"], data).content.decode()
    assert (
        "ghi đè" in html and "Năm 2026: hoàn thành nhiệm vụ → hoàn thành xuất sắc nhiệm vụ" in html
    )
    token = html.split('name="confirm" value="')[1].split('"')[0]
    refused = client.post("/thi-dua/nhap/", {"confirm": token}, follow=True)
    assert "xác nhận ghi đè" in refused.content.decode()
    assert nam.ratings.get(year=2026).rating == "ht"
    client.post("/thi-dua/nhap/", {"confirm": token, "ghi_de": "1"})
    assert nam.ratings.get(year=2026).rating == "htxs"


def test_a_formula_without_value_is_a_row_error(demo, client_for, staff):
    data = _workbook({"ratings": [["", "Lê Văn Nam", "=2020+6", "htxs", 0]]})
    html = _upload(
        client_for(demo.users["canbo.ttdvvl"]), demo.units["ttdvvl"], data
    ).content.decode()
    assert "ô chứa công thức, không có giá trị (C2)" in html
    assert not PerformanceRating.objects.filter(year=2026).exists()
