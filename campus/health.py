"""The state of the services the campus runs on, for /healthz and the operators.

- database: a `SELECT 1`;
- cache: a value written then read back (Redis in production);
- tasks: with the database backend, the queued tasks, the age of the oldest one, and the tasks
  stuck "running" past `TASK_STUCK_AFTER_MINUTES` (lost with a killed worker; see
  `manage.py requeue_stuck_tasks`).

Only the database is required to serve pages: without the cache the campus is slower, without
the worker its e-mails and PDFs wait.
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer.")
        return "unreachable"
    return "ok"


def cache_state() -> str:
    key, value = "campus:healthz", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=30)
        answered = cache.get(key)
    except Exception:  # noqa: BLE001 - any backend's failure is a "down" cache
        logger.exception("Health check: the cache failed.")
        return "unreachable"
    return "ok" if answered == value else "unreachable"


def stuck_tasks(now: datetime.datetime | None = None):
    """Tasks claimed by a worker and still running past the timeout."""
    limit = (now or timezone.now()) - datetime.timedelta(minutes=settings.TASK_STUCK_AFTER_MINUTES)
    return DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=limit)


def tasks_state(now: datetime.datetime | None = None) -> dict:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != DATABASE_BACKEND:
        return {"backend": backend.rsplit(".", 1)[-1], "status": "ok"}
    now = now or timezone.now()
    queued = DBTaskResult.objects.ready()
    oldest = queued.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    stuck = stuck_tasks(now).count()
    return {
        "backend": "database",
        "status": "stuck" if stuck else "ok",
        "queued": queued.count(),
        "oldest_queued_seconds": int((now - oldest).total_seconds()) if oldest else 0,
        "stuck": stuck,
    }


def report() -> tuple[dict, int]:
    """The JSON /healthz answers and its status code: 503 when the database is down."""
    database = database_state()
    body = {"database": database, "cache": cache_state()}
    if database == "ok":
        try:
            body["tasks"] = tasks_state()
        except DatabaseError:
            logger.exception("Health check: the task queue cannot be read.")
            body["tasks"] = {"status": "unreachable"}
    healthy = database == "ok"
    degraded = body["cache"] != "ok" or body.get("tasks", {}).get("status") != "ok"
    body["status"] = "error" if not healthy else ("degraded" if degraded else "ok")
    return body, 200 if healthy else 503
