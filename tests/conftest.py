"""Shared fixtures: the demo world and its personas.

Personas (see danvan.accounts.demo): a unit officer and the unit's head at
Trung tâm Dịch vụ việc làm Sơn La, the council secretary there, a superior
reviewer at Sở Lao động – Thương binh và Xã hội, and an outsider from another
branch (Sở Y tế). Permission tests use all of them.
"""

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "samples"
TEST_OUTPUT = REPO / "test-output"

# Test folders are packages (basenames repeat across folders); helper modules
# that sit beside the tests (rules_builders.py, ...) stay importable by name.
for _helper in Path(__file__).parent.rglob("*_builders.py"):
    if str(_helper.parent) not in sys.path:
        sys.path.insert(0, str(_helper.parent))


@pytest.fixture(autouse=True)
def _fast_passwords(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # Jobs run inside the call that starts them (tests about the worker itself start
    # real worker processes: tests/jobs/test_worker.py).
    settings.DANVAN_JOBS_BACKEND = "immediate"


@pytest.fixture
def world(db):
    """The demo org tree and users (units by key, users by username)."""
    from danvan.accounts import demo

    return demo.load()


@pytest.fixture
def units(world):
    return world.units


@pytest.fixture
def admin_user(world):
    return world.admin


@pytest.fixture
def officer(world):
    return world.users["canbo.ttdvvl"]


@pytest.fixture
def head(world):
    return world.users["giamdoc.ttdvvl"]


@pytest.fixture
def council(world):
    return world.users["thuky.ttdvvl"]


@pytest.fixture
def reviewer(world):
    return world.users["thamdinh.sldtbxh"]


@pytest.fixture
def outsider(world):
    return world.users["canbo.syt"]


@pytest.fixture
def personas(officer, head, reviewer, outsider):
    return {"officer": officer, "head": head, "reviewer": reviewer, "outsider": outsider}


@pytest.fixture
def client_for(client):
    """client_for(user) → a Django test client logged in as that user."""
    from django.test import Client

    def make(user):
        c = Client()
        c.force_login(user)
        return c

    return make


@pytest.fixture(scope="session")
def test_output():
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT
