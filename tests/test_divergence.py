"""One divergence judgement (issue 15, item 2): the same rules in L_layer_model and the playground.

Both sides are tested with margin, so that the verdict does not depend on the last bits of a
matrix product (``../shared/tools/test-on-other-cpus`` runs this file under every OpenBLAS
kernel): a learning rate of 100 or 500 on 50 tanh units leaves the cost bouncing at 5-15
times its start on every kernel, far above the "stuck" limit; the course's settings keep
their costs far below every limit.
"""

from __future__ import annotations

import statistics

import numpy as np
import pytest

from dlsnotes import DIVERGENCE_RULES, DivergenceError, DivergenceRules, DivergenceWatch, L_layer_model
from dlsnotes.datasets import load_planar_dataset, load_quadratic
from dlsnotes.playground.state import PlaygroundModel

PARAMS = {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))}


def judge(costs, rules=DIVERGENCE_RULES):
    """Feed ``costs`` (one per iteration) to a watch; the reason it stops, or None."""
    watch = DivergenceWatch(PARAMS, learning_rate=1.0, rules=rules)
    try:
        for i, cost in enumerate(costs):
            watch.check(i, cost, PARAMS)
    except DivergenceError as err:
        return err.reason, err.iteration
    return None


# ----------------------------------------------------------------------------- the rules alone
def test_a_cost_bouncing_far_above_its_start_is_not_learning():
    rng = np.random.RandomState(0)
    costs = [0.693] + list(2.8 + 3.5 * rng.rand(400))  # 4 to 9 times the start, no trend
    assert judge(costs) == ("stuck", DIVERGENCE_RULES.stuck_window)


def test_a_cost_far_above_its_start_but_coming_down_is_left_to_learn():
    costs = [0.693] + list(np.geomspace(12.0, 0.3, 600))  # a bad start, then learning
    assert judge(costs) is None


def test_a_short_spike_is_not_divergence():
    spike = np.concatenate([np.linspace(0.7, 20.0, 20), np.linspace(20.0, 0.7, 20)])
    costs = [0.693] * 100 + list(spike) + list(np.linspace(0.69, 0.3, 400))
    assert judge(costs) is None


def test_a_cost_that_keeps_rising_is_caught_before_the_stuck_window():
    reason, iteration = judge(list(np.geomspace(0.693, 1e3, 300)))
    assert reason == "rising" and iteration < DIVERGENCE_RULES.stuck_window


def test_nan_is_caught_at_once():
    assert judge([0.693, 0.5, float("nan")]) == ("nan", 2)


def test_a_watch_follows_a_run_across_calls_without_counting_a_cost_twice():
    watch = DivergenceWatch(PARAMS, 1.0)
    for i in range(11):
        watch.check(i, 1.0, PARAMS)
    watch.check(10, 99.0, PARAMS)  # the next call starts with the same iteration: ignored
    assert watch.iteration == 10 and watch.history[-1] == 1.0 and len(watch.history) == 11


def test_the_rules_are_one_public_object():
    assert isinstance(DIVERGENCE_RULES, DivergenceRules)
    loose = DivergenceRules(stuck_factor=50.0)  # another judgement is a new object, not a constant
    rng = np.random.RandomState(0)
    costs = [0.693] + list(2.8 + 3.5 * rng.rand(400))
    assert judge(costs) is not None and judge(costs, loose) is None
    with pytest.raises(Exception):
        DIVERGENCE_RULES.stuck_factor = 1.0  # frozen: nobody changes everyone's rules


# ----------------------------------------------------------------------------- real runs
@pytest.fixture(scope="module")
def playground_data():
    m = PlaygroundModel()
    return m.data.X_train, m.data.Y_train


