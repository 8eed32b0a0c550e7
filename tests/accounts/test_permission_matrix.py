"""The permission matrix: every page and every API path, four personas.

The walk is generic: it enumerates the site's URL patterns and the API's
OpenAPI paths. A pattern that takes an object id must say which demo object
to use (SAMPLES below); a new parametrised URL that is not listed fails the
test, so no page escapes the matrix.

The target objects all belong to the branch of Trung tâm Dịch vụ việc làm Sơn
La. The unit officer, the unit head and the superior reviewer may see them;
the outsider (Sở Y tế) must get 404 (or 403) and never their content.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from danvan.web.demo import load_all

# Patterns never walked: the login/logout flow, Django's own admin, static files.
SKIP_PREFIXES = ("admin/", "static/", "dang-xuat/", "api/v1/")
# Parameters that are not object ids take a plain sample value.
PLAIN_VALUES = {
    "year": "2022",
    "format": "xlsx",
    "slug": "x",
    "kind": "x",
    "path": "x",
    "token": "x",
}


def sample_objects(world):
    """name → a callable(world) giving an object of the TTDVVL branch for that kind of id."""
    from danvan.orgunits.models import StaffMember

    objects = {
        "unit": world.units["ttdvvl"],
        "staff": StaffMember.objects.filter(unit=world.units["bhtn"]).first(),
        "user": world.users["canbo.ttdvvl"],
    }
    objects.update(_app_samples(world))
    return objects


def _app_samples(world):
    """Objects of the domain apps (the first of each model inside the TTDVVL branch)."""
    from django.apps import apps

    branch = world.units["ttdvvl"].path
    found = {}
    for model in apps.get_models():
        if not model.__module__.startswith("danvan."):
            continue
        unit_field = next(
            (
                f.name
                for f in model._meta.fields
                if f.name in ("unit", "owner_unit", "org_unit")
                and f.related_model
                and f.related_model._meta.label == "orgunits.OrgUnit"
            ),
            None,
        )
        if unit_field is None:
            continue
        obj = model.objects.filter(**{f"{unit_field}__path__startswith": branch}).first()
        if obj is not None:
            found[model._meta.model_name] = obj
    return found


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            yield from (
                (f"{ns}:{name}" if ns and name and ":" not in name else name, route)
                for name, route in _walk(entry, prefix + str(entry.pattern))
            )
        elif isinstance(entry, URLPattern):
            yield entry.name, prefix + str(entry.pattern)


def _fill(route: str, objects, missing: list[str], name: str) -> str | None:
    def repl(match):
        param = match.group("name")
        if param in PLAIN_VALUES:
            return PLAIN_VALUES[param]
        key = param.removesuffix("_pk").removesuffix("_id")
        if key in ("pk", "id"):
            key = _guess_model(name, objects)
        obj = objects.get(key) if key else None
        if obj is None:
            missing.append(f"{name} ({route}): no sample for <{param}>")
            return "0"
        return str(obj.pk)

    url = re.sub(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>", repl, route)
    if url.startswith("^") or "(?P" in url:
        return None
    return "/" + url


def _guess_model(url_name: str | None, objects) -> str | None:
    """'orgunits:unit_detail' → 'unit'; 'documents:document_edit' → 'document'."""
    local = (url_name or "").split(":")[-1]
    candidates = sorted(objects, key=len, reverse=True)
    for key in candidates:
        if local.startswith(key) or f"_{key}" in local or local.replace("_", "").startswith(key):
            return key
    return None


def _markers(world):
    from danvan.orgunits.models import StaffMember

    names = [world.units[k].name for k in ("ttdvvl", "bhtn", "tvgt")]
    names += list(
        StaffMember.objects.filter(unit__path__startswith=world.units["ttdvvl"].path).values_list(
            "full_name", flat=True
        )
    )
    return names


@pytest.fixture
def full_world(db):
    return load_all()


def _site_urls(world):
    objects = sample_objects(world)
    missing: list[str] = []
    urls = []
    for name, route in _walk(get_resolver()):
        if route.startswith(SKIP_PREFIXES):
            continue
        url = _fill(route, objects, missing, name)
        if url is not None:
            urls.append((name, url, "<" in route))
    return urls, missing


def test_every_parametrised_page_has_a_sample_object(full_world):
    _, missing = _site_urls(full_world)
    assert missing == []


def test_the_outsider_sees_nothing_of_another_branch_on_any_page(full_world, client_for):
    outsider = client_for(full_world.users["canbo.syt"])
    markers = _markers(full_world)
    urls, _ = _site_urls(full_world)
    leaks = []
    for name, url, has_object in urls:
        response = outsider.get(url)
        assert response.status_code < 500, f"{name} {url} → {response.status_code}"
        if has_object and response.status_code not in (403, 404, 302):
            leaks.append(f"{name} {url}: status {response.status_code}")
        body = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
        for marker in markers:
            if marker in body:
                leaks.append(f"{name} {url}: shows “{marker}”")
    assert leaks == []


@pytest.mark.parametrize("persona", ["canbo.ttdvvl", "giamdoc.ttdvvl", "thamdinh.sldtbxh"])
def test_people_of_the_branch_reach_its_pages(full_world, client_for, persona):
    client = client_for(full_world.users[persona])
    urls, _ = _site_urls(full_world)
    not_found = []
    for name, url, has_object in urls:
        response = client.get(url)
        assert response.status_code < 500, f"{name} {url} → {response.status_code}"
        if has_object and response.status_code == 404:
            not_found.append(f"{name} {url}")
    # Detail pages of the branch's own objects exist for its people (403 is allowed
    # where the role lacks the right, e.g. an officer on an admin page).
    assert not_found == []


def test_anonymous_visitors_are_sent_to_the_login_page(full_world, client):
    urls, _ = _site_urls(full_world)
    for name, url, _has in urls:
        if name in ("login",):
            continue
        response = client.get(url)
        assert response.status_code in (302, 401, 403, 404, 405), (
            f"{name} {url} → {response.status_code}"
        )
        if response.status_code == 302:
            assert "/dang-nhap/" in response["Location"], f"{name} {url}"


# --- API -----------------------------------------------------------------------------


def _api_paths(client):
    schema = client.get("/api/v1/schema").json()
    for path, ops in schema["paths"].items():
        if "get" in ops:
            yield path


def _fill_api(path: str, objects, missing: list[str]) -> str:
    def repl(match):
        param = match.group(1)
        if param in PLAIN_VALUES:
            return PLAIN_VALUES[param]
        key = param.removesuffix("_pk").removesuffix("_id")
        if key in ("pk", "id"):
            segs = [s for s in path.split("/") if s and not s.startswith("{")]
            key = _guess_api_model(segs, objects)
        obj = objects.get(key) if key else None
        if obj is None:
            missing.append(f"{path}: no sample for {{{param}}}")
            return "0"
        return str(obj.pk)

    return re.sub(r"\{(\w+)\}", repl, path)


def _guess_api_model(segments, objects):
    for seg in reversed(segments[2:]):  # skip "api", "v1"
        stem = seg.rstrip("s").replace("-", "").replace("_", "")
        for key in sorted(objects, key=len, reverse=True):
            if stem == key or stem.startswith(key) or key.startswith(stem) or stem.endswith(key):
                return key
        if stem == "orgunit":
            return "unit"
    return None


def test_every_api_path_has_a_sample_object(full_world, client_for):
    client = client_for(full_world.admin)
    objects = sample_objects(full_world)
    objects.setdefault("orgunit", objects["unit"])
    missing: list[str] = []
    for path in _api_paths(client):
        _fill_api(path, objects, missing)
    assert missing == []


def test_the_outsider_gets_nothing_of_another_branch_from_the_api(full_world, client_for):
    admin = client_for(full_world.admin)
    outsider = client_for(full_world.users["canbo.syt"])
    objects = sample_objects(full_world)
    objects.setdefault("orgunit", objects["unit"])
    markers = _markers(full_world)
    leaks = []
    for path in _api_paths(admin):
        url = _fill_api(path, objects, [])
        response = outsider.get(url)
        assert response.status_code < 500, f"{url} → {response.status_code}"
        if "{" in path and response.status_code not in (403, 404):
            leaks.append(f"{url}: status {response.status_code}")
        body = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
        for marker in markers:
            if marker in body:
                leaks.append(f"{url}: shows “{marker}”")
    assert leaks == []


def test_the_api_refuses_anonymous_callers(full_world, client):
    admin_schema = client.get("/api/v1/schema")
    assert admin_schema.status_code == 200
    for path in _api_paths(client):
        url = _fill_api(path, {}, [])
        assert client.get(url).status_code in (401, 403, 404), url
