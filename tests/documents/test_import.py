"""Importing files into the archive through the service."""

import pytest
from django.core.exceptions import PermissionDenied

from danvan.audit.models import AuditEntry
from danvan.documents import services, storage
from danvan.documents.models import Citation, Document, DocumentFigure, LegalReference


def _originals(settings):
    root = storage.root()
    if not root.exists():
        return []
    return sorted(
        p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != "tmp"
    )


def test_it_imports_a_sample_with_metadata_citations_figures_and_the_original(
    officer, ttdvvl, samples, settings
):
    outcome = services.import_path(officer, ttdvvl, samples["tdkt"])
    assert outcome.status == "imported", outcome.message
    doc = Document.objects.get(pk=outcome.document_id)
    assert doc.unit == ttdvvl and doc.uploaded_by == officer
    assert doc.original_name == "tdkt-tongket-2022-ttdvvl-sonla.txt"
    assert doc.text == samples["tdkt"].read_text(encoding="utf-8")
    assert doc.extraction["schema"] == "danvan.extraction/1"
    assert doc.doc_type == doc.extraction["document"]["doc_type"]
    assert doc.issuer == (doc.extraction["document"]["issuer"] or "")
    stored = storage.path_for(doc.sha256)
    assert stored.read_bytes() == samples["tdkt"].read_bytes()
    assert len(doc.sha256) == 64 and stored.parent.name == doc.sha256[:2]
    figures = doc.extraction["figures"]
    assert DocumentFigure.objects.filter(document=doc).count() == len(figures)
    numbered = [c for c in doc.extraction["citations"] if c.get("number")]
    assert Citation.objects.filter(document=doc).count() == len(numbered)
    assert AuditEntry.objects.filter(
        object_type="documents.document", object_id=str(doc.pk), verb="import_document"
    ).exists()


def test_figures_keep_their_provenance_in_the_text(officer, ttdvvl, samples):
    outcome = services.import_path(officer, ttdvvl, samples["dvk"])
    doc = Document.objects.get(pk=outcome.document_id)
    figures = list(doc.figures.all())
    assert figures, "the 6-month report has figures"
    for f in figures:
        assert 0 <= f.start < f.end <= len(doc.text)
        assert f.text.split()[0] in doc.text[f.start : f.end]
    values = {float(f.value) for f in figures}
    assert 8794 in values


def test_a_second_import_of_the_same_bytes_changes_nothing(officer, ttdvvl, samples, settings):
    first = services.import_path(officer, ttdvvl, samples["dvk"])
    counts = (
        Document.objects.count(),
        Citation.objects.count(),
        DocumentFigure.objects.count(),
        LegalReference.objects.count(),
        AuditEntry.objects.count(),
    )
    files = _originals(settings)
    again = services.import_path(officer, ttdvvl, samples["dvk"])
    assert again.status == "unchanged"
    assert again.document_id == first.document_id
    assert counts == (
        Document.objects.count(),
        Citation.objects.count(),
        DocumentFigure.objects.count(),
        LegalReference.objects.count(),
        AuditEntry.objects.count(),
    )
    assert _originals(settings) == files


def test_the_same_bytes_in_two_units_share_one_stored_original(
    admin_user, units, samples, settings
):
    a = services.import_path(admin_user, units["ttdvvl"], samples["kh"])
    b = services.import_path(admin_user, units["syt"], samples["kh"])
    assert a.status == b.status == "imported"
    assert a.document_id != b.document_id
    assert len(_originals(settings)) == 1


def test_an_outsider_cannot_import_into_another_units_archive(outsider, ttdvvl, samples):
    with pytest.raises(PermissionDenied):
        services.import_path(outsider, ttdvvl, samples["dvk"])
    assert not Document.objects.exists()


def test_a_vietnamese_file_name_with_odd_characters_is_kept(officer, ttdvvl, samples, tmp_path):
    name = "Báo cáo [6 tháng] – năm 2022 (bản #2) 'đã ký'.txt"
    path = tmp_path / name
    path.write_bytes(samples["dvk"].read_bytes())
    outcome = services.import_path(officer, ttdvvl, path)
    assert outcome.status == "imported", outcome.message
    assert Document.objects.get(pk=outcome.document_id).original_name == name


