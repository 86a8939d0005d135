"""Losses: per-example ``L``, cost ``J`` (checked against scikit-learn's metrics), ``dAL``
against central differences of ``L``, the pairing table and the fused ``dZ[L] = A - Y``."""

import itertools
import re
import warnings

import numpy as np
import pytest
from scipy.special import expit
from scipy.special import softmax as scipy_softmax
from sklearn.metrics import log_loss, mean_squared_error

from dlsnotes import ACTIVATIONS, LOSSES, PairingWarning, compute_cost, get_loss, output_delta, pairing
from dlsnotes.losses import check_pairing

#: The three pairs whose dL/dA * g'(Z) simplifies to A - Y (the spec, not the package's constant).
CANONICAL = {("sigmoid", "bce"), ("linear", "mse"), ("softmax", "cce")}


def relative_difference(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


def data(loss, n_y=1, m=9, seed=0):
    """``(AL, Y)`` that suit ``loss``: for a loss that takes log(a), probabilities away from 0
    and 1 (a distribution per column and one-hot labels when ``n_y > 1``)."""
    rng = np.random.default_rng(seed)
    if LOSSES[loss].needs_probabilities and n_y == 1:
        return rng.uniform(0.05, 0.95, (n_y, m)), rng.integers(0, 2, (n_y, m)).astype(float)
    if LOSSES[loss].needs_probabilities:
        AL = scipy_softmax(rng.normal(size=(n_y, m)), axis=0)
        return AL, np.eye(n_y)[rng.integers(0, n_y, m)].T
    return rng.normal(size=(n_y, m)), rng.normal(size=(n_y, m))


#: Every registered loss with one and with several output units, where some registered output
#: activation makes a sound pair with it (cce over one unit has none).
LOSS_SIZES = [(loss, n_y) for loss in LOSSES for n_y in (1, 3)
              if any(pairing(output, loss, n_y).problem is None for output in ACTIVATIONS)]


# ----------------------------------------------------------------------------- L and J
@pytest.mark.parametrize("loss,n_y", LOSS_SIZES)
def test_loss_is_one_value_per_example_and_cost_is_its_mean(loss, n_y):
    AL, Y = data(loss, n_y, m=7)
    L = LOSSES[loss].loss(AL, Y)
    assert L.shape == (1, 7)
    assert LOSSES[loss].cost(AL, Y) == pytest.approx(L.mean(), rel=1e-14)
    assert compute_cost(AL, Y, loss=loss) == pytest.approx(L.mean(), rel=1e-14)
    assert isinstance(compute_cost(AL, Y, loss=loss), float)


def test_bce_cost_matches_sklearn_log_loss():
    AL, Y = data("bce", m=50, seed=1)
    assert compute_cost(AL, Y, loss="bce") == pytest.approx(log_loss(Y.ravel(), AL.ravel()), rel=1e-12)


def test_cce_cost_matches_sklearn_log_loss():
    AL, Y = data("cce", n_y=4, m=40, seed=2)
    expected = log_loss(Y.argmax(axis=0), AL.T, labels=range(4))
    assert compute_cost(AL, Y, loss="cce") == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("n_y", [1, 3])
def test_mse_uses_one_half_convention(n_y):
    AL, Y = data("mse", n_y, m=11, seed=3)
    m = AL.shape[1]
    np.testing.assert_allclose(LOSSES["mse"].loss(AL, Y), 0.5 * ((AL - Y) ** 2).sum(axis=0, keepdims=True))
    expected_J = np.sum((AL - Y) ** 2) / (2 * m)
    assert compute_cost(AL, Y, loss="mse") == pytest.approx(expected_J, rel=1e-14)
    # scikit-learn's MSE averages over outputs too and has no 1/2.
    assert compute_cost(AL, Y, loss="mse") == pytest.approx(0.5 * n_y * mean_squared_error(Y.T, AL.T), rel=1e-12)


def test_bce_is_finite_for_outputs_exactly_0_and_1():
    AL = np.array([[0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        L = LOSSES["bce"].loss(AL, Y)
    assert np.all(np.isfinite(L))
    assert L[0, 0] == pytest.approx(0.0, abs=1e-12) and L[0, 1] == pytest.approx(0.0, abs=1e-12)
    assert L[0, 2] > 30 and L[0, 3] > 30  # confidently wrong costs a lot


# ----------------------------------------------------------------------------- dAL
def numerical_dAL(loss, AL, Y, eps=1e-6):
    """Central differences of the per-example loss L (not of J: no 1/m)."""
    grad = np.zeros_like(AL)
    for i, k in np.ndindex(AL.shape):
        step = np.zeros_like(AL)
        step[i, k] = eps
        plus, minus = LOSSES[loss].loss(AL + step, Y), LOSSES[loss].loss(AL - step, Y)
        grad[i, k] = (plus[0, k] - minus[0, k]) / (2 * eps)
    return grad


@pytest.mark.parametrize("loss,n_y", LOSS_SIZES)
def test_dAL_matches_central_differences_of_the_loss(loss, n_y):
    AL, Y = data(loss, n_y, m=8, seed=4)
    dAL = LOSSES[loss].dAL(AL, Y)
    assert dAL.shape == AL.shape
    assert np.linalg.norm(dAL) > 0
    assert relative_difference(dAL, numerical_dAL(loss, AL, Y)) < 1e-7


@pytest.mark.parametrize("loss,n_y", LOSS_SIZES)
def test_dAL_has_no_one_over_m(loss, n_y):
    # The derivative of one example's loss does not depend on how many examples there are.
    AL, Y = data(loss, n_y, m=10, seed=5)
    np.testing.assert_allclose(LOSSES[loss].dAL(AL[:, :3], Y[:, :3]), LOSSES[loss].dAL(AL, Y)[:, :3])
    numeric_J = numerical_dAL(loss, AL, Y) / AL.shape[1]  # what the derivative of J would be
    assert relative_difference(LOSSES[loss].dAL(AL, Y), numeric_J) > 0.5


def test_registry_holds_the_course_losses_with_their_texts():
    assert sorted(LOSSES) == ["bce", "cce", "mse"]
    for name, loss in LOSSES.items():
        assert loss.name == name and get_loss(name) is loss
        assert loss.latex and loss.latex_dA and loss.formula and loss.dA_text and loss.label


def test_get_loss_passes_objects_through_and_rejects_unknown_names():
    assert get_loss(LOSSES["mse"]) is LOSSES["mse"]
    with pytest.raises(ValueError, match=r"'hinge' is not supported.*\['bce', 'cce', 'mse'\]"):
        get_loss("hinge")
    with pytest.raises(TypeError, match="must be a name"):
        get_loss(None)


# ----------------------------------------------------------------------------- pairing
ALL_PAIRS = list(itertools.product(sorted(ACTIVATIONS), sorted(LOSSES)))


@pytest.mark.parametrize("output,loss", ALL_PAIRS)
def test_pairing_cancels_exactly_for_the_canonical_pairs(output, loss):
    info = pairing(output, loss)
    assert info.output == output and info.loss == loss
    assert info.cancels is ((output, loss) in CANONICAL)


def balanced(latex):
    braces = latex.replace(r"\{", "").replace(r"\}", "")
    return (braces.count("{") == braces.count("}")
            and len(re.findall(r"\\left\b", latex)) == len(re.findall(r"\\right\b", latex)))


@pytest.mark.parametrize("output,loss", ALL_PAIRS)
def test_pairing_latex(output, loss):
    latex = pairing(output, loss).dZL_latex
    assert isinstance(latex, str) and latex.strip()
    assert balanced(latex), latex
    if (output, loss) in CANONICAL:
        assert latex == r"A^{[L]} - Y"
    else:
        assert latex.strip() != r"A^{[L]} - Y"
        assert LOSSES[loss].latex_dA in latex  # dL/dA stays
        if ACTIVATIONS[output].latex_derivative != "1":  # g'(z) = 1 (linear): no factor to show
            assert r"\odot" in latex


@pytest.mark.parametrize("output", [name for name, act in ACTIVATIONS.items()
                                    if act.elementwise and act.latex_derivative != "1"])
def test_pairing_latex_shows_the_output_derivative(output):
    assert ACTIVATIONS[output].latex_derivative in pairing(output, "mse").dZL_latex


@pytest.mark.parametrize("output,loss", [("sigmoid", "bce"), ("linear", "mse"), ("softmax", "cce"),
                                         ("sigmoid", "mse"), ("relu", "mse"), ("softmax", "mse")])
def test_sound_pairs_have_no_problem(output, loss):
    assert pairing(output, loss, n_out=3).problem is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_pairing(output, loss, n_out=3)


@pytest.mark.parametrize("output,loss,fix", [
    ("relu", "bce", "output='sigmoid'"), ("linear", "bce", "output='sigmoid'"),
    ("tanh", "bce", "output='sigmoid'"), ("relu", "cce", "output='softmax'"),
    ("sigmoid", "cce", "output='softmax'"),
])
def test_unsound_pairs_warn_with_a_fix(output, loss, fix):
    assert pairing(output, loss).problem
    with pytest.warns(PairingWarning, match=re.escape(fix)):
        check_pairing(output, loss)


def test_softmax_with_one_output_unit_is_a_problem():
    assert pairing("softmax", "cce", n_out=2).problem is None
    with pytest.warns(PairingWarning, match="single output unit"):
        check_pairing("softmax", "cce", n_out=1)


def test_pairing_markdown_repr():
    text = pairing("sigmoid", "mse")._repr_markdown_()
    assert "sigmoid + mse" in text and "g'(Z^{[L]})" in text
    assert "cancels" in pairing("softmax", "cce")._repr_markdown_()


# ----------------------------------------------------------------------------- output_delta
def forward_output(output, ZL):
    return {"sigmoid": expit, "linear": lambda Z: Z, "softmax": lambda Z: scipy_softmax(Z, axis=0)}[output](ZL)


def targets(loss, shape, rng):
    if loss == "bce":
        return rng.integers(0, 2, shape).astype(float)
    if loss == "cce":
        return np.eye(shape[0])[rng.integers(0, shape[0], shape[1])].T
    return rng.normal(size=shape)


@pytest.mark.parametrize("output,loss,n_y", [("sigmoid", "bce", 1), ("linear", "mse", 2), ("softmax", "cce", 4)])
def test_fused_and_general_output_delta_agree(output, loss, n_y):
    rng = np.random.default_rng(6)
    ZL = rng.uniform(-6, 6, (n_y, 30))
    AL, Y = forward_output(output, ZL), targets(loss, ZL.shape, rng)
    fused = output_delta(AL, Y, ZL, output, loss)
    general = output_delta(AL, Y, ZL, output, loss, fused=False)
    np.testing.assert_allclose(fused, AL - Y, rtol=0, atol=0)
    both = np.isfinite(general)
    assert both.all()  # in this range the general path must be finite too
    np.testing.assert_allclose(fused[both], general[both], rtol=0, atol=1e-10)


@pytest.mark.parametrize("output,loss,n_y", [("sigmoid", "bce", 1), ("linear", "mse", 2), ("softmax", "cce", 3)])
def test_fused_output_delta_is_finite_when_saturated(output, loss, n_y):
    rng = np.random.default_rng(7)
    ZL = 1000.0 * np.sign(rng.normal(size=(n_y, 12)))
    AL, Y = forward_output(output, ZL), targets(loss, ZL.shape, rng)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fused = output_delta(AL, Y, ZL, output, loss)
        output_delta(AL, Y, ZL, output, loss, fused=False)  # may be inf/nan, but must not warn
    assert np.all(np.isfinite(fused))
    np.testing.assert_array_equal(fused, AL - Y)


def test_general_path_breaks_down_where_the_fused_one_does_not():
    # sigmoid(1000) == 1.0 exactly, so (1 - y) / (1 - a) is 1/0: the reason the fused form exists.
    ZL = np.array([[1000.0, -1000.0]])
    AL, Y = expit(ZL), np.array([[0.0, 1.0]])
    general = output_delta(AL, Y, ZL, "sigmoid", "bce", fused=False)
    assert not np.all(np.isfinite(general))
    np.testing.assert_array_equal(output_delta(AL, Y, ZL, "sigmoid", "bce"), [[1.0, -1.0]])


@pytest.mark.parametrize("output,loss", [("sigmoid", "mse"), ("relu", "mse"), ("tanh", "mse"), ("softmax", "mse")])
def test_non_canonical_output_delta_keeps_the_derivative(output, loss):
    rng = np.random.default_rng(8)
    ZL = rng.uniform(-3, 3, (3, 10))
    ZL[np.abs(ZL) < 1e-3] += 0.01
    AL, _ = ACTIVATIONS[output](ZL)
    Y = rng.normal(size=ZL.shape)
    dZ = output_delta(AL, Y, ZL, output, loss)
    # Independent: central differences of L(g(Z)) with respect to each entry of Z.
    eps, numeric = 1e-6, np.zeros_like(ZL)
    for i, k in np.ndindex(ZL.shape):
        step = np.zeros_like(ZL)
        step[i, k] = eps
        plus = LOSSES[loss].loss(ACTIVATIONS[output](ZL + step)[0], Y)[0, k]
        minus = LOSSES[loss].loss(ACTIVATIONS[output](ZL - step)[0], Y)[0, k]
        numeric[i, k] = (plus - minus) / (2 * eps)
    assert relative_difference(dZ, numeric) < 1e-7
    assert not np.allclose(dZ, AL - Y)


def test_fused_true_is_refused_for_non_canonical_pairs():
    Z = np.zeros((1, 2))
    with pytest.raises(ValueError, match="holds only for"):
        output_delta(Z, Z, Z, "relu", "mse", fused=True)


@pytest.mark.parametrize("loss", ["bce", "cce"])
def test_dAL_skips_terms_whose_label_weight_is_zero(loss):
    # Where every term is defined, dAL is the textbook formula bit for bit; a saturated but
    # correct output (a == 1 with y == 1, or a == 0 with y == 0) no longer makes 0/0 = NaN.
    AL, Y = data(loss, n_y=3 if loss == "cce" else 1, m=8, seed=4)
    plain = (-(Y / AL) + (1 - Y) / (1 - AL)) if loss == "bce" else -Y / AL
    np.testing.assert_array_equal(LOSSES[loss].dAL(AL, Y), plain)
    if loss == "bce":
        A, T = np.array([[1.0, 0.0, 1.0, 0.0]]), np.array([[1.0, 0.0, 0.0, 1.0]])
        d = LOSSES["bce"].dAL(A, T)
        np.testing.assert_array_equal(d[:, :2], [[-1.0, 1.0]])  # saturated and right: finite
        assert np.all(np.isinf(d[:, 2:]))  # saturated and wrong: truly infinite
    else:
        A, T = np.array([[1.0, 0.5], [0.0, 0.5]]), np.array([[1.0, 0.0], [0.0, 1.0]])
        np.testing.assert_array_equal(LOSSES["cce"].dAL(A, T), [[-1.0, 0.0], [0.0, -2.0]])
