"""Shared pieces of the draft builders: text helpers, legal citations, the
computed figure with its trace, the figure table and the base content."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from danvan.core.extract.citations import find_citations, type_from_number
from danvan.core.indicators import change, plan_percent
from danvan.core.numbers import format_number
from danvan.core.render import Citer, LegalRef, figure_sentence, percent_text
from danvan.core.text import collapse_ws
from danvan.drafting.content import archive_unit_for, default_signer
from danvan.orgunits.models import OrgUnit
from danvan.planning.models import Indicator

LONG_TEXT = 20000
LIST_MARK = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-–+•])\s+")
_ABOUT = re.compile(r"^\s*(?:,|;)?\s*(?:về việc|về|v/v)\s+", re.IGNORECASE)


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def paragraphs(text: str | None, strip_enum: bool = False) -> list[str]:
    """Non-empty lines of a free text, whitespace collapsed (optionally without "1." / "-")."""
    out = []
    for line in (text or "")[:LONG_TEXT].splitlines():
        line = collapse_ws(line)
        if strip_enum:
            line = LIST_MARK.sub("", line)
        if line:
            out.append(line)
    return out


def strip_type_word(title: str, type_name: str) -> str:
    """ "Báo cáo kết quả …" → "Kết quả …": the type name is printed above the trích yếu."""
    return split_type_word(title, type_name)[1]


# Words that belong to the type line rather than the trích yếu ("BÁO CÁO NHANH").
TYPE_QUALIFIERS = ("nhanh", "đột xuất")


def split_type_word(title: str, type_name: str) -> tuple[str, str]:
    """ "Báo cáo nhanh công tác …" → ("Báo cáo nhanh", "Công tác …"): the type
    line with its qualifier, and the trích yếu."""
    text = collapse_ws(title)
    label = type_name
    if text.casefold().startswith(type_name.casefold() + " "):
        text = text[len(type_name) + 1 :]
        for q in TYPE_QUALIFIERS:
            if text.casefold().startswith(q + " "):
                label = f"{type_name} {q}"
                text = text[len(q) + 1 :]
                break
    return label, text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def legal_ref(line: str) -> LegalRef | None:
    """A free-text basis ("Kế hoạch số 19/KH-SLĐTBXH ngày 10/2/2023 của … về …") as a LegalRef."""
    found = find_citations(line)
    if not found:
        return None
    c = found[0]
    about = _ABOUT.sub("", line[c.end :]).strip(" ;.")
    return LegalRef(c.doc_type, c.number, c.issued_on, c.issuer, about or None)


def cite_line(citer: Citer, line: str) -> str:
    ref = legal_ref(line)
    return citer.cite(ref) if ref is not None else collapse_ws(line)


def request_ref(number: str, issuer: str, title: str) -> LegalRef | None:
    if not number:
        return None
    doc_type = type_from_number(number) or "cong_van"
    if doc_type == "bao_cao":  # a request is never a báo cáo; a bare code is a công văn
        doc_type = "cong_van"
    return LegalRef(doc_type, number, None, issuer, title)


@dataclass
class ComputedFigure:
    """One computed figure: what the sentence says and where each number came from."""

    name: str
    unit_of_measure: str
    value: Decimal | None
    code: str = ""
    text_value: str = ""
    target: Decimal | None = None
    target_is_annual: bool = False
    last_year: Decimal | None = None
    previous_year: int | None = None
    decimals: int | None = None
    period: str = ""
    value_ids: list[int] = field(default_factory=list)
    unit_ids: list[int] = field(default_factory=list)
    computed: bool = False
    kind: str = "result"

    @classmethod
    def of(cls, indicator: Indicator, **values: Any) -> ComputedFigure:
        """A figure of an indicator: name, code, unit of measure and decimals are the indicator's."""
        return cls(
            name=indicator.name,
            code=indicator.code,
            unit_of_measure=indicator.unit_of_measure,
            decimals=indicator.decimals,
            **values,
        )

    @property
    def plan_percent(self) -> Decimal | None:
        return plan_percent(self.value, self.target)

    @property
    def change_percent(self) -> Decimal | None:
        if self.value is None or self.last_year is None:
            return None
        return change(self.value, self.last_year)[1]

    def sentence(self) -> str:
        if self.value is None:
            return f"{self.name}: {self.text_value}." if self.text_value else ""
        if self.kind == "target":
            return (
                f"{self.name}: phấn đấu đạt "
                f"{figure_sentence('', self.value, self.unit_of_measure, value_decimals=self.decimals)}."
            )
        body = figure_sentence(
            "",
            self.value,
            self.unit_of_measure,
            plan=self.target,
            plan_is_annual=self.target_is_annual,
            previous=self.last_year,
            previous_year=self.previous_year,
            value_decimals=self.decimals,
        )
        return f"{self.name}: {body}."

    def trace(self) -> dict[str, Any]:
        return {
            "indicator": self.code,
            "indicator_name": self.name,
            "unit_of_measure": self.unit_of_measure,
            "kind": self.kind,
            "period": self.period,
            "value": _num(self.value),
            "text_value": self.text_value,
            "value_ids": self.value_ids,
            "unit_ids": self.unit_ids,
            "computed": self.computed,
            "target": _num(self.target),
            "target_is_annual": self.target_is_annual,
            "plan_percent": _num(self.plan_percent),
            "previous": _num(self.last_year),
            "previous_year": self.previous_year,
            "change_percent": _num(self.change_percent),
        }

    def block(self) -> dict[str, Any] | None:
        text = self.sentence()
        if not text:
            return None
        return {"k": "figure", "text": text, "trace": self.trace()}


