import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from danvan.core.errors import DomainError
from danvan.core.render.figures import percent_text
from danvan.reporting import services
from danvan.reporting.access import get_report, get_value, reports_for
from danvan.reporting.models import IndicatorValue, ReportRequest, ReportStatus, ValueState
from danvan.reporting.services.values import FormErrors

from .chain import send_up


def _request(demo, ind, reviewer, units, **kw):
    return services.create_request(
        reviewer,
        requester_unit=demo.units["sldtbxh"],
        title=kw.pop("title", "Báo cáo thử"),
        period=kw.pop("period", "2024-H1"),
        deadline=kw.pop("deadline", dt.date(2024, 6, 20)),
        units=units,
        indicators=kw.pop("indicators", [ind["TV_LUOT"], ind["KN_LD"]]),
        headings=kw.pop("headings", ["1. Kết quả", "2. Đề xuất"]),
        **kw,
    )


def _row(rows, code):
    return next(r for r in rows if r.indicator.code == code)


def test_the_six_month_2022_figures_read_as_in_the_sample(demo):
    req = ReportRequest.objects.get(period="2022-H1")
    report = req.reports.get(unit=demo.units["ttdvvl"])
    rows = services.report_rows(report)
    tv = _row(rows, "TV_LUOT")
    assert tv.value == 8794 and tv.target == 8500 and tv.target_is_annual
    assert percent_text(tv.plan_percent) == "103%"
    assert percent_text(tv.change_percent) == "43%"
    kn = _row(rows, "KN_LD")
    assert percent_text(kn.plan_percent) == "94,3%"
    assert percent_text(kn.change_percent) == "48,6%"
    assert tv.last_year == 6150 and tv.last_year_label == "6 tháng đầu năm 2021"
    assert tv.previous_label == "6 tháng cuối năm 2021"


def test_the_year_2022_figures_read_as_in_the_sample(demo, ind):
    rows = services.unit_rows(
        demo.units["ttdvvl"].pk, [ind["TV_LUOT"], ind["KN_LD"], ind["CU_LD"]], _p("2022-Y")
    )
    assert percent_text(_row(rows, "TV_LUOT").plan_percent) == "280%"
    assert percent_text(_row(rows, "TV_LUOT").change_percent) == "163%"
    assert percent_text(_row(rows, "KN_LD").plan_percent) == "146%"
    cu = _row(rows, "CU_LD")
    assert percent_text(cu.plan_percent, 0) == "63%" and cu.change_value == 90


def _p(code):
    from danvan.core.periods import Period

    return Period.parse(code)


def test_a_zero_target_shows_no_percentage(demo, ind, admin_user):
    from danvan.planning.services import set_target

    set_target(
        admin_user, indicator=ind["HN_TV"], unit=demo.units["ttdvvl"], period="2022-Y", value=0
    )
    rows = services.unit_rows(demo.units["ttdvvl"].pk, [ind["HN_TV"]], _p("2022-Y"))
    assert rows[0].target == 0 and rows[0].plan_percent is None and rows[0].value == 142


def test_it_refuses_a_deadline_before_the_data_cutoff(demo, ind, reviewer):
    with pytest.raises(DomainError) as exc:
        _request(demo, ind, reviewer, [demo.units["ttdvvl"]], deadline=dt.date(2024, 6, 10))
    assert "14/6/2024" in exc.value.message and "Nghị định 09/2019" in exc.value.message


def test_a_request_window_can_be_overridden(demo, ind, reviewer):
    req = _request(
        demo,
        ind,
        reviewer,
        [demo.units["ttdvvl"]],
        cutoff_start=dt.date(2024, 1, 1),
        cutoff_end=dt.date(2024, 5, 31),
        deadline=dt.date(2024, 6, 5),
    )
    assert (req.cutoff_start, req.cutoff_end) == (dt.date(2024, 1, 1), dt.date(2024, 5, 31))
    assert req.reports.count() == 1 and req.reports.get().sections.count() == 2


