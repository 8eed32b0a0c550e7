"""A draft's content (JSON) ↔ the core renderer's DocumentSpec.

Content keys: kinh_gui (the addressees: the stored and API key keeps its
name), legal_bases, decision_authority, body (blocks), recipients,
archive_unit, archive_copies, closing, drafting_unit, place, signer {name,
position, authority, on_behalf_of, collective}, notes (warnings found while
drafting).

Body blocks, each a dict with "k":
  {"k": "heading", "text", "level"}          → Heading
  {"k": "para", "text"}                       → Paragraph
  {"k": "figure", "text", "trace": {...}}     → FigureParagraph (trace kept for the preview)
  {"k": "table", "caption", "header", "rows", "numeric"} → Table
  {"k": "article", "title", "text": [...]}   → Article (Điều n.)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, NamedTuple

from danvan.accounts.models import Role, RoleKind
from danvan.core.render import (
    Article,
    DocumentSpec,
    FigureParagraph,
    Heading,
    Paragraph,
    Signer,
    Table,
)
from danvan.core.text import collapse_ws
from danvan.orgunits.models import HEAD_TITLE, OrgUnit, StaffMember
from danvan.orgunits.services import issuer_of

# Printed instead of the số, ký hiệu when the issuer has no short code yet.
UNCODED_SYMBOL = ".../..."
NO_SHORT_CODE_MESSAGE = (
    "Đơn vị “{name}” chưa có tên viết tắt nên chưa lập được ký hiệu văn bản. "
    "Hãy khai báo tên viết tắt của đơn vị (mục Đơn vị → Sửa) rồi tạo lại; "
    "bản dự thảo DOCX vẫn được tạo với “Số: .../...”."
)

DEFAULT_HEAD_TITLE = HEAD_TITLE
DEPUTY = "phó "


@dataclasses.dataclass(frozen=True)
class UncodedSpec(DocumentSpec):
    """A draft of an issuer without a short code: "Số: .../..." instead of a refusal."""

    @property
    def symbol(self) -> str:  # type: ignore[override]
        return UNCODED_SYMBOL


def signer_dict(name: str, position: str, head_title: str | None = None) -> dict[str, Any]:
    """A deputy ("Phó Giám đốc") signs KT. for the head ("Giám đốc")."""
    name, position = collapse_ws(name or ""), collapse_ws(position or "")
    out: dict[str, Any] = {
        "name": name,
        "position": position,
        "authority": "",
        "on_behalf_of": "",
        "collective": "",
    }
    if position.casefold().startswith(DEPUTY):
        head = head_title or position[len(DEPUTY) :]
        out["authority"] = "KT"
        out["on_behalf_of"] = head[:1].upper() + head[1:]
    return out


def default_signer(unit: OrgUnit) -> dict[str, Any]:
    """The unit's head: a user with the head role there, with their post from the staff
    list; otherwise the staff member holding the head's title or a deputy's."""

    head_title = DEFAULT_HEAD_TITLE.get(unit.kind, "Thủ trưởng đơn vị")
    staff = list(StaffMember.objects.filter(unit=unit, active_to__isnull=True))
    by_name = {s.full_name: s for s in staff}
    for role in Role.objects.filter(unit=unit, kind=RoleKind.HEAD).select_related("user"):
        name = role.user.get_full_name() or role.user.username
        member = by_name.get(name)
        return signer_dict(name, member.position if member and member.position else head_title)
    for wanted in (head_title.casefold(), DEPUTY + head_title.casefold()):
        for member in staff:
            if member.position.casefold() == wanted:
                return signer_dict(member.full_name, member.position, head_title)
    return signer_dict("", head_title)


def archive_unit_for(unit: OrgUnit) -> str:
    """The "Lưu: VT, <unit>" part: the unit's administrative office when it has one."""
    for child in OrgUnit.objects.filter(parent=unit, valid_to__isnull=True).order_by("path"):
        if "hành chính" in child.name.casefold() and child.short_code:
            return child.short_code
    return ""


def _lines(items: Any) -> tuple[str, ...]:
    return tuple(collapse_ws(str(i)) for i in (items or []) if collapse_ws(str(i)))


def blocks_to_core(blocks: list[dict[str, Any]]) -> tuple[Any, ...]:
    out: list[Any] = []
    for i, b in enumerate(blocks):
        kind = b.get("k")
        text = collapse_ws(b.get("text") or "") if isinstance(b.get("text"), str) else ""
        if kind == "heading" and text:
            out.append(Heading(text, level=int(b.get("level") or 1)))
        elif kind == "para" and text:
            out.append(Paragraph(text))
        elif kind == "figure" and text:
            out.append(FigureParagraph(text, ref_id=f"figure:{i}"))
        elif kind == "article":
            out.append(Article(collapse_ws(b.get("title") or ""), _lines(b.get("text"))))
        elif kind == "table":
            header = tuple(tuple(str(c) for c in row) for row in b.get("header") or [])
            rows = tuple(tuple(str(c) for c in row) for row in b.get("rows") or [])
            if header or rows:
                out.append(
                    Table(
                        header,
                        rows,
                        caption=b.get("caption") or None,
                        numeric_columns=tuple(b.get("numeric") or ()),
                    )
                )
    return tuple(out)


def signer_to_core(data: dict[str, Any] | None) -> Signer | None:
    if not data or not (collapse_ws(data.get("name") or "") or data.get("position")):
        return None
    return Signer(
        name=collapse_ws(data.get("name") or ""),
        position=collapse_ws(data.get("position") or ""),
        authority=(data.get("authority") or None),  # type: ignore[arg-type]
        on_behalf_of=collapse_ws(data.get("on_behalf_of") or "") or None,
        collective=collapse_ws(data.get("collective") or "") or None,
    )


class DraftParts(NamedTuple):
    """What a draft's document is made of: the issuing unit, the type, the title, the
    content (JSON, keys above), and the number and date once it is issued."""

    unit: OrgUnit
    doc_type: str
    title: str
    content: dict[str, Any]
    number: int | None = None
    issued_on: dt.date | None = None


def build_spec(parts: DraftParts, draft_year: int | None = None) -> DocumentSpec:
    """The DocumentSpec of a draft. An issuer without a short code gives an UncodedSpec."""
    unit, doc_type, title, content, number, issued_on = parts
    issuer = issuer_of(unit)
    kwargs: dict[str, Any] = dict(
        issuer=issuer,
        doc_type=doc_type,
        title=title,
        number=number,
        drafting_unit=collapse_ws(content.get("drafting_unit") or "") or None,
        place=collapse_ws(content.get("place") or unit.place_name or ""),
        issued_on=issued_on,
        draft_year=draft_year,
        addressees=_lines(content.get("kinh_gui")),
        legal_bases=_lines(content.get("legal_bases")),
        decision_authority=collapse_ws(content.get("decision_authority") or "") or None,
        body=blocks_to_core(content.get("body") or []),
        signer=signer_to_core(content.get("signer")),
        recipients=_lines(content.get("recipients")),
        archive_unit=collapse_ws(content.get("archive_unit") or "") or None,
        archive_copies=content.get("archive_copies") or None,
        closing=collapse_ws(content.get("closing") or "") or None,
        type_label=collapse_ws(content.get("type_label") or "") or None,
    )
    if issuer.short_code is None:
        return UncodedSpec(**kwargs)
    return DocumentSpec(**kwargs)
