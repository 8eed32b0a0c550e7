from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "danvan.jobs"
    label = "jobs"
    verbose_name = "Công việc chạy nền"

    def ready(self) -> None:
        # Each app declares its job kinds in `<app>/jobs.py`; importing them fills the registry.
        # app modules load models: importable only once the app registry is ready
        from . import mail, probe  # noqa: F401 - register the send_mail and probe kinds

        autodiscover_modules("jobs")
