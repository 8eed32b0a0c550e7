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
    "action": "submit",
    "name": "x.xlsx",
    "code": "y2022",
}


def _unit_path_of(model, depth=0):
    """The lookup from `model` to an OrgUnit ("unit", "report__unit", ...), or None."""
    from danvan.orgunits.models import OrgUnit

    if model is OrgUnit:
        return ""
    fks = [f for f in model._meta.fields if f.is_relation and f.many_to_one and f.related_model]
    preferred = ("unit", "owner_unit", "org_unit", "issuer", "requester_unit", "subject_unit")
    fks.sort(
        key=lambda f: (
            f.name not in preferred,
            preferred.index(f.name) if f.name in preferred else 0,
        )
    )
    for f in fks:
        if f.related_model is OrgUnit:
            return f.name
    if depth < 2:
        for f in fks:
            if f.related_model is model or not f.related_model.__module__.startswith("danvan."):
                continue
            inner = _unit_path_of(f.related_model, depth + 1)
            if inner:
                return f"{f.name}__{inner}"
    return None


LEVEL = {}  # (model label, pk) → "local" (TTDVVL branch), "superior" (Sở's branch) or "elsewhere"


def sample_objects(world):
    """model name → an object of that model, preferably inside the TTDVVL branch,
    else inside its superior's (Sở LĐ-TB&XH) branch, else anywhere.

    Models with no way to a unit are shared catalogues (indicators, periods,
    legal references...) and are sampled too; they may be shown to anyone."""
    from django.apps import apps

    from danvan.orgunits.models import StaffMember

    local, superior = world.units["ttdvvl"].path, world.units["sldtbxh"].path
    objects = {
        "unit": world.units["ttdvvl"],
        "orgunit": world.units["ttdvvl"],
        "staff": StaffMember.objects.filter(unit=world.units["bhtn"]).first(),
        "user": world.users["canbo.ttdvvl"],
    }
    for model in apps.get_models():
        if not model.__module__.startswith("danvan.") or model._meta.model_name in objects:
            continue
        lookup = _unit_path_of(model)
        qs = model.objects.order_by("pk")
        if not lookup:
            obj, level = qs.first(), "shared"
        else:
            key = f"{lookup}__path__startswith"
            obj, level = qs.filter(**{key: local}).first(), "local"
            if obj is None:
                obj, level = qs.filter(**{key: superior}).first(), "superior"
            if obj is None:
                obj, level = qs.first(), "elsewhere"
        if obj is not None:
            objects[model._meta.model_name] = obj
            LEVEL[(obj._meta.label, obj.pk)] = level
    for obj in (objects["unit"], objects["staff"], objects["user"]):
        LEVEL[(obj._meta.label, obj.pk)] = "local"
    return objects


def level_of(used) -> str:
    """The most private level among the objects a URL names."""
    levels = {LEVEL.get((o._meta.label, o.pk), "local") for o in used}
    for level in ("local", "superior", "elsewhere", "shared"):
        if level in levels:
            return level
    return "none"


def is_shared(obj) -> bool:
    return _unit_path_of(type(obj)) is None


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


