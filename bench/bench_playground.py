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

Usage: ``python bench/bench_playground.py [--repeats N] [--check]``; ``--check`` exits
with status 1 when the median picture latency is over budget.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")

from dlsnotes.playground import PlaygroundModel, build_playground  # noqa: E402

BUDGET_S = 0.5


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


def measure_network_view(repeats, show=True):
    """4 hidden layers x 8 units, network view shown (or hidden): a control change until
    both pictures are new, a redraw alone, the network figure alone, a unit selection."""
    pg = build_playground(**NETWORK_SETTING)
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
        pg.network.unit.value = (1 + i % 4, i % 8)
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
    parser.add_argument("--check", action="store_true", help="exit 1 when over budget")
    args = parser.parse_args(argv)

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
    over = median_picture > BUDGET_S or median_change > BUDGET_S
    return 1 if args.check and over else 0


if __name__ == "__main__":
    sys.exit(main())
