"""The round lists page and sort on the server (50 rows a page, ?trang=, ?sap_xep=)."""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
from django.urls import reverse

from danvan.emulation import services
from danvan.emulation.models import AwardRecord, AwardRound, EmulationPledge, Nomination
from danvan.orgunits import services as unit_services
from danvan.orgunits.models import OrgUnit, StaffMember


@pytest.fixture
def crowded_round(round_2025):
    """The 2025 round with 60 more draft nominations, one per new staff member."""
    unit = round_2025.unit
    people = StaffMember.objects.bulk_create(
        StaffMember(full_name=f"Người xếp hàng {i:03d}", unit=unit) for i in range(60)
    )
    Nomination.objects.bulk_create(
        Nomination(
            round=round_2025, unit=unit, staff=s, title="lao_dong_tien_tien", year=round_2025.year
        )
        for s in people
    )
    return round_2025


def _subjects(html: str) -> list[str]:
    return re.findall(r'href="/thi-dua/de-nghi/\d+/">([^<]+)</a>', html)


def test_a_rounds_nominations_page_and_sort_by_name(client_for, officer, crowded_round):
    client = client_for(officer)
    url = reverse("emulation:awardround_detail", args=[crowded_round.pk])
    total = crowded_round.nominations.count()
    first = client.get(url, {"sap_xep": "ten"})
    second = client.get(url, {"sap_xep": "ten", "trang": 2})
    page1, page2 = _subjects(first.content.decode()), _subjects(second.content.decode())
    assert len(page1) == 50 and len(page2) == total - 50
    names = sorted(
        str(n.staff or n.collective)
        for n in crowded_round.nominations.select_related("staff", "collective")
    )
    ours = [n for n in page1 + page2 if n.startswith("Người xếp hàng")]
    assert len(ours) == 60 and ours == sorted(ours)
    assert sorted(page1 + page2) == names
    assert "Trang 2/2" in second.content.decode() and "sap_xep=ten" in first.content.decode()
    money = second.context["money"]  # the money table follows the page; totals stay the round's
    on_page = {n.pk for n in second.context["page"]}
    assert money["paged"] and money["rows"] and {m.nomination.pk for m in money["rows"]} <= on_page
    whole = services.round_money(crowded_round)
    assert money["estimated_total"] == whole["estimated_total"] and len(whole["rows"]) > 50
    down = _subjects(client.get(url, {"sap_xep": "-ten"}).content.decode())
    assert down == list(reversed(page1 + page2))[:50]


def test_the_round_list_pages_and_sorts_within_the_users_units(
    client_for, officer, outsider, round_2025
):
    for i in range(55):
        extra = copy.copy(round_2025)
        extra.pk = None
        extra.name = f"Đợt thử {i:02d}"
        extra.year = 1950 + i
        extra.save()
    url = reverse("emulation:index")
    visible = AwardRound.objects.filter(unit__path__startswith=round_2025.unit.path).count()
    client = client_for(officer)
    page1 = client.get(url, {"sap_xep": "nam"}).context["page"]
    page2 = client.get(url, {"sap_xep": "nam", "trang": 2}).context["page"]
    years = [r.year for r in page1] + [r.year for r in page2]
    assert len(years) >= 56 and years == sorted(years) and years[0] == 1950
    newest = [r.year for r in client.get(url).context["page"]]
    assert newest == sorted(newest, reverse=True)  # newest first by default
    assert page1.paginator.count >= visible
    assert client_for(outsider).get(url).context["page"].paginator.count == 0


def test_the_appraisal_queue_pages_and_sorts(client_for, reviewer, crowded_round, demo):
    crowded_round.nominations.update(status="submitted")
    client = client_for(reviewer)
    url = reverse("emulation:appraisal_queue")
    response = client.get(url, {"sap_xep": "-ten"})
    assert response.context["appraises"]
    page1 = [n.subject_name for n in response.context["page"]]
    second = client.get(url, {"sap_xep": "-ten", "trang": 2})
    page2 = [n.subject_name for n in second.context["page"]]
    assert len(page1) == 50 and page2
    ours = [n for n in page1 + page2 if n.startswith("Người xếp hàng")]
    assert len(ours) == 60 and ours == sorted(ours, reverse=True)


