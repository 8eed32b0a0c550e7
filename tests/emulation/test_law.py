"""The round as legal-verified.md reads the law: prize money, council vote
thresholds, authority checks, revocation, theme-based awards (issue 11)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from danvan.audit.models import AuditEntry
from danvan.core.errors import DomainError
from danvan.emulation import services
from danvan.emulation.models import AwardDecision, AwardRecord, BaseSalaryRate, Revocation
from danvan.emulation.scenario import build_for_round

LDTT, CSTDCS = "lao_dong_tien_tien", "chien_si_thi_dua_co_so"
TINH, TQ = "chien_si_thi_dua_cap_tinh", "chien_si_thi_dua_toan_quoc"


@pytest.fixture
def rates(db):
    # Entered data (not law written in code): amounts a deployment would enter.
    BaseSalaryRate.objects.create(valid_from=dt.date(2023, 7, 1), amount=1_800_000, basis="VB 1")
    BaseSalaryRate.objects.create(valid_from=dt.date(2024, 7, 1), amount=2_340_000, basis="VB 2")


def _mai_titles(round_2025, staff):
    built = build_for_round(round_2025)
    person = next(p for p in built.scenario.people if p.id == f"p{staff['Nguyễn Thị Mai'].pk}")
    return person.titles


def test_the_round_page_shows_money_vote_thresholds_and_authority_checks(
    round_2025, staff, officer, client_for, rates
):
    services.nominate(officer, round_2025, staff=staff["Nguyễn Thị Mai"], title=LDTT)
    page = client_for(officer).get(f"/thi-dua/dot/{round_2025.pk}/").content.decode()
    # The authority table: the Giám đốc Sở cannot grant CSTĐ toàn quốc; the Thủ tướng can.
    assert "Thẩm quyền của Giám đốc Sở" in page and "Thủ tướng Chính phủ" in page
    # Nominations beyond the authority are refused at nomination already; a
    # round decided by the Thủ tướng takes the CSTĐ toàn quốc nomination.
    round_2025.authority = "thu_tuong"
    round_2025.save(update_fields=["authority"])
    services.nominate(officer, round_2025, staff=staff["Nguyễn Thị Mai"], title=TQ)
    round_2025.authority = "giam_doc_so"  # then the round's authority is changed back
    round_2025.save(update_fields=["authority"])
    page = client_for(officer).get(f"/thi-dua/dot/{round_2025.pk}/").content.decode()
    # Money: LĐTT 0,3 × 2.340.000 = 702.000 → rounded up to 710.000 (estimated today).
    assert "Tiền thưởng" in page and "710.000" in page and "(dự kiến)" in page
    # Only the highest title of the same year is paid.
    assert "Không chi: cùng thời gian đạt thành tích với danh hiệu cao hơn" in page
    # CSTĐ toàn quốc: ≥ 90% of all council members (NĐ 152/2025 Điều 33 khoản 5).
    assert "Ngưỡng biểu quyết của Hội đồng" in page and "từ 90% tổng số thành viên" in page
    # The Giám đốc Sở cannot grant it; the page says who can.
    assert "Giám đốc Sở không có thẩm quyền tặng Chiến sĩ thi đua toàn quốc" in page
    assert "thẩm quyền tặng: Thủ tướng Chính phủ" in page
    assert "UNCONFIRMED" not in page and "CHƯA XÁC NHẬN" not in page


def test_a_decision_beyond_the_authority_is_refused_naming_who_can(
    round_2025, staff, walk, reviewer
):
    walk(round_2025, [(f"p{staff['Nguyễn Thị Mai'].pk}", LDTT)], submit=True)
    for nom in round_2025.nominations.filter(status="submitted"):
        services.appraise_nomination(reviewer, nom, accept=True)
    # No cấp huyện powers after 30/6/2025 (legal-verified rows 6, 35).
    round_2025.authority = "chu_tich_ubnd_huyen"
    round_2025.save(update_fields=["authority"])
    with pytest.raises(DomainError, match="thẩm quyền tặng: Giám đốc Sở"):
        services.issue_decision(
            reviewer,
            round_2025,
            signed_on=dt.date(2025, 12, 30),
            signer_name="A",
            signer_position="B",
        )
    assert not AwardDecision.objects.filter(round=round_2025).exists()


def test_cstd_toan_quoc_needs_90_percent_of_all_council_members(
    round_2025, staff, officer, council
):
    ldtt = services.nominate(officer, round_2025, staff=staff["Hà Thị Thu"], title=LDTT)
    round_2025.authority = "thu_tuong"
    round_2025.save(update_fields=["authority"])
    nom = services.nominate(officer, round_2025, staff=staff["Nguyễn Thị Mai"], title=TQ)
    # 9 of 10 present voted yes (90% of those present) but 9 of 11 members is 81.8%.
    services.record_council_vote(
        council,
        round_2025,
        held_on=dt.date.today(),
        members=11,
        present=10,
        votes={nom.pk: (9, 1), ldtt.pk: (9, 1)},
    )
    nom.refresh_from_db()
    ldtt.refresh_from_db()
    assert nom.status == "rejected"
    assert ldtt.status == "council_voted"  # no national threshold: the round's own


def test_money_is_on_the_decision_summed_and_exported_as_plain_values(
    round_2024, client_for, reviewer, rates
):
    decision = AwardDecision.objects.get(round=round_2024)
    money = services.decision_money(decision)
    assert money["total"] > 0 and all(r.amount is not None for r in money["rows"])
    page = client_for(reviewer).get(f"/thi-dua/quyet-dinh/{decision.pk}/").content.decode()
    assert "Tổng cộng:" in page and "Điều 49, Điều 50, Điều 54 Nghị định 152/2025/NĐ-CP" in page
    year = services.year_money(reviewer, decision.signed_on.year, decision.unit)
    assert year["total"] == money["total"]  # the only decision of that year there
    summary = client_for(reviewer).get(
        "/thi-dua/tong-hop/", {"unit": decision.unit.pk, "year": decision.signed_on.year}
    )
    assert f"Tiền thưởng theo 1 quyết định ký năm {decision.signed_on.year}" in (
        summary.content.decode()
    )
    resp = client_for(reviewer).get(f"/thi-dua/dot/{round_2024.pk}/tien-thuong.xlsx")
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.content)).active
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "Tổng số đã quyết định" in values and money["total"] in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_money_without_a_base_salary_says_so(round_2024, db):
    decision = AwardDecision.objects.get(round=round_2024)
    rows = services.decision_money(decision)["rows"]
    assert rows and all(r.amount is None for r in rows)
    assert "Chưa nhập mức lương cơ sở" in rows[0].note


def test_a_revocation_is_recorded_on_its_page_and_later_counting_drops_the_title(
    round_2024, round_2025, staff, client_for, reviewer, officer
):
    mai = staff["Nguyễn Thị Mai"]
    record = AwardRecord.objects.get(staff=mai, year=2024, title=CSTDCS)
    assert CSTDCS in _mai_titles(round_2025, staff)[2024]
    decision = record.decision
    url = f"/thi-dua/quyet-dinh/{decision.pk}/huy-bo/"
    # An officer of the unit may not revoke: the form is not offered, a POST is refused.
    assert "Ghi nhận hủy bỏ" not in client_for(officer).get(url).content.decode()
    assert client_for(officer).post(url, {}).status_code == 403
    resp = client_for(reviewer).post(
        url,
        {
            "record": record.pk,
            "ground": "gia_mao",
            "decision_number": "99/QĐ-SLĐTBXH",
            "decided_on": dt.date.today().isoformat(),
            "recovered_amount": "1800000",
            "certificate_recovered": "on",
            "note": "Hồ sơ sáng kiến giả mạo",
        },
    )
    assert resp.status_code == 302
    revocation = Revocation.objects.get(record=record)
    assert revocation.recovered_amount == 1_800_000 and revocation.certificate_recovered
    assert AuditEntry.objects.filter(object_id=str(revocation.pk)).exists()
    page = client_for(reviewer).get(f"/thi-dua/quyet-dinh/{decision.pk}/").content.decode()
    assert "Giả mạo hồ sơ, giấy tờ" in page and "99/QĐ-SLĐTBXH" in page
    # The record stays for the trail, but the engine no longer counts it.
    assert AwardRecord.objects.filter(pk=record.pk).exists()
    assert CSTDCS not in _mai_titles(round_2025, staff).get(2024, frozenset())
    # A second revocation of the same title is refused in Vietnamese.
    with pytest.raises(DomainError, match="đã bị hủy bỏ"):
        services.revoke_record(
            reviewer,
            record,
            ground="khai_man",
            decided_on=dt.date.today(),
            decision_number="100/QĐ",
        )


def test_theme_based_awards_are_not_a_basis_for_higher_awards(round_2025, staff):
    record = AwardRecord.objects.filter(staff=staff["Nguyễn Thị Mai"], title=CSTDCS).first()
    record.theme_based = True
    record.save()
    assert CSTDCS not in _mai_titles(round_2025, staff).get(record.year, frozenset())


def test_base_salary_is_entered_by_an_administrator_only(client_for, admin_user, officer, db):
    data = {"valid_from": "2024-07-01", "amount": "2340000", "basis": "Văn bản quy định"}
    assert client_for(officer).post("/thi-dua/luong-co-so/", data).status_code == 403
    resp = client_for(admin_user).post("/thi-dua/luong-co-so/", data)
    assert resp.status_code == 302 and BaseSalaryRate.objects.get().amount == 2_340_000
    again = client_for(admin_user).post("/thi-dua/luong-co-so/", data).content.decode()
    assert "Đã có mức lương cơ sở áp dụng từ ngày này." in again


def test_a_pending_discipline_entered_on_the_page_stops_the_suggestion(
    round_2025, staff, client_for, officer
):
    thu = staff["Hà Thị Thu"]
    resp = client_for(officer).post(
        f"/thi-dua/ho-so/{thu.pk}/",
        {"kind": "discipline", "discipline-pending": "on", "discipline-note": "Đang kiểm tra"},
    )
    assert resp.status_code == 302
    assert thu.discipline.get().pending
    by = {(r.name, r.title): r for r in services.round_suggestions(round_2025)}
    row = by.get(("Hà Thị Thu", LDTT))
    # NĐ 152/2025 Điều 4 khoản 4: not proposed while a discipline is considered.
    assert row is not None and not row.eligible
    assert [c["rule"] for c in row.missing] == ["discipline_pending_or_term"]
    page = client_for(officer).get(f"/thi-dua/ho-so/{thu.pk}/").content.decode()
    assert "Đang xem xét kỷ luật, thanh tra, điều tra" in page


def test_the_movement_feeds_theme_based_suggestions_citing_initiatives_and_figures(
    demo, officer, client_for, outsider
):
    from danvan.planning import demo as planning_demo
    from danvan.planning import services as planning_services
    from danvan.planning.models import Indicator, Initiative
    from danvan.reporting import demo as reporting_demo

    planning_demo.extend(demo)
    reporting_demo.extend(demo)
    ttdvvl = demo.units["ttdvvl"]
    initiative = Initiative.objects.filter(unit=ttdvvl).first()
    Initiative.objects.filter(pk=initiative.pk).update(year=2023, status="exemplar")
    # A half-year plan for an indicator the centre reported for 2023-H1 (1,420).
    connected = Indicator.objects.get(name="Kết nối việc làm thành công")
    planning_services.set_target(
        officer, indicator=connected, unit=ttdvvl, period="2023-H1", value=1000
    )
    rnd = services.create_round(
        officer, unit=ttdvvl, year=2023, deciding_unit=ttdvvl.parent, kind="special"
    )
    facts = services.theme_facts(officer, rnd)
    texts = [f.text for f in facts["facts"]]
    assert any(initiative.name in t and "công nhận điển hình" in t for t in texts)
    assert any(
        f.kind == "indicator"
        and f.achieved
        and "Kết nối việc làm thành công, 6 tháng đầu năm 2023: thực hiện 1.420/1.000 kế hoạch (142%)"
        in f.text
        for f in facts["facts"]
    ), texts
    assert "Điều 4 khoản 3 Nghị định 152/2025/NĐ-CP" in facts["basis"]
    page = client_for(officer).get(f"/thi-dua/dot/{rnd.pk}/goi-y/").content.decode()
    assert "Gợi ý khen thưởng theo chuyên đề" in page and initiative.name in page
    assert "không dùng làm căn cứ đề nghị khen thưởng cấp cao hơn" in page
    # Read in the user's scope: someone of another branch gets no facts.
    assert services.theme_facts(outsider, rnd)["facts"] == []


def test_a_theme_based_award_entered_on_the_page_is_not_a_basis(
    round_2025, staff, client_for, officer
):
    mai = staff["Nguyễn Thị Mai"]
    held = AwardRecord.objects.get(staff=mai, title=CSTDCS, year=2024)
    held.delete()
    assert CSTDCS not in _mai_titles(round_2025, staff).get(2024, frozenset())
    resp = client_for(officer).post(
        f"/thi-dua/ho-so/{mai.pk}/",
        {
            "kind": "award",
            "award-title": CSTDCS,
            "award-year": "2024",
            "award-decision_number": "15/QĐ",
            "award-theme_based": "on",
        },
    )
    assert resp.status_code == 302
    assert AwardRecord.objects.get(staff=mai, title=CSTDCS, year=2024).theme_based
    # NĐ 152/2025 Điều 4 khoản 3: not counted for a higher award.
    assert CSTDCS not in _mai_titles(round_2025, staff).get(2024, frozenset())
    page = client_for(officer).get(f"/thi-dua/ho-so/{mai.pk}/").content.decode()
    assert "Khen thưởng theo chuyên đề (không dùng làm căn cứ đề nghị khen cao hơn)" in page


def test_the_decision_document_carries_the_prize_money(round_2024, client_for, reviewer, rates):
    decision = AwardDecision.objects.get(round=round_2024)
    money = services.decision_money(decision)
    resp = client_for(reviewer).get(f"/thi-dua/quyet-dinh/{decision.pk}/van-ban.docx")
    assert resp.status_code == 200
    doc = Document(io.BytesIO(resp.content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Tiền thưởng" in cells
    paid = next(r.amount for r in money["rows"] if r.amount)
    assert f"{paid:,}".replace(",", ".") + " đồng" in cells
    total = f"{money['total']:,}".replace(",", ".")
    assert f"Tổng số tiền thưởng: {total} đồng" in text
