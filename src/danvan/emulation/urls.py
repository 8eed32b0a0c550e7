from .routes import pages
from .views import council, files, law, pickers, records, rounds  # noqa: F401  (importing the views registers their addresses)

app_name = "emulation"

urlpatterns = pages.urlpatterns
