"""API test helpers: JSON calls with a session or a bearer token."""

import json

import pytest
from django.test import Client

API = "/api/v1"


class ApiClient:
    """A Django test Client speaking JSON to /api/v1, as a session or with a token."""

    def __init__(self, client: Client, token: str | None = None):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _call(self, method, path, data=None, **extra):
        url = path if path.startswith("/") and path.startswith(API) else f"{API}{path}"
        kwargs = {"headers": {**self.headers, **extra.pop("headers", {})}, **extra}
        if method == "get":
            return self.client.get(url, data or {}, **kwargs)
        body = json.dumps(data) if data is not None else ""
        return getattr(self.client, method)(url, body, content_type="application/json", **kwargs)

    def get(self, path, params=None, **kw):
        return self._call("get", path, params, **kw)

    def post(self, path, data=None, **kw):
        return self._call("post", path, data, **kw)

    def patch(self, path, data=None, **kw):
        return self._call("patch", path, data, **kw)

    def delete(self, path, **kw):
        return self._call("delete", path, None, **kw)


@pytest.fixture
def api_for():
    """api_for(user) → ApiClient logged in with a session (CSRF not enforced)."""

    def make(user, enforce_csrf=False):
        client = Client(enforce_csrf_checks=enforce_csrf)
        if user is not None:
            client.force_login(user)
        return ApiClient(client)

    return make


@pytest.fixture
def token_api():
    """token_api(user) → (ApiClient sending a fresh bearer token, token record)."""
    from danvan.accounts import tokens

    def make(user, name="kiểm thử"):
        record, raw = tokens.issue_token(None, user, name)
        return ApiClient(Client(), raw), record

    return make


@pytest.fixture
def anon():
    return ApiClient(Client())


def ids(response):
    """The ids of the items of a paginated answer."""
    return [item["id"] for item in response.json()["items"]]
