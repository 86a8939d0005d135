"""Evidence for ``notebooks/02_why_dz_is_a_minus_y.ipynb``: when is ``dZ[L] = A[L] - Y``?

The notebook derives, checks and pictures one fact: the output delta
``dZ[L] = ∂L/∂Z[L]`` equals ``A[L] - Y`` only when the output activation and the loss
are paired so that the activation's derivative cancels. The derivation (sympy) and the
central differences of ``L`` and ``J`` are written out in the notebook's cells; this module
holds what is not the lesson's point — the tables, sweeps and plots:

* :func:`numerical_dZL` — central differences of the per-example loss with respect to
  ``Z[L]``, for any output activation and loss (the pairing table's ground truth);
* :func:`verify_pairing`, :func:`pairing_table`, :func:`format_pairing_table` — every
  output/loss pair checked against ``A - Y`` and against the general chain rule;
* :func:`output_gradient`, :func:`saturate_output`, :func:`train_and_track` and two plots
  — the consequence: a saturated sigmoid output barely learns under MSE.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..activations import get_activation
from ..gradcheck import central_differences
from ..losses import get_loss, output_delta, pairing
from ..model import L_layer_model, L_model_forward, predict

__all__ = [
    "PAIRS",
    "numerical_dZL",
    "pairing_inputs",
    "PairingCheck",
    "verify_pairing",
    "pairing_table",
    "format_pairing_table",
    "output_gradient",
    "saturate_output",
    "TrainingTrace",
    "train_and_track",
    "format_checkpoints",
    "plot_output_gradient",
    "plot_training_traces",
]

#: The output activation / loss pairs the notebook checks: three that cancel g'(Z), three that keep it.
PAIRS = (
    ("sigmoid", "bce"),
    ("linear", "mse"),
    ("softmax", "cce"),
    ("sigmoid", "mse"),
    ("tanh", "mse"),
    ("relu", "mse"),
)


# --------------------------------------------------------------------------- central differences
def _check_same_shape(A, Y, a_name):
    A, Y = np.asarray(A, dtype=float), np.asarray(Y, dtype=float)
    if A.ndim != 2 or A.shape != Y.shape:
        raise ValueError(
            f"{a_name} and Y must be 2-D arrays of the same shape (n_y, m), one column per "
            f"example; got {a_name}.shape={A.shape} and Y.shape={Y.shape}."
        )
    return A, Y


def numerical_dZL(ZL, Y, output, loss, epsilon=1e-6):
    r"""``∂L/∂Z[L]`` by central differences of the per-example loss.

    Parameters
    ----------
    ZL : ndarray, ``(n_y, m)``
        Pre-activations of the output layer.
    Y : ndarray, ``(n_y, m)``
    output : str or Activation
    loss : str or Loss
    epsilon : float

    Returns
    -------
    ndarray, ``(n_y, m)``
        Entry ``(k, i)`` is :math:`\partial L^{(i)} / \partial Z^{[L]}_{k,i}` — no ``1/m``.
    """
    ZL, Y = _check_same_shape(ZL, Y, "ZL")
    act, lss = get_activation(output), get_loss(loss)
    m = ZL.shape[1]

    def J(theta):  # the cost as a function of every entry of Z[L], one column
        return lss.cost(act.function(theta.reshape(ZL.shape)), Y)

    # J averages the m losses, and example i's loss depends on column i only: m dJ/dZ = dL/dZ
    return m * central_differences(J, ZL.reshape(-1, 1).astype(float), epsilon).reshape(ZL.shape)


# --------------------------------------------------------------------------- the pairing table
def pairing_inputs(output, loss, m=6, n_classes=3, seed=1):
    """Output pre-activations ``ZL`` and targets ``Y`` that suit one output/loss pair.

    ``ZL`` stays at least 0.2 away from 0 so that a central difference never straddles
    ReLU's kink. ``Y`` is 0/1 for ``bce``, one-hot over ``n_classes`` rows for ``cce``
    (and for a softmax output), and inside the output's range for ``mse``.

    Returns
    -------
    ZL, Y : ndarray, ``(n_y, m)``
    """
    act, lss = get_activation(output), get_loss(loss)
    rng = np.random.RandomState(seed)
    n_y = n_classes if (lss.name == "cce" or act.name == "softmax") else 1
    ZL = rng.uniform(0.2, 2.5, size=(n_y, m)) * rng.choice([-1.0, 1.0], size=(n_y, m))
    if lss.name == "bce":
        Y = (rng.rand(n_y, m) > 0.5).astype(float)
    elif n_y > 1:
        Y = np.eye(n_classes)[rng.randint(n_classes, size=m)].T
    else:
        lo, hi = act.output_range
        Y = rng.uniform(max(lo, -2.0), min(hi, 2.0), size=(n_y, m))
    return ZL, Y


class PairingCheck(NamedTuple):
    """One row of the pairing table."""

    output: str
    loss: str
    cancels: bool
    error_a_minus_y: float
    error_general: float
    dZL_latex: str

    @property
    def pair(self) -> str:
        return f"{self.output}+{self.loss}"


def verify_pairing(output, loss, m=6, seed=1, epsilon=1e-6) -> PairingCheck:
    r"""Compare the numerical ``dZ[L]`` with ``A[L] - Y`` and with the general chain rule.

    .. math:: dZ^{[L]} = dA^{[L]} \odot g'(Z^{[L]})\quad\text{(general path)}

    Returns
    -------
    PairingCheck
        ``error_a_minus_y`` = max |dZ_numeric − (A − Y)| (tiny exactly when ``g'`` cancels),
        ``error_general`` = max |dZ_numeric − dAL ⊙ g'(Z)| (tiny for every pair).
    """
    act = get_activation(output)
    info = pairing(act, loss)
    ZL, Y = pairing_inputs(act, loss, m=m, seed=seed)
    AL = act.function(ZL)
    dZ_numeric = numerical_dZL(ZL, Y, act, loss, epsilon)
    general = output_delta(AL, Y, ZL, act, loss, fused=False)
    return PairingCheck(
        output=info.output,
        loss=info.loss,
        cancels=info.cancels,
        error_a_minus_y=float(np.max(np.abs(dZ_numeric - (AL - Y)))),
        error_general=float(np.max(np.abs(dZ_numeric - general))),
        dZL_latex=info.dZL_latex,
    )


def pairing_table(pairs=PAIRS, m=6, seed=1, epsilon=1e-6) -> list:
    """:func:`verify_pairing` for each ``(output, loss)`` in ``pairs``; a list of :class:`PairingCheck`."""
    return [verify_pairing(output, loss, m=m, seed=seed, epsilon=epsilon) for output, loss in pairs]


def _gap(value, threshold=1e-7):
    """A gap as printed in a checked cell: below the threshold its digits are rounding noise."""
    return f"< {threshold:.0e}" if value < threshold else f"{value:.1e}"


def _cancel_verdict(row) -> str:
    if row.output == "linear":
        return "nothing to cancel (g' = 1)"
    return "yes" if row.cancels else "no"


def format_pairing_table(rows, threshold=1e-7) -> str:
    """The rows of :func:`pairing_table` as a plain-text table (no pandas needed).

    Gaps below ``threshold`` print as ``< 1e-07``: their digits are central-difference
    rounding noise, which changes from one CPU to another. Gaps above it are the size of a
    real difference and print with two digits.
    """
    header = ("pair", "g' cancels", "max|dZ_num - (A-Y)|", "max|dZ_num - general|")
    body = [(r.pair, _cancel_verdict(r), _gap(r.error_a_minus_y, threshold),
             _gap(r.error_general, threshold)) for r in rows]
    widths = [max(len(line[j]) for line in (header, *body)) for j in range(len(header))]
    fmt = lambda line: " | ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip()  # noqa: E731
    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([fmt(header), rule] + [fmt(line) for line in body])


# --------------------------------------------------------------------------- the consequence
def output_gradient(z, y, loss):
    r"""``dL/dz`` of one sigmoid output unit, for each value in ``z``.

    .. math::
        \text{bce: } a - y \qquad \text{mse: } (a - y)\,a(1 - a),\qquad a = \sigma(z)

    Parameters
    ----------
    z : array_like, ``(k,)``
    y : float
        The label, the same for every ``z``.
    loss : {"bce", "mse"}

    Returns
    -------
    ndarray, ``(k,)``
    """
    Z = np.asarray(z, dtype=float).reshape(1, -1)
    A, _ = get_activation("sigmoid")(Z)
    # output_delta uses a - y for bce: dAL alone would be infinite where a rounds to 1.0.
    return output_delta(A, np.full_like(Z, float(y)), Z, "sigmoid", loss)[0]


def saturate_output(parameters, bias=-10.0):
    """A copy of ``parameters`` whose output bias ``b[L]`` is ``bias``.

    With ``bias=-10`` and modest weights, ``Z[L]`` is near ``-10`` for every example, so a
    sigmoid output starts near ``σ(-10) ≈ 4.5e-5``: it answers "class 0, almost certainly"
    and sits on the flat tail of the sigmoid.
    """
    if not isinstance(parameters, dict) or "W1" not in parameters:
        raise TypeError(
            "parameters must be the dict made by initialize_parameters_deep (keys 'W1', 'b1', ...); "
            f"got {type(parameters).__name__}."
        )
    L = len(parameters) // 2
    new = {k: np.array(v, dtype=float) for k, v in parameters.items()}
    new[f"b{L}"][:] = bias
    return new


class TrainingTrace(NamedTuple):
    """What :func:`train_and_track` recorded every ``record_every`` iterations."""

    loss: str
    iterations: np.ndarray
    costs: np.ndarray
    accuracies: np.ndarray
    output_gradients: np.ndarray

    def at(self, iteration):
        """``(cost, accuracy, mean |dZ[L]|)`` recorded at ``iteration``."""
        hits = np.flatnonzero(self.iterations == iteration)
        if hits.size == 0:
            raise ValueError(
                f"iteration {iteration} was not recorded; recorded iterations are multiples of "
                f"{int(self.iterations[1] - self.iterations[0]) if self.iterations.size > 1 else 0} "
                f"up to {int(self.iterations[-1])}."
            )
        i = hits[0]
        return float(self.costs[i]), float(self.accuracies[i]), float(self.output_gradients[i])


def train_and_track(X, Y, parameters, hidden="tanh", output="sigmoid", loss="bce",
                    learning_rate=1.2, num_iterations=2000, record_every=10) -> TrainingTrace:
    r"""Full-batch gradient descent that records cost, accuracy and ``mean |dZ[L]|``.

    It trains with :func:`~dlsnotes.model.L_layer_model` ``record_every`` iterations at a
    time and, between the calls, records the output delta ``dZ[L]`` -- the signal
    everything upstream is scaled by.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    Y : ndarray, ``(1, m)``, labels 0/1
    parameters : dict
        Starting weights (not modified).
    hidden, output, loss, learning_rate, num_iterations :
        As in :func:`~dlsnotes.model.L_layer_model`.
    record_every : int
        Record before iteration 0, ``record_every``, ``2 * record_every``, ... and after the last.

    Returns
    -------
    TrainingTrace
        Accuracy is the fraction of examples with ``(A[L] > 0.5) == Y``.
    """
    if not isinstance(record_every, (int, np.integer)) or record_every < 1:
        raise ValueError(f"record_every must be a positive int; got {record_every!r}.")
    if not isinstance(num_iterations, (int, np.integer)) or num_iterations < 0:
        raise ValueError(f"num_iterations must be a non-negative int; got {num_iterations!r}.")
    lss = get_loss(loss)
    params = {k: np.array(v, dtype=float) for k, v in parameters.items()}
    dims = [X.shape[0]] + [params[f"W{l}"].shape[0] for l in range(1, len(params) // 2 + 1)]
    records, i = [], 0
    while True:
        AL, caches = L_model_forward(X, params, hidden=hidden, output=output)
        dZL = output_delta(AL, Y, caches[-1].activation_cache, output, lss)
        accuracy = float(np.mean(predict(X, params, hidden=hidden, output=output) == Y))
        records.append((i, lss.cost(AL, Y), accuracy, float(np.mean(np.abs(dZL)))))
        if i == num_iterations:
            break
        steps = min(record_every, num_iterations - i)
        params, _ = L_layer_model(X, Y, dims, learning_rate, steps, hidden=hidden, output=output,
                                  loss=lss, parameters=params, progress=False)
        i += steps
    its, costs, accs, grads_out = (np.array(col) for col in zip(*records))
    return TrainingTrace(lss.name, its.astype(int), costs, accs, grads_out)


def format_checkpoints(traces, checkpoints) -> str:
    """Accuracy and ``mean |dZ[L]|`` of each trace at the given iterations, as a text table.

    Parameters
    ----------
    traces : dict of str to TrainingTrace
        Label of the run (e.g. ``"saturated, mse"``) to its trace.
    checkpoints : sequence of int
        Recorded iterations to show.
    """
    width = max(len(label) for label in traces)
    header = " " * width + " | " + " | ".join(f"it {c:>5}" for c in checkpoints)
    lines = [f"{'accuracy':<{width}} | " + header[width + 3:]]
    for label, trace in traces.items():
        cells = [f"{100 * trace.at(c)[1]:7.1f}%" for c in checkpoints]
        lines.append(f"{label:<{width}} | " + " | ".join(cells))
    lines.append(f"{'mean |dZ[L]|':<{width}} |")
    for label, trace in traces.items():
        cells = [f"{trace.at(c)[2]:8.1e}" for c in checkpoints]
        lines.append(f"{label:<{width}} | " + " | ".join(cells))
    return "\n".join(lines)


def plot_output_gradient(z, y, ax=None):
    """Plot ``dL/dz`` of a sigmoid output against ``z`` for bce and mse, for label ``y``."""
    import matplotlib.pyplot as plt

    ax = ax if ax is not None else plt.gca()
    z = np.asarray(z, dtype=float)
    ax.plot(z, output_gradient(z, y, "bce"), label=r"sigmoid + bce: $a - y$")
    ax.plot(z, output_gradient(z, y, "mse"), label=r"sigmoid + mse: $(a - y)\,a(1 - a)$")
    wrong = z < -2 if y == 1 else z > 2
    ax.fill_between(z, -1, 1, where=wrong, color="tab:red", alpha=0.08,
                    label="confidently wrong")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set(xlabel="$z$", ylabel=r"$\partial L/\partial z$", ylim=(-1.05, 1.05),
           title=f"label y = {y:g}")
    ax.legend(loc="best", fontsize="small")
    return ax


def plot_training_traces(traces, axes=None):
    """Accuracy and ``mean |dZ[L]|`` (log scale) against the iteration, one line per trace.

    One shared legend sits below both panels, where it hides no curve.
    """
    import matplotlib.pyplot as plt

    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 3.5))
    for label, trace in traces.items():
        axes[0].plot(trace.iterations, 100 * trace.accuracies, label=label)
        axes[1].semilogy(trace.iterations, trace.output_gradients, label=label)
    axes[0].set(xlabel="iteration", ylabel="training accuracy (%)")
    axes[1].set(xlabel="iteration", ylabel=r"mean $|dZ^{[L]}|$")
    # one shared legend below both panels: inside an axes it would hide the curves
    handles, labels = axes[0].get_legend_handles_labels()
    axes[0].figure.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0),
                          ncol=len(labels), fontsize="small", frameon=False)
    return axes
