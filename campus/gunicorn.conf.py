"""gunicorn settings for production (`web` process of the Procfile)."""

import multiprocessing
import os

from campus.settings.env import getenv_bool

# Every interface, on $PORT, as PaaS platforms expect; GUNICORN_BIND=127.0.0.1:8000 behind a
# reverse proxy on the same machine, so that only the proxy reaches gunicorn.
bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Two workers per core plus one is gunicorn's advice for I/O-bound Django apps.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Workers are forked from a master that has loaded the campus once: a worker starts in
# milliseconds instead of importing Django and Wagtail again (seconds of CPU), which matters as
# workers are recycled every `max_requests` requests (a guard against slow memory growth).
preload_app = True
max_requests = 20000
max_requests_jitter = 2000
# The campus writes its own access log, one line per request with its id, the user's id and the
# duration (campus/request_log.py): gunicorn's is off unless asked for ("-": stdout).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# gunicorn's own lines (start, workers, timeouts) in the campus's format: one JSON object a line
# unless LOG_FORMAT=text (campus/log_format.py), on stderr like the campus's.
if (os.environ.get("LOG_FORMAT") or ("text" if getenv_bool("DEBUG") else "json")) == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "campus.log_format.JSONFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
            "gunicorn.access": {
                "level": "INFO",
                "handlers": ["console"] if accesslog else [],
                "propagate": False,
            },
        },
    }
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
