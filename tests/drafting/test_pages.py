"""Drafting pages: draft from a report, preview with sources, files, issue, register,
templates; scope (outsiders get 404)."""

from __future__ import annotations

import io

import pytest
from docx import Document

from danvan.drafting import services
from danvan.drafting.models import Draft, HouseTemplate
from danvan.jobs.models import Job, JobStatus
from danvan.jobs.services import execute


@pytest.fixture(autouse=True)
def _no_pdf(settings):
    settings.DANVAN_SOFFICE = "/nonexistent/soffice"


@pytest.fixture
def report(full_world):
    from danvan.reporting.models import UnitReport

    return UnitReport.objects.get(unit=full_world.units["ttdvvl"], request__period="2022-H1")


def test_an_officer_drafts_a_report_and_sees_every_figure_linked_to_its_value(
    full_world, client_for, report
):
    client = client_for(full_world.users["canbo.ttdvvl"])
    index = client.get("/soan-thao/").content.decode()
    assert f"/soan-thao/bao-cao/{report.pk}/soan/" in index
    assert client.get(f"/soan-thao/bao-cao/{report.pk}/soan/").status_code == 200
    response = client.post(f"/soan-thao/bao-cao/{report.pk}/soan/")
    draft = Draft.objects.filter(report=report).order_by("-pk").first()
    assert response["Location"] == f"/soan-thao/du-thao/{draft.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'class="fig" href="#nguon-' in page
    value_ids = [b["trace"]["value_ids"][0] for b in draft.content["body"] if b["k"] == "figure"]
    for vid in value_ids:
        assert f"/bao-cao/so-lieu/{vid}/" in page
    assert "Câu trong văn bản lưu trữ" in page and "8.794 lượt người đạt 103%" in page
    assert "Kế hoạch 8.500 (2022-Y)" in page


def test_a_value_taken_from_an_archived_document_links_to_the_document_at_its_offsets(
    full_world, client_for
):
    from danvan.documents.models import DocumentFigure
    from danvan.planning.models import Indicator
    from danvan.reporting import services as rs
    from danvan.reporting.models import ReportStatus, UnitReport

    fig = DocumentFigure.objects.filter(
        document__unit__path__startswith=full_world.units["ttdvvl"].path
    ).first()
    assert fig is not None
    rep = (
        UnitReport.objects.filter(unit=full_world.units["ttdvvl"], status=ReportStatus.DRAFT)
        .order_by("-pk")
        .first()
    )
    officer = full_world.users["canbo.ttdvvl"]
    rs.take_value_from_document(
        officer,
        rep,
        figure=fig,
        indicator=Indicator.objects.get(code="TV_LUOT"),
        confirmed=True,
        replace=True,
    )
    draft = services.draft_from_report(officer, rep)
    page = client_for(officer).get(f"/soan-thao/du-thao/{draft.pk}/").content.decode()
    assert f"/van-ban/{fig.document_id}/#fig-{fig.pk}" in page


def test_generate_download_and_issue_in_the_pages(full_world, client_for, report):
    officer = client_for(full_world.users["canbo.ttdvvl"])
    head = client_for(full_world.users["giamdoc.ttdvvl"])
    draft = services.draft_from_report(full_world.users["canbo.ttdvvl"], report)
    response = officer.post(f"/soan-thao/du-thao/{draft.pk}/tao-tep/", follow=True)
    page = response.content.decode()
    assert "Đã tạo tệp phiên bản 1" in page
    assert "chưa cài LibreOffice" in page  # the PDF message, the DOCX is there
    gen = draft.files.get()
    download = officer.get(f"/soan-thao/tep/{gen.pk}/docx/")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(download.streaming_content)[:2] == b"PK"
    pdf = officer.get(f"/soan-thao/tep/{gen.pk}/pdf/")
    assert pdf.status_code == 302
    # The officer may not issue; the head may.
    officer.post(
        f"/soan-thao/du-thao/{draft.pk}/ban-hanh/", {"version": draft.version, "confirmed": "1"}
    )
    draft.refresh_from_db()
    assert not draft.is_issued
    confirm = head.post(f"/soan-thao/du-thao/{draft.pk}/ban-hanh/", {"version": draft.version})
    draft.refresh_from_db()
    assert not draft.is_issued and "không thu hồi được" in confirm.content.decode()
    response = head.post(
        f"/soan-thao/du-thao/{draft.pk}/ban-hanh/",
        {"version": draft.version, "confirmed": "1"},
        follow=True,
    )
    draft.refresh_from_db()
    assert draft.is_issued and draft.symbol == "01/BC-TTDVVL"
    assert "Đã ban hành văn bản số 01/BC-TTDVVL" in response.content.decode()
    register = head.get("/soan-thao/so-dang-ky/").content.decode()
    assert "01/BC-TTDVVL" in register
    edit = head.get(f"/soan-thao/du-thao/{draft.pk}/sua/")
    assert edit.status_code == 302  # locked


