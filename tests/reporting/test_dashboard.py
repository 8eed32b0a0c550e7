"""The reviewer's dashboard (reporting/views/dashboard): the page, its charts and
the grouped roll-up it reads."""

import re

from danvan.core.periods import Period
from danvan.reporting import services


def test_the_dashboard_shows_charts_served_locally_and_the_rollup(demo, client_for, reviewer):
    page = client_for(reviewer).get("/bao-cao/bang-dieu-khien/?period=2022-Y").content.decode()
    assert "/static/vendor/plotly/plotly.min.js" in page and "cdn.plot.ly" not in page
    assert "25.082" in page  # 23.832 + 1.250 over the Sở's subtree
    assert "Tỷ lệ đầy đủ" in page


def test_the_dashboard_has_no_inline_script_and_follows_the_chosen_period(
    demo, client_for, reviewer
):
    client = client_for(reviewer)
    html = client.get("/bao-cao/bang-dieu-khien/?nam=2022&ky=H1").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert 'src="/static/danvan/charts.js"' in html
    assert "Tình hình nộp báo cáo – 6 tháng đầu năm 2022" in html
    assert '<option value="H1" selected>' in html and '<option value="2022" selected>' in html
    assert "Tháng 1/2026" not in html  # no flat list of every period of every year


def test_the_dashboards_grouped_rollup_agrees_with_one_indicator_at_a_time(demo, ind):
    root = demo.units["sldtbxh"]
    period = Period.parse("2022-Y")
    chosen = [ind[c] for c in ("TV_LUOT", "KN_LD", "HS_BHTN", "TL_BHTN", "DVK_KQ")]
    many = services.summaries(chosen, period, root)
    one = [services.summary(i, period, root) for i in chosen]
    assert [(r.value, r.target, r.last_year, r.plan_percent) for r in many] == [
        (r.value, r.target, r.last_year, r.plan_percent) for r in one
    ]


def test_the_dashboard_picks_indicators_the_units_report_on(demo, reviewer):
    from danvan.reporting.views.dashboard import dashboard_indicators

    root = demo.units["sldtbxh"]
    chosen = dashboard_indicators(reviewer, root, Period.parse("2022-Y"), limit=3)
    assert 0 < len(chosen) <= 3
    assert len({i.pk for i in chosen}) == len(chosen)
    assert all(i.active for i in chosen)


def test_the_dashboard_charts_plan_progress_and_change_linked_to_the_rollup(
    demo, client_for, reviewer
):
    response = client_for(reviewer).get("/bao-cao/bang-dieu-khien/?period=2022-Y")
    charts = {c["layout"]["title"]["text"]: c for c in response.context["charts"]}
    plan = next(c for t, c in charts.items() if t.startswith("Tiến độ so với kế hoạch"))
    change = next(c for t, c in charts.items() if t.startswith("So với cùng kỳ"))
    for chart in (plan, change):
        links = chart["data"][0]["customdata"]
        assert links and all("/bao-cao/tong-hop/?indicator=" in u for u in links)
    assert plan["data"][0]["name"] == "% kế hoạch"
    assert change["data"][0]["name"] == "% so với cùng kỳ"
