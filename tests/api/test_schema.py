"""The OpenAPI schema and the interactive docs, served without any outside host,
to signed-in callers only unless DANVAN_API_DOCS_PUBLIC opens them."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from openapi_spec_validator import validate

EXPECTED = {
    "/api/v1/orgunits/": {"get", "post"},
    "/api/v1/orgunits/{unit_id}": {"get", "patch", "delete"},
    "/api/v1/orgunits/{unit_id}/subtree": {"get"},
    "/api/v1/orgunits/{unit_id}/move": {"post"},
    "/api/v1/orgunits/{unit_id}/close": {"post"},
    "/api/v1/staff/": {"get", "post"},
    "/api/v1/staff/{staff_id}": {"get", "patch", "delete"},
    "/api/v1/staff/{staff_id}/transfer": {"post"},
    "/api/v1/users/": {"get"},
    "/api/v1/users/me": {"get"},
    "/api/v1/users/{user_id}": {"get"},
    "/api/v1/users/me/tokens": {"get", "post"},
    "/api/v1/users/me/tokens/{token_id}": {"delete"},
    "/api/v1/audit/": {"get"},
}


@pytest.fixture
def signed_in(officer):
    client = Client()
    client.force_login(officer)
    return client


@pytest.fixture
def schema(signed_in):
    response = signed_in.get("/api/v1/schema")
    assert response.status_code == 200
    return response.json()


def test_the_schema_and_docs_need_a_login_by_default(db):
    anonymous = Client()
    response = anonymous.get("/api/v1/schema")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated" and "đăng nhập" in response.json()["detail"]
    assert "paths" not in response.json()
    response = anonymous.get("/api/v1/docs")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_a_bearer_token_reads_the_schema_and_a_bad_one_does_not(token_api, officer):
    api, _ = token_api(officer)
    assert "paths" in api.get("/api/v1/schema").json()
    bad = Client().get("/api/v1/schema", headers={"Authorization": "Bearer dv_nothing"})
    assert bad.status_code == 401


def test_a_setting_opens_the_schema_and_docs_to_everyone(db, settings):
    settings.DANVAN_API_DOCS_PUBLIC = True
    assert Client().get("/api/v1/schema").status_code == 200
    assert Client().get("/api/v1/docs").status_code == 200


def test_the_schema_is_a_valid_openapi_document(schema):
    validate(schema)
    assert schema["info"]["title"] == "danvan API"


def test_the_schema_lists_every_endpoint_with_its_methods(schema):
    for path, methods in EXPECTED.items():
        assert path in schema["paths"], path
        assert methods <= set(schema["paths"][path]), path


def test_the_schema_declares_the_token_and_the_session_schemes(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["type"] == "apiKey" and schemes["SessionAuth"]["in"] == "cookie"
    for path in EXPECTED:
        for op in schema["paths"][path].values():
            assert {next(iter(s)) for s in op["security"]} == {"TokenAuth", "SessionAuth"}


def test_lists_document_the_page_envelope_and_the_errors(schema):
    op = schema["paths"]["/api/v1/staff/"]["get"]
    names = {p["name"] for p in op["parameters"]}
    assert {"limit", "offset", "unit", "active"} <= names
    ref = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    page = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(page["required"]) == {"count", "limit", "offset", "items"}
    assert {"401", "404", "422"} <= set(op["responses"])


def test_the_docs_page_loads_its_assets_from_this_site_only(signed_in):
    response = signed_in.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html, re.I), "external URL in docs"
    assert "cdn" not in html.lower()
    for asset in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not served locally"


def test_the_docs_assets_are_served(signed_in):
    client = signed_in
    html = client.get("/api/v1/docs").content.decode()
    bundle = re.search(r'src="([^"]*swagger-ui-bundle\.js)"', html).group(1)
    response = client.get(bundle)
    assert response.status_code == 200
    assert b"SwaggerUIBundle" in b"".join(response.streaming_content)


def test_the_docs_point_at_the_local_schema(signed_in):
    html = signed_in.get("/api/v1/docs").content.decode()
    assert '"/api/v1/schema"' in html


def test_answers_are_utf8_json_with_vietnamese_letters_unescaped(api_for, officer):
    response = api_for(officer).get("/users/me")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Hà Thị Thu".encode() in response.content
