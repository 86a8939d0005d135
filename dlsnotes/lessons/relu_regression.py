"""Tables, sweeps and plots for ``notebooks/03_relu_output_regression.ipynb``.

A learner trained the course's network with a ReLU output and the MSE loss on
``y = 3x² + 3x``, ``x = 0, 1, ..., 19``, and saw some training points predicted as exactly 0
while the others fitted. The notebook writes the training loop itself (in plain numpy: it is
the lesson) and passes it to the helpers here as ``train``, a callable

    ``train(X, Y, layer_dims, *, output, init, learning_rate, num_iterations, seed,
    parameters=None) -> (parameters, costs)``.

This module keeps what is not the lesson's point:

* :class:`Scaling`, :func:`fit_scaling` — standardise ``X``, divide ``Y`` by ``max|Y|``
  and undo it for reporting;
* :func:`train_regression`, :class:`RegressionFit` — one run of ``train`` with its settings;
* :func:`stuck_examples`, :func:`summarize_fit`, :func:`r_squared` — what a fit got wrong
  and which examples can no longer be corrected;
* :func:`stuck_history`, :func:`seed_survey` — is the failure stable, and how typical;
* :func:`compare_fixes`, :func:`format_fixes_table`, :func:`format_region_table` — the
  fixes side by side;
* :func:`plot_preactivations` — ``Z[L]`` and the hidden ``Z[1]`` as functions of ``x``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from ..diagnostics import zero_gradient_report
from ..model import L_model_forward, compute_cost

__all__ = [
    "full_costs",
    "Scaling",
    "NO_SCALING",
    "fit_scaling",
    "RegressionFit",
    "train_regression",
    "r_squared",
    "stuck_examples",
    "FitSummary",
    "summarize_fit",
    "Checkpoint",
    "stuck_history",
    "format_stuck_history",
    "seed_survey",
    "format_seed_survey",
    "compare_fixes",
    "format_fixes_table",
    "format_region_table",
    "plot_preactivations",
]


# --------------------------------------------------------------------------- scaling
class Scaling(NamedTuple):
    r"""How inputs and targets were rescaled before training, and how to undo it.

    .. math:: \tilde X = \frac{X - \mu_x}{\sigma_x},\qquad \tilde Y = \frac{Y}{s_y}

    Attributes
    ----------
    x_mean, x_std : ndarray, ``(n_x, 1)``
        Per-feature mean and standard deviation of the training inputs.
    y_scale : float
        ``max|Y|`` of the training targets.
    """

    x_mean: np.ndarray
    x_std: np.ndarray
    y_scale: float

    def inputs(self, X):
        """Scaled inputs, ``(n_x, m)``."""
        return (X - self.x_mean) / self.x_std

    def targets(self, Y):
        """Scaled targets, ``(n_y, m)``."""
        return Y / self.y_scale

    def predictions(self, AL):
        """Network outputs back in the units of ``Y``, ``(n_y, m)``."""
        return AL * self.y_scale


#: The identity: train on the data as they come.
NO_SCALING = Scaling(np.zeros((1, 1)), np.ones((1, 1)), 1.0)


def fit_scaling(X, Y) -> Scaling:
    """Standardise each input feature and divide the targets by their largest magnitude.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    Y : ndarray, ``(n_y, m)``

    Returns
    -------
    Scaling
    """
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    if X.ndim != 2 or Y.ndim != 2:
        raise ValueError("X and Y must be 2-D (features, examples); got shapes "
                         f"{X.shape} and {Y.shape}. Use x.reshape(1, -1) for one feature.")
    x_std = X.std(axis=1, keepdims=True)
    if np.any(x_std == 0):
        raise ValueError("An input feature is constant (standard deviation 0), so it cannot be "
                         "standardised. Drop that row of X.")
    y_scale = float(np.max(np.abs(Y)))
    if y_scale == 0:
        raise ValueError("Every target is 0, so Y cannot be divided by max|Y|. Check the targets.")
    return Scaling(X.mean(axis=1, keepdims=True), x_std, y_scale)


# --------------------------------------------------------------------------- one training run
def full_costs(costs):
    """The costs every 100 iterations *and* after the last update, as one plain list.

    ``L_layer_model`` records the cost before the update at iterations 0, 100, ... and keeps
    the cost of the returned parameters apart (``costs.final_cost``), as the course does.
    """
    final = getattr(costs, "final_cost", None)
    return list(costs) if final is None else [*costs, float(final)]


@dataclass
class RegressionFit:
    """A trained regression network together with the settings that made it.

    ``predict`` and ``forward`` take inputs in the original units: the stored
    :class:`Scaling` is applied on the way in (and undone on the way out by ``predict``).
    """

    label: str
    parameters: dict = field(repr=False)
    costs: list = field(repr=False)
    output: str
    init: str
    learning_rate: float
    num_iterations: int
    scaling: Scaling = field(repr=False, default=NO_SCALING)
    hidden: str = "relu"

    def forward(self, X):
        """``(AL, caches)`` of the network on ``X`` (original units); ``AL`` is in scaled units."""
        return L_model_forward(self.scaling.inputs(X), self.parameters, hidden=self.hidden,
                              output=self.output)

    def predict(self, X):
        """Predictions in the units of ``Y``, shape ``(1, m)``."""
        return self.scaling.predictions(self.forward(X)[0])


def _check_train(train):
    if not callable(train):
        raise TypeError(
            "train must be the training function, called as train(X, Y, layer_dims, output=..., "
            "init=..., learning_rate=..., num_iterations=..., seed=..., parameters=None) and "
            f"returning (parameters, costs); got {type(train).__name__}.")


def train_regression(train, X, Y, layer_dims, *, output="relu", init="small", learning_rate,
                     num_iterations, seed, scale=False, label=None, parameters=None):
    r"""One run of ``train`` on ``X, Y`` (optionally scaled), kept with its settings.

    Parameters
    ----------
    train : callable
        The training loop, ``train(X, Y, layer_dims, *, output, init, learning_rate,
        num_iterations, seed, parameters=None) -> (parameters, costs)``, minimising
        :math:`J = \frac{1}{2m}\sum_i (a^{[L](i)} - y^{(i)})^2`.
    X : ndarray, ``(n_x, m)``
    Y : ndarray, ``(1, m)``
    layer_dims : list of int
    output : str
        Output activation: ``"relu"``, ``"linear"``, ``"leaky_relu"``, ...
    init : {"small", "he", "xavier"}
    learning_rate : float
    num_iterations : int
    seed : int
        Seeds the initialisation (the only random step).
    scale : bool
        Train on standardised ``X`` and on ``Y / max|Y|`` (see :func:`fit_scaling`).
    label : str, optional
        Name used in tables; defaults to a description of the settings.
    parameters : dict, optional
        Continue from these weights instead of initialising.

    Returns
    -------
    RegressionFit
    """
    _check_train(train)
    scaling = fit_scaling(X, Y) if scale else NO_SCALING
    params, costs = train(scaling.inputs(X), scaling.targets(Y), list(layer_dims), output=output,
                          init=init, learning_rate=learning_rate, num_iterations=num_iterations,
                          seed=seed, parameters=parameters)
    if label is None:
        label = f"{output} output, {init} init" + (", scaled" if scale else "")
    return RegressionFit(label, params, list(costs), output, init, learning_rate, num_iterations,
                         scaling)


# --------------------------------------------------------------------------- what went wrong
def r_squared(Y, Y_hat) -> float:
    r"""Coefficient of determination.

    .. math:: R^2 = 1 - \frac{\sum_i (y_i - \hat y_i)^2}{\sum_i (y_i - \bar y)^2}
    """
    Y, Y_hat = np.asarray(Y, dtype=float), np.asarray(Y_hat, dtype=float)
    if Y.shape != Y_hat.shape:
        raise ValueError(f"Y and Y_hat must have the same shape; got {Y.shape} and {Y_hat.shape}.")
    total = np.sum((Y - Y.mean()) ** 2)
    if total == 0:
        raise ValueError("R² is undefined when every target is the same value.")
    return float(1.0 - np.sum((Y - Y_hat) ** 2) / total)


def stuck_examples(fit: RegressionFit, X, Y) -> np.ndarray:
    r"""Indices of examples that are predicted wrongly but send back no output gradient.

    For a ReLU output these are the columns with :math:`Z^{[L]} \le 0`: the prediction is
    exactly 0 and :math:`dZ^{[L]} = dA^{[L]} \odot \mathbb 1\{Z^{[L]} > 0\} = 0`, so the
    example cannot move any weight. An example whose target is 0 as well (``x = 0`` here)
    is predicted correctly and is not listed.

    Returns
    -------
    ndarray of int, shape ``(k,)``
    """
    AL, caches = fit.forward(X)
    out = caches[-1]
    no_gradient = np.any(out.activation.derivative(out.activation_cache) == 0, axis=0)
    wrong = ~np.all(np.isclose(AL, fit.scaling.targets(Y)), axis=0)
    return np.flatnonzero(no_gradient & wrong)


class FitSummary(NamedTuple):
    """One row of the fixes table; ``cost`` and ``r2`` are in the original units of ``Y``."""

    label: str
    learning_rate: float
    cost: float
    r2: float
    stuck: np.ndarray
    dead_units: int
    n_hidden: int


def summarize_fit(fit: RegressionFit, X, Y) -> FitSummary:
    """Cost ``J`` and ``R²`` in the units of ``Y``, stuck examples and dead hidden units."""
    Y_hat = fit.predict(X)
    report = zero_gradient_report(fit.scaling.inputs(X), fit.parameters, hidden=fit.hidden,
                                  output=fit.output)
    n_hidden = sum(fit.parameters[f"b{l}"].shape[0] for l in report.dead_units)
    return FitSummary(
        label=fit.label,
        learning_rate=fit.learning_rate,
        cost=compute_cost(Y_hat, Y, loss="mse"),
        r2=r_squared(Y, Y_hat),
        stuck=stuck_examples(fit, X, Y),
        dead_units=sum(len(v) for v in report.dead_units.values()),
        n_hidden=n_hidden,
    )


# --------------------------------------------------------------------------- is it stable? typical?
class Checkpoint(NamedTuple):
    """State of a run after ``iteration`` updates."""

    iteration: int
    cost: float
    stuck: np.ndarray


def stuck_history(train, fit: RegressionFit, X, Y, checkpoints):
    """Keep training ``fit`` with its own settings and record the stuck examples.

    Parameters
    ----------
    train : callable
        The training loop (see :func:`train_regression`).
    fit : RegressionFit
        The run to continue (it is not modified).
    checkpoints : sequence of int
        Total iteration counts, each larger than ``fit.num_iterations`` and than the one before.

    Returns
    -------
    list of Checkpoint
        The first entry is ``fit`` itself.
    """
    def checkpoint(f):
        return Checkpoint(f.num_iterations, summarize_fit(f, X, Y).cost, stuck_examples(f, X, Y))

    _check_train(train)
    history = [checkpoint(fit)]
    current = fit
    for total in checkpoints:
        if total <= current.num_iterations:
            raise ValueError(f"checkpoints must increase beyond {current.num_iterations} "
                             f"iterations; got {total}.")
        current = _continue(train, current, X, Y, total)
        history.append(checkpoint(current))
    return history


def _continue(train, fit: RegressionFit, X, Y, total):
    """``fit`` trained further, same data, scaling and learning rate, to ``total`` iterations."""
    dims = [fit.parameters["W1"].shape[1]] + [
        fit.parameters[f"W{l}"].shape[0] for l in range(1, len(fit.parameters) // 2 + 1)]
    params, costs = train(fit.scaling.inputs(X), fit.scaling.targets(Y), dims, output=fit.output,
                          init=fit.init, learning_rate=fit.learning_rate,
                          num_iterations=total - fit.num_iterations, seed=None,
                          parameters=fit.parameters)
    return RegressionFit(fit.label, params, fit.costs + list(costs), fit.output, fit.init,
                         fit.learning_rate, total, fit.scaling, fit.hidden)


def _x_list(X, indices):
    return "[" + ", ".join(f"{x:g}" for x in X[0, indices]) + "]"


def format_stuck_history(history, X) -> str:
    """One line per checkpoint: iterations, cost ``J`` and the ``x`` of the stuck examples."""
    lines = [f"{'iterations':>10}  {'cost J':>9}  stuck x"]
    lines += [f"{c.iteration:>10}  {c.cost:>9.1f}  {_x_list(X, c.stuck)}" for c in history]
    return "\n".join(lines)


def seed_survey(train, X, Y, layer_dims, seeds, **settings):
    """Train the same network once per seed with ``train``; returns ``[(seed, FitSummary), ...]``.

    ``settings`` are passed to :func:`train_regression` (``output``, ``init``,
    ``learning_rate``, ``num_iterations``, ``scale``).
    """
    return [(s, summarize_fit(train_regression(train, X, Y, layer_dims, seed=s, **settings), X, Y))
            for s in seeds]


def format_seed_survey(survey, X) -> str:
    """One line per seed: cost ``J``, ``R²``, dead hidden units and the stuck ``x``."""
    lines = [f"{'seed':>4}  {'cost J':>9}  {'R²':>7}  dead units  stuck x"]
    for s, row in survey:
        lines.append(f"{s:>4}  {row.cost:>9.1f}  {row.r2:>7.4f}  "
                     f"{row.dead_units:>4} of {row.n_hidden:<3}  {_x_list(X, row.stuck)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- the fixes
def compare_fixes(train, X, Y, layer_dims, fixes, *, seed, num_iterations):
    """Train one network per entry of ``fixes``, all with the same seed and iteration count.

    Parameters
    ----------
    train : callable
        The training loop (see :func:`train_regression`).
    fixes : dict of str to dict
        Label -> keyword arguments of :func:`train_regression` (``output``, ``init``,
        ``learning_rate``, ``scale``).

    Returns
    -------
    dict of str to RegressionFit
    """
    return {label: train_regression(train, X, Y, layer_dims, seed=seed,
                                    num_iterations=num_iterations,
                                    label=label, **kw)
            for label, kw in fixes.items()}


def format_fixes_table(fits, X, Y) -> str:
    """The fixes side by side: learning rate, ``J`` and ``R²`` in the units of ``Y``,
    number of examples stuck at 0, dead hidden units."""
    rows = [summarize_fit(fit, X, Y) for fit in fits.values()]
    width = max(len(r.label) for r in rows)
    lines = [f"{'fix':<{width}}  {'lr':>6}  {'cost J':>9}  {'R²':>7}  stuck at 0  dead units"]
    for r in rows:
        lines.append(f"{r.label:<{width}}  {r.learning_rate:>6.0e}  {r.cost:>9.1f}  {r.r2:>7.4f}"
                     f"  {len(r.stuck):>10}  {r.dead_units:>4} of {r.n_hidden}")
    return "\n".join(lines)


def format_region_table(fits, X, Y, lo, hi) -> str:
    """How each fit does on the examples with ``lo < x < hi`` (where ``y`` may be negative)."""
    inside = (X[0] > lo) & (X[0] < hi)
    if not inside.any():
        raise ValueError(f"No example has {lo} < x < {hi}; choose an interval inside the data.")
    width = max(len(label) for label in fits)
    lines = [f"{'model':<{width}}  {'R² (all)':>8}  {'min ŷ on (' + f'{lo:g}, {hi:g})':>16}"
             f"  {'ŷ == 0 there':>12}  {'y < 0 there':>11}"]
    for label, fit in fits.items():
        Y_hat = fit.predict(X)
        zeros, negatives = int(np.sum(Y_hat[0, inside] == 0)), int(np.sum(Y[0, inside] < 0))
        lines.append(f"{label:<{width}}  {r_squared(Y, Y_hat):>8.4f}  "
                     f"{Y_hat[0, inside].min():>16.4f}  {zeros:>12}  {negatives:>11}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- picture
def plot_preactivations(fit: RegressionFit, X, X_dense, ax=None, zoom=True):
    r"""``Z^{[L]}`` (solid) and each hidden ``Z^{[1]}_j`` (dashed) as functions of ``x``.

    The band where :math:`Z^{[L]} \le 0` is shaded: there a ReLU output predicts 0 and
    passes no gradient. Training inputs with no gradient are marked with red rings.
    Dead hidden units (:math:`Z^{[1]}_j \le 0` on every training input) are drawn with
    their own line style and marker, and, with ``zoom=True``, repeated in an inset whose
    y range fits them, because next to :math:`Z^{[L]}` they all look like the zero line.

    Parameters
    ----------
    fit : RegressionFit
        A network with one input feature.
    X : ndarray, ``(1, m)``
        Training inputs (marked on the ``Z^{[L]}`` curve).
    X_dense : ndarray, ``(1, k)``
        Where to draw the curves.
    zoom : bool
        Add the inset with the dead units (only if there are any).
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    _, caches = fit.forward(X_dense)
    _, caches_train = fit.forward(X)
    x = X_dense[0]
    ZL = caches[-1].activation_cache[0]
    dead_units = np.all(caches_train[0].activation_cache <= 0, axis=1)
    dead_lines = _plot_hidden_units(ax, x, caches[0].activation_cache, dead_units)
    ax.plot(x, ZL, color="k", lw=2, label="$Z^{[L]}$")
    # shade the whole height wherever Z[L] <= 0 (x in data units, y in axes units)
    ax.fill_between(x, 0, 1, where=ZL <= 0, color="red", alpha=0.1,
                    transform=ax.get_xaxis_transform(), label="$Z^{[L]} \\leq 0$")
    ZL_train = caches_train[-1].activation_cache[0]
    ax.scatter(X[0], ZL_train, s=14, color="k", zorder=3)
    dead = ZL_train <= 0
    ax.scatter(X[0, dead], ZL_train[dead], s=80, facecolors="none", edgecolors="red", zorder=3,
               label="training x with $dZ^{[L]} = 0$")
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_xlabel("x")
    ax.set_ylabel("pre-activation")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    if zoom and dead_lines:
        _zoom_on_dead_units(ax, x, dead_lines)
    return ax


