"""A searchable unit picker: never a dropdown of every unit (issue 13 §2).

The page shows only the units already chosen (as ticked checkboxes, or a
radio for a single choice) and a search box; typing asks the server
(orgunits:unit_search, scoped to the user and paginated) for matching units,
which are ticked in place. The form field still validates the choice against
its own queryset.
"""

from __future__ import annotations

from django import forms

# Which units a picker searches; the search view resolves the name against the
# user, so a page can never widen its own scope.
SOURCES = ("visible", "active", "admin")


class UnitPicker(forms.Widget):
    template_name = "orgunits/widgets/unit_picker.html"

    def __init__(self, attrs=None, multiple: bool = False, source: str = "visible"):
        super().__init__(attrs)
        assert source in SOURCES
        self.multiple = multiple
        self.source = source

    def format_value(self, value):
        if value in (None, ""):
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(v) for v in values if v not in (None, "")]

    def value_from_datadict(self, data, files, name):
        if self.multiple:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False if self.multiple else name not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = [v for v in context["widget"]["value"] if v.isdigit()]
        queryset = getattr(getattr(self, "choices", None), "queryset", None)
        chosen = list(queryset.filter(pk__in=ids)) if queryset is not None and ids else []
        context["picker"] = {
            "name": name,
            "id": context["widget"]["attrs"].get("id") or f"id_{name}",
            "chosen": chosen,
            "multiple": self.multiple,
            "source": self.source,
        }
        return context


def picker_context(
    name: str, chosen, *, multiple: bool = False, source: str = "visible", id: str = ""
) -> dict:
    """The context of orgunits/_unit_picker.html for a filter form a view
    writes by hand (the units already chosen, already scoped by the view)."""
    assert source in SOURCES
    return {
        "name": name,
        "id": id or f"f-{name}",
        "chosen": [u for u in chosen if u is not None],
        "multiple": multiple,
        "source": source,
    }
