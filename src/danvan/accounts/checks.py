"""System checks (run by `danvan check`)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def data_dir_writable(app_configs, **kwargs):
    path = settings.DATA_DIR
    if not os.access(path, os.W_OK):
        return [
            checks.Error(
                f"Data directory {path} is not writable (thư mục dữ liệu không ghi được).",
                hint="Set DANVAN_DATA_DIR to a writable folder.",
                id="danvan.E001",
            )
        ]
    return []
