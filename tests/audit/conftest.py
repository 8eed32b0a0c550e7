import pytest


@pytest.fixture
def unit_admin(world):
    """An admin of Trung tâm Dịch vụ việc làm Sơn La (and its phòng), nothing else."""
    from django.contrib.auth import get_user_model

    from danvan.accounts.models import Role, RoleKind

    user = get_user_model().objects.create_user("quantri.ttdvvl", first_name="Quản trị")
    Role.objects.create(user=user, unit=world.units["ttdvvl"], kind=RoleKind.ADMIN)
    return user


@pytest.fixture
def full_world(db):
    """The whole demo (`danvan demo`): every app's data, hence every app's audit entries."""
    from danvan.web.demo import load_all

    return load_all()
