"""The emulation pages: the permission matrix restricted to this app, and
the round walked through the pages with the test client."""

import datetime as dt
import io

import pytest

from danvan.emulation.models import AwardRound, Nomination

from .helpers import docx_text

LDTT = "lao_dong_tien_tien"
CSTDCS = "chien_si_thi_dua_co_so"


def _emulation_urls(world):
    """Every page of the app, with ids of the TTDVVL branch: (name, url, takes an object)."""
    import re

    from django.urls import URLPattern

    from danvan.emulation import urls
    from danvan.emulation.models import AwardDecision
    from danvan.orgunits.models import StaffMember

    samples = {
        "awardround_pk": AwardRound.objects.filter(unit=world.units["ttdvvl"]).first(),
        "nomination_pk": Nomination.objects.filter(unit=world.units["ttdvvl"]).first(),
        "awarddecision_pk": AwardDecision.objects.filter(unit=world.units["ttdvvl"]).first(),
        "staff_pk": StaffMember.objects.filter(unit=world.units["bhtn"]).first(),
        "unit_pk": world.units["ttdvvl"],
    }
    out = []
    for entry in urls.urlpatterns:
        assert isinstance(entry, URLPattern)
        route = str(entry.pattern)

        def fill(match):
            name = match.group(1)
            return "2022" if name == "year" else str(samples[name].pk)

        url = "/thi-dua/" + re.sub(r"<(?:\w+:)?(\w+)>", fill, route)
        out.append((f"emulation:{entry.name}", url, "<" in route))
    assert len(out) > 25
    return out


def _markers(world):
    from danvan.orgunits.models import StaffMember

    names = [world.units[k].name for k in ("ttdvvl", "bhtn", "tvgt")]
    names += list(
        StaffMember.objects.filter(unit__path__startswith=world.units["ttdvvl"].path).values_list(
            "full_name", flat=True
        )
    )
    return names


def test_the_outsider_sees_nothing_of_the_branch_on_any_emulation_page(demo, client_for):
    outsider = client_for(demo.users["canbo.syt"])
    markers = _markers(demo)
    leaks = []
    for name, url, has_object in _emulation_urls(demo):
        response = outsider.get(url)
        assert response.status_code < 500, f"{name} {url}"
        if has_object and response.status_code not in (403, 404, 302):
            leaks.append(f"{name} {url}: {response.status_code}")
        body = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
        leaks += [f"{name} {url}: {m}" for m in markers if m in body]
    assert leaks == [], "\n".join(leaks)


@pytest.mark.parametrize("persona", ["canbo.ttdvvl", "giamdoc.ttdvvl", "thamdinh.sldtbxh"])
def test_people_of_the_branch_reach_every_emulation_page(demo, client_for, persona, settings):
    settings.DANVAN_SOFFICE = "/nonexistent/soffice"  # the PDF fallback page, quickly
    client = client_for(demo.users[persona])
    for name, url, _has in _emulation_urls(demo):
        response = client.get(url)
        assert response.status_code not in (404,) and response.status_code < 500, f"{name} {url}"


def test_suggestions_page_shows_eligibles_and_what_near_misses_lack(
    demo, client_for, round_2025, settings
):
    settings.DANVAN_RULES_UNCONFIRMED = True  # this deployment enforces them
    client = client_for(demo.users["canbo.ttdvvl"])
    html = client.get(f"/thi-dua/dot/{round_2025.pk}/goi-y/").content.decode()
    assert "Đủ tiêu chuẩn" in html and "Nguyễn Thị Mai" in html
    assert "Gần đạt" in html and "nhom=gan_dat" in html  # the near misses are one link away
    assert "Điều 24 khoản 1" in html  # every conclusion names its basis
    near = client.get(f"/thi-dua/dot/{round_2025.pk}/goi-y/?nhom=gan_dat").content.decode()
    assert "Bạc Thị Nga" in near
    assert "khiển trách" in html + near  # what Tòng Văn Sơn lacks, said in Vietnamese


