"""The commendation paperwork (emulation/paperwork): the Tờ trình, the attached
lists, the decision and the certificates, built from a decided round."""

from __future__ import annotations

import pytest

from danvan.core.rules.model import title_label
from danvan.emulation import paperwork
from danvan.emulation.models import AwardDecision

from .helpers import docx_text


def _subject(n) -> str:
    return n.staff.full_name if n.staff is not None else n.collective.name


@pytest.fixture
def decision(round_2024):
    found = AwardDecision.objects.filter(round=round_2024).order_by("pk").first()
    assert found is not None and found.nominations.exists()
    return found


def test_the_lists_name_every_sent_nomination_under_its_title(round_2024):
    noms = paperwork.submitted_nominations(round_2024)
    assert noms
    text = docx_text(paperwork.lists_docx(round_2024))
    assert "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG THÀNH TÍCH NĂM 2024" in text
    for n in noms:
        assert _subject(n) in text
        assert title_label(n.title) in text


def test_the_to_trinh_is_addressed_to_the_deciding_unit(round_2024):
    spec = paperwork.to_trinh_spec(round_2024)
    assert spec.doc_type == "to_trinh"
    assert spec.addressees == (round_2024.deciding_unit.name,)
    assert spec.title == "Về việc đề nghị khen thưởng thành tích năm 2024"
    assert "TỜ TRÌNH" in docx_text(paperwork.to_trinh_docx(round_2024))


def test_the_decision_lists_its_nominations(decision):
    text = docx_text(paperwork.decision_docx(decision))
    assert "QUYẾT ĐỊNH" in text
    for n in decision.nominations.select_related("staff", "collective"):
        assert _subject(n) in text


def test_one_certificate_per_nomination_and_none_without_nominations(decision):
    noms = list(decision.nominations.select_related("staff", "staff__unit", "collective"))
    text = docx_text(paperwork.certificates_docx(decision))
    for n in noms:
        assert _subject(n) in text
    with pytest.raises(paperwork.PaperworkError):
        paperwork.certificates_docx(decision, [])
