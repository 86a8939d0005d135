"""The backprop explorer without a browser: stepping, highlighting, checking a learner's number
(to about three significant digits, never giving the value away when wrong), the quiz mode that
hides the current value, the drawing, and the widget's wiring."""

import numpy as np
import pytest

from dlsnotes.trace import trace
from dlsnotes.trace_widget import (MAZUR, BackpropExplorer, TraceStepper, check_answer, check_value,
                                   draw_trace, figure_png, involved, parse_matrix, tolerance)


@pytest.fixture
def tr():
    params = {k: np.array(v) for k, v in MAZUR["parameters"].items()}
    return trace(MAZUR["X"], MAZUR["Y"], params, ["sigmoid", "sigmoid"], "mse", learning_rate=0.5)


def test_stepper_walks_forward_then_backward(tr):
    s = TraceStepper(tr)
    assert s.current is None and s.highlight() == (set(), set())
    assert s.forward().name == "Z[1]_1"
    s.to_phase("backward")
    assert s.current.name == "L" and s.forward().name == "dA[2]_1"
    s.back(100)
    assert s.position == -1
    s.forward(10_000)
    assert s.current is tr.entries[-1]


def test_highlight_names_the_units_and_weights_a_value_uses(tr):
    dims = [2, 2, 2]
    z21 = tr.select("forward", "Z", 2)[0]
    assert involved(z21, dims) == ({(2, 0), (1, 0), (1, 1)}, {(2, 0, 0), (2, 0, 1)})
    dw = tr.select("backward", "dW", 2)[1]  # dW[2]_12: from unit 2 of layer 1 into unit 1 of layer 2
    assert involved(dw, dims) == ({(2, 0), (1, 1)}, {(2, 0, 1)})
    da1 = tr.select("backward", "dA", 1)[0]  # dA[1]_1 = Σ_j W[2]_j1 dZ[2]_j
    assert involved(da1, dims) == ({(1, 0), (2, 0), (2, 1)}, {(2, 0, 0), (2, 1, 0)})


@pytest.mark.parametrize("typed,ok,phrase", [
    ("0.1385", True, "agrees to 3 significant digits"),
    ("0.138499", True, "agrees"),
    ("0.1379", False, "Close, but off in the 3rd"),    # 0.138 after rounding, not 0.1385
    ("0.14", False, "only 2 significant digits"),      # right as far as it goes, too short
    ("-0.1385", False, "Only the sign differs"),
    ("0.7414", False, "That is dA alone"),
    ("1.385e-1", True, "agrees"),
    ("abc", False, "Type a number"),
    ("inf", False, "finite"),
])
def test_a_typed_value_is_judged_to_three_digits_and_the_slip_named(tr, typed, ok, phrase):
    dz = tr.select("backward", "dZ", 2)[0]
    answer = check_value(typed, dz, tr.entries[: tr.entries.index(dz)])
    assert bool(answer) is ok and phrase in answer.message
    if not ok:  # a wrong answer never gives the value away
        assert "0.138499" not in answer.message and answer.expected is None
        assert answer.reveal() == "dZ[2]_1 = 0.138499" and answer.expected == dz.value
    else:
        assert answer.expected == dz.value


@pytest.mark.parametrize("value", [0.2406, "0.2406", " 0,2406 ", np.float64(0.2406), np.array([0.2406]),
                                   0.596884 * (1 - 0.596884), "2.406e-1"])
def test_check_answer_accepts_a_float_or_text_to_three_digits(tr, value):
    answer = check_answer(tr, "g'(Z[1]_2)", value)  # 0.240613
    assert answer and answer.ok and answer.expected == pytest.approx(0.240613, abs=1e-6)


@pytest.mark.parametrize("value", [0.2, "0.19", 0.19, 0.1875, "0.186"])
def test_check_answer_refuses_fewer_than_three_right_digits(tr, value):
    answer = check_answer(tr, "g'(Z[2]_1)", value)  # 0.186816
    assert not answer and answer.expected is None
    assert "0.186816" not in str(answer)


def test_tolerance_is_half_a_unit_in_the_third_digit():
    assert tolerance(0.186816) == pytest.approx(5e-4) and tolerance(-2345.0) == pytest.approx(5.0)
    assert tolerance(0.0) < 1e-6   # a ReLU's exact zero needs a zero


def test_check_answer_handles_what_a_learner_passes(tr):
    missing = check_answer(tr, "g'(Z[1]_2)", None)
    assert not missing and "no number yet" in missing.message
    assert "expected one number" in str(check_answer(tr, "g'(Z[1]_2)", [0.24]))
    assert "shape (2, 1)" in str(check_answer(tr, "g'(Z[1]_2)", np.ones((2, 1))))
    assert str(check_answer(tr, "g'(Z[1]_2)", np.float64(0.596884 * (1 - 0.596884)))).startswith("✔")
    assert "That is A itself" in str(check_answer(tr, "g'(Z[1]_2)", 0.596884))
    with pytest.raises(ValueError, match="no value called"):
        check_answer(tr, "dZ[9]_1", 1.0)