def test_an_officer_cannot_issue_a_request(demo, ind, officer):
    with pytest.raises(PermissionDenied):
        _request(demo, ind, officer, [demo.units["ttdvvl"]])


def test_a_late_submission_is_accepted_and_marked_late(demo, ind, reviewer, officer):
    req = _request(demo, ind, reviewer, [demo.units["ttdvvl"]])
    report = req.reports.get()
    report = services.save_report(
        officer,
        report,
        version=report.version,
        values={ind["TV_LUOT"].pk: "1.234", ind["KN_LD"].pk: "56"},
    )
    report = send_up(officer, report)  # today is after 20/6/2024
    assert report.status == ReportStatus.SUBMITTED and report.late
    assert "nộp muộn" in services.late_message(report)
    assert report.submitted_snapshot["indicators"][0]["value"] == "1234"


def test_grace_days_count_as_on_time(demo, ind, reviewer, officer):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    from danvan.core.periods import Period

    month = Period.month(today.year, today.month).previous().previous()
    req = _request(
        demo,
        ind,
        reviewer,
        [demo.units["ttdvvl"]],
        period=month.code,
        deadline=today - datetime.timedelta(days=2),
        grace_days=3,
    )
    report = req.reports.get()
    services.save_report(
        officer, report, version=1, values={ind["TV_LUOT"].pk: "1", ind["KN_LD"].pk: "1"}
    )
    assert not send_up(officer, report).late


def test_it_refuses_a_second_save_of_a_stale_report(demo, ind, reviewer, officer, head):
    req = _request(demo, ind, reviewer, [demo.units["ttdvvl"]])
    report = req.reports.get()
    heading = req.headings.first()
    services.save_report(officer, report, version=1, sections={heading.pk: "Bản của cán bộ"})
    with pytest.raises(DomainError) as exc:
        services.save_report(head, report, version=1, sections={heading.pk: "Bản của lãnh đạo"})
    assert exc.value.code == "stale" and "chưa được lưu" in exc.value.message
    assert report.sections.get(heading=heading).text == "Bản của cán bộ"


def test_bad_figures_are_refused_and_nothing_is_saved(demo, ind, reviewer, officer):
    req = _request(demo, ind, reviewer, [demo.units["ttdvvl"]])
    report = req.reports.get()
    with pytest.raises(FormErrors) as exc:
        services.save_report(
            officer,
            report,
            version=1,
            values={ind["TV_LUOT"].pk: "-5", ind["KN_LD"].pk: "nhiều"},
            sections={req.headings.first().pk: "Không được mất"},
        )
    assert set(exc.value.errors) == {f"value-{ind['TV_LUOT'].pk}", f"value-{ind['KN_LD'].pk}"}
    assert "số âm" in exc.value.errors[f"value-{ind['TV_LUOT'].pk}"]
    assert "không phải là số" in exc.value.errors[f"value-{ind['KN_LD'].pk}"]
    report.refresh_from_db()
    assert report.version == 1 and not IndicatorValue.objects.filter(period="2024-H1").exists()


def test_a_non_numeric_indicator_keeps_its_text(demo, ind, reviewer, officer):
    req = _request(demo, ind, reviewer, [demo.units["ttdvvl"]], indicators=[ind["DVK_KQ"]])
    report = req.reports.get()
    services.save_report(officer, report, version=1, values={ind["DVK_KQ"].pk: "Đạt"})
    assert IndicatorValue.objects.get(indicator=ind["DVK_KQ"], period="2024-H1").text_value == "Đạt"


