"""How long a control change takes to give the playground's new picture.

Default setting (planar flower, 4 tanh units, sigmoid + BCE, 2 000 iterations). Each
change flips the hidden activation (tanh <-> ReLU); the handler restarts from the seed,
retrains 2 000 iterations in chunks, renders the PNG and refreshes the texts (formula,
zero-gradient report, gradient-check badge). Measured in-process, as the kernel sees it:

* picture: from setting the control's value to the Image widget holding the new PNG,
* handler: until the handler returns (texts included),

with the median and the worst over the repeats, plus the split into training and
rendering, and one Play frame (one chunk + redraw). The budget is 0.5 s for the picture.

Then the network view (issue 10) at 4 hidden layers x 8 units: a control change until the
network picture is new, a redraw alone, the network figure alone and a unit selection, and
for comparison the same with the view hidden. Its budget is 0.5 s for the control change.

Then (issue 18) the default setting with the network view shown, which is what a learner
opening `make playground` sees: a control change until the network picture is new. Budget
0.5 s.

Last, the app's start (issue 18): `make playground`'s Voilà server (app/playground.ipynb with
app/voila.py) started, a headless Chromium opening it, and the time from the server's start
to the first live picture (the widget's image decoded in the page). Budget 8 s. Needs the
system Chromium and Playwright (as the browser tests); skipped with a note without them.

The machine (CPU, cores, load average) is printed first: wall times on a shared 2-core
machine vary with what else runs.

Usage: ``python bench/bench_playground.py [--repeats N] [--starts N] [--check]``;
``--check`` exits with status 1 when a median is over budget.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from dlsnotes.playground import PlaygroundModel, build_playground  # noqa: E402
from dlsnotes.playground import widgets as playground_widgets  # noqa: E402

# Every control change here trains its whole run before returning (no browser ticks in this
# process): a run the widget would split into slices on a loaded machine is timed whole.
playground_widgets.LONG_RUN_S = float("inf")

BUDGET_S = 0.5
START_BUDGET_S = 8.0
REPO = Path(__file__).resolve().parents[1]


def machine() -> str:
    """CPU model, cores and the load average, for reading the wall times below."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"machine: {model}; {os.cpu_count()} cores; load average {load} (1, 5, 15 min); "
            f"Python {platform.python_version()}")


def _median_max(values):
    return statistics.median(values), max(values)


def measure_control_changes(repeats):
    pg = build_playground()
    stamps = {}
    pg.image.observe(lambda change: stamps.setdefault("picture", time.perf_counter()), names="value")
    pg.controls["hidden"].value = "relu"  # warm-up: first draw of each artist, caches
    picture, handler, cpu = [], [], []
    for i in range(repeats):
        stamps.clear()
        value = "tanh" if i % 2 == 0 else "relu"
        start, start_cpu = time.perf_counter(), time.process_time()
        pg.controls["hidden"].value = value
        end, end_cpu = time.perf_counter(), time.process_time()
        assert pg.model.settings.hidden == value and pg.model.iteration == 2000
        picture.append(stamps["picture"] - start)
        handler.append(end - start)
        cpu.append(end_cpu - start_cpu)
    return picture, handler, cpu


def measure_parts(repeats):
    model = PlaygroundModel()
    pg = build_playground(train=False)
    train, render = [], []
    for i in range(repeats):
        model.update(hidden="relu" if i % 2 == 0 else "tanh")
        start = time.perf_counter()
        model.run()
        train.append(time.perf_counter() - start)
        start = time.perf_counter()
        pg.figure.render(model)
        render.append(time.perf_counter() - start)
    return train, render


def measure_play_frames(repeats):
    pg = build_playground(train=False)
    frames = []
    for _ in range(repeats):
        start = time.perf_counter()
        pg.step()
        frames.append(time.perf_counter() - start)
    return frames


NETWORK_SETTING = dict(n_layers=4, n_units=8)  # issue 10: the network view's budget case


