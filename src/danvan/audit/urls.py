from . import views  # noqa: F401  (importing the views registers their addresses)
from .routes import pages

app_name = "audit"

urlpatterns = pages.urlpatterns
