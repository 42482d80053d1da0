"""Drive the Wagtail page editor like a browser would: GET the form, change fields, POST."""

from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

__all__ = ["create_page", "edit_page", "nested_form_data", "rich_text", "streamfield"]


def add_url(parent, model) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _form_data(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    # A checked checkbox without a value attribute submits "on" in a browser (the helper sends "").
    soup = WagtailTestUtils.get_soup(html)
    for box in soup.find_all("input", type="checkbox", checked=True):
        if "value" not in box.attrs and box.attrs.get("name"):
            data[box.attrs["name"]] = "on"
    return data


def _post(client, url, fields, action):
    data = _form_data(client, url)
    for name, value in (fields or {}).items():
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    if action:
        data[action] = action
    return client.post(url, data)


def create_page(client, parent, model, fields, action=None):
    """POST the "add page" form; `action` is "action-publish", "action-submit" or None (draft)."""
    return _post(client, add_url(parent, model), fields, action)


def edit_page(client, page, fields=None, action=None, **extra):
    return _post(client, edit_url(page), {**(fields or {}), **extra}, action)


def form_errors(response) -> str:
    """The error messages an editor sees (page-level and field errors), as one string."""
    texts = [str(m) for m in response.context["messages"]] if response.context else []
    form = response.context.get("form") if response.context else None
    if form is not None:
        texts += [str(e) for errors in form.errors.values() for e in errors]
        for formset in form.formsets.values():
            texts += [str(e) for e in formset.non_form_errors()]
            for subform in formset.forms:
                texts += [str(e) for errors in subform.errors.values() for e in errors]
    return "\n".join(texts)
