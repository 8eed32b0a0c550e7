"""The pages' address registry (danvan.web.routing)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import Resolver404
from django.urls.resolvers import RegexPattern, URLResolver

from danvan.web.routing import Pages


def _view(name):
    def view(request, **kwargs):
        return name

    view.__name__ = name
    return view


def _resolve(pages, path):
    return URLResolver(RegexPattern(r"^/"), pages.urlpatterns).resolve("/" + path)


def test_the_url_name_is_the_views_own_name_unless_given():
    pages = Pages()
    pages.route("so-tiep/")(_view("receptions"))
    pages.route("so-tiep/moi/", name="reception_new")(_view("reception_create"))
    names = [p.name for p in pages.urlpatterns]
    assert names == ["receptions", "reception_new"]


def test_the_decorator_gives_back_the_view_unchanged():
    view = _view("index")
    assert Pages().route("")(view) is view


def test_a_name_registered_twice_is_refused_at_import():
    pages = Pages()
    pages.route("a/")(_view("index"))
    with pytest.raises(ImproperlyConfigured, match="'index' is registered twice"):
        pages.route("b/")(_view("index"))


def test_a_fixed_word_wins_over_a_parameter_whatever_the_order_of_definition():
    pages = Pages()
    pages.route("don-vi/<int:pk>/<str:action>/")(_view("report_action"))
    pages.route("don-vi/<int:pk>/ky/")(_view("report_sign"))
    pages.route("don-vi/<int:pk>/")(_view("report_detail"))
    assert _resolve(pages, "don-vi/7/ky/").url_name == "report_sign"
    assert _resolve(pages, "don-vi/7/tra-lai/").url_name == "report_action"
    assert _resolve(pages, "don-vi/7/").url_name == "report_detail"
    with pytest.raises(Resolver404):
        _resolve(pages, "don-vi/x/")


def test_otherwise_the_order_of_definition_is_kept():
    pages = Pages()
    for name in ("c", "a", "b"):
        pages.route(f"{name}/")(_view(name))
    assert [p.name for p in pages.urlpatterns] == ["c", "a", "b"]


def test_a_class_based_view_is_added_by_name():
    pages = Pages()
    pages.add("doi-mat-khau/", _view("as_view"), "password_change")
    assert _resolve(pages, "doi-mat-khau/").url_name == "password_change"


def test_fixed_arguments_reach_the_view_with_that_address_only():
    pages = Pages()
    view = _view("certificate")
    pages.route("giay-khen.pdf")(view)
    pages.route("giay-khen.docx", name="certificate_docx", kwargs={"fmt": "docx"})(view)
    assert _resolve(pages, "giay-khen.docx").kwargs == {"fmt": "docx"}
    assert _resolve(pages, "giay-khen.pdf").kwargs == {}
