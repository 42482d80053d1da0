"""gunicorn settings for production (`web` process of the Procfile)."""

import multiprocessing
import os

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
# "-": stdout (the platform collects it); empty: no access log (the reverse proxy keeps one).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
