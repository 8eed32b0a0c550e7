"""Background jobs on django-tasks (database backend): see services and registry."""
