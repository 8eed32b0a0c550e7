"""Figures in texts unlike the samples: decisions that assign targets, plans with
"phấn đấu", resolutions with indicator lists, tables of targets in three layouts.

The documents in ``shapes/`` were written for these tests (no phrase is taken from a real
document). Each lists every figure a reader would note (value and counted noun, the kind
where it matters) and nothing else: dates, document numbers, "Điều 5", "khoản 2", "kỳ họp
thứ 22", phone numbers, copy counts and ratings are not figures, so the found figures must
be exactly the expected ones (recall and precision 1.0).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan.core.extract import analyse

SHAPES = Path(__file__).resolve().parent / "shapes"

T, R, S = "target", "result", "state"

# file -> [(value, unit, kind)]; the unit as the scorer compares it (its head noun is enough)
EXPECTED: dict[str, list[tuple[float, str, str]]] = {
    # Điều 1 lists targets; "tăng 9,5% so với" qualifies 4.850; "từ 1,5% đến 2%" is a range
    "qd-giao-chi-tieu.txt": [
        (4850, "tỷ đồng", T),
        (185, "tỷ đồng", T),
        (1.5, "%", T),
        (2, "%", T),
        (72, "%", T),
        (1200, "lao động", T),
        (3, "xã", T),
    ],
    # "phấn đấu", "ít nhất", "từ 12 đến 15", "200 - 250", "khoảng 6 tỷ đồng"
    "kh-phan-dau.txt": [
        (95, "%", T),
        (85, "%", T),
        (150, "hội viên", T),
        (3200, "hội viên", T),
        (1, "mô hình", T),
        (12, "mô hình", T),
        (15, "mô hình", T),
        (65, "triệu đồng", T),
        (24, "buổi", T),
        (2000, "lượt hội viên", T),
        (200, "hộ", T),
        (250, "hộ", T),
        (6, "tỷ đồng", T),
    ],
    # last year's results, then the targets; a change standing alone is a figure
    "nq-chi-tieu.txt": [
        (3420, "tỷ đồng", R),
        (152, "tỷ đồng", R),
        (3.2, "%", R),
        (12.3, "%", R),
        (8, "%", T),
        (2100, "tỷ đồng", T),
        (10, "%", T),
        (3500, "lao động", T),
        (4000, "lao động", T),
        (1, "%", T),
        (1.5, "%", T),
        (100, "%", T),
        (95, "%", T),
        (100, "%", T),
    ],
    # "Chỉ tiêu: value", "đạt từ … trở lên", "không thấp hơn", "tối thiểu", ranges, X/Y,
    # "vượt 10% so với dự toán" as written, "tăng 15 doanh nghiệp so với", not "đạt 4 sao"
    "kh-danh-sach-chi-tieu.txt": [
        (2, "%", T),
        (70, "triệu đồng", T),
        (45000, "tấn", T),
        (12, "bác sĩ", T),
        (30, "giường bệnh", T),
        (98, "%", T),
        (90, "%", T),
        (2000, "lao động", T),
        (2200, "lao động", T),
        (2.5, "%", T),
        (4.2, "%", S),
        (3.5, "%", T),
        (1.2, "nghìn", T),
        (3, "triệu", T),
        (5, "thôn", T),
        (50, "triệu đồng", T),
        (45, "%", T),
        (1500, "ha", T),
        (25, "km", T),
        (2, "xã", T),
        (1, "xã", T),
        (10, "%", T),
        (15, "doanh nghiệp", T),
        (18, "%", T),
        (120, "đảng viên", T),
        (150, "đảng viên", T),
        (800, "người", T),
        (1000, "người", T),
        (7.5, "%", T),
        (8, "%", T),
        (50, "nhà đại đoàn kết", T),
        (60, "triệu đồng", T),
        (85, "%", T),
        (60, "%", T),
        (100, "%", T),
        (70, "%", T),
        (3, "sản phẩm", T),
        (95, "%", T),
        (250, "nghìn", T),
        (80, "%", T),
        (65, "%", T),
    ],
    # an HĐND resolution: "(1)" numbering, "8,0 - 8,5%", "1 - 1,5%", awards, m3
    "nq-hdnd-chi-tieu.txt": [
        (8, "%", T),
        (8.5, "%", T),
        (95, "triệu đồng", T),
        (120000, "tỷ đồng", T),
        (12, "bác sĩ", T),
        (32, "giường", T),
        (72, "%", T),
        (32, "%", T),
        (1, "%", T),
        (1.5, "%", T),
        (45, "%", T),
        (15, "xã", T),
        (110, "xã", T),
        (3, "huân chương", T),
        (25, "bằng khen", T),
        (1250, "m3", T),
        (12, "km", T),
        (98.5, "%", T),
        (60, "%", T),
        (1.5, "tỷ", T),
    ],
}
# tables: this year's estimate and next year's plan, one row each, in three layouts
_TABLE = [
    (412.5, "tỷ đồng", R),
    (450, "tỷ đồng", T),
    (48.5, "triệu đồng", R),
    (53, "triệu đồng", T),
    (4.2, "%", R),
    (3.5, "%", T),
    (2, "thôn", R),
    (4, "thôn", T),
]
EXPECTED["kh-bang-chi-tieu.txt"] = [*_TABLE, (93.5, "%", R), (95, "%", T)]
EXPECTED["qd-bang-cot-cach.txt"] = _TABLE
EXPECTED["qd-bang-moi-o-mot-dong.txt"] = _TABLE
# a row per indicator, a column per coming year: one target per cell, the row's unit
EXPECTED["qd-bang-theo-nam.txt"] = [
    (120, "hộ", T),
    (150, "hộ", T),
    (180, "hộ", T),
    (300, "người", T),
    (350, "người", T),
    (400, "người", T),
]


def same_unit(a: str, b: str) -> bool:
    """As the scorer compares units: equal, or one is the other's head noun."""
    short, long_ = sorted((a.lower(), b.lower()), key=len)
    return short == long_ or long_.startswith((short + " ", short + "/"))


