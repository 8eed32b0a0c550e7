"""Every page carries the security headers, and its templates need no inline code:
a strict Content-Security-Policy that the pages satisfy (tests/browser/test_csp.py
loads them in chromium and watches for violations)."""

from __future__ import annotations

import pathlib
import re

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "danvan"


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def test_pages_answer_with_the_security_headers(client_for, admin_user):
    client = client_for(admin_user)
    for url in ("/", "/dang-nhap/", "/nhat-ky/", "/api/v1/users/me", "/khong-co-trang-nay/"):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        csp = _csp(response)
        assert csp["default-src"] == "default-src 'self'", url
        assert csp["script-src"] == "script-src 'self'", url
        assert csp["style-src"].startswith("style-src 'self' 'sha256-"), url
        assert csp["object-src"] == "object-src 'none'", url
        assert csp["frame-ancestors"] == "frame-ancestors 'none'", url
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert "unsafe-eval" not in response["Content-Security-Policy"]


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I), "script"),
    (re.compile(r"<style\b", re.I), "<style>"),
    (re.compile(r"\sstyle=\"", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=\"", re.I), "event handler attribute"),
]


def test_no_template_has_inline_scripts_styles_or_handlers():
    found = []
    for path in SRC.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(SRC)}:{line}: {what}")
    assert found == []
