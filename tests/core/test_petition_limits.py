"""The petition time limits loaded from data/petition_limits.toml: the law's figures,
and a data file with a mistake refused with a message naming the entry."""

import pytest

from danvan.core import petition_limits as limits

GOOD = """
[[limit]]
code = "kn_thu_ly"
kind = "khieu_nai"
step = "accept"
label = "Thụ lý khiếu nại lần đầu"
days = 10
day_kind = "working"
basis = "Luật Khiếu nại 2011, Điều 27"
verified = true
"""


def test_the_loaded_table_holds_the_figures_of_the_articles_it_cites():
    figures = {
        lim.code: (
            lim.kind,
            lim.step,
            lim.days,
            lim.day_kind,
            lim.complex_days,
            lim.remote_days,
            lim.remote_complex_days,
            lim.extension_days,
            lim.max_extensions,
            lim.max_extensions_very_complex,
            lim.basis,
            lim.verified,
        )
        for lim in limits.LIMITS
    }
    assert figures == {
        "xu_ly_don": ("*", "process", 10, "working", None, None, None, 0, 0, 0,
                      "Thông tư 05/2021/TT-TTCP (quy trình xử lý đơn)", False),
        "kn_thu_ly": ("khieu_nai", "accept", 10, "working", None, None, None, 0, 0, 0,
                      "Luật Khiếu nại 2011, Điều 27", True),
        "kn_giai_quyet_lan_dau": ("khieu_nai", "resolve", 30, "working", 45, 45, 60, 0, 0, 0,
                                  "Luật Khiếu nại 2011, Điều 28", True),
        "tc_giai_quyet": ("to_cao", "resolve", 30, "working", None, None, None, 30, 1, 2,
                          "Luật Tố cáo 2018, Điều 30 khoản 1–3", True),
        "tc_thu_ly": ("to_cao", "accept", 7, "working", None, None, None, 0, 0, 0,
                      "Luật Tố cáo 2018, Điều 29", False),
        "kien_nghi_phan_anh": ("*kien_nghi_phan_anh", "resolve", 10, "working", None, None,
                               None, 0, 0, 0, "Luật Tiếp công dân 2013, Điều 28", False),
    }  # fmt: skip
    assert limits.BY_CODE["kn_thu_ly"].label == "Thụ lý khiếu nại lần đầu"


def test_a_well_formed_entry_loads():
    (lim,) = limits.load_limits(GOOD)
    assert lim.code == "kn_thu_ly" and lim.days == 10 and lim.verified and lim.source == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("days = 10", "days = true"), "days = True"),
        (GOOD.replace("days = 10", 'days = "10"'), "days = '10'"),
        (GOOD.replace("days = 10", "days = 0"), "positive number of days"),
        (GOOD.replace('kind = "khieu_nai"', 'kind = "khieu nai"'), "kind = 'khieu nai'"),
        (GOOD.replace('"working"', '"weekdays"'), "day_kind"),
        (GOOD.replace("verified = true", "verified = true\nverifed = 1"), "unknown keys"),
        (GOOD.replace('step = "accept"\n', ""), "step"),
        (GOOD + GOOD, "stands twice"),
    ],
)
def test_a_mistake_in_the_data_is_refused_naming_the_entry(text, message):
    with pytest.raises(ValueError, match="kn_thu_ly|petition limits") as raised:
        limits.load_limits(text)
    assert message in str(raised.value)
