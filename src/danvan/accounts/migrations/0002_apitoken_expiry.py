"""API tokens expire: existing tokens get DANVAN_TOKEN_DAYS from now (not from their
issue date, so no running integration breaks the minute this is deployed)."""

import datetime as dt

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def set_expiry(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    until = timezone.now() + dt.timedelta(days=settings.DANVAN_TOKEN_DAYS)
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=until)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="hết hạn"),
        ),
        migrations.RunPython(set_expiry, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="hết hạn"),
        ),
        migrations.AlterModelOptions(
            name="apitoken",
            options={"verbose_name": "mã truy cập API", "verbose_name_plural": "mã truy cập API"},
        ),
    ]
