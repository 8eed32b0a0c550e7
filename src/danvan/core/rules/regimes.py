"""Legal regimes of thi đua, khen thưởng as data, with validity dates.

Source: shared/reference/legal-notes.md §2.1 (which texts apply when), §2.6
(recruitment period), §2.7 (quotas), §2.8 (who decides). Nothing here is
inferred beyond those notes; what they mark UNCONFIRMED is flagged so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from danvan.core.rules.model import (
    BANG_KHEN_CAP_TINH,
    CSTD_CAP_TINH,
    CSTD_CO_SO,
    GIAY_KHEN,
    LAO_DONG_TIEN_TIEN,
    TAP_THE_LDTT,
    TAP_THE_LDXS,
    Outcome,
)

UNCONFIRMED_MARK = "(UNCONFIRMED – CHƯA XÁC NHẬN)"
ARTICLE_UNCONFIRMED_MARK = "(số điều CHƯA XÁC NHẬN)"

LAW_2003 = "Luật Thi đua, khen thưởng 2003"
LAW_2022 = "Luật Thi đua, khen thưởng 2022"


@dataclass(frozen=True, slots=True)
class Basis:
    """The legal provision a rule encodes, and how sure the reference notes are.

    `confirmed` is about the substance of the rule: unconfirmed rules can be
    switched off per deployment. `article_confirmed` is only about the article
    number cited.
    """

    provision: str
    confirmed: bool = True
    article_confirmed: bool = True

    def text(self) -> str:
        parts = [self.provision]
        if not self.confirmed:
            parts.append(UNCONFIRMED_MARK)
        elif not self.article_confirmed:
            parts.append(ARTICLE_UNCONFIRMED_MARK)
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Instrument:
    """A legal text of a regime and the dates it applies."""

    code: str
    name: str
    valid_from: date | None = None
    valid_to: date | None = None
    confirmed: bool = True


@dataclass(frozen=True, slots=True)
class RegimeQuota:
    """A cap the regime itself sets, checked unless the scenario sets a stricter one."""

    rule: str
    title: str
    max_percent_of: str
    percent: Fraction
    basis: Basis


@dataclass(frozen=True, slots=True)
class Regime:
    id: str
    name: str
    first_year: int | None  # achievement years covered, inclusive
    last_year: int | None
    instruments: tuple[Instrument, ...]
    recruitment_min_months: int
    recruitment_basis: Basis
    default_quotas: tuple[RegimeQuota, ...] = ()

    def covers(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )


LUAT_2003 = Regime(
    id="luat-2003",
    name="Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung) và Nghị định 91/2017/NĐ-CP",
    # The contract (../shared/spec/commendation.md) assigns every achievement
    # year up to 2023 to this regime. NĐ 91/2017 is in force from 01/10/2017;
    # for earlier years the same criteria of the 2003 Law apply as encoded.
    first_year=None,
    last_year=2023,
    instruments=(
        Instrument("luat-tdkt-2003", LAW_2003),
        Instrument("luat-47-2005", "Luật 47/2005 sửa đổi, bổ sung Luật Thi đua, khen thưởng"),
        Instrument("luat-32-2009", "Luật 32/2009 sửa đổi, bổ sung Luật Thi đua, khen thưởng"),
        Instrument("luat-39-2013", "Luật 39/2013 sửa đổi, bổ sung Luật Thi đua, khen thưởng"),
        Instrument("nd-91-2017", "Nghị định 91/2017/NĐ-CP", valid_from=date(2017, 10, 1)),
        Instrument("tt-08-2017", "Thông tư 08/2017/TT-BNV", valid_from=date(2017, 12, 15)),
        Instrument("tt-12-2019", "Thông tư 12/2019/TT-BNV", valid_from=date(2020, 1, 1)),
    ),
    recruitment_min_months=10,
    recruitment_basis=Basis("Nghị định 91/2017/NĐ-CP", article_confirmed=False),
    default_quotas=(
        RegimeQuota(
            rule="quota_cstdcs_15_percent_of_ldtt",
            title=CSTD_CO_SO,
            max_percent_of=LAO_DONG_TIEN_TIEN,
            percent=Fraction(15),
            basis=Basis("Nghị định 91/2017/NĐ-CP (khoảng Điều 9 khoản 3)", article_confirmed=False),
        ),
    ),
)

LUAT_2022 = Regime(
    id="luat-2022",
    name="Luật Thi đua, khen thưởng 2022 (Luật 06/2022/QH15) và văn bản hướng dẫn",
    first_year=2024,
    last_year=None,
    instruments=(
        Instrument("luat-06-2022", "Luật 06/2022/QH15", valid_from=date(2024, 1, 1)),
        Instrument(
            "nd-98-2023",
            "Nghị định 98/2023/NĐ-CP",
            valid_from=date(2024, 1, 1),
            valid_to=date(2025, 6, 30),
        ),
        Instrument("nd-152-2025", "Nghị định 152/2025/NĐ-CP", valid_from=date(2025, 7, 1)),
        # The notes confirm TT 01/2024; its replacement by TT 15/2025 from
        # 05/8/2025 is UNCONFIRMED, so the rules keep citing TT 01/2024.
        Instrument("tt-01-2024", "Thông tư 01/2024/TT-BNV", valid_from=date(2024, 1, 1)),
        Instrument(
            "tt-15-2025", "Thông tư 15/2025/TT-BNV", valid_from=date(2025, 8, 5), confirmed=False
        ),
        Instrument(
            "luat-06-2026", "Luật 06/2026/QH16", valid_from=date(2026, 10, 1), confirmed=False
        ),
    ),
    recruitment_min_months=6,
    recruitment_basis=Basis("Thông tư 01/2024/TT-BNV", article_confirmed=False),
    # No national percentage in the 2022 law (notes §2.7): quotas come from
    # the scenario only.
    default_quotas=(),
)

REGIMES: dict[str, Regime] = {r.id: r for r in (LUAT_2003, LUAT_2022)}


def regime_for_year(year: int) -> Regime | None:
    """The regime in force for an achievement year, or None if none is encoded."""
    for regime in REGIMES.values():
        if regime.covers(year):
            return regime
    return None


# --- Deciding authorities (Luật 2022 Điều 79–80; Luật 2003 Điều 80) ----------

AUTHORITIES: dict[str, str] = {
    "giam_doc_so": "Giám đốc Sở",
    "thu_truong_don_vi_thuoc_bo": "Thủ trưởng đơn vị có tư cách pháp nhân thuộc bộ, ngành",
    "chu_tich_ubnd_huyen": "Chủ tịch Ủy ban nhân dân cấp huyện",
    "chu_tich_ubnd_xa": "Chủ tịch Ủy ban nhân dân cấp xã",
    "giam_doc_doanh_nghiep": "Giám đốc doanh nghiệp",
    "chu_tich_ubnd_tinh": "Chủ tịch Ủy ban nhân dân cấp tỉnh",
    "bo_truong": "Bộ trưởng",
}


@dataclass(frozen=True, slots=True)
class Grant:
    """Which titles an authority may confer under a regime, and until when."""

    regime: str
    authority: str
    titles: frozenset[str]
    basis: Basis
    valid_to: date | None = None


_GRASSROOTS = frozenset({TAP_THE_LDTT, CSTD_CO_SO, LAO_DONG_TIEN_TIEN, GIAY_KHEN})
_PROVINCIAL = frozenset({CSTD_CAP_TINH, TAP_THE_LDXS, BANG_KHEN_CAP_TINH})

GRANTS: tuple[Grant, ...] = (
    Grant("luat-2022", "giam_doc_so", _GRASSROOTS, Basis(f"Điều 80 khoản 1 {LAW_2022}")),
    Grant(
        "luat-2022",
        "thu_truong_don_vi_thuoc_bo",
        _GRASSROOTS,
        Basis(f"Điều 80 khoản 1 {LAW_2022}"),
    ),
    # Cấp huyện no longer exists from 01/07/2025 (notes, currency warning).
    Grant(
        "luat-2022",
        "chu_tich_ubnd_huyen",
        _GRASSROOTS,
        Basis(f"Điều 80 khoản 2 {LAW_2022}"),
        valid_to=date(2025, 6, 30),
    ),
    Grant(
        "luat-2022",
        "chu_tich_ubnd_xa",
        frozenset({LAO_DONG_TIEN_TIEN, GIAY_KHEN}),
        Basis(f"Điều 80 khoản 3 {LAW_2022}"),
    ),
    Grant("luat-2022", "giam_doc_doanh_nghiep", _GRASSROOTS, Basis(f"Điều 80 khoản 4 {LAW_2022}")),
    Grant(
        "luat-2022",
        "chu_tich_ubnd_tinh",
        _PROVINCIAL,
        Basis(f"Điều 79 {LAW_2022}", confirmed=False),
    ),
    Grant("luat-2022", "bo_truong", _PROVINCIAL, Basis(f"Điều 79 {LAW_2022}", confirmed=False)),
    Grant("luat-2003", "giam_doc_so", _GRASSROOTS, Basis(f"Điều 80 khoản 1 {LAW_2003}")),
    Grant(
        "luat-2003",
        "thu_truong_don_vi_thuoc_bo",
        _GRASSROOTS,
        Basis(f"Điều 80 khoản 1 {LAW_2003}"),
    ),
    Grant("luat-2003", "chu_tich_ubnd_huyen", _GRASSROOTS, Basis(f"Điều 80 khoản 1 {LAW_2003}")),
)
_GRANTS_BY_KEY: dict[tuple[str, str], Grant] = {(g.regime, g.authority): g for g in GRANTS}


def authority_grant(authority: str, regime: str) -> Grant | None:
    """The encoded powers of an authority under a regime (None: not encoded)."""
    return _GRANTS_BY_KEY.get((regime, authority))


def authority_status(
    authority: str, title: str, regime: str, on: date | None = None
) -> tuple[Outcome, Grant | None]:
    """PASS if the authority may confer the title, FAIL if it may not, UNKNOWN
    when the notes do not tell this authority's powers under that regime."""
    grant = authority_grant(authority, regime)
    if grant is None:
        return Outcome.UNKNOWN, None
    if grant.valid_to is not None and on is not None and on > grant.valid_to:
        return Outcome.FAIL, grant
    return (Outcome.PASS if title in grant.titles else Outcome.FAIL), grant


def can_grant(authority: str, title: str, regime: str, on: date | None = None) -> bool:
    """Whether `authority` may decide `title` under `regime` (on a given date).

    Only powers written in the reference notes answer True; an authority whose
    powers under that regime are not encoded answers False.
    """
    return authority_status(authority, title, regime, on)[0] is Outcome.PASS
