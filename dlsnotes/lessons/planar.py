"""The planar 2-layer network with ReLU, Leaky ReLU or tanh hidden units.

Helpers for ``notebooks/04_relu_forward_only_nan.ipynb`` (the learner's NaN) and
``notebooks/04b_relu_leaky_tanh_compared.ipynb`` (the activation comparisons):

* :func:`planar_forward` / :func:`planar_backward` — the course's ``forward_propagation``
  and ``backward_propagation`` for ``LINEAR -> g -> LINEAR -> SIGMOID``, with the hidden
  activation ``g`` as a parameter and a choice of how ``g'`` is written: from ``Z1``
  (``g'(Z1)``) or, as the course writes tanh's derivative, from ``A1`` (``1 - A1**2``);
* :func:`check_backward_passes` and :func:`format_gradcheck_table` — gradient checks of
  several backward passes at the same parameters, as one table;
* :func:`train_with_checkpoints`, :func:`accuracy_table`, :func:`init_table`,
  :func:`dataset_table` and :func:`format_accuracy_table` — the accuracy comparisons of the
  notebook, with the accuracy recorded at several iteration counts of one run so that a
  plateau (or its absence) can be seen; a ``reported`` row sets the learners' numbers beside
  the reproduced ones;
* :func:`across_seeds` / :class:`SeedRuns` and :func:`largest_drop` — the same tables over
  several initial weights: at the learners' learning rates one run is chaotic (its digits
  change with the CPU), the median and range over seeds are what a table can report;
* :func:`one_blas_thread` (the engine's) — every training helper runs with one BLAS thread
  (faster at these sizes, and the same numbers as ``nbval`` computes);
* :func:`iterations_to_reach` and :func:`format_reach_table` — how many iterations each
  ``(n_h, learning_rate)`` needs to reach a training accuracy.

The learner's training loop itself (ReLU forward, ``1 - A1**2`` backward) is written out in
the notebook, in plain numpy: it is the lesson, so it is not hidden here.
"""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np

from .._engine import one_blas_thread
from .._validation import DivergenceError, check_X, check_Y
from ..activations import get_activation
from ..gradcheck import gradient_check
from ..model import L_layer_model, initialize_parameters_deep, predict
from .relu_regression import full_costs

__all__ = [
    "DERIVATIVE_SOURCES",
    "derivative_from_A",
    "hidden_derivative",
    "planar_forward",
    "planar_backward",
    "check_backward_passes",
    "format_gradcheck_table",
    "accuracy",
    "CheckpointRun",
    "train_with_checkpoints",
    "accuracy_table",
    "init_table",
    "dataset_table",
    "format_accuracy_table",
    "one_blas_thread",
    "SeedRuns",
    "across_seeds",
    "largest_drop",
    "iterations_to_reach",
    "reached_at",
    "format_reach_table",
]

#: How ``g'`` of the hidden layer is computed: from ``Z1`` or written with ``A1``.
DERIVATIVE_SOURCES = ("Z", "A")

_SIGMOID = get_activation("sigmoid")


# --------------------------------------------------------------------------- derivatives
def derivative_from_A(hidden, A1):
    r"""``g'`` written with the layer's *output* ``A1``, the way the course writes it.

    Parameters
    ----------
    hidden : str or Activation
        ``"tanh"``, ``"sigmoid"``, ``"relu"`` or ``"leaky_relu"`` (any slope).
    A1 : ndarray, ``(n_h, m)``
        The activations the forward pass produced.

    Returns
    -------
    ndarray, ``(n_h, m)``

    .. math::
        \tanh: 1 - A^2,\quad \sigma: A(1 - A),\quad
        \text{ReLU}: \mathbb{1}\{A > 0\},\quad \text{Leaky}: \begin{cases}1 & A > 0\\
        s & A \le 0\end{cases}

    These equal ``g'(Z1)`` only when ``A1 = g(Z1)`` with the *same* ``g``. Fed the output
    of another activation (``1 - A1**2`` with ``A1 = relu(Z1)``), the formula is no
    derivative at all: see ``notebooks/04_relu_forward_only_nan.ipynb``.
    """
    act = get_activation(hidden)
    A1 = np.asarray(A1, dtype=float)
    if act.name == "tanh":
        return 1.0 - A1 ** 2
    if act.name == "sigmoid":
        return A1 * (1.0 - A1)
    if act.name == "relu":
        return (A1 > 0).astype(float)
    if act.name.startswith("leaky_relu"):
        # Leaky ReLU keeps the sign of Z, so A > 0 exactly where Z > 0 and g'(Z) = g'(A) there.
        return act.derivative(A1)
    raise ValueError(
        f"derivative_from_A knows tanh, sigmoid, relu and leaky_relu; got {act.name!r}. "
        "Use derivative_from='Z' for other activations."
    )


