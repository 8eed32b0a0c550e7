"""The legal-reference registry: one entry per cited document, conflicts flagged."""

from danvan.documents import registry, services
from danvan.documents.models import Citation, Document, LegalReference


def _doc(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_number_keys_ignore_spaces_dashes_and_case():
    assert registry.number_key("22 - CTr/BCSĐ - BDVTU") == registry.number_key("22-ctr/bcsđ–bdvtu")
    assert registry.number_key("11-CT/TU") != registry.number_key("11-CT/TW")


def test_issuers_match_across_abbreviations_and_added_place_names():
    assert registry.same_issuer("UBND tỉnh", "Ủy ban nhân dân tỉnh Sơn La")
    assert registry.same_issuer("BTV Tỉnh ủy", "Ban Thường vụ tỉnh ủy")
    assert not registry.same_issuer("Bộ Chính trị", "Ban Thường vụ Tỉnh ủy")


def test_one_entry_per_cited_document_across_the_archive(admin_user, units, samples):
    for path in samples.values():
        services.import_path(admin_user, units["ttdvvl"], path)
    # Chỉ thị 11-CT/TU is cited by the 6-month report and by the 2023 plan.
    refs = LegalReference.objects.filter(
        doc_type="chi_thi", number_key=registry.number_key("11-CT/TU")
    )
    assert refs.count() == 1
    ref = refs.get()
    citing = set(
        Citation.objects.filter(reference=ref).values_list("document__original_name", flat=True)
    )
    assert {"dvk-6thang-2022-ttdvvl-sonla.txt", "kh-danvan-danchu-2023-ttdvvl-sonla.txt"} <= citing
    assert ref.issued_on.isoformat() == "2021-09-28"
    keys = LegalReference.objects.values_list("doc_type", "number_key")
    assert len(keys) == len(set(keys))


def test_one_document_printed_with_two_numbers_is_flagged_not_merged(officer, units, tmp_path):
    body = (
        "Thực hiện Chương trình số 01-CTPH/BDVTWBCSĐUBDT ngày 30/11/2021 của Ban Dân vận "
        "Trung ương, Ban cán sự đảng Ủy ban Dân tộc về phối hợp.\n"
        "Tiếp tục thực hiện Chương trình số 01-CTPH/BDVTW-BCSĐBDT ngày 30/11/2021 của Ban Dân "
        "vận Trung ương, Ban cán sự đảng Ủy ban Dân tộc.\n"
    )
    services.import_path(officer, units["ttdvvl"], _doc(tmp_path, "ctph.txt", body))
    programmes = LegalReference.objects.filter(doc_type="chuong_trinh")
    assert programmes.count() == 2
    assert all(p.conflict for p in programmes)
    assert all(any("hai số khác nhau" in n for n in p.conflict_notes) for p in programmes)


def test_citations_with_different_dates_are_flagged_with_their_variants(officer, units, tmp_path):
    a = _doc(
        tmp_path,
        "a.txt",
        "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về học tập.\n",
    )
    b = _doc(
        tmp_path,
        "b.txt",
        "Căn cứ Chỉ thị số 05-CT/TW ngày 16/5/2016 của Bộ Chính trị về học tập.\n",
    )
    services.import_path(officer, units["ttdvvl"], a)
    ref = LegalReference.objects.get(number_key=registry.number_key("05-CT/TW"))
    assert not ref.conflict
    services.import_path(officer, units["ttdvvl"], b)
    ref.refresh_from_db()
    assert ref.conflict
    assert "nhiều ngày ban hành" in " ".join(ref.conflict_notes)
    assert {v["issued_on"] for v in ref.variants} == {"2016-05-15", "2016-05-16"}
    counts = services.reference_variants(ref)
    assert sorted((v["issued_on"].day, v["count"]) for v in counts) == [(15, 1), (16, 1)]
    assert Citation.objects.filter(reference=ref).count() == 2


def test_an_archived_document_links_to_the_reference_it_is(officer, units, tmp_path):
    citing = _doc(
        tmp_path,
        "citing.txt",
        "Thực hiện Kế hoạch số 130/KH-TTDVVL ngày 09/3/2022 của Trung tâm Dịch vụ việc làm Sơn La.\n",
    )
    services.import_path(officer, units["ttdvvl"], citing)
    ref = LegalReference.objects.get(number_key=registry.number_key("130/KH-TTDVVL"))
    # The plan itself arrives later: corrected to its type and number, it links to the entry.
    own = _doc(tmp_path, "plan.txt", "KẾ HOẠCH\nTriển khai phong trào thi đua năm 2022\n")
    outcome = services.import_path(officer, units["ttdvvl"], own)
    doc = Document.objects.get(pk=outcome.document_id)
    services.correct_metadata(officer, doc, {"doc_type": "ke_hoach", "number": "130/KH-TTDVVL"})
    doc.refresh_from_db()
    assert doc.legal_reference == ref
    assert list(services.archived_copies(officer, ref)) == [doc]
