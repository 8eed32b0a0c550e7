"""The addresses of the planning pages: each view declares its own
(``@pages.route``, see danvan.web.routing); urls.py lists them."""

from danvan.web.routing import Pages

pages = Pages()
