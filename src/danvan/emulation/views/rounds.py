"""Pages of a round: list, creation, suggestions, nominations, pledges,
council vote, disclosure, submission, appraisal and decision."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from danvan.accounts import access
from danvan.core.errors import DomainError
from danvan.core.rules import TITLES
from danvan.core.rules.awards import VOTE_THRESHOLDS, vote_passes, votes_needed
from danvan.emulation import forms, services
from danvan.emulation.access import (
    decisions_for,
    get_nomination,
    get_round,
    nominations_for,
    rounds_for,
)
from danvan.emulation.models import CLOSED_STATUSES, EmulationPledge, NominationStatus
from danvan.emulation.routes import pages
from danvan.jobs.pages import job_of
from danvan.orgunits.models import head_title
from danvan.web.actions import confirm_page
from danvan.web.forms import pick
from danvan.web.paging import page_of
from danvan.web.sorting import Column, render_sorted, sorted_page
from danvan.web.templatetags.vn import vndate

from . import steps
from .common import (
    attempt,
    delete_posted,
    money_of_page,
    post_only,
    quota_rows,
    rights,
    saved,
    with_edit_units,
)

S = NominationStatus
STATUS_BADGES: dict[str, str] = {
    S.DRAFT: "",
    S.COUNCIL_VOTED: "ok",
    S.REJECTED: "bad",
    S.DISCLOSED: "warn",
    S.SUBMITTED: "warn",
    S.APPRAISED: "ok",
    S.RETURNED: "bad",
    S.RECALLED: "bad",
    S.DECIDED: "ok",
}


ROUND_COLUMNS = [
    Column("ten", "Đợt", ("name",)),
    Column("nam", "Năm", ("year", "unit__path")),
    Column("don_vi", "Đơn vị đề nghị", ("unit__path", "-year")),
    Column("quyet_dinh", "Cơ quan quyết định", ("deciding_unit__path", "-year")),
]


@pages.route("")
@login_required
def index(request):
    page, sorting = sorted_page(
        request,
        rounds_for(request.user).select_related("unit", "deciding_unit"),
        ROUND_COLUMNS,
        "-nam",
    )
    rounds = list(page)
    stats = {}
    for rnd in rounds:
        counts = Counter(rnd.nominations.values_list("status", flat=True))
        stats[rnd.pk] = {
            "stage": services.round_stage(rnd, counts),
            "total": sum(counts.values()),
            "decided": counts.get(S.DECIDED, 0),
        }
    rows = [{"round": r, **stats[r.pk]} for r in rounds]
    can_create = access.visible_units(request.user, "edit").exists()
    return render(
        request,
        "emulation/index.html",
        {
            "rows": rows,
            "page": page,
            "sorting": sorting,
            "can_create": can_create,
            "decisions": decisions_for(request.user)[:10],
        },
    )


def _deciding_choices(units):
    seen = {}
    for unit in units:
        for u in [*unit.ancestors(), unit]:
            seen[u.pk] = u
    return sorted(seen.values(), key=lambda u: u.path)


@pages.route("dot/moi/")
@login_required
@with_edit_units("Bạn không có quyền mở đợt xét khen thưởng.", "emulation:index")
def round_create(request, units):
    current = getattr(request, "unit", None)
    initial = {
        "year": dt.date.today().year,
        "unit": current.pk if current in units else units[0].pk,
    }
    first = current if current in units else units[0]
    if first.parent_id:
        initial["deciding_unit"] = first.parent_id
    form = forms.RoundForm(
        request.POST or None, units=units, deciding=_deciding_choices(units), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_pk = {u.pk: u for u in _deciding_choices(units)}
        unit = next(u for u in units if u.pk == data["unit"])
        ok, rnd = attempt(
            request,
            lambda: services.create_round(
                request.user,
                unit=unit,
                year=data["year"],
                kind=data["kind"],
                name=data["name"],
                deciding_unit=by_pk[data["deciding_unit"]],
                authority=data["authority"],
                approval_threshold=data["approval_threshold"],
                disclosure_days=data["disclosure_days"],
            ),
            "Đã mở đợt xét khen thưởng.",
            form=form,
        )
        if ok:
            return redirect("emulation:awardround_detail", awardround_pk=rnd.pk)
    return render(request, "emulation/round_form.html", {"form": form})


NOMINATION_COLUMNS = [
    Column("ten", "Cá nhân, tập thể", ("staff__full_name", "collective__name")),
    Column("danh_hieu", "Danh hiệu, hình thức", ("title",)),
    Column("trang_thai", "Trạng thái", ("status",)),
    Column("ty_le", "Tỷ lệ đồng ý", ("approval_percent",)),
]


def _nomination_rows(nominations, evaluation):
    rows = []
    for n in nominations:
        res = evaluation.by_nomination.get(n.pk) if evaluation else None
        if res is not None:
            checks = [
                {"rule": c.rule, "result": str(c.result), "message": c.message, "basis": c.basis}
                for c in res.checks
            ]
            eligible = res.eligible
        else:
            checks, eligible = n.checks, n.eligible
        rows.append(
            {
                "n": n,
                "checks": checks,
                "eligible": eligible,
                "failing": [c for c in checks if c["result"] == "fail"],
                "unknown": [c for c in checks if c["result"] == "unknown"],
                "badge": STATUS_BADGES.get(n.status, ""),
            }
        )
    return rows


@pages.route("dot/<int:awardround_pk>/", name="awardround_detail")
@login_required
def round_detail(request, awardround_pk: int):
    rnd = get_round(request.user, awardround_pk)
    evaluation, engine_error = None, None
    try:
        evaluation = services.evaluate_round(rnd)
    except DomainError as exc:  # a scenario the engine refuses: show it, do not fail
        engine_error = exc.message
    counts = Counter(rnd.nominations.values_list("status", flat=True))
    page, sorting = sorted_page(
        request,
        rnd.nominations.select_related("staff", "staff__unit", "collective"),
        NOMINATION_COLUMNS,
        "trang_thai",
    )
    ctx = {
        "rnd": rnd,
        "stage": services.round_stage(rnd, counts),
        "rows": _nomination_rows(page, evaluation),
        "job": job_of(request),
        "page": page,
        "sorting": sorting,
        "quotas": quota_rows(evaluation),
        "engine_error": engine_error,
        "pledges": rnd.pledges.select_related("staff", "collective"),
        "decisions": rnd.decisions.all(),
        "counts": counts,
        "form": forms.NominationForm(**_subjects(rnd)),
        "disclosure_open": services.disclosure_open(rnd),
        "money": money_of_page(services.round_money(rnd), page),
        "authority_problems": services.authority_problems(
            rnd,
            rnd.nominations.exclude(status__in=CLOSED_STATUSES).values_list("title", flat=True),
            services.today(),
        ),
        "authority_rows": services.authority_table(rnd, services.today()),
        "cluster": cluster_context(rnd),
        **vote_context(rnd),
        **rights(request.user, rnd),
        **steps.next_step_context(request.user, rnd, counts),
    }
    return render(request, "emulation/round_detail.html", ctx)


def vote_context(rnd) -> dict:
    """Nominations whose title has a national council threshold (NĐ 152/2025
    Điều 33 khoản 5): how many yes votes of all council members they need."""
    rows = []
    for nom in rnd.nominations.exclude(status__in=CLOSED_STATUSES).select_related(
        "staff", "collective"
    ):
        threshold = VOTE_THRESHOLDS.get(nom.title)
        if threshold is None:
            continue
        members = nom.council_members or rnd.council_members
        rows.append(
            {
                "subject": nom.subject_name,
                "label": nom.get_title_display(),
                "percent": threshold.percent,
                "members": members,
                "needed": votes_needed(nom.title, members) if members else None,
                "yes": nom.votes_for,
                "passes": vote_passes(nom.title, nom.votes_for, members)
                if members and nom.votes_for is not None
                else None,
            }
        )
    basis = next(iter(VOTE_THRESHOLDS.values())).basis.text()
    return {"vote_rows": rows, "vote_basis": f"Căn cứ: {basis}."}


def cluster_context(rnd) -> dict | None:
    """The Cờ thi đua của Chính phủ cap (NĐ 152/2025 Điều 7 khoản 1) when the
    round proposes the flag or its cụm, khối leaders are recorded."""
    live = list(rnd.nominations.exclude(status__in=CLOSED_STATUSES))
    cap = services.cluster_cap(rnd, live)
    return cap if cap["nominated"] or cap["rows"] else None


def _subjects(rnd) -> dict:
    """The searchable person picker's settings for a round's forms."""
    return {
        "search_url": reverse("emulation:awardround_subjects", args=[rnd.pk]),
        "chosen_label": lambda key: services.subject_label(rnd, key),
    }


def _for_subject(request, rnd, service: Callable[..., Any], data: dict, names: str):
    """The call of ``service`` (nominate, add a pledge) for the person or collective
    the form chose (a 'p12' / 'u5' key), with the form's other fields ``names``."""

    def act():
        staff, collective = services.subject_from_key(rnd, data["subject"])
        return service(request.user, rnd, staff=staff, collective=collective, **pick(data, names))

    return act


