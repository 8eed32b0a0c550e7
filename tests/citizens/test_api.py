import datetime as dt

from danvan.citizens.models import Petition

NAME = "Lò Văn Pấng"


def test_the_api_shows_names_only_to_the_unit(book, client_for):
    own = client_for(book.users["canbo.ttdvvl"]).get("/api/v1/citizens/receptions?limit=500")
    assert own.status_code == 200 and NAME in own.content.decode()
    sup = client_for(book.users["thamdinh.sldtbxh"]).get("/api/v1/citizens/receptions?limit=500")
    assert sup.status_code == 200 and sup.json()["count"] > 100
    assert NAME not in sup.content.decode() and "[đã ẩn]" in sup.content.decode()
    out = client_for(book.users["canbo.syt"]).get("/api/v1/citizens/receptions")
    assert out.json()["count"] == 0
    p = Petition.objects.filter(unit=book.units["ttdvvl"]).first()
    assert (
        client_for(book.users["canbo.syt"]).get(f"/api/v1/citizens/petitions/{p.pk}").status_code
        == 404
    )


def test_a_petition_goes_through_the_api(book, client_for):
    officer = client_for(book.users["canbo.ttdvvl"])
    head = client_for(book.users["giamdoc.ttdvvl"])
    today = dt.date.today().isoformat()
    r = officer.post(
        "/api/v1/citizens/petitions",
        {
            "unit_id": book.units["ttdvvl"].pk,
            "received_on": today,
            "kind": "khieu_nai",
            "subject": "Khiếu nại qua API.",
            "complainant_name": "Bạc Văn Thử",
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    r = officer.post(
        f"/api/v1/citizens/petitions/{pk}/classify",
        {"kind": "khieu_nai", "eligible": True, "competent": True},
        content_type="application/json",
    )
    assert r.json()["stage"] == "classified"
    r = officer.post(f"/api/v1/citizens/petitions/{pk}/accept", {}, content_type="application/json")
    assert r.status_code == 403
    r = head.post(f"/api/v1/citizens/petitions/{pk}/accept", {}, content_type="application/json")
    assert r.json()["due_on"] and r.json()["stage"] == "accepted"
    r = head.post(f"/api/v1/citizens/petitions/{pk}/accept", {}, content_type="application/json")
    assert r.status_code == 400 and "Không thể thụ lý" in r.json()["detail"]


def test_the_section_endpoint_gives_figures_with_links(book, client_for):
    c = client_for(book.users["giamdoc.ttdvvl"])
    r = c.get(f"/api/v1/citizens/section?unit={book.units['ttdvvl'].pk}")
    assert r.status_code == 200
    figs = {f["code"]: f for f in r.json()["figures"]}
    assert figs["CD_LUOT_TIEP"]["value"] >= 100
    assert figs["CD_LUOT_TIEP"]["entries_url"].startswith("/cong-dan/so-tiep/?")
    assert "lượt công dân" in r.json()["text"]
