"""Measuring a scenario against its baseline, in the same run, and reporting the ratios.

Rounds alternate baseline and campus batches, so that a change in the machine's load (this
machine is shared) weighs on both; a round's figure is the median of its operations, the
scenario's figure the median of its rounds, and the spread the range of the rounds' ratios.
"""

import json
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass
class Settings:
    """How long to measure: `quick` runs everything once (the tests)."""

    rounds: int = 5
    iterations: int = 20
    http_seconds: float = 10.0
    http_rounds: int = 3
    quick: bool = False

    @classmethod
    def for_tests(cls) -> "Settings":
        return cls(rounds=1, iterations=1, http_seconds=0.3, http_rounds=1, quick=True)


@dataclass
class Result:
    key: str
    title: str
    unit: str  # "ms" (lower is better) or "req/s" (higher is better)
    campus: list[float]
    baseline: list[float]
    # Ratio campus / baseline: at most `goal` ("ms"), at least `goal` ("req/s"); None: a row
    # shown for reference, without a goal ("—" in the report).
    goal: float | None
    queries: tuple = (None, None)  # campus queries at size A and size B
    sizes: tuple = ("", "")
    checks: dict = field(default_factory=dict)  # further conditions: {label: passed}
    notes: list = field(default_factory=list)

    @property
    def higher_is_better(self) -> bool:
        return self.unit == "req/s"

    @property
    def campus_median(self) -> float:
        return statistics.median(self.campus)

    @property
    def baseline_median(self) -> float:
        return statistics.median(self.baseline)

    @property
    def ratio(self) -> float:
        return self.campus_median / self.baseline_median if self.baseline_median else float("inf")

    @property
    def round_ratios(self) -> list[float]:
        return [
            c / b if b else float("inf") for c, b in zip(self.campus, self.baseline, strict=False)
        ]

    @property
    def spread(self) -> tuple[float, float]:
        ratios = self.round_ratios
        return (min(ratios), max(ratios)) if ratios else (0.0, 0.0)

    @property
    def goal_label(self) -> str:
        if self.goal is None:
            return "—"
        return f"{'≥' if self.higher_is_better else '≤'} {self.goal:g}×"

    @property
    def ratio_passed(self) -> bool:
        if self.goal is None:
            return True
        return self.ratio >= self.goal if self.higher_is_better else self.ratio <= self.goal

    @property
    def queries_stable(self) -> bool:
        small, large = self.queries
        return small is None or large is None or large <= small

    @property
    def passed(self) -> bool:
        return self.ratio_passed and self.queries_stable and all(self.checks.values())

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(
            campus_median=self.campus_median,
            baseline_median=self.baseline_median,
            ratio=round(self.ratio, 3),
            spread=[round(value, 3) for value in self.spread],
            goal_label=self.goal_label,
            passed=self.passed,
        )
        return data


def timed(function: Callable, iterations: int) -> float:
    """Median duration of `function()` in milliseconds over `iterations` calls."""
    durations = []
    for _ in range(iterations):
        started = time.perf_counter()
        function()
        durations.append((time.perf_counter() - started) * 1000)
    return statistics.median(durations)


def compare(campus: Callable, baseline: Callable, settings: Settings, *, iterations=None):
    """(campus ms per round, baseline ms per round), alternating, after one warm-up call."""
    iterations = iterations or settings.iterations
    campus()
    baseline()
    campus_rounds, baseline_rounds = [], []
    for _ in range(settings.rounds):
        baseline_rounds.append(timed(baseline, iterations))
        campus_rounds.append(timed(campus, iterations))
    return campus_rounds, baseline_rounds


def count_queries(function: Callable) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured.captured_queries)


# Report -------------------------------------------------------------------------------------


def _number(value: float, unit: str) -> str:
    if unit == "req/s":
        return f"{value:,.0f} req/s"
    return f"{value:,.2f} ms" if value < 100 else f"{value:,.0f} ms"


def table(results: list[Result]) -> str:
    """The results as a Markdown table (printed, and pasted in docs/performance.md)."""
    lines = [
        "| Scenario | Campus | Baseline | Ratio | Spread | Goal | Result | Queries A → B |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        low, high = result.spread
        small, large = result.queries
        queries = "—" if small is None else f"{small} → {large}"
        checks = "".join(
            f"<br>{label}: {'ok' if ok else 'NO'}" for label, ok in result.checks.items()
        )
        outcome = "pass" if result.passed else "FAIL"
        if result.goal is None:  # no goal: only the further conditions can fail
            outcome = "—" if result.passed else "FAIL"
        lines.append(
            f"| {result.title} | {_number(result.campus_median, result.unit)} | "
            f"{_number(result.baseline_median, result.unit)} | **{result.ratio:.2f}×** | "
            f"{low:.2f}–{high:.2f} | {result.goal_label} | "
            f"{outcome}{checks} | {queries} |"
        )
    return "\n".join(lines)


def machine() -> dict:
    import os

    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": [round(value, 2) for value in load] if load else None,
        "database": f"{connection.vendor} {connection.settings_dict.get('NAME')}",
    }


def write_json(path: str, results: list[Result], *, context: dict) -> None:
    payload = {
        "machine": machine(),
        "context": context,
        "results": [result.as_dict() for result in results],
        "passed": all(result.passed for result in results),
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, indent=2, ensure_ascii=False, default=str)
