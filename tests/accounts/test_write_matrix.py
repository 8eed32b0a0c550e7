"""The permission matrix for writes: every write operation of the API.

The outsider (Sở Y tế) calls each POST/PUT/PATCH/DELETE operation of the
OpenAPI schema with a body whose every id (``*_id``, ``*_ids``) names an object
of the Trung tâm Dịch vụ việc làm Sơn La branch. Path ids name the outsider's
own objects where it has one of that kind (so the body's ids are what must be
refused), else the branch's. Each call must be refused (400, 403, 404, 422)
and leave every row of the database as it was.

An operation the schema lists that has no entry in CASES fails the test, as
a page with no sample object fails the read matrix: a new write endpoint
must say how it is called here.
"""

from __future__ import annotations

import hashlib
import re

from django.apps import apps
from django.urls import get_resolver

from .test_permission_matrix import (
    SKIP_PREFIXES,
    _fill,
    _fill_api,
    _match_model,
    _unit_path_of,
    _walk,
    full_world,  # noqa: F401 - the fixture
    sample_objects,
)

REFUSED = {400, 403, 404, 405, 422}
# "METHOD path" → fields to set in the body beyond the generated ones. Every write
# operation is listed; an empty dict means the generated body suffices.
CASES: dict[str, dict] = {
    "DELETE /api/v1/emulation/nominations/{nomination_id}": {},
    "DELETE /api/v1/orgunits/{unit_id}": {},
    "DELETE /api/v1/planning/targets/{pk}": {},
    "DELETE /api/v1/staff/{staff_id}": {},
    "PATCH /api/v1/orgunits/{unit_id}": {},
    "PATCH /api/v1/planning/indicators/{pk}": {},
    "PATCH /api/v1/planning/initiatives/{pk}": {},
    "PATCH /api/v1/planning/movements/{pk}": {},
    "PATCH /api/v1/planning/plans/{pk}": {},
    "PATCH /api/v1/planning/tasks/{pk}": {},
    "PATCH /api/v1/staff/{staff_id}": {},
    "POST /api/v1/citizens/petitions": {},
    "POST /api/v1/citizens/petitions/{pk}/{action}": {},
    "POST /api/v1/emulation/nominations/{nomination_id}/appraisal": {},
    "POST /api/v1/emulation/nominations/{nomination_id}/recall": {},
    "POST /api/v1/emulation/quotas": {},
    "POST /api/v1/emulation/rounds": {},
    "POST /api/v1/emulation/rounds/{awardround_id}/comments": {},
    "POST /api/v1/emulation/rounds/{awardround_id}/council-vote": {},
    "POST /api/v1/emulation/rounds/{awardround_id}/decision": {},
    "POST /api/v1/emulation/rounds/{awardround_id}/disclosure": {},
    "POST /api/v1/emulation/rounds/{awardround_id}/nominations": {},
    "POST /api/v1/emulation/rounds/{awardround_id}/submit": {},
    "POST /api/v1/emulation/staff/{staff_id}/awards": {},
    "POST /api/v1/emulation/staff/{staff_id}/discipline": {},
    "POST /api/v1/emulation/staff/{staff_id}/innovations": {},
    "POST /api/v1/emulation/staff/{staff_id}/ratings": {},
    "POST /api/v1/orgunits/": {},
    "POST /api/v1/orgunits/{unit_id}/close": {},
    "POST /api/v1/orgunits/{unit_id}/move": {},
    "POST /api/v1/planning/indicators": {},
    "POST /api/v1/planning/initiatives": {},
    "POST /api/v1/planning/initiatives/{pk}/evaluations": {},
    "POST /api/v1/planning/initiatives/{pk}/status": {},
    "POST /api/v1/planning/movements": {},
    "POST /api/v1/planning/plans": {},
    "POST /api/v1/planning/plans/{pk}/issue": {},
    "POST /api/v1/planning/plans/{pk}/tasks": {},
    "POST /api/v1/reporting/reports/{pk}/accept": {},
    "POST /api/v1/reporting/reports/{pk}/document-values": {},
    "POST /api/v1/reporting/reports/{pk}/decline": {},
    "POST /api/v1/reporting/reports/{pk}/propose": {},
    "POST /api/v1/reporting/reports/{pk}/recall": {},
    "POST /api/v1/reporting/reports/{pk}/return": {},
    "POST /api/v1/reporting/reports/{pk}/sign": {},
    "POST /api/v1/reporting/reports/{pk}/submit": {},
    "POST /api/v1/reporting/reports/{pk}/unlock": {},
    "POST /api/v1/reporting/requests": {},
    "POST /api/v1/reporting/requests/{pk}/close": {},
    "POST /api/v1/staff/": {},
    "POST /api/v1/staff/{staff_id}/transfer": {},
    "PUT /api/v1/planning/initiatives/{pk}/targets": {},
    "PUT /api/v1/planning/targets": {},
    # the outsider's own report, with a heading of the branch's request
    "PUT /api/v1/reporting/reports/{pk}": {"sections": "outlineheading"},
}
# Writes that act on the caller's own account only (no object of another branch can
# be named): they may succeed for the outsider, and are checked to stay its own.
OWN = {"POST /api/v1/users/me/tokens", "DELETE /api/v1/users/me/tokens/{token_id}"}


