import re

from django import template
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from campus import navigation

register = template.Library()


@register.inclusion_tag("campus/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    return {"items": navigation.entries_for(request)}


@register.simple_tag(takes_context=True)
def site_map_entries(context):
    return navigation.entries_for(context["request"])


class DsfrTableNode(template.Node):
    def __init__(self, nodelist, modifiers, attributes):
        self.nodelist, self.modifiers, self.attributes = nodelist, modifiers, attributes

    def render(self, context):
        classes = " ".join(["fr-table", *(m.resolve(context) for m in self.modifiers)])
        attributes = format_html_join(
            "",
            ' {}="{}"',
            ((name, value.resolve(context)) for name, value in self.attributes.items()),
        )
        return format_html(
            '<div class="{}"{}><div class="fr-table__wrapper">'
            '<div class="fr-table__container" tabindex="0"><div class="fr-table__content">'
            "{}</div></div></div></div>",
            classes,
            attributes,
            self.nodelist.render(context),
        )


@register.tag
def dsfr_table(parser, token):
    """The DSFR table component's frame around a `<table>`, the same on every page:

        {% dsfr_table "fr-table--bordered" id="tableau-agents" %}<table>…</table>{% enddsfr_table %}

    Positional arguments are modifier classes, keyword arguments HTML attributes. The container
    is focusable so that keyboard users can scroll a table wider than a phone's screen."""
    bits = token.split_contents()[1:]
    modifiers, attributes = [], {}
    for bit in bits:
        name, equals, value = bit.partition("=")
        if equals:
            attributes[name] = parser.compile_filter(value)
        else:
            modifiers.append(parser.compile_filter(bit))
    nodelist = parser.parse(("enddsfr_table",))
    parser.delete_first_token()
    return DsfrTableNode(nodelist, modifiers, attributes)


def _interface_is_french() -> bool:
    return (translation.get_language() or "fr").split("-")[0] == "fr"


@register.filter
def fr(value):
    """Content that exists only in French (titles, summaries, themes), marked as such in a page
    whose interface is in another language (RGAA 8.7); unchanged in French."""
    if value in (None, "") or _interface_is_french():
        return value
    if _BLOCK_HTML.search(str(value)):  # rich text: a block around blocks
        return format_html('<div lang="fr">{}</div>', value)
    return format_html('<span lang="fr">{}</span>', value)


_BLOCK_HTML = re.compile(r"<(p|div|ul|ol|h[1-6]|figure|table|blockquote)[\s>]")


@register.simple_tag
def lang_fr():
    """` lang="fr"` on an element holding French-only content when the interface is not French."""
    return "" if _interface_is_french() else mark_safe(' lang="fr"')


@register.filter
def percent(value):
    """A percentage as the interface's language writes it ("42 %" in French, "42%" in English)."""
    return _("%(value)s %%") % {"value": value}


@register.filter
def colon(label):
    """A label followed by a colon, with the interface language's spacing ("Progression :")."""
    return _("%(label)s :") % {"label": label}
