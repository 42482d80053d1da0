"""French formats: "5 janvier 2026", "14h00", "lundi 5 janvier 2026"."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = r"H\hi"
DATETIME_FORMAT = r"j F Y à H\hi"
WEEKDAY_DATE_FORMAT = "l j F Y"