def test_recall_before_review_then_accept_locks_and_unlock_reopens(demo, ind, reviewer, officer):
    req = _request(demo, ind, reviewer, [demo.units["ttdvvl"]])
    report = req.reports.get()
    services.save_report(
        officer, report, version=1, values={ind["TV_LUOT"].pk: "10", ind["KN_LD"].pk: "2"}
    )
    report = send_up(officer, report)
    assert services.lock_info(report, officer).kind == "submitted"
    report = services.recall_report(officer, report)
    assert report.status == ReportStatus.DRAFT
    report = send_up(officer, report)
    report = services.accept_report(reviewer, report)
    lock = services.lock_info(report, officer)
    assert not lock.editable and lock.kind == "accepted" and "mở khóa" in lock.message
    with pytest.raises(DomainError):
        services.recall_report(officer, report)
    with pytest.raises(DomainError):
        services.save_report(
            officer, report, version=report.version, values={ind["TV_LUOT"].pk: "11"}
        )
    assert (
        IndicatorValue.objects.get(indicator=ind["TV_LUOT"], period="2024-H1").state
        == ValueState.ACCEPTED
    )
    with pytest.raises(DomainError):
        services.unlock_report(reviewer, report, "  ")
    report = services.unlock_report(reviewer, report, "Sai số liệu kết nối việc làm")
    lock = services.lock_info(report, officer)
    assert lock.editable and "Sai số liệu" in lock.message
    assert (
        IndicatorValue.objects.get(indicator=ind["TV_LUOT"], period="2024-H1").state
        == ValueState.DRAFT
    )


def test_only_the_requesters_reviewer_returns_a_report_with_a_reason(
    demo, ind, reviewer, officer, head
):
    req = _request(demo, ind, reviewer, [demo.units["ttdvvl"]])
    report = req.reports.get()
    services.save_report(
        officer, report, version=1, values={ind["TV_LUOT"].pk: "10", ind["KN_LD"].pk: "2"}
    )
    send_up(officer, report)
    with pytest.raises(PermissionDenied):
        services.return_report(head, report, "không")
    with pytest.raises(DomainError):
        services.return_report(reviewer, report, "")
    report = services.return_report(reviewer, report, "Bổ sung mục 2")
    assert report.status == ReportStatus.RETURNED and report.return_reason == "Bổ sung mục 2"


def test_submitting_needs_every_required_figure(demo, ind, reviewer, officer):
    req = _request(demo, ind, reviewer, [demo.units["ttdvvl"]])
    with pytest.raises(DomainError) as exc:
        services.propose_report(officer, req.reports.get())
    assert "Kết nối việc làm thành công" in exc.value.message


def test_a_figure_held_by_a_submitted_report_is_locked_elsewhere(demo, ind, reviewer, officer):
    first = _request(demo, ind, reviewer, [demo.units["ttdvvl"]], title="A").reports.get()
    second = _request(demo, ind, reviewer, [demo.units["ttdvvl"]], title="B").reports.get()
    services.save_report(
        officer, first, version=1, values={ind["TV_LUOT"].pk: "10", ind["KN_LD"].pk: "2"}
    )
    send_up(officer, first)
    # the figure is reused, not retyped: the second report shows it already
    assert _row(services.report_rows(second), "TV_LUOT").value == 10
    with pytest.raises(FormErrors) as exc:
        services.save_report(officer, second, version=1, values={ind["TV_LUOT"].pk: "11"})
    assert "“A”" in exc.value.message


def test_a_figure_from_an_archived_document_needs_confirmation_and_keeps_its_sentence(
    demo, ind, reviewer, officer, figure
):
    report = _request(demo, ind, reviewer, [demo.units["ttdvvl"]]).reports.get()
    kw = dict(indicator=ind["TV_LUOT"], figure=figure)
    with pytest.raises(DomainError):
        services.take_value_from_document(officer, report, **kw)
    value = services.take_value_from_document(officer, report, confirmed=True, **kw)
    assert (value.value, value.source, value.document, value.figure, value.figure_start) == (
        Decimal(8794),
        "document",
        figure.document,
        figure,
        figure.start,
    )
    assert value.confirmed_by == officer and "8.794" in value.source_sentence
    # a second take never silently replaces the value already recorded
    with pytest.raises(DomainError) as exc:
        services.take_value_from_document(officer, report, confirmed=True, **kw)
    assert exc.value.field == "replace"


