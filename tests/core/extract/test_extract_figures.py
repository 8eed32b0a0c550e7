"""Figures and their attributes (danvan.core.extract.figures)."""

from pathlib import Path

from danvan.core.extract.figures import NumberNote, find_figures
from danvan.core.extract.textmap import FlatText

DOCS = Path(__file__).resolve().parent / "docs"


def figures(text, notes=None):
    return find_figures(text, FlatText.of(text), notes=notes)


def by_value(text):
    return {f.value: f for f in figures(text)}


def test_a_count_with_plan_and_same_period_change():
    (f,) = figures(
        "tư vấn tới 8.794 lượt người đạt 103% so với kế hoạch đề ra, tăng 43% so với cùng kỳ năm 2021."
    )
    assert (f.value, f.unit, f.kind, f.plan_percent, f.change_percent) == (
        8794,
        "lượt người",
        "result",
        103,
        43,
    )
    assert not f.approximate


def test_a_decimal_point_percentage_is_read_as_a_decimal_comma_and_noted():
    notes: list[NumberNote] = []
    (f,) = figures(
        "kết nối cho 1.886 lao động, đạt 94.3% so với kế hoạch, tăng 48,6% so với cùng kỳ.", notes
    )
    assert (f.plan_percent, f.change_percent) == (94.3, 48.6)
    assert [n.raw for n in notes] == ["94.3"]


def test_a_decrease_is_negative_and_a_change_in_units_is_a_change_value():
    f = by_value(
        "Số hộ nghèo cuối năm là 1.234 hộ, giảm 215 hộ so với năm 2022, giảm 14,8% so với cùng kỳ."
    )[1234]
    assert (f.change_value, f.change_percent) == (-215, -14.8)
    assert 215 not in by_value("Số hộ nghèo cuối năm là 1.234 hộ, giảm 215 hộ so với năm 2022.")


def test_bang_x_percent_of_the_same_period_is_a_change_of_x_minus_100():
    (f,) = figures("Thu ngân sách 520 triệu đồng, bằng 85% so với cùng kỳ.")
    assert f.change_percent == -15


def test_an_x_over_y_pair_is_one_figure_with_its_target():
    (f,) = figures("Đã giải quyết 28.101/38.000 hồ sơ, đạt 73,95%.")
    assert (f.value, f.target, f.unit, f.plan_percent) == (28101, 38000, "hồ sơ", 73.95)


def test_an_explicit_plan_figure_is_the_target():
    (f,) = figures(
        "Giải quyết việc làm cho 2.150 lao động, đạt 107,5% kế hoạch (kế hoạch 2.000 lao động)."
    )
    assert (f.value, f.target, f.plan_percent) == (2150, 2000, 107.5)


def test_money_keeps_its_scale_word_in_the_unit():
    (f,) = figures("đóng góp khoảng 13.676,5 triệu đồng để xây dựng nông thôn mới.")
    assert (f.value, f.unit, f.approximate) == (13676.5, "triệu đồng", True)


def test_a_count_and_a_sum_of_money_are_two_figures():
    found = figures("Trao 150 phần quà với tổng số tiền 75.000.000 đồng.")
    assert [(f.value, f.unit) for f in found] == [(150, "phần quà"), (75000000, "đồng")]


def test_a_percentage_that_stands_alone_is_a_figure():
    (f,) = figures("Tỷ lệ lao động qua đào tạo ước đạt 60,3%.")
    assert (f.value, f.unit, f.approximate) == (60.3, "%", True)


def test_attributes_go_to_the_head_of_a_breakdown():
    found = by_value(
        "Trung tâm trực tiếp cung ứng 221 lao động, trong nước 204 lao động, ngoài nước 17 lao động "
        "(đạt 63% so với kế hoạch đề ra, tăng 90 người so với cùng kỳ năm 2021)."
    )
    assert (found[221].plan_percent, found[221].change_value) == (63, 90)
    assert found[17].plan_percent is None


