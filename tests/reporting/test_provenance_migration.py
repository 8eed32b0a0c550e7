"""Migration 0003: a value's document id becomes a real reference; ids of
documents that do not exist become NULL and the figure is linked by offsets."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("reporting", "0002_rollup_covering_index"),
    ("documents", "0001_initial"),
    ("orgunits", "0001_initial"),  # the units are made with the fields of that time
]
AFTER = [("reporting", "0003_value_provenance_references")]


@pytest.mark.django_db(transaction=True)
def test_existing_ids_are_kept_and_dangling_ones_become_null():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    unit = old.get_model("orgunits", "OrgUnit").objects.create(
        name="Đơn vị thử", short_code="DVT", kind="agency", path="0001"
    )
    indicator = old.get_model("planning", "Indicator").objects.create(
        code="T1", name="Thử", unit_of_measure="lượt"
    )
    doc = old.get_model("documents", "Document").objects.create(
        unit_id=unit.pk,
        sha256="a" * 64,
        original_name="a.txt",
        size=1,
        format="txt",
        text="x 5",
        extracted_at=timezone.now(),
    )
    fig = old.get_model("documents", "DocumentFigure").objects.create(
        document_id=doc.pk, start=2, end=3, text="x 5", value=5
    )
    Value = old.get_model("reporting", "IndicatorValue")
    common = dict(indicator_id=indicator.pk, unit_id=unit.pk, year=2022, source="document")
    kept = Value.objects.create(
        period="2022-Y", document_id=doc.pk, figure_start=2, figure_end=3, **common
    )
    dangling = Value.objects.create(period="2022-H1", document_id=doc.pk + 999, **common)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("reporting", "IndicatorValue")
    kept, dangling = new.objects.get(pk=kept.pk), new.objects.get(pk=dangling.pk)
    assert (kept.document_id, kept.figure_id) == (doc.pk, fig.pk)
    assert (dangling.document_id, dangling.figure_id) == (None, None)
    executor.loader.build_graph()
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
