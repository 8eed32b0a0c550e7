"""Recording audit entries. Services call these inside their transaction."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.db.models import F

from danvan.core.errors import DomainError

from .models import AuditEntry

M = TypeVar("M", bound=models.Model)


def author(user) -> Any:
    """The account to store as who did something: None when no one signed in
    (commands, the demo, the worker)."""
    return user if getattr(user, "is_authenticated", False) else None


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of obj, as JSON-friendly data."""
    names = fields or [
        f.attname for f in obj._meta.concrete_fields if f.name not in ("id", "password")
    ]
    return {name: _plain(getattr(obj, name)) for name in names}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def record(
    user,
    action: str,
    obj: models.Model,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    verb: str = "",
    unit_id: int | None = None,
    extra: dict[str, Any] | None = None,
) -> AuditEntry:
    if action == AuditEntry.CREATE:
        changes: dict[str, Any] = {k: [None, v] for k, v in (after or snapshot(obj)).items()}
    elif action == AuditEntry.DELETE:
        changes = {k: [v, None] for k, v in (before or snapshot(obj)).items()}
    else:
        changes = diff(before or {}, after if after is not None else snapshot(obj))
    if extra:
        changes["_"] = _plain(extra)
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        unit_id=unit_id,
        changes=changes,
    )


def created(user, obj: models.Model, **kw: Any) -> AuditEntry:
    return record(user, AuditEntry.CREATE, obj, after=snapshot(obj), **kw)


def add(
    user,
    obj: M,
    *,
    taken: DomainError | None = None,
    copy: Callable[[M], dict[str, Any]] = snapshot,
    **kw: Any,
) -> M:
    """Save a new row and log its creation (kw: unit_id, verb, extra; no unit_id:
    a row of no unit) with ``copy`` of it (default: every field). A model that
    keeps who created it (``created_by``) gets ``user`` as its author unless the
    row names one. ``taken``: the error to raise when a unique constraint refuses
    the row (another request got there between the service's own check and this
    insert); the surrounding transaction stays usable."""
    stamp = next((f for f in obj._meta.concrete_fields if f.name == "created_by"), None)
    if stamp is not None and getattr(obj, stamp.attname) is None:
        setattr(obj, stamp.name, author(user))
    if taken is None:
        obj.save(force_insert=True)
    else:
        try:
            with transaction.atomic():
                obj.save(force_insert=True)
        except IntegrityError:
            raise taken from None
    record(user, AuditEntry.CREATE, obj, after=copy(obj), **kw)
    return obj


def put(
    user,
    model: type[M],
    lookup: dict[str, Any],
    *,
    unit_id: int | None = None,
    logged: Iterable[str] | None = None,
    **values: Any,
) -> M:
    """Set the row of ``model`` that ``lookup`` finds to ``values``: a new row
    (``add``) when there is none, else the row changed and logged with what
    changed among the fields ``logged`` (default: all of them)."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return add(user, model(**lookup, **values), unit_id=unit_id)
    before = snapshot(obj, logged)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()
    updated(user, obj, before, unit_id=unit_id)
    return obj


def change(user, obj: M, values: dict[str, Any], **kw: Any) -> M:
    """Set fields of a saved row to ``values``, save just those fields and log what
    changed (kw: unit_id, verb, extra)."""
    names = list(values)
    attnames = {f.name: f.attname for f in obj._meta.concrete_fields}
    before = snapshot(obj, [attnames[name] for name in names])
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save(update_fields=names)
    updated(user, obj, before, **kw)
    return obj


def updated(user, obj: models.Model, before: dict[str, Any], **kw: Any) -> AuditEntry | None:
    after = snapshot(obj, before.keys())
    if not diff(before, after) and not kw.get("extra"):
        return None
    return record(user, AuditEntry.UPDATE, obj, before=before, after=after, **kw)


def updated_version(user, obj: Any, before: dict[str, Any], **kw: Any) -> Any:
    """Save an edited record as its next version (optimistic concurrency: the
    next edit must name it) and log what changed, in the record's unit."""
    obj.version = F("version") + 1
    obj.save()
    obj.refresh_from_db()
    updated(user, obj, before, unit_id=obj.unit_id, **kw)
    return obj


def deleted(user, obj: models.Model, before: dict[str, Any], **kw: Any) -> AuditEntry:
    return record(user, AuditEntry.DELETE, obj, before=before, **kw)


def delete(user, obj: models.Model, **kw: Any) -> AuditEntry:
    """Delete a record and log its last state (kw: unit_id, verb, extra)."""
    entry = deleted(user, obj, snapshot(obj), **kw)
    obj.delete()
    return entry
