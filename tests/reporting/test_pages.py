import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from danvan.reporting import services
from danvan.reporting.models import IndicatorValue, ReportRequest, ReportStatus

from .chain import send_up


@pytest.fixture
def fresh(demo, ind, reviewer):
    """A request for 2024-H1 to the Trung tâm and the Trung tâm CTXH."""
    return services.create_request(
        reviewer,
        requester_unit=demo.units["sldtbxh"],
        title="Báo cáo 6 tháng 2024",
        period="2024-H1",
        deadline=dt.date(2024, 6, 20),
        units=[demo.units["ttdvvl"], demo.units["ttbtxh"]],
        indicators=[ind["TV_LUOT"], ind["KN_LD"], ind["TL_BHTN"]],
        headings=["1. Kết quả", "2. Đề xuất"],
    )


def _report(req, demo, key="ttdvvl"):
    return req.reports.get(unit=demo.units[key])


def test_the_pages_open_for_the_reviewer(demo, client_for, reviewer):
    c = client_for(reviewer)
    req = ReportRequest.objects.get(period="2023-H1")
    for url in [
        "/bao-cao/",
        "/bao-cao/yeu-cau/moi/",
        f"/bao-cao/yeu-cau/{req.pk}/",
        f"/bao-cao/yeu-cau/{req.pk}/tien-do/",
        f"/bao-cao/don-vi/{req.reports.first().pk}/",
        "/bao-cao/bang-dieu-khien/",
        "/bao-cao/tong-hop/",
        "/bao-cao/so-sanh/",
    ]:
        assert c.get(url).status_code == 200, url


def test_the_request_page_shows_completeness_and_the_late_list(demo, client_for, reviewer):
    req = ReportRequest.objects.get(period="2023-H1")
    page = client_for(reviewer).get(f"/bao-cao/yeu-cau/{req.pk}/").content.decode()
    assert "Danh sách chậm nộp" in page and "Quá hạn, chưa nộp" in page
    assert "Cơ sở Cai nghiện ma túy tỉnh Sơn La" in page
    assert "Tỷ lệ đầy đủ = số đã nộp / số đơn vị phải báo cáo" in page


def test_the_outsider_gets_404_everywhere(demo, client_for, outsider):
    c = client_for(outsider)
    req = ReportRequest.objects.get(period="2023-H1")
    report = req.reports.first()
    value = IndicatorValue.objects.filter(unit=demo.units["ttdvvl"]).first()
    for url in [
        f"/bao-cao/yeu-cau/{req.pk}/",
        f"/bao-cao/yeu-cau/{req.pk}/excel/",
        f"/bao-cao/don-vi/{report.pk}/",
        f"/bao-cao/don-vi/{report.pk}/excel/",
        f"/bao-cao/so-lieu/{value.pk}/",
        f"/bao-cao/tong-hop/?unit={demo.units['sldtbxh'].pk}",
    ]:
        assert c.get(url).status_code == 404, url
    assert c.post(f"/bao-cao/don-vi/{report.pk}/accept/").status_code == 404


def test_the_cross_tree_requester_reads_the_submitted_report_only(demo, client_for):
    c = client_for(demo.users["bandanvan"])
    req = ReportRequest.objects.get(requester_unit=demo.units["bdvtu"])
    sent = req.reports.get(unit=demo.units["sldtbxh"])
    draft = req.reports.get(unit=demo.units["syt"])
    assert c.get(f"/bao-cao/don-vi/{sent.pk}/").status_code == 200
    assert c.get(f"/bao-cao/don-vi/{draft.pk}/").status_code == 404
    page = c.get(f"/bao-cao/yeu-cau/{req.pk}/").content.decode()
    assert "Sở Y tế tỉnh Sơn La" in page  # its status is visible (not yet sent), not its content


