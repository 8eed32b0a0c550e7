from .routes import pages
from .views import dashboard, figures, inbox, reports, requests, signoff  # noqa: F401  (importing the views registers their addresses)

app_name = "reporting"

urlpatterns = pages.urlpatterns
