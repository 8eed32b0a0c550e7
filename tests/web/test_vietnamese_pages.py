"""No internal codes or English on the pages people use (issue 12 §3)."""

import re

import pytest

from danvan.documents import services as documents
from danvan.documents.models import Document
from danvan.emulation.models import AwardRound
from danvan.reporting.models import IndicatorValue


@pytest.fixture
def demo(world):
    """The demo world with its plans, reports and emulation rounds."""
    from danvan.emulation import demo as emulation_demo
    from danvan.planning import demo as planning_demo
    from danvan.reporting import demo as reporting_demo

    planning_demo.extend(world)
    reporting_demo.extend(world)
    emulation_demo.extend(world)
    return world


def _text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"<[^>]+>", " ", response.content.decode())


def test_the_document_page_shows_its_checks_in_vietnamese(client_for, officer, tmp_path):
    path = tmp_path / "kh.txt"
    path.write_text("Thực hiện Kế hoạch số 48-KHPH/BDVTU-HNB về phối hợp.", encoding="utf-8")
    outcome = documents.import_path(officer, officer.roles.first().unit, path)
    doc = Document.objects.get(pk=outcome.document_id)
    assert (doc.extraction or {}).get("checks")
    page = _text(client_for(officer).get(f"/van-ban/{doc.pk}/"))
    assert "trích dẫn thiếu ngày ban hành" in page
    assert "cited without a date" not in page


def test_a_value_page_names_its_period_not_its_code(demo, client_for, officer):
    value = IndicatorValue.objects.filter(unit=officer.roles.first().unit, period="2022-H1").first()
    page = _text(client_for(officer).get(f"/bao-cao/so-lieu/{value.pk}/"))
    assert "6 tháng đầu năm 2022" in page
    assert "2022-H1" not in page


def test_select_boxes_offer_an_empty_choice_in_vietnamese(demo, client_for, officer):
    body = client_for(officer).get("/ke-hoach/mo-hinh/moi/").content.decode()
    assert "---------" not in body
    assert "— Chọn —" in body


def test_indicator_pickers_show_names_without_codes(demo, client_for, reviewer):
    body = client_for(reviewer).get("/bao-cao/tong-hop/").content.decode()
    options = re.findall(r'<select name="indicator">(.*?)</select>', body, re.S)[0]
    assert "CU_LD" not in options and "Lao động" in options


def test_the_round_page_says_the_quota_title_first(demo, client_for, admin_user):
    rnd = AwardRound.objects.order_by("pk").first()
    page = _text(client_for(admin_user).get(f"/thi-dua/dot/{rnd.pk}/"))
    assert "Chiến sĩ thi đua cơ sở: 0 đề nghị, được đề nghị tối đa 2 (30% của 9" in page
