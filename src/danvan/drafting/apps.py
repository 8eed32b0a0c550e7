from django.apps import AppConfig


class DraftingConfig(AppConfig):
    name = "danvan.drafting"
    label = "drafting"
    verbose_name = "Soạn thảo văn bản"