def test_a_change_in_the_next_sentence_goes_to_the_figure_it_follows():
    f = by_value(
        "- Số người nộp hồ sơ: 3.599 người. (Giảm 10% so với cùng kỳ năm 2021). Tiếp theo."
    )[3599]
    assert f.change_percent == -10


def test_a_clause_with_its_own_subject_does_not_lend_its_change():
    f = by_value("Tiếp nhận 1.248 hồ sơ; số hồ sơ tồn đọng giảm 56 hồ sơ so với cùng kỳ.")[1248]
    assert f.change_value is None


def test_approximation_words_mark_the_figure():
    found = by_value("với hơn 500 lao động tham gia; khoảng 30 hộ; gần 20 tổ; tới 40 người.")
    assert found[500].approximate and found[30].approximate and found[20].approximate
    assert not found[40].approximate


def test_targets_are_recognised_by_their_cue_words():
    found = by_value(
        "Phấn đấu 100% cán bộ viên chức đạt danh hiệu Lao động tiên tiến; trên 15% được khen thưởng."
    )
    assert found[100].kind == "target" and found[15].kind == "target"
    assert found[15].approximate


def test_figures_under_a_heading_of_directions_are_targets():
    text = "I. KẾT QUẢ\nĐã tổ chức 12 hội nghị.\nII. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2024\nTổ chức 04 lớp tập huấn.\n"
    found = by_value(text)
    assert (found[12].kind, found[4].kind) == ("result", "target")


def test_a_measured_state_is_state():
    assert by_value("Toàn tỉnh hiện có 130 mô hình.")[130].kind == "state"


def test_non_figures_are_left_out():
    text = (
        "1. Kết quả\n1.1. Công tác tuyên truyền\n(1) Thực hiện Nghị quyết 68, Đề án 06, Hội nghị Trung ương 7, "
        'phòng chống Covid-19, ISO 9001:2015, "5 điều cần xây", 6 thao tác, ngày 28/9/2021, '
        "Chỉ thị số 11-CT/TU, giai đoạn 2021-2025, năm 2022, 6 tháng đầu năm, lúc 8 giờ 30.\n"
        "a) Mục 3 Điều 5 khoản 2.\n12\n"
    )
    assert figures(text) == []


def test_a_list_of_nouns_is_one_unit_but_a_label_of_the_next_figure_is_not():
    found = figures("thu thập thông tin tại 210 công ty, doanh nghiệp, đơn vị.")
    assert found[0].unit == "công ty, doanh nghiệp, đơn vị"
    parts = figures(
        "Tiếp nhận 320 đơn thư, gồm khiếu nại 120 đơn, tố cáo 45 đơn, kiến nghị 170 đơn."
    )
    assert [f.unit for f in parts] == ["đơn thư", "đơn", "đơn", "đơn"]


def test_a_table_written_one_value_per_line_gives_one_figure_per_row():
    text = "Số hộ nghèo đầu năm: 1.449 hộ\nSố hộ thoát nghèo: 215 hộ\nSố hộ tái nghèo: 03 hộ\n"
    assert [(f.value, f.unit) for f in figures(text)] == [(1449, "hộ"), (215, "hộ"), (3, "hộ")]


def test_offsets_point_into_the_original_text():
    text = "Đã tổ chức\n\n   73 hội nghị tuyên truyền."
    (f,) = figures(text)
    assert "73 hội nghị" in text[f.start : f.end]


def test_a_table_with_labels_and_values_on_separate_lines():
    text = "Số liệu cụ thể:\nSố hộ nghèo đầu năm\n258\nSố hộ thoát nghèo\n72\nII. NHIỆM VỤ\n"
    assert [(f.value, f.unit) for f in figures(text)] == [(258, "hộ nghèo"), (72, "hộ")]


def test_a_lone_small_number_without_a_label_is_a_page_number():
    assert figures("kết quả như sau.\n\n3\n\nTiếp tục triển khai.") == []


def test_a_pair_counts_even_a_rule_word():
    (f,) = figures("Xã đạt 17/19 tiêu chí nông thôn mới.")
    assert (f.value, f.target, f.unit) == (17, 19, "tiêu chí")


