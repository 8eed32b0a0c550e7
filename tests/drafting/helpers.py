"""Helpers shared by the drafting tests."""

from __future__ import annotations

import datetime as dt


def new_request(world, *, headings, indicators, period="2024-H1", title="Báo cáo thử"):
    from danvan.reporting import services as rs

    return rs.create_request(
        world.admin,
        title=title,
        requester_unit=world.units["sldtbxh"],
        period=period,
        deadline=dt.date(2024, 6, 20),
        units=[world.units["ttdvvl"]],
        indicators=indicators,
        headings=headings,
    )
