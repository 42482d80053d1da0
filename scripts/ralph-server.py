"""Serve Ralph's LRS API with its file-system backend, without the reloader of `ralph
runserver` (which watches the current folder and restarts on every change), for `scripts/ralph
serve` and the xAPI integration tests. Run with .venv-ralph's Python:

    RALPH_AUTH_FILE=… RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=… \\
        .venv-ralph/bin/python scripts/ralph-server.py HOST PORT

Ralph 5.1.0's file-system LRS backend writes with its data backend's default operation,
CREATE, which refuses to write into the statements file once it exists: only the first POST
would be stored. Appending is what an LRS file needs; that default is set here. Its `verb`
and `activity` filters compare the query's IRI, parsed into an object, with the statements'
strings, so `GET /xAPI/statements?verb=…` and `?activity=…` found nothing: they compare
strings here.
"""

import os
import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND


def _text(iri):
    return None if iri is None else str(getattr(iri, "root", iri))


_filter_by_verb = FSLRSBackend._add_filter_by_verb
_filter_by_activity = FSLRSBackend._add_filter_by_activity
FSLRSBackend._add_filter_by_verb = staticmethod(
    lambda filters, verb_id: _filter_by_verb(filters, _text(verb_id))
)
FSLRSBackend._add_filter_by_activity = staticmethod(
    lambda filters, object_id, related: _filter_by_activity(filters, _text(object_id), related)
)

if __name__ == "__main__":
    os.environ.setdefault("RALPH_RUNSERVER_BACKEND", "fs")
    host, port = sys.argv[1], int(sys.argv[2])
    uvicorn.run("ralph.api:app", host=host, port=port, log_level="warning")
