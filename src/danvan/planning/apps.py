from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "danvan.planning"
    label = "planning"
