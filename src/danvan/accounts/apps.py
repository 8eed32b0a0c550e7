from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và vai trò"

    def ready(self) -> None:
        # app modules load models: importable only once the app registry is ready
        from danvan.orgunits import services as unit_services

        from . import access, checks, search, tokens  # noqa: F401  (checks, signals)

        def checker(user, action, unit):
            if unit is None:
                return access.is_global_admin(user)
            return access.can(user, action, unit)

        unit_services.set_permission_checker(checker)