def test_the_suggestions_sort_by_name_and_the_near_misses_have_their_own_pages(
    client_for, officer, round_2025, settings
):
    settings.DANVAN_RULES_UNCONFIRMED = True
    client = client_for(officer)
    url = reverse("emulation:awardround_suggestions", args=[round_2025.pk])
    up = [r.name for r in client.get(url, {"sap_xep": "ten"}).context["page"]]
    down = [r.name for r in client.get(url, {"sap_xep": "-ten"}).context["page"]]
    assert len(up) >= 2 and up == sorted(up, key=str.casefold) and down == list(reversed(up))
    near = client.get(url, {"nhom": "gan_dat"}).context["page"]
    assert near.object_list and not any(r.eligible for r in near)


def test_the_pledges_page_and_sort(client_for, officer, round_2025):
    unit = round_2025.unit
    people = StaffMember.objects.bulk_create(
        StaffMember(full_name=f"Người đăng ký {i:03d}", unit=unit) for i in range(55)
    )
    EmulationPledge.objects.bulk_create(
        EmulationPledge(round=round_2025, unit=unit, staff=s, title="lao_dong_tien_tien")
        for s in people
    )
    client = client_for(officer)
    url = reverse("emulation:awardround_pledges", args=[round_2025.pk])
    first = client.get(url, {"sap_xep": "-ten"}).context["page"]
    second = client.get(url, {"sap_xep": "-ten", "trang": 2}).context["page"]
    names = [p.subject_name for p in first] + [p.subject_name for p in second]
    total = EmulationPledge.objects.filter(round=round_2025).count()
    assert len(first) == 50 and len(names) == total
    ours = [n for n in names if n.startswith("Người đăng ký")]
    assert len(ours) == 55 and ours == sorted(ours, reverse=True)


def test_the_disclosure_list_pages_numbers_on_and_sorts(client_for, officer, crowded_round):
    crowded_round.nominations.update(status="council_voted")
    services.open_disclosure(officer, crowded_round)
    client = client_for(officer)
    url = reverse("emulation:awardround_disclosure", args=[crowded_round.pk])
    second = client.get(url, {"sap_xep": "ten", "trang": 2})
    html = second.content.decode()
    assert "<td>51</td>" in html  # the numbering goes on from the first page
    names = [n.subject_name for n in client.get(url, {"sap_xep": "ten"}).context["page"]]
    names += [n.subject_name for n in second.context["page"]]
    ours = [n for n in names if n.startswith("Người xếp hàng")]
    assert len(ours) == 60 and ours == sorted(ours)


def test_the_records_staff_list_pages_sorts_searches_and_stays_in_scope(
    client_for, officer, outsider, round_2025
):
    unit = round_2025.unit
    for i in range(55):
        StaffMember(full_name=f"Cán bộ hồ sơ {i:03d}", unit=unit, position="Chuyên viên").save()
    client = client_for(officer)
    url = reverse("emulation:staff_list")
    response = client.get(url, {"sap_xep": "-ten"})
    html = response.content.decode()
    assert html.count("<table") == 1 and html.count('name="tap_the__tim"') == 1
    first = response.context["page"]
    second = client.get(url, {"sap_xep": "-ten", "trang": 2}).context["page"]
    names = [s.full_name for s in first] + [s.full_name for s in second]
    ours = [n for n in names if n.startswith("Cán bộ hồ sơ")]
    assert len(first) == 50 and len(ours) == 55 and ours == sorted(ours, reverse=True)
    assert all(s.unit.path.startswith(unit.path) for s in list(first) + list(second))
    found = client.get(url, {"q": "can bo ho so 007"}).context["page"]
    assert [s.full_name for s in found] == ["Cán bộ hồ sơ 007"]
    by_unit = client.get(url, {"q": unit.name}).context["page"].paginator.count
    assert by_unit >= 55
    assert client_for(outsider).get(url, {"q": "hồ sơ"}).context["page"].paginator.count == 0
    opened = client.get(url, {"tap_the": unit.pk})
    assert opened.status_code == 302 and opened.url == reverse(
        "emulation:unit_records", args=[unit.pk]
    )
    assert client_for(outsider).get(url, {"tap_the": unit.pk}).status_code == 404