@pages.route("dot/<int:awardround_pk>/de-nghi/", name="awardround_nominate")
@login_required
def round_nominate(request, awardround_pk: int):
    rnd = get_round(request.user, awardround_pk)
    if request.method != "POST":
        return redirect("emulation:awardround_detail", awardround_pk=rnd.pk)
    form = forms.NominationForm(request.POST, **_subjects(rnd))
    if form.is_valid():
        act = _for_subject(request, rnd, services.nominate, form.cleaned_data, "title achievement")
        ok, nom = attempt(request, act, form=form)
        if ok:
            messages.success(request, f"Đã thêm đề nghị: {nom}.")
            return redirect("emulation:awardround_detail", awardround_pk=rnd.pk)
    for err in form.errors.values():
        for e in err:
            messages.error(request, str(e))
    return redirect("emulation:awardround_detail", awardround_pk=rnd.pk)


SUGGESTION_COLUMNS = [
    Column("ten", "Cá nhân, tập thể", ("name", "unit_name")),
    Column("don_vi", "Đơn vị", ("unit_name", "name")),
    Column("danh_hieu", "Danh hiệu", ("label", "name")),
]
PLEDGE_COLUMNS = [
    Column("ten", "Cá nhân, tập thể", ("staff__full_name", "collective__name")),
    Column("danh_hieu", "Danh hiệu đăng ký", ("title",)),
]


