"""The emulation API: scoped reads, one service per write, Vietnamese errors."""

import datetime as dt
import json

from danvan.emulation.models import Nomination

LDTT = "lao_dong_tien_tien"


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_rounds_suggestions_and_checks_are_scoped(demo, client_for, round_2025):
    officer = client_for(demo.users["canbo.ttdvvl"])
    outsider = client_for(demo.users["canbo.syt"])
    listed = officer.get("/api/v1/emulation/rounds").json()
    assert {r["year"] for r in listed["items"]} == {2024, 2025}
    assert outsider.get("/api/v1/emulation/rounds").json()["count"] == 0
    assert outsider.get(f"/api/v1/emulation/rounds/{round_2025.pk}").status_code == 404
    assert outsider.get(f"/api/v1/emulation/rounds/{round_2025.pk}/suggestions").status_code == 404
    rows = officer.get(f"/api/v1/emulation/rounds/{round_2025.pk}/suggestions").json()
    nga = next(r for r in rows if r["name"] == "Bạc Thị Nga" and r["title"] == LDTT)
    assert not nga["eligible"] and nga["missing"][0]["rule"] == "rating_at_least_htt"
    check = officer.get(f"/api/v1/emulation/rounds/{round_2025.pk}/check").json()
    assert check["regime"] == "luat-2022"
    assert check["nominations"][0]["eligible"] is True


def test_a_nomination_through_the_api_with_vietnamese_errors(demo, client_for, round_2025, staff):
    officer = client_for(demo.users["canbo.ttdvvl"])
    url = f"/api/v1/emulation/rounds/{round_2025.pk}/nominations"
    made = _post(officer, url, {"subject": f"p{staff['Hà Thị Thu'].pk}", "title": LDTT})
    assert made.status_code == 201 and made.json()["status"] == "draft"
    dup = _post(officer, url, {"subject": f"p{staff['Hà Thị Thu'].pk}", "title": LDTT})
    assert dup.status_code == 400 and "Không tạo đề nghị trùng" in dup.json()["detail"]
    bad = _post(officer, url, {"subject": f"p{staff['Hà Thị Thu'].pk}", "title": "huan_chuong"})
    assert bad.status_code == 400 and "không có trong danh mục" in bad.json()["detail"]
    grant = _post(
        officer, url, {"subject": f"u{demo.units['tvgt'].pk}", "title": "tap_the_lao_dong_xuat_sac"}
    )
    assert "không có thẩm quyền" in grant.json()["detail"]
    outsider = client_for(demo.users["canbo.syt"])
    assert (
        _post(outsider, url, {"subject": f"p{staff['Hà Thị Thu'].pk}", "title": LDTT}).status_code
        == 404
    )


def test_the_round_through_the_api_to_a_decision(demo, client_for, round_2025, staff):
    officer = client_for(demo.users["canbo.ttdvvl"])
    council = client_for(demo.users["thuky.ttdvvl"])
    head = client_for(demo.users["giamdoc.ttdvvl"])
    reviewer = client_for(demo.users["thamdinh.sldtbxh"])
    base = f"/api/v1/emulation/rounds/{round_2025.pk}"
    nam = round_2025.nominations.get()
    votes = {
        "held_on": dt.date.today().isoformat(),
        "members": 5,
        "present": 5,
        "votes": [{"nomination_id": nam.pk, "votes_for": 5, "votes_against": 0}],
    }
    assert _post(officer, f"{base}/council-vote", votes).status_code == 403
    voted = _post(council, f"{base}/council-vote", votes).json()
    assert voted[0]["approval_percent"] == "100.00" and voted[0]["status"] == "council_voted"
    assert _post(officer, f"{base}/disclosure", {}).status_code == 200
    early = _post(head, f"{base}/submit", {})
    assert early.status_code == 400 and "Chưa hết thời hạn công khai" in early.json()["detail"]
    round_2025.__class__.objects.filter(pk=round_2025.pk).update(
        disclosure_start=dt.date.today() - dt.timedelta(days=9),
        disclosure_end=dt.date.today() - dt.timedelta(days=4),
    )
    assert _post(head, f"{base}/submit", {}).status_code == 200
    back = _post(reviewer, f"/api/v1/emulation/nominations/{nam.pk}/appraisal", {"accept": True})
    assert back.json()["status"] == "appraised"
    decision = _post(
        reviewer,
        f"{base}/decision",
        {
            "signed_on": "2025-12-29",
            "signer_name": "Nguyễn Văn Bình",
            "signer_position": "Giám đốc",
        },
    )
    assert decision.status_code == 201
    assert decision.json()["symbol"] == "13/QĐ-SLĐTBXH"
    nam.refresh_from_db()
    assert nam.status == "decided"
    records = officer.get(f"/api/v1/emulation/staff/{nam.staff_id}/records").json()
    assert {
        "year": 2025,
        "title": LDTT,
        "decision_number": "13/QĐ-SLĐTBXH",
        "decided_on": "2025-12-29",
        "decided_by": demo.units["sldtbxh"].name,
        "theme_based": False,
    } in records["awards"]
    assert Nomination.objects.filter(round=round_2025, status="decided").count() == 1


