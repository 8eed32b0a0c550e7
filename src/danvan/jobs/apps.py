from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "danvan.jobs"
    label = "jobs"
    verbose_name = "Công việc chạy nền"

    def ready(self) -> None:
        # Each app declares its job kinds in `<app>/jobs.py`; importing them fills the registry.
        # app modules load models: importable only once the app registry is ready
        from . import mail  # noqa: F401 - registers the send_mail kind

        autodiscover_modules("jobs")
