"""Two people issuing at the same moment never get the same number."""

from __future__ import annotations

import datetime as dt
import threading
import time

from django.db import OperationalError, connection, connections

from danvan.drafting import services
from danvan.drafting.models import IssuedNumber, NumberRegister


def test_concurrent_issues_get_distinct_consecutive_numbers(transactional_db):
    from danvan.accounts import demo

    world = demo.load()
    unit = world.units["ttdvvl"]
    head = world.users["giamdoc.ttdvvl"]
    day = dt.date(2026, 4, 1)
    workers = 6
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []

    def issue() -> None:
        try:
            barrier.wait()
            for _attempt in range(200):
                try:
                    services.issue_number(head, unit=unit, doc_type="cong_van", issued_on=day)
                    return
                except OperationalError:
                    # SQLite's in-memory test database answers "locked" instead of
                    # waiting; a real file database waits (timeout). Try again.
                    time.sleep(0.01)
            raise AssertionError("never got a number")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(IssuedNumber.objects.filter(unit=unit).values_list("number", flat=True))
    assert numbers == list(range(1, workers + 1))
    assert (
        NumberRegister.objects.get(unit=unit, doc_type="cong_van", year=2026).last_number == workers
    )
    assert connection.vendor in ("sqlite", "postgresql")
