"""What follows a decision: council vote thresholds, the cluster-leader cap,
prize money, "n consecutive years" counting, theme-based awards, revocation
grounds. Plain data with the article and grade of legal-verified.md (row N).

Money (rows 51–52, NĐ 152/2025 Điều 49, 50, 54, grade A): each title or form
is a multiple of the lương cơ sở in force on the decision date; the amounts of
lương cơ sở are data the deployment enters (`BaseSalary` rows; none is
written here, the reference notes do not give them), and the result is
rounded UP to the next 10,000 đ.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction
from math import ceil, floor

from danvan.core.numbers import format_number
from danvan.core.rules.model import (
    BANG_KHEN_CAP_TINH,
    BANG_KHEN_THU_TUONG,
    CO_THI_DUA_CHINH_PHU,
    CSTD_CAP_TINH,
    CSTD_CO_SO,
    CSTD_TOAN_QUOC,
    GIAY_KHEN,
    LAO_DONG_TIEN_TIEN,
    TAP_THE_LDTT,
    TAP_THE_LDXS,
    TITLE_ORDER,
    short_date,
)
from danvan.core.rules.regimes import Basis

# Award forms that are not titles of the engine (nobody is nominated for
# them), named for money only.
CO_THI_DUA_CAP_TINH = "co_thi_dua_cap_tinh"
XA_PHUONG_TIEU_BIEU = "xa_phuong_tieu_bieu"
FORM_LABELS: dict[str, str] = {
    CO_THI_DUA_CAP_TINH: "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
    XA_PHUONG_TIEU_BIEU: "Xã, phường, đặc khu tiêu biểu",
}

# --- council votes (row 42) and the cluster-leader cap (row 32) -------------


@dataclass(frozen=True, slots=True)
class VoteThreshold:
    title: str
    percent: int  # of ALL members of the competent council
    basis: Basis


VOTE_THRESHOLDS: dict[str, VoteThreshold] = {
    CSTD_TOAN_QUOC: VoteThreshold(
        CSTD_TOAN_QUOC, 90, Basis("Điều 33 khoản 5 Nghị định 152/2025/NĐ-CP", grade="A")
    ),
    CO_THI_DUA_CHINH_PHU: VoteThreshold(
        CO_THI_DUA_CHINH_PHU, 80, Basis("Điều 33 khoản 5 Nghị định 152/2025/NĐ-CP", grade="A")
    ),
}


def votes_needed(title: str, members: int) -> int | None:
    """Yes votes needed among `members` council members (None: no national
    threshold; the council's own rules apply)."""
    threshold = VOTE_THRESHOLDS.get(title)
    if threshold is None or members <= 0:
        return None
    return ceil(Fraction(threshold.percent * members, 100))


def vote_passes(title: str, yes: int, members: int) -> bool | None:
    needed = votes_needed(title, members)
    return None if needed is None else yes >= needed


CLUSTER_CAP_PERCENT = 20
CLUSTER_CAP_BASIS = Basis("Điều 7 khoản 1 Nghị định 152/2025/NĐ-CP", grade="A")


def cluster_leader_cap(leaders: int) -> int:
    """Cờ thi đua của Chính phủ: at most 20% of the cụm, khối leaders that
    also meet the Cờ bộ/tỉnh criteria (rounded down)."""
    return floor(Fraction(CLUSTER_CAP_PERCENT * max(leaders, 0), 100))


# --- money (rows 51–52) -------------------------------------------------------

MONEY_BASIS = Basis("Điều 49, Điều 50, Điều 54 Nghị định 152/2025/NĐ-CP", grade="A")
ROUND_TO = 10_000
INDIVIDUAL_MULTIPLES: dict[str, Decimal] = {
    LAO_DONG_TIEN_TIEN: Decimal("0.3"),
    CSTD_CO_SO: Decimal("1.0"),
    CSTD_CAP_TINH: Decimal("3.0"),
    CSTD_TOAN_QUOC: Decimal("4.5"),
    BANG_KHEN_THU_TUONG: Decimal("3.5"),
    BANG_KHEN_CAP_TINH: Decimal("1.5"),
    GIAY_KHEN: Decimal("0.3"),
}
COLLECTIVE_MULTIPLES: dict[str, Decimal] = {
    TAP_THE_LDXS: Decimal("1.5"),
    TAP_THE_LDTT: Decimal("0.8"),
    XA_PHUONG_TIEU_BIEU: Decimal("2.0"),
    CO_THI_DUA_CHINH_PHU: Decimal("12.0"),
    CO_THI_DUA_CAP_TINH: Decimal("8.0"),
    # Bằng khen and Giấy khen for collectives: twice the individual amount.
    BANG_KHEN_THU_TUONG: Decimal("7.0"),
    BANG_KHEN_CAP_TINH: Decimal("3.0"),
    GIAY_KHEN: Decimal("0.6"),
}
HOUSEHOLD_FACTOR = Decimal("1.5")  # households: 1.5 × the individual amount
FORMS_FOR_HOUSEHOLDS = frozenset({BANG_KHEN_THU_TUONG, BANG_KHEN_CAP_TINH, GIAY_KHEN})
# Higher first, for "only the highest title is paid for the same period".
MONEY_RANK: tuple[str, ...] = (
    CO_THI_DUA_CHINH_PHU,
    CO_THI_DUA_CAP_TINH,
    CSTD_TOAN_QUOC,
    BANG_KHEN_THU_TUONG,
    CSTD_CAP_TINH,
    XA_PHUONG_TIEU_BIEU,
    BANG_KHEN_CAP_TINH,
    TAP_THE_LDXS,
    CSTD_CO_SO,
    TAP_THE_LDTT,
    LAO_DONG_TIEN_TIEN,
    GIAY_KHEN,
)


@dataclass(frozen=True, slots=True)
class BaseSalary:
    """A lương cơ sở amount (đồng/tháng) in force from a date (entered data)."""

    valid_from: date
    amount: int


def base_salary_on(table: Iterable[BaseSalary], on: date) -> BaseSalary | None:
    """The row in force on a date: the latest `valid_from` on or before it."""
    found = [row for row in table if row.valid_from <= on]
    return max(found, key=lambda row: row.valid_from) if found else None


def round_up(amount: Decimal) -> int:
    """Rounded UP to the next 10,000 đ (NĐ 152/2025 Điều 49)."""
    steps = (amount / ROUND_TO).to_integral_value(rounding=ROUND_CEILING)
    return int(steps) * ROUND_TO


def multiple(title: str, subject: str = "person") -> Decimal | None:
    """The multiple of lương cơ sở for a title and a subject kind
    ("person", "collective", "household"); None: no amount in the law read."""
    if subject == "collective":
        return COLLECTIVE_MULTIPLES.get(title)
    base = INDIVIDUAL_MULTIPLES.get(title)
    if subject == "household":
        return (
            None if base is None or title not in FORMS_FOR_HOUSEHOLDS else base * HOUSEHOLD_FACTOR
        )
    return base


@dataclass(frozen=True, slots=True)
class Prize:
    title: str
    multiple: Decimal | None
    base: BaseSalary | None
    amount: int | None  # None: no amount (no multiple, or no lương cơ sở on that date)
    message: str


def prize(title: str, subject: str, on: date, table: Sequence[BaseSalary]) -> Prize:
    """The money of one title or form decided on `on`, or why there is none."""
    factor = multiple(title, subject)
    if factor is None:
        return Prize(title, None, None, None, "Không có mức tiền thưởng trong văn bản đã đối chiếu")
    base = base_salary_on(table, on)
    if base is None:
        return Prize(
            title,
            factor,
            None,
            None,
            f"Chưa nhập mức lương cơ sở áp dụng ngày {short_date(on)}",
        )
    amount = round_up(factor * base.amount)
    return Prize(
        title,
        factor,
        base,
        amount,
        f"{format_number(factor)} × {format_number(base.amount)} đ (mức lương cơ sở từ "
        f"{short_date(base.valid_from)}), làm tròn lên 10.000 đ",
    )


def paid_titles(titles: Iterable[str]) -> list[str]:
    """Of the titles one subject earned for the SAME period, the one paid:
    only the highest (NĐ 152/2025 Điều 49). Titles without money are kept
    out; an empty list means nothing is paid."""
    ranked = [t for t in MONEY_RANK if t in set(titles)]
    return ranked[:1]


# --- "n consecutive years" counting (row 46) -----------------------------------

CONSECUTIVE_BASIS = Basis("Điều 33 khoản 7 Nghị định 152/2025/NĐ-CP", grade="A")


def counting_from(period_end: date | None, decided_on: date | None) -> date | None:
    """When the interval to the next award starts: the end of the achievement
    period stated in the previous decision, or else that decision's date."""
    return period_end if period_end is not None else decided_on


def consecutive_explanation(title_label: str, years: Sequence[int]) -> str:
    """The sentence a suggestion shows for a run of years."""
    run = ", ".join(str(y) for y in years)
    return (
        f"{title_label} các năm {run}, tính liên tục từ thời gian đạt thành tích ghi trong "
        "quyết định khen thưởng trước (nếu không ghi thì từ ngày ký quyết định); danh hiệu đã "
        "bị hủy bỏ không được tính"
    )


# --- theme-based awards (row 45) and revocation (row 49) -----------------------

THEME_BASIS = Basis("Điều 4 khoản 3 Nghị định 152/2025/NĐ-CP", grade="A")
THEME_NOTE = (
    "Khen thưởng theo chuyên đề, đột xuất: không dùng làm căn cứ đề nghị khen thưởng cấp cao hơn"
)

REVOCATION_BASIS = Basis(
    "Điều 93 khoản 2 Luật Thi đua, khen thưởng 2022; Điều 56 Nghị định 152/2025/NĐ-CP",
    grade="B",
)
REVOCATION_GROUNDS: dict[str, str] = {
    "khai_man": "Gian dối trong kê khai thành tích",
    "gia_mao": "Giả mạo hồ sơ, giấy tờ",
    "trai_phap_luat": "Thẩm định, đề nghị khen thưởng trái pháp luật",
    "khong_dat_tieu_chuan": "Phát hiện sau này không đạt tiêu chuẩn trong thời gian đạt thành tích",
}


def highest_first(titles: Iterable[str]) -> list[str]:
    """Titles in engine order (for stable display)."""
    return sorted(set(titles), key=lambda t: TITLE_ORDER.get(t, len(TITLE_ORDER)))