YEAR = dt.date.today().year - 5  # one of the years the summary form offers
INDIVIDUAL_TITLES = [
    "lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "chien_si_thi_dua_cap_tinh",
    "bang_khen_cap_tinh",
    "giay_khen",
]


def test_the_summary_by_unit_pages_and_sorts_by_count(client_for, admin_user, demo):
    root = demo.units["ttdvvl"]
    for i in range(12):
        unit_services.create_unit(
            admin_user, parent=root, name=f"Phòng khen thưởng {i:02d}", kind=root.kind
        )
    units = list(OrgUnit.objects.filter(path__startswith=root.path))
    records = []
    for u, unit in enumerate(units):
        people = StaffMember.objects.bulk_create(
            StaffMember(full_name=f"Người được khen {u:03d}-{k}", unit=unit) for k in range(3)
        )
        for t, title in enumerate(INDIVIDUAL_TITLES):  # 1 to 3 people a unit and title
            records += [
                AwardRecord(staff=p, unit=unit, title=title, year=YEAR, decided_by="UBND")
                for p in people[: 1 + (u + t) % 3]
            ]
    AwardRecord.objects.bulk_create(records)
    rows = len(units) * len(INDIVIDUAL_TITLES)
    assert rows > 50
    client = client_for(admin_user)
    url = reverse("emulation:summary")
    query = {"unit": root.pk, "year": YEAR, "sap_xep": "-so_luong"}
    first = client.get(url, query).context["page"]
    second = client.get(url, {**query, "trang": 2}).context["page"]
    counts = [r["count"] for r in first] + [r["count"] for r in second]
    assert len(first) == 50 and len(counts) == rows  # 13 units × 5 titles, on two pages
    assert counts == sorted(counts, reverse=True) and counts[0] >= 3 and counts[-1] >= 1
    response = client.get(url, {"unit": root.pk, "year": YEAR})
    tree = [r["unit"] for r in response.context["page"]]
    assert tree[0] == root.name  # the tree's order by default
    html = response.content.decode()  # a searchable unit picker, not every unit in a dropdown
    assert "Phòng khen thưởng 05</option>" not in html and html.count("<option") == 6  # years
    assert f'name="unit" value="{root.pk}" checked' in html


def _vote_inputs(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'name="for_(\d+)"', html)]


def test_the_council_vote_pages_and_each_pages_votes_are_kept(client_for, council, crowded_round):
    client = client_for(council)
    url = reverse("emulation:awardround_council", args=[crowded_round.pk])
    total = crowded_round.nominations.filter(status="draft").count()
    first = client.get(url, {"sap_xep": "ten"}).content.decode()
    second = client.get(url, {"sap_xep": "ten", "trang": 2}).content.decode()
    on1, on2 = _vote_inputs(first), _vote_inputs(second)
    assert len(on1) == 50 and len(on2) == total - 50 and not set(on1) & set(on2)
    assert "Ghi và sang trang sau" in first and "Trang 2/2" in second
    meeting = {"held_on": dt.date.today().isoformat(), "members": "7", "present": "6"}
    # Page 2's votes are saved with page 2, then the secretary moves back to page 1.
    votes2 = {f"for_{pk}": "6" for pk in on2} | {f"against_{pk}": "0" for pk in on2}
    response = client.post(f"{url}?sap_xep=ten&trang=2", {**meeting, **votes2, "sang": "1"})
    assert response.status_code == 302 and response.url == f"{url}?sap_xep=ten"
    assert Nomination.objects.filter(
        pk__in=on2, status="council_voted", votes_for=6
    ).count() == len(on2)
    # Page 1's votes: saved too, and page 2's stay as they were.
    votes1 = {f"for_{pk}": "5" for pk in on1} | {f"against_{pk}": "1" for pk in on1}
    response = client.post(f"{url}?sap_xep=ten", {**meeting, **votes1})
    assert response.status_code == 302
    assert Nomination.objects.filter(pk__in=on1, votes_for=5, votes_against=1).count() == 50
    assert Nomination.objects.filter(pk__in=on2, votes_for=6).count() == len(on2)
    tally = client.get(url).content.decode()
    assert f"đã ghi phiếu {total}" in tally and "còn 0 chưa ghi" in tally
    # The meeting is the round's: fewer present than page 2's recorded votes is refused
    # on page 1, and nothing of page 1 is saved.
    fewer = {**meeting, "present": "5"} | {f"for_{pk}": "4" for pk in on1}
    response = client.post(f"{url}?sap_xep=ten", fewer)
    assert response.status_code == 200 and "vượt 5 thành viên dự họp" in response.content.decode()
    assert Nomination.objects.filter(pk__in=on1, votes_for=4).count() == 0
    crowded_round.refresh_from_db()
    assert crowded_round.council_present == 6


