"""Writing many rows fast: COPY on PostgreSQL, `bulk_create` in batches elsewhere.

Rows carry explicit primary keys (allocated by `next_ids`) so that related rows can point at
them without reading anything back; the sequences are moved past them at the end
(`reset_sequences`).
"""

import json
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from itertools import islice

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max

BATCH_SIZE = 5_000


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def next_ids(model, count: int) -> range:
    """`count` primary keys above every existing one."""
    start = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    return range(start, start + count)


def insert(model, fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert `rows` (tuples in the order of `fields`, field names or attnames such as
    "user_id") into `model`'s table; returns the number of rows."""
    if is_postgresql():
        return _copy(model, fields, rows)
    count = 0
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH_SIZE)):
        model.objects.bulk_create([model(**dict(zip(fields, row, strict=True))) for row in batch])
        count += len(batch)
    return count


def _copy(model, fields, rows) -> int:
    opts = model._meta
    columns = [opts.get_field(name).column for name in fields]
    json_positions = [
        index
        for index, name in enumerate(fields)
        if opts.get_field(name).get_internal_type() == "JSONField"
    ]
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    statement = f"COPY {connection.ops.quote_name(opts.db_table)} ({quoted}) FROM STDIN"
    count = 0
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            if json_positions:
                row = list(row)
                for index in json_positions:
                    row[index] = json.dumps(row[index])
            copy.write_row(row)
            count += 1
    return count


def reset_sequences(*models) -> None:
    """Move the primary-key sequences past the explicit ids (PostgreSQL; SQLite needs none)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


@contextmanager
def fast_loading():
    """Commit without waiting for the disk while loading (a crash loses the load, nothing
    else: it is a benchmark database)."""
    if is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        if is_postgresql():
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO DEFAULT")


def analyze() -> None:
    """Up-to-date planner statistics: the benchmarks measure the plans of a live database."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