def test_a_verdict_is_about_the_network_it_was_given(tr):
    """The same number, after the network changed, is judged against the new values."""
    right = check_answer(tr, "g'(Z[1]_2)", 0.2406)
    params = {k: np.array(v) for k, v in MAZUR["parameters"].items()}
    params["W1"] = params["W1"] * 2
    changed = trace(MAZUR["X"], MAZUR["Y"], params, ["sigmoid", "sigmoid"], "mse")
    assert right and not check_answer(changed, "g'(Z[1]_2)", 0.2406)


def test_quiz_hides_the_current_value_until_it_is_found_or_revealed(tr):
    s = TraceStepper(tr, quiz=True)
    s.to_phase("backward")
    s.forward(3)  # dA[2]_1, dA[2]_2, then g'(Z[2]_1) = 0.186816
    assert s.hidden and s.latex().endswith(r"\mathbf{?}") and "0.186816" not in s.latex()
    fig = draw_trace(s)
    assert fig.axes[0].get_title() == "backward: g'(Z[2]_1) = ?"
    wrong = s.check("0.19")
    assert not wrong and s.verdict is wrong and s.hidden
    assert s.check("0.1868") and not s.hidden and "0.186816" in s.latex()
    s.forward()  # dZ[2]_1: a new question, the old verdict gone
    assert s.verdict is None and s.hidden
    texts = [t.get_text() for t in draw_trace(s, fig).axes[0].texts]
    assert "A=0.7514\ndZ=?" in texts and not any("0.1385" in t for t in texts)
    assert s.reveal() == "dZ[2]_1 = 0.138499" and not s.hidden
    assert "A=0.7514\ndZ=0.1385" in [t.get_text() for t in draw_trace(s, fig).axes[0].texts]
    s.back()
    assert not s.hidden  # found before: stays shown
    s.check("1")
    s.quiz = False
    assert s.verdict is None and not s.hidden


def _numbers_of(entry):
    """The numbers that make ``entry`` (``0.596884×(1 - 0.596884)`` -> {"0.596884"}): a hint must not show them."""
    import re
    return {n for n in re.findall(r"\d+\.\d+", entry.numbers)}


@pytest.mark.parametrize("name,typed,phrase", [
    ("g'(Z[1]_2)", "0.3", "Work it out from g'(Z[1]_2) = A(1 - A) with this unit's own A"),
    ("g'(Z[1]_2)", "0.241301", "That is the value of g'(Z[1]_1)"),       # the other unit's g'
    ("g'(Z[1]_2)", "-0.240613", "check the signs in g'(Z[1]_2) = A(1 - A)"),  # no A - Y in g'
    ("g'(Z[1]_2)", "0.643729", "1 - A² (tanh's derivative), the wrong derivative"),
    ("g'(Z[1]_2)", "0.596884", "A itself"),
    ("dW[1]_11", "0.001", "Work it out from dW[1]_11 = dZ[1]_1 × X_1"),
    ("dZ[2]_1", "-0.1385", "check the order in A - Y"),
])
def test_a_wrong_answer_gets_the_rule_in_symbols_never_its_numbers(tr, name, typed, phrase):
    entry = next(e for e in tr.entries if e.name == name)
    answer = check_answer(tr, name, typed)
    assert not answer and phrase in answer.message
    others = {n for n in _numbers_of(entry) if n != typed.lstrip("-")}
    assert not any(n in answer.message for n in others), answer.message
    if name != "dZ[2]_1":
        assert "A - Y" not in answer.message and "round rather" not in answer.message


@pytest.mark.parametrize("text,ok", [('"0.596884*(1-0.596884)"', True), ("0.596884 * (1 − 0.596884)", True),
                                     ("0.596884×(1-0.596884)", True), ("2**-2", False),
                                     ("__import__('os')", None), ("A1[1]*(1-A1[1])", None), ("1/0", None)])
def test_text_may_be_arithmetic_on_numbers_and_nothing_else(tr, text, ok):
    answer = check_answer(tr, "g'(Z[1]_2)", text)
    if ok is None:
        assert not answer and "Type a number" in answer.message
    else:
        assert bool(answer) is ok and "Type a number" not in answer.message


def test_missing_one_over_m_is_named_with_several_examples():
    X, Y = np.array([[0.05, 0.5], [0.1, 0.2]]), np.array([[0.01, 0.3], [0.99, 0.7]])
    params = {k: np.array(v) for k, v in MAZUR["parameters"].items()}
    t = trace(X, Y, params, ["sigmoid", "sigmoid"], "mse")
    dw = t.select("backward", "dW", 2)[0]
    answer = check_value(f"{2 * dw.value:.6g}", dw, t.entries)
    assert not answer and "2 times too large" in answer.message


