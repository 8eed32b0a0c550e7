"""Scenario JSON (danvan.commendation-scenario/1) → dataclasses.

Every error names the offending field the way a reader finds it in the file:
``people[2].ratings.2024: xếp loại không hợp lệ 'abc'``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, TypeVar

from danvan.core.rules.model import (
    COLLECTIVE_TITLES,
    DISCIPLINE_LEVELS,
    INDIVIDUAL_TITLES,
    INNOVATION_KINDS,
    RATINGS,
    SCOPES,
    TITLES,
    Collective,
    Discipline,
    Innovation,
    Nomination,
    Person,
    Quota,
    Scenario,
)
from danvan.core.rules.regimes import AUTHORITIES, REGIMES, regime_for_year

SCENARIO_SCHEMA = "danvan.commendation-scenario/1"
_YEAR_KEY = re.compile(r"^\d{4}$")
_MIN_YEAR, _MAX_YEAR = 1945, 2100

T = TypeVar("T")


class ScenarioError(ValueError):
    """A scenario that cannot be evaluated; `field` is its path in the JSON."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _obj(value: object, field: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ScenarioError(field, "phải là một đối tượng JSON")
    return value


def _list(value: object, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise ScenarioError(field, "phải là một danh sách")
    return value


def _str(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(field, "phải là một chuỗi không rỗng")
    return value


def _year(value: object, field: str) -> int:
    if not _is_int(value) or not _MIN_YEAR <= int(value) <= _MAX_YEAR:  # type: ignore[call-overload]
        raise ScenarioError(field, f"năm không hợp lệ {value!r}")
    return int(value)  # type: ignore[call-overload]


def _date(value: object, field: str) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ScenarioError(field, f"ngày không hợp lệ {value!r} (cần dạng YYYY-MM-DD)")


def _code(value: object, table: Mapping[str, object], field: str, what: str) -> str:
    """A code of the contract. The codes are lower case; "HTXS" or " htt " name
    the same rating, so case and surrounding spaces are not held against a file."""
    if isinstance(value, str):
        if value in table:
            return value
        folded = value.strip().lower()
        if folded in table:
            return folded
    shown = value if isinstance(value, str) else repr(value)
    raise ScenarioError(field, f"{what} không hợp lệ '{shown}'")


def _per_year(
    value: object,
    field: str,
    parse_item: Callable[[object, str], T],
    null_is_unknown: bool = False,
) -> dict[int, T]:
    """A map keyed by year. With `null_is_unknown` (maps where a missing year
    is unknown: ratings, leave), a year given as null is left out, i.e. unknown,
    as the contract says of facts not given."""
    result: dict[int, T] = {}
    for key, item in _obj(value, field).items():
        item_field = f"{field}.{key}"
        if not _YEAR_KEY.match(key) or not _MIN_YEAR <= int(key) <= _MAX_YEAR:
            raise ScenarioError(item_field, f"năm không hợp lệ '{key}'")
        if item is None and null_is_unknown:
            continue
        result[int(key)] = parse_item(item, item_field)
    return result


def _rating(value: object, field: str) -> str:
    return _code(value, RATINGS, field, "xếp loại")


def _titles_of(allowed: frozenset[str]) -> Callable[[object, str], frozenset[str]]:
    def parse(value: object, field: str) -> frozenset[str]:
        codes = []
        for i, item in enumerate(_list(value, field)):
            code = _code(item, TITLES, f"{field}[{i}]", "danh hiệu")
            if code not in allowed:
                raise ScenarioError(
                    f"{field}[{i}]", f"danh hiệu '{code}' không dùng cho đối tượng này"
                )
            codes.append(code)
        return frozenset(codes)

    return parse


def _bool(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise ScenarioError(field, f"phải là true hoặc false, không phải {value!r}")
    return value


def _count(value: object, field: str, what: str, minimum: int = 0) -> int:
    if not _is_int(value) or int(value) < minimum:  # type: ignore[call-overload]
        raise ScenarioError(field, f"{what} không hợp lệ {value!r}")
    return int(value)  # type: ignore[call-overload]


def _council(value: object, field: str) -> tuple[int, int]:
    """{"members": all council members, "votes_for": yes votes}."""
    obj = _obj(value, field)
    for key in ("members", "votes_for"):
        if obj.get(key) is None:
            raise ScenarioError(f"{field}.{key}", "thiếu số liệu biểu quyết của Hội đồng")
    members = _count(obj["members"], f"{field}.members", "số thành viên Hội đồng", 1)
    yes = _count(obj["votes_for"], f"{field}.votes_for", "số phiếu đồng ý")
    if yes > members:
        raise ScenarioError(
            f"{field}.votes_for", f"{yes} phiếu đồng ý vượt {members} thành viên Hội đồng"
        )
    return members, yes


def _leave_days(value: object, field: str) -> int:
    if not _is_int(value) or int(value) < 0:  # type: ignore[call-overload]
        raise ScenarioError(field, f"số ngày nghỉ không hợp lệ {value!r}")
    return int(value)  # type: ignore[call-overload]


def _innovation(value: object, field: str) -> Innovation:
    obj = _obj(value, field)
    if "year" not in obj:
        raise ScenarioError(f"{field}.year", "thiếu năm công nhận sáng kiến")
    if "scope" not in obj:
        raise ScenarioError(f"{field}.scope", "thiếu phạm vi sáng kiến")
    applied = obj.get("applied")
    if applied is not None and not isinstance(applied, bool):
        raise ScenarioError(f"{field}.applied", f"phải là true hoặc false, không phải {applied!r}")
    kind = _optional(
        obj, "kind", field, lambda v, f: _code(v, INNOVATION_KINDS, f, "loại sáng kiến")
    )
    return Innovation(
        year=_year(obj["year"], f"{field}.year"),
        scope=_code(obj["scope"], SCOPES, f"{field}.scope", "phạm vi sáng kiến"),
        applied=applied,
        kind=kind or "sang_kien",
    )


def _discipline(value: object, field: str) -> Discipline:
    """A decided discipline (level, decided_on, optional term_ends_on), or a
    pending one ("pending": true; level and decided_on then optional)."""
    obj = _obj(value, field)
    pending = obj.get("pending", False)
    if pending is None:
        pending = False
    if not isinstance(pending, bool):
        raise ScenarioError(f"{field}.pending", f"phải là true hoặc false, không phải {pending!r}")
    if not pending and obj.get("level") is None:
        raise ScenarioError(f"{field}.level", "thiếu hình thức kỷ luật")
    if not pending and obj.get("decided_on") is None:
        raise ScenarioError(f"{field}.decided_on", "thiếu ngày quyết định kỷ luật")
    level = _optional(
        obj, "level", field, lambda v, f: _code(v, DISCIPLINE_LEVELS, f, "hình thức kỷ luật")
    )
    decided_on = _optional(obj, "decided_on", field, _date)
    term_ends_on = _optional(obj, "term_ends_on", field, _date)
    if decided_on is not None and term_ends_on is not None and term_ends_on < decided_on:
        raise ScenarioError(
            f"{field}.term_ends_on", "ngày hết thời hạn kỷ luật trước ngày quyết định"
        )
    return Discipline(
        level=level, decided_on=decided_on, pending=pending, term_ends_on=term_ends_on
    )


def _optional(
    obj: Mapping[str, Any], key: str, field: str, parse: Callable[[object, str], T]
) -> T | None:
    if key not in obj or obj[key] is None:
        return None
    return parse(obj[key], f"{field}.{key}")


def _person(value: object, field: str) -> Person:
    obj = _obj(value, field)
    if "id" not in obj:
        raise ScenarioError(f"{field}.id", "thiếu mã cá nhân")
    innovations = _optional(
        obj,
        "innovations",
        field,
        lambda v, f: tuple(_innovation(x, f"{f}[{i}]") for i, x in enumerate(_list(v, f))),
    )
    discipline = _optional(
        obj,
        "discipline",
        field,
        lambda v, f: tuple(_discipline(x, f"{f}[{i}]") for i, x in enumerate(_list(v, f))),
    )
    return Person(
        id=_str(obj["id"], f"{field}.id"),
        name=str(obj.get("name") or ""),
        recruited_on=_optional(obj, "recruited_on", field, _date),
        ratings=_optional(obj, "ratings", field, lambda v, f: _per_year(v, f, _rating, True)),
        leave_working_days=_optional(
            obj, "leave_working_days", field, lambda v, f: _per_year(v, f, _leave_days, True)
        ),
        titles=_optional(
            obj, "titles", field, lambda v, f: _per_year(v, f, _titles_of(INDIVIDUAL_TITLES))
        ),
        innovations=innovations,
        discipline=discipline,
    )


def _collective(value: object, field: str, people: dict[str, Person]) -> Collective:
    obj = _obj(value, field)
    if "id" not in obj:
        raise ScenarioError(f"{field}.id", "thiếu mã tập thể")
    members: tuple[str, ...] | None = None
    if obj.get("members") is not None:
        member_list = []
        for i, member in enumerate(_list(obj["members"], f"{field}.members")):
            member_field = f"{field}.members[{i}]"
            member_id = _str(member, member_field)
            if member_id not in people:
                # A member the scenario lists but does not describe is a person
                # whose every fact is unknown (the contract: a fact not given is
                # unknown, not false), so rules that need them answer "unknown".
                people[member_id] = Person(id=member_id)
            member_list.append(member_id)
        members = tuple(dict.fromkeys(member_list))  # a member counts once
    return Collective(
        id=_str(obj["id"], f"{field}.id"),
        name=str(obj.get("name") or ""),
        members=members,
        ratings=_optional(obj, "ratings", field, lambda v, f: _per_year(v, f, _rating, True)),
        titles=_optional(
            obj, "titles", field, lambda v, f: _per_year(v, f, _titles_of(COLLECTIVE_TITLES))
        ),
        cluster_leader=_optional(
            obj, "cluster_leader", field, lambda v, f: _per_year(v, f, _bool, True)
        ),
    )


def _authority(value: object, field: str) -> str:
    return _code(value, AUTHORITIES, field, "thẩm quyền")


def _percent(value: object, field: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScenarioError(field, f"tỷ lệ không hợp lệ {value!r}")
    try:
        percent = Fraction(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        raise ScenarioError(field, f"tỷ lệ không hợp lệ {value!r}")
    if not 0 <= percent <= 100:
        raise ScenarioError(field, f"tỷ lệ phải từ 0 đến 100, không phải {value!r}")
    return percent


def _quota(value: object, field: str) -> Quota:
    obj = _obj(value, field)
    if "title" not in obj:
        raise ScenarioError(f"{field}.title", "thiếu danh hiệu")
    title = _code(obj["title"], TITLES, f"{field}.title", "danh hiệu")
    base = _optional(obj, "max_percent_of", field, lambda v, f: _code(v, TITLES, f, "danh hiệu"))
    percent = _optional(obj, "percent", field, _percent)
    max_count = obj.get("max_count")
    if max_count is not None and (not _is_int(max_count) or max_count < 0):
        raise ScenarioError(f"{field}.max_count", f"số lượng tối đa không hợp lệ {max_count!r}")
    if (base is None) != (percent is None):
        missing = "percent" if percent is None else "max_percent_of"
        raise ScenarioError(f"{field}.{missing}", "max_percent_of và percent phải đi cùng nhau")
    if base is None and max_count is None:
        raise ScenarioError(f"{field}.percent", "cần percent (với max_percent_of) hoặc max_count")
    return Quota(title=title, max_percent_of=base, percent=percent, max_count=max_count)


def parse_scenario(obj: object) -> Scenario:
    """Validate a scenario object and build its dataclasses, or raise ScenarioError."""
    root = _obj(obj, "scenario")
    schema = root.get("schema")
    if schema is not None and schema != SCENARIO_SCHEMA:
        raise ScenarioError("schema", f"cần '{SCENARIO_SCHEMA}', không phải {schema!r}")
    if "year" not in root:
        raise ScenarioError("year", "thiếu năm xét khen thưởng")
    year = _year(root["year"], "year")
    regime = _optional(root, "regime", "", lambda v, f: _code(v, REGIMES, "regime", "chế độ"))
    if regime is None and regime_for_year(year) is None:
        raise ScenarioError(
            "year",
            f"chưa mã hóa chế độ khen thưởng cho năm {year} "
            '(Nghị định 91/2017/NĐ-CP có hiệu lực từ 01/10/2017); hãy chỉ rõ "regime"',
        )

    people: dict[str, Person] = {}
    for i, item in enumerate(_list(root.get("people", []), "people")):
        person = _person(item, f"people[{i}]")
        if person.id in people:
            raise ScenarioError(f"people[{i}].id", f"mã '{person.id}' bị trùng")
        people[person.id] = person

    collectives: dict[str, Collective] = {}
    for i, item in enumerate(_list(root.get("collectives", []), "collectives")):
        collective = _collective(item, f"collectives[{i}]", people)
        if collective.id in collectives or collective.id in people:
            raise ScenarioError(f"collectives[{i}].id", f"mã '{collective.id}' bị trùng")
        collectives[collective.id] = collective

    nominations = []
    for i, item in enumerate(_list(root.get("nominations", []), "nominations")):
        field = f"nominations[{i}]"
        nom = _obj(item, field)
        if "subject" not in nom:
            raise ScenarioError(f"{field}.subject", "thiếu đối tượng đề nghị")
        subject = _str(nom["subject"], f"{field}.subject")
        if "title" not in nom:
            raise ScenarioError(f"{field}.title", "thiếu danh hiệu đề nghị")
        title = _code(nom["title"], TITLES, f"{field}.title", "danh hiệu")
        if subject in people:
            if title not in INDIVIDUAL_TITLES:
                raise ScenarioError(f"{field}.title", f"'{title}' không xét tặng cho cá nhân")
        elif subject in collectives:
            if title not in COLLECTIVE_TITLES:
                raise ScenarioError(f"{field}.title", f"'{title}' không xét tặng cho tập thể")
        else:
            raise ScenarioError(f"{field}.subject", f"không có cá nhân hay tập thể '{subject}'")
        council = _optional(nom, "council", field, _council)
        nominations.append(
            Nomination(
                subject,
                title,
                _optional(nom, "authority", field, _authority),
                council_members=None if council is None else council[0],
                votes_for=None if council is None else council[1],
            )
        )

    quotas = tuple(
        _quota(item, f"quotas[{i}]")
        for i, item in enumerate(_list(root.get("quotas", []), "quotas"))
    )
    return Scenario(
        year=year,
        people=tuple(people.values()),
        collectives=tuple(collectives.values()),
        nominations=tuple(nominations),
        quotas=quotas,
        regime=regime,
        authority=_optional(root, "authority", "", lambda v, f: _authority(v, "authority")),
        received_on=_optional(root, "received_on", "", lambda v, f: _date(v, "received_on")),
        cluster_leaders=_optional(
            root,
            "cluster_leaders",
            "",
            lambda v, f: _count(v, "cluster_leaders", "số tập thể dẫn đầu cụm, khối"),
        ),
    )