def test_the_requester_outside_the_branch_sees_only_what_was_submitted_to_its_request(demo):
    bandanvan = demo.users["bandanvan"]
    req = ReportRequest.objects.get(requester_unit=demo.units["bdvtu"])
    sent = req.reports.get(unit=demo.units["sldtbxh"])
    draft = req.reports.get(unit=demo.units["syt"])
    assert get_report(bandanvan, sent.pk).pk == sent.pk
    with pytest.raises(Http404):
        get_report(bandanvan, draft.pk)
    # nothing else of the Sở: not its reports to its own requests, not its other figures
    other = ReportRequest.objects.get(period="2023-H1").reports.get(unit=demo.units["ttdvvl"])
    with pytest.raises(Http404):
        get_report(bandanvan, other.pk)
    own_value = IndicatorValue.objects.get(unit=demo.units["sldtbxh"], indicator__code="TCD")
    assert get_value(bandanvan, own_value.pk) == own_value
    unrelated = IndicatorValue.objects.filter(unit=demo.units["ttdvvl"]).first()
    with pytest.raises(Http404):
        get_value(bandanvan, unrelated.pk)
    # the Sở's own people see all three of their reports, the outsider none of them
    assert reports_for(demo.users["canbo.syt"]).filter(pk=sent.pk).count() == 0


def test_completeness_and_timeliness_of_the_2023_request(demo):
    req = ReportRequest.objects.get(period="2023-H1")
    result = services.completeness(req, today=dt.date(2023, 7, 1))
    t = result.total
    assert (t.expected, t.submitted, t.accepted, t.returned) == (4, 2, 1, 1)
    assert (t.on_time, t.late, t.overdue) == (2, 1, 1)
    assert t.completeness == 50 and t.timeliness == 50
    late = {r["unit"]: r for r in result.late}
    assert set(late) == {
        "Trung tâm Công tác xã hội tỉnh Sơn La",
        "Cơ sở Cai nghiện ma túy tỉnh Sơn La",
    }
    assert late["Cơ sở Cai nghiện ma túy tỉnh Sơn La"]["overdue"]
    assert [n[0].name for n in result.nodes][:1] == ["Trung tâm Dịch vụ việc làm Sơn La"]


def test_completeness_rolls_up_the_tree(demo, ind, admin_user):
    units = demo.units
    req = _request(
        demo, ind, admin_user, [units["ttdvvl"], units["hcth"], units["tvgt"], units["ttbtxh"]]
    )
    top = services.completeness(req)
    ttdvvl = next(n for n in top.nodes if n[0] == units["ttdvvl"])
    assert ttdvvl[1].expected == 3 and ttdvvl[2]  # the Trung tâm and two of its phòng
    inner = services.completeness(req, node=units["ttdvvl"])
    assert {n[0].short_code for n in inner.nodes} == {"HCTH", "TVGTVL"}


def test_reminders_go_to_units_not_yet_in_once_a_day(demo, ind, reviewer, officer, mailoutbox):
    from django.utils import timezone

    officer.email = "thu@example.vn"
    officer.save()
    today = timezone.localdate()
    req = ReportRequest.objects.get(title__startswith="Báo cáo nhanh")
    made = services.send_reminders(today)
    assert {r.report.unit.short_code for r in made} >= {"TTDVVL"}
    assert any("thu@example.vn" in m.to for m in mailoutbox)
    assert "Nhắc hạn" in mailoutbox[0].subject and req.title in mailoutbox[0].subject
    assert services.send_reminders(today) == []
    due = services.due_soon(reports_for(officer), today)
    assert req.reports.get(unit=demo.units["ttdvvl"]) in due


def test_render_data_is_plain_and_complete(demo):
    import json

    req = ReportRequest.objects.get(period="2022-H1")
    data = services.report_render_data(req.reports.get(unit=demo.units["ttdvvl"]))
    json.dumps(data)
    assert data["period"]["label"] == "6 tháng đầu năm 2022"
    assert data["sections"][0]["title"] == "Kết quả triển khai thực hiện"
    assert "130/KH-TTDVVL" in data["sections"][0]["text"]
    tv = next(r for r in data["indicators"] if r["code"] == "TV_LUOT")
    assert tv["value"] == "8794" and tv["target"] == "8500" and tv["target_is_annual"]