def _pct_cell(value: Decimal | None) -> str:
    # No "%" in table cells: the column header says it, and a reader of the
    # document does not take a table cell for a stand-alone percentage figure.
    return percent_text(value).rstrip("%") if value is not None else "–"


def figure_table(figures: Sequence[ComputedFigure], previous_year: int | None) -> dict[str, Any]:
    same = f"Cùng kỳ năm {previous_year}" if previous_year else "Cùng kỳ năm trước"
    rows = []
    for i, f in enumerate(figures, start=1):
        value = f.text_value if f.value is None else format_number(f.value, f.decimals)
        rows.append(
            [
                str(i),
                f.name,
                f.unit_of_measure or "",
                format_number(f.target, f.decimals) if f.target is not None else "–",
                value or "–",
                _pct_cell(f.plan_percent),
                format_number(f.last_year, f.decimals) if f.last_year is not None else "–",
                _pct_cell(f.change_percent),
            ]
        )
    return {
        "k": "table",
        "caption": "",
        "header": [
            ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ so với kế hoạch (%)"]
            + [same, "Tăng, giảm so với cùng kỳ (%)"]
        ],
        "rows": rows,
        "numeric": [3, 4, 5, 6, 7],
    }


def base_content(unit: OrgUnit, signer: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "place": unit.place_name or "",
        "kinh_gui": [],
        "legal_bases": [],
        "decision_authority": "",
        "body": [],
        "recipients": [],
        "archive_unit": archive_unit_for(unit),
        "archive_copies": None,
        "closing": "",
        "drafting_unit": "",
        "signer": signer if signer is not None else default_signer(unit),
        "notes": [],
    }


def signer_notes(content: dict[str, Any]) -> None:
    if not (content.get("signer") or {}).get("name"):
        content["notes"].append(
            "Chưa xác định được người ký (đơn vị chưa có lãnh đạo trong danh sách cán bộ "
            "hoặc tài khoản lãnh đạo): hãy nhập họ tên, chức vụ người ký."
        )


def results_heading_index(titles: Sequence[str]) -> int:
    for i, t in enumerate(titles):
        if "kết quả" in t.casefold():
            return i
    return 0


def report_base(unit: OrgUnit, request_title: str) -> tuple[str, dict[str, Any]]:
    """A Báo cáo that `unit` makes in answer to a request: the request's title without
    its type word, and the base content with that word as its type line and the
    closing sentence ("Trên đây là báo cáo … của <unit>")."""
    content = base_content(unit)
    type_label, title = split_type_word(request_title, "Báo cáo")
    content["type_label"] = type_label
    content["closing"] = f"Trên đây là báo cáo {lower_first(title)} của {unit.name}"
    return title, content


def as_follows(lead: str, title: str) -> dict[str, Any]:
    """The opening paragraph of a report: "<lead> <title> như sau:"."""
    return {"k": "para", "text": f"{lead} {lower_first(title)} như sau:"}


def outline(request: Any) -> tuple[list[tuple[int | None, str]], int]:
    """A request's outline headings as (id, title), an untitled "Kết quả thực hiện"
    when it has none, and the index of the heading the figures go under."""
    headings = list(request.headings.all())
    items: list[tuple[int | None, str]] = [(h.pk, h.title) for h in headings]
    return items or [(None, "Kết quả thực hiện")], results_heading_index(
        [h.title for h in headings]
    )


def figure_blocks(figures: Sequence[ComputedFigure], previous_year: int) -> list[dict[str, Any]]:
    """The figures' sentences followed by their table; nothing when no figure has a sentence."""
    blocks = [b for b in (f.block() for f in figures) if b]
    return [*blocks, figure_table(figures, previous_year)] if blocks else []
