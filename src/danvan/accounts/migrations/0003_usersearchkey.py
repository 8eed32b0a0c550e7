import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from danvan.core.text import fold


def fill_keys(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    UserSearchKey = apps.get_model("accounts", "UserSearchKey")
    keys = []
    for user in User.objects.all().iterator():
        text = (
            f"{user.username} {user.first_name} {user.last_name} {user.last_name} {user.first_name}"
        )
        keys.append(UserSearchKey(user_id=user.pk, search_key=fold(f"{text} {user.email}")[:300]))
    UserSearchKey.objects.bulk_create(keys, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_apitoken_expiry"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="UserSearchKey",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("search_key", models.CharField(blank=True, db_index=True, max_length=300)),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="folded",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"verbose_name": "khóa tìm kiếm người dùng"},
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
