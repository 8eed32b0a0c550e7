"""Citing documents: full on first mention, short afterwards (ND 30 Mục II.6 b)."""

from datetime import date

from danvan.core.render.citations import Citer, LegalRef, cite_again, cite_first

KH_130 = LegalRef(
    "ke_hoach",
    "130/KH-TTDVVL",
    date(2022, 3, 9),
    "Trung tâm Dịch vụ việc làm Sơn La",
    "Triển khai công tác Dân vận - Dân chủ năm 2022",
)
LUAT_TDKT = LegalRef("luat", "06/2022/QH15", date(2022, 6, 15), "Quốc hội", "Thi đua, khen thưởng")


def test_first_citation_gives_type_number_date_issuer_and_subject():
    assert cite_first(KH_130) == (
        "Kế hoạch số 130/KH-TTDVVL ngày 09/3/2022 của Trung tâm Dịch vụ việc làm Sơn La "
        "về Triển khai công tác Dân vận - Dân chủ năm 2022"
    )


def test_later_citation_gives_type_and_number_only():
    assert cite_again(KH_130) == "Kế hoạch số 130/KH-TTDVVL"


def test_a_law_is_cited_by_type_and_name_only():
    assert cite_first(LUAT_TDKT) == "Luật Thi đua, khen thưởng"
    assert cite_again(LUAT_TDKT) == "Luật Thi đua, khen thưởng"


def test_a_subject_already_starting_with_ve_or_vv_is_not_doubled():
    ref = LegalRef(
        "chi_thi", "11-CT/TU", date(2021, 9, 28), "Ban Thường vụ Tỉnh ủy", "V/v đẩy mạnh"
    )
    assert cite_first(ref).endswith("của Ban Thường vụ Tỉnh ủy về đẩy mạnh")
    ref = LegalRef("chi_thi", "11-CT/TU", title="Về đẩy mạnh")
    assert cite_first(ref) == "Chỉ thị số 11-CT/TU về đẩy mạnh"


def test_numbers_are_normalised_as_printed_numbers_should_be():
    ref = LegalRef("nghi_quyet", "20- NQ/TU")
    assert cite_again(ref) == "Nghị quyết số 20-NQ/TU"


def test_the_citer_cites_in_full_once_then_shortly():
    citer = Citer()
    assert citer.cite(KH_130).startswith("Kế hoạch số 130/KH-TTDVVL ngày 09/3/2022")
    assert citer.cite(KH_130) == "Kế hoạch số 130/KH-TTDVVL"
    same_number_spaced = LegalRef("ke_hoach", "130 / KH-TTDVVL")
    assert citer.cite(same_number_spaced) == "Kế hoạch số 130/KH-TTDVVL"


def test_two_citers_do_not_share_memory():
    first, second = Citer(), Citer()
    first.cite(KH_130)
    assert not second.was_cited(KH_130)
    assert second.cite(KH_130) == cite_first(KH_130)
