"""Keyset ("cursor") pagination: each page continues after the last row of the one before, on
an indexed, unique ordering (e.g. `(updated_at, id)`), so a page costs the same whatever its
depth: no OFFSET. The cursor is opaque to clients (the values of the last row, base64-encoded).
"""

import base64
import binascii
import datetime
import json

from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param


class KeysetPagination(BasePagination):
    """`ordering`: the view's fields, ascending, the last one unique (the id)."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    page_size = 100
    ordering = ("id",)

    def __init__(self, ordering=None):
        if ordering is not None:
            self.ordering = ordering

    def _max_page_size(self) -> int:
        from django.conf import settings

        return settings.API_MAX_PAGE_SIZE

    def _page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return min(self.page_size, self._max_page_size())
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self._max_page_size():
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Entier entre 1 et %(max)d.") % {"max": self._max_page_size()}
                    ]
                }
            )
        return size

    def _decode(self, raw: str) -> list:
        try:
            values = json.loads(base64.urlsafe_b64decode(raw.encode()).decode())
        except (ValueError, binascii.Error, UnicodeError):
            values = None
        if not isinstance(values, list) or len(values) != len(self.ordering):
            raise ValidationError({self.cursor_query_param: [_("Curseur invalide.")]})
        decoded = []
        for field, value in zip(self.ordering, values, strict=True):
            if field.endswith("_at"):
                value = parse_datetime(value) if isinstance(value, str) else None
            elif not isinstance(value, int | str) or isinstance(value, bool):
                value = None
            if value is None:
                raise ValidationError({self.cursor_query_param: [_("Curseur invalide.")]})
            decoded.append(value)
        return decoded

    def _encode(self, row) -> str:
        values = []
        for field in self.ordering:
            value = row[field] if isinstance(row, dict) else getattr(row, field)
            if isinstance(value, datetime.datetime):
                value = value.isoformat()
            values.append(value)
        return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()

    def _after(self, values) -> Q:
        """Rows strictly after `values` in the ordering: (a > x) or (a = x and b > y) …"""
        condition = Q(pk__in=[])
        for index, field in enumerate(self.ordering):
            equal = {name: values[i] for i, name in enumerate(self.ordering[:index])}
            condition |= Q(**equal, **{f"{field}__gt": values[index]})
        return condition

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self._page_size(request)
        raw = request.query_params.get(self.cursor_query_param)
        queryset = queryset.order_by(*self.ordering)
        if raw:
            queryset = queryset.filter(self._after(self._decode(raw)))
        rows = list(queryset[: size + 1])
        self.next_cursor = self._encode(rows[size - 1]) if len(rows) > size else None
        return rows[:size]

    def get_paginated_response(self, data):
        next_url = None
        if self.next_cursor is not None:
            next_url = replace_query_param(
                self.request.build_absolute_uri(), self.cursor_query_param, self.next_cursor
            )
        return Response({"next": next_url, "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Curseur de la page suivante (tel que donné par `next`).",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": "Nombre de résultats par page.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self._max_page_size()},
            },
        ]
