"""English formats: "January 5, 2026", "2:00 p.m.", "Monday, January 5, 2026"."""

DATE_FORMAT = "F j, Y"
TIME_FORMAT = "g:i a"
DATETIME_FORMAT = r"F j, Y \a\t g:i a"
SHORT_DATETIME_FORMAT = "m/d/Y g:i a"
WEEKDAY_DATE_FORMAT = "l, F j, Y"
