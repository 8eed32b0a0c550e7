"""Every text a request carries reaches the app in Unicode NFC.

One place for all entry points that come over HTTP: query strings, form
posts (urlencoded and multipart fields; file contents are left alone) and
JSON bodies of the API. A name typed with combining marks (NFD, as some
keyboards and macOS copy-paste produce) is then stored, compared and
searched like the same name typed precomposed. Imports from files go
through danvan.core.text.nfc in their readers.
"""

from __future__ import annotations

import json
import unicodedata

from django.http import HttpRequest, QueryDict

from danvan.core.text import nfc_deep

JSON_TYPES = ("application/json",)


def _nfc_querydict(data: QueryDict) -> QueryDict:
    if all(unicodedata.is_normalized("NFC", k + "".join(data.getlist(k))) for k in data):
        return data
    fixed = QueryDict(mutable=True, encoding=data.encoding)
    for key in data:
        fixed.setlist(nfc_deep(key), [nfc_deep(v) for v in data.getlist(key)])
    fixed._mutable = False
    return fixed


def _nfc_json(body: bytes, encoding: str) -> bytes:
    """The body with its strings in NFC (escaped forms too); unchanged if not JSON."""
    try:
        text = body.decode(encoding)
        parsed = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return body
    fixed = nfc_deep(parsed)
    if fixed == parsed:
        return body
    return json.dumps(fixed, ensure_ascii=False).encode("utf-8")


class NfcInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        request.GET = _nfc_querydict(request.GET)  # type: ignore[assignment]
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            content_type = (request.content_type or "").lower()
            if content_type in JSON_TYPES:
                request._body = _nfc_json(request.body, request.encoding or "utf-8")
            else:
                _normalise_post_when_parsed(request)
        return self.get_response(request)


def _normalise_post_when_parsed(request: HttpRequest) -> None:
    """Normalise form fields when Django parses them, not now: a view may still set
    its own upload handlers, which must come before the body is read."""
    load = request._load_post_and_files  # type: ignore[attr-defined]

    def load_then_normalise() -> None:
        load()
        request._post = _nfc_querydict(request._post)  # type: ignore[attr-defined]

    request._load_post_and_files = load_then_normalise  # type: ignore[method-assign]
