"""URL converters of the campus."""

# The largest value of the id columns (signed 64-bit integers, BigAutoField).
MAX_ID = 2**63 - 1


class IdConverter:
    """`<id:name>`: a database id. Like `<int:…>`, except that a number no id column can hold
    (20 digits and more) does not match, so the URL answers 404 instead of reaching the
    database, where it would raise (OverflowError on SQLite, out of range on PostgreSQL)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)  # Django treats it as "no match": 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))
