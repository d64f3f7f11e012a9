"""Benchmark of the review UI (not a test): time to first screen and per key press.

Builds a 40-link project (the baseline, an article) and a 10,000-link one (a book) in a
temporary folder, opens each headless at 100×30 and prints:
  - load: reading and checking the .align.json file;
  - first screen: from starting the app to the first screen drawn (targets ≤ 0.5 s);
  - per key press (move, merge, undo; target ≤ 50 ms): median and worst over repeated
    presses, from the key event until every widget has handled it and what it caused;
  - the work behind a key: the action plus drawing every visible grid line, timed
    directly (no event loop), which is what grows with the project if anything does;
  - the same keys through Textual's test pilot, whose ``press`` polls for idleness in
    20 ms steps (so it reads 40 ms for a key that does nothing).
QA flags are computed in the background as in normal use.

With ``--tmux`` it measures end to end instead, as a person sees it: ``sverka review`` runs
in a detached tmux session (100×30) on the same project; a key is sent with ``tmux
send-keys`` and the pane is read with ``tmux capture-pane`` until the title shows what the
key does (the next link for a move, one link fewer for a merge, one more for an undo):
  - first screen: from starting ``sverka review`` to the grid in the pane; "cold" is the
    first start of the run, "warm" the median of the starts after it;
  - move, merge, undo: key sent → screen changed, median and worst;
  - quit: ``q`` sent → the program gone (QA checks of the first pass still running).
Targets: move ≤ 50 ms, merge and undo ≤ 100 ms, first screen ≤ 0.5 s warm, ≤ 1.5 s cold.

    .venv/bin/python scripts/bench_tui.py [--links 10000] [--presses 30] [--tmux [--starts 4]]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events  # noqa: E402

from align.model import Alignment, Document, Link, Segment  # noqa: E402
from align.project import load, save  # noqa: E402
from tui.app import ReviewApp  # noqa: E402
from tui.session import Session  # noqa: E402

WORDS_RU = "договор безопасность страна президент помощь армия власть протест народ год".split()
WORDS_EN = "treaty security country president help army power protest people year".split()


def paragraph(rng: random.Random, words: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(1, 4)):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(6, 20)))
        sentences.append(body.capitalize() + f" {rng.randint(1, 2024)}.")
    return " ".join(sentences)


def build(links: int, seed: int = 1) -> Alignment:
    """A plausible alignment: mostly 1-1, some 2-1/1-2 and one-sided links."""
    rng = random.Random(seed)
    shapes = [(1, 1)] * 85 + [(2, 1)] * 5 + [(1, 2)] * 5 + [(1, 0)] * 3 + [(0, 1)] * 2
    made, i, j = [], 0, 0
    for _ in range(links):
        a, b = rng.choice(shapes)
        made.append(Link(tuple(range(i, i + a)), tuple(range(j, j + b)),
                         round(rng.uniform(0.3, 1.0), 4)))
        i, j = i + a, j + b
    source = Document("ru", tuple(Segment(paragraph(rng, WORDS_RU)) for _ in range(i)))
    target = Document("en", tuple(Segment(paragraph(rng, WORDS_EN)) for _ in range(j)))
    return Alignment(source, target, tuple(made), {"level": "paragraph"})


async def handled(pilot, key: str) -> float:
    """Seconds from a key event's arrival until the app and every widget on the screen
    have handled it and what it caused (the pilot's own ``press`` polls for idleness in
    20 ms steps, too coarse to time a key)."""
    app = pilot.app
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    started = time.perf_counter()
    app._driver.send_message(event)
    await pilot._wait_for_screen()
    await pilot._wait_for_screen()  # messages the first round posted (cursor moved …)
    return time.perf_counter() - started


KEYS = (("move", "down", "cursor_down"), ("merge", "m", "merge_next"), ("undo", "u", "undo"))


async def measure(path: Path, presses: int) -> dict[str, object]:
    started = time.perf_counter()
    alignment = load(path)
    loaded = time.perf_counter()
    session = Session(alignment, path)
    session.prepare()  # as `sverka review` does: the QA checker's process pool
    app = ReviewApp(session, cursor_blink=False)
    figures: dict[str, object] = {"load": loaded - started}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot._wait_for_screen()
        figures["first screen"] = time.perf_counter() - loaded
        await pilot.pause()
        for name, key, _ in KEYS:
            figures[name] = [await handled(pilot, key) for _ in range(presses)]
        for name, key, _ in KEYS:  # the same through the test pilot, for reference
            times = []
            for _ in range(presses):
                t0 = time.perf_counter()
                await pilot.press(key)
                times.append(time.perf_counter() - t0)
            figures[f"{name} pilot"] = times
        screen, grid = app.screen, app.screen.grid
        for name, _, action in KEYS:
            times = []
            for _ in range(presses):
                t0 = time.perf_counter()
                getattr(screen, f"action_{action}")()
                for y in range(grid.size.height):
                    grid.render_line(y)
                times.append(time.perf_counter() - t0)
            figures[f"{name} work"] = times
        await app.workers.wait_for_complete()
        app.session.discard_journal()
    return figures


# ---------------------------------------------------------------------------- in tmux

SOCKET = f"sverka-bench-{os.getpid()}"
"""A tmux server of this run's own: other tmux sessions (and other runs) stay apart, and
the review inherits this environment."""
SESSION = "review"
POSITION = re.compile(r"link (\d+)/(\d+)")
"""The title's "link 12/10000": where the cursor is and how many links there are."""


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], check=True, capture_output=True,
                          text=True).stdout


