"""Fuzz every API operation from the API's own OpenAPI schema (schemathesis),
as each persona, with valid and invalid data: no answer may be a server error.

The requests go through Django's test client (one database transaction,
rolled back at the end), so the run needs no server. The example count per
operation and mode is bounded (DANVAN_FUZZ_EXAMPLES, default 2) to keep
`make test` short; raise it locally to dig deeper.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest
import requests
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode

from danvan.accounts import tokens
from danvan.web.demo import load_all

EXAMPLES = int(os.environ.get("DANVAN_FUZZ_EXAMPLES", "2"))
BASE = "http://testserver"
# persona → (username, how it signs in)
PERSONAS = {
    "officer": ("canbo.ttdvvl", "token"),
    "head": ("giamdoc.ttdvvl", "session"),
    "reviewer": ("thamdinh.sldtbxh", "token"),
    "outsider": ("canbo.syt", "session"),
}
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


def _client_for(user, how: str) -> tuple[Client, dict[str, str]]:
    client = Client(raise_request_exception=False)
    if how == "session":
        client.force_login(user)
        return client, {}
    _, raw = tokens.issue_token(None, user, "kiểm thử mờ")
    return client, {"Authorization": f"Bearer {raw}"}


def _send(client: Client, auth: dict[str, str], case) -> tuple[int, str]:
    """Send a schemathesis case through Django's test client; (status, request line)."""
    kwargs = case.as_transport_kwargs(base_url=BASE)
    kwargs.pop("auth", None)
    prepared = requests.Request(**kwargs).prepare()
    url = urlsplit(prepared.url)
    path = url.path + (f"?{url.query}" if url.query else "")
    headers = {k: v for k, v in prepared.headers.items() if k.lower() not in ("content-length",)}
    content_type = headers.pop("Content-Type", "application/octet-stream")
    headers.pop("Cookie", None)
    headers.update(auth)
    body = prepared.body or b""
    response = client.generic(
        prepared.method, path, data=body, content_type=content_type, headers=headers
    )
    return response.status_code, f"{prepared.method} {path} {body[:300]!r}"


def _fuzz(operation, mode, client, auth) -> list[tuple[int, str]]:
    """Up to EXAMPLES generated cases of one operation, sent; their (status, line)."""
    answers: list[tuple[int, str]] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def probe(case):
        answers.append(_send(client, auth, case))

    probe()
    return answers


@pytest.fixture
def api_schema(db):
    world = load_all()
    admin = Client()
    admin.force_login(world.admin)
    raw = admin.get("/api/v1/schema").json()
    return world, schemathesis.openapi.from_dict(raw)


def test_no_api_operation_answers_a_server_error_for_any_persona(api_schema, capsys):
    world, schema = api_schema
    operations = [result.ok() for result in schema.get_all_operations()]
    failures: list[str] = []
    sent = dict.fromkeys(PERSONAS, 0)
    for persona, (username, how) in PERSONAS.items():
        client, auth = _client_for(world.users[username], how)
        for operation in operations:
            for mode in MODES:
                for status, line in _fuzz(operation, mode, client, auth):
                    sent[persona] += 1
                    if status >= 500:
                        failures.append(f"{persona} {mode.value} {operation.label}: {line}")
    with capsys.disabled():
        print(
            f"\nfuzzed {len(operations)} operations, {EXAMPLES} examples per operation and mode; "
            + ", ".join(f"{p}: {n} requests" for p, n in sent.items())
        )
    assert len(operations) > 50
    assert all(n >= len(operations) for n in sent.values())
    assert failures == [], "\n".join(sorted(set(failures)))
