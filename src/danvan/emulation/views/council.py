"""The round's council page: the vote of each nomination, 50 a page.

A page's votes are saved with that page (the buttons below the table save and
then move), so moving through a long list never loses what was typed; the
meeting's numbers (members, present) are the round's and re-measure the votes
already recorded on the other pages (services.record_council_vote)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from danvan.core.rules.awards import VOTE_THRESHOLDS
from danvan.emulation import forms, services
from danvan.emulation.access import get_round
from danvan.emulation.models import NominationStatus
from danvan.emulation.routes import pages
from danvan.web.sorting import PARAM, Column, sorted_page

from . import steps
from .common import attempt

S = NominationStatus
BEFORE_DISCLOSURE = (S.DRAFT, S.COUNCIL_VOTED, S.REJECTED)
COUNCIL_COLUMNS = [
    Column("ten", "Đề nghị", ("staff__full_name", "collective__name")),
    Column("danh_hieu", "Danh hiệu, hình thức", ("title", "staff__full_name")),
    Column("trang_thai", "Trạng thái", ("status", "staff__full_name")),
]


def _posted_votes(request, rnd) -> tuple[dict, dict, list[str]]:
    """The votes posted (the page's inputs), as typed to show again, as numbers,
    and the bad ones; each id resolves among the round's nominations before
    disclosure, so a row that moved to another page meanwhile is still saved."""
    ids = {
        int(key.split("_", 1)[1])
        for key in request.POST
        if key.startswith(("for_", "against_")) and key.split("_", 1)[1].isdigit()
    }
    noms = rnd.nominations.filter(status__in=BEFORE_DISCLOSURE, pk__in=ids).select_related(
        "staff", "collective"
    )
    typed: dict[int, tuple[str, str]] = {}
    votes: dict[int, tuple[int, int]] = {}
    bad = []
    for n in noms:
        yes = request.POST.get(f"for_{n.pk}", "").strip()
        no = request.POST.get(f"against_{n.pk}", "").strip()
        typed[n.pk] = (yes, no)
        if typed[n.pk] == ("", ""):
            continue
        try:
            votes[n.pk] = (int(yes or 0), int(no or 0))
        except ValueError:
            bad.append(str(n))
    return typed, votes, bad


def _page_url(rnd, request, number) -> str:
    query = {k: request.GET[k] for k in (PARAM,) if request.GET.get(k)}
    if number and int(number) > 1:
        query["trang"] = number
    url = reverse("emulation:awardround_council", args=[rnd.pk])
    return url + ("?" + urlencode(query) if query else "")


def _target_page(request, page) -> int | None:
    """The page the secretary asked to move to after saving (a pager button)."""
    asked = request.POST.get("sang", "")
    if asked.isdigit() and 1 <= int(asked) <= page.paginator.num_pages:
        return int(asked)
    return None


def _save(request, rnd, form, votes, page):
    """Record the page's votes; the response (a redirect) when saved, else None."""
    data = form.cleaned_data
    ok, done = attempt(
        request,
        lambda: services.record_council_vote(
            request.user,
            rnd,
            held_on=data["held_on"],
            members=data["members"],
            present=data["present"],
            votes=votes,
        ),
        form=form,
    )
    if not ok:
        return None
    passed = sum(1 for n in done if n.status == S.COUNCIL_VOTED)
    where = f" (trang {page.number})" if page.has_other_pages() else ""
    messages.success(
        request,
        f"Đã ghi kết quả bỏ phiếu {len(done)} đề nghị{where}: {passed} được thông qua, "
        f"{len(done) - passed} không đạt tỷ lệ.",
    )
    for n in done:
        if n.return_reason:
            messages.warning(request, f"{n}: {n.return_reason}.")
    target = _target_page(request, page)
    if target is None and not page.has_other_pages():
        return redirect("emulation:awardround_detail", awardround_pk=rnd.pk)
    return redirect(_page_url(rnd, request, target or page.number))


def _rows(page, typed) -> list[dict]:
    rows = []
    for n in page:
        yes, no = typed.get(
            n.pk,
            (
                "" if n.votes_for is None else str(n.votes_for),
                "" if n.votes_against is None else str(n.votes_against),
            ),
        )
        threshold = VOTE_THRESHOLDS.get(n.title)
        rows.append(
            {
                "n": n,
                "yes": yes,
                "no": no,
                "threshold": threshold.percent if threshold else None,
                "threshold_basis": threshold.basis.provision if threshold else "",
            }
        )
    return rows


def _tally(rnd) -> dict:
    """The whole round's count (every page): waiting, voted, passed, not passed."""
    rows = rnd.nominations.filter(status__in=BEFORE_DISCLOSURE)
    counts = Counter(rows.values_list("status", flat=True))
    voted = rows.filter(votes_for__isnull=False).count()
    return {
        "total": sum(counts.values()),
        "voted": voted,
        "passed": counts[S.COUNCIL_VOTED],
        "rejected": counts[S.REJECTED],
        "waiting": sum(counts.values()) - voted,
    }


@pages.route("dot/<int:awardround_pk>/hoi-dong/", name="awardround_council")
@login_required
def round_council(request, awardround_pk: int):
    rnd = get_round(request.user, awardround_pk)
    can_vote = steps.may(request.user, rnd, "council") and rnd.disclosure_start is None
    page, sorting = sorted_page(
        request,
        rnd.nominations.filter(status__in=BEFORE_DISCLOSURE).select_related("staff", "collective"),
        COUNCIL_COLUMNS,
        "ten",
    )
    initial = {
        "held_on": rnd.council_held_on or dt.date.today(),
        "members": rnd.council_members,
        "present": rnd.council_present,
    }
    form = forms.CouncilForm(request.POST or None, initial=initial)
    typed: dict[int, tuple[str, str]] = {}
    if request.method == "POST" and can_vote:
        typed, votes, bad = _posted_votes(request, rnd)
        target = _target_page(request, page)
        if bad:
            form.is_valid()
            form.add_error(None, "Số phiếu phải là số nguyên: " + "; ".join(bad) + ".")
        elif not votes and target is not None:
            return redirect(_page_url(rnd, request, target))  # nothing typed: just move
        elif form.is_valid() and (done := _save(request, rnd, form, votes, page)) is not None:
            return done
    return render(
        request,
        "emulation/council.html",
        {
            "rnd": rnd,
            "form": form,
            "rows": _rows(page, typed),
            "page": page,
            "sorting": sorting,
            "tally": _tally(rnd),
            "can_vote": can_vote,
            "step_hint": steps.hint_unless_may(request.user, rnd, "council"),
        },
    )