def _schema(client):
    return client.get("/api/v1/schema").json()


def write_operations(schema):
    for path, ops in schema["paths"].items():
        for method in ("post", "put", "patch", "delete"):
            if method in ops:
                yield method.upper(), path, ops[method]


def own_samples(world):
    """model name → an object of the outsider's own branch (Sở Y tế), where one exists."""
    own_path = world.units["syt"].path
    found = {"unit": world.units["syt"], "orgunit": world.units["syt"]}
    for model in apps.get_models():
        lookup = _unit_path_of(model)
        if not model.__module__.startswith("danvan.") or not lookup:
            continue
        obj = model.objects.filter(**{f"{lookup}__path__startswith": own_path}).first()
        if obj is not None:
            found.setdefault(model._meta.model_name, obj)
    return found


def _resolve(schema, node):
    while isinstance(node, dict) and "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    if isinstance(node, dict) and "anyOf" in node:
        options = [o for o in node["anyOf"] if o.get("type") != "null"]
        return _resolve(schema, options[0]) if options else {"type": "null"}
    if isinstance(node, dict) and "allOf" in node and len(node["allOf"]) == 1:
        return _resolve(schema, node["allOf"][0])
    return node


def _foreign_id(field: str, objects) -> int:
    """An id of the branch's object for a body field named like `requester_unit_id`."""
    stem = field.removesuffix("_ids").removesuffix("_id")
    parts = stem.split("_")
    for i in range(len(parts)):
        key = _match_model("_".join(parts[i:]).replace("_", ""), objects) or _match_model(
            parts[-1], objects
        )
        if key:
            return objects[key].pk
    return objects["unit"].pk


def _value(schema, name: str, node, objects):
    node = _resolve(schema, node)
    kind = node.get("type")
    if "enum" in node:
        return node["enum"][0]
    if name.endswith("_ids") or (kind == "array" and name.endswith("ids")):
        return [_foreign_id(name, objects)]
    if name.endswith("_id") or name in ("unit", "parent", "indicator", "document"):
        return _foreign_id(name, objects)
    if kind == "object":
        return _body_of(schema, node, objects)
    if kind == "array":
        return [_value(schema, name, node.get("items", {}), objects)]
    if kind == "integer":
        return max(1, node.get("minimum", 1))
    if kind == "number":
        return 1
    if kind == "boolean":
        return True
    fmt = node.get("format")
    if fmt == "date":
        return "2024-06-20"
    if fmt == "date-time":
        return "2024-06-20T08:00:00+07:00"
    return "Thử ghi chéo nhánh"


def _body_of(schema, node, objects):
    node = _resolve(schema, node)
    props = node.get("properties", {})
    return {name: _value(schema, name, sub, objects) for name, sub in props.items()}


