"""The property block that legal-text portals and e-office systems print
beside a document ("Số hiệu: …", "Loại văn bản: …", "Ngày ban hành: …",
"Người ký: …"), read whatever the HTML-to-text layout made of it: label and
value on one line, in tab-separated pairs, or the value on the next line.

Its fields only fill what the document's own header did not give: the header
is what the agency signed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from danvan.core.dates import parse_date
from danvan.core.doctypes import DOC_TYPES
from danvan.core.text import collapse_ws, fold

# folded label → field
_LABELS = {
    "so hieu": "number",
    "so ky hieu": "number",
    "so/ky hieu": "number",
    "so, ky hieu": "number",
    "ky hieu": "number",
    "loai van ban": "doc_type",
    "hinh thuc van ban": "doc_type",
    "co quan ban hanh": "issuer",
    "noi ban hanh": "issuer",
    "don vi ban hanh": "issuer",
    "nguoi ky": "signer",
    "nguoi ky duyet": "signer",
    "chuc vu": "position",
    "chuc danh": "position",
    "ngay ban hanh": "issued_on",
    "ngay ky": "issued_on",
    "trich yeu": "title",
    "trich yeu noi dung": "title",
}
_LABEL_RE = re.compile(
    r"(?:^|\t)[ \t]*(?P<label>[^\W\d_][^\t\n:]{1,30}?)[ \t]*:[ \t]*(?P<value>[^\t\n]*)",
    re.MULTILINE,
)
_BODY_START = re.compile(
    r"^(?:ủy\s+ban|uỷ\s+ban|ubnd|hội\s+đồng|hđnd|bộ\b|sở\b|ban\b|văn\s+phòng|chính\s+phủ|"
    r"thủ\s+tướng|quốc\s+hội|tỉnh\s+ủy|tỉnh\s+uỷ|huyện\s+ủy|đảng\s+ủy|trung\s+tâm|cục\b|tổng\s+cục|"
    r"chi\s+cục|phòng\b|mặt\s+trận|hội\b|liên\s+đoàn|đoàn\b|ngân\s+hàng|kiểm\s+toán|tòa\s+án|"
    r"viện\b|thanh\s+tra)",
    re.IGNORECASE,
)
_NUMBER_SHAPE = re.compile(r"^\d{1,5}[\w./\-]*/[\wĐđ][\wĐđ./\-]*$")
_TYPE_BY_FOLD = {fold(t.name): t.code for t in DOC_TYPES if t.code != "other"}
# words every label holds, found by a plain search before the label pattern runs
_CUES = (
    "số hiệu",
    "ký hiệu",
    "loại văn bản",
    "hình thức văn bản",
    "ban hành",
    "người ký",
    "ngày ký",
    "trích yếu",
    "chức vụ",
    "chức danh",
)


def _labelled(head: str, cue: str) -> bool:
    """``cue`` stands somewhere as a label: followed by a colon."""
    i = head.find(cue)
    while i >= 0:
        j = i + len(cue)
        while j < len(head) and head[j] in " \t":
            j += 1
        if head.startswith(":", j):
            return True
        i = head.find(cue, i + 1)
    return False


_NOT_GIVEN = {"", "đang cập nhật", "dang cap nhat", "không có", "khong co", "...", "--", "-"}


@dataclass
class PortalFields:
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    signer: str | None = None
    position: str | None = None
    issued_on: date | None = None
    title: str | None = None

    def found(self) -> int:
        return sum(v is not None for v in vars(self).values())


def _pairs(text: str) -> list[tuple[str, str]]:
    """(field, raw value) for each known label; an empty value takes the next line."""
    out: list[tuple[str, str]] = []
    for m in _LABEL_RE.finditer(text):
        field = _LABELS.get(fold(m.group("label")))
        if field is None:
            continue
        value = m.group("value").strip()
        if not value:
            rest = text[m.end() :].lstrip("\n\t ")
            line = rest.split("\n", 1)[0].split("\t", 1)[0].strip()
            label_next = _LABEL_RE.match(line)
            if label_next and fold(label_next.group("label")) in _LABELS:
                continue
            value = line
        out.append((field, value))
    return out


# labels that hardly occur in a document's own text: two of them make a property block
# worth looking for without colons
_STRONG_CUES = (
    "số hiệu",
    "ký hiệu",
    "ngày ban hành",
    "cơ quan ban hành",
    "người ký",
    "loại văn bản",
)
_CELL = re.compile(r"\S+(?: \S+)*")  # words apart by single spaces: one cell of a row


def _label_field(cell: str) -> str | None:
    """The field a cell names when it is only a label ("Số ký hiệu", "Người ký:")."""
    cell = cell.strip().rstrip(":").strip()
    if not 2 <= len(cell) <= 30 or not cell[0].isalpha():
        return None
    return _LABELS.get(fold(cell))


def _line_pairs(text: str) -> list[tuple[str, str]]:
    """(field, raw value) where labels have no colon: a label alone on its line with the value
    on the next line, or a row of labels (tab- or space-separated) above a row of values,
    cut at the tabs or at the labels' columns."""
    out: list[tuple[str, str]] = []
    lines = [line for line in text.split("\n") if line.strip()]
    for n, line in enumerate(lines[:-1]):
        low = line.lower()
        if not any(cue in low for cue in _CUES):
            continue
        nxt = lines[n + 1]
        if "\t" in line:
            labels, values = line.split("\t"), nxt.split("\t")
            if len(labels) != len(values):
                continue
        else:
            cells = [(m.start(), m.group(0)) for m in _CELL.finditer(line)]
            cuts = [a for a, _ in cells] + [len(nxt)]
            labels = [cell for _, cell in cells]
            values = [nxt[cuts[k] : cuts[k + 1]] for k in range(len(cells))]
        named = [
            (_label_field(label), value)
            for label, value in zip(labels, values, strict=True)
            if label.strip()
        ]
        if len(named) == 1 and named[0][0] and _label_field(nxt) is None:
            out.append((named[0][0], nxt))
        elif len(named) >= 2 and all(field for field, _ in named):
            out.extend((field, value) for field, value in named if field)
    return out


def portal_fields(text: str) -> PortalFields:
    """The property block's fields; empty unless two or more labels are found
    (a lone "Người ký:" in a body is not a property block)."""
    fields = PortalFields()
    head = text.lower()
    pairs = _pairs(text) if sum(_labelled(head, cue) for cue in _CUES) >= 2 else []
    if len({field for field, _ in pairs}) < 2 and sum(cue in head for cue in _STRONG_CUES) >= 2:
        pairs = _line_pairs(text)
    if len({field for field, _ in pairs}) < 2:
        return fields
    for field, raw in pairs:
        value = collapse_ws(raw).strip(" .;,")
        if fold(value) in _NOT_GIVEN or getattr(fields, field) is not None:
            continue
        if field == "number":
            compact = re.sub(r"\s*([/\-])\s*", r"\1", value).removeprefix("Số").strip(" :")
            if _NUMBER_SHAPE.match(compact):
                fields.number = compact
        elif field == "doc_type":
            fields.doc_type = _TYPE_BY_FOLD.get(fold(value))
        elif field == "issuer":
            if _BODY_START.match(value):
                fields.issuer = value
        elif field == "issued_on":
            fields.issued_on = parse_date(value)
        elif field in ("signer", "position", "title"):
            if len(value) <= 300:
                setattr(fields, field, value)
    return fields
