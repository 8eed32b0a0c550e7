from django.apps import AppConfig


class OrgunitsConfig(AppConfig):
    name = "danvan.orgunits"
    label = "orgunits"
