"""The person picker of a round (HTMX fragment): people and collectives of the
round's unit matching what was typed, a page at a time."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from danvan.emulation import services
from danvan.emulation.access import get_round
from danvan.emulation.routes import pages


@pages.route("dot/<int:awardround_pk>/tim-doi-tuong/", name="awardround_subjects")
@login_required
def round_subjects(request, awardround_pk: int):
    rnd = get_round(request.user, awardround_pk)
    field = request.GET.get("ten", "")
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,40}", field):
        field = "subject"
    query = " ".join(request.GET.get(f"{field}__tim", request.GET.get("q", "")).split())[:100]
    found, more = services.search_subjects(rnd, query)
    return render(
        request,
        "emulation/_subject_options.html",
        {"found": found, "more": more, "field": field, "query": query},
    )