def _check_source(derivative_from):
    if derivative_from not in DERIVATIVE_SOURCES:
        raise ValueError(
            f"derivative_from must be 'Z' (g'(Z1)) or 'A' (written with A1, like the course's "
            f"1 - A1**2); got {derivative_from!r}."
        )


def hidden_derivative(hidden, Z1, A1, derivative_from="Z"):
    """``g'`` of the hidden layer, computed from ``Z1`` or written with ``A1``.

    Parameters
    ----------
    hidden : str or Activation
        The activation whose derivative the backward pass uses.
    Z1, A1 : ndarray, ``(n_h, m)``
        From the forward pass (``A1`` may come from a *different* activation).
    derivative_from : {"Z", "A"}
        ``"Z"``: ``g'(Z1)``, what :func:`~dlsnotes.model.L_model_backward` does;
        ``"A"``: :func:`derivative_from_A`, what the course's ``1 - np.power(A1, 2)`` does.

    Returns
    -------
    ndarray, ``(n_h, m)``
    """
    _check_source(derivative_from)
    if derivative_from == "Z":
        return get_activation(hidden).derivative(Z1)
    return derivative_from_A(hidden, A1)


# --------------------------------------------------------------------------- one step
def _check_planar_parameters(parameters):
    needed = ("W1", "b1", "W2", "b2")
    if not isinstance(parameters, dict) or any(k not in parameters for k in needed):
        got = sorted(parameters) if isinstance(parameters, dict) else type(parameters).__name__
        raise ValueError(
            f"parameters must be a dict with keys {list(needed)} (a 2-layer network, e.g. "
            f"initialize_parameters_deep([n_x, n_h, 1])); got {got}."
        )
    if len(parameters) != 4:
        raise ValueError(
            f"The planar helpers are for 2-layer networks; parameters has "
            f"{len(parameters) // 2} layers. Use L_model_forward / L_model_backward for deeper "
            "ones."
        )


def planar_forward(X, parameters, hidden="tanh"):
    r"""Forward pass ``LINEAR -> hidden -> LINEAR -> SIGMOID``; returns ``(A2, cache)``.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    parameters : dict
        ``W1`` ``(n_h, n_x)``, ``b1`` ``(n_h, 1)``, ``W2`` ``(1, n_h)``, ``b2`` ``(1, 1)``.
    hidden : str or Activation

    Returns
    -------
    A2 : ndarray, ``(1, m)``
    cache : dict
        ``Z1``, ``A1`` ``(n_h, m)`` and ``Z2``, ``A2`` ``(1, m)``, as in the course.

    .. math:: Z^{[1]} = W^{[1]}X + b^{[1]},\ A^{[1]} = g(Z^{[1]}),\
              Z^{[2]} = W^{[2]}A^{[1]} + b^{[2]},\ A^{[2]} = \sigma(Z^{[2]})
    """
    _check_planar_parameters(parameters)
    X = check_X(X, parameters["W1"].shape[1])
    with np.errstate(over="ignore", invalid="ignore"):
        return _forward(X, parameters, get_activation(hidden))


