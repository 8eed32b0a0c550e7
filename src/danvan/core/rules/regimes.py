"""Legal regimes of thi đua, khen thưởng as data, with validity dates.

Sources: shared/reference/legal-verified.md (authoritative; rows cited as
"row N", grade A = the legal text read, B = a verbatim quotation on an
official site) and legal-notes.md §2. A regime is data: its texts, its decree
phases keyed by the dossier's received date, and the rules it switches on or
off — a new law or decree is added with `register_regime`, not engine code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

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
    Outcome,
)

# Shown to users: Vietnamese, no internal codes (issue 11, row 20).
UNCONFIRMED_MARK = "(quy định chưa được xác nhận)"
ARTICLE_UNCONFIRMED_MARK = "(số điều chưa xác nhận)"
GRADE_TEXT = {"A": "đối chiếu văn bản gốc: mức A", "B": "đối chiếu trích dẫn chính thức: mức B"}

LAW_2003 = "Luật Thi đua, khen thưởng 2003"
LAW_2022 = "Luật Thi đua, khen thưởng 2022"


@dataclass(frozen=True, slots=True)
class Basis:
    """The legal provision a rule encodes, and how sure the reference notes are.

    `confirmed` is about the substance of the rule: unconfirmed rules can be
    switched off per deployment. `article_confirmed` is only about the article
    number cited. `grade` is the evidence grade of legal-verified.md (A or B;
    None: the row is NOT FOUND there).
    """

    provision: str
    confirmed: bool = True
    article_confirmed: bool = True
    grade: str | None = None

    def text(self) -> str:
        parts = [self.provision]
        if not self.confirmed:
            parts.append(UNCONFIRMED_MARK)
        elif not self.article_confirmed:
            parts.append(ARTICLE_UNCONFIRMED_MARK)
        if self.grade is not None:
            parts.append(f"[{GRADE_TEXT[self.grade]}]")
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
class Phase:
    """The decree that governs dossiers received in a date range, within a regime.

    `rules_on` are general rules only this decree carries (e.g. the NĐ 152
    discipline rule); `lapses_on` is the day the decree ceases unless
    extended or replaced (the engine then says so instead of applying it).
    """

    instrument: str  # an Instrument.code of the regime
    name: str
    received_from: date | None = None
    received_to: date | None = None  # inclusive
    lapses_on: date | None = None
    rules_on: frozenset[str] = frozenset()
    basis: Basis = field(default_factory=lambda: Basis(""))

    def covers(self, day: date) -> bool:
        return (self.received_from is None or day >= self.received_from) and (
            self.received_to is None or day <= self.received_to
        )


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
    phases: tuple[Phase, ...] = ()
    # A regime may reuse the rulebook of another one (a new decree under the
    # same law), switching rules off or on by id.
    rules_from: str | None = None
    rules_off: frozenset[str] = frozenset()

    def covers(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )

    @property
    def rulebook(self) -> str:
        return self.rules_from or self.id

    def phase_for(self, received_on: date) -> Phase | None:
        """The decree governing a dossier received that day (None: none recorded)."""
        for phase in self.phases:
            if phase.covers(received_on):
                return phase
        return None


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
            # legal-verified row 43: NOT FOUND in any text read, so off by default.
            basis=Basis("Nghị định 91/2017/NĐ-CP (khoảng Điều 9 khoản 3)", confirmed=False),
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
    # No national percentage for these titles (legal-verified row 44): quotas
    # come from the scenario only.
    default_quotas=(),
    # legal-verified rows 2–3 (NĐ 152/2025 Điều 60 khoản 1–3, grade A): the
    # dossier's received date picks the decree; NĐ 152 lapses on 01/3/2027
    # unless extended or replaced — a successor is added here as a new Phase.
    phases=(
        Phase(
            "nd-98-2023",
            "Nghị định 98/2023/NĐ-CP",
            received_to=date(2025, 6, 30),
            basis=Basis("Điều 60 khoản 3 Nghị định 152/2025/NĐ-CP", grade="A"),
        ),
        Phase(
            "nd-152-2025",
            "Nghị định 152/2025/NĐ-CP",
            received_from=date(2025, 7, 1),
            received_to=date(2027, 2, 28),
            lapses_on=date(2027, 3, 1),
            # Rules this decree carries (rows 14, 32, 42): the discipline rule,
            # the council vote thresholds, the cụm, khối leader requirement and
            # the 20% cap of Cờ thi đua của Chính phủ.
            rules_on=frozenset(
                {
                    "discipline_pending_or_term",
                    "council_vote_threshold",
                    "cluster_leader_voted",
                    "quota_co_thi_dua_cp_20_percent_of_cluster_leaders",
                }
            ),
            basis=Basis("Điều 59, Điều 60 khoản 1 Nghị định 152/2025/NĐ-CP", grade="A"),
        ),
    ),
)

REGIMES: dict[str, Regime] = {r.id: r for r in (LUAT_2003, LUAT_2022)}


def regime_for_year(year: int) -> Regime | None:
    """The regime in force for an achievement year, or None if none is encoded.
    When several cover the year, the one starting latest wins (a newer law)."""
    found = [r for r in REGIMES.values() if r.covers(year)]
    if not found:
        return None
    return max(found, key=lambda r: r.first_year if r.first_year is not None else -1)


def register_regime(regime: Regime) -> None:
    """Add (or replace) a regime given as data; its rulebook must exist."""
    if regime.rulebook not in REGIMES and regime.rulebook != regime.id:
        raise ValueError(f"unknown rulebook {regime.rulebook!r}")
    REGIMES[regime.id] = regime


def unregister_regime(regime_id: str) -> None:
    if regime_id in ("luat-2003", "luat-2022"):
        raise ValueError("the built-in regimes stay")
    REGIMES.pop(regime_id, None)


# --- Deciding authorities (Luật 2022 Điều 79–80; Luật 2003 Điều 80) ----------

AUTHORITIES: dict[str, str] = {
    "giam_doc_so": "Giám đốc Sở",
    "thu_truong_don_vi_thuoc_bo": "Thủ trưởng đơn vị có tư cách pháp nhân thuộc bộ, ngành",
    "chu_tich_ubnd_huyen": "Chủ tịch Ủy ban nhân dân cấp huyện",
    "chu_tich_ubnd_xa": "Chủ tịch Ủy ban nhân dân cấp xã",
    "giam_doc_doanh_nghiep": "Giám đốc doanh nghiệp",
    "chu_tich_ubnd_tinh": "Chủ tịch Ủy ban nhân dân cấp tỉnh",
    "bo_truong": "Bộ trưởng",
    "thu_tuong": "Thủ tướng Chính phủ",
    "chu_tich_hdqt": "Chủ tịch Hội đồng quản trị, Hội đồng thành viên",
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


def _article_80(clause: int, law: str = LAW_2022) -> Basis:
    """Điều 80 khoản ``clause`` of a law: Luật 2022's read in Công báo (grade A)."""
    return Basis(f"Điều 80 khoản {clause} {law}", grade="A" if law == LAW_2022 else None)