@pages.route("dot/<int:awardround_pk>/goi-y/", name="awardround_suggestions")
@login_required
def round_suggestions(request, awardround_pk: int):
    rnd = get_round(request.user, awardround_pk)
    can_edit = steps.may(request.user, rnd, "nominate")
    if request.method == "POST":
        picked = request.POST.getlist("pick")
        items = []
        for value in picked:
            key, _, title = value.partition(":")
            if title not in TITLES:
                messages.error(request, "Lựa chọn không hợp lệ; hãy tải lại trang.")
                return redirect("emulation:awardround_suggestions", awardround_pk=rnd.pk)
            items.append((key, title))
        ok, made = attempt(request, lambda: services.nominate_many(request.user, rnd, items))
        if ok:
            messages.success(request, f"Đã lập {len(made)} đề nghị từ gợi ý.")
            return redirect("emulation:awardround_detail", awardround_pk=rnd.pk)
        return redirect("emulation:awardround_suggestions", awardround_pk=rnd.pk)
    error = None
    rows = []
    try:
        rows = services.round_suggestions(rnd)
    except DomainError as exc:
        error = exc.message
    eligible = [r for r in rows if r.eligible]
    near = [r for r in rows if not r.eligible]
    show_near = request.GET.get("nhom") == "gan_dat"
    return render_sorted(
        request,
        "emulation/suggestions.html",
        near if show_near else eligible,
        SUGGESTION_COLUMNS,
        "ten",
        {
            "rnd": rnd,
            "eligible_count": len(eligible),
            "near_count": len(near),
            "show_near": show_near,
            "error": error,
            "can_edit": can_edit and rnd.submitted_on is None,
            "step_hint": "" if can_edit else steps.hint(rnd, "nominate"),
            "theme": services.theme_facts(request.user, rnd),
        },
    )


