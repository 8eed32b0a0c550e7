"""The draft builders, one module per source (drafting/builders): what a draft
says, computed from stored values, plans and plain data, without writing."""

from __future__ import annotations

from decimal import Decimal

from danvan.drafting import builders
from danvan.drafting.builders import ComputedFigure

from .helpers import new_request


def test_a_report_draft_computes_each_figure_from_stored_values_with_plan_and_change(report):
    title, content = builders.report_content(report)
    assert title == "Kết quả công tác dân vận khéo 6 tháng đầu năm 2022"
    figures = {b["trace"]["indicator"]: b for b in content["body"] if b["k"] == "figure"}
    tv = figures["TV_LUOT"]
    assert "8.794 lượt người, đạt 103% kế hoạch năm, tăng 43% so với cùng kỳ năm 2021" in tv["text"]
    assert Decimal(tv["trace"]["value"]) == 8794
    assert Decimal(tv["trace"]["target"]) == 8500
    assert Decimal(tv["trace"]["previous"]) == 6150
    assert tv["trace"]["value_ids"]
    assert content["kinh_gui"] == [report.request.requester_unit.name]
    assert content["signer"]["authority"] == "KT"


def test_a_value_of_zero_and_a_missing_plan_give_no_invented_percentages(full_world):
    from danvan.planning.models import Indicator
    from danvan.reporting import services as rs

    ind = Indicator.objects.get(code="DON_THU")
    req = new_request(full_world, headings=[], indicators=[ind])
    rep = req.reports.get(unit=full_world.units["ttdvvl"])
    rs.save_report(full_world.admin, rep, version=rep.version, values={ind.pk: "0"}, sections={})
    rep.refresh_from_db()
    _, content = builders.report_content(rep)
    fig = next(b for b in content["body"] if b["k"] == "figure")
    assert fig["text"].startswith("Đơn thư khiếu nại, tố cáo tiếp nhận: 0 đơn")
    assert "đạt" not in fig["text"] and "%" not in fig["text"]
    assert fig["trace"]["plan_percent"] is None


def test_a_plan_of_zero_is_noted_and_not_divided_by(full_world):
    from danvan.planning import services as ps
    from danvan.planning.models import Indicator
    from danvan.reporting import services as rs

    ind = Indicator.objects.get(code="TCD")
    ps.set_target(
        full_world.admin, indicator=ind, unit=full_world.units["ttdvvl"], period="2024-H1", value=0
    )
    req = new_request(full_world, headings=[], indicators=[ind])
    rep = req.reports.get(unit=full_world.units["ttdvvl"])
    rs.save_report(full_world.admin, rep, version=rep.version, values={ind.pk: "12"}, sections={})
    rep.refresh_from_db()
    _, content = builders.report_content(rep)
    fig = next(b for b in content["body"] if b["k"] == "figure")
    assert "đạt" not in fig["text"]
    assert any("bằng 0" in n for n in content["notes"])


def test_a_target_figure_says_what_the_unit_strives_for():
    fig = ComputedFigure(
        name="Tư vấn việc làm", unit_of_measure="lượt người", value=Decimal(9000), kind="target"
    )
    assert fig.sentence() == "Tư vấn việc làm: phấn đấu đạt 9.000 lượt người."
    assert fig.block()["trace"]["kind"] == "target"


def test_a_figure_without_a_number_says_its_text_or_nothing():
    assert ComputedFigure("Mô hình", "", None, text_value="đã nhân rộng").sentence() == (
        "Mô hình: đã nhân rộng."
    )
    assert ComputedFigure("Mô hình", "", None).block() is None


def test_plain_content_keeps_non_blank_lines_with_single_spaces(full_world):
    content = builders.plain_content(
        full_world.units["ttdvvl"],
        addressees=["  Sở Nội vụ  tỉnh Sơn La ", " "],
        legal_bases=["Luật Thi đua,  khen thưởng 2022", ""],
        paragraphs=["Đoạn  một", "  "],
        recipients=["Như trên;", ""],
    )
    assert content["kinh_gui"] == ["Sở Nội vụ tỉnh Sơn La"]
    assert content["legal_bases"] == ["Luật Thi đua, khen thưởng 2022"]
    assert content["body"] == [{"k": "para", "text": "Đoạn một"}]
    assert content["recipients"] == ["Như trên;"]


def test_a_plan_draft_lists_its_targets_as_target_figures(full_world):
    from danvan.planning.models import Plan, Target

    plan = next(
        p for p in Plan.objects.all() if Target.objects.filter(unit=p.unit, period=p.period)
    )
    title, content = builders.plan_content(plan)
    assert title
    kinds = {b["trace"]["kind"] for b in content["body"] if b["k"] == "figure"}
    assert kinds == {"target"}
