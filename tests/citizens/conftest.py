import pytest


@pytest.fixture
def book(db):
    from danvan.web.demo import load_all

    return load_all()
