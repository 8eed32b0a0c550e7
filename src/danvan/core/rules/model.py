"""Plain data for the commendation engine: codes, labels, scenarios, results.

Facts use ``None`` for "not given" (the scenario did not say) and an empty
container for "given, and there is nothing" (see README.md, "Unknown facts").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fractions import Fraction


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"


def _three_valued(outcomes: list[Outcome], decisive: Outcome, otherwise: Outcome) -> Outcome:
    """Kleene's three-valued logic: one ``decisive`` outcome settles it, else any
    unknown leaves it unknown, else it is ``otherwise`` (also for no outcomes)."""
    if decisive in outcomes:
        return decisive
    if Outcome.UNKNOWN in outcomes:
        return Outcome.UNKNOWN
    return otherwise


def all_of(outcomes: list[Outcome]) -> Outcome:
    """Three-valued AND: any fail fails, else any unknown is unknown."""
    return _three_valued(outcomes, Outcome.FAIL, Outcome.PASS)


def any_of(outcomes: list[Outcome]) -> Outcome:
    """Three-valued OR: any pass passes, else any unknown is unknown."""
    return _three_valued(outcomes, Outcome.PASS, Outcome.FAIL)


# Yearly quality ratings (xếp loại chất lượng), lowest first.
RATINGS: dict[str, str] = {
    "kht": "không hoàn thành nhiệm vụ",
    "ht": "hoàn thành nhiệm vụ",
    "htt": "hoàn thành tốt nhiệm vụ",
    "htxs": "hoàn thành xuất sắc nhiệm vụ",
}
RATING_RANK: dict[str, int] = {code: rank for rank, code in enumerate(RATINGS)}

LAO_DONG_TIEN_TIEN = "lao_dong_tien_tien"
CSTD_CO_SO = "chien_si_thi_dua_co_so"
CSTD_CAP_TINH = "chien_si_thi_dua_cap_tinh"
CSTD_TOAN_QUOC = "chien_si_thi_dua_toan_quoc"
TAP_THE_LDTT = "tap_the_lao_dong_tien_tien"
TAP_THE_LDXS = "tap_the_lao_dong_xuat_sac"
GIAY_KHEN = "giay_khen"
BANG_KHEN_CAP_TINH = "bang_khen_cap_tinh"
# Decided by the Thủ tướng (legal-verified rows 39–40).
BANG_KHEN_THU_TUONG = "bang_khen_thu_tuong"
CO_THI_DUA_CHINH_PHU = "co_thi_dua_chinh_phu"

# Titles and award forms, in the order the engine evaluates them: a title only
# depends on titles listed before it (LĐTT → CSTĐCS → CSTĐ tỉnh → toàn quốc;
# collectives count their members' individual titles).
TITLES: dict[str, str] = {
    LAO_DONG_TIEN_TIEN: "Lao động tiên tiến",
    CSTD_CO_SO: "Chiến sĩ thi đua cơ sở",
    CSTD_CAP_TINH: "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
    CSTD_TOAN_QUOC: "Chiến sĩ thi đua toàn quốc",
    BANG_KHEN_CAP_TINH: "Bằng khen cấp bộ, ban, ngành, tỉnh",
    BANG_KHEN_THU_TUONG: "Bằng khen của Thủ tướng Chính phủ",
    GIAY_KHEN: "Giấy khen",
    TAP_THE_LDTT: "Tập thể lao động tiên tiến",
    TAP_THE_LDXS: "Tập thể lao động xuất sắc",
    CO_THI_DUA_CHINH_PHU: "Cờ thi đua của Chính phủ",
}
TITLE_ORDER: dict[str, int] = {code: i for i, code in enumerate(TITLES)}

INDIVIDUAL_TITLES = frozenset(
    {
        LAO_DONG_TIEN_TIEN,
        CSTD_CO_SO,
        CSTD_CAP_TINH,
        CSTD_TOAN_QUOC,
        GIAY_KHEN,
        BANG_KHEN_CAP_TINH,
        BANG_KHEN_THU_TUONG,
    }
)
COLLECTIVE_TITLES = frozenset(
    {
        TAP_THE_LDTT,
        TAP_THE_LDXS,
        GIAY_KHEN,
        BANG_KHEN_CAP_TINH,
        BANG_KHEN_THU_TUONG,
        CO_THI_DUA_CHINH_PHU,
    }
)

# Innovation (sáng kiến) scope, narrowest first.
SCOPES: dict[str, str] = {
    "co_so": "cấp cơ sở",
    "cap_tinh": "cấp bộ, ban, ngành, tỉnh",
    "toan_quoc": "toàn quốc",
}
SCOPE_RANK: dict[str, int] = {code: rank for rank, code in enumerate(SCOPES)}

# What an innovation record is (legal-verified row 16: an accepted research
# topic, scheme or work counts like a sáng kiến for CSTĐCS under Luật 2022).
INNOVATION_KINDS: dict[str, str] = {
    "sang_kien": "sáng kiến",
    "de_tai": "đề tài, đề án, công trình đã nghiệm thu",
}

# Disciplinary measures, lightest first.
DISCIPLINE_LEVELS: dict[str, str] = {
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "ha_bac_luong": "hạ bậc lương",
    "cach_chuc": "cách chức",
    "buoc_thoi_viec": "buộc thôi việc",
}
DISCIPLINE_RANK: dict[str, int] = {code: rank for rank, code in enumerate(DISCIPLINE_LEVELS)}


def title_label(code: str) -> str:
    """The Vietnamese name of a title or award code ("Lao động tiên tiến")."""
    return TITLES[code]


def short_date(d: date) -> str:
    """'01/8/2019', '15/01/2024': days 1–9 and months 1–2 zero-padded, as in the
    date line of NĐ 30/2020 (Phụ lục I Mục II.4)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{d.day:02d}/{month}/{d.year}"