def _fingerprint() -> str:
    """Every row of every table of the project (and users), hashed."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if not (model.__module__.startswith("danvan.") or model._meta.label == "auth.User"):
            continue
        for row in model.objects.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _call(client, method, url, body):
    import json

    return client.generic(method, url, json.dumps(body), content_type="application/json")


def test_every_write_operation_has_a_case(full_world, client_for):  # noqa: F811
    schema = _schema(client_for(full_world.admin))
    listed = {f"{m} {p}" for m, p, _ in write_operations(schema)}
    missing = sorted(listed - set(CASES) - OWN)
    assert missing == [], "write operations with no case in CASES:\n" + "\n".join(missing)


def test_the_outsider_cannot_write_with_ids_of_another_branch(full_world, client_for):  # noqa: F811
    schema = _schema(client_for(full_world.admin))
    foreign, own = sample_objects(full_world), own_samples(full_world)
    outsider = client_for(full_world.users["canbo.syt"])
    accepted, covered = [], 0
    for method, path, op in write_operations(schema):
        key = f"{method} {path}"
        if key in OWN:
            continue
        body = {}
        content = (op.get("requestBody") or {}).get("content", {})
        if "application/json" in content:
            body = _body_of(schema, content["application/json"]["schema"], foreign)
        for field, value in CASES[key].items():
            # a model name: {id of the branch's object: text}
            body[field] = {str(foreign[value].pk): "Thử ghi chéo nhánh"}
        url = _fill_api(path, {**foreign, **own}, [])
        before = _fingerprint()
        response = _call(outsider, method, url, body)
        covered += 1
        assert response.status_code < 500, f"{key} → {response.status_code}"
        if response.status_code not in REFUSED:
            accepted.append(f"{key} {url} {body}: {response.status_code}")
        elif _fingerprint() != before:
            accepted.append(f"{key} {url}: refused ({response.status_code}) but rows changed")
    print(f"\nwrite matrix: {covered} write operations posted by the outsider")
    assert accepted == [], "\n".join(accepted)


# --- forms of the pages ------------------------------------------------------------------

# Pages whose forms change only the caller's own account or session.
OWN_PAGES = ("dang-xuat", "tai-khoan", "doi-don-vi", "dang-nhap", "ma-truy-cap")
_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
_FIELD = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.I)


def _post_forms(html: str, page: str):
    """(action, {field: kind}) of each POST form of a page."""
    for attrs, inner in _FORM.findall(html):
        a = dict(_ATTR.findall(attrs))
        if a.get("method", "get").lower() != "post":
            continue
        fields = {}
        for tag, fattrs in _FIELD.findall(inner):
            f = dict(_ATTR.findall(fattrs))
            if f.get("name"):
                fields[f["name"]] = (tag.lower(), f.get("type", ""), f.get("value", ""))
        yield a.get("action") or page, fields


def _form_data(fields, foreign):
    data = {}
    for name, (tag, kind, value) in fields.items():
        if name == "csrfmiddlewaretoken":
            continue
        if tag == "select" or name.endswith(("_id", "_ids")) or name in ("unit", "parent"):
            data[name] = str(_foreign_id(name, foreign))
        elif kind == "hidden":
            data[name] = value
        elif kind == "checkbox":
            data[name] = "on"
        elif kind == "file":
            continue
        else:
            data[name] = value or "Thử ghi chéo nhánh"
    return data


def test_the_outsider_cannot_post_page_forms_with_ids_of_another_branch(full_world, client_for):  # noqa: F811
    foreign = sample_objects(full_world)
    mine = {**foreign, **own_samples(full_world)}
    outsider = client_for(full_world.users["canbo.syt"])
    # every page, once with the branch's objects and once with the outsider's own
    urls = set()
    for objects in (foreign, mine):
        for name, route in _walk(get_resolver()):
            if not route.startswith(SKIP_PREFIXES):
                url = _fill(route, objects, [], name)
                if url is not None:
                    urls.add(url)
    changed, forms = [], 0
    for url in sorted(urls):
        if any(part in url for part in OWN_PAGES):
            continue
        response = outsider.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for action, fields in _post_forms(response.content.decode(), url):
            if not any(
                tag == "select" or n.endswith("_id") or n in ("unit", "parent")
                for n, (tag, _k, _v) in fields.items()
            ):
                continue
            forms += 1
            before = _fingerprint()
            answer = outsider.post(action, _form_data(fields, foreign))
            assert answer.status_code < 500, f"{url} → {action}: {answer.status_code}"
            if _fingerprint() != before:
                changed.append(f"{url} → {action}: rows changed ({answer.status_code})")
    print(f"\nwrite matrix: {forms} page forms with a choice of object posted by the outsider")
    assert forms > 0
    assert changed == [], "\n".join(changed)
