from django import template

from campus import navigation

register = template.Library()


@register.inclusion_tag("campus/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    return {"items": navigation.entries_for(request)}


@register.simple_tag(takes_context=True)
def site_map_entries(context):
    return navigation.entries_for(context["request"])