def figures_of(name: str) -> list[dict]:
    text = (SHAPES / name).read_text(encoding="utf-8")
    return analyse(text, name)["figures"]


def match(found: list[dict], expected: list[tuple[float, str, str]]) -> tuple[list, list]:
    """Expected figures not found, and found figures not expected (each used once)."""
    left = list(found)
    missed = []
    for value, unit, kind in expected:
        hit = next(
            (
                f
                for f in left
                if abs(float(f["value"]) - value) < 1e-9
                and same_unit(f["unit"] or "", unit)
                and f["kind"] == kind
            ),
            None,
        )
        if hit is None:
            missed.append((value, unit, kind))
        else:
            left.remove(hit)
    return missed, [(f["value"], f["unit"], f["kind"], f["text"]) for f in left]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_figure_and_nothing_else(name):
    missed, extra = match(figures_of(name), EXPECTED[name])
    assert missed == [], f"missed in {name}"
    assert extra == [], f"not figures in {name}"


def test_attributes_of_targets():
    by_value = {f["value"]: f for f in figures_of("qd-giao-chi-tieu.txt")}
    assert by_value[4850]["change_percent"] == 9.5
    results = {f["value"]: f for f in figures_of("nq-chi-tieu.txt") if f["kind"] == R}
    assert results[152]["plan_percent"] == 104
    assert results[3420]["approximate"] and results[3420]["change_percent"] == 8.1
    assert results[3.2]["change_percent"] == -1.4
    listed = figures_of("kh-danh-sach-chi-tieu.txt")
    assert next(f for f in listed if f["value"] == 5)["target"] == 7
    assert next(f for f in listed if f["value"] == 45)["approximate"]  # "không thấp hơn"


def test_a_range_gives_both_bounds_their_noun():
    text = (
        "KẾ HOẠCH\nNăm 2025\n\n- Hằng năm giải quyết việc làm cho 1.200 - 1.500 lao động;"
        " hỗ trợ từ 30 đến 40 hộ; giảm tỷ lệ hộ nghèo 2-2,5%.\n"
    )
    found = sorted((f["value"], f["unit"]) for f in analyse(text, "x.txt")["figures"])
    assert found == [
        (2, "%"),
        (2.5, "%"),
        (30, "hộ"),
        (40, "hộ"),
        (1200, "lao động"),
        (1500, "lao động"),
    ]


def test_what_is_not_a_range():
    text = (
        "BÁO CÁO\nNăm 2025\n\nGiai đoạn 2021 - 2025 đã tổ chức 12 hội nghị; từ ngày 12 đến 15"
        " tháng 3 tiếp nhận 40 hồ sơ; làm việc từ 7 - 9 giờ; 2.000 - 200 lao động không phải"
        " một khoảng; thực hiện Điều 5 - 7 của Quy chế.\n"
    )
    found = sorted((f["value"], f["unit"]) for f in analyse(text, "x.txt")["figures"])
    assert found == [(12, "hội nghị"), (40, "hồ sơ"), (200, "lao động")]
