"""The report page fills "Lũy kế từ đầu năm" from the months it has and says
what the "Thao tác" section offers (issue 12 §6)."""

from decimal import Decimal

from danvan.core.periods import Period
from danvan.reporting.models import UnitReport
from danvan.reporting.services.values import partial_year_to_date


def test_the_year_to_date_sums_the_months_that_have_figures_and_says_how_many():
    known = {"2026-M01": Decimal(10), "2026-M02": Decimal(5), "2026-M11": Decimal(7)}
    assert partial_year_to_date(Period.parse("2026-M11"), known) == (
        Decimal(22),
        "cộng 3/11 tháng có số liệu",
    )
    assert partial_year_to_date(Period.parse("2026-Q2"), {"2026-Q1": Decimal(4)}) == (
        Decimal(4),
        "cộng 1/2 quý có số liệu",
    )
    assert partial_year_to_date(Period.parse("2026-M03"), {}) == (None, "")


def test_the_actions_section_is_never_empty(demo, client_for, officer, units):
    report = UnitReport.objects.filter(unit=units["ttdvvl"]).order_by("-pk").first()
    body = client_for(officer).get(f"/bao-cao/don-vi/{report.pk}/").content.decode()
    section = body[body.index('id="act-h"') :]
    assert "Ở bước này không có thao tác nào khác dành cho bạn" in section
    assert "Lũy kế từ đầu năm" in body