def test_an_undecodable_file_name_is_stored_readably(officer, ttdvvl, samples, tmp_path):
    import os

    raw = os.fsencode(tmp_path) + b"/bao-cao-\xff\xfe.txt"
    with open(raw, "wb") as fh:
        fh.write(samples["dvk"].read_bytes())
    outcome = services.import_path(officer, ttdvvl, os.fsdecode(raw))
    assert outcome.status == "imported", outcome.message
    name = Document.objects.get(pk=outcome.document_id).original_name
    assert name.startswith("bao-cao-") and name.endswith(".txt")
    name.encode("utf-8")  # valid text, storable in any database


BAD_CASES = {
    "empty": "rỗng",
    "garbage": "nhị phân",
    "truncated_docx": "hỏng",
    "zip_bomb": "giải nén",
    "encrypted_pdf": "mật khẩu",
    "no_text_pdf": "không có chữ",
    "too_large": "quá lớn",
    "wrong_extension": "không được hỗ trợ",
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_fails_with_a_vietnamese_message_and_stores_nothing(
    case, officer, ttdvvl, bad_files, settings
):
    outcome = services.import_path(officer, ttdvvl, bad_files[case])
    assert outcome.status == "failed"
    assert outcome.message and outcome.message[0].isupper()
    assert BAD_CASES[case] in outcome.message.lower()
    assert not any(ch in outcome.message for ch in ("Traceback", "Error:")), outcome.message
    assert not Document.objects.exists()
    assert _originals(settings) == []
    assert not list((storage.root() / "tmp").glob("*"))


def test_a_bad_file_does_not_stop_the_others(officer, ttdvvl, bad_files, samples, settings):
    paths = [bad_files["zip_bomb"], samples["dvk"], bad_files["empty"], samples["kh"]]
    outcomes = [services.import_path(officer, ttdvvl, p) for p in paths]
    assert [o.status for o in outcomes] == ["failed", "imported", "failed", "imported"]
    assert Document.objects.count() == 2
    assert len(_originals(settings)) == 2


def test_a_crash_while_storing_leaves_no_document_and_no_original(
    officer, ttdvvl, samples, settings, monkeypatch
):
    from danvan.documents import ingest

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest.registry, "refresh", boom)
    with pytest.raises(KeyboardInterrupt):
        services.import_path(officer, ttdvvl, samples["dvk"])
    assert not Document.objects.exists()
    assert not Citation.objects.exists() and not DocumentFigure.objects.exists()
    assert _originals(settings) == []
    assert not list((storage.root() / "tmp").glob("*"))


def test_an_unexpected_error_fails_the_file_but_keeps_an_existing_original(
    admin_user, units, samples, settings, monkeypatch
):
    from danvan.documents import ingest

    services.import_path(admin_user, units["ttdvvl"], samples["kh"])
    original = _originals(settings)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest, "sync_figures", boom)
    outcome = services.import_path(admin_user, units["syt"], samples["kh"])
    assert outcome.status == "failed"
    assert "Lỗi không mong đợi" in outcome.message
    assert Document.objects.count() == 1
    assert _originals(settings) == original and original[0].exists()


def test_the_limits_come_from_settings(settings):
    from danvan.documents.ingest import read_limits

    settings.DANVAN_MAX_UPLOAD_MB = 7
    settings.DANVAN_MAX_UNZIPPED_MB = 9
    settings.DANVAN_EXTRACT_TIMEOUT_S = 3
    limits = read_limits()
    assert limits.max_file_bytes == 7 * 1024 * 1024
    assert limits.max_unzipped_bytes == 9 * 1024 * 1024
    assert limits.timeout_s == 3


def test_a_file_that_reads_too_long_is_stopped_and_the_next_one_imports(
    officer, ttdvvl, samples, settings, monkeypatch, tmp_path
):
    import time

    from danvan.core.extract.readers import docx_reader

    from .conftest import make_docx

    settings.DANVAN_EXTRACT_TIMEOUT_S = 1

    def hang(self, path, limits, deadline):
        time.sleep(30)

    monkeypatch.setattr(docx_reader.DocxReader, "read", hang)
    slow = tmp_path / "cham.docx"
    slow.write_bytes(make_docx(["BÁO CÁO", "Nội dung"]))
    outcome = services.import_path(officer, ttdvvl, slow)
    assert outcome.status == "failed" and "quá thời gian" in outcome.message
    assert services.import_path(officer, ttdvvl, samples["dvk"]).status == "imported"
    assert Document.objects.count() == 1