def test_a_unit_fills_saves_and_submits_through_the_page(
    fresh, demo, ind, client_for, officer, head
):
    c = client_for(officer)
    report = _report(fresh, demo)
    heading = fresh.headings.first()
    r = c.post(
        f"/bao-cao/don-vi/{report.pk}/",
        {
            "version": report.version,
            f"section-{heading.pk}": "Kết quả nổi bật",
            f"value-{ind['TV_LUOT'].pk}": "9.100",
            f"value-{ind['KN_LD'].pk}": "1.200",
            "then": "propose",
        },
    )
    assert r.status_code == 302 and r["Location"].endswith("/trinh-duyet/")
    confirm = c.get(r["Location"]).content.decode()
    assert "Trình lãnh đạo duyệt" in confirm and "khóa lại" in confirm
    c.post(r["Location"])
    report.refresh_from_db()
    assert report.status == ReportStatus.PENDING
    h = client_for(head)
    assert "Chờ lãnh đạo duyệt, ký" in h.get("/").content.decode()
    sign = h.get(f"/bao-cao/don-vi/{report.pk}/ky/").content.decode()
    assert "Số đã cấp không thu hồi được" in sign
    h.post(f"/bao-cao/don-vi/{report.pk}/ky/", {"name": "Lò Thị Anh Hoa", "position": "Giám đốc"})
    report.refresh_from_db()
    assert report.status == ReportStatus.SIGNED and report.signed_symbol.endswith("/BC-TTDVVL")
    assert "Gửi báo cáo tới" in c.get(f"/bao-cao/don-vi/{report.pk}/").content.decode()
    r = c.post(f"/bao-cao/don-vi/{report.pk}/gui/")
    assert r.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.late
    page = c.get(f"/bao-cao/don-vi/{report.pk}/").content.decode()
    assert "nộp muộn" in page and "Đang khóa" in page and "Thu hồi để sửa" in page


def test_a_stale_save_is_refused_on_the_page_and_keeps_what_was_typed(
    fresh, demo, ind, client_for, officer, head
):
    report = _report(fresh, demo)
    heading = fresh.headings.first()
    client_for(head).post(
        f"/bao-cao/don-vi/{report.pk}/", {"version": 1, f"section-{heading.pk}": "Bản của lãnh đạo"}
    )
    r = client_for(officer).post(
        f"/bao-cao/don-vi/{report.pk}/", {"version": 1, f"section-{heading.pk}": "Bản của tôi"}
    )
    assert r.status_code == 409
    page = r.content.decode()
    assert "vừa được" in page and "Bản của tôi" in page
    assert report.sections.get(heading=heading).text == "Bản của lãnh đạo"


def test_a_bad_figure_on_the_page_is_explained_next_to_it(fresh, demo, ind, client_for, officer):
    report = _report(fresh, demo)
    r = client_for(officer).post(
        f"/bao-cao/don-vi/{report.pk}/", {"version": 1, f"value-{ind['TV_LUOT'].pk}": "-3"}
    )
    assert r.status_code == 400
    assert "không nhận số âm" in r.content.decode() and 'value="-3"' in r.content.decode()


def test_the_reviewer_returns_with_a_reason_and_accepts(
    fresh, demo, ind, client_for, officer, reviewer
):
    report = _report(fresh, demo)
    services.save_report(
        officer, report, version=1, values={ind["TV_LUOT"].pk: "5", ind["KN_LD"].pk: "1"}
    )
    send_up(officer, report)
    c = client_for(reviewer)
    c.post(f"/bao-cao/don-vi/{report.pk}/return/", {"reason": ""})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    c.post(f"/bao-cao/don-vi/{report.pk}/return/", {"reason": "Thiếu mục 2"})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    page = client_for(officer).get(f"/bao-cao/don-vi/{report.pk}/").content.decode()
    assert "Thiếu mục 2" in page


def _xlsx(rows, merge=None, header=None):
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(
        header
        or [
            "Mã chỉ tiêu",
            "Tên chỉ tiêu",
            "Đơn vị tính",
            "Kỳ trước",
            "Cùng kỳ năm trước",
            "Kỳ này",
            "Ghi chú",
        ]
    )
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "so-lieu.xlsx"
    return out


