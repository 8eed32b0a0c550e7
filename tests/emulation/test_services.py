"""The emulation services: records, the round from suggestions to decision,
and every kind of bad input the issue lists."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from danvan.core.errors import DomainError
from danvan.emulation import services
from danvan.emulation.models import (
    AwardDecision,
    AwardRecord,
    AwardRound,
    Nomination,
    NominationStatus,
    PerformanceRating,
)

LDTT = "lao_dong_tien_tien"
CSTDCS = "chien_si_thi_dua_co_so"


def test_the_demo_is_idempotent(demo):
    from danvan.emulation import demo as emulation_demo

    counts = (
        AwardRound.objects.count(),
        Nomination.objects.count(),
        AwardRecord.objects.count(),
        PerformanceRating.objects.count(),
    )
    assert min(counts) > 0, counts  # the demo did add rounds, nominations, records, ratings
    out = io.StringIO()
    emulation_demo.extend(demo, stdout=out)
    assert counts == (
        AwardRound.objects.count(),
        Nomination.objects.count(),
        AwardRecord.objects.count(),
        PerformanceRating.objects.count(),
    )
    assert "0 đợt xét mới" in out.getvalue()


def test_the_2024_demo_round_ends_in_a_numbered_decision_written_into_the_records(
    round_2024, staff
):
    decision = AwardDecision.objects.get(round=round_2024)
    assert decision.symbol == "12/QĐ-SLĐTBXH"
    record = AwardRecord.objects.get(staff=staff["Nguyễn Thị Mai"], year=2024, title=CSTDCS)
    assert record.decision_number == "12/QĐ-SLĐTBXH"
    assert record.decision == decision
    assert set(round_2024.nominations.values_list("status", flat=True)) == {"decided"}


def test_suggestions_list_eligible_people_with_reasons_and_near_misses_with_what_is_missing(
    round_2025, settings
):
    # This deployment enforces the exclusions the legal notes mark UNCONFIRMED.
    settings.DANVAN_RULES_UNCONFIRMED = True
    rows = services.round_suggestions(round_2025)
    by = {(r.name, r.title): r for r in rows}
    mai = by[("Nguyễn Thị Mai", CSTDCS)]
    assert mai.eligible and mai.pledged
    assert any("sáng kiến" in c["message"].lower() for c in mai.checks)
    assert by[("Lê Văn Nam", LDTT)].eligible and by[("Lê Văn Nam", LDTT)].nominated
    nga = by[("Bạc Thị Nga", LDTT)]
    assert not nga.eligible
    assert [c["rule"] for c in nga.missing] == ["rating_at_least_htt"]
    # Sơn's khiển trách of 2025 now fails two checks (the local rule and NĐ
    # 152/2025 Điều 4 khoản 4, legal-verified row 14): no longer a near miss.
    assert ("Tòng Văn Sơn", LDTT) not in by
    assert [c["rule"] for c in by[("Đỗ Thị Hằng", LDTT)].missing] == ["leave_under_40_working_days"]
    nam_cs = by[("Lê Văn Nam", CSTDCS)]
    # Nam is rated htxs in 2025 with no sáng kiến: under Luật 2022 Điều 23 that
    # alone meets the second CSTĐCS criterion (legal-verified row 16).
    assert nam_cs.eligible, nam_cs.missing
    # The Giám đốc Sở cannot grant Tập thể lao động xuất sắc: never suggested here.
    assert not any(r.title == "tap_the_lao_dong_xuat_sac" for r in rows)


def test_unconfirmed_exclusions_are_not_enforced_unless_switched_on(round_2025, settings):
    settings.DANVAN_RULES_UNCONFIRMED = False
    by = {(r.name, r.title): r for r in services.round_suggestions(round_2025)}
    # 45 days of leave exclude only under an unconfirmed rule. A khiển trách
    # decided in 2025 excludes under NĐ 152/2025 Điều 4 khoản 4 (row 14): the
    # 2025 dossier is decided under NĐ 152, and achievement counts only from
    # the end of the discipline term.
    son = by[("Tòng Văn Sơn", LDTT)]
    assert [c["rule"] for c in son.missing] == ["discipline_pending_or_term"]
    assert by[("Đỗ Thị Hằng", LDTT)].eligible
    assert not by[("Bạc Thị Nga", LDTT)].eligible  # rating: a confirmed rule


def test_a_nomination_for_someone_who_left_is_refused(round_2025, staff, officer):
    nga = staff["Bạc Thị Nga"]
    nga.active_to = dt.date.today() - dt.timedelta(days=3)
    nga.save()
    with pytest.raises(DomainError, match="đã thôi công tác từ ngày"):
        services.nominate(officer, round_2025, staff=nga, title=LDTT)
    assert not Nomination.objects.filter(staff=nga, year=2025).exists()


def test_a_nomination_for_someone_of_another_unit_is_refused(round_2025, demo, admin_user, officer):
    from danvan.orgunits import services as unit_services

    other = unit_services.create_staff(
        admin_user,
        unit=demo.units["ttbtxh"],
        full_name="Lường Thị Xuân",
        recruited_on=dt.date(2015, 1, 1),
    )
    with pytest.raises(DomainError, match="không thuộc Trung tâm Dịch vụ việc làm Sơn La"):
        services.nominate(officer, round_2025, staff=other, title=LDTT)


def test_a_title_the_deciding_authority_cannot_grant_is_refused(round_2025, staff, demo, officer):
    with pytest.raises(DomainError, match="Giám đốc Sở không có thẩm quyền tặng Tập thể lao động"):
        services.nominate(
            officer, round_2025, collective=demo.units["tvgt"], title="tap_the_lao_dong_xuat_sac"
        )
    with pytest.raises(DomainError, match="không có thẩm quyền tặng Bằng khen"):
        services.nominate(
            officer, round_2025, staff=staff["Lò Thị Anh Hoa"], title="bang_khen_cap_tinh"
        )


def test_a_duplicate_nomination_is_refused(round_2025, staff, officer):
    with pytest.raises(
        DomainError, match="đã có đề nghị Lao động tiên tiến năm 2025 trong đợt này"
    ):
        services.nominate(officer, round_2025, staff=staff["Lê Văn Nam"], title=LDTT)


def test_a_second_award_for_the_same_achievement_is_refused(round_2024, staff, officer, demo):
    special = services.create_round(
        officer,
        unit=demo.units["ttdvvl"],
        year=2024,
        kind="special",
        deciding_unit=demo.units["sldtbxh"],
    )
    with pytest.raises(DomainError, match="Điều 5") as err:
        services.nominate(officer, special, staff=staff["Nguyễn Thị Mai"], title=CSTDCS)
    assert "12/QĐ-SLĐTBXH" in err.value.message
    with pytest.raises(DomainError, match="Mỗi thành tích chỉ được khen thưởng một lần"):
        services.add_award_record(officer, staff=staff["Nguyễn Thị Mai"], title=CSTDCS, year=2024)


def test_the_council_vote_computes_approval_against_the_round_threshold(
    round_2025, staff, officer, council
):
    round_2025.approval_threshold = 70
    round_2025.save()
    a = services.nominate(officer, round_2025, staff=staff["Hà Thị Thu"], title=LDTT)
    b = services.nominate(officer, round_2025, staff=staff["Cầm Văn Minh"], title=LDTT)
    services.record_council_vote(
        council,
        round_2025,
        held_on=dt.date.today(),
        members=7,
        present=6,
        votes={a.pk: (5, 1), b.pk: (4, 2)},
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, str(a.approval_percent)) == ("council_voted", "83.33")
    assert (b.status, str(b.approval_percent)) == ("rejected", "66.67")


def test_council_votes_beyond_the_members_present_are_refused(round_2025, council):
    nam = round_2025.nominations.get()
    with pytest.raises(DomainError, match="vượt 5 thành viên dự họp"):
        services.record_council_vote(
            council,
            round_2025,
            held_on=dt.date.today(),
            members=7,
            present=5,
            votes={nam.pk: (4, 3)},
        )
    with pytest.raises(DomainError, match="quá nửa"):
        services.record_council_vote(
            council,
            round_2025,
            held_on=dt.date.today(),
            members=7,
            present=3,
            votes={nam.pk: (3, 0)},
        )
    nam.refresh_from_db()
    assert nam.status == "draft"


def test_only_the_council_records_votes_and_only_the_head_submits(round_2025, officer, head):
    nam = round_2025.nominations.get()
    with pytest.raises(PermissionDenied):
        services.record_council_vote(
            officer,
            round_2025,
            held_on=dt.date.today(),
            members=7,
            present=7,
            votes={nam.pk: (7, 0)},
        )
    with pytest.raises(PermissionDenied):
        services.submit_round(officer, round_2025)


def test_submission_waits_for_the_end_of_the_disclosure_period(round_2025, officer, council, head):
    nam = round_2025.nominations.get()
    services.record_council_vote(
        council, round_2025, held_on=dt.date.today(), members=7, present=7, votes={nam.pk: (7, 0)}
    )
    services.open_disclosure(officer, round_2025)
    with pytest.raises(DomainError, match="Chưa hết thời hạn công khai"):
        services.submit_round(head, round_2025)
    services.add_comment(officer, round_2025, "Đồng ý với danh sách.", nomination=nam)
    assert round_2025.comments.count() == 1


def test_comments_after_the_disclosure_period_are_refused(round_2025, staff, walk, officer):
    walk(round_2025, [(f"p{staff['Hà Thị Thu'].pk}", LDTT)])
    with pytest.raises(DomainError, match="Thời hạn góp ý đã kết thúc"):
        services.add_comment(officer, round_2025, "Muộn")


def test_an_exceeded_quota_blocks_submission_with_the_engine_message(round_2025, staff, walk, head):
    people = ["Nguyễn Thị Mai", "Lò Thị Anh Hoa", "Hà Thị Thu"]
    items = [(f"p{staff[n].pk}", LDTT) for n in people if n != "Lê Văn Nam"]
    items += [(f"p{staff[n].pk}", CSTDCS) for n in people]
    walk(round_2025, items)
    with pytest.raises(DomainError) as err:
        services.submit_round(head, round_2025)
    assert "Vượt hạn mức: 3 đề nghị Chiến sĩ thi đua cơ sở vượt 30%" in err.value.message
    assert not round_2025.nominations.filter(status="submitted").exists()


def test_a_failing_criterion_blocks_submission(round_2025, staff, walk, head):
    walk(round_2025, [(f"p{staff['Bạc Thị Nga'].pk}", LDTT)])
    with pytest.raises(
        DomainError, match="Bạc Thị Nga – Lao động tiên tiến: .*hoàn thành nhiệm vụ"
    ):
        services.submit_round(head, round_2025)


def test_the_whole_round_from_submission_to_decision(
    round_2025, staff, walk, reviewer, head, officer
):
    people = ["Nguyễn Thị Mai", "Hà Thị Thu", "Cầm Văn Minh", "Trần Văn Dũng"]
    items = [(f"p{staff[n].pk}", LDTT) for n in people]
    walk(round_2025, [*items, (f"p{staff['Nguyễn Thị Mai'].pk}", CSTDCS)], submit=True)
    noms = {n.staff.full_name + n.title: n for n in round_2025.nominations.select_related("staff")}
    nam = noms["Lê Văn Nam" + LDTT]
    mai_ld, mai_cs = noms["Nguyễn Thị Mai" + LDTT], noms["Nguyễn Thị Mai" + CSTDCS]
    assert {nam.status, mai_ld.status, mai_cs.status} == {"submitted"}
    assert mai_cs.eligible is True and mai_cs.checks
    # The unit may recall before appraisal; not the officer, and not after.
    with pytest.raises(PermissionDenied):
        services.recall_nomination(officer, nam)
    services.recall_nomination(head, nam, "Rút để xét khen đột xuất")
    nam.refresh_from_db()
    assert nam.status == "recalled"
    with pytest.raises(PermissionDenied):
        services.appraise_nomination(officer, mai_ld, accept=True)
    with pytest.raises(DomainError, match="lý do trả lại"):
        services.appraise_nomination(reviewer, mai_ld, accept=False)
    services.appraise_nomination(reviewer, mai_ld, accept=True)
    services.appraise_nomination(reviewer, mai_cs, accept=True)
    with pytest.raises(DomainError, match="Chỉ rút được"):
        services.recall_nomination(head, mai_cs)
    # The 2024 round's decision was 12 of 2025 at the Sở: the series goes on.
    assert services.next_decision_number(round_2025.deciding_unit, 2025) == 13
    with pytest.raises(PermissionDenied):
        services.issue_decision(
            head, round_2025, signed_on=dt.date(2025, 12, 30), signer_name="X", signer_position="Y"
        )
    decision = services.issue_decision(
        reviewer,
        round_2025,
        signed_on=dt.date(2025, 12, 30),
        signer_name="Nguyễn Văn Bình",
        signer_position="Giám đốc",
    )
    assert decision.symbol == "13/QĐ-SLĐTBXH"
    record = AwardRecord.objects.get(staff=staff["Nguyễn Thị Mai"], year=2025, title=CSTDCS)
    assert (record.decision_number, record.decided_on) == ("13/QĐ-SLĐTBXH", dt.date(2025, 12, 30))
    mai_cs.refresh_from_db()
    assert mai_cs.status == NominationStatus.DECIDED
    assert services.next_decision_number(round_2025.deciding_unit, 2025) == 14
    assert services.next_decision_number(round_2025.deciding_unit, 2026) == 1


def test_a_decision_number_already_used_is_refused(round_2025, staff, walk, reviewer):
    walk(round_2025, [], submit=True)
    nam = round_2025.nominations.get()
    services.appraise_nomination(reviewer, nam, accept=True)
    # The 2024 round's decision took number 12 of 2025 at Sở LĐTBXH.
    with pytest.raises(DomainError, match="Số quyết định 12/QĐ-SLĐTBXH năm 2025 đã được dùng"):
        services.issue_decision(
            reviewer,
            round_2025,
            signed_on=dt.date(2025, 12, 30),
            signer_name="Nguyễn Văn Bình",
            signer_position="Giám đốc",
            number=12,
        )
    nam.refresh_from_db()
    assert nam.status == "appraised"
    assert not AwardRecord.objects.filter(staff=nam.staff, year=2025).exists()


def test_records_follow_a_person_who_moves_units(staff, demo, admin_user, officer):
    from danvan.orgunits import services as unit_services

    mai = staff["Nguyễn Thị Mai"]
    before = (mai.ratings.count(), mai.award_records.count(), mai.innovations.count())
    unit_services.transfer_staff(admin_user, mai, demo.units["bhtn"], dt.date.today())
    mai.refresh_from_db()
    assert (mai.ratings.count(), mai.award_records.count(), mai.innovations.count()) == before
    rows = services.round_suggestions(AwardRound.objects.get(unit=demo.units["ttdvvl"], year=2025))
    mine = [r for r in rows if r.name == "Nguyễn Thị Mai" and r.title == CSTDCS]
    assert mine and mine[0].eligible and mine[0].unit_name == "Phòng Bảo hiểm thất nghiệp"


def test_rounds_are_scoped_to_the_branch(round_2025, outsider, reviewer, officer):
    with pytest.raises(Http404):
        services.get_round_for_user(outsider, round_2025.pk)
    assert services.get_round_for_user(reviewer, round_2025.pk) == round_2025
    assert not services.rounds_for_user(outsider).exists()
    assert not services.nominations_for_user(outsider).exists()
    with pytest.raises(Http404):
        services.get_round_for_user(officer, round_2025.pk, "review")


def test_the_commendation_summary_counts_by_title_unit_and_level(demo):
    summary = services.commendation_summary(demo.units["ttdvvl"], 2022)
    individual = {(r["title"], r["decided_by"]): r["count"] for r in summary["individual"]}
    assert individual[(LDTT, "Sở LĐTBXH")] == 9
    assert individual[(CSTDCS, "Sở LĐTBXH")] == 2
    assert individual[("bang_khen_cap_tinh", "Bộ LĐTBXH")] == 1
    collective = {r["title"]: r["count"] for r in summary["collective"]}
    assert collective == {"tap_the_lao_dong_tien_tien": 4, "giay_khen": 1}
    assert summary["totals"] == {"individual": 13, "collective": 5}
    assert "Sở LĐTBXH tặng Lao động tiên tiến cho 09 cá nhân" in summary["lines"]["individual"]
    tvgt = [r for r in summary["by_unit"] if r["unit"] == "Phòng Tư vấn, giới thiệu việc làm"]
    assert {(r["level"], r["title"], r["count"]) for r in tvgt} >= {
        ("individual", LDTT, 2),
        ("collective", "tap_the_lao_dong_tien_tien", 1),
    }
    later = services.commendation_summary(demo.units["tvgt"], 2024)
    assert later["totals"] == {"individual": 3, "collective": 1}


def test_ratings_are_validated_and_corrected_in_place(staff, officer, outsider):
    nam = staff["Lê Văn Nam"]
    with pytest.raises(DomainError, match="Xếp loại “xuat_sac” không hợp lệ"):
        services.set_rating(officer, nam, year=2025, rating="xuat_sac")
    services.set_rating(officer, nam, year=2025, rating="htt", leave_working_days=3)
    assert nam.ratings.get(year=2025).rating == "htt"
    with pytest.raises(PermissionDenied):
        services.set_rating(outsider, nam, year=2025, rating="htxs")


def test_award_decisions_share_the_issuers_quyet_dinh_register(round_2025, staff, walk, reviewer):
    from danvan.drafting.models import IssuedNumber
    from danvan.drafting.services import issue_number

    walk(round_2025, [], submit=True)
    nam = round_2025.nominations.get()
    services.appraise_nomination(reviewer, nam, accept=True)
    issuer = round_2025.deciding_unit
    # Another Quyết định of the Sở takes the next number first ...
    other = issue_number(
        reviewer,
        unit=issuer,
        doc_type="quyet_dinh",
        issued_on=dt.date(2025, 12, 29),
        title="Quyết định về việc khác",
    )
    # ... so the award decision cannot reuse it and takes the one after.
    with pytest.raises(DomainError, match="đã được cấp"):
        services.issue_decision(
            reviewer,
            round_2025,
            signed_on=dt.date(2025, 12, 30),
            signer_name="Nguyễn Văn Bình",
            signer_position="Giám đốc",
            number=other.number,
        )
    decision = services.issue_decision(
        reviewer,
        round_2025,
        signed_on=dt.date(2025, 12, 30),
        signer_name="Nguyễn Văn Bình",
        signer_position="Giám đốc",
    )
    assert decision.number == other.number + 1
    entry = IssuedNumber.objects.get(
        unit=issuer, doc_type="quyet_dinh", year=2025, number=decision.number
    )
    assert entry.symbol == decision.symbol and entry.source == "emulation"
