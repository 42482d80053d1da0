"""The shared cache as a cache: when Redis does not answer, pages are served uncached.

`ResilientRedisCache` is Django's Redis backend whose every operation, on a Redis error
(connection refused, timeout, server loading), logs and answers as an empty cache would: `get`
returns the default, `add` and `set` store nothing, `incr` finds no key. Callers degrade by
themselves (catalogue version, cached outlines and pages, rate limits), so an outage costs speed,
not availability. Errors are logged at most once per `LOG_EVERY` seconds per process, so that an
outage does not flood the logs; `campus.health` reports the cache's state on /healthz.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

LOG_EVERY = 60


# `incr` on an empty cache raises ValueError: so does it when Redis fails.
MISSING_KEY = object()


def _resilient(fallback):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self._report(method.__name__, error)
                if fallback is MISSING_KEY:
                    raise ValueError("Key not found (cache unavailable).") from error
                if callable(fallback):
                    return fallback(*args, **kwargs)
                return fallback

        return wrapper

    return decorate


def _default(key, default=None, version=None):
    return default


def _all_keys(data, *args, **kwargs):
    return list(data)


class ResilientRedisCache(RedisCache):
    _last_report = 0.0

    def _report(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        if now - ResilientRedisCache._last_report >= LOG_EVERY:
            ResilientRedisCache._last_report = now
            logger.error("Cache unavailable (%s: %s): serving without it.", operation, error)

    add = _resilient(False)(RedisCache.add)
    get = _resilient(_default)(RedisCache.get)
    set = _resilient(None)(RedisCache.set)
    touch = _resilient(False)(RedisCache.touch)
    delete = _resilient(False)(RedisCache.delete)
    get_many = _resilient(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _resilient(False)(RedisCache.has_key)
    incr = _resilient(MISSING_KEY)(RedisCache.incr)
    set_many = _resilient(_all_keys)(RedisCache.set_many)
    delete_many = _resilient(None)(RedisCache.delete_many)
    clear = _resilient(None)(RedisCache.clear)
