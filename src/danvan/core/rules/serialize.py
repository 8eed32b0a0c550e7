"""Result dataclasses → danvan.commendation-result/1 JSON objects."""

from __future__ import annotations

from typing import Any

from danvan.core.rules.model import Check, NominationResult, QuotaResult, Result

RESULT_SCHEMA = "danvan.commendation-result/1"


def check_to_json(check: Check) -> dict[str, Any]:
    return {
        "rule": check.rule,
        "result": str(check.result),
        "basis": check.basis,
        "message": check.message,
    }


def nomination_to_json(nomination: NominationResult) -> dict[str, Any]:
    return {
        "subject": nomination.subject,
        "title": nomination.title,
        "eligible": nomination.eligible,
        "checks": [check_to_json(c) for c in nomination.checks],
    }


def quota_to_json(quota: QuotaResult) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "title": quota.title,
        "nominated": quota.nominated,
        "allowed": quota.allowed,
        "result": str(quota.result),
        "message": quota.message,
    }
    if quota.rule is not None:
        obj["rule"] = quota.rule
        obj["basis"] = quota.basis
    return obj


def result_to_json(result: Result, source: str) -> dict[str, Any]:
    return {
        "schema": RESULT_SCHEMA,
        "source": source,
        "regime": result.regime,
        "nominations": [nomination_to_json(n) for n in result.nominations],
        "quotas": [quota_to_json(q) for q in result.quotas],
    }


def error_to_json(message: str, source: str) -> dict[str, Any]:
    """The line for a file that is not a valid scenario; `message` names the field."""
    return {"schema": RESULT_SCHEMA, "source": source, "error": message}
