"""A paged, sorted list on a phone (390×844): the reception book's header sorts
on the server, the pager keeps the sort, and nothing scrolls sideways."""

import datetime as dt

from playwright.sync_api import expect


def test_the_reception_book_sorts_and_pages_on_a_phone(world, login, page, site, shot):
    from danvan.citizens import services

    officer = world.users["canbo.ttdvvl"]
    for i in range(55):
        services.record_reception(
            officer,
            unit=world.units["ttdvvl"],
            received_on=dt.date(2024, 1, 1) + dt.timedelta(days=i),
            content=f"Hỏi về chế độ {i}",
            group_size=1 + i % 9,
        )
    page.set_viewport_size({"width": 390, "height": 844})
    login("canbo.ttdvvl")
    page.goto(f"{site}/cong-dan/so-tiep/")
    page.get_by_role("columnheader", name="Số người").get_by_role("link").click()
    expect(page.get_by_role("columnheader", name="Số người")).to_have_attribute(
        "aria-sort", "ascending"
    )
    page.get_by_role("columnheader", name="Số người").get_by_role("link").click()
    expect(page.get_by_role("columnheader", name="Số người")).to_have_attribute(
        "aria-sort", "descending"
    )
    sizes = page.locator("tbody tr td:nth-child(4)").all_inner_texts()
    assert sizes[0] == "9" and len(sizes) == 50
    page.get_by_role("link", name="Trang sau →").click()
    expect(page.get_by_text("Trang 2/2")).to_be_visible()
    assert "sap_xep=-so_nguoi" in page.url and "trang=2" in page.url
    rest = page.locator("tbody tr td:nth-child(4)").all_inner_texts()
    assert rest and int(rest[0]) <= int(sizes[-1])
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot("reception-book-paged-phone")