@pages.route("dot/<int:awardround_pk>/dang-ky/", name="awardround_pledges")
@login_required
def round_pledges(request, awardround_pk: int):
    rnd = get_round(request.user, awardround_pk)
    form = forms.PledgeForm(request.POST or None, **_subjects(rnd))
    if request.method == "POST":
        if "delete" in request.POST:
            delete_posted(
                request,
                rnd.pledges.all(),
                request.POST.get("delete"),
                services.delete_pledge,
                "đăng ký",
                "Đã xóa đăng ký.",
            )
            return redirect("emulation:awardround_pledges", awardround_pk=rnd.pk)
        if form.is_valid():
            act = _for_subject(request, rnd, services.add_pledge, form.cleaned_data, "title note")
            ok, _ = attempt(request, act, "Đã ghi đăng ký thi đua.", form=form)
            if ok:
                return redirect("emulation:awardround_pledges", awardround_pk=rnd.pk)
    return render_sorted(
        request,
        "emulation/pledges.html",
        EmulationPledge.objects.filter(round=rnd).select_related("staff", "collective"),
        PLEDGE_COLUMNS,
        "ten",
        {
            "rnd": rnd,
            "form": form,
            "can_edit": steps.may(request.user, rnd, "pledge"),
            "step_hint": steps.hint_unless_may(request.user, rnd, "pledge"),
        },
    )


DISCLOSURE_COLUMNS = [
    Column("ten", "Cá nhân, tập thể", ("staff__full_name", "collective__name")),
    Column("don_vi", "Đơn vị", ("staff__unit__path", "staff__full_name")),
    Column("danh_hieu", "Danh hiệu, hình thức", ("title",)),
    Column("ty_le", "Tỷ lệ phiếu đồng ý", ("approval_percent",)),
    Column("trang_thai", "Trạng thái", ("status",)),
]


@pages.route("dot/<int:awardround_pk>/cong-khai/", name="awardround_disclosure")
@login_required
def round_disclosure(request, awardround_pk: int):
    """The public list of the unit's proposals, with comments (within the unit)."""
    rnd = get_round(request.user, awardround_pk)
    public = rnd.nominations.exclude(status__in=(S.DRAFT, S.REJECTED)).select_related(
        "staff", "staff__unit", "collective"
    )
    listed = list(public.order_by("title", "pk"))
    form = forms.CommentForm(request.POST or None, nominations=listed)
    if request.method == "POST":
        if request.POST.get("action") == "open":
            attempt(
                request,
                lambda: services.open_disclosure(request.user, rnd),
                "Đã công khai danh sách đề nghị để lấy ý kiến.",
            )
            return redirect("emulation:awardround_disclosure", awardround_pk=rnd.pk)
        if saved(
            request,
            form,
            lambda d: services.add_comment(
                request.user,
                rnd,
                d["text"],
                nomination=next((n for n in listed if n.pk == d["nomination"]), None),
            ),
            "Đã ghi ý kiến góp ý.",
        ):
            return redirect("emulation:awardround_disclosure", awardround_pk=rnd.pk)
    return render_sorted(
        request,
        "emulation/disclosure.html",
        public,
        DISCLOSURE_COLUMNS,
        "danh_hieu",
        {
            "rnd": rnd,
            "comments": rnd.comments.select_related("author", "nomination"),
            "form": form,
            "is_open": services.disclosure_open(rnd),
            "can_open": steps.may(request.user, rnd, "disclose") and rnd.disclosure_start is None,
            "step_hint": ""
            if rnd.disclosure_start
            else steps.hint_unless_may(request.user, rnd, "disclose"),
            "ready": rnd.nominations.filter(status=S.COUNCIL_VOTED).count(),
        },
    )


@pages.route("dot/<int:awardround_pk>/trinh/", name="awardround_submit")
@login_required
def round_submit(request, awardround_pk: int):
    rnd = get_round(request.user, awardround_pk)
    if request.method == "POST" and not request.POST.get("confirmed"):
        listed = rnd.nominations.filter(status__in=(S.COUNCIL_VOTED, S.DISCLOSED)).count()
        return confirm_page(
            request,
            title="Ký và trình đề nghị khen thưởng",
            consequence=(
                f"{listed} đề nghị đã công khai sẽ được trình lên {rnd.deciding_unit.name} kèm "
                "Tờ trình và danh sách. Sau khi trình, đơn vị không thêm, sửa hay xóa đề nghị "
                "của đợt này được nữa; chỉ lãnh đạo đơn vị rút được từng đề nghị chưa thẩm định."
            ),
            button="Ký và trình đề nghị",
            back_url=reverse("emulation:awardround_submit", args=[rnd.pk]),
        )
    if request.method == "POST":
        ok, sent = attempt(request, lambda: services.submit_round(request.user, rnd))
        if ok:
            messages.success(
                request,
                f"Đã trình {len(sent)} đề nghị lên {rnd.deciding_unit.name} "
                "kèm Tờ trình và danh sách.",
            )
            return redirect("emulation:awardround_detail", awardround_pk=rnd.pk)
        return redirect("emulation:awardround_submit", awardround_pk=rnd.pk)
    problems: list[str] = []
    evaluation = None
    try:
        problems, evaluation = services.submission_problems(rnd)
    except DomainError as exc:
        problems = [exc.message]
    return render(
        request,
        "emulation/submit.html",
        {
            "rnd": rnd,
            "problems": page_of(request, problems),
            "quotas": quota_rows(evaluation),
            "can_approve": steps.may(request.user, rnd, "submit"),
            "step_hint": ""
            if rnd.submitted_on
            else steps.hint_unless_may(request.user, rnd, "submit"),
        },
    )


