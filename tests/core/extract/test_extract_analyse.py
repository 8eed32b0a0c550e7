"""The whole analysis pipeline: shape, robustness, offsets (danvan.core.extract.analyse)."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.core.extract import analyse

DOCS = Path(__file__).resolve().parent / "docs"
PIECES = [
    "BÁO CÁO\n",
    "Số: 12/BC-UBND\n",
    "Sơn La, ngày 09 tháng 3 năm 2022\n",
    "Nơi nhận:\n- Như trên;\n",
    "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLò Thị Hoa\n",
    "Chỉ thị số 11-CT/TU ngày 28/9/2021 của Tỉnh ủy",
    "đạt 94.3% so với kế hoạch",
    "28.101/38.000",
    " tăng 43% so với cùng kỳ",
    "8.794 lượt người",
    "(1) ",
    "; ",
    ". ",
    "\n\n",
    "“",
    "”",
    "trong đó ",
    "Phấn đấu ",
    "6 tháng đầu năm ",
    "/",
    "%",
    "0",
    "1.2.3",
]


def test_an_empty_text_gives_an_empty_object_of_the_right_shape():
    result = analyse("", "empty.txt")
    assert result["schema"] == "danvan.extraction/1"
    assert result["source"] == "empty.txt"
    assert result["citations"] == result["figures"] == result["checks"] == []
    assert result["document"]["recipients"] == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_mix_of_document_pieces_is_analysed_without_error(text):
    result = analyse(text, "x.txt")
    for item in result["figures"] + result["citations"] + result["checks"]:
        assert 0 <= item["start"] <= item["end"] <= len(text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_is_analysed_without_error(text):
    assert analyse(text, "x.txt")["schema"] == "danvan.extraction/1"


def test_figure_and_citation_texts_are_found_at_their_offsets():
    text = (DOCS / "so-noi-vu-dien-bien-9thang-2023.txt").read_text(encoding="utf-8")
    result = analyse(text, "so.txt")
    for c in result["citations"]:
        assert " ".join(text[c["start"] : c["end"]].split()) == c["text"]
    for f in result["figures"]:
        assert " ".join(text[f["start"] : f["end"]].split()).strip(" ,;-") == f["text"]


def test_the_document_period_is_the_one_reported_on():
    text = (DOCS / "ban-dan-van-lai-chau-2022.txt").read_text(encoding="utf-8")
    period = analyse(text, "x.txt")["document"]["period"]
    assert period == {"label": "năm 2022", "start": "2022-01-01", "end": "2022-12-31"}


NUMBER_PIECES = [
    "9" * 30,
    "9" * 400,
    ",5",
    ".000",
    "/",
    "0",
    " người",
    "%",
    " kế hoạch",
    "đạt ",
    " ",
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_PIECES), max_size=12).map("".join))
def test_huge_and_odd_numbers_still_give_strict_json(text):
    import json

    json.dumps(analyse(text, "x.txt"), allow_nan=False)


def test_two_hundred_kilobytes_of_report_text_are_analysed():
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.txt")))
    big = (text * (200_000 // len(text) + 1))[:200_000]
    result = analyse(big, "big.txt")
    assert result["figures"] and result["citations"]


def test_whitespace_only_text_gives_no_findings():
    result = analyse(" \n\t\n   \n", "blank.txt")
    assert result["figures"] == result["citations"] == []
    assert result["document"]["title"] is None
