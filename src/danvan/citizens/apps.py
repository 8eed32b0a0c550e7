from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "danvan.citizens"
    label = "citizens"
    verbose_name = "Tiếp công dân, đơn thư, đối thoại"

    def dashboard_widgets(self, request) -> list[dict]:
        """Home page reminders: the user's petitions overdue or due soon."""
        # app modules load models: importable only once the app registry is ready
        from .services import reminder_widgets

        return reminder_widgets(request.user)
