"""Charts people can read (issue 12 §4): Vietnamese numbers, axes that fit,
labelled zero bars, wrapped labels, drill-down links, no inline script."""

from decimal import Decimal

from danvan.reporting.views.common import bar_chart, line_chart, wrap_label


def test_a_change_chart_axis_fits_negative_values_not_zero_to_hundred():
    fig = bar_chart(
        ["Lao động được giới thiệu việc làm", "Hội nghị"],
        [("% so với cùng kỳ", [Decimal("-26.5"), Decimal("6.2")])],
        percent=True,
        horizontal=True,
    )
    low, high = fig["layout"]["xaxis"]["range"]
    assert low < -26.5 and 6.2 < high < 20
    assert fig["data"][0]["text"] == ["-26,5%", "6,2%"]


def test_a_plan_chart_shows_the_hundred_percent_line_and_vietnamese_numbers():
    fig = bar_chart(
        ["A"], [("% kế hoạch", [Decimal("94.3")])], percent=True, horizontal=True, reference=100
    )
    assert fig["layout"]["xaxis"]["range"][1] > 100
    assert fig["layout"]["shapes"][0]["x0"] == 100
    assert fig["data"][0]["text"] == ["94,3%"]
    assert fig["layout"]["separators"] == ",."


def test_zero_bars_are_labelled_outside_and_big_numbers_use_dots():
    fig = bar_chart(["A", "B"], [("Kỳ này", [Decimal(0), Decimal(1250)])])
    trace = fig["data"][0]
    assert trace["text"] == ["0", "1.250"]
    assert trace["textposition"] == "outside" and trace["cliponaxis"] is False


def test_long_category_labels_are_wrapped_not_cut():
    label = "Trung tâm Dịch vụ việc làm tỉnh Sơn La và các huyện"
    wrapped = wrap_label(label)
    assert wrapped.replace("<br>", " ") == label
    assert all(len(line) <= 22 for line in wrapped.split("<br>"))
    assert wrap_label("A <b>") == "A &lt;b&gt;"


def test_a_bar_carries_its_drill_down_link():
    fig = bar_chart(["A"], [("x", [Decimal(1)])], links=["/bao-cao/tong-hop/?unit=5"])
    assert fig["data"][0]["customdata"] == ["/bao-cao/tong-hop/?unit=5"]


def test_years_on_a_trend_are_categories_not_numbers():
    fig = line_chart(["Năm 2023", "Năm 2024"], "x", [Decimal(1), Decimal(2)])
    assert fig["layout"]["xaxis"]["type"] == "category"
