"""scripts/fetch-vendor: the vendored runtimes are extracted only from a tarball whose integrity
matches the lock (a loopback HTTP server stands in for the npm registry; no network)."""

import base64
import functools
import hashlib
import importlib.machinery
import importlib.util
import io
import json
import tarfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fetch-vendor"


def _load_script():
    loader = importlib.machinery.SourceFileLoader("fetch_vendor", str(SCRIPT))
    spec = importlib.util.spec_from_loader("fetch_vendor", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


fetch_vendor = _load_script()


def _tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


@pytest.fixture
def registry(tmp_path):
    """A loopback HTTP server serving tmp_path/served."""
    served = tmp_path / "served"
    served.mkdir()
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _lock(tmp_path, url: str, integrity: str) -> Path:
    lock = tmp_path / "vendor.lock.json"
    package = {
        "name": "demo-runtime",
        "version": "1.0.0",
        "tarball": f"{url}/demo-runtime-1.0.0.tgz",
        "integrity": integrity,
        "root": "package",
        "include": ["dist/*.js", "LICENSE"],
    }
    lock.write_text(json.dumps({"packages": [package]}))
    return lock


FILES = {
    "package/dist/runtime.js": b"console.log('runtime');\n",
    "package/dist/runtime.js.map": b"{}",
    "package/LICENSE": b"MIT\n",
    "package/README.md": b"# demo\n",
}


def test_matching_tarball_is_extracted_then_skipped(tmp_path, registry, capsys):
    served, url = registry
    data = _tarball(FILES)
    (served / "demo-runtime-1.0.0.tgz").write_bytes(data)
    dest = tmp_path / "vendor"
    lock = _lock(tmp_path, url, _integrity(data))

    assert fetch_vendor.main(["--lock", str(lock), "--dest", str(dest)]) == 0
    folder = dest / "demo-runtime"
    assert (folder / "dist/runtime.js").read_bytes() == FILES["package/dist/runtime.js"]
    assert (folder / "LICENSE").exists()
    assert not (folder / "README.md").exists()  # only the listed files
    assert not (folder / "dist/runtime.js.map").exists()

    (served / "demo-runtime-1.0.0.tgz").unlink()  # a second run needs no download
    assert fetch_vendor.main(["--lock", str(lock), "--dest", str(dest)]) == 0
    assert "up to date" in capsys.readouterr().out


def test_integrity_mismatch_is_refused(tmp_path, registry, capsys):
    served, url = registry
    genuine = _tarball(FILES)
    tampered = _tarball({**FILES, "package/dist/runtime.js": b"steal(document.cookie);\n"})
    (served / "demo-runtime-1.0.0.tgz").write_bytes(tampered)
    dest = tmp_path / "vendor"
    lock = _lock(tmp_path, url, _integrity(genuine))

    assert fetch_vendor.main(["--lock", str(lock), "--dest", str(dest)]) == 1
    assert "integrity mismatch" in capsys.readouterr().err
    assert not (dest / "demo-runtime").exists()
    assert not any(dest.glob("*")) if dest.exists() else True


def test_stale_stamp_is_refetched_and_mismatch_keeps_nothing_new(tmp_path, registry):
    served, url = registry
    data = _tarball(FILES)
    (served / "demo-runtime-1.0.0.tgz").write_bytes(data)
    dest = tmp_path / "vendor"
    assert (
        fetch_vendor.main(
            ["--lock", str(_lock(tmp_path, url, _integrity(data))), "--dest", str(dest)]
        )
        == 0
    )
    # The lock moves to another integrity the served file does not have: refused, loudly.
    other = _lock(tmp_path, url, _integrity(b"another tarball"))
    assert fetch_vendor.main(["--lock", str(other), "--dest", str(dest)]) == 1


def test_locked_versions_are_pinned_with_sha512():
    lock = json.loads((SCRIPT.parent.parent / "vendor.lock.json").read_text())
    names = {package["name"] for package in lock["packages"]}
    assert names == {"scorm-again", "h5p-standalone"}
    for package in lock["packages"]:
        assert package["integrity"].startswith("sha512-")
        assert package["tarball"].startswith("https://registry.npmjs.org/")
        assert package["version"] in package["tarball"]