def test_the_summary_is_served_to_the_report_renderer(demo, client_for):
    unit = demo.units["ttdvvl"]
    data = (
        client_for(demo.users["giamdoc.ttdvvl"])
        .get(f"/api/v1/emulation/summary?unit_id={unit.pk}&year=2023")
        .json()
    )
    assert data["totals"] == {"individual": 11, "collective": 4}
    assert (
        client_for(demo.users["canbo.syt"])
        .get(f"/api/v1/emulation/summary?unit_id={unit.pk}&year=2023")
        .status_code
        == 404
    )


def test_records_and_quotas_are_written_through_the_api(demo, client_for, staff):
    officer = client_for(demo.users["canbo.ttdvvl"])
    nam = staff["Lê Văn Nam"]
    url = f"/api/v1/emulation/staff/{nam.pk}"
    assert _post(officer, f"{url}/ratings", {"year": 2026, "rating": "htt"}).status_code == 201
    bad = _post(officer, f"{url}/ratings", {"year": 2026, "rating": "gioi"})
    assert bad.status_code == 400 and bad.json()["detail"] == "Xếp loại “gioi” không hợp lệ."
    again = _post(officer, f"{url}/awards", {"title": LDTT, "year": 2024})
    assert (
        again.status_code == 400
        and "Mỗi thành tích chỉ được khen thưởng một lần" in again.json()["detail"]
    )
    made = _post(
        officer,
        f"{url}/innovations",
        {"title": "Sổ tay", "year": 2026, "scope": "co_so", "applied": True},
    )
    assert made.status_code == 201
    outsider = client_for(demo.users["canbo.syt"])
    assert _post(outsider, f"{url}/ratings", {"year": 2026, "rating": "htxs"}).status_code == 404
    quota = {
        "unit_id": demo.units["sldtbxh"].pk,
        "year": 2026,
        "title": "chien_si_thi_dua_co_so",
        "max_percent_of": LDTT,
        "percent": "20",
    }
    assert _post(officer, "/api/v1/emulation/quotas", quota).status_code == 404
    reviewer = client_for(demo.users["thamdinh.sldtbxh"])
    assert _post(reviewer, "/api/v1/emulation/quotas", quota).status_code == 201
    seen = officer.get("/api/v1/emulation/quotas?year=2026").json()
    assert seen["count"] == 1  # the caps of the unit that decides the officer's rounds
    assert outsider.get("/api/v1/emulation/quotas").json()["count"] == 0


def test_a_theme_based_award_is_written_through_the_api(demo, client_for, staff):
    officer = client_for(demo.users["canbo.ttdvvl"])
    nam = staff["Lê Văn Nam"]
    body = {"title": LDTT, "year": 2026, "theme_based": True}
    made = _post(officer, f"/api/v1/emulation/staff/{nam.pk}/awards", body)
    assert made.status_code == 201, made.content
    assert nam.award_records.get(year=2026).theme_based
