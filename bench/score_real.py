"""Header fields on the nine real scanned samples, against the hand-made gold.

Run: .venv/bin/python bench/score_real.py [--pred OUT.jsonl] [--jobs 2] [--save OUT.jsonl]

Reads each ``../shared/real-samples/qng-0*.pdf`` with the real extractor (the same path as
``danvan extract``), or takes the objects from ``--pred``, and scores the five header fields
(type, số ký hiệu, date, issuer, signer name) against ``tests/core/extract/real_gold/*.json``
(read from the page renders by a person; see NOTES.md there). Prints a per-document and a
per-field table twice:

- ``strict``: the value on the page as a person reads it, handwriting included;
- ``printed``: a field whose gold has a handwritten part also counts as right when the
  extractor kept only what is printed (the gold's ``handwritten`` entry: ``/CT-UBND`` for
  the number, no date when the day is handwritten) instead of inventing it.

Also prints pages/s of the whole run (wall clock, with ``--jobs`` files at once).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "tools" / "score_extraction.py"
GOLD = REPO / "tests" / "core" / "extract" / "real_gold"
SAMPLES = SHARED / "real-samples"
FIELDS = ("type", "number", "date", "issuer", "signer")
EXTRA = ("position", "authority", "on_behalf_of", "place")


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extract(path: str, timeout: float = 120.0) -> tuple[dict[str, Any], int]:
    from danvan.core.extract.pipeline import read_and_extract
    from danvan.core.extract.readers import ReadLimits

    result, obj = read_and_extract(path, ReadLimits(timeout_s=timeout))
    return obj, (result.pages if result else 0)


def run_extractor(
    paths: list[Path], jobs: int, timeout: float = 120.0
) -> tuple[dict[str, dict[str, Any]], int, float]:
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(_extract, map(str, paths), [timeout] * len(paths)))
    elapsed = time.perf_counter() - start
    preds = {obj["source"]: obj for obj, _ in results}
    return preds, sum(pages for _, pages in results), elapsed


def field_values(doc: dict[str, Any]) -> dict[str, Any]:
    signer = doc.get("signer") or {}
    return {
        "type": doc.get("doc_type"),
        "number": doc.get("number"),
        "date": doc.get("issued_on"),
        "issuer": doc.get("issuer"),
        "signer": signer.get("name"),
        "position": signer.get("position"),
        "authority": signer.get("authority"),
        "on_behalf_of": signer.get("on_behalf_of"),
        "place": doc.get("place"),
    }


def same(scorer: Any, field: str, gold: Any, pred: Any) -> bool:
    if field == "number":
        return bool(scorer.norm_number(gold) == scorer.norm_number(pred))
    if field == "issuer":
        return bool(scorer.same_name(gold, pred)) if gold and pred else gold == pred
    return bool(scorer.norm(gold) == scorer.norm(pred))


_PRINTED_KEYS = {"number": "number", "date": "issued_on"}


def score(
    scorer: Any, gold: dict[str, Any], pred: dict[str, Any], printed: bool
) -> dict[str, bool]:
    g = field_values(gold["document"])
    p = field_values((pred or {}).get("document") or {})
    out = {}
    for field in FIELDS + EXTRA:
        ok = same(scorer, field, g[field], p[field])
        key = _PRINTED_KEYS.get(field)
        hand = gold.get("handwritten") or {}
        if printed and not ok and key and key in hand:
            ok = same(scorer, field, hand[key], p[field])
        out[field] = ok
    return out


def table(scorer: Any, golds: dict[str, Any], preds: dict[str, Any], printed: bool) -> None:
    label = "printed" if printed else "strict"
    cols = FIELDS + ("overall",) + EXTRA
    print(f"\n[{label}] " + " ".join(f"{c[:8]:>8s}" for c in cols))
    totals = {c: 0 for c in cols}
    for name, gold in sorted(golds.items()):
        marks = score(scorer, gold, preds.get(name, {}), printed)
        marks_overall = sum(marks[f] for f in FIELDS) / len(FIELDS)
        for c in FIELDS + EXTRA:
            totals[c] += marks[c]
        totals["overall"] += marks_overall  # type: ignore[assignment]
        cells = [("ok" if marks[c] else "--") for c in FIELDS]
        cells.append(f"{marks_overall:.2f}")
        cells += [("ok" if marks[c] else "--") for c in EXTRA]
        print(f"{name:10s} " + " ".join(f"{c:>8s}" for c in cells))
    n = len(golds)
    print(f"{label + ' all':10s} " + " ".join(f"{totals[c] / n:8.2f}" for c in cols))


def misses(golds: dict[str, Any], preds: dict[str, Any], scorer: Any) -> None:
    print("\nmisses (strict): field gold | predicted")
    for name, gold in sorted(golds.items()):
        g = field_values(gold["document"])
        p = field_values((preds.get(name) or {}).get("document") or {})
        for field in FIELDS + EXTRA:
            if not same(scorer, field, g[field], p[field]):
                print(f"  {name} {field:12s} {g[field]!s:35s} | {p[field]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pred", type=Path, help="score these objects instead of extracting")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--jobs", type=int, default=2, help="files read at once (default 2)")
    parser.add_argument("--save", type=Path, help="write the extracted objects here (JSONL)")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds per file (raise on a busy machine)"
    )
    parser.add_argument("--misses", action="store_true", help="list each wrong field")
    args = parser.parse_args(argv)
    scorer = _scorer()
    golds = {}
    for path in sorted(args.gold.glob("*.json")):
        obj = json.loads(path.read_text(encoding="utf-8"))
        golds[obj["source"]] = obj
    if args.pred:
        preds = {}
        for line in args.pred.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                preds[obj["source"]] = obj
    else:
        paths = [args.samples / name for name in sorted(golds)]
        preds, pages, elapsed = run_extractor(paths, args.jobs, args.timeout)
        print(
            f"read {len(paths)} files, {pages} pages in {elapsed:.1f} s with {args.jobs} "
            f"file(s) at once: {pages / elapsed:.2f} pages/s"
        )
        if args.save:
            with args.save.open("w", encoding="utf-8") as fh:
                for name in sorted(preds):
                    fh.write(json.dumps(preds[name], ensure_ascii=False) + "\n")
    for obj in preds.values():
        if obj.get("error"):
            print(f"  {obj['source']}: error {obj['error']}")
    table(scorer, golds, preds, printed=False)
    table(scorer, golds, preds, printed=True)
    if args.misses:
        misses(golds, preds, scorer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
