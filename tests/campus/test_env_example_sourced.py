"""`.env.example` can be sourced by a shell as the README's production steps do
(`set -a && . campus.env && set +a`): values with `<`, `>`, spaces or `&` are quoted, and every
variable arrives with the value the file shows."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def documented_values() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        name, equals, value = line.partition("=")
        if line.startswith("#") or not equals:
            continue
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[name] = value
    return values


def test_env_example_sourced_by_bash_gives_every_value():
    """Sourced with `set -a`, the file gives each variable its documented value, no error."""
    script = f"set -a && . {ROOT / '.env.example'} && set +a && env -0"
    result = subprocess.run(
        ["bash", "-euc", script], capture_output=True, text=True, env={}, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    environment = dict(item.split("=", 1) for item in result.stdout.split("\0") if "=" in item)
    expected = documented_values()
    assert expected, "no variable in .env.example"
    wrong = {
        name: (environment.get(name), value)
        for name, value in expected.items()
        if environment.get(name) != value
    }
    assert not wrong, f"(sourced, documented): {wrong}"