@pytest.mark.parametrize("learning_rate", [100.0, 500.0])
def test_a_huge_learning_rate_is_reported_not_learning_by_the_model_and_the_playground(
        playground_data, learning_rate):
    """The run of the issue: 50 tanh units at lr 500 ended "ready" with its cost 12 times its
    start on some CPUs. One watch, so the model and the playground agree to the iteration."""
    X, Y = playground_data
    with pytest.raises(DivergenceError) as info:
        L_layer_model(X, Y, [2, 50, 1], learning_rate, 2000, hidden="tanh", init="small",
                      seed=1, progress=False)
    err = info.value
    assert err.reason in ("stuck", "rising") and err.iteration < 2000
    assert f"The learning rate {learning_rate:g} is probably too large" in str(err)

    pg = PlaygroundModel(n_units=50, learning_rate=learning_rate)
    pg.run()
    assert pg.status == "diverged"
    message = pg.messages[0]
    assert message.title == f"Training diverged at iteration {err.iteration}"
    assert err.detail[1:] in message.text and "Lower the learning rate" in message.text


def _worst_ratio(costs, rules=DIVERGENCE_RULES):
    """How close a finished run came to the "stuck" and "rising" limits (1 = at the limit)."""
    start = costs[0]
    stuck = rules.limit(start, rules.stuck_factor)
    windows = [costs[i - rules.stuck_window:i + 1:rules.check_every]
               for i in range(rules.stuck_window, len(costs), rules.check_every)]
    worst_median = max((statistics.median(w) for w in windows), default=start)
    return max(worst_median / stuck, max(costs) / rules.limit(start, rules.rise_factor))


@pytest.mark.parametrize("name, run", [
    ("planar tanh, the course's week 3 (n_h 4, lr 1.2, 10 000 iterations)",
     lambda X, Y: L_layer_model(X, Y, [2, 4, 1], 1.2, 10000, hidden="tanh", init="small",
                                cost_every=1, progress=False)),
    ("planar relu n_h 50, lr 2.0",
     lambda X, Y: L_layer_model(X, Y, [2, 50, 1], 2.0, 3000, hidden="relu", init="small",
                                cost_every=1, progress=False)),
    ("planar leaky relu n_h 4, lr 0.6",
     lambda X, Y: L_layer_model(X, Y, [2, 4, 1], 0.6, 3000, hidden="leaky_relu", init="small",
                                cost_every=1, progress=False)),
    ("deep relu, the course's week 4 rate (lr 0.0075)",
     lambda X, Y: L_layer_model(X, Y, [2, 20, 7, 5, 1], 0.0075, 3000, cost_every=1,
                                progress=False)),
])
def test_ordinary_runs_stay_far_from_every_limit(name, run):
    X, Y = load_planar_dataset()
    _, costs = run(X, Y)
    assert np.isfinite(costs.final_cost)
    assert _worst_ratio(list(costs) + [costs.final_cost]) < 0.5, name


def test_the_scaled_regression_stays_far_from_every_limit():
    x, y = load_quadratic(kind="reported")
    X, Y = (x - x.mean()) / x.std(), y / np.abs(y).max()
    _, costs = L_layer_model(X, Y, [1, 8, 1], 0.1, 3000, hidden="relu", output="linear",
                             loss="mse", init="he", cost_every=1, progress=False)
    assert _worst_ratio(list(costs) + [costs.final_cost]) < 0.5


# The settings the browser tests train on: they must end where those tests expect on every
# kernel ("ready" at their last iteration), which this file checks under each one.
BROWSER_SETTINGS = [
    "dataset=noisy_moons&hidden=relu&loss=mse&units=6&lr=0.3",
    "dataset=circles&features=x1sq,x2sq&hidden=linear&lr=0.5&batch=20&l2=0.01&noise=10",
    "layers=3&units=6&hidden=relu&init=he",
]


@pytest.mark.parametrize("text", BROWSER_SETTINGS)
def test_the_browser_tests_settings_train_to_the_end(text):
    from dlsnotes.playground import settings_from_text

    pg = PlaygroundModel(settings_from_text(text))
    assert pg.run() == pg.settings.iterations and pg.status == "ready"
    costs = [point.train_cost for point in pg.history]
    assert max(costs) < 0.5 * DIVERGENCE_RULES.limit(costs[0], DIVERGENCE_RULES.stuck_factor)
