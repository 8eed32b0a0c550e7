"""`danvan demo` imports the samples once; the API answers within scope."""

import io

from danvan.documents import services
from danvan.documents.models import Citation, Document, DocumentFigure, LegalReference


def test_demo_imports_the_three_samples_and_a_second_run_adds_nothing(world):
    from danvan.documents import demo

    demo.extend(world, stdout=io.StringIO())
    assert Document.objects.count() == 3
    assert {d.unit for d in Document.objects.all()} == {world.units["ttdvvl"]}
    counts = (
        Document.objects.count(),
        Citation.objects.count(),
        DocumentFigure.objects.count(),
        LegalReference.objects.count(),
    )
    out = io.StringIO()
    demo.extend(world, stdout=out)
    assert "đã nạp 0 văn bản mới" in out.getvalue()
    assert counts == (
        Document.objects.count(),
        Citation.objects.count(),
        DocumentFigure.objects.count(),
        LegalReference.objects.count(),
    )


def test_demo_skips_the_samples_when_the_folder_is_missing(world, monkeypatch, tmp_path):
    from danvan.documents import demo

    monkeypatch.setattr(demo, "samples_dir", lambda: tmp_path / "khong-co")
    out = io.StringIO()
    demo.extend(world, stdout=out)
    assert "bỏ qua" in out.getvalue()
    assert not Document.objects.exists()


def test_the_api_lists_and_shows_documents_in_scope_only(
    client_for, officer, outsider, units, samples, admin_user
):
    doc_id = services.import_path(admin_user, units["ttdvvl"], samples["dvk"]).document_id
    mine = client_for(officer).get("/api/v1/documents/", {"q": "dan van kheo"})
    assert mine.status_code == 200 and [d["id"] for d in mine.json()] == [doc_id]
    detail = client_for(officer).get(f"/api/v1/documents/{doc_id}").json()
    assert detail["figures"] and detail["citations"] and "text" in detail
    fig_id = detail["figures"][0]["id"]
    assert client_for(officer).get(f"/api/v1/documents/figures/{fig_id}").status_code == 200
    assert client_for(outsider).get("/api/v1/documents/").json() == []
    assert client_for(outsider).get(f"/api/v1/documents/{doc_id}").status_code == 404
    assert client_for(outsider).get(f"/api/v1/documents/figures/{fig_id}").status_code == 404
    ref_id = detail["citations"][0]["reference_id"]
    assert client_for(officer).get(f"/api/v1/documents/references/{ref_id}").status_code == 200
    # cited only by another branch's document: not reachable for the outsider
    assert client_for(outsider).get(f"/api/v1/documents/references/{ref_id}").status_code == 404
    assert client_for(outsider).get("/api/v1/documents/references").json() == []
