"""Round trip: every type we generate, read back by the extractor.

The samples of `danvan render --samples` (built from the demo data) are
rendered to DOCX; `extract_path` must return the type, số ký hiệu, date,
issuer, signer and the figures (values, % of plan, change on the same period)
we put in; check_layout must find nothing outside Nghị định 30's ranges; and
page 1 goes through LibreOffice and pdftoppm into test-output/ for a person.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from danvan.core.extract.pipeline import extract_path
from danvan.core.render import check_layout, pdf_page_png
from danvan.core.render.figures import round_percent
from danvan.core.text import collapse_ws

NAMES = [
    "1-bao-cao",
    "2-ke-hoach",
    "3-to-trinh",
    "4-quyet-dinh",
    "5-cong-van",
    "6-thong-bao",
    "7-bao-cao-dang",
]


def fold(text: str | None) -> str:
    return collapse_ws(text or "").replace("–", "-").casefold()


def _render_samples():
    from danvan.drafting.outputs import render
    from danvan.drafting.samples import build_samples

    return {
        s.name: (
            s,
            render(s.unit, s.doc_type, s.title, s.content, s.number, s.issued_on),
            s.unit.name,
        )
        for s in build_samples()
    }


@pytest.fixture
def rendered(full_world):
    return _render_samples()


def test_the_samples_cover_every_type_we_generate(rendered):
    assert sorted(rendered) == NAMES
    types = {s.doc_type for s, _, _ in rendered.values()}
    assert types == {"bao_cao", "ke_hoach", "to_trinh", "quyet_dinh", "cong_van", "thong_bao"}
    party = [r.spec for _, r, _ in rendered.values() if r.spec.issuer.party]
    assert [p.symbol for p in party] == ["01-BC/BDVTU"]


def _expected_figures(sample) -> list[dict]:
    out = []
    for t in sample.figures:
        plan = round_percent(Decimal(t["plan_percent"])) if t.get("plan_percent") else None
        chg = round_percent(Decimal(t["change_percent"])) if t.get("change_percent") else None
        out.append(
            {
                "value": Decimal(t["value"]),
                "plan_percent": plan,
                "change_percent": chg,
                "target": Decimal(t["target"]) if t.get("kind") == "count" else None,
            }
        )
    return out


@pytest.mark.parametrize("name", NAMES)
def test_each_type_reads_back_passes_the_layout_check_and_renders_page_one(
    rendered, name, tmp_path, test_output
):
    """One test per type (the demo is loaded once per test): extraction, layout, PNG."""
    from danvan.drafting.outputs import make_pdf

    sample, result, issuer = rendered[name]
    path = tmp_path / f"{name}.docx"
    path.write_bytes(result.docx)
    got = extract_path(path)
    assert "error" not in got or not got["error"]
    doc = got["document"]
    assert doc["doc_type"] == sample.doc_type
    assert doc["number"] == result.spec.symbol
    assert doc["issued_on"] == sample.issued_on.isoformat()
    assert fold(doc["issuer"]) == fold(issuer)
    signer = sample.content["signer"]
    assert doc["signer"]["name"] == signer["name"]
    assert (doc["signer"]["authority"] or "") == signer["authority"]
    assert fold(doc["signer"]["on_behalf_of"]) == fold(signer["on_behalf_of"])

    expected = _expected_figures(sample)
    figures = got["figures"]
    # Every figure sentence we wrote reads back with its plan and change
    # percentages. The indicator tables repeat those values (and add per-unit
    # breakdowns), and the extractor rightly reads table rows as figures too,
    # so a value may come back more than once.
    for e in expected:
        same_value = [f for f in figures if Decimal(str(f["value"])) == e["value"]]
        assert same_value, f"{e['value']} not read back"
        attrs = {
            (
                Decimal(str(f["plan_percent"])) if f["plan_percent"] is not None else None,
                Decimal(str(f["change_percent"])) if f["change_percent"] is not None else None,
            )
            for f in same_value
        }
        assert (e["plan_percent"], e["change_percent"]) in attrs, (e, same_value)
        if e["target"] is not None:
            assert any(
                f["target"] is not None and Decimal(str(f["target"])) == e["target"]
                for f in same_value
            ), (e, same_value)

    assert [p.message for p in check_layout(result.docx)] == []

    made = make_pdf(result.docx)
    assert made.pdf is not None, made.message
    png = pdf_page_png(made.pdf, 1, dpi=80)
    assert png.startswith(b"\x89PNG")
    (test_output / f"drafting-{name}.png").write_bytes(png)


def test_figures_with_plan_and_change_are_in_the_report(rendered):
    sample = rendered["1-bao-cao"][0]
    texts = [b["text"] for b in sample.content["body"] if b["k"] == "figure"]
    assert any(
        "8.794 lượt người, đạt 103% kế hoạch năm, tăng 43% so với cùng kỳ năm 2021" in t
        for t in texts
    )