def _fill(route: str, objects, missing: list[str], name: str, used=None) -> str | None:
    used = [] if used is None else used

    def repl(match):
        param = match.group("name")
        if param in PLAIN_VALUES:
            return PLAIN_VALUES[param]
        key = OVERRIDES.get((name, param)) or param.removesuffix("_pk").removesuffix("_id")
        if key in ("pk", "id"):
            key = _guess_model(name, objects)
        elif key not in objects:
            key = _match_model(key, objects)
        obj = objects.get(key) if key else None
        if obj is None:
            missing.append(f"{name} ({route}): no sample for <{param}>")
            return "0"
        used.append(obj)
        return str(obj.pk)

    url = re.sub(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>", repl, route)
    if url.startswith("^") or "(?P" in url:
        return None
    return "/" + url


# URL parameters whose model cannot be told from the URL name.
OVERRIDES = {
    ("reporting:progress_export", "pk"): "reportrequest",
    ("reporting:import_preview", "pk"): "unitreport",
    ("jobs:progress", "pk"): "job",
    ("jobs:file", "pk"): "job",
}


def _match_model(stem: str, objects) -> str | None:
    if stem in objects:
        return stem
    ends = [k for k in objects if k.endswith(stem)]
    if ends:
        return min(ends, key=len)
    starts = [k for k in objects if k.startswith(stem)]
    return min(starts, key=len) if starts else None


def _guess_model(url_name: str | None, objects) -> str | None:
    """'orgunits:unit_detail' → 'unit'; 'reporting:report_detail' → 'unitreport';
    'documents:detail' → 'document' (the app's own main model)."""
    app, _, local = (url_name or "").rpartition(":")
    stem = local.split("_")[0]
    if stem in ("detail", "edit", "delete", "update", "download", "preview", "original"):
        stem = app.rstrip("s")
    return _match_model(stem, objects)


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
    from danvan.jobs import files

    objects = sample_objects(world)
    if objects.get("job") is not None:  # a file the sample job made, for jobs:file
        files.save(objects["job"].pk, PLAIN_VALUES["name"], b"PK")
    missing: list[str] = []
    urls = []
    for name, route in _walk(get_resolver()):
        if route.startswith(SKIP_PREFIXES):
            continue
        used: list = []
        url = _fill(route, objects, missing, name, used)
        if url is not None:
            urls.append((name, url, level_of(used)))
    return urls, missing


def test_every_parametrised_page_has_a_sample_object(full_world):
    _, missing = _site_urls(full_world)
    assert missing == [], "\n".join(missing)


def test_the_outsider_sees_nothing_of_another_branch_on_any_page(full_world, client_for):
    outsider = client_for(full_world.users["canbo.syt"])
    markers = _markers(full_world)
    urls, _ = _site_urls(full_world)
    leaks = []
    for name, url, level in urls:
        response = outsider.get(url)
        assert response.status_code < 500, f"{name} {url} → {response.status_code}"
        if level in ("local", "superior") and response.status_code not in (403, 404, 302, 405):
            leaks.append(f"{name} {url}: status {response.status_code}")
        body = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
        for marker in markers:
            if marker in body:
                leaks.append(f"{name} {url}: shows “{marker}”")
    assert leaks == [], "\n".join(leaks)


@pytest.mark.parametrize(
    "persona, reach",
    [
        ("canbo.ttdvvl", {"local"}),
        ("giamdoc.ttdvvl", {"local"}),
        ("thamdinh.sldtbxh", {"local", "superior"}),
    ],
)
def test_people_of_the_branch_reach_its_pages(full_world, client_for, persona, reach):
    client = client_for(full_world.users[persona])
    urls, _ = _site_urls(full_world)
    not_found = []
    for name, url, level in urls:
        response = client.get(url)
        assert response.status_code < 500, f"{name} {url} → {response.status_code}"
        if level in reach and response.status_code == 404:
            not_found.append(f"{name} {url}")
    # Detail pages of the branch's own objects exist for its people (403 is allowed
    # where the role lacks the right, e.g. an officer on an admin page).
    assert not_found == [], "\n".join(not_found)


def test_anonymous_visitors_are_sent_to_the_login_page(full_world, client):
    urls, _ = _site_urls(full_world)
    for name, url, _has in urls:
        if name in ("login",):
            continue
        response = client.get(url)
        assert response.status_code == 302, f"{name} {url} → {response.status_code}"
        assert "/dang-nhap/" in response["Location"], f"{name} {url}"


# --- API -----------------------------------------------------------------------------


def _api_paths(client):
    schema = client.get("/api/v1/schema").json()
    for path, ops in schema["paths"].items():
        if "get" in ops:
            yield path


def _fill_api(path: str, objects, missing: list[str], used=None) -> str:
    used = [] if used is None else used

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
        used.append(obj)
        return str(obj.pk)

    return re.sub(r"\{(\w+)\}", repl, path)


def _guess_api_model(segments, objects):
    """/api/v1/reporting/reports/{pk} → 'unitreport' (the segment before the id)."""
    for seg in reversed(segments[2:]):  # skip "api", "v1"
        stem = seg.replace("-", "").replace("_", "")
        stem = stem[:-3] + "y" if stem.endswith("ies") else stem.rstrip("s")
        if stem in objects:
            return stem
        ends = [k for k in objects if k.endswith(stem)]
        if ends:
            return min(ends, key=len)
        starts = [k for k in objects if k.startswith(stem)]
        if starts:
            return min(starts, key=len)
    return None


def test_every_api_path_has_a_sample_object(full_world, client_for):
    client = client_for(full_world.admin)
    objects = sample_objects(full_world)
    missing: list[str] = []
    for path in _api_paths(client):
        _fill_api(path, objects, missing)
    assert missing == [], "\n".join(missing)


def test_the_outsider_gets_nothing_of_another_branch_from_the_api(full_world, client_for):
    admin = client_for(full_world.admin)
    outsider = client_for(full_world.users["canbo.syt"])
    objects = sample_objects(full_world)
    markers = _markers(full_world)
    leaks = []
    for path in _api_paths(admin):
        used: list = []
        url = _fill_api(path, objects, [], used)
        response = outsider.get(url)
        assert response.status_code < 500, f"{url} → {response.status_code}"
        if level_of(used) in ("local", "superior") and response.status_code not in (403, 404, 405):
            leaks.append(f"{url}: status {response.status_code}")
        body = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
        for marker in markers:
            if marker in body:
                leaks.append(f"{url}: shows “{marker}”")
    assert leaks == [], "\n".join(leaks)


def test_the_api_refuses_anonymous_callers(full_world, client, client_for):
    assert client.get("/api/v1/schema").status_code == 401
    for path in _api_paths(client_for(full_world.admin)):
        url = _fill_api(path, {}, [])
        assert client.get(url).status_code == 401, url


# --- personal data of citizens ------------------------------------------------------


def _citizen_markers():
    from danvan.citizens.demo import CITIZENS

    return [c[0] for c in CITIZENS] + [c[2] for c in CITIZENS if c[2]]


@pytest.mark.parametrize("persona", ["canbo.syt", "thamdinh.sldtbxh"])
def test_citizens_names_reach_neither_the_outsider_nor_the_superior(
    full_world, client_for, persona
):
    """The TTDVVL's citizens (names, ID numbers) stay with the TTDVVL: another
    branch and the Sở above it see cases at most, never the people, on any
    page or API path."""
    client = client_for(full_world.users[persona])
    admin = client_for(full_world.admin)
    markers = _citizen_markers()
    urls, _ = _site_urls(full_world)
    objects = sample_objects(full_world)
    api = [_fill_api(path, objects, []) for path in _api_paths(admin)]
    leaks = []
    for url in [u for _n, u, _l in urls] + api:
        response = client.get(url)
        if response.status_code != 200:
            continue
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode("utf-8", "replace")
        leaks += [f"{url}: shows “{m}”" for m in markers if m in body]
    assert leaks == [], "\n".join(leaks)
