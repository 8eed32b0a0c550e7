"""Documents from plain data (Tờ trình, Quyết định, Công văn, Thông báo) and an
initiative's figures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypedDict, Unpack

from danvan.core.render import Citer
from danvan.core.text import collapse_ws
from danvan.orgunits.models import OrgUnit
from danvan.planning.models import Initiative
from danvan.reporting.models import IndicatorValue

from .common import (
    ComputedFigure,
    base_content,
    cite_line,
    signer_notes,
)


class PlainParts(TypedDict, total=False):
    """The parts of a document from plain data, each optional."""

    addressees: Iterable[str]
    legal_bases: Iterable[str]
    paragraphs: Iterable[str]
    blocks: Iterable[dict[str, Any]]
    articles: Iterable[tuple[str, Sequence[str]]]
    table: tuple[Sequence[str], Sequence[Sequence[str]]] | None
    closing: str
    recipients: Iterable[str]
    signer: dict[str, Any] | None
    decision_authority: str
    drafting_unit: str


def _lines(texts: Iterable[str]) -> list[str]:
    """The non-blank lines, whitespace collapsed."""
    return [collapse_ws(t) for t in texts if collapse_ws(t)]


def plain_content(unit: OrgUnit, **parts: Unpack[PlainParts]) -> dict[str, Any]:
    content = base_content(unit, parts.get("signer"))
    content["kinh_gui"] = _lines(parts.get("addressees", ()))
    content["legal_bases"] = _lines(parts.get("legal_bases", ()))
    body: list[dict[str, Any]] = [
        {"k": "para", "text": p} for p in _lines(parts.get("paragraphs", ()))
    ]
    body += list(parts.get("blocks", ()))
    table = parts.get("table")
    if table is not None and (table[0] or table[1]):
        header, rows = table
        body.append(
            {
                "k": "table",
                "caption": "",
                "header": [list(header)] if header else [],
                "rows": [list(r) for r in rows],
                "numeric": [],
            }
        )
    for title, texts in parts.get("articles", ()):
        body.append(
            {"k": "article", "title": collapse_ws(title), "text": [collapse_ws(t) for t in texts]}
        )
    content["body"] = body
    content["closing"] = collapse_ws(parts.get("closing", ""))
    content["recipients"] = _lines(parts.get("recipients", ()))
    content["decision_authority"] = collapse_ws(parts.get("decision_authority", ""))
    content["drafting_unit"] = collapse_ws(parts.get("drafting_unit", ""))
    signer_notes(content)
    return content


def submission_content(
    unit: OrgUnit,
    *,
    addressees: Iterable[str],
    legal_bases: Iterable[str] = (),
    paragraphs_: Iterable[str] = (),
    blocks: Iterable[dict[str, Any]] = (),
    table: tuple[Sequence[str], Sequence[Sequence[str]]] | None = None,
    proposal: str = "",
    recipients: Iterable[str] = (),
    signer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A Tờ trình: "Căn cứ …;" lines cited per ND 30, the reasons, figures, the list
    proposed, and the request that closes it."""
    citer = Citer()
    lines = [f"Căn cứ {cite_line(citer, b)};" for b in legal_bases if collapse_ws(b)]
    return plain_content(
        unit,
        addressees=addressees,
        paragraphs=[*lines, *paragraphs_],
        blocks=blocks,
        table=table,
        closing=proposal,
        recipients=recipients,
        signer=signer,
    )


def initiative_figures(initiative: Initiative) -> list[ComputedFigure]:
    """The initiative's results for its year: the unit's values of the indicators it
    set targets for, against those targets and the year before."""

    year = initiative.year
    out = []
    for t in initiative.targets.select_related("indicator"):
        ind = t.indicator
        now = IndicatorValue.objects.filter(
            indicator=ind, unit=initiative.unit, period=f"{year}-Y"
        ).first()
        before = IndicatorValue.objects.filter(
            indicator=ind, unit=initiative.unit, period=f"{year - 1}-Y"
        ).first()
        if now is None or now.value is None:
            continue
        out.append(
            ComputedFigure.of(
                ind,
                value=now.value,
                target=t.value,
                last_year=before.value if before else None,
                previous_year=year - 1,
                period=f"{year}-Y",
                value_ids=[now.pk],
                unit_ids=[initiative.unit_id],
            )
        )
    return out