@pages.route("dot/<int:awardround_pk>/quyet-dinh/", name="awardround_decide")
@login_required
def round_decide(request, awardround_pk: int):
    rnd = get_round(request.user, awardround_pk)
    can_decide = steps.may(request.user, rnd, "decide")
    ready = list(rnd.nominations.filter(status=S.APPRAISED).select_related("staff", "collective"))
    today = dt.date.today()
    initial = {
        "number": services.next_decision_number(rnd.deciding_unit, today.year),
        "signed_on": today,
        "signer_name": request.user.get_full_name(),
        "signer_position": head_title(rnd.deciding_unit.kind),
    }
    form = forms.DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and can_decide and form.is_valid():
        fields = dict(form.cleaned_data)  # number, signed_on, signer_name, signer_position
        if not request.POST.get("confirmed"):
            ok, _ = attempt(request, lambda: services.check_decision(rnd, **fields), form=form)
            if ok:
                return _confirm_decision(request, rnd, form, ready)
        else:
            ok, decision = attempt(
                request, lambda: services.issue_decision(request.user, rnd, **fields), form=form
            )
            if ok:
                messages.success(
                    request,
                    f"Đã ban hành Quyết định số {decision.symbol}; hồ sơ thi đua của "
                    f"{len(ready)} tập thể, cá nhân đã được cập nhật.",
                )
                return redirect("emulation:awarddecision_detail", awarddecision_pk=decision.pk)
    return render(request, "emulation/decide.html", _decide_context(request, rnd, form, ready))


READY_COLUMNS = [
    Column("ten", "Cá nhân, tập thể", ("staff__full_name", "collective__name")),
    Column("danh_hieu", "Danh hiệu, hình thức", ("title", "staff__full_name")),
]


def _decide_context(request, rnd, form, ready) -> dict:
    user = request.user
    waiting = rnd.nominations.filter(status=S.SUBMITTED).exists()
    step = "appraise" if waiting and not ready else "decide"
    page, sorting = sorted_page(
        request,
        rnd.nominations.filter(status=S.APPRAISED).select_related("staff", "collective"),
        READY_COLUMNS,
        "danh_hieu",
    )
    return {
        "rnd": rnd,
        "form": form,
        "ready": ready,
        "page": page,
        "sorting": sorting,
        "can_decide": steps.may(user, rnd, "decide"),
        "step_hint": steps.hint_unless_may(user, rnd, step),
        # What would refuse the decision (rows 32, 34–42), said before signing.
        "blocking": services.authority_problems(rnd, [n.title for n in ready], services.today())
        + services.state_level_problems(rnd, ready, rnd.submitted_on or services.today()),
    }


def _confirm_decision(request, rnd, form, ready):
    """Issuing takes a number from the register and writes every title into the
    records: say so, with the names, before it happens."""
    data = form.cleaned_data
    symbol = services.decision_symbol(rnd.deciding_unit, data["number"])
    return confirm_page(
        request,
        title="Ban hành quyết định khen thưởng",
        consequence=(
            f"Quyết định số {symbol} ngày {vndate(data['signed_on'])} của "
            f"{rnd.deciding_unit.name} sẽ được ban hành, khen thưởng {len(ready)} tập thể, cá nhân "
            "dưới đây. "
            "Số quyết định được cấp trong sổ đăng ký văn bản và không thu hồi được; danh hiệu "
            "được ghi vào hồ sơ thi đua và tính tiền thưởng. Muốn thay đổi sau khi ban hành "
            "phải ra quyết định hủy bỏ khen thưởng."
        ),
        items=[f"{n.subject_name} – {n.get_title_display()}" for n in ready],
        button="Ban hành quyết định",
        back_url=reverse("emulation:awardround_decide", args=[rnd.pk]),
        form=form,
    )


