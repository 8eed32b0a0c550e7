"""The annotated documents rendered as real files (layout_corpus.py) score like their .txt.

Renders every gold-annotated text as .docx (letterhead and signature as two-column tables,
data tables), as a narrow-page PDF through LibreOffice (lines wrap, the signature table
breaks over pages), as .docx in TCVN3/VNI fonts and as PDFs of VNI text in a stand-in font,
reads each file with the real readers and scores it with the shared scorer. Thresholds
sit just below what the analysis reaches (see bench/score_layouts.py).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from danvan.core.extract.analyse import analyse
from danvan.core.extract.pipeline import read_path
from danvan.core.extract.readers import ReadLimits

from .layout_corpus import SHARED_SAMPLES, build_corpus, corpus_docs

SCORER = SHARED_SAMPLES.parent / "tools" / "score_extraction.py"

pytestmark = [
    pytest.mark.skipif(not SCORER.exists(), reason="../shared is not checked out here"),
    pytest.mark.skipif(
        not (shutil.which("soffice") or shutil.which("libreoffice")),
        reason="LibreOffice renders the PDFs",
    ),
]

# (document fields, citations F1, figures F1) each format keeps at least
THRESHOLDS = {
    "txt": (0.99, 0.99, 0.98),
    "docx": (0.99, 0.99, 0.98),
    "tcvn3": (0.99, 0.99, 0.98),
    "vni": (0.99, 0.99, 0.98),
    "pdf": (0.98, 0.99, 0.98),
    "pdf-legacy": (0.95, 0.98, 0.97),
}


def _score(files: list[tuple[str, Path]], out: Path) -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    limits = ReadLimits(isolate=False)
    with out.open("w", encoding="utf-8") as fh:
        for source, path in files:
            result = analyse(read_path(path, limits).text, source)
            fh.write(json.dumps(result, ensure_ascii=False) + "\n")
    sources = {source for source, _ in files}
    golds = [str(d.gold) for d in corpus_docs() if d.source in sources]
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        scorer.main(["--gold", *golds, "--pred", str(out), "--json"])
    scores: dict[str, Any] = json.loads(buf.getvalue())
    return scores


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("layouts")
    corpus = build_corpus(folder)
    return {fmt: _score(files, folder / f"{fmt}.jsonl") for fmt, files in corpus.items()}


def _headline(s: dict[str, Any]) -> tuple[float, float, float]:
    return s["document_fields"], s["citations"]["f1"], s["figures"]["f1"]


def test_the_corpus_has_the_samples_the_documents_and_the_tables():
    names = {d.source for d in corpus_docs()}
    assert len(names) >= 17
    assert "bc-nam-2023-trung-tam-dvvl-ha-nam.txt" in names


@pytest.mark.parametrize("fmt", sorted(THRESHOLDS))
def test_each_format_keeps_its_scores(scores, fmt):
    assert scores[fmt]["documents"] >= (8 if fmt == "pdf-legacy" else 17)
    reached = _headline(scores[fmt])
    names = ("doc", "citations", "figures")
    for name, value, floor in zip(names, reached, THRESHOLDS[fmt], strict=True):
        assert value >= floor, f"{fmt} {name}: {value:.3f} < {floor}"


@pytest.mark.parametrize("fmt", ["docx", "pdf", "tcvn3", "vni"])
def test_docx_and_pdf_score_within_two_points_of_the_text(scores, fmt):
    for txt, other in zip(_headline(scores["txt"]), _headline(scores[fmt]), strict=True):
        assert other >= txt - 0.02


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_figure_attributes_survive_the_layout(scores, fmt):
    attributes = scores[fmt]["attributes"]
    for key in ("figures.unit", "figures.kind", "figures.plan_percent", "figures.change_percent"):
        assert attributes[key] >= 0.97, key
    assert attributes["figures.target"] >= 0.97
