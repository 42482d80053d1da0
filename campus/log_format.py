"""Log formats: one JSON object a line in production, for a log platform to index; readable text
in development (`LOG_FORMAT=json|text`, json unless DEBUG).

A JSON line carries `timestamp` (UTC, ISO 8601), `level`, `logger`, `message`, the request's
`request_id` and `user_id` when logged while serving one (campus/request_log.py), the access
log's `method`, `path`, `status` and `duration_ms`, and `exception` with its traceback. E-mail
addresses are replaced by [e-mail] (campus/redaction.py): agents are known by id.
"""

import json
import logging
from datetime import UTC, datetime

from campus import request_log
from campus.redaction import redact_text

REQUEST_FIELDS = ("method", "path", "status", "duration_ms")


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": redact_text(record.getMessage()),
        }
        context = request_log.current()
        if context is not None:
            line["request_id"] = context.request_id
        user_id = getattr(record, "user_id", None) or (context and context.user_id())
        if context is not None or user_id:
            line["user_id"] = user_id
        for field in REQUEST_FIELDS:
            if hasattr(record, field):
                value = getattr(record, field)
                line[field] = redact_text(value) if isinstance(value, str) else value
        if record.exc_info:
            line["exception"] = redact_text(self.formatException(record.exc_info))
        if record.stack_info:
            line["stack"] = redact_text(self.formatStack(record.stack_info))
        return json.dumps(line, ensure_ascii=False, default=str)
