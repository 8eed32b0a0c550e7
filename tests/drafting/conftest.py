import pytest


@pytest.fixture
def full_world(db):
    from danvan.web.demo import load_all

    return load_all()