def test_a_round_walked_through_the_pages(demo, client_for, round_2025, staff):
    officer = client_for(demo.users["canbo.ttdvvl"])
    council = client_for(demo.users["thuky.ttdvvl"])
    head = client_for(demo.users["giamdoc.ttdvvl"])
    reviewer = client_for(demo.users["thamdinh.sldtbxh"])
    base = f"/thi-dua/dot/{round_2025.pk}"
    picks = [
        f"p{staff[n].pk}:{LDTT}"
        for n in ("Nguyễn Thị Mai", "Hà Thị Thu", "Trần Văn Dũng", "Cầm Văn Minh")
    ]
    picks.append(f"p{staff['Nguyễn Thị Mai'].pk}:{CSTDCS}")
    response = officer.post(f"{base}/goi-y/", {"pick": picks}, follow=True)
    assert "Đã lập 5 đề nghị từ gợi ý." in response.content.decode()
    # A duplicate from the form is refused with a message; nothing is lost.
    response = officer.post(
        f"{base}/de-nghi/", {"subject": f"p{staff['Lê Văn Nam'].pk}", "title": LDTT}, follow=True
    )
    assert "đã có đề nghị Lao động tiên tiến năm 2025" in response.content.decode()
    assert round_2025.nominations.count() == 6
    noms = list(round_2025.nominations.all())
    data = {"held_on": dt.date.today().isoformat(), "members": "7", "present": "6"}
    for n in noms:
        data[f"for_{n.pk}"], data[f"against_{n.pk}"] = "6", "0"
    response = officer.post(f"{base}/hoi-dong/", data)
    assert Nomination.objects.filter(round=round_2025, status="council_voted").count() == 0
    response = council.post(f"{base}/hoi-dong/", data, follow=True)
    assert "6 được thông qua" in response.content.decode()
    response = officer.post(f"{base}/cong-khai/", {"action": "open"}, follow=True)
    assert "Đang lấy ý kiến" in response.content.decode()
    response = council.post(f"{base}/cong-khai/", {"text": "Nhất trí."}, follow=True)
    assert "Nhất trí." in response.content.decode()
    response = head.get(f"{base}/trinh/")
    assert "Chưa hết thời hạn công khai" in response.content.decode()
    AwardRound.objects.filter(pk=round_2025.pk).update(
        disclosure_start=dt.date.today() - dt.timedelta(days=10),
        disclosure_end=dt.date.today() - dt.timedelta(days=5),
    )
    response = head.post(f"{base}/trinh/")
    assert "6 đề nghị đã công khai sẽ được trình lên" in response.content.decode()
    assert round_2025.nominations.filter(status="submitted").count() == 0
    response = head.post(f"{base}/trinh/", {"confirmed": "1"}, follow=True)
    assert "Đã trình 6 đề nghị" in response.content.decode()
    docx = head.get(f"{base}/to-trinh.docx")
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert docx["Content-Disposition"] == 'attachment; filename="to-trinh-khen-thuong-2025.docx"'

    text = docx_text(docx.content)
    assert "TỜ TRÌNH" in text and "Sở Lao động – Thương binh và Xã hội tỉnh Sơn La" in text
    lists_file = head.get(f"{base}/danh-sach.docx")
    assert lists_file["Content-Disposition"].endswith('"danh-sach-de-nghi-khen-thuong-2025.docx"')
    lists = docx_text(lists_file.content)
    assert "Nguyễn Thị Mai" in lists and "Chiến sĩ thi đua cơ sở" in lists
    mai_cs = round_2025.nominations.get(title=CSTDCS)
    response = officer.post(f"/thi-dua/de-nghi/{mai_cs.pk}/tham-dinh/", {"decision": "accept"})
    mai_cs.refresh_from_db()
    assert mai_cs.status == "submitted"
    for n in round_2025.nominations.filter(status="submitted"):
        reviewer.post(f"/thi-dua/de-nghi/{n.pk}/tham-dinh/", {"decision": "accept", "note": "Đạt"})
    assert round_2025.nominations.filter(status="appraised").count() == 6
    response = reviewer.post(
        f"{base}/quyet-dinh/",
        {
            "number": "12",
            "signed_on": "2025-12-30",
            "signer_name": "Nguyễn Văn Bình",
            "signer_position": "Giám đốc",
        },
    )
    assert "Số quyết định 12/QĐ-SLĐTBXH năm 2025 đã được dùng" in response.content.decode()
    decision = {
        "number": "13",
        "signed_on": "2025-12-30",
        "signer_name": "Nguyễn Văn Bình",
        "signer_position": "Giám đốc",
    }
    # Issuing goes through a page that states the consequence; nothing is issued yet.
    confirm = reviewer.post(f"{base}/quyet-dinh/", decision).content.decode()
    assert "Ban hành quyết định khen thưởng" in confirm
    assert "Quyết định số 13/QĐ-SLĐTBXH ngày 30/12/2025" in confirm
    assert "không thu hồi được" in confirm and "Nguyễn Thị Mai – Chiến sĩ thi đua cơ sở" in confirm
    assert round_2025.decisions.count() == 0
    response = reviewer.post(f"{base}/quyet-dinh/", {**decision, "confirmed": "1"}, follow=True)
    assert "Đã ban hành Quyết định số 13/QĐ-SLĐTBXH" in response.content.decode()
    records = officer.get(f"/thi-dua/ho-so/{staff['Nguyễn Thị Mai'].pk}/").content.decode()
    assert "13/QĐ-SLĐTBXH" in records