def test_excel_export_and_template_round_trip(fresh, demo, ind, client_for, officer):
    c = client_for(officer)
    report = _report(fresh, demo)
    data = c.get(f"/bao-cao/don-vi/{report.pk}/mau-nhap/").content
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Số liệu"]
    codes = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert codes == ["TV_LUOT", "KN_LD"]  # the ratio is computed, not imported
    ws["F2"], ws["F3"] = 9100, "1.250"
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "mau.xlsx"
    r = c.post(f"/bao-cao/don-vi/{report.pk}/nhap/", {"file": buf})
    preview = c.get(r["Location"]).content.decode()
    assert "Lưu 2 dòng hợp lệ" in preview
    assert not IndicatorValue.objects.filter(period="2024-H1").exists()  # nothing saved yet
    c.post(r["Location"], {"version": report.version})
    v = IndicatorValue.objects.get(
        period="2024-H1", indicator=ind["KN_LD"], unit=demo.units["ttdvvl"]
    )
    assert (
        v.value == 1250 and v.source == "excel" and v.excel_row == 3 and v.source_ref == "mau.xlsx"
    )
    out = load_workbook(io.BytesIO(c.get(f"/bao-cao/don-vi/{report.pk}/excel/").content))
    values = [row for row in out.active.iter_rows(values_only=True)]
    assert any(row[0] == "KN_LD" and row[6] == 1250 for row in values)


def test_an_excel_file_with_wrong_columns_merged_cells_text_and_negatives_is_explained(
    fresh, demo, ind, client_for, officer
):
    c = client_for(officer)
    report = _report(fresh, demo)
    r = c.post(
        f"/bao-cao/don-vi/{report.pk}/nhap/",
        {"file": _xlsx([["TV_LUOT", 1]], header=["Mã", "Giá trị"])},
    )
    page = c.get(r["Location"]).content.decode()
    assert "Sai cột" in page and "Lưu " not in page
    bad = _xlsx(
        [
            ["TV_LUOT", "", "", None, None, "nhiều lắm", ""],
            ["KN_LD", "", "", None, None, -5, ""],
            ["XYZ", "", "", None, None, 3, ""],
            ["TL_BHTN", "", "", None, None, 3, ""],
            ["KN_LD", "Gộp", "ô", None, None, 4, ""],
        ],
        merge="B6:C6",
    )
    r = c.post(f"/bao-cao/don-vi/{report.pk}/nhap/", {"file": bad})
    page = c.get(r["Location"]).content.decode()
    assert "không phải là số" in page
    assert "không nhận số âm" in page
    assert "Không có chỉ tiêu mã “XYZ”" in page
    assert "tính tự động" in page
    assert "ô gộp (B6:C6)" in page
    assert "Lưu " not in page  # no valid row
    not_excel = io.BytesIO(b"hello")
    not_excel.name = "x.xlsx"
    r = c.post(f"/bao-cao/don-vi/{report.pk}/nhap/", {"file": not_excel})
    assert "không phải là tệp Excel" in c.get(r["Location"]).content.decode()
    assert not IndicatorValue.objects.filter(period="2024-H1").exists()


def test_issuing_a_request_through_the_page(demo, ind, client_for, reviewer):
    c = client_for(reviewer)
    form = {
        "requester_unit": demo.units["sldtbxh"].pk,
        "title": "Báo cáo quý III/2025",
        "kind": "periodic",
        "period": "2025-Q3",
        "deadline": "2025-09-10",
        "grace_days": 0,
        "reminder_days": 3,
        "scope": "children",
        "scope_root": demo.units["sldtbxh"].pk,
        "indicators": [ind["TV_LUOT"].pk],
        "headings": "1. Kết quả\n2. Kiến nghị",
    }
    r = c.post("/bao-cao/yeu-cau/moi/", form)
    assert r.status_code == 200 and "Hạn nộp 10/9/2025 quá sớm" in r.content.decode()
    form["deadline"] = "2025-09-16"
    r = c.post("/bao-cao/yeu-cau/moi/", form)
    assert r.status_code == 302
    req = ReportRequest.objects.get(title="Báo cáo quý III/2025")
    assert req.reports.count() == 4 and req.headings.count() == 2


def test_an_officer_cannot_open_the_request_form(demo, client_for, officer):
    assert client_for(officer).get("/bao-cao/yeu-cau/moi/").status_code == 403