# --- one nomination -----------------------------------------------------------------


@pages.route("de-nghi/<int:nomination_pk>/")
@login_required
def nomination_detail(request, nomination_pk: int):
    nom = get_nomination(request.user, nomination_pk)
    rnd = nom.round
    live, error = None, None
    if nom.status not in (S.DECIDED, S.RETURNED, S.RECALLED, S.REJECTED):
        try:
            live, _ev = (
                services.recheck(nom)
                if nom.status in (S.SUBMITTED, S.APPRAISED)
                else (
                    services.evaluate_round(rnd).by_nomination.get(nom.pk),
                    None,
                )
            )
        except DomainError as exc:
            error = exc.message
    checks = (
        [
            {"rule": c.rule, "result": str(c.result), "message": c.message, "basis": c.basis}
            for c in live.checks
        ]
        if live is not None
        else nom.checks
    )
    return render(
        request,
        "emulation/nomination_detail.html",
        {
            "n": nom,
            "rnd": rnd,
            "checks": checks,
            "eligible": live.eligible if live is not None else nom.eligible,
            "error": error,
            "comments": nom.comments.select_related("author"),
            "appraisal_form": forms.AppraisalForm(),
            "recall_form": forms.RecallForm(),
            "badge": STATUS_BADGES.get(nom.status, ""),
            "step_hint": steps.nomination_hint(request.user, nom),
            **rights(request.user, rnd),
        },
    )


def _post_on_nomination(view: Callable) -> Callable:
    """POST only, on one nomination the user may see (out of scope: 404 before
    the 405); the view gets the nomination instead of its id and, when it
    answers nothing, the user is back on the nomination's page."""

    @wraps(view)
    def guarded(request, nomination_pk: int):
        nom = get_nomination(request.user, nomination_pk)
        if (resp := post_only(request)) is not None:
            return resp
        return view(request, nom) or redirect("emulation:nomination_detail", nomination_pk=nom.pk)

    return guarded


@pages.route("de-nghi/<int:nomination_pk>/xoa/")
@login_required
@_post_on_nomination
def nomination_delete(request, nom):
    rnd_pk = nom.round_id
    ok, _ = attempt(
        request, lambda: services.delete_nomination(request.user, nom), "Đã xóa đề nghị."
    )
    return redirect("emulation:awardround_detail", awardround_pk=rnd_pk) if ok else None


@pages.route("de-nghi/<int:nomination_pk>/rut/")
@login_required
@_post_on_nomination
def nomination_recall(request, nom):
    form = forms.RecallForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    attempt(
        request,
        lambda: services.recall_nomination(request.user, nom, reason),
        "Đơn vị đã rút đề nghị.",
    )
    return None


@pages.route("de-nghi/<int:nomination_pk>/tham-dinh/")
@login_required
@_post_on_nomination
def nomination_appraise(request, nom):
    form = forms.AppraisalForm(request.POST)
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, str(e))
        return None
    accept = form.cleaned_data["decision"] == "accept"
    attempt(
        request,
        lambda: services.appraise_nomination(
            request.user, nom, accept=accept, note=form.cleaned_data["note"]
        ),
        "Đã chấp thuận đề nghị." if accept else "Đã trả lại đề nghị cho đơn vị.",
    )
    return None


APPRAISAL_COLUMNS = [
    Column("nam", "Năm", ("round__year", "round__unit__path")),
    Column("don_vi", "Đơn vị đề nghị", ("round__unit__path", "round__year")),
    Column("ten", "Cá nhân, tập thể", ("staff__full_name", "collective__name")),
    Column("danh_hieu", "Danh hiệu", ("title",)),
]


@pages.route("tham-dinh/")
@login_required
def appraisal_queue(request):
    """Nominations submitted to units where the user appraises."""
    deciding = access.visible_units(request.user, "review")
    noms = (
        nominations_for(request.user)
        .filter(status=S.SUBMITTED, round__deciding_unit__in=deciding)
        .select_related("round", "round__unit", "staff", "collective")
    )
    return render_sorted(
        request,
        "emulation/appraisal_queue.html",
        noms,
        APPRAISAL_COLUMNS,
        "nam",
        {"appraises": deciding.exists()},
    )
