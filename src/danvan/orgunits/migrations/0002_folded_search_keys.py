"""A stored folded search key (no case, no diacritics, đ = d) on units and staff."""

from django.db import migrations, models

from danvan.core.text import fold


def fill_keys(apps, schema_editor):
    """Existing rows get the key the models keep on save."""
    sources = {
        "OrgUnit": lambda u: f"{u.name} {u.short_code}",
        "StaffMember": lambda s: f"{s.full_name} {s.code} {s.position}",
    }
    for name, text in sources.items():
        model = apps.get_model("orgunits", name)
        for row in model.objects.all().iterator():
            model.objects.filter(pk=row.pk).update(search_key=fold(text(row))[:300])


class Migration(migrations.Migration):
    dependencies = [
        ("orgunits", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="orgunit",
            name="search_key",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=300),
        ),
        migrations.AddField(
            model_name="staffmember",
            name="search_key",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=300),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