def test_the_certificate_is_offered_as_docx_when_libreoffice_is_missing(
    demo, client_for, round_2024, settings
):
    settings.DANVAN_SOFFICE = "/nonexistent/soffice"
    decision = round_2024.decisions.get()
    client = client_for(demo.users["canbo.ttdvvl"])
    response = client.get(f"/thi-dua/quyet-dinh/{decision.pk}/giay-khen.pdf")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Máy chủ chưa cài LibreOffice" in html and "giay-khen.docx" in html
    docx = client.get(f"/thi-dua/quyet-dinh/{decision.pk}/giay-khen.docx")
    text = docx_text(docx.content)
    assert "Nguyễn Thị Mai" in text and "CHIẾN SĨ THI ĐUA CƠ SỞ" in text
    assert "Quyết định số 12/QĐ-SLĐTBXH ngày 15 tháng 01 năm 2025" in text


def test_the_summary_exports_to_excel(demo, client_for):
    from openpyxl import load_workbook

    unit = demo.units["ttdvvl"]
    client = client_for(demo.users["canbo.ttdvvl"])
    html = client.get(f"/thi-dua/tong-hop/?unit={unit.pk}&year=2022").content.decode()
    assert "Sở LĐTBXH tặng Lao động tiên tiến cho 09 cá nhân" in html
    response = client.get(f"/thi-dua/tong-hop/{unit.pk}/2022.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    rows = list(wb["Tổng hợp"].iter_rows(values_only=True))
    assert ("Cá nhân", "Lao động tiên tiến", "Sở LĐTBXH", 9) in rows
    assert (
        client_for(demo.users["canbo.syt"])
        .get(f"/thi-dua/tong-hop/{unit.pk}/2022.xlsx")
        .status_code
        == 404
    )


def test_the_home_page_shows_nominations_in_progress_and_those_awaiting_appraisal(
    demo, client_for, round_2025, walk, reviewer
):
    officer_home = client_for(demo.users["canbo.ttdvvl"]).get("/").content.decode()
    assert "Đề nghị khen thưởng đang xử lý" in officer_home
    assert "Đề nghị chờ thẩm định" not in client_for(reviewer).get("/").content.decode()
    walk(round_2025, [], submit=True)
    assert "Đề nghị chờ thẩm định" in client_for(reviewer).get("/").content.decode()
    assert (
        "Đề nghị khen thưởng" not in client_for(demo.users["canbo.syt"]).get("/").content.decode()
    )


def test_the_nomination_form_picks_a_person_by_search_not_from_a_list_of_everyone(
    demo, client_for, round_2025, staff
):
    officer = client_for(demo.users["canbo.ttdvvl"])
    page = officer.get(f"/thi-dua/dot/{round_2025.pk}/").content.decode()
    assert f'value="p{staff["Hà Thị Thu"].pk}"' not in page  # no option per person
    assert f"/thi-dua/dot/{round_2025.pk}/tim-doi-tuong/" in page
    found = officer.get(
        f"/thi-dua/dot/{round_2025.pk}/tim-doi-tuong/", {"ten": "subject", "subject__tim": "ha thi"}
    ).content.decode()
    assert f'value="p{staff["Hà Thị Thu"].pk}"' in found and "Hà Thị Thu" in found
    assert f'value="p{staff["Nguyễn Thị Mai"].pk}"' not in found
    none = officer.get(
        f"/thi-dua/dot/{round_2025.pk}/tim-doi-tuong/", {"ten": "subject", "subject__tim": "zzz"}
    ).content.decode()
    assert "Không có cá nhân hoặc tập thể nào có tên chứa “zzz”" in none
    # Another branch finds nothing of this round.
    outsider = client_for(demo.users["canbo.syt"])
    assert outsider.get(f"/thi-dua/dot/{round_2025.pk}/tim-doi-tuong/").status_code == 404
    # A refused choice keeps the chosen person ticked in the form shown again.
    response = officer.post(
        f"/thi-dua/dot/{round_2025.pk}/de-nghi/",
        {"subject": f"p{staff['Hà Thị Thu'].pk}", "title": "huan_chuong"},
        follow=True,
    )
    assert response.status_code == 200
