"""The backprop explorer without a browser: stepping, highlighting, checking a learner's number,
the drawing, and the widget's wiring."""

import numpy as np
import pytest

from dlsnotes.trace import trace
from dlsnotes.trace_widget import (MAZUR, BackpropExplorer, TraceStepper, check_answer, check_value,
                                   draw_trace, figure_png, involved, parse_matrix)


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
    ("0.1385", True, "agrees to the digits you typed"),
    ("0.138499", True, "agrees"),
    ("0.13", False, "is 0.138499"),          # 0.13 is not 0.138499 to two decimals
    ("-0.1385", False, "Only the sign differs"),
    ("0.7414", False, "That is dA alone"),
    ("1.385e-1", True, "agrees"),
    ("abc", False, "Type a number"),
    ("inf", False, "finite"),
])
def test_a_typed_value_is_judged_to_its_digits_and_the_slip_named(tr, typed, ok, phrase):
    dz = tr.select("backward", "dZ", 2)[0]
    result, text = check_value(typed, dz, tr.entries[: tr.entries.index(dz)])
    assert result is ok and phrase in text


def test_check_answer_handles_what_a_learner_passes(tr):
    assert "no number yet" in check_answer(tr, "g'(Z[1]_2)", None)
    assert "expected one number" in check_answer(tr, "g'(Z[1]_2)", [0.24])
    assert check_answer(tr, "g'(Z[1]_2)", np.float64(0.596884 * (1 - 0.596884))).startswith("✔")
    assert "That is the value of A[1]_2" in check_answer(tr, "g'(Z[1]_2)", 0.596884)
    with pytest.raises(ValueError, match="no value called"):
        check_answer(tr, "dZ[9]_1", 1.0)


def test_missing_one_over_m_is_named_with_several_examples():
    X, Y = np.array([[0.05, 0.5], [0.1, 0.2]]), np.array([[0.01, 0.3], [0.99, 0.7]])
    params = {k: np.array(v) for k, v in MAZUR["parameters"].items()}
    t = trace(X, Y, params, ["sigmoid", "sigmoid"], "mse")
    dw = t.select("backward", "dW", 2)[0]
    ok, text = check_value(f"{2 * dw.value:.6g}", dw, t.entries)
    assert not ok and "2 times too large" in text


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
