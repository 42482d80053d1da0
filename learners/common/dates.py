"""Calendar arithmetic shared by the capabilities."""

import calendar
import datetime
from typing import TypeVar

Moment = TypeVar("Moment", datetime.date, datetime.datetime)


def add_months(moment: Moment, months: int) -> Moment:
    """`moment` plus (or, negative, minus) whole calendar months, on the same day of the month
    or the month's last day: 31 January + 1 month = 28 or 29 February, 31 May − 3 months =
    28 or 29 February. Works on dates and datetimes (the time and time zone are kept)."""
    month_index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
