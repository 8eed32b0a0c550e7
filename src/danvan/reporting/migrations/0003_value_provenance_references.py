"""IndicatorValue's provenance becomes real references to the archived
document and its figure.

The old column held a plain integer: ids of documents that no longer exist
(or never did) become NULL; the figure is filled in where the stored offsets
name exactly one figure of that document."""

import django.db.models.deletion
from django.db import migrations, models


def null_dangling_ids(apps, schema_editor):
    Value = apps.get_model("reporting", "IndicatorValue")
    Document = apps.get_model("documents", "Document")
    Value.objects.filter(document_id__isnull=False).exclude(
        document_id__in=Document.objects.values("pk")
    ).update(document_id=None)


def link_figures(apps, schema_editor):
    Value = apps.get_model("reporting", "IndicatorValue")
    Figure = apps.get_model("documents", "DocumentFigure")
    rows = Value.objects.filter(document__isnull=False, figure_start__isnull=False)
    for value in rows.only("pk", "document_id", "figure_start", "figure_end"):
        match = list(
            Figure.objects.filter(
                document_id=value.document_id, start=value.figure_start, end=value.figure_end
            ).values_list("pk", flat=True)[:2]
        )
        if len(match) == 1:
            Value.objects.filter(pk=value.pk).update(figure_id=match[0])


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("reporting", "0002_rollup_covering_index"),
    ]

    # Updates that touch a foreign key come last: PostgreSQL refuses to alter a
    # table with pending trigger events in the same transaction.
    operations = [
        migrations.RunPython(null_dangling_ids, migrations.RunPython.noop),
        migrations.RenameField(
            model_name="indicatorvalue", old_name="document_id", new_name="document"
        ),
        migrations.AlterField(
            model_name="indicatorvalue",
            name="document",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="indicator_values",
                to="documents.document",
                verbose_name="văn bản nguồn",
            ),
        ),
        migrations.AddField(
            model_name="indicatorvalue",
            name="figure",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="indicator_values",
                to="documents.documentfigure",
                verbose_name="số liệu nguồn",
            ),
        ),
        migrations.RunPython(link_figures, migrations.RunPython.noop),
    ]
