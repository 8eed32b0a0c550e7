import datetime as dt
from decimal import Decimal

import pytest


@pytest.fixture
def demo(world):
    """The demo world with the emulation records and rounds (2024 decided, 2025 open)."""
    from danvan.emulation import demo as emulation_demo

    emulation_demo.extend(world)
    return world


@pytest.fixture
def staff(demo):
    from danvan.orgunits.models import StaffMember

    return {
        s.full_name: s
        for s in StaffMember.objects.filter(
            unit__path__startswith=demo.units["ttdvvl"].path
        ).select_related("unit")
    }


@pytest.fixture
def round_2025(demo):
    from danvan.emulation.models import AwardRound

    return AwardRound.objects.get(unit=demo.units["ttdvvl"], year=2025)


@pytest.fixture
def round_2024(demo):
    from danvan.emulation.models import AwardRound

    return AwardRound.objects.get(unit=demo.units["ttdvvl"], year=2024)


@pytest.fixture
def walk(demo, officer, council, head):
    """walk(round, items) → the round with those nominations voted, disclosed and
    the disclosure period over (dates moved into the past as days passing would)."""
    from danvan.emulation import services

    def do(rnd, items, submit=False):
        if items:
            services.nominate_many(officer, rnd, items)
        noms = list(rnd.nominations.filter(status="draft"))
        services.record_council_vote(
            council,
            rnd,
            held_on=dt.date.today(),
            members=7,
            present=6,
            votes={n.pk: (6, 0) for n in noms},
        )
        services.open_disclosure(officer, rnd, on=dt.date.today() - dt.timedelta(days=10))
        rnd.refresh_from_db()
        if submit:
            services.submit_round(head, rnd)
        return noms

    return do


@pytest.fixture
def threshold():
    return Decimal("70")