def test_a_day_month_pair_is_not_a_figure():
    assert figures("Báo cáo gửi trước 10/5 hằng năm.") == []


def test_an_unknown_counted_noun_keeps_two_syllables():
    (f,) = figures("Hội nghị có 25 đại biểu tham dự.")
    assert f.unit == "đại biểu"
    (g,) = figures("Thu hút 40 thanh niên tham gia.")
    assert g.unit == "thanh niên"


def test_the_commune_report_reads_its_money_and_shares():
    text = (DOCS / "bc-ubnd-xa-chieng-mung-2023.txt").read_text(encoding="utf-8")
    found = find_figures(text, FlatText.of(text))
    values = {f.value: f for f in found}
    assert (values[356.8].unit, values[356.8].plan_percent, values[356.8].change_percent) == (
        "tỷ đồng",
        101.2,
        8.5,
    )
    assert values[2145].change_percent == -8
    assert values[186].change_value == -72
    assert 5.44 not in values  # "chiếm 5,44%" qualifies the 186 households
    assert (values[21].target, values[21].plan_percent) == (23, 91.3)


def test_a_ratio_in_times_is_neither_a_figure_nor_a_change():
    (f,) = figures("Doanh thu đạt 520 triệu đồng, tăng 1,5 lần so với cùng kỳ.")
    assert (f.value, f.change_value, f.change_percent) == (520, None, None)


def analysed_figures(text):
    from danvan.core.extract.analyse import analyse

    return [(f["value"], f["unit"], f["kind"], f["target"]) for f in analyse(text, "x")["figures"]]


HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 120/QĐ-UBND\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Sơn La, ngày 20 tháng 01 năm 2025\n\n"
)
SIGN = "\nNơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐặng Ngọc Huy\n"


def test_a_table_of_targets_gives_one_target_per_row_percentages_included():
    text = (
        HEAD + "QUYẾT ĐỊNH\nVề việc giao chỉ tiêu năm 2025\n\n"
        "Điều 1. Giao chỉ tiêu như sau:\n"
        "STT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2025\n"
        "1\tSố lao động được giải quyết việc làm\tngười\t18.000\n"
        "2\tTỷ lệ lao động qua đào tạo\t%\t64\n" + SIGN
    )
    assert analysed_figures(text) == [(18000, "người", "target", None), (64, "%", "target", None)]


def test_this_years_result_and_next_years_plan_in_one_row_are_two_figures():
    text = (
        HEAD + "QUYẾT ĐỊNH\nVề việc giao chỉ tiêu năm 2025\n\n"
        "Điều 1. Giao chỉ tiêu như sau:\n"
        "STT\tChỉ tiêu\tĐơn vị tính\tThực hiện năm 2024\tKế hoạch năm 2025\n"
        "1\tSố lao động được giải quyết việc làm\tngười\t17.850\t18.000\n" + SIGN
    )
    assert analysed_figures(text) == [
        (17850, "người", "result", None),
        (18000, "người", "target", None),
    ]


def test_a_resolution_on_next_years_tasks_sets_targets():
    text = (
        HEAD.replace("20 tháng 01 năm 2025", "10 tháng 12 năm 2024")
        + "NGHỊ QUYẾT\nVề nhiệm vụ phát triển kinh tế - xã hội năm 2025\n\n"
        "Điều 1. Các chỉ tiêu chủ yếu\n"
        "1. Tạo việc làm mới cho 20.000 lao động.\n"
        "2. Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95,5%.\n" + SIGN
    )
    assert analysed_figures(text) == [
        (20000, "lao động", "target", None),
        (95.5, "%", "target", None),
    ]


def test_a_report_of_the_past_year_keeps_its_results():
    text = (
        HEAD.replace("QĐ-UBND", "BC-UBND") + "BÁO CÁO\nKết quả thực hiện nhiệm vụ năm 2024\n\n"
        "Năm 2024, toàn tỉnh tạo việc làm mới cho 20.000 lao động.\n" + SIGN
    )
    assert analysed_figures(text) == [(20000, "lao động", "result", None)]
