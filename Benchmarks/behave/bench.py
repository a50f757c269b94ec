#!/usr/bin/env python3
"""The baseline for bench-runner: the same suite under Python's behave.

Generates 10,000 scenarios of 5 instructions (Given/When/And) and 3 expectations (Then/And),
with the same texts, parameters and step definitions as Benchmarks/bench-runner (plus the same
24 unrelated definitions), in a temporary directory; runs behave several times and prints items
(steps) per second, the median of the runs.

behave runs scenarios one after another (it has no parallel mode); bench-runner uses 2 jobs.

Usage: python3 Benchmarks/behave/bench.py [--cases N] [--runs N]
"""
import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STEPS = '''
from behave import given, when, then, step


class Console:
    def __init__(self):
        self.users = {}
        self.page = ""
        self.searched = ""


def world(context):
    if not hasattr(context, "console"):
        context.console = Console()
    return context.console


@step('log in as user {user:d} on {devices:d} devices')
def log_in(context, user, devices):
    world(context).users[user] = devices


@step('go to System Console ➜ {page}')
def go_to(context, page):
    world(context).page = page


@step('search for "{text}"')
def search(context, text):
    world(context).searched = text


@step('open the actions menu of user {user:d}')
def open_menu(context, user):
    assert user in world(context).users, f"no user {user}"


@step('revoke {count:d} sessions of user {user:d}')
def revoke(context, count, user):
    world(context).users[user] = world(context).users.get(user, 0) - count


@then('user {user:d} has {left:d} sessions left')
def sessions_left(context, user, left):
    assert world(context).users.get(user) == left


@then('the page is {page}')
def page_is(context, page):
    assert world(context).page == page


@then('the search box shows "{text}"')
def search_shows(context, text):
    assert world(context).searched == text

'''

UNRELATED = '''
@step('unrelated action number {index} with {{word}}')
def unrelated_action_{index}(context, word):
    pass


@then('unrelated check number {index} is {{value:d}}')
def unrelated_check_{index}(context, value):
    pass
'''

PER_FILE = 100


def generate(root: Path, cases: int) -> None:
    steps = root / "features" / "steps"
    steps.mkdir(parents=True)
    (steps / "console_steps.py").write_text(STEPS + "".join(UNRELATED.format(index=i) for i in range(12)))
    for first in range(0, cases, PER_FILE):
        lines = [f"Feature: Bench {first}", ""]
        for index in range(first, min(first + PER_FILE, cases)):
            user = index % 997
            devices = 2 + index % 3
            lines += [
                f"  Scenario: Bench {index}",
                f"    Given log in as user {user} on {devices} devices",
                "    When go to System Console ➜ Users",
                f'    And search for "user{user}"',
                f"    And open the actions menu of user {user}",
                f"    And revoke {devices} sessions of user {user}",
                f"    Then user {user} has 0 sessions left",
                "    And the page is Users",
                f'    And the search box shows "user{user}"',
                "",
            ]
        (root / "features" / f"bench_{first:05d}.feature").write_text("\n".join(lines))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    items = args.cases * 8
    rates = []
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        generate(root, args.cases)
        for run in range(1, args.runs + 1):
            start = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "behave", "--format", "null", "--no-summary", "--no-capture", "features"],
                cwd=root, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            if result.returncode != 0:
                print(result.stdout[-2000:], result.stderr[-2000:], file=sys.stderr)
                return 1
            rates.append(items / seconds)
            print(f"run {run}: {items} items in {seconds:.3f} s = {int(rates[-1])} items/s")
    print(f"behave: {args.cases} cases x 8 items, 1 process, median of {args.runs}: {int(statistics.median(rates))} items/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
