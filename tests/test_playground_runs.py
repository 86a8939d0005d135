"""No freeze and no silent wait (issue 18), in the kernel: a long run trains in slices on
Play's ticks, changes that arrive together (arrow keys on a slider) are applied once, and
every change shows the "working" sign while it works. Speed itself is measured by
``make bench`` (bench/bench_playground.py), never asserted here.
"""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from dlsnotes.playground import PlaygroundModel, build_playground
from dlsnotes.playground import widgets as playground_widgets


def tick(pg):
    """One tick of Play in the browser (ticks that arrive back to back are dropped)."""
    pg._last_frame = 0.0
    pg.play.value += 1


@pytest.fixture
def every_run_is_long(monkeypatch):
    """Treat every run as long (the threshold is a time, which a test must not depend on)."""
    monkeypatch.setattr(playground_widgets, "LONG_RUN_S", 0.0)


def test_a_long_run_trains_a_slice_now_and_the_rest_on_ticks_to_the_same_weights(every_run_is_long):
    pg = build_playground(iterations=60, batch_size=16, train=False)
    pg.set(hidden="relu")
    assert pg.running and pg.playing
    assert 0 < pg.model.iteration < 60
    assert "training in steps to iteration 60" in pg.status.value
    assert "training in steps" in pg.busy.value  # the sign stays while the run goes on
    for _ in range(200):
        if not pg.running:
            break
        tick(pg)
    assert not pg.running and not pg.playing and pg.model.iteration == 60
    assert "training in steps" not in pg.status.value and pg.busy.value == ""
    # Slices continue one run: the same weights as 60 epochs trained at once.
    at_once = PlaygroundModel(pg.model.settings)
    at_once.run()
    for key, value in at_once.parameters.items():
        np.testing.assert_array_equal(pg.model.parameters[key], value, err_msg=key)


def test_a_change_during_a_long_run_starts_a_new_run_and_pausing_ends_it(every_run_is_long):
    pg = build_playground(iterations=60, batch_size=16)
    assert pg.running
    pg.controls["n_units"].value = 6  # no event loop here: applied at once
    assert pg.model.settings.n_units == 6 and pg.running
    assert "units changed" in pg.status.value
    pg.play.playing = False  # the learner pauses
    assert not pg.running
    iteration = pg.model.iteration
    tick(pg)  # a tick already on its way trains nothing once paused
    assert pg.model.iteration == iteration


def test_changes_that_arrive_together_are_applied_once():
    pg = build_playground(iterations=100)
    before = pg.redraw_count

    async def five_arrow_keys():
        for units in (5, 6, 7, 8, 7):
            pg.controls["n_units"].value = units
        assert pg.model.settings.n_units == 4  # nothing applied yet: waiting for more
        assert "training" in pg.busy.value  # but the sign is up at once
        await asyncio.sleep(playground_widgets.SETTLE_S + 0.3)

    asyncio.run(five_arrow_keys())
    assert pg.model.settings.n_units == 7 and pg.model.layer_dims == [2, 7, 1]
    assert pg.redraw_count == before + 1  # one run and one picture, not five
    assert pg.busy.value == ""


def test_a_quick_change_is_trained_at_once_and_leaves_no_sign():
    pg = build_playground(iterations=100)
    pg.controls["hidden"].value = "relu"
    assert pg.model.iteration == 100 and not pg.running and not pg.playing
    assert pg.busy.value == ""


def test_a_quick_run_after_a_long_one_stops_the_ticks(every_run_is_long, monkeypatch):
    pg = build_playground(iterations=60, batch_size=16)
    assert pg.running and pg.playing
    monkeypatch.setattr(playground_widgets, "LONG_RUN_S", float("inf"))
    pg.controls["batch_size"].value = 0  # full batch: quick, trained at once
    assert pg.model.iteration == 60 and not pg.running and not pg.playing
    tick(pg)  # a tick on its way trains nothing more
    assert pg.model.iteration == 60


def test_reset_ends_a_long_run(every_run_is_long):
    pg = build_playground(iterations=60, batch_size=16)
    assert pg.running
    pg.reset()
    assert not pg.running and not pg.playing and pg.model.iteration == 0
