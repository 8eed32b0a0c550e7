from . import admin_views, views  # noqa: F401  (importing the views registers their addresses)
from .routes import pages

app_name = "accounts"

urlpatterns = pages.urlpatterns
