"""The patterns rewritten for speed find exactly what their plain forms find.

Each fast form (a look-behind moved after the first digit, a search only near anchors,
a window instead of the whole prefix) is compared with the plain pattern it replaced,
on many seeded random strings made of the characters that matter to it.
"""

import random
import re

from danvan.core.extract import checks, citations, figures, header_ocr, quantities
from danvan.core.extract.scan import Haystack, finditer_near
from danvan.core.extract.textmap import FlatText
from danvan.core.text import collapse_ws

ROUNDS = 3000


def _strings(pieces: list[str], n: int = ROUNDS, length: int = 24) -> list[str]:
    rng = random.Random(20261204)
    return ["".join(rng.choice(pieces) for _ in range(length)) for _ in range(n)]


def _found(rx: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


NUMBERISH = ["1", "23", "1.234", "1,5", "2024", "12345", "123456", "-", "–", "/", ".", ",", ":"]
NUMBERISH += [" ", " ", "a", "KH", "ĐA", "UBND", "ngày", "N", "tháng", "năm", "giờ", "h", "\n"]


def test_number_patterns_match_their_plain_forms():
    plain_citation = re.compile(
        r"(?<![\w/.\-])(\d{1,5}[a-zA-Z]?(?:\s?[-‐‑–—/]\s?" + citations._SEG + r")+)(?![\w])"
    )
    plain_num = re.compile(
        r"(?<![\w.,/\-–:])(" + quantities.NUM + r")(?![\w]|[.,:]\d|\s*[-–]\s*\d{4})"
    )
    plain_dates = re.compile(
        figures._DATES.pattern.replace(r"(?=[\dn])(?<!\w)", r"(?<!\w)(?=\w)"),
        figures._DATES.flags,
    )
    assert plain_dates.pattern != figures._DATES.pattern
    for text in _strings(NUMBERISH):
        assert _found(citations.NUMBER_RE, text) == _found(plain_citation, text), text
        assert _found(quantities.NUM_RE, text) == _found(plain_num, text), text
        assert _found(figures._DATES, text) == _found(plain_dates, text), text


def test_short_forms_are_found_near_their_anchors_only_as_everywhere():
    pieces = ["số", "Số", "SỐ", "sổ", "1", "23", "12345", "123456", "/", "-", ".", ","]
    pieces += ["nêu", "Nêu", "trên", "TRÊN", "này", "đã", "nói", "x", "a1", " ", " ", "\n", "  "]
    for raw in _strings(pieces):
        text = FlatText.of(raw).text
        hay = Haystack(text)
        for rx, anchor in (
            (citations.SHORT_RE, citations._SHORT_ANCHOR),
            (citations.ANAPHOR_RE, citations._ANAPHOR_ANCHOR),
        ):
            near = [(m.span(), m.groups()) for m in finditer_near(rx, hay, *anchor)]
            assert near == _found(rx, text), text


def test_cutoff_phrases_are_found_near_ngay_only_as_everywhere():
    pieces = ["tính", "đến", "từ", "đầu", "năm", "hết", "ngày", "Ngày", "NGÀY", "tháng", "12"]
    pieces += ["31", "2024", "/", ".", "-", " ", " ", " ", "\n", "Tính đến hết ngày 31/12/2024"]
    pieces += ["tính từ đầu năm đến hết ngày 30 tháng 6 năm 2024", "x"]
    hits = 0
    for raw in _strings(pieces, length=16):
        text = FlatText.of(raw).text
        near = [
            m.span() for m in finditer_near(checks._CUTOFF, Haystack(text), *checks._CUTOFF_ANCHOR)
        ]
        assert near == [m.span() for m in checks._CUTOFF.finditer(text)], text
        hits += len(near)
    assert hits > 100


def test_every_name_word_is_seen_within_the_reach():
    pattern = figures._NAME_BEFORE.pattern
    words = pattern[3 : pattern.rindex(r")\s*")].split("|")
    assert "hội nghị trung ương" in words
    for word in words:
        plain = word.replace("(?<!dân )", "")
        for tail in ("", " ", " - ", " – "):
            before = "đã tổ chức các hoạt động theo " + plain + tail
            assert figures._NAME_BEFORE.search(before), word
            assert figures._NAME_BEFORE.search(before, len(before) - figures._NAME_REACH), word
    assert not figures._NAME_BEFORE.search("dân số ", 0)


def test_collapse_ws_is_the_plain_substitution():
    pieces = [" ", "\n", "\t", "\xa0", "\r\n", "\u2028", "\u3000", "\x1c", "\x85", "ab", "đ"]
    for text in _strings(pieces, length=12):
        assert collapse_ws(text) == re.sub(r"\s+", " ", text).strip(), repr(text)


def test_flat_text_collapses_every_whitespace_run_and_maps_offsets_back():
    pieces = [" ", " ", "\n", "\t", "\xa0", "\r\n", "\u2028", "ab", "c", "đ"]
    for text in _strings(pieces, length=16):
        flat = FlatText.of(text)
        assert flat.text == re.sub(r"\s+", " ", text), repr(text)
        for f, ch in enumerate(flat.text):
            if ch != " ":
                assert text[flat.to_original(f)] == ch, repr(text)


def test_upper_line_repairs_look_at_every_line_that_can_change(monkeypatch):
    lines = ["UỶ BAN NHAN DAN TINH", "CHU TỊCH", "ỦY BẠN NHÂN DÂN TÍNH", "Ủy ban nhân dân"]
    lines += ["PHO GIAM DOC", "TRUONG PHONG", "HÀ TĨNH", "TỈNH HÀ TĨNH", "TĨNH GIA", "báo cáo"]
    lines += ["UBND TINH SON LA", "CHỦ TỊCH UY BAN", "TĨNH", "DÂN TÍNH HUYEN"]
    texts = _strings(["\n", *lines], n=600, length=8)
    fast = [header_ocr.repair_upper_lines(t) for t in texts]
    # the plain form: every line is looked at
    monkeypatch.setattr(header_ocr, "_REPAIRABLE", re.compile(r"^", re.MULTILINE))
    plain = [header_ocr.repair_upper_lines(t) for t in texts]
    assert fast == plain
    assert sum(bool(changed) for _, changed in fast) > 300
