"""The main pages at phone and desktop size: axe-core finds no serious or
critical violation, and no page is wider than the screen (issue 12 §5).

axe-core comes from npm (package.json) and is served like htmx; the test
injects it as a same-origin script. Screenshots go to test-output/.
"""

import json

import pytest

from danvan.reporting.models import UnitReport

SIZES = {"phone": (390, 844), "desktop": (1366, 768)}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def demo(world):
    from danvan.emulation import demo as emulation_demo
    from danvan.planning import demo as planning_demo
    from danvan.reporting import demo as reporting_demo

    planning_demo.extend(world)
    reporting_demo.extend(world)
    emulation_demo.extend(world)
    return world


def _pages(world) -> dict[str, str]:
    report = UnitReport.objects.filter(unit=world.units["ttdvvl"]).order_by("-pk").first()
    return {
        "home": "/",
        "documents": "/van-ban/",
        "plans": "/ke-hoach/",
        "reports": "/bao-cao/",
        "report-entry": f"/bao-cao/don-vi/{report.pk}/",
        "dashboard": "/bao-cao/bang-dieu-khien/",
        "rollup": "/bao-cao/tong-hop/",
        "emulation": "/thi-dua/",
        "units": "/don-vi/",
        "staff": "/don-vi/can-bo/",
        "drafting": "/soan-thao/",
        "not-found": "/khong-co-trang-nay/",
    }


def _axe(page) -> list[dict]:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("size", list(SIZES))
def test_the_main_pages_pass_axe_and_fit_the_screen(demo, login, page, site, shot, size):
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    login("thamdinh.sldtbxh")
    problems = {}
    too_wide = {}
    for name, url in _pages(demo).items():
        page.goto(f"{site}{url}")
        page.wait_for_load_state("networkidle")
        shot(f"axe-{size}-{name}")
        found = _axe(page)
        if found:
            problems[name] = found
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            too_wide[name] = scroll
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    assert not too_wide, too_wide


def test_the_login_page_passes_axe_on_a_phone(page, site, shot, world):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/dang-nhap/")
    shot("axe-phone-login")
    assert _axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_phone_menu_folds_and_opens(login, page, shot):
    page.set_viewport_size({"width": 390, "height": 844})
    login("canbo.ttdvvl")
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    menu = page.get_by_role("button", name="Menu")
    assert not nav.is_visible()
    menu.click()
    assert nav.is_visible()
    assert menu.get_attribute("aria-expanded") == "true"
    shot("phone-menu-open")
