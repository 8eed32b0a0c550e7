"""`danvan rules ...`: the commendation engine's plain face (no Django).

    danvan rules check SCENARIO.json [...] [--disable RULE_ID]... [--include-unconfirmed]
    danvan rules list

`check` prints one danvan.commendation-result/1 JSON line per file and exits 0,
or 1 when any file is not a valid scenario (its line carries "error" naming the
field). Rules can also be switched off with DANVAN_RULES_DISABLED (comma-separated
ids), merged with --disable.

Rules the legal notes mark UNCONFIRMED (e.g. the 40-working-day leave and the
khiển trách exclusions for Lao động tiên tiến under the 2022 law) are not
enforced unless a deployment switches them on (--include-unconfirmed, or
DANVAN_RULES_UNCONFIRMED=on): the notes say to verify them before enforcing,
and the contract's own example shows a 2024 nominee with a khiển trách as
eligible. When on, their checks say UNCONFIRMED in `basis`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from danvan.core.rules import (
    KNOWN_RULE_IDS,
    REGIMES,
    RULES,
    EngineConfig,
    ScenarioError,
    error_to_json,
    evaluate,
    general_rules,
    parse_scenario,
    result_to_json,
    title_label,
)

ENV_DISABLED = "DANVAN_RULES_DISABLED"
ENV_UNCONFIRMED = "DANVAN_RULES_UNCONFIRMED"


def _emit(obj: dict[str, Any]) -> None:
    line = json.dumps(obj, ensure_ascii=False) + "\n"
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        sys.stdout.flush()
        buffer.write(line.encode("utf-8"))
        buffer.flush()
    else:
        sys.stdout.write(line)


def _warn(message: str) -> None:
    sys.stderr.write(message + "\n")


def unconfirmed_wanted(include: bool, exclude: bool, env: str | None) -> bool:
    """--include-unconfirmed / --no-unconfirmed win over DANVAN_RULES_UNCONFIRMED (default off)."""
    if exclude:
        return False
    if include:
        return True
    return (env or "").strip().lower() in {"1", "true", "yes", "on"}


def config_from(disable: list[str], no_unconfirmed: bool, env: str | None) -> EngineConfig:
    ids = [i.strip() for i in (env or "").split(",") if i.strip()]
    ids += [i.strip() for item in disable for i in item.split(",") if i.strip()]
    for rule_id in ids:
        if rule_id not in KNOWN_RULE_IDS:
            _warn(f"danvan rules: không có quy tắc '{rule_id}' (bỏ qua)")
    return EngineConfig(disabled_rules=frozenset(ids), include_unconfirmed=not no_unconfirmed)


def check_file(path: str, config: EngineConfig) -> tuple[dict[str, Any], bool]:
    """The result line for one file, and whether the file was a valid scenario.

    `source` is the file's base name, as in `danvan extract` (the extraction
    contract matches results to inputs by base name)."""
    source = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return error_to_json("file: không tìm thấy tệp", source), False
    except (OSError, UnicodeDecodeError) as exc:
        return error_to_json(f"file: không đọc được tệp ({exc.__class__.__name__})", source), False
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        message = f"json: không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno})"
        return error_to_json(message, source), False
    try:
        scenario = parse_scenario(obj)
        result = evaluate(scenario, config)
    except ScenarioError as exc:
        return error_to_json(str(exc), source), False
    return result_to_json(result, source), True


def _check(args: argparse.Namespace) -> int:
    include = unconfirmed_wanted(
        args.include_unconfirmed, args.no_unconfirmed, os.environ.get(ENV_UNCONFIRMED)
    )
    config = config_from(args.disable, not include, os.environ.get(ENV_DISABLED))
    status = 0
    for path in args.scenarios:
        line, ok = check_file(path, config)
        _emit(line)
        if not ok:
            status = 1
    return status


def _list(args: argparse.Namespace) -> int:
    for rule in RULES:
        _emit(
            {
                "rule": rule.id,
                "regime": rule.regime,
                "title": rule.title,
                "title_label": title_label(rule.title),
                "subject": rule.kind,
                "confirmed": rule.confirmed,
                "basis": rule.basis.text(),
            }
        )
    for rule_id, regime_id, applies_to, basis in general_rules():
        _emit(
            {
                "rule": rule_id,
                "regime": regime_id,
                "title": None,
                "title_label": applies_to,
                "confirmed": basis.confirmed,
                "basis": basis.text(),
            }
        )
    for regime in REGIMES.values():
        for quota in regime.default_quotas:
            _emit(
                {
                    "rule": quota.rule,
                    "regime": regime.id,
                    "title": quota.title,
                    "title_label": title_label(quota.title),
                    "confirmed": quota.basis.confirmed,
                    "basis": quota.basis.text(),
                }
            )
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="danvan rules", description="Kiểm tra tiêu chuẩn thi đua, khen thưởng."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="kiểm tra các tệp kịch bản đề nghị khen thưởng")
    check.add_argument("scenarios", nargs="+", metavar="SCENARIO.json")
    check.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="RULE_ID",
        help=f"tắt một quy tắc (lặp lại được; cộng thêm với {ENV_DISABLED})",
    )
    check.add_argument(
        "--include-unconfirmed",
        action="store_true",
        help=f"áp dụng cả các quy tắc chưa được xác nhận (hoặc đặt {ENV_UNCONFIRMED}=on)",
    )
    check.add_argument(
        "--no-unconfirmed",
        action="store_true",
        help="không áp dụng các quy tắc chưa được xác nhận (mặc định)",
    )
    check.set_defaults(handler=_check)
    listing = sub.add_parser("list", help="liệt kê các quy tắc (JSON Lines)")
    listing.set_defaults(handler=_list)
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except BrokenPipeError:  # `danvan rules list | head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the exit flush
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
