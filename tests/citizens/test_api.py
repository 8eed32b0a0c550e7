import datetime as dt

from danvan.citizens.models import Dialogue, Petition

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


def test_the_dialogue_api_answers_each_dialogue_with_its_unit_and_commitments(book, client_for):
    officer = client_for(book.users["canbo.ttdvvl"])
    page = officer.get("/api/v1/citizens/dialogues?limit=500").json()
    assert page["count"] > 0
    listed = next(d for d in page["items"] if d["commitments"])
    one = officer.get(f"/api/v1/citizens/dialogues/{listed['id']}").json()
    assert one == listed
    d = Dialogue.objects.get(pk=listed["id"])
    assert one["unit"] == {
        "id": d.unit.pk,
        "name": d.unit.name,
        "short_code": d.unit.short_code,
        "kind": d.unit.kind,
    }
    assert (one["title"], one["participant_count"]) == (d.title, d.participant_count)
    assert [c["id"] for c in one["commitments"]] == [c.pk for c in d.commitments.all()]
    first = d.commitments.all()[0]
    assert one["commitments"][0] == {
        "id": first.pk,
        "content": first.content,
        "owner": first.owner,
        "due_on": first.due_on.isoformat(),
        "status": first.status,
        "follow_up": first.follow_up,
    }
