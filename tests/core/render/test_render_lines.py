"""Letterhead and title lines are broken by hand-made rules, not left to Word."""

import pytest

from danvan.core.render.ooxml import balanced_lines, text_width_cm


@pytest.mark.parametrize(
    "text, width_cm, size, bold, lines",
    [
        (
            "TRUNG TÂM DỊCH VỤ VIỆC LÀM SƠN LA",
            6.6,
            12,
            True,
            ["TRUNG TÂM DỊCH VỤ", "VIỆC LÀM SƠN LA"],
        ),
        (
            "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH SƠN LA",
            6.6,
            12,
            False,
            ["SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI TỈNH SƠN LA"],
        ),
        (
            "Đề nghị khen thưởng tập thể, cá nhân có thành tích trong phong trào “Dân vận khéo”",
            15.5,
            14,
            True,
            [
                "Đề nghị khen thưởng tập thể, cá nhân có thành tích",
                "trong phong trào “Dân vận khéo”",
            ],
        ),
        ("Kết quả thi đua năm 2022", 15.5, 14, True, ["Kết quả thi đua năm 2022"]),
    ],
)
def test_long_lines_break_evenly_at_phrase_boundaries(text, width_cm, size, bold, lines):
    assert balanced_lines(text, width_cm, size, bold) == lines


def test_explicit_line_breaks_are_kept():
    assert balanced_lines("ỦY BAN NHÂN DÂN\nTỈNH SƠN LA", 9, 12, True) == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH SƠN LA",
    ]


def test_every_line_fits_the_width_it_was_given():
    text = "BAN CHỈ ĐẠO PHONG TRÀO THI ĐUA DÂN VẬN KHÉO CỦA TỈNH SƠN LA"
    for line in balanced_lines(text, 6.6, 12, True):
        assert text_width_cm(line, 12, True) <= 6.6


def test_a_very_long_text_is_left_to_the_word_processor_without_a_search():
    text = " ".join(["công tác dân vận"] * 20)
    assert balanced_lines(text, 6.6, 12) == [text]
