"""dlsnotes.course.check on a corpus of learners' implementations (tests/corpus/).

Every correct function of each course version is accepted for the version it belongs to,
and the report says which; every mistake is rejected, and at least 90 % of them by the key
of the specific mistake (not a generic "values differ"); a function right for another
assignment or version is flagged for the one asked. ``python -m tests.corpus.measure``
prints the same figures.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

import pytest

from dlsnotes.course import check
from tests.corpus.measure import GENERIC, define, entries, judge

ENTRIES = entries()


@functools.lru_cache(maxsize=None)
def _judged(index):
    return judge(ENTRIES[index], index)


def _ids(kind):
    return [i for i, e in enumerate(ENTRIES) if (e.expect is None) == (kind == "correct")]


def _label(i):
    e = ENTRIES[i]
    return f"{i}-{e.name}-{e.version}-{e.expect or 'correct'}"


def test_the_corpus_is_large_and_covers_every_graded_function():
    names = Counter(e.name for e in ENTRIES)
    mistakes = [e for e in ENTRIES if e.expect]
    assert len(mistakes) >= 150
    graded = {"initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
              "update_parameters", "nn_model", "predict", "initialize_parameters_deep",
              "linear_forward", "linear_activation_forward", "L_model_forward", "linear_backward",
              "linear_activation_backward", "L_model_backward", "two_layer_model", "L_layer_model"}
    for name in graded:
        right = [e for e in ENTRIES if e.name == name and e.expect is None]
        wrong = [e for e in ENTRIES if e.name == name and e.expect]
        assert right and len(wrong) >= 3, (name, names[name])
    versions = {(e.name, e.version) for e in ENTRIES if e.expect is None}
    assert ("compute_cost", "W3A1-older") in versions and ("compute_cost", "W3A1") in versions
    assert ("initialize_parameters_deep", "W4A2") in versions


@pytest.mark.parametrize("index", _ids("correct"), ids=_label)
def test_correct_code_is_accepted_for_its_version(index):
    report, outcome = _judged(index)
    assert outcome == "accepted", str(report)
    assert f"({ENTRIES[index].assignment})" in str(report)  # the report says which assignment


@pytest.mark.parametrize("index", _ids("mistake"), ids=_label)
def test_every_mistake_is_rejected(index):
    report, outcome = _judged(index)
    assert outcome != "passed-mistake", str(report)
    assert "Traceback" not in str(report) and "could not finish" not in str(report)


def test_at_least_90_percent_of_the_mistakes_are_named():
    mistakes = _ids("mistake")
    named = [i for i in mistakes if _judged(i)[1] == "named"]
    missed = [(_label(i), _judged(i)[0].mistakes) for i in mistakes if i not in named]
    assert len(named) / len(mistakes) >= 0.9, missed
    # named by a specific key: a generic one ("values differ") never counts
    assert not {ENTRIES[i].expect for i in named} & GENERIC


#: Every kind of mistake issue 17 lists, by the key it must be named with.
ISSUE_17 = {
    "init:no_seed": "initialize_parameters without np.random.seed(1) where the version seeds",
    "activation:no_cache": "a sigmoid that returns only A where the cache is required",
    "cost:not_float": "np.float64 where the current W3A1 asserts float",
    "nn_model:ignores_n_h": "an nn_model that ignores n_h",
    "relu_backward:slope_at_zero": "relu_backward with g'(0) = 1",
    "relu_backward:in_place": "an in-place relu_backward",
    "cost:mse": "the MSE cost of seed 000",
    "backward:dZ2_times_sigmoid_prime": "dZ2 = (A2 - Y)·σ' of seed 003",
    "backward:g_prime_of_tanh": "the Leaky-ReLU-forward/tanh-backward network of seed 004",
    "shape:db_axis0": "db summed over the wrong axis",
    "linear_backward:m_from_rows": "m = A_prev.shape[0]",
    "linear_forward:no_b": "a forgotten + b",
    "update_parameters:not_assigned": "an update_parameters that never assigns back",
    "init:b_rank1": "a wrong-shape b from an initialiser",
    "value:missing_1/m": "a missing 1/m",
    "shape:transposed": "a transposed product",
    "value:sign": "a flipped sign",
    "backward:g_prime_of_relu": "the wrong activation derivative",
    "dAL:parenthesis": "dAL's parenthesis misplaced",
}


@pytest.mark.parametrize("key", sorted(ISSUE_17))
def test_every_kind_issue_17_lists_is_in_the_corpus_and_named(key):
    found = [i for i, e in enumerate(ENTRIES) if e.expect == key]
    assert found, f"no corpus entry for {ISSUE_17[key]}"
    for i in found:
        report, outcome = _judged(i)
        assert outcome == "named", f"{ISSUE_17[key]}:\n{report}"


def test_a_wrong_shape_b_gets_no_hint_about_sums():
    for i, e in enumerate(ENTRIES):
        if e.expect == "init:b_rank1":
            text = str(_judged(i)[0])
            assert "np.zeros((" in text and "keepdims" not in text and "np.sum" not in text, text


def test_functions_right_for_another_assignment_are_flagged_for_the_one_asked():
    crossed = [i for i, e in enumerate(ENTRIES) if e.asked and e.asked != e.version.split("-")[0]]
    assert len(crossed) >= 5
    for i in crossed:
        e = ENTRIES[i]
        report, outcome = _judged(i)
        assert outcome == "named" and f"({e.asked})" in str(report), str(report)
        # and the same code passes for the assignment it was written for
        fn = define(e.source, e.name, e.version, f"crossed {i}")
        own = check(fn, e.name, assignment=e.version.split("-")[0])
        assert own.passed, str(own)


def test_without_an_assignment_the_report_says_which_version_matches_and_which_not():
    sigmoid_w3 = next(i for i, e in enumerate(ENTRIES) if e.name == "sigmoid" and e.expect is None
                      and e.version == "W3A1")
    e = ENTRIES[sigmoid_w3]
    report = check(define(e.source, e.name, e.version, "unasked"))
    text = str(report)
    assert report.passed and report.assignment == "W3A1"
    assert "matches W3A1's version of sigmoid" in text and "for W4A1 it would not pass" in text


def test_the_older_three_argument_compute_cost_is_accepted_as_the_older_version():
    for i, e in enumerate(ENTRIES):
        if e.name == "compute_cost" and e.version == "W3A1-older" and e.expect is None:
            report = _judged(i)[0]
            assert report.passed and "the older W3A1" in str(report), str(report)


def test_each_mistake_is_said_once_whatever_the_number_of_cases():
    for i in _ids("mistake"):
        report = _judged(i)[0]
        said = [re.sub(r" \((largest gap|the course|a random|layer|dA|n_l|x =|n_h|AL|learning|150|zeros|Z =).*\)$",
                       "", p) for p in report.problems]
        assert len(said) == len(set(said)), str(report)


def test_named_mistakes_point_at_the_learners_line_where_they_can():
    pointed = named = 0
    for i in _ids("mistake"):
        report, outcome = _judged(i)
        if outcome == "named" and not ENTRIES[i].expect.startswith(("raised", "return:")):
            named += 1
            pointed += "Your line" in str(report)
    assert pointed / named >= 0.75, (pointed, named)


@pytest.mark.parametrize("key, line", [
    ("relu_backward:in_place", "dA[Z <= 0] = 0"),
    ("relu_backward:slope_at_zero", "dZ[Z < 0] = 0"),
    ("cost:mse", "cost = np.sum((A2 - Y) ** 2) / (2 * m)"),
    ("backward:dZ2_times_sigmoid_prime", "dZ2 = (A2 - Y) * A2 * (1 - A2)"),
    ("linear_backward:m_from_rows", "m = A_prev.shape[0]"),
    ("init:b_rank1", "b1 = np.zeros(n_h)"),
    ("nn_model:ignores_n_h", "n_x, n_h, n_y = layer_sizes(X, Y)"),
])
def test_the_line_pointed_at_is_the_mistaken_one(key, line):
    i = next(i for i, e in enumerate(ENTRIES) if e.expect == key)
    text = str(_judged(i)[0])
    assert re.search(r"Your line \d+: `" + re.escape(line) + "`", text), text