def test_a_stale_edit_in_the_page_keeps_the_typed_text(full_world, client_for, report):
    officer = full_world.users["canbo.ttdvvl"]
    draft = services.draft_from_report(officer, report)
    services.update_draft(officer, draft, version=draft.version, title="Sửa trước")
    response = client_for(officer).post(
        f"/soan-thao/du-thao/{draft.pk}/sua/",
        {"version": draft.version, "title": "Bản của tôi", "authority": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "vừa được người khác sửa" in page and "Bản của tôi" in page


def test_outsiders_get_404_for_drafts_files_and_sources(full_world, client_for, report):
    draft = services.draft_from_report(full_world.users["canbo.ttdvvl"], report)
    gen = services.generate(full_world.users["canbo.ttdvvl"], draft, pdf=False)
    outsider = client_for(full_world.users["canbo.syt"])
    for url in (
        f"/soan-thao/du-thao/{draft.pk}/",
        f"/soan-thao/du-thao/{draft.pk}/sua/",
        f"/soan-thao/tep/{gen.pk}/docx/",
        f"/soan-thao/bao-cao/{report.pk}/soan/",
    ):
        assert outsider.get(url).status_code == 404, url
    assert outsider.post(f"/soan-thao/du-thao/{draft.pk}/ban-hanh/").status_code == 404
    assert "Trung tâm Dịch vụ việc làm" not in outsider.get("/soan-thao/").content.decode()


def test_a_broken_template_upload_shows_the_broken_tag_and_saves_nothing(full_world, client_for):
    doc = Document()
    doc.add_paragraph("{% for x in noi_nhan %}{{ x }}")
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    buf.name = "mau-loi.docx"
    client = client_for(full_world.admin)
    response = client.post(
        "/soan-thao/mau/",
        {
            "unit": full_world.units["ttdvvl"].pk,
            "doc_type": "bao_cao",
            "name": "Mẫu lỗi",
            "file": buf,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mẫu văn bản có thẻ viết sai" in page and "{% for x in noi_nhan %}" in page
    assert not HouseTemplate.objects.exists()


def test_the_placeholder_page_documents_every_field(full_world, client_for):
    from danvan.core.render import TEMPLATE_PLACEHOLDERS

    page = (
        client_for(full_world.users["canbo.ttdvvl"]).get("/soan-thao/mau/truong/").content.decode()
    )
    for name in TEMPLATE_PLACEHOLDERS:
        assert name in page
    example = client_for(full_world.users["canbo.ttdvvl"]).get("/soan-thao/mau/mau-vi-du.docx")
    assert example.content[:2] == b"PK"


def test_a_reviewer_drafts_the_combined_report_from_the_page(full_world, client_for):
    from danvan.reporting.models import ReportRequest

    req = ReportRequest.objects.get(requester_unit=full_world.units["bdvtu"])
    client = client_for(full_world.users["bandanvan"])
    assert req.title in client.get("/soan-thao/tong-hop/").content.decode()
    response = client.post("/soan-thao/tong-hop/", {"request_id": req.pk})
    # A job (it reads every unit's report); the page shows it and links the draft.
    job = Job.objects.get(kind="combined_report", params__request=req.pk)
    assert response["Location"] == f"/soan-thao/tong-hop/?cong-viec={job.pk}"
    draft = Draft.objects.get(request=req, source="combined")
    assert job.status == JobStatus.SUCCEEDED and job.result["draft"] == draft.pk
    progress = client.get(response["Location"]).content.decode()
    assert f'href="/soan-thao/du-thao/{draft.pk}/"' in progress and "Mở bản dự thảo" in progress
    page = client.get(f"/soan-thao/du-thao/{draft.pk}/").content.decode()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in page and "-BC/BDVTU" in page
    # Run again (as after a crash past the draft): no second draft.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    assert execute(job.pk) == "succeeded"
    assert Draft.objects.filter(request=req, source="combined").count() == 1


def test_all_reports_of_a_request_are_rendered_by_one_job_zipped_and_per_unit(
    full_world, client_for
):
    import io
    import zipfile

    from danvan.jobs import files
    from danvan.reporting.access import reports_for
    from danvan.reporting.models import ReportRequest

    req = ReportRequest.objects.get(requester_unit=full_world.units["bdvtu"])
    reviewer = full_world.users["bandanvan"]
    client = client_for(reviewer)
    response = client.post("/soan-thao/tong-hop/", {"request_id": req.pk, "action": "docx"})
    job = Job.objects.get(kind="render_request", params__request=req.pk)
    assert response["Location"] == f"/soan-thao/tong-hop/?cong-viec={job.pk}"
    count = reports_for(reviewer).filter(request=req).count()
    assert job.status == JobStatus.SUCCEEDED and (job.done, job.total) == (count, count)
    zipped = client.get(job.result["url"])
    assert zipped.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(zipped.streaming_content))) as archive:
        names = archive.namelist()
        assert len(names) == count and all(n.endswith(".docx") for n in names)
        assert archive.read(names[0])[:2] == b"PK"
    label, one = job.result["files"][0]
    assert label.endswith("(DOCX)") and client.get(one).status_code == 200
    page = client.get(response["Location"]).content.decode()
    assert f"Tải tất cả ({count} báo cáo, tệp nén)" in page
    # A re-run keeps the files made before and makes no new ones.
    made = {p.name: p.stat().st_mtime_ns for p in files.folder(job.pk).glob("*.docx")}
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    assert execute(job.pk) == "succeeded"
    again = {p.name: p.stat().st_mtime_ns for p in files.folder(job.pk).glob("*.docx")}
    assert again == made
    # Someone from another branch can neither see the job nor download its files.
    outsider = client_for(full_world.users["canbo.syt"])
    assert outsider.get(job.result["url"]).status_code == 404
    assert outsider.get(one).status_code == 404


def test_the_api_lists_drafts_and_the_register_in_scope(full_world, client_for, report):
    draft = services.draft_from_report(full_world.users["canbo.ttdvvl"], report)
    own = client_for(full_world.users["canbo.ttdvvl"])
    data = own.get(f"/api/v1/drafting/drafts/{draft.pk}").json()
    assert data["doc_type"] == "bao_cao" and data["content"]["body"]
    assert any(d["id"] == draft.pk for d in own.get("/api/v1/drafting/drafts").json()["items"])
    outsider = client_for(full_world.users["canbo.syt"])
    assert outsider.get(f"/api/v1/drafting/drafts/{draft.pk}").status_code == 404
    assert outsider.get("/api/v1/drafting/register").status_code == 200


@pytest.mark.parametrize(
    "payload",
    [
        "{{ self.__init__.__globals__.__builtins__.__import__('os').getcwd() }}",
        "{{ trich_yeu.__class__.__mro__[1].__subclasses__() }}",
        "{{ trich_yeu|attr('__class__') }}",
    ],
)
def test_a_template_with_code_is_refused_at_upload_naming_the_tag(full_world, client_for, payload):
    doc = Document()
    doc.add_paragraph("{{ trich_yeu }}")
    doc.add_paragraph(payload)
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    buf.name = "mau-doc.docx"
    response = client_for(full_world.admin).post(
        "/soan-thao/mau/",
        {"unit": full_world.units["ttdvvl"].pk, "doc_type": "bao_cao", "name": "M", "file": buf},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mẫu văn bản có thẻ không được phép" in page
    assert payload.replace("'", "&#x27;") in page
    assert not HouseTemplate.objects.exists()


def test_the_front_page_caps_the_drafts_and_links_to_all_of_them_sorted(
    full_world, client_for, report
):
    import copy

    client = client_for(full_world.users["canbo.ttdvvl"])
    client.post(f"/soan-thao/bao-cao/{report.pk}/soan/")
    base = Draft.objects.filter(report=report).order_by("-pk").first()
    for i in range(60):
        extra = copy.copy(base)
        extra.pk, extra.title = None, f"Dự thảo thử {i:03d}"
        extra.save()
    front = client.get("/soan-thao/")
    assert len(front.context["drafts"]["rows"]) == 40
    html = front.content.decode()
    assert "?ds=du-thao" in html and "Xem tất cả" in html
    query = {"ds": "du-thao", "sap_xep": "-trich_yeu"}
    first = client.get("/soan-thao/", query)
    second = client.get("/soan-thao/", {**query, "trang": 2})
    assert "Báo cáo của đơn vị" not in first.content.decode()  # that list alone
    titles = [d.title for d in first.context["drafts"]["page"]]
    titles += [d.title for d in second.context["drafts"]["page"]]
    ours = [t for t in titles if t.startswith("Dự thảo thử")]
    assert len(first.context["drafts"]["page"]) == 50 and len(ours) == 60
    assert ours == sorted(ours, reverse=True)
    outsider = client_for(full_world.users["canbo.syt"])
    seen = outsider.get("/soan-thao/", {"ds": "du-thao"}).context["drafts"]["page"]
    assert not any(d.title.startswith("Dự thảo thử") for d in seen)
