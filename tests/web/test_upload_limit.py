"""A too-large upload is refused from its announced size, before its body is sent,
with a Vietnamese page (JSON for the API), and nothing is saved."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest

from danvan.documents.models import Document


def test_a_real_server_answers_413_before_the_body_arrives(live_server, transactional_db, settings):
    settings.DANVAN_MAX_REQUEST_MB = 1
    host = urlsplit(live_server.url)
    with socket.create_connection((host.hostname, host.port), timeout=30) as sock:
        sock.sendall(
            b"POST /van-ban/nap/ HTTP/1.1\r\n"
            + f"Host: {host.netloc}\r\n".encode()
            + b"Content-Type: multipart/form-data; boundary=x\r\n"
            + b"Content-Length: 524288000\r\n\r\n"  # 500 MB announced, none sent
        )
        answer = b""
        while b"</html>" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413"), head
    assert "Dữ liệu gửi lên quá lớn: tối đa 1 MB cho một lần gửi" in body.decode()


@pytest.mark.parametrize("path", ["/van-ban/nap/", "/soan-thao/mau/", "/thi-dua/nhap/"])
def test_pages_refuse_a_request_announced_too_large(client_for, officer, settings, path):
    settings.DANVAN_MAX_REQUEST_MB = 1
    response = client_for(officer).post(path, {"x": "y"}, CONTENT_LENGTH=str(2 * 1024 * 1024))
    assert response.status_code == 413
    page = response.content.decode()
    assert "Tệp gửi lên quá lớn" in page and "Chưa có gì được lưu" in page
    assert not Document.objects.exists()


def test_the_api_refuses_in_json(client_for, officer, settings):
    settings.DANVAN_MAX_REQUEST_MB = 1
    response = client_for(officer).post(
        "/api/v1/staff/", "{}", content_type="application/json", CONTENT_LENGTH=str(5 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert "quá lớn" in response.json()["detail"]


def test_a_normal_request_passes(client_for, officer):
    assert client_for(officer).get("/").status_code == 200
