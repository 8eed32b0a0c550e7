"""The emulation area's own menu, showing the appraisal queue only to those who appraise."""

from django import template

from danvan.accounts import access

register = template.Library()


@register.inclusion_tag("emulation/_nav.html", takes_context=True)
def emulation_nav(context):
    user = context["request"].user
    return {"appraises": access.visible_units(user, "review").exists()}
