"""Every environment variable the settings read is documented in .env.example and the README."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ = re.compile(r'getenv(?:_[a-z]+)?\(\s*"([A-Z0-9_]+)"')


def variables() -> set[str]:
    return {
        name
        for path in (ROOT / "campus" / "settings").glob("*.py")
        for name in READ.findall(path.read_text())
    }


def test_settings_documented_in_env_example():
    example = (ROOT / ".env.example").read_text()
    missing = sorted(n for n in variables() if not re.search(rf"^#?\s*{n}=", example, re.M))
    assert not missing


def test_settings_documented_in_readme():
    readme = (ROOT / "README.md").read_text()
    assert not sorted(n for n in variables() if f"`{n}`" not in readme)


def test_settings_documented_finds_the_variables():
    assert {"SECRET_KEY", "DATABASE_URL", "TRUSTED_PROXY_COUNT", "ADMINS"} <= variables()
    assert "SENTRY_TRACES_SAMPLE_RATE" in variables()
