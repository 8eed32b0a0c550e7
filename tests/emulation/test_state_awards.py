"""Rounds with the forms the Thủ tướng decides (legal-verified rows 32, 39–42):
the council vote threshold of Cờ thi đua của Chính phủ, the 20% cap of cụm,
khối leaders, and what the round page shows of them."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import DomainError
from danvan.emulation import services
from danvan.emulation.models import AwardDecision, BaseSalaryRate, ClusterLeader

CO_CP = "co_thi_dua_chinh_phu"


@pytest.fixture
def pm_round(demo, officer):
    """A round of the Trung tâm proposing to the Thủ tướng (row 40)."""
    return services.create_round(
        officer,
        unit=demo.units["ttdvvl"],
        year=2025,
        kind="special",
        name="Đề nghị Cờ thi đua của Chính phủ năm 2025",
        deciding_unit=demo.units["sldtbxh"],
        authority="thu_tuong",
    )


def leaders(demo, meeting: int, year: int = 2025) -> list[ClusterLeader]:
    """Entered data: cụm, khối leaders recorded by the Sở; the first `meeting`
    also meet the Cờ thi đua cấp bộ, tỉnh criteria."""
    keys = ["tvgt", "bhtn", "hcth", "ttdvvl", "ttbtxh", "sldtbxh"]
    return [
        ClusterLeader.objects.create(
            organiser=demo.units["sldtbxh"],
            year=year,
            cluster=f"Khối thi đua số {i + 1}",
            leader=demo.units[key],
            meets_flag_criteria=i < meeting,
        )
        for i, key in enumerate(keys)
    ]


def flags(officer, rnd, demo, *keys):
    return [
        services.nominate(officer, rnd, collective=demo.units[key], title=CO_CP) for key in keys
    ]


def test_the_council_refuses_the_flag_below_80_percent_of_all_members(
    pm_round, demo, officer, council
):
    ok, low = flags(officer, pm_round, demo, "tvgt", "bhtn")
    services.record_council_vote(
        council,
        pm_round,
        held_on=dt.date.today(),
        members=15,
        present=13,
        votes={ok.pk: (12, 1), low.pk: (11, 2)},  # 12/15 = 80%; 11/15 = 73,3%
    )
    ok.refresh_from_db()
    low.refresh_from_db()
    assert ok.status == "council_voted" and ok.council_members == 15
    assert low.status == "rejected"
    assert "Chưa đạt ngưỡng biểu quyết: 11/15 thành viên Hội đồng đồng ý" in low.return_reason
    assert "từ 80% tổng số thành viên Hội đồng (12 phiếu)" in low.return_reason
    assert "Điều 33 khoản 5 Nghị định 152/2025/NĐ-CP" in low.return_reason


def test_the_council_page_says_why_a_flag_was_not_passed(
    pm_round, demo, officer, council, client_for
):
    (nom,) = flags(officer, pm_round, demo, "tvgt")
    page = client_for(council).get(f"/thi-dua/dot/{pm_round.pk}/hoi-dong/").content.decode()
    assert "Cần từ 80% tổng số thành viên Hội đồng đồng ý" in page
    response = client_for(council).post(
        f"/thi-dua/dot/{pm_round.pk}/hoi-dong/",
        {
            "held_on": dt.date.today().strftime("%d/%m/%Y"),
            "members": 15,
            "present": 12,
            f"for_{nom.pk}": 11,
            f"against_{nom.pk}": 1,
        },
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chưa đạt ngưỡng biểu quyết: 11/15" in page
    nom.refresh_from_db()
    assert nom.status == "rejected"


def test_submission_is_refused_above_the_cluster_leader_cap(pm_round, demo, officer, head, walk):
    leaders(demo, meeting=5)  # 20% of 5 = 1 flag
    flags(officer, pm_round, demo, "tvgt", "bhtn")
    walk(pm_round, [])
    problems, _ev = services.submission_problems(pm_round)
    assert any(
        "Vượt hạn mức: 2 đề nghị Cờ thi đua của Chính phủ vượt 20% của 5 tập thể" in p
        for p in problems
    ), problems
    with pytest.raises(DomainError, match="vượt 20% của 5"):
        services.submit_round(head, pm_round)


def test_no_decision_beyond_the_cap_even_after_appraisal(
    pm_round, demo, officer, head, reviewer, walk, client_for
):
    rows = leaders(demo, meeting=5)
    (nom,) = flags(officer, pm_round, demo, "tvgt")
    walk(pm_round, [], submit=True)
    nom.refresh_from_db()
    assert nom.status == "submitted"
    services.appraise_nomination(reviewer, nom, accept=True)
    # The Sở corrects its data: only 4 leaders meet the Cờ bộ, tỉnh criteria.
    rows[0].meets_flag_criteria = False
    rows[0].save()

    def issue():
        return services.issue_decision(
            reviewer,
            pm_round,
            signed_on=dt.date.today(),
            signer_name="Nguyễn Văn A",
            signer_position="Thủ tướng",
        )

    with pytest.raises(DomainError, match="vượt 20% của 4 tập thể dẫn đầu cụm, khối thi đua"):
        issue()
    page = client_for(reviewer).get(f"/thi-dua/dot/{pm_round.pk}/quyet-dinh/").content.decode()
    assert "Chưa ra quyết định được" in page and "vượt 20% của 4 tập thể" in page
    assert not AwardDecision.objects.filter(round=pm_round).exists()
    rows[0].meets_flag_criteria = True
    rows[0].save()
    decision = issue()
    nom.refresh_from_db()
    assert nom.status == "decided" and nom.decision == decision


def test_no_decision_for_a_flag_without_cluster_leaders_recorded(
    pm_round, demo, officer, reviewer, walk
):
    rows = leaders(demo, meeting=5)
    (nom,) = flags(officer, pm_round, demo, "tvgt")
    walk(pm_round, [], submit=True)
    nom.refresh_from_db()
    services.appraise_nomination(reviewer, nom, accept=True)
    for row in rows:
        row.delete()
    with pytest.raises(DomainError, match="Chưa nhập các tập thể dẫn đầu cụm, khối thi đua"):
        services.issue_decision(
            reviewer, pm_round, signed_on=dt.date.today(), signer_name="A", signer_position="B"
        )


def test_the_round_page_shows_thresholds_cap_authority_and_money(
    pm_round, demo, officer, council, client_for
):
    BaseSalaryRate.objects.create(valid_from=dt.date(2024, 7, 1), amount=2_340_000, basis="VB")
    leaders(demo, meeting=5)
    first, second = flags(officer, pm_round, demo, "tvgt", "bhtn")
    services.record_council_vote(
        council,
        pm_round,
        held_on=dt.date.today(),
        members=15,
        present=14,
        votes={first.pk: (14, 0), second.pk: (13, 1)},
    )
    page = client_for(officer).get(f"/thi-dua/dot/{pm_round.pk}/").content.decode()
    # Council thresholds (row 42).
    assert "Ngưỡng biểu quyết của Hội đồng" in page
    assert "từ 80% tổng số thành viên Hội đồng" in page
    assert "cần 12/15 phiếu" in page
    # The cap (row 32), with its basis.
    assert "Cờ thi đua của Chính phủ: giới hạn 20% tập thể dẫn đầu cụm, khối thi đua" in page
    assert "Vượt giới hạn" in page and "được đề nghị tối đa 1" in page
    assert "Khối thi đua số 1" in page
    assert "Căn cứ: Điều 7 khoản 1 Nghị định 152/2025/NĐ-CP" in page
    # The engine's check left to the council: the text of Điều 25 khoản 1.
    assert "Cần xem xét" in page and "Điều 25 khoản 1" in page
    # Authority (rows 39–40): the Thủ tướng grants it.
    assert "Thẩm quyền của Thủ tướng Chính phủ" in page
    # Money (row 52): Cờ thi đua của Chính phủ 12,0 × 2.340.000 = 28.080.000 đ.
    assert "28.080.000" in page
    for marker in ("UNCONFIRMED", "NOT FOUND", "council_vote_threshold", "quota_co_thi_dua"):
        assert marker not in page


def test_cluster_leaders_are_entered_on_the_quota_page(demo, reviewer, client_for):
    client = client_for(reviewer)
    sld, syt = demo.units["sldtbxh"], demo.units["syt"]
    base = {"action": "cluster_add", "organiser": sld.pk, "year": 2025, "cluster": "Khối 1"}
    response = client.post("/thi-dua/han-muc/", {**base, "leader": syt.pk}, follow=True)
    assert response.status_code == 200
    assert not ClusterLeader.objects.exists()  # Sở Y tế is outside the Sở's clusters
    response = client.post(
        "/thi-dua/han-muc/",
        {**base, "leader": demo.units["tvgt"].pk, "meets_flag_criteria": "on"},
        follow=True,
    )
    page = response.content.decode()
    row = ClusterLeader.objects.get()
    assert row.leader == demo.units["tvgt"] and row.meets_flag_criteria
    assert "Đã ghi tập thể dẫn đầu cụm, khối thi đua." in page and "Khối 1" in page
    # The same cluster and year twice: a Vietnamese message, nothing lost.
    response = client.post(
        "/thi-dua/han-muc/", {**base, "leader": demo.units["bhtn"].pk}, follow=True
    )
    assert "đã có tập thể dẫn đầu" in response.content.decode()
    assert ClusterLeader.objects.get().leader == demo.units["tvgt"]
