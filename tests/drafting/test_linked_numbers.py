"""Figures in a draft's preview link their numbers to the source, and what the officer
typed stays escaped."""

from danvan.drafting.views import linked_numbers


def test_numbers_become_links_and_the_rest_stays_text():
    html = linked_numbers("Tư vấn 8.794 lượt, đạt 104,2% kế hoạch.", "#nguon-3")
    assert html == (
        'Tư vấn <a class="fig" href="#nguon-3">8.794</a> lượt, đạt '
        '<a class="fig" href="#nguon-3">104,2%</a> kế hoạch.'
    )


def test_an_escaped_character_is_never_cut_by_a_link():
    html = linked_numbers("Mô hình 'Dân vận khéo' <b>12</b> & 3", "#nguon-0")
    assert "&#x27;Dân vận khéo&#x27;" in html
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert html.count('<a class="fig"') == 2
    assert '<a class="fig" href="#nguon-0">12</a>' in html
    assert "&amp; " in html
