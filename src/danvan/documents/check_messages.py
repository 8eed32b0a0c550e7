"""Vietnamese wording for the extraction checks shown on the document page.

The core writes its check messages in the shape the `danvan extract` JSON
contract documents (../shared/spec/extraction.md), which stays unchanged; the
pages show them in Vietnamese. Each message shape the core produces
(danvan.core.extract.checks) has one pattern here, keyed on the check kind;
the quoted numbers, citations and dates are carried over as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from danvan.core.doctypes import BY_CODE


def _type_name(code: str) -> str:
    t = BY_CODE.get(code)
    return t.name if t else code


Rewrite = Callable[[re.Match[str]], str]

_SHAPES: dict[str, list[tuple[re.Pattern[str], Rewrite]]] = {
    "percent_mismatch": [
        (
            re.compile(r"^change (?P<a>.+) on (?P<b>.+) = (?P<x>.+) \(stated (?P<y>.+)\)$"),
            lambda m: (
                f"mức tăng/giảm {m['a']} trên {m['b']} = {m['x']}, nhưng văn bản ghi {m['y']}"
            ),
        ),
        (
            re.compile(r"^(?P<a>.+) = (?P<x>.+) \(stated (?P<y>.+)\)$"),
            lambda m: f"{m['a']} = {m['x']}, nhưng văn bản ghi {m['y']}",
        ),
    ],
    "sum_mismatch": [
        (
            re.compile(r"^(?P<parts>.+), whole (?P<w>.+)$"),
            lambda m: f"các phần cộng lại {m['parts']}, trong khi tổng văn bản ghi {m['w']}",
        ),
    ],
    "citation_conflict": [
        (
            re.compile(r"^one (?P<t>\w+) of (?P<d>\S+) printed as (?P<a>.+) and (?P<b>.+)$"),
            lambda m: (
                f"cùng một {_type_name(m['t']).lower()} ngày {m['d']} được ghi "
                f"hai số khác nhau: {m['a']} và {m['b']}"
            ),
        ),
        (
            re.compile(r"^(?P<n>.+) cited with dates (?P<ds>.+)$"),
            lambda m: f"{m['n']} được trích dẫn với các ngày ban hành khác nhau: {m['ds']}",
        ),
        (
            re.compile(r"^(?P<n>.+) cited as (?P<a>\w+) and (?P<b>\w+)$"),
            lambda m: (
                f"{m['n']} được trích dẫn vừa là {_type_name(m['a']).lower()} "
                f"vừa là {_type_name(m['b']).lower()}"
            ),
        ),
    ],
    "incomplete_citation": [
        (
            re.compile(r"^(?P<c>.+): cited without a date$"),
            lambda m: f"{m['c']}: trích dẫn thiếu ngày ban hành",
        ),
        (
            re.compile(r"^(?P<c>.+): “của” is not followed by the issuing body$"),
            lambda m: f"{m['c']}: sau “của” thiếu tên cơ quan ban hành",
        ),
    ],
    "period_mismatch": [
        (
            re.compile(r"^figures (?P<q>“.+”) but the document covers (?P<p>.+) \(to (?P<d>.+)\)$"),
            lambda m: f"số liệu {m['q']}, nhưng văn bản thuộc kỳ {m['p']} (đến ngày {m['d']})",
        ),
    ],
    "number_format": [
        (
            re.compile(r"^(?P<raw>“.+”) is not standard Vietnamese notation; read as (?P<v>.+)$"),
            lambda m: (
                f"{m['raw']} không viết theo cách ghi số của tiếng Việt; hệ thống hiểu là {m['v']}"
            ),
        ),
    ],
}


def vietnamese(kind: str, message: str) -> str:
    """The check message in Vietnamese; a message of an unknown shape is
    returned as it is (it is already Vietnamese or quotes the document)."""
    for pattern, rewrite in _SHAPES.get(kind, []):
        m = pattern.match(message)
        if m:
            return rewrite(m)
    return message
