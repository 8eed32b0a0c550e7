"""Archive pages: list, search, filters, document page, corrections, registry, access."""

import pytest
from django.urls import reverse

from danvan.documents import services
from danvan.documents.models import Document, LegalReference


@pytest.fixture
def archive(world, units, samples, admin_user):
    """The three samples in Trung tâm DVVL; one copy of the plan in Sở Y tế."""
    docs = {
        key: Document.objects.get(
            pk=services.import_path(admin_user, units["ttdvvl"], path).document_id
        )
        for key, path in samples.items()
    }
    other = services.import_path(admin_user, units["syt"], samples["kh"])
    docs["syt_kh"] = Document.objects.get(pk=other.document_id)
    return docs


def test_search_ignores_diacritics_and_case(client_for, officer, archive):
    page = client_for(officer).get(reverse("documents:list"), {"q": "dan van KHEO"})
    assert page.status_code == 200
    listed = list(page.context["page"].object_list)
    assert archive["dvk"] in listed and archive["tdkt"] in listed
    assert archive["kh"] not in listed or "dân vận khéo" in archive["kh"].text.lower()


def test_search_with_diacritics_finds_the_same_documents(client_for, officer, archive):
    c = client_for(officer)
    plain = set(c.get(reverse("documents:list"), {"q": "dan van kheo"}).context["page"].object_list)
    marked = set(
        c.get(reverse("documents:list"), {"q": "Dân Vận Khéo"}).context["page"].object_list
    )
    assert plain == marked and plain


def test_filters_by_type_year_issuer_and_unit(client_for, admin_user, archive, units):
    c = client_for(admin_user)
    url = reverse("documents:list")
    plan = archive["kh"]
    by_type = c.get(url, {"doc_type": plan.doc_type}).context["page"].object_list
    assert plan in by_type and all(d.doc_type == plan.doc_type for d in by_type)
    if plan.year:
        by_year = c.get(url, {"year": plan.year}).context["page"].object_list
        assert plan in by_year and all(d.year == plan.year for d in by_year)
    if plan.issuer:
        by_issuer = c.get(url, {"issuer": plan.issuer}).context["page"].object_list
        assert plan in by_issuer and all(d.issuer == plan.issuer for d in by_issuer)
    by_unit = list(c.get(url, {"unit": units["syt"].pk}).context["page"].object_list)
    assert by_unit == [archive["syt_kh"]]


def test_a_unit_sees_only_its_subtrees_documents(client_for, officer, outsider, archive):
    mine = set(client_for(officer).get(reverse("documents:list")).context["page"].object_list)
    assert archive["syt_kh"] not in mine and archive["dvk"] in mine
    theirs = set(client_for(outsider).get(reverse("documents:list")).context["page"].object_list)
    assert theirs == {archive["syt_kh"]}
    for url in (
        reverse("documents:document_detail", args=[archive["dvk"].pk]),
        reverse("documents:document_original", args=[archive["dvk"].pk]),
        reverse("documents:document_edit", args=[archive["dvk"].pk]),
    ):
        assert client_for(outsider).get(url).status_code == 404


def test_the_council_secretary_sees_but_cannot_edit(client_for, council, archive):
    c = client_for(council)
    doc = archive["dvk"]
    assert c.get(reverse("documents:document_detail", args=[doc.pk])).status_code == 200
    assert c.get(reverse("documents:document_edit", args=[doc.pk])).status_code == 404
    assert c.post(reverse("documents:document_reextract", args=[doc.pk])).status_code == 404


def test_the_document_page_highlights_figures_and_citations(client_for, officer, archive):
    doc = archive["dvk"]
    html = (
        client_for(officer)
        .get(reverse("documents:document_detail", args=[doc.pk]))
        .content.decode()
    )
    fig = doc.figures.first()
    cit = doc.citations.first()
    assert f'<mark class="fig" id="fig-{fig.pk}"' in html
    assert f'<mark class="cit" id="cit-{cit.pk}"' in html
    assert html.count('<mark class="fig" id=') == doc.figures.count()


def test_the_document_text_is_escaped(client_for, officer, ttdvvl, tmp_path):
    path = tmp_path / "xss.txt"
    path.write_text("BÁO CÁO\n<script>alert('x')</script> đạt 120 lượt người\n", encoding="utf-8")
    outcome = services.import_path(officer, ttdvvl, path)
    html = client_for(officer).get(reverse("documents:document_detail", args=[outcome.document_id]))
    body = html.content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert" in body


def test_the_original_file_downloads_byte_for_byte(client_for, officer, archive, samples):
    response = client_for(officer).get(
        reverse("documents:document_original", args=[archive["kh"].pk])
    )
    assert b"".join(response.streaming_content) == samples["kh"].read_bytes()