def pane() -> str:
    return tmux("capture-pane", "-p", "-t", SESSION)


def position() -> tuple[int, int] | None:
    found = POSITION.search(pane())
    return (int(found.group(1)), int(found.group(2))) if found else None


def wait_for(test, timeout: float = 30.0) -> float:
    """Poll the pane until ``test(position)`` holds; the moment it did."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if test(position()):
            return time.perf_counter()
        time.sleep(0.001)
    raise TimeoutError(f"the pane never showed it:\n{pane()}")


def session_alive() -> bool:
    return subprocess.run(["tmux", "-L", SOCKET, "has-session", "-t", SESSION],
                          capture_output=True).returncode == 0


def start_review(path: Path) -> float:
    """Start ``sverka review path`` in a fresh tmux session: seconds to the grid shown."""
    sverka = Path(sys.executable).parent / "sverka"
    started = time.perf_counter()
    tmux("new-session", "-d", "-s", SESSION, "-x", "100", "-y", "30",
         f"{sverka} review {path}")
    return wait_for(lambda seen: seen is not None) - started


def press(key: str, expect) -> float:
    """Send ``key``; seconds until the title shows ``expect(before)``."""
    before = position()
    started = time.perf_counter()
    tmux("send-keys", "-t", SESSION, key)
    return wait_for(lambda seen: seen == expect(before)) - started


QUIT_PATIENCE = 60.0
"""Seconds a quit is waited for before the review is killed (and the quit reported as
never done)."""


def quit_review() -> float:
    """Seconds from ``q`` to the program gone; infinite when it was not gone in
    :data:`QUIT_PATIENCE` (it is killed then)."""
    started = time.perf_counter()
    tmux("send-keys", "-t", SESSION, "q")
    while session_alive():
        if time.perf_counter() - started > QUIT_PATIENCE:
            tmux("kill-session", "-t", SESSION)
            return math.inf
        time.sleep(0.005)
    return time.perf_counter() - started


def measure_tmux(path: Path, presses: int, starts: int = 4) -> dict[str, list[float]]:
    """End-to-end figures on ``path`` (see the module text)."""
    figures: dict[str, list[float]] = {"first screen": [], "quit": []}
    for _ in range(starts):
        figures["first screen"].append(start_review(path))
        figures["quit"].append(quit_review())
    start_review(path)
    keys = (("move", "Down", lambda at: (at[0] + 1, at[1])),
            ("merge", "m", lambda at: (at[0], at[1] - 1)),
            ("undo", "u", lambda at: (at[0], at[1] + 1)))
    for name, _, _ in keys:
        figures[name] = []
    for _ in range(presses):
        for name, key, expect in keys:
            figures[name].append(press(key, expect))
    figures["quit"].append(quit_review())
    return figures


def report_tmux(links: int, presses: int, starts: int) -> None:
    if shutil.which("tmux") is None:
        sys.exit("bench_tui: --tmux needs tmux (apt-get install tmux)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bench-{links}.align.json"
        save(build(links), path)
        try:
            figures = measure_tmux(path, presses, starts)
        finally:
            if session_alive():
                tmux("kill-server")
    starts = figures["first screen"]
    print(f"end to end in tmux (100×30), {links} links, {presses} presses per key; "
          f"key sent → screen changed, median/worst in ms")
    print(f"first screen: cold {starts[0] * 1000:.0f} ms, warm "
          f"{statistics.median(starts[1:]) * 1000:.0f} ms (median of {len(starts) - 1})"
          f"  (targets 1500 / 500)")
    targets = {"move": 50, "merge": 100, "undo": 100, "quit": None}
    for name, target in targets.items():
        times = figures[name]
        print(f"{name:>6}: {statistics.median(times) * 1000:7.1f} / {max(times) * 1000:7.1f}"
              + (f"  (target ≤ {target} median)" if target else
                 f"  (q → program gone, {len(times)} quits; inf: not gone within "
                 f"{QUIT_PATIENCE:.0f} s, killed)"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=40)
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--starts", type=int, default=4,
                        help="with --tmux: starts timed (the first is the cold one)")
    parser.add_argument("--tmux", action="store_true",
                        help="end to end in a tmux session instead (see above)")
    args = parser.parse_args()
    if args.tmux:
        report_tmux(args.links, args.presses, max(2, args.starts))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        rows = []
        for size in (args.baseline, args.links):
            path = Path(folder) / f"bench-{size}.align.json"
            save(build(size), path)
            rows.append((size, asyncio.run(measure(path, args.presses))))
    names = ("move", "merge", "undo", "move work", "merge work", "undo work", "move pilot",
             "merge pilot", "undo pilot")
    print("per key, median/worst in ms: key event handled by every widget; \"work\": the "
          "action plus drawing the visible grid lines; \"pilot\": Pilot.press, which polls "
          "for idleness in 20 ms steps")
    print(f"{'links':>7}  {'load':>7}  {'first screen':>12}  "
          + "  ".join(f"{name:>13}" for name in names))
    for size, figures in rows:
        cells = []
        for name in names:
            times = figures[name]
            cells.append(f"{statistics.median(times) * 1000:6.1f}/{max(times) * 1000:6.1f}")
        print(f"{size:>7}  {figures['load'] * 1000:5.0f} ms  "
              f"{figures['first screen'] * 1000:9.0f} ms  " + "  ".join(f"{c:>13}" for c in cells))
    print("targets: first screen ≤ 500 ms; a key press ≤ 50 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
