"""The campus's date and time formats, per language (settings.FORMAT_MODULE_PATH).

Each module overrides a few of Django's formats and adds WEEKDAY_DATE_FORMAT, a date with its
weekday for sessions. Templates use the names (`date:"DATE_FORMAT"`, `time:"TIME_FORMAT"`), never a
pattern, so that each language reads its own dates. Every module defines the same names: Django
looks a custom name up in the active language's modules only.
"""
