"""A fake Sentry ingestion server over real HTTP on 127.0.0.1, for the error-reporting tests.

It receives what sentry-sdk's transport sends to a DSN `http://<key>@127.0.0.1:<port>/<project>`:
POST /api/<project>/envelope/, a body compressed with gzip or brotli (Content-Encoding), in the
envelope format (a JSON header line, then for each item a JSON item header line and its
payload, `length` bytes or up to the next newline). It answers 200, as Sentry does, and keeps
each envelope's raw text and items.
"""

import gzip
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli


@dataclass
class Envelope:
    path: str
    headers: dict
    raw: str
    items: list[tuple[dict, object]] = field(default_factory=list)

    def events(self) -> list[dict]:
        return [payload for header, payload in self.items if header.get("type") == "event"]


def parse_envelope(body: bytes) -> tuple[dict, list[tuple[dict, object]]]:
    """The envelope's header and its (item header, payload) pairs; JSON payloads decoded."""
    header_line, _, rest = body.partition(b"\n")
    items = []
    while rest.strip():
        item_line, _, rest = rest.partition(b"\n")
        item_header = json.loads(item_line)
        if "length" in item_header:
            payload, rest = rest[: item_header["length"]], rest[item_header["length"] :]
            rest = rest.removeprefix(b"\n")
        else:
            payload, _, rest = rest.partition(b"\n")
        try:
            items.append((item_header, json.loads(payload)))
        except ValueError:
            items.append((item_header, payload))
    return json.loads(header_line), items


class FakeSentry:
    """`start()` serves in a daemon thread on a free port; `dsn` points sentry-sdk at it."""

    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.dsn = f"http://campus-public-key@127.0.0.1:{self.server.server_port}/1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.envelopes: list[Envelope] = []
        self.received = threading.Condition()

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def wait_for_event(self, timeout: float = 10) -> tuple[Envelope, dict]:
        """The first envelope carrying an event, and that event."""
        deadline = time.monotonic() + timeout
        with self.received:
            while True:
                for envelope in self.envelopes:
                    if envelope.events():
                        return envelope, envelope.events()[0]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no event received in {timeout} s: {self.envelopes}")
                self.received.wait(remaining)


def _handler_for(sentry: FakeSentry):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            encoding = self.headers.get("Content-Encoding", "")
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "br":
                body = brotli.decompress(body)
            if not self.path.endswith("/envelope/"):
                self.send_error(404)
                return
            header, items = parse_envelope(body)
            envelope = Envelope(self.path, header, body.decode("utf-8"), items)
            with sentry.received:
                sentry.envelopes.append(envelope)
                sentry.received.notify_all()
            answer = json.dumps({"id": header.get("event_id")}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format, *args):  # noqa: A002 - http.server's signature
            pass

    return Handler
