"""Web pages saved as .html (a legal-texts portal, an e-office export): the
visible text, one block per line and table rows one per line with cells
separated by tabs, as the other readers lay tables out."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from danvan.core.extract.normalise import (
    UndecodableText,
    decode_text_bytes,
    normalise_extracted,
)
from danvan.core.extract.readers.base import ReadError, ReadLimits, ReadResult
from danvan.core.extract.readers.sniff import not_text_error

_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot ul caption".split()
)
_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template", "svg", "iframe"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.cells: list[str] | None = None  # the open table row's cells
        self.skip = 0

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.current)).strip()
        self.current = []
        if not text:
            return
        if self.cells is not None:
            self.cells.append(text)
        else:
            self.lines.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "tr":
            self._flush()
            self.cells = []
        elif tag in ("td", "th") or tag in _BLOCKS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "tr":
            self._flush()
            if self.cells:
                self.lines.append("\t".join(self.cells))
            self.cells = None
        elif tag in ("td", "th") or tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.current.append(data.replace("\n", " "))

    def text(self) -> str:
        self._flush()
        if self.cells:
            self.lines.append("\t".join(self.cells))
        return "\n".join(self.lines)


def _decode(data: bytes) -> str:
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    text, _encoding = decode_text_bytes(data)
    return text


def html_to_text(markup: str) -> str:
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return parser.text()


class HtmlReader:
    format = "html"

    def read(self, path: Path, limits: ReadLimits, deadline: float) -> ReadResult:
        data = path.read_bytes()
        try:
            markup = _decode(data)
        except UndecodableText:
            raise not_text_error(path)
        text = normalise_extracted(html_to_text(markup))
        if not text.strip():
            raise ReadError("no_text", "Trang web không có nội dung chữ để đọc.")
        return ReadResult(text=text, format="html", pages=1)