def _forward(X, parameters, act):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = act.function(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = _SIGMOID.function(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def planar_backward(parameters, cache, X, Y, hidden="tanh", derivative_from="Z"):
    r"""Backward pass of the planar network; returns ``grads`` with ``dW1, db1, dW2, db2``.

    Parameters
    ----------
    parameters : dict
    cache : dict
        From :func:`planar_forward`.
    X : ndarray, ``(n_x, m)``
    Y : ndarray, ``(1, m)``, labels 0/1
    hidden : str or Activation
        The activation whose derivative is used. The correct choice is the one the
        forward pass used; another one reproduces the learner's bug.
    derivative_from : {"Z", "A"}
        See :func:`hidden_derivative`.

    Returns
    -------
    grads : dict
        ``dW1`` ``(n_h, n_x)``, ``db1`` ``(n_h, 1)``, ``dW2`` ``(1, n_h)``, ``db2`` ``(1, 1)``.

    .. math::
        dZ^{[2]} = A^{[2]} - Y,\quad
        dZ^{[1]} = W^{[2]\top} dZ^{[2]} \odot g'(Z^{[1]}),\quad
        dW^{[l]} = \tfrac{1}{m} dZ^{[l]} A^{[l-1]\top},\quad
        db^{[l]} = \tfrac{1}{m} \textstyle\sum_i dZ^{[l](i)}
    """
    _check_planar_parameters(parameters)
    Y = check_Y(Y, cache["A2"].shape[1], cache["A2"].shape[0], "bce")
    with np.errstate(over="ignore", invalid="ignore"):
        derivative = hidden_derivative(hidden, cache["Z1"], cache["A1"], derivative_from)
        return _backward(parameters, cache, X, Y, derivative)


def _backward(parameters, cache, X, Y, derivative):
    A1, m = cache["A1"], X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = (parameters["W2"].T @ dZ2) * derivative
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


# --------------------------------------------------------------------------- arguments
def _check_n_h(n_h):
    if not isinstance(n_h, numbers.Integral) or isinstance(n_h, bool) or n_h < 1:
        raise ValueError(f"n_h must be a positive int (hidden units); got {n_h!r}.")


# --------------------------------------------------------------------------- gradient check
def check_backward_passes(parameters, X, Y, passes, threshold=1e-7):
    """Gradient-check several backward passes of the planar network at the same parameters.

    Parameters
    ----------
    parameters : dict
        ``W1, b1, W2, b2``.
    X : ndarray, ``(n_x, m)``
    Y : ndarray, ``(1, m)``
    passes : dict
        ``label -> (forward_hidden, backward_hidden, derivative_from)``. The cost ``J`` of
        the finite differences uses ``forward_hidden``: the forward pass defines what the
        gradient must be.
    threshold : float

    Returns
    -------
    dict
        ``label -> GradCheckReport``.
    """
    reports = {}
    for label, (forward_hidden, backward_hidden, derivative_from) in passes.items():
        _, cache = planar_forward(X, parameters, forward_hidden)
        grads = planar_backward(parameters, cache, X, Y, backward_hidden, derivative_from)
        reports[label] = gradient_check(parameters, X, Y, hidden=forward_hidden, grads=grads,
                                        threshold=threshold)
    return reports


def format_gradcheck_table(reports):
    """One line per backward pass: difference, verdict and the most wrong parameter.

    Differences below the threshold are written ``< 1e-07``: their digits are rounding
    noise and change with the BLAS library, the verdict does not.

    Parameters
    ----------
    reports : dict
        ``label -> GradCheckReport``, e.g. from :func:`check_backward_passes`.

    Returns
    -------
    str
    """
    if not reports:
        raise ValueError("reports is empty: nothing to tabulate.")
    width = max(len("backward pass"), *(len(label) for label in reports))
    lines = [f"{'backward pass':<{width}}  difference  verdict  most wrong"]
    for label, report in reports.items():
        if report.passed:
            diff, verdict, worst = f"< {report.threshold:.0e}", "passed", "-"
        else:
            diff, verdict, worst = f"{report.difference:.1e}", "WRONG", report.worst
        lines.append(f"{label:<{width}}  {diff:>10}  {verdict:<7}  {worst}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- threads
# --------------------------------------------------------------------------- accuracy
def accuracy(X, Y, parameters, hidden):
    """Fraction of examples whose label the network predicts (threshold 0.5), in ``[0, 1]``.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    Y : ndarray, ``(1, m)``, labels 0/1
    parameters : dict
    hidden : str or Activation
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.mean(predict(X, parameters, hidden=hidden, output="sigmoid") == Y))


class CheckpointRun(NamedTuple):
    """One training run with the accuracy recorded at several iteration counts."""

    hidden: str
    n_h: int
    learning_rate: float
    accuracies: dict
    """Iterations -> training accuracy in ``[0, 1]`` (NaN from the divergence on)."""
    parameters: dict | None
    """Final parameters, ``None`` when training diverged."""
    diverged_at: int | None
    """Iteration at which the cost became NaN/inf, or ``None``."""
    cost_iterations: np.ndarray
    """Iterations at which :attr:`costs` were recorded (every 100, and each checkpoint)."""
    costs: np.ndarray
    """The cost at those iterations."""

    @property
    def final_accuracy(self) -> float:
        return self.accuracies[max(self.accuracies)]


def _check_checkpoints(checkpoints):
    points = list(checkpoints) if not isinstance(checkpoints, numbers.Integral) else [checkpoints]
    if not points or any(not isinstance(c, numbers.Integral) or isinstance(c, bool) or c < 1
                         for c in points) or points != sorted(set(points)):
        raise ValueError(
            "checkpoints must be increasing positive iteration counts such as (2000, 5000); "
            f"got {checkpoints!r}."
        )
    return [int(c) for c in points]


def train_with_checkpoints(X, Y, n_h, hidden, learning_rate, checkpoints=(10000,),
                           init="small", seed=1):
    """Train the planar network once and record the training accuracy at each checkpoint.

    Training continues from one checkpoint to the next (``L_layer_model(...,
    parameters=...)``), so recording costs nothing extra: the run to ``checkpoints[-1]``
    is the same as one uninterrupted run.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    Y : ndarray, ``(1, m)``
    n_h : int
    hidden : str or Activation
        Hidden activation, e.g. ``"tanh"``, ``"relu"``, ``"leaky_relu(0.1)"``.
    learning_rate : float
    checkpoints : sequence of int, increasing
        Iteration counts at which to measure the accuracy.
    init : {"small", "he", "xavier"}
    seed : int

    Returns
    -------
    CheckpointRun
        A divergence is recorded (accuracy NaN from there on), not raised.

    Notes
    -----
    Trains with one BLAS thread (:func:`one_blas_thread`): faster at these sizes, on a busy
    machine by far.
    """
    points = _check_checkpoints(checkpoints)
    _check_n_h(n_h)
    X = check_X(X)
    with one_blas_thread():
        return _train_with_checkpoints(X, Y, n_h, hidden, learning_rate, points, init, seed)


def _train_with_checkpoints(X, Y, n_h, hidden, learning_rate, points, init, seed):
    name = get_activation(hidden).name
    dims = [X.shape[0], int(n_h), 1]
    parameters = initialize_parameters_deep(dims, init=init, seed=seed)
    accuracies, done, diverged_at = {}, 0, None
    cost_iterations, costs = [], []
    for point in points:
        if diverged_at is None:
            try:
                parameters, segment = L_layer_model(
                    X, Y, dims, hidden=hidden, learning_rate=learning_rate,
                    num_iterations=point - done, parameters=parameters, progress=False)
                segment = full_costs(segment)
            except DivergenceError as err:
                diverged_at, parameters = done + err.iteration, None
            else:
                # L_layer_model records every 100 iterations and after the last one; a
                # continued segment starts with the cost the previous one ended on.
                steps = [done + min(100 * k, point - done) for k in range(len(segment))]
                skip = 1 if costs else 0
                cost_iterations += steps[skip:]
                costs += segment[skip:]
        diverged = diverged_at is not None
        accuracies[point] = np.nan if diverged else accuracy(X, Y, parameters, hidden)
        done = point
    return CheckpointRun(name, int(n_h), float(learning_rate), accuracies, parameters, diverged_at,
                         np.array(cost_iterations), np.array(costs))


def accuracy_table(X, Y, hiddens, settings, checkpoints=(10000,), init="small", seed=1):
    """:func:`train_with_checkpoints` for every hidden activation and ``(n_h, learning_rate)``.

    Parameters
    ----------
    X, Y : ndarray
    hiddens : sequence of str
        Row labels, e.g. ``["tanh", "relu", "leaky_relu(0.1)"]``.
    settings : sequence of (int, float)
        Column labels: ``(n_h, learning_rate)`` pairs.
    checkpoints, init, seed :
        As in :func:`train_with_checkpoints`; the same seed for every run, so every
        activation starts from the same weights.

    Returns
    -------
    dict
        ``(hidden, (n_h, learning_rate)) -> CheckpointRun``, in row-major order.
    """
    if not hiddens or not settings:
        raise ValueError(
            "accuracy_table needs at least one activation and one (n_h, learning_rate) pair.")
    return {
        (hidden, (n_h, lr)): train_with_checkpoints(X, Y, n_h, hidden, lr, checkpoints, init, seed)
        for hidden in hiddens for (n_h, lr) in settings
    }


def init_table(X, Y, hidden, settings, inits=("small", "he"), checkpoints=(10000,), seed=1):
    """:func:`train_with_checkpoints` for each initialisation and ``(n_h, learning_rate)``.

    Parameters
    ----------
    X, Y : ndarray
    hidden : str or Activation
        One hidden activation for all rows.
    settings : sequence of (int, float)
        ``(n_h, learning_rate)`` pairs, the columns.
    inits : sequence of {"small", "he", "xavier"}
        The rows.
    checkpoints, seed :
        As in :func:`train_with_checkpoints`.

    Returns
    -------
    dict
        ``("<hidden>, init=<init>", (n_h, learning_rate)) -> CheckpointRun``, ready for
        :func:`format_accuracy_table`.
    """
    if not inits or not settings:
        raise ValueError("init_table needs at least one init and one (n_h, learning_rate).")
    name = get_activation(hidden).name
    return {
        (f"{name}, init={init}", (n_h, lr)):
            train_with_checkpoints(X, Y, n_h, hidden, lr, checkpoints, init, seed)
        for init in inits for (n_h, lr) in settings
    }


def dataset_table(datasets, hiddens, n_h, learning_rate, checkpoints=(10000,), init="small",
                  seed=1, row_suffix=""):
    """:func:`train_with_checkpoints` for every data set and hidden activation.

    Parameters
    ----------
    datasets : dict
        ``name -> (X, Y)``.
    hiddens : sequence of str
    n_h : int
    learning_rate : float
    checkpoints, init, seed :
        As in :func:`train_with_checkpoints`.
    row_suffix : str
        Appended to each row label, e.g. ``", n_h=20"``, so tables made with different
        settings can be merged into one.

    Returns
    -------
    dict
        ``(hidden + row_suffix, name) -> CheckpointRun``: rows are activations, columns data
        sets, ready for :func:`format_accuracy_table`.
    """
    if not datasets or not hiddens:
        raise ValueError("dataset_table needs at least one data set and one activation.")
    return {
        (f"{hidden}{row_suffix}", name):
            train_with_checkpoints(X, Y, n_h, hidden, learning_rate, checkpoints, init, seed)
        for hidden in hiddens for name, (X, Y) in datasets.items()
    }


class SeedRuns(NamedTuple):
    """The same setting trained from several initial weights (one :class:`CheckpointRun` each).

    A single run at a high learning rate is chaotic: which spike it stops in depends on the
    seed and on the last bits of the CPU's matrix products. What several seeds share is what
    a table can report: the median and the range of the final accuracies.
    """

    runs: dict
    """Seed -> :class:`CheckpointRun`."""

    @property
    def finals(self) -> np.ndarray:
        """Final training accuracy of each run, in seed order (NaN for a diverged run)."""
        return np.array([run.final_accuracy for run in self.runs.values()])

    @property
    def median(self) -> float:
        return float(np.median(self.finals))

    @property
    def low(self) -> float:
        return float(np.min(self.finals))

    @property
    def high(self) -> float:
        return float(np.max(self.finals))

    @property
    def diverged(self) -> int:
        """How many of the runs diverged."""
        return sum(run.diverged_at is not None for run in self.runs.values())


def across_seeds(table, seeds, *args, **kwargs):
    """Call a table function once per seed and group the runs by cell.

    Parameters
    ----------
    table : callable
        :func:`accuracy_table`, :func:`init_table` or :func:`dataset_table` (anything that
        takes ``seed=`` and returns ``key -> CheckpointRun``).
    seeds : sequence of int
        At least two: one seed is one run, not a spread.
    *args, **kwargs :
        Passed on to ``table``.

    Returns
    -------
    dict
        ``key -> SeedRuns``, with the keys of ``table``; ready for
        :func:`format_accuracy_table`, which prints ``median (min-max)``.
    """
    seeds = list(seeds)
    if len(seeds) < 2 or len(set(seeds)) != len(seeds):
        raise ValueError(f"across_seeds needs at least two different seeds, e.g. range(1, 6); "
                         f"got {seeds!r}.")
    if "seed" in kwargs:
        raise ValueError("across_seeds sets seed= itself; pass the seeds as its second argument.")
    by_seed = {seed: table(*args, seed=seed, **kwargs) for seed in seeds}
    keys = list(by_seed[seeds[0]])
    return {key: SeedRuns({seed: by_seed[seed][key] for seed in seeds}) for key in keys}


def largest_drop(run):
    """The largest fall of the training accuracy from a run's best checkpoint so far.

    ``max over checkpoints k of (max(acc[:k+1]) - acc[k])``, in ``[0, 1]``: 0 for a run that
    never got worse, large for a run that stopped inside a spike of its cost. A diverged
    run (NaN accuracies) counts its last finite checkpoints only.
    """
    values = [a for a in run.accuracies.values() if not np.isnan(a)]
    if not values:
        return float("nan")
    best = np.maximum.accumulate(values)
    return float(np.max(best - np.array(values)))


def _cell(run):
    if isinstance(run, SeedRuns):
        if run.diverged:
            return f"{run.diverged}/{len(run.runs)} div."
        return f"{100 * run.median:.0f} ({100 * run.low:.0f}-{100 * run.high:.0f})"
    parts = ["div." if np.isnan(a) else f"{100 * a:.1f}" for a in run.accuracies.values()]
    return " / ".join(parts)


def format_accuracy_table(runs, row_label="hidden", column_label=None, reported=None):
    """A plain-text table of training accuracies (%), one row per activation.

    Parameters
    ----------
    runs : dict
        ``(row, column) -> CheckpointRun``, e.g. from :func:`accuracy_table`, or
        ``(row, column) -> SeedRuns`` from :func:`across_seeds`. Columns that
        are ``(n_h, learning_rate)`` pairs are written ``n_h=40 lr=0.6``.
    row_label : str
        Header of the first column.
    column_label : callable, optional
        Turns a column key into its header; default as above, or ``str``.
    reported : dict, optional
        ``row label -> {column: text}``: rows of numbers the learners reported, printed
        below the reproduced ones (``-`` where nothing was reported), e.g.
        ``{"reported, relu": {(40, 0.6): "81 and 85"}}``.

    Returns
    -------
    str
        Each cell lists the accuracy at every checkpoint, ``a / b / c``; ``div.`` marks a
        run whose cost became NaN/inf. A :class:`SeedRuns` cell reads ``median (min-max)``
        of the final accuracies, rounded to whole percent (``2/5 div.`` if runs diverged).
    """
    if not runs:
        raise ValueError("runs is empty: nothing to tabulate.")

    def default_label(col):
        if isinstance(col, tuple) and len(col) == 2:
            return f"n_h={col[0]} lr={col[1]:g}"
        return str(col)

    label = column_label or default_label
    rows = list(dict.fromkeys(r for r, _ in runs))
    cols = list(dict.fromkeys(c for _, c in runs))
    cells = {key: _cell(run) for key, run in runs.items()}
    for name, values in (reported or {}).items():
        unknown = [c for c in values if c not in cols]
        if unknown:
            raise ValueError(f"reported row {name!r} names columns {unknown} that the table does "
                             f"not have; its columns are {cols}.")
        rows.append(name)
        cells.update({(name, c): str(text) for c, text in values.items()})
    widths = [max(len(row_label), *(len(str(r)) for r in rows))]
    widths += [max(len(label(c)), *(len(cells.get((r, c), "")) for r in rows)) for c in cols]
    header = [row_label.ljust(widths[0])] + [label(c).rjust(w) for c, w in zip(cols, widths[1:])]
    lines = ["  ".join(header)]
    for r in rows:
        line = [str(r).ljust(widths[0])]
        line += [cells.get((r, c), "-").rjust(w) for c, w in zip(cols, widths[1:])]
        lines.append("  ".join(line))
    return "\n".join(lines)


# --------------------------------------------------------------------------- iterations needed
def iterations_to_reach(X, Y, hidden, settings, target, max_iterations, every=250, init="small",
                        seed=1):
    """For each ``(n_h, learning_rate)``: train until the accuracy reaches ``target``.

    The accuracy is measured every ``every`` iterations; a run stops at the first
    measurement that reaches ``target`` (or at ``max_iterations``), so a fast setting costs
    little.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    Y : ndarray, ``(1, m)``
    hidden : str
        Hidden activation, e.g. ``"leaky_relu"``.
    settings : sequence of (int, float)
        ``(n_h, learning_rate)`` pairs.
    target : float
        Training accuracy in ``(0, 1]``, e.g. ``0.85``.
    max_iterations, every : int
        The longest run, and the spacing of the measurements.
    init, seed :
        As in :func:`train_with_checkpoints` (every setting starts from the same seed).

    Returns
    -------
    dict
        ``(n_h, learning_rate) -> CheckpointRun`` holding the measurements made; the
        iteration that reached the target is :func:`reached_at`. Trains with one BLAS thread
        (:func:`one_blas_thread`).
    """
    if isinstance(target, bool) or not isinstance(target, numbers.Real) or not 0 < target <= 1:
        raise ValueError(f"target is a training accuracy in (0, 1], e.g. 0.85; got {target!r}.")
    points = _check_checkpoints(range(every, max_iterations + 1, every)) if (
        every <= max_iterations) else None
    if not points:
        raise ValueError(f"max_iterations ({max_iterations}) must be at least every ({every}).")
    X = check_X(X)
    for n_h, _ in settings:
        _check_n_h(n_h)
    with one_blas_thread():
        return {(n_h, lr): _train_until(X, Y, hidden, n_h, lr, target, points, init, seed)
                for n_h, lr in settings}


def _train_until(X, Y, hidden, n_h, lr, target, points, init, seed):
    """One run of :func:`iterations_to_reach`: stop at the first checkpoint >= target."""
    dims = [X.shape[0], int(n_h), 1]
    parameters = initialize_parameters_deep(dims, init=init, seed=seed)
    accuracies, done = {}, 0
    for point in points:
        parameters, _ = L_layer_model(X, Y, dims, hidden=hidden, learning_rate=lr,
                                      num_iterations=point - done, parameters=parameters,
                                      progress=False)
        accuracies[point], done = accuracy(X, Y, parameters, hidden), point
        if accuracies[point] >= target:
            break
    return CheckpointRun(get_activation(hidden).name, int(n_h), float(lr), accuracies,
                         parameters, None, np.array([]), np.array([]))


def reached_at(run, target):
    """First recorded iteration of ``run`` with accuracy ``>= target``, or ``None``."""
    return next((it for it, a in run.accuracies.items() if a >= target), None)


def format_reach_table(runs, target):
    """Iterations needed to reach ``target``: rows ``n_h``, columns learning rates.

    A cell reads ``> N`` when the run never reached the target within its ``N`` iterations.
    """
    if not runs:
        raise ValueError("runs is empty: nothing to tabulate.")
    sizes = list(dict.fromkeys(n_h for n_h, _ in runs))
    rates = list(dict.fromkeys(lr for _, lr in runs))
    header = [f"{'n_h':>5}"] + [f"{'lr ' + format(lr, 'g'):>10}" for lr in rates]
    lines = [f"iterations to reach {100 * target:.0f} % training accuracy", "  ".join(header)]
    for n_h in sizes:
        cells = [f"{n_h:>5}"]
        for lr in rates:
            run = runs.get((n_h, lr))
            it = None if run is None else reached_at(run, target)
            text = "-" if run is None else (f"> {max(run.accuracies)}" if it is None else str(it))
            cells.append(f"{text:>10}")
        lines.append("  ".join(cells))
    return "\n".join(lines)