@dataclass(frozen=True, slots=True)
class Innovation:
    year: int
    scope: str
    applied: bool | None = None  # None: the scenario does not say
    # "sang_kien" (a sáng kiến) or "de_tai" (an accepted research topic, scheme or work)
    kind: str = "sang_kien"


@dataclass(frozen=True, slots=True)
class Discipline:
    """A disciplinary measure, or (pending=True) one being considered, or an
    inspection or investigation under way (NĐ 152/2025 Điều 4 khoản 4)."""

    level: str | None
    decided_on: date | None = None
    pending: bool = False
    term_ends_on: date | None = None  # the day the discipline term is served


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str = ""
    recruited_on: date | None = None
    # Per-year maps: a missing year is unknown.
    ratings: Mapping[int, str] | None = None
    leave_working_days: Mapping[int, int] | None = None
    # Records: when given, they are complete (a year without titles held none).
    titles: Mapping[int, frozenset[str]] | None = None
    innovations: tuple[Innovation, ...] | None = None
    discipline: tuple[Discipline, ...] | None = None


@dataclass(frozen=True, slots=True)
class Collective:
    id: str
    name: str = ""
    members: tuple[str, ...] | None = None
    ratings: Mapping[int, str] | None = None
    titles: Mapping[int, frozenset[str]] | None = None
    # Per year: voted the leader of a cụm, khối thi đua (NĐ 152/2025 Điều 7).
    cluster_leader: Mapping[int, bool] | None = None


@dataclass(frozen=True, slots=True)
class Nomination:
    subject: str
    title: str
    authority: str | None = None  # overrides Scenario.authority
    # The competent council's vote on it: all members, and the yes votes
    # (NĐ 152/2025 Điều 33 khoản 5). None: not given.
    council_members: int | None = None
    votes_for: int | None = None


@dataclass(frozen=True, slots=True)
class Quota:
    """A cap set by the deciding authority: a share of another title and/or a count."""

    title: str
    max_percent_of: str | None = None
    percent: Fraction | None = None
    max_count: int | None = None


@dataclass(frozen=True, slots=True)
class Scenario:
    year: int
    people: tuple[Person, ...] = ()
    collectives: tuple[Collective, ...] = ()
    nominations: tuple[Nomination, ...] = ()
    quotas: tuple[Quota, ...] = ()
    regime: str | None = None  # None: chosen from the year
    authority: str | None = None  # the deciding authority of the round, if known
    # The date the deciding body received the dossier: picks the decree within
    # a regime (legal-verified rows 2–3). None: 31/12 of `year`.
    received_on: date | None = None
    # Cụm, khối leaders of the ministry or province that also meet the Cờ
    # thi đua cấp bộ, tỉnh criteria: the base of the Cờ thi đua của Chính phủ
    # cap (NĐ 152/2025 Điều 7 khoản 1). None: not given.
    cluster_leaders: int | None = None


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Per-deployment switches; the core never reads settings itself."""

    disabled_rules: frozenset[str] = frozenset()
    include_unconfirmed: bool = True


@dataclass(frozen=True, slots=True)
class Check:
    rule: str
    result: Outcome
    basis: str
    message: str
    confirmed: bool = True


class _Checked:
    """A verdict made of checks: eligible when there are checks and all pass."""

    __slots__ = ()
    checks: tuple[Check, ...]

    @property
    def eligible(self) -> bool:
        return bool(self.checks) and all(c.result is Outcome.PASS for c in self.checks)

    @property
    def missing(self) -> tuple[Check, ...]:
        """What stands between the subject and the title: failing or unknown checks."""
        return tuple(c for c in self.checks if c.result is not Outcome.PASS)


@dataclass(frozen=True, slots=True)
class NominationResult(_Checked):
    subject: str
    title: str
    checks: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class QuotaResult:
    title: str
    nominated: int
    allowed: int
    result: Outcome
    message: str
    rule: str | None = None  # set for caps that come from the regime, not the scenario
    basis: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    regime: str
    year: int
    nominations: tuple[NominationResult, ...] = ()
    quotas: tuple[QuotaResult, ...] = ()

    @property
    def quotas_respected(self) -> bool:
        return all(q.result is Outcome.PASS for q in self.quotas)


@dataclass(frozen=True, slots=True)
class Suggestion(_Checked):
    """A title the engine would propose, or nearly: `missing` lists what is lacking."""

    subject: str
    title: str
    checks: tuple[Check, ...] = field(default=())
