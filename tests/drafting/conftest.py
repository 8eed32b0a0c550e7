import pytest


@pytest.fixture
def full_world(db):
    from danvan.web.demo import load_all

    return load_all()


@pytest.fixture
def report(full_world):
    from danvan.reporting.models import UnitReport

    return UnitReport.objects.get(unit=full_world.units["ttdvvl"], request__period="2022-H1")
