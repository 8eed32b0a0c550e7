"""Số and ký hiệu (ND 30 Phụ lục I Mục II.3; HD 36 for the Party)."""

import pytest

from danvan.core.render.model import DRAFT_NUMBER_BLANK, SpecError, build_symbol


@pytest.mark.parametrize(
    "args, kwargs, expected",
    [
        ((130, "ke_hoach", "TTDVVL"), {}, "130/KH-TTDVVL"),
        ((5, "bao_cao", "TTDVVL"), {}, "05/BC-TTDVVL"),
        ((10, "bao_cao", "TTDVVL"), {}, "10/BC-TTDVVL"),
        ((15, "quyet_dinh", "BNV"), {}, "15/QĐ-BNV"),
        ((2, "to_trinh", "UBND"), {}, "02/TTr-UBND"),
        ((79, "cong_van", "TTDVVL"), {"drafting_unit": "HCTH"}, "79/TTDVVL-HCTH"),
        ((146, "cong_van", "TTDVVL"), {}, "146/TTDVVL"),
        ((11, "chi_thi", "TU"), {"party": True}, "11-CT/TU"),
        ((36, "huong_dan", "VPTW"), {"party": True}, "36-HD/VPTW"),
        ((234, "cong_van", "TU"), {"party": True}, "234-CV/TU"),
        ((1, "thong_bao", " ttdvvl "), {}, "01/TB-TTDVVL"),
    ],
)
def test_symbols_follow_the_decree(args, kwargs, expected):
    assert build_symbol(*args, **kwargs) == expected


def test_an_unnumbered_draft_leaves_room_for_the_number():
    assert build_symbol(None, "ke_hoach", "TTDVVL") == f"{DRAFT_NUMBER_BLANK}/KH-TTDVVL"


@pytest.mark.parametrize("code", [None, "", "   "])
def test_a_missing_issuer_code_is_an_error_in_vietnamese(code):
    with pytest.raises(SpecError) as err:
        build_symbol(1, "ke_hoach", code)
    assert err.value.message_vi.startswith("Chưa có chữ viết tắt của cơ quan ban hành")


@pytest.mark.parametrize("code", ["TT DVVL", "TT/DVVL", "TT--X"])
def test_a_malformed_issuer_code_is_an_error(code):
    with pytest.raises(SpecError, match="không hợp lệ"):
        build_symbol(1, "ke_hoach", code)


def test_zero_or_negative_numbers_are_refused():
    with pytest.raises(SpecError):
        build_symbol(0, "ke_hoach", "TTDVVL")


def test_an_unknown_type_is_refused():
    with pytest.raises(SpecError, match="không được hỗ trợ"):
        build_symbol(1, "thu_cong", "TTDVVL")
