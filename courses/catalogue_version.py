"""The version of the published catalogue: it changes whenever what visitors see of the
catalogue may change (a page published, unpublished, moved or deleted; a theme, skill, image,
site or view restriction edited).

What is computed from published content (a path's outline, an activity and its path, a
lesson's rendered body, a path page's route and content, pages served to anonymous visitors)
is cached with the version it was computed at and recomputed when the version differs: one
publication retires every such entry at once, nothing is deleted one by one, and entries also
expire after `settings.CONTENT_CACHE_TIMEOUT` seconds.

- The version lives in the shared cache (Redis in production). Each process reads it at most
  once a second (`VERSION_CHECK_SECONDS`): another server sees a publication within a second.
- Entries live in the shared cache; `local=True` entries are also kept, pickled, in the
  process's memory (an LRU of `LOCAL_ENTRIES`): the same for every visitor and small, they then
  cost no round trip at all.
- Nothing is read from or written to these caches inside a transaction: what a transaction sees
  may not be committed yet (or may be about to change, as during a publication).

At the bottom of `courses`: imports none of its modules. `bump` is connected to the signals of
the changes above by `courses.signals`.
"""

import hashlib
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction


def _version_key() -> str:
    """Per database: two campuses sharing a cache server (staging and production, the
    benchmark's two databases) never take each other's entries."""
    database = settings.DATABASES["default"]
    where = f"{database.get('HOST', '')}:{database.get('PORT', '')}/{database.get('NAME', '')}"
    return "courses:catalogue-version:" + hashlib.sha256(where.encode()).hexdigest()[:16]


VERSION_KEY = _version_key()
VERSION_CHECK_SECONDS = 1.0
LOCAL_ENTRIES = 2_000

_lock = threading.Lock()
_seen = {"version": None, "at": 0.0}  # the version last read by this process, and when
_local: OrderedDict = OrderedDict()  # key -> (version, expires at, pickled value)


def bump(**kwargs) -> str:
    """A new version (signal receiver: also bumped again once the transaction commits, so
    that nothing computed from the uncommitted state outlives the commit)."""
    version = _new_version()
    transaction.on_commit(_new_version, robust=True)
    return version


def _new_version() -> str:
    version = f"{time.time_ns():x}"
    cache.set(VERSION_KEY, version, timeout=None)
    _remember(version)
    return version


def _remember(version: str) -> str:
    with _lock:
        _seen["version"], _seen["at"] = version, time.monotonic()
    return version


def current() -> str:
    """The version, read from the shared cache at most once a second by this process."""
    if _seen["version"] is not None and time.monotonic() - _seen["at"] < VERSION_CHECK_SECONDS:
        return _seen["version"]
    return _remember(cache.get(VERSION_KEY) or _new_version())


def is_enabled() -> bool:
    return settings.CONTENT_CACHE_TIMEOUT > 0 and not connection.in_atomic_block


def cached(key: str, build: Callable, *, local: bool = False, timeout: int | None = None):
    """`build()`, cached under `key` for the current catalogue version."""
    if not is_enabled():
        return build()
    version = current()
    timeout = timeout or settings.CONTENT_CACHE_TIMEOUT
    if local:
        with _lock:
            entry = _local.get(key)
            if entry is not None and entry[0] == version and entry[1] > time.monotonic():
                _local.move_to_end(key)
                return pickle.loads(entry[2])  # noqa: S301 - written by this process
    entry = cache.get(key)
    if entry is not None and entry[0] == version:
        value = entry[1]
    else:
        value = build()
        cache.set(key, (version, value), timeout)
    if local:
        _keep_locally(key, version, value, timeout)
    return value


def _keep_locally(key: str, version: str, value, timeout: int) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    with _lock:
        _local[key] = (version, time.monotonic() + timeout, data)
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
