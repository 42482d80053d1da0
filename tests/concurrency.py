"""Running work in threads released at the same moment, for the PostgreSQL concurrency tests."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import close_old_connections, connections


def run_together(count: int, work) -> list:
    """Run `work(index)` in `count` threads released at the same moment; each thread uses its
    own connection, closed at the end. Returns results (or the exceptions raised)."""
    barrier = threading.Barrier(count)

    def task(index):
        try:
            barrier.wait(timeout=30)
            return work(index)
        except Exception as error:  # noqa: BLE001 - reported by the test
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        results = list(pool.map(task, range(count)))
    close_old_connections()
    return results