# one style per dead unit, so units lying on top of each other stay distinguishable
_DEAD_STYLES = [dict(ls=":", marker="o"), dict(ls="-.", marker="s"), dict(ls="--", marker="^"),
                dict(ls=(0, (1, 3)), marker="D")]


def _plot_hidden_units(ax, x, Z1, dead_units):
    """Draw every ``Z1[j]``; return ``[(line, Z1[j], style)]`` for the dead ones."""
    dead_lines = []
    for j, Zj in enumerate(Z1):
        if not dead_units[j]:
            ax.plot(x, Zj, ls="--", lw=1, label=f"$Z^{{[1]}}_{j + 1}$")
            continue
        k = len(dead_lines)
        style = dict(_DEAD_STYLES[k % len(_DEAD_STYLES)], ms=4, lw=1.2,
                     markevery=(k * len(x) // 12 + len(x) // 24, len(x) // 4))
        line, = ax.plot(x, Zj, label=f"$Z^{{[1]}}_{j + 1}$ (dead)", **style)
        dead_lines.append((line, Zj, style))
    return dead_lines


def _zoom_on_dead_units(ax, x, dead_lines):
    """Inset repeating the dead units with a y range that separates them."""
    inset = ax.inset_axes([0.58, 0.47, 0.39, 0.36])
    for line, Zj, style in dead_lines:
        inset.plot(x, Zj, color=line.get_color(), **style)
    low = min(float(Zj.min()) for _, Zj, _ in dead_lines)
    inset.axhline(0, color="grey", lw=0.8)
    inset.set_ylim(1.3 * low, -0.3 * low)
    inset.tick_params(labelsize=7)
    inset.set_title("dead units, zoomed in", fontsize=8)
    names = ", ".join(line.get_label().split(" ")[0] for line, _, _ in dead_lines)
    ax.annotate(f"{names}: all on this line", xy=(x[-1], 0), xytext=(-4, -14),
                textcoords="offset points", ha="right", va="top", fontsize=8)