def test_parse_matrix_reads_rows_and_explains_bad_text():
    np.testing.assert_array_equal(parse_matrix("0.15 0.20; 0.25, 0.30", "W1"), [[0.15, 0.2], [0.25, 0.3]])
    with pytest.raises(ValueError, match="rows separated by ';'"):
        parse_matrix("0.1 x", "W1")
    with pytest.raises(ValueError, match="same number of entries"):
        parse_matrix("1 2; 3", "W1")
    with pytest.raises(ValueError, match=r"must have shape \(2, 1\)"):
        parse_matrix("1 2", "b1", (2, 1))


def test_drawing_marks_the_current_step_and_reuses_the_figure(tr):
    s = TraceStepper(tr)
    s.forward(5)
    fig = draw_trace(s)
    assert fig.axes[0].get_title() == "forward: Z[2]_1 = 1.10591"
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "A=0.5933" in texts and "0.45" in texts
    s.forward()
    assert draw_trace(s, fig) is fig and len(fig.axes) == 1
    assert figure_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"


def test_explorer_controls_rebuild_and_a_bad_setting_is_explained():
    ex = BackpropExplorer()
    first = ex.image.value
    ex.buttons[2].click()  # ▶
    assert ex.stepper.current.name == "Z[1]_1" and ex.image.value != first
    assert "Z^{[1]}_{1}" in ex.formula.value
    ex.answer.value = "0.3775"
    ex._check()
    assert "✔" in ex.verdict.value
    ex.hidden.value, ex.output.value, ex.loss.value = "relu", "softmax", "cce"
    assert "relu, softmax" in ex.message.value and ex.stepper.position == 0
    ex.weights["W1"].value = "0.1 0.2"  # one row for two hidden units' b1: refused, old trace kept
    assert "b1 must have shape (1, 1)" in ex.message.value
    assert ex.stepper.trace.parameters["W1"].shape == (2, 2)
    ex.weights["W1"].value = "0.15 0.20; 0.25 0.30"
    ex.source.value = "seed"
    assert ex.stepper.trace.parameters["W1"].shape == (2, 2)
    assert not np.allclose(ex.stepper.trace.parameters["W1"], [[0.15, 0.2], [0.25, 0.3]])


def test_explorer_quiz_mode_and_every_change_clears_the_verdict():
    ex = BackpropExplorer(quiz=True)
    ex.buttons[2].click()  # ▶ to Z[1]_1 = 0.3775
    assert "?" in ex.formula.value and "0.3775" not in ex.formula.value and not ex.reveal.disabled
    assert "cost=?" in ex.message.value
    ex.answer.value = "0.3"
    assert "✘" in ex.verdict.value and "0.3775" not in ex.verdict.value + ex.formula.value
    ex.answer.value = "0.378"
    assert "✔" in ex.verdict.value and "0.3775" in ex.formula.value and ex.reveal.disabled
    for change in (lambda: ex.buttons[2].click(),                        # the step
                   lambda: setattr(ex.loss, "value", "bce"),             # the network
                   lambda: setattr(ex.weights["b1"], "value", "0.3; 0.3"),  # a weight
                   lambda: setattr(ex.quiz, "value", not ex.quiz.value),  # the mode
                   lambda: setattr(ex.loss, "value", "cce")):            # refused: old trace kept
        ex.answer.value = "12345"
        assert "✘" in ex.verdict.value
        change()
        assert ex.verdict.value == "" and ex.answer.value == "" and ex.stepper.verdict is None
    assert "cce expects" in ex.message.value and ex.stepper.trace.parameters["b1"][0, 0] == 0.3
    ex.quiz.value = True
    ex.reveal.click()
    assert ex.reveal.disabled and "?" not in ex.formula.value


def test_explorer_draws_two_hidden_layers_from_a_seed():
    ex = BackpropExplorer()
    assert ex.hidden2.disabled and ex.sizes.disabled
    ex.source.value = "seed"
    ex.sizes.value = "3, 2"
    ex.hidden2.value = "relu"
    tr = ex.stepper.trace
    assert [a.name for a in tr.activations] == ["sigmoid", "relu", "sigmoid"]
    assert tr.parameters["W2"].shape == (2, 3) and tr.parameters["W3"].shape == (2, 2)
    assert not ex.hidden2.disabled and ex.weights["W1"].disabled
    np.testing.assert_array_equal(tr.parameters["W1"], tr.parameters["W1"].round(2))
    ex.sizes.value = "3, x"
    assert "one or two whole numbers" in ex.message.value and ex.stepper.trace is tr
    ex.sizes.value = "2, 2, 2"
    assert "one or two hidden layers" in ex.message.value
