"""Extraction scores per file format: the annotated texts as .txt, .docx, PDF and legacy-font .docx.

Run: .venv/bin/python bench/score_layouts.py [--dir DIR] [--formats txt,docx,pdf,tcvn3,vni] [--docs]

The renderings come from tests/core/extract/layout_corpus.py (python-docx, then LibreOffice
for the PDFs); they are written to DIR (default: a folder in /tmp, reused when it exists,
so only the first run pays for LibreOffice). Each rendering is read by the real readers and
scored against its gold with ../shared/tools/score_extraction.py. With --docs, also prints
each document's headline scores per format. The read texts are kept next to the files
(``*.read.txt``) for a look at what the analysis saw.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SCORER = REPO.parent / "shared" / "tools" / "score_extraction.py"
sys.path.insert(0, str(REPO / "tests" / "core" / "extract"))

import layout_corpus  # noqa: E402

from danvan.core.extract.analyse import analyse  # noqa: E402
from danvan.core.extract.pipeline import read_path  # noqa: E402
from danvan.core.extract.readers import ReadLimits  # noqa: E402


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_files(
    files: list[tuple[str, Path]], work: Path, label: str, gold_paths: list[Path]
) -> dict[str, Any]:
    """Read, analyse and score one format's files; the scorer's JSON summary."""
    scorer = _scorer()
    out = work / f"pred-{label}.jsonl"
    limits = ReadLimits(isolate=False)
    with out.open("w", encoding="utf-8") as fh:
        for source, path in files:
            text = read_path(path, limits).text
            (work / f"{path.name}.read.txt").write_text(text, encoding="utf-8")
            fh.write(json.dumps(analyse(text, source), ensure_ascii=False) + "\n")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        scorer.main(["--gold", *map(str, gold_paths), "--pred", str(out), "--json"])
    result: dict[str, Any] = json.loads(buf.getvalue())
    return result


def per_document(files: list[tuple[str, Path]], work: Path, label: str) -> dict[str, Any]:
    scorer = _scorer()
    found: dict[str, Any] = {}
    preds = {
        json.loads(line)["source"]: line
        for line in (work / f"pred-{label}.jsonl").read_text(encoding="utf-8").splitlines()
    }
    for doc in layout_corpus.corpus_docs():
        if doc.source not in preds:
            continue
        one = work / f"one-{label}.jsonl"
        one.write_text(preds[doc.source] + "\n", encoding="utf-8")
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            scorer.main(["--gold", str(doc.gold), "--pred", str(one), "--json"])
        found[doc.source] = json.loads(buf.getvalue())
    return found


def headline(s: dict[str, Any]) -> str:
    a = s["attributes"]
    return (
        f"doc {s['document_fields']:.3f}  cit F1 {s['citations']['f1']:.3f}  "
        f"fig F1 {s['figures']['f1']:.3f}  "
        f"cit.date {a.get('citations.issued_on', 0):.2f} cit.iss {a.get('citations.issuer', 0):.2f}  "
        f"unit {a.get('figures.unit', 0):.2f} kind {a.get('figures.kind', 0):.2f} "
        f"plan {a.get('figures.plan_percent', 0):.2f} chg {a.get('figures.change_percent', 0):.2f} "
        f"tgt {a.get('figures.target', 0):.2f}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/danvan-layout-corpus"))
    parser.add_argument("--formats", default=",".join(layout_corpus.FORMATS))
    parser.add_argument("--docs", action="store_true")
    args = parser.parse_args(argv)
    formats = tuple(args.formats.split(","))
    work: Path = args.dir
    marker = work / "built.json"
    if marker.exists() and set(formats) <= set(json.loads(marker.read_text())["formats"]):
        corpus = {
            f: [(s, Path(p)) for s, p in pairs]
            for f, pairs in json.loads(marker.read_text())["files"].items()
        }
    else:
        corpus = layout_corpus.build_corpus(work, formats)
        marker.write_text(
            json.dumps(
                {
                    "formats": list(formats),
                    "files": {f: [(s, str(p)) for s, p in v] for f, v in corpus.items()},
                }
            )
        )
    docs = layout_corpus.corpus_docs()
    rows: dict[str, dict[str, Any]] = {}
    for fmt in formats:
        sources = {source for source, _ in corpus[fmt]}
        gold_paths = [d.gold for d in docs if d.source in sources]
        rows[fmt] = score_files(corpus[fmt], work, fmt, gold_paths)
        print(f"{fmt:10} ({rows[fmt]['documents']:2} docs)  {headline(rows[fmt])}")
    if args.docs:
        per = {fmt: per_document(corpus[fmt], work, fmt) for fmt in formats}
        for doc in layout_corpus.corpus_docs():
            print(doc.source)
            for fmt in formats:
                if doc.source in per[fmt]:
                    print(f"  {fmt:10} {headline(per[fmt][doc.source])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