def test_the_council_page_moves_without_saving_when_nothing_is_typed(
    client_for, council, crowded_round
):
    client = client_for(council)
    url = reverse("emulation:awardround_council", args=[crowded_round.pk])
    response = client.post(url, {"held_on": "", "members": "", "present": "", "sang": "2"})
    assert response.status_code == 302 and response.url == f"{url}?trang=2"
    assert not crowded_round.nominations.filter(votes_for__isnull=False).exists()


def _two_pages_sorted(client, url, order: str, total: int):
    """Both pages of a list sorted by name (`order`): 50 rows, then the rest,
    the crowd's 60 in order. Returns the second page's response."""
    first = client.get(url, {"sap_xep": order})
    second = client.get(url, {"sap_xep": order, "trang": 2})
    names = [n.subject_name for n in first.context["page"]]
    names += [n.subject_name for n in second.context["page"]]
    assert len(first.context["page"]) == 50 and len(names) == total
    ours = [n for n in names if n.startswith("Người xếp hàng")]
    assert len(ours) == 60 and ours == sorted(ours, reverse=order.startswith("-"))
    return second


def test_the_decision_list_and_its_money_page_and_sort(
    client_for, officer, crowded_round, round_2024
):
    decision = round_2024.decisions.first()
    extra = crowded_round.nominations.filter(staff__full_name__startswith="Người xếp hàng")
    extra.update(decision=decision, status="decided")
    url = reverse("emulation:awarddecision_detail", args=[decision.pk])
    second = _two_pages_sorted(client_for(officer), url, "-ten", decision.nominations.count())
    money = second.context["money"]  # the money table follows the page; the total is the decision's
    assert money["paged"] and {m.nomination.pk for m in money["rows"]} <= {
        n.pk for n in second.context["page"]
    }
    assert money["total"] == services.decision_money(decision)["total"]
    assert "<td>51</td>" in second.content.decode()


def test_the_decide_page_lists_the_appraised_nominations_by_page(
    client_for, officer, crowded_round
):
    crowded_round.nominations.update(status="appraised")
    url = reverse("emulation:awardround_decide", args=[crowded_round.pk])
    second = _two_pages_sorted(client_for(officer), url, "ten", crowded_round.nominations.count())
    assert "Trang 2/2" in second.content.decode()


def test_the_submit_pages_its_problems(client_for, head, crowded_round):
    crowded_round.nominations.update(status="disclosed")
    ours = crowded_round.nominations.filter(staff__full_name__startswith="Người xếp hàng")
    ours.update(title="chien_si_thi_dua_co_so")  # none of them has the years of LĐTT it needs
    AwardRound.objects.filter(pk=crowded_round.pk).update(
        disclosure_start=dt.date.today() - dt.timedelta(days=10),
        disclosure_end=dt.date.today() - dt.timedelta(days=5),
    )
    client = client_for(head)
    url = reverse("emulation:awardround_submit", args=[crowded_round.pk])
    problems, _ev = services.submission_problems(AwardRound.objects.get(pk=crowded_round.pk))
    assert len(problems) > 50
    first = client.get(url).context["problems"]
    second = client.get(url, {"trang": 2}).context["problems"]
    assert list(first) + list(second) == problems[:100] and len(first) == 50
