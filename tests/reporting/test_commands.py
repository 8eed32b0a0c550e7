from io import StringIO

from django.core.management import call_command

from danvan.orgunits.models import OrgUnit
from danvan.reporting import services
from danvan.reporting.models import IndicatorValue, ReportRequest


def test_gendata_builds_a_four_level_tree_with_values_and_a_request(db):
    out = StringIO()
    call_command("gendata", units=60, indicators=3, years=2, periods="Y,H1", stdout=out)
    top = OrgUnit.objects.get(name="Tỉnh thử nghiệm")
    tree = OrgUnit.objects.filter(path__startswith=top.path)
    assert tree.count() == 60 and set(tree.values_list("depth", flat=True)) == {0, 1, 2, 3}
    assert IndicatorValue.objects.count() == 60 * 3 * 2 * 2
    req = ReportRequest.objects.get(requester_unit=top)
    total = services.completeness(req).total
    assert total.expected == 59 and 0 < total.submitted < 59
    call_command(
        "gendata", units=60, indicators=3, years=2, stdout=out
    )  # a second run does nothing
    assert IndicatorValue.objects.count() == 60 * 3 * 2 * 2


def test_the_reminders_command_reports_what_it_did(demo):
    out = StringIO()
    call_command("reminders", stdout=out)
    assert "Đã nhắc" in out.getvalue()
