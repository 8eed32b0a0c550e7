"""The same document imported again in another format is recognised by its
content, not its bytes (issue 12 §6)."""

from danvan.documents import ingest, services
from danvan.documents.models import Document
from tests.documents.conftest import DVK, make_docx


def test_a_report_imported_as_docx_after_its_text_file_is_the_same_content(
    officer, ttdvvl, tmp_path
):
    text = DVK.read_text(encoding="utf-8")
    first = services.import_path(officer, ttdvvl, DVK)
    assert first.status == ingest.IMPORTED
    docx = tmp_path / "bao-cao.docx"
    docx.write_bytes(make_docx(text.splitlines()))
    again = services.import_path(officer, ttdvvl, docx)
    assert again.status == ingest.SAME_CONTENT
    assert again.document_id == first.document_id
    assert "Trùng nội dung" in again.message
    assert Document.objects.filter(unit=ttdvvl).count() == 1


def test_a_changed_figure_in_a_short_report_is_a_new_document(officer, ttdvvl, tmp_path):
    text = DVK.read_text(encoding="utf-8")
    services.import_path(officer, ttdvvl, DVK)
    # the same header, but most of the body rewritten: another document
    lines = text.splitlines()
    changed = lines[:12] + [f"Đoạn mới số {i} nói về nội dung khác hẳn." for i in range(200)]
    other = tmp_path / "khac.docx"
    other.write_bytes(make_docx(changed))
    outcome = services.import_path(officer, ttdvvl, other)
    assert outcome.status == ingest.IMPORTED
    assert Document.objects.filter(unit=ttdvvl).count() == 2


def test_the_upload_page_names_type_number_and_title_of_each_file(
    client_for, officer, ttdvvl, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    text = DVK.read_text(encoding="utf-8")
    first = services.import_path(officer, ttdvvl, DVK)
    files = [
        SimpleUploadedFile("ban-docx.docx", make_docx(text.splitlines())),
        SimpleUploadedFile(
            "kh.txt", "KẾ HOẠCH\nSố: 12/KH-TTDVVL\nVề tổ chức hội nghị việc làm\n".encode()
        ),
    ]
    response = client_for(officer).post(reverse("documents:upload"), {"files": files})
    body = response.content.decode()
    link = reverse("documents:document_detail", args=[first.document_id])
    assert f'trùng nội dung với <a href="{link}">' in body
    assert "Báo cáo" in body and "Kế hoạch" in body and "12/KH-TTDVVL" in body
    new = Document.objects.get(original_name="kh.txt")
    assert reverse("documents:document_detail", args=[new.pk]) in body