_ND152_ARTICLE_6 = Basis("Điều 6 khoản 2 điểm b Nghị định 152/2025/NĐ-CP", grade="A")
_L22, _L03 = LUAT_2022.id, LUAT_2003.id

GRANTS: tuple[Grant, ...] = (
    # legal-verified rows 34–40 (Điều 80 read in Công báo: grade A).
    Grant(_L22, "giam_doc_so", _GRASSROOTS, _article_80(1)),
    Grant(_L22, "thu_truong_don_vi_thuoc_bo", _GRASSROOTS, _article_80(1)),
    # Cấp huyện no longer exists from 01/07/2025 (notes, currency warning).
    Grant(_L22, "chu_tich_ubnd_huyen", _GRASSROOTS, _article_80(2), valid_to=date(2025, 6, 30)),
    Grant(_L22, "chu_tich_ubnd_xa", frozenset({LAO_DONG_TIEN_TIEN, GIAY_KHEN}), _article_80(3)),
    Grant(_L22, "giam_doc_doanh_nghiep", _GRASSROOTS, _article_80(4)),
    # Row 37: the chair of the HĐQT or HĐTV may decide giấy khen only.
    Grant(_L22, "chu_tich_hdqt", frozenset({GIAY_KHEN}), _article_80(4)),
    # Row 38: confirmed in substance by NĐ 152/2025 Điều 6 khoản 2 điểm b
    # (grade A); the wording of Điều 79 itself was not read.
    Grant(_L22, "chu_tich_ubnd_tinh", _PROVINCIAL, _ND152_ARTICLE_6),
    Grant(_L22, "bo_truong", _PROVINCIAL, _ND152_ARTICLE_6),
    # Rows 39–40: the Thủ tướng decides CSTĐ toàn quốc (Điều 3 khoản 2, Điều
    # 36 khoản 1), Cờ thi đua của Chính phủ (delegated by the Chính phủ, Điều
    # 3 khoản 1, Điều 33 khoản 10) and Bằng khen của Thủ tướng (Điều 37 khoản 1).
    Grant(
        _L22,
        "thu_tuong",
        frozenset({CSTD_TOAN_QUOC, CO_THI_DUA_CHINH_PHU, BANG_KHEN_THU_TUONG}),
        Basis(
            "Điều 3 khoản 1, khoản 2, Điều 33 khoản 10, Điều 36 khoản 1, Điều 37 khoản 1 "
            "Nghị định 152/2025/NĐ-CP",
            grade="A",
        ),
    ),
    Grant(_L03, "giam_doc_so", _GRASSROOTS, _article_80(1, LAW_2003)),
    Grant(_L03, "thu_truong_don_vi_thuoc_bo", _GRASSROOTS, _article_80(1, LAW_2003)),
    Grant(_L03, "chu_tich_ubnd_huyen", _GRASSROOTS, _article_80(1, LAW_2003)),
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


def authorities_for(title: str, regime: str, on: date | None = None) -> list[str]:
    """Codes of the authorities that may confer `title` under `regime` on a
    date (confirmed powers only): the suggestion when an issuer cannot."""
    return [
        code
        for code in AUTHORITIES
        if (grant := authority_grant(code, regime)) is not None
        and grant.basis.confirmed
        and authority_status(code, title, regime, on)[0] is Outcome.PASS
    ]
