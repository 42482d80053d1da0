"""Loopback ports for the tests that start a server, or need one that nothing answers on."""

import socket


def free_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
