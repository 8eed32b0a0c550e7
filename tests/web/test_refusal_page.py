"""The 403 page says why a user is refused, in Vietnamese, and nothing else."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from danvan.web.views import handler403

GENERAL = "Bạn không có quyền thực hiện thao tác này."


def _page(exception):
    return handler403(RequestFactory().get("/"), exception).content.decode()


def test_a_vietnamese_reason_is_shown():
    body = _page(PermissionDenied("Chỉ lãnh đạo của đơn vị lập báo cáo được duyệt và ký."))
    assert "Chỉ lãnh đạo của đơn vị lập báo cáo được duyệt và ký." in body
    assert GENERAL not in body


@pytest.mark.parametrize("exception", [None, PermissionDenied(), PermissionDenied("CSRF failed")])
def test_no_reason_or_an_english_one_gives_the_general_sentence(exception):
    body = _page(exception)
    assert GENERAL in body
    assert "CSRF" not in body


def test_the_reason_is_escaped():
    body = _page(PermissionDenied("Không được <script>x</script>"))
    assert "<script>x" not in body
    assert "&lt;script&gt;" in body
