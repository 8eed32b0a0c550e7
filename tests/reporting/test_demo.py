from danvan.reporting.models import IndicatorValue, ReportRequest, UnitReport


def test_the_demo_loads_twice_without_creating_anything_new(demo):
    from danvan.planning import demo as planning_demo
    from danvan.reporting import demo as reporting_demo

    counts = (
        ReportRequest.objects.count(),
        UnitReport.objects.count(),
        IndicatorValue.objects.count(),
    )
    assert min(counts) > 0, counts  # the demo did add requests, reports and values
    planning_demo.extend(demo)
    reporting_demo.extend(demo)
    assert counts == (
        ReportRequest.objects.count(),
        UnitReport.objects.count(),
        IndicatorValue.objects.count(),
    )