def test_a_value_shows_its_source_sentence(demo, client_for, reviewer):
    value = IndicatorValue.objects.get(
        unit=demo.units["ttdvvl"], period="2022-H1", indicator__code="TV_LUOT"
    )
    page = client_for(reviewer).get(f"/bao-cao/so-lieu/{value.pk}/").content.decode()
    assert '<mark class="fig">8.794</mark>' in page and "Lấy từ văn bản lưu trữ" in page


def test_the_rollup_page_drills_down_and_exports(demo, ind, client_for, reviewer):
    c = client_for(reviewer)
    url = f"/bao-cao/tong-hop/?indicator={ind['TV_LUOT'].pk}&period=2022-Y&unit={demo.units['sldtbxh'].pk}"
    page = c.get(url).content.decode()
    assert "25.082" in page and "Trung tâm Dịch vụ việc làm Sơn La" in page
    leaf = c.get(
        url.replace(str(demo.units["sldtbxh"].pk), str(demo.units["ttdvvl"].pk))
    ).content.decode()
    assert "Số liệu chi tiết và nguồn" in leaf
    wb = load_workbook(io.BytesIO(c.get(url + "&format=xlsx").content))
    assert wb.active["A1"].value.startswith("Tư vấn")


def test_the_home_page_shows_reporting_widgets(demo, client_for, officer, reviewer):
    assert "Báo cáo sắp đến hạn" in client_for(officer).get("/").content.decode()
    assert "Đã nộp:" in client_for(reviewer).get("/").content.decode()


def test_a_large_excel_export_runs_as_a_job_and_the_request_page_links_the_file(
    demo, client_for, reviewer, settings
):
    from danvan.jobs.models import Job, JobStatus

    req = ReportRequest.objects.get(period="2023-H1")
    c = client_for(reviewer)
    small = c.get(f"/bao-cao/yeu-cau/{req.pk}/tien-do/excel/")
    assert small["Content-Type"].startswith("application/vnd.openxmlformats")  # inline
    inline_rows = load_workbook(io.BytesIO(small.content)).active.max_row

    settings.DANVAN_EXPORT_INLINE_ROWS = 0  # every table counts as large
    response = c.get(f"/bao-cao/yeu-cau/{req.pk}/tien-do/excel/")
    job = Job.objects.get(kind="export_request", params__request=req.pk)
    assert response["Location"] == f"/bao-cao/yeu-cau/{req.pk}/?cong-viec={job.pk}"
    assert job.status == JobStatus.SUCCEEDED and job.params["kind"] == "progress"
    page = c.get(response["Location"]).content.decode()
    assert "Tải tệp Excel tiến độ nộp báo cáo" in page and job.result["url"] in page
    made = c.get(job.result["url"])
    sheet = load_workbook(io.BytesIO(b"".join(made.streaming_content))).active
    assert sheet.max_row == inline_rows  # the same table as the inline one
    assert client_for(demo.users["canbo.syt"]).get(job.result["url"]).status_code == 404


def test_the_front_page_lists_are_capped_and_link_to_the_whole_sorted_list(
    demo, client_for, reviewer, outsider
):
    import copy

    base = ReportRequest.objects.get(period="2023-H1")
    for i in range(60):
        extra = copy.copy(base)
        extra.pk, extra.title = None, f"Yêu cầu thử {i:03d}"
        extra.save()
    c = client_for(reviewer)
    front = c.get("/bao-cao/")
    assert len(front.context["issued"]["rows"]) == 30
    assert "?ds=yeu-cau" in front.content.decode() and "Xem tất cả" in front.content.decode()
    query = {"ds": "yeu-cau", "sap_xep": "yeu_cau"}
    first, second = c.get("/bao-cao/", query), c.get("/bao-cao/", {**query, "trang": 2})
    assert 'id="mine-h"' not in first.content.decode()  # that list alone
    titles = [r.title for r, _t in first.context["issued"]["rows"]]
    titles += [r.title for r, _t in second.context["issued"]["rows"]]
    ours = [t for t in titles if t.startswith("Yêu cầu thử")]
    assert len(first.context["issued"]["rows"]) == 50 and len(ours) == 60 and ours == sorted(ours)
    theirs = client_for(outsider).get("/bao-cao/", {"ds": "yeu-cau"}).context["issued"]
    assert not any(r.title.startswith("Yêu cầu thử") for r, _t in theirs["rows"])