def measure_network_view(repeats, show=True, setting=NETWORK_SETTING):
    """4 hidden layers x 8 units (or ``setting``), network view shown (or hidden): a control
    change until both pictures are new, a redraw alone, the network figure alone, a unit
    selection."""
    pg = build_playground(**setting)
    pg.network.toggle.value = show
    stamps = {}
    pg.network.image.observe(lambda c: stamps.setdefault("network", time.perf_counter()), names="value")
    pg.image.observe(lambda c: stamps.setdefault("picture", time.perf_counter()), names="value")
    watched = pg.network.image if show else pg.image
    watched.observe(lambda c: stamps.setdefault("cpu", time.process_time()), names="value")
    pg.controls["hidden"].value = "relu"  # warm-up
    change, change_cpu, redraw, network, select, frames = [], [], [], [], [], []
    for i in range(repeats):
        stamps.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        pg.controls["hidden"].value = "tanh" if i % 2 == 0 else "relu"
        assert pg.model.iteration == 2000
        change.append(stamps.get("network" if show else "picture") - start)
        # CPU time, unlike wall time, hardly depends on what else the machine runs.
        change_cpu.append(stamps["cpu"] - start_cpu)
        start = time.perf_counter()
        pg.redraw()
        redraw.append(time.perf_counter() - start)
        start = time.perf_counter()
        pg.network.figure.render(pg.model, pg.network.selected)
        network.append(time.perf_counter() - start)
        start = time.perf_counter()
        layers, units = pg.model.settings.n_layers, pg.model.settings.n_units
        pg.network.unit.value = pg.network.unit.options[i % (layers * units)][1]
        select.append(time.perf_counter() - start)
    pg.reset()
    for _ in range(repeats):
        start = time.perf_counter()
        pg.step()
        frames.append(time.perf_counter() - start)
    return change, change_cpu, redraw, network, select, frames


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11)
    parser.add_argument("--starts", type=int, default=3,
                        help="app starts to time in Chromium (0: skip)")
    parser.add_argument("--check", action="store_true", help="exit 1 when over budget")
    args = parser.parse_args(argv)
    print(machine())

    picture, handler, cpu = measure_control_changes(args.repeats)
    train, render = measure_parts(args.repeats)
    frames = measure_play_frames(args.repeats)
    rows = [
        ("control change -> new picture", picture),
        ("control change -> handler done", handler),
        ("  (CPU time of the handler)", cpu),
        ("  retrain 2 000 iterations", train),
        ("  render the PNG", render),
        ("Play frame (100 iterations + redraw)", frames),
    ]
    print(f"playground latency, default setting, {args.repeats} repeats (seconds)")
    print(f"{'':40} {'median':>8} {'max':>8}")
    for label, values in rows:
        med, worst = _median_max(values)
        print(f"{label:40} {med:8.3f} {worst:8.3f}")
    median_picture = statistics.median(picture)
    verdict = "within" if median_picture <= BUDGET_S else "OVER"
    print(f"median picture latency {median_picture:.3f} s: {verdict} the {BUDGET_S} s budget")

    change, change_cpu, redraw, network, select, frames = measure_network_view(args.repeats)
    change_off, cpu_off, redraw_off, _, _, frames_off = measure_network_view(args.repeats, show=False)
    print(f"\nnetwork view, {NETWORK_SETTING['n_layers']} hidden layers x "
          f"{NETWORK_SETTING['n_units']} units, {args.repeats} repeats (seconds)")
    print(f"{'':40} {'median':>8} {'max':>8}")
    for label, values in (("control change -> network picture", change),
                          ("  (CPU time until that picture)", change_cpu),
                          ("redraw (both pictures + texts)", redraw),
                          ("  network figure alone", network),
                          ("select a unit -> new network picture", select),
                          ("Play frame (100 iterations + redraw)", frames),
                          ("view hidden: control change -> picture", change_off),
                          ("  (CPU time until that picture)", cpu_off),
                          ("view hidden: redraw", redraw_off),
                          ("view hidden: Play frame", frames_off)):
        med, worst = _median_max(values)
        print(f"{label:40} {med:8.3f} {worst:8.3f}")
    median_change = statistics.median(change)
    verdict = "within" if median_change <= BUDGET_S else "OVER"
    print(f"median control change with the network view {median_change:.3f} s: {verdict} the "
          f"{BUDGET_S} s budget")

    change_default, cpu_default, redraw_default, _, _, _ = measure_network_view(
        args.repeats, setting={})
    print(f"\ndefault setting with the network view shown, {args.repeats} repeats (seconds)")
    print(f"{'':40} {'median':>8} {'max':>8}")
    for label, values in (("control change -> network picture", change_default),
                          ("  (CPU time until that picture)", cpu_default),
                          ("redraw (both pictures + texts)", redraw_default)):
        med, worst = _median_max(values)
        print(f"{label:40} {med:8.3f} {worst:8.3f}")
    median_default = statistics.median(change_default)
    verdict = "within" if median_default <= BUDGET_S else "OVER"
    print(f"median control change, default setting, network view shown {median_default:.3f} s: "
          f"{verdict} the {BUDGET_S} s budget")

    over = max(median_picture, median_change, median_default) > BUDGET_S
    if args.starts:
        starts = measure_app_start(args.starts)
        if starts:
            over = over or statistics.median([s[1] for s in starts]) > START_BUDGET_S
    return 1 if args.check and over else 0


def measure_app_start(n):
    """`make playground`'s server started ``n`` times; each time a headless Chromium opens
    the page at once. Returns ``[(server answers, first live picture)]`` in seconds from the
    server's start, or [] (with a note) without Chromium or Playwright."""
    sys.path.insert(0, str(REPO / "tests"))
    try:
        from browser_support import (APP_NOTEBOOK, APP_OPTIONS, CHROMIUM_FLAGS, Server,
                                     find_chromium, is_local)
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        print(f"\napp start: skipped ({exc})")
        return []
    chromium = find_chromium()
    if chromium is None:
        print("\napp start: skipped (no Chromium: apt-get install chromium)")
        return []
    picture = ("() => { const i = document.querySelector('img.pg-image'); "
               "return i && i.complete && i.naturalWidth > 0; }")
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        for _ in range(n):
            with tempfile.TemporaryDirectory() as workdir:
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                context.route(lambda url: not is_local(url), lambda route: route.abort())
                page = context.new_page()
                page.set_default_timeout(120_000)
                server = Server("voila", Path(workdir), notebook=APP_NOTEBOOK, options=APP_OPTIONS)
                began = time.monotonic()
                try:
                    server.start()
                    answered = time.monotonic() - began
                    page.goto(server.url, wait_until="commit")
                    page.wait_for_function(picture, polling=50)
                    results.append((answered, time.monotonic() - began))
                finally:
                    context.close()
                    server.stop()
        browser.close()
    print(f"\napp start (make playground), {n} starts (seconds from the server's start)")
    print(f"{'':40} {'median':>8} {'max':>8}")
    for label, values in (("server answers", [r[0] for r in results]),
                          ("first live picture", [r[1] for r in results])):
        med, worst = _median_max(values)
        print(f"{label:40} {med:8.3f} {worst:8.3f}")
    median_start = statistics.median([r[1] for r in results])
    verdict = "within" if median_start <= START_BUDGET_S else "OVER"
    print(f"median start to first live picture {median_start:.2f} s: {verdict} the "
          f"{START_BUDGET_S:g} s budget")
    return results


if __name__ == "__main__":
    sys.exit(main())
