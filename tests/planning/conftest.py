import pytest


@pytest.fixture
def demo(world):
    """The demo world with the planning and reporting demo data."""
    from danvan.planning import demo as planning_demo
    from danvan.reporting import demo as reporting_demo

    planning_demo.extend(world)
    reporting_demo.extend(world)
    return world


@pytest.fixture
def ind(demo):
    from danvan.planning.models import Indicator

    return {i.code: i for i in Indicator.objects.all()}
