import datetime as dt
from decimal import Decimal

import pytest

SENTENCE = "Trong 6 tháng đầu năm, Trung tâm đã tư vấn cho 8.794 lượt người, đạt 73,95% kế hoạch"


@pytest.fixture
def demo(world):
    """The demo world with the planning and reporting demo data."""
    from danvan.planning import demo as planning_demo
    from danvan.reporting import demo as reporting_demo

    planning_demo.extend(world)
    reporting_demo.extend(world)
    return world


@pytest.fixture
def ind(demo):
    from danvan.planning.models import Indicator

    return {i.code: i for i in Indicator.objects.all()}


def make_figure(unit, number="45/BC-TTDVVL", sha="f"):
    """An archived report of `unit` with one extracted figure (8.794 lượt người)."""
    from danvan.documents.models import Document, DocumentFigure

    text = "BÁO CÁO\nKết quả công tác.\n" + SENTENCE + ".\nNơi nhận: ..."
    doc = Document.objects.create(
        unit=unit,
        sha256=sha * 64,
        original_name="bao-cao-6-thang.txt",
        size=len(text.encode()),
        format="txt",
        text=text,
        doc_type="other",
        number=number,
        title="Kết quả 6 tháng đầu năm 2022",
        period_label="6 tháng đầu năm 2022",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 6, 30),
        year=2022,
        extracted_at=dt.datetime(2022, 7, 5, tzinfo=dt.UTC),
    )
    start = text.index(SENTENCE)
    return DocumentFigure.objects.create(
        document=doc,
        position=0,
        start=start,
        end=start + len(SENTENCE),
        text=SENTENCE,
        label="tư vấn cho",
        value=Decimal("8794"),
        unit="lượt người",
        kind="result",
        plan_percent=Decimal("73.95"),
    )


@pytest.fixture
def figure(demo):
    return make_figure(demo.units["ttdvvl"])