def test_an_officers_correction_is_kept_audited_and_survives_reextraction(
    client_for, officer, archive
):
    from danvan.audit.models import AuditEntry

    doc = archive["kh"]
    c = client_for(officer)
    form = c.get(reverse("documents:document_edit", args=[doc.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    for name in ("issued_on", "period_start", "period_end"):
        value = form.initial.get(name)
        data[name] = value.strftime("%d/%m/%Y") if value else ""
    data["number"] = "25/KH-TTDVVL"
    data["issued_on"] = "15/02/2023"
    data["recipients_text"] = "\n".join(doc.recipients)
    response = c.post(reverse("documents:document_edit", args=[doc.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    doc.refresh_from_db()
    assert doc.number == "25/KH-TTDVVL" and doc.issued_on.isoformat() == "2023-02-15"
    assert set(services.corrected_fields(doc)) == {"number", "issued_on"}
    entry = AuditEntry.objects.filter(object_id=str(doc.pk), verb="correct_metadata").get()
    assert entry.changes["number"][1] == "25/KH-TTDVVL"

    assert c.post(reverse("documents:document_reextract", args=[doc.pk])).status_code == 302
    doc.refresh_from_db()
    assert doc.number == "25/KH-TTDVVL" and doc.issued_on.isoformat() == "2023-02-15"
    page = c.get(reverse("documents:document_detail", args=[doc.pk])).content.decode()
    assert "Đã hiệu chỉnh thủ công: Số, ký hiệu, Ngày ban hành" in page

    c.post(reverse("documents:document_withdraw", args=[doc.pk]), {"field": "number"})
    doc.refresh_from_db()
    assert doc.number == (doc.extraction["document"]["number"] or "")
    assert set(services.corrected_fields(doc)) == {"issued_on"}


def test_a_bad_date_in_the_form_gets_a_vietnamese_error(client_for, officer, archive):
    doc = archive["kh"]
    response = client_for(officer).post(
        reverse("documents:document_edit", args=[doc.pk]),
        {"doc_type": doc.doc_type, "issued_on": "32/13/2023"},
    )
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in response.content.decode()


def test_reextraction_keeps_figure_rows_found_again(officer, archive):
    doc = archive["tdkt"]
    before = set(doc.figures.values_list("pk", flat=True))
    services.reextract(officer, doc)
    assert set(doc.figures.values_list("pk", flat=True)) == before


def test_the_upload_page_imports_several_files_with_a_result_per_file(
    client_for, officer, world, samples
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = [
        SimpleUploadedFile("Báo cáo 6 tháng.txt", samples["dvk"].read_bytes()),
        SimpleUploadedFile("rong.txt", b""),
        SimpleUploadedFile("bang.xlsx", b"PK\x03\x04"),
    ]
    response = client_for(officer).post(reverse("documents:upload"), {"files": files})
    assert response.status_code == 200
    outcomes = response.context["outcomes"]
    assert [o.status for o in outcomes] == ["imported", "failed", "failed"]
    body = response.content.decode()
    assert "Báo cáo 6 tháng.txt" in body and "Tệp rỗng" in body and "không được hỗ trợ" in body
    assert Document.objects.get().original_name == "Báo cáo 6 tháng.txt"


def test_a_user_without_edit_rights_cannot_upload(client_for, council, world, samples):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.txt", samples["dvk"].read_bytes())
    response = client_for(council).post(reverse("documents:upload"), {"files": [upload]})
    assert response.status_code == 200
    assert "không có quyền" in response.content.decode()
    assert not Document.objects.exists()


def test_the_registry_lists_a_reference_and_who_cites_it_within_scope(
    client_for, officer, outsider, archive
):
    ref = LegalReference.objects.filter(citations__document=archive["kh"]).first()
    assert ref is not None
    mine = client_for(officer).get(reverse("documents:reference_detail", args=[ref.pk]))
    cited = {c.document for c in mine.context["citations"]}
    assert archive["kh"] in cited and archive["syt_kh"] not in cited
    theirs = client_for(outsider).get(reverse("documents:reference_detail", args=[ref.pk]))
    assert {c.document for c in theirs.context["citations"]} == {archive["syt_kh"]}
    listing = client_for(officer).get(reverse("documents:references"))
    assert listing.status_code == 200 and ref in listing.context["page"].object_list
    # Sorted on the server: by date issued, either way.
    up = client_for(officer).get(reverse("documents:references"), {"sap_xep": "ngay"})
    down = client_for(officer).get(reverse("documents:references"), {"sap_xep": "-ngay"})
    dates = [r.issued_on for r in up.context["page"] if r.issued_on]
    assert len(dates) >= 2 and dates == sorted(dates) and len(set(dates)) >= 2
    assert [r.issued_on for r in down.context["page"] if r.issued_on] == sorted(dates, reverse=True)


def test_a_figure_is_fetched_only_within_scope(officer, outsider, archive):
    from django.http import Http404

    fig = archive["dvk"].figures.first()
    assert services.get_figure_for_user(officer, fig.pk) == fig
    with pytest.raises(Http404):
        services.get_figure_for_user(outsider, fig.pk)


def test_registry_entries_cited_only_by_another_branch_are_out_of_reach(
    client_for, outsider, officer, world, units, samples, admin_user
):
    services.import_path(admin_user, units["ttdvvl"], samples["dvk"])
    ref = LegalReference.objects.first()
    assert (
        client_for(officer).get(reverse("documents:reference_detail", args=[ref.pk])).status_code
        == 200
    )
    assert (
        client_for(outsider).get(reverse("documents:reference_detail", args=[ref.pk])).status_code
        == 404
    )
    listing = client_for(outsider).get(reverse("documents:references"))
    assert list(listing.context["page"].object_list) == []
    assert "Trung tâm Dịch vụ việc làm" not in listing.content.decode()


def test_the_home_page_counts_the_documents_in_scope(client_for, officer, outsider, archive):
    mine = client_for(officer).get(reverse("home"))
    widget = next(w for w in mine.context["widgets"] if w["label"] == "Văn bản trong kho")
    assert widget["value"] == "3"
    theirs = client_for(outsider).get(reverse("home"))
    widget = next(w for w in theirs.context["widgets"] if w["label"] == "Văn bản trong kho")
    assert widget["value"] == "1"


def test_ocr_read_fields_are_shown_for_confirmation_until_corrected(client_for, officer, archive):
    doc = archive["kh"]
    checks = [
        {"kind": "other", "message": m, "start": 0, "end": 0}
        for m in (
            "“Số, ký hiệu” đọc bằng OCR, đã sửa lỗi nhận dạng; cần xác nhận theo bản gốc.",
            "“Ngày ban hành” đọc bằng OCR; cần xác nhận theo bản gốc.",
        )
    ]
    doc.extraction = {**doc.extraction, "checks": checks + doc.extraction.get("checks", [])}
    doc.save(update_fields=["extraction"])
    c = client_for(officer)
    url = reverse("documents:document_detail", args=[doc.pk])
    page = c.get(url)
    assert page.context["to_confirm"] == {"number", "issued_on"}
    assert page.content.decode().count("đọc bằng OCR, cần xác nhận") == 2

    form = c.get(reverse("documents:document_edit", args=[doc.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    for name in ("issued_on", "period_start", "period_end"):
        value = form.initial.get(name)
        data[name] = value.strftime("%d/%m/%Y") if value else ""
    data["number"] = "25/KH-TTDVVL"
    data["recipients_text"] = "\n".join(doc.recipients)
    assert c.post(reverse("documents:document_edit", args=[doc.pk]), data).status_code == 302
    page = c.get(url)
    assert page.context["to_confirm"] == {"issued_on"}
    assert page.content.decode().count("đọc bằng OCR, cần xác nhận") == 1


def test_reextract_runs_as_a_job_whose_progress_and_outcome_the_document_page_shows(
    client_for, officer, archive
):
    from danvan.jobs.models import Job, JobStatus

    doc = archive["kh"]
    c = client_for(officer)
    response = c.post(reverse("documents:document_reextract", args=[doc.pk]))
    job = Job.objects.get(kind="reextract", params__document=doc.pk)
    assert response["Location"] == (
        reverse("documents:document_detail", args=[doc.pk]) + f"?cong-viec={job.pk}"
    )
    assert job.status == JobStatus.SUCCEEDED and job.owner == officer
    page = c.get(response["Location"]).content.decode()
    assert f'id="job-{job.pk}"' in page
    assert "Đã trích xuất lại văn bản; các thông tin đã hiệu chỉnh được giữ nguyên." in page


def test_reextract_of_a_document_whose_original_vanished_fails_clearly(
    client_for, officer, archive
):
    from danvan.documents import storage
    from danvan.jobs.models import Job, JobStatus

    doc = archive["dvk"]
    storage.path_for(doc.sha256).unlink()
    c = client_for(officer)
    response = c.post(reverse("documents:document_reextract", args=[doc.pk]))
    job = Job.objects.get(kind="reextract", params__document=doc.pk)
    assert job.status == JobStatus.FAILED
    assert "Không tìm thấy tệp" in job.error
    page = c.get(response["Location"]).content.decode()
    assert job.error in page
    doc.refresh_from_db()
    assert doc.text  # the extracted layer is kept


def test_an_upload_leaves_no_copy_behind_once_every_file_has_its_outcome(
    client_for, officer, world, samples, settings
):
    """Uploaded files wait in the data folder for the workers; when the batch is
    done they are removed (the archive keeps its own copy), failed ones too."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.documents.jobs import incoming_root

    files = [
        SimpleUploadedFile("Báo cáo 6 tháng.txt", samples["dvk"].read_bytes()),
        SimpleUploadedFile("rong.txt", b""),
    ]
    response = client_for(officer).post(reverse("documents:upload"), {"files": files})
    assert [o.status for o in response.context["outcomes"]] == ["imported", "failed"]
    assert not [p for p in incoming_root().rglob("*") if p.is_file()]
    doc = Document.objects.get()
    kept = client_for(officer).get(reverse("documents:document_original", args=[doc.pk]))
    assert b"".join(kept.streaming_content) == samples["dvk"].read_bytes()
