"""The fast training loop behind :func:`dlsnotes.model.L_layer_model` (and the playground).

:mod:`dlsnotes.model` is the course's code: ``L_model_forward -> compute_cost ->
L_model_backward -> update_parameters``, one readable function per equation. This module
does the same arithmetic, in the same order, for every case -- full batch or mini-batches,
with or without L2, float64 or float32 -- without allocating: every layer writes ``Z``,
``A``, ``dZ``, ``dW``, ``db`` into arrays made once, and all weights live in one vector so
that the update is three numpy calls per step. ``tests/test_engine.py`` proves it equal to
the reference loop (``L_layer_model(..., engine="reference")``) over every hidden
activation, output/loss pairing, batch size, L2 on/off and dtype.

It also holds the one set of divergence rules (:class:`DivergenceRules`, applied by
:class:`DivergenceWatch`), used by both loops and by the playground.
"""

from __future__ import annotations

import contextlib
import functools
import math
import statistics
from dataclasses import dataclass

import numpy as np
from scipy.linalg import blas
from scipy.special import expit

from ._validation import DivergenceError
from .activations import ACTIVATIONS, get_activation
from .losses import CANONICAL_PAIRS
from .minibatch import epoch_seed, random_mini_batches
from .regularization import l1_cost, l2_cost

__all__ = ["CostHistory", "DivergenceRules", "DIVERGENCE_RULES", "DivergenceWatch", "KERNELS",
           "kernels_for", "one_blas_thread", "progress_bar", "train"]


class CostHistory(list):
    """The costs recorded by :func:`L_layer_model`, as a list (the course's ``costs``).

    Attributes
    ----------
    final_cost : float
        The cost of the returned parameters, after the last update.
    iterations : list of int
        The iteration of each entry (``0, cost_every, 2 * cost_every, ...``).
    cost_every : int
    """

    def __init__(self, costs=(), iterations=(), final_cost=float("nan"), cost_every=100):
        super().__init__(costs)
        self.iterations = list(iterations)
        self.final_cost = final_cost
        self.cost_every = cost_every


# ----------------------------------------------------------------------------- divergence
@dataclass(frozen=True)
class DivergenceRules:
    """When training counts as diverged. Costs are judged every ``check_every`` iterations.

    * **nan** -- the cost is NaN or infinite (judged at every iteration);
    * **rising** -- the cost is above ``rise_factor`` times its start (and ``rise_min`` above
      it) at ``rise_streak + 1`` marks in a row and no lower than ``rise_streak`` marks ago;
    * **stuck** -- over the last ``stuck_window`` iterations the median cost is above
      ``stuck_factor`` times the start (and ``rise_min`` above it) and the newer half of the
      window is not clearly lower than the older half (median ratio above ``stuck_fall``):
      the network is not learning. A cost that jumps around far above its start, as a
      learning rate of 100 or 500 gives, is caught here whatever the rounding of the CPU;
    * **weights** -- some ``|W|`` exceeds ``weight_limit`` and ``weight_growth`` times the
      largest ``|W|`` at the start.

    The losses clip their logarithms, so a blown-up run can keep a finite cost: the last
    three rules catch it. Ordinary runs -- the course's settings, every notebook's runs --
    stay far from all of them (``tests/test_divergence.py`` checks both sides).
    """

    check_every: int = 10
    rise_factor: float = 10.0
    rise_min: float = 1.0
    rise_streak: int = 3
    stuck_window: int = 200
    stuck_factor: float = 5.0
    stuck_fall: float = 0.7
    weight_limit: float = 1e4
    weight_growth: float = 100.0

    def limit(self, start, factor):
        """The cost a run starting at ``start`` must stay above to count as far above it."""
        return max(factor * start, start + self.rise_min)


#: The rules every training loop applies.
DIVERGENCE_RULES = DivergenceRules()


def _max_weight(parameters):
    return max(float(np.abs(v).max()) for k, v in parameters.items() if k[0] == "W")


class DivergenceWatch:
    """Applies :data:`DIVERGENCE_RULES` to a run's costs, one per iteration (or epoch).

    One watch can follow a run across several training calls (the playground trains in
    chunks): iterations are counted from the watch's start, and a cost already judged
    (the last cost of one call is the first of the next) is not counted twice.

    Parameters
    ----------
    parameters : dict
        The weights at the start (for the ``weights`` rule).
    learning_rate : float
        For the hint of the :class:`DivergenceError`.
    pairing_problem : str, optional
        Why the output/loss pairing is a poor one (the error then blames it).
    rules : DivergenceRules
    """

    def __init__(self, parameters, learning_rate, pairing_problem=None, rules=DIVERGENCE_RULES):
        self.rules = rules
        self.weight_limit = max(rules.weight_limit, rules.weight_growth * _max_weight(parameters))
        self.learning_rate, self.pairing_problem = learning_rate, pairing_problem
        self.history = []  # the cost of every iteration since the start: the error carries it
        self.first_iteration = None
        self.on_error = None  # called before raising (a progress bar closes itself)

    @property
    def iteration(self):
        """The iteration of the last cost judged (None before the first)."""
        return None if not self.history else self.first_iteration + len(self.history) - 1

    def check(self, iteration, cost, parameters):
        """Record the ``cost`` of ``iteration``; raise :class:`DivergenceError` if a rule fires."""
        if self.history and iteration <= self.iteration:
            return  # already judged (the end of the previous call)
        if not math.isfinite(cost):  # math: a Python float, no numpy call
            raise self._error(iteration, cost, "nan", parameters)
        if not self.history:
            self.first_iteration = iteration
        self.history.append(cost)
        if iteration % self.rules.check_every == 0 and iteration:  # once per window: cheap
            reason = self._finite_rule(parameters)
            if reason:
                raise self._error(iteration, cost, reason, parameters)

    def _finite_rule(self, parameters):
        rules, history = self.rules, self.history
        start, every = history[0], rules.check_every
        streak = rules.rise_streak * every
        if len(history) > streak:
            marks = history[-1 - streak::every]
            limit = rules.limit(start, rules.rise_factor)
            if marks[-1] >= marks[0] and all(c > limit for c in marks):
                return "rising"
        if len(history) > rules.stuck_window:
            window = history[-1 - rules.stuck_window::every]
            half = len(window) // 2
            older, newer = statistics.median(window[:half]), statistics.median(window[half:])
            if (statistics.median(window) > rules.limit(start, rules.stuck_factor)
                    and newer > rules.stuck_fall * older):
                return "stuck"
        if _max_weight(parameters) > self.weight_limit:
            return "weights"
        return None

    def _error(self, iteration, cost, reason, parameters):
        if self.on_error is not None:
            self.on_error()
        finite = [c for c in self.history if math.isfinite(c)]
        return DivergenceError(
            iteration=iteration, cost=cost,
            last_finite_cost=finite[-1] if finite else None, learning_rate=self.learning_rate,
            costs=self.history, reason=reason, max_weight=_max_weight(parameters),
            pairing_problem=self.pairing_problem, window=self.rules.stuck_window)


def progress_bar(total, progress):
    """A tqdm bar over ``total`` iterations, or None; ``progress=None``: from 5000 on."""
    if progress is None:
        progress = total >= 5000
    if not progress:
        return None
    from tqdm.auto import tqdm  # only when asked for: tqdm's import is slow

    return tqdm(total=total, desc="training", unit="it", mininterval=0.5, leave=False)


# ----------------------------------------------------------------------------- threads
#: Below this many multiply-adds in the largest matrix product of a step, OpenBLAS's threads
#: cost more than they save. Measured on a 2-core machine: 2000 iterations of the planar
#: network with 40 units (its largest product 40 x 400 x 2) take 0.2 s on one thread, 1.4 s
#: on two, and 5.4 s on two while another process keeps a core busy.
SMALL_PRODUCT = 2**20


@functools.lru_cache(maxsize=1)
def _blas_controller():
    from threadpoolctl import ThreadpoolController  # scans the loaded libraries once

    return ThreadpoolController()


@contextlib.contextmanager
def one_blas_thread():
    """Run the enclosed code with one BLAS thread, and restore the setting after."""
    with _blas_controller().limit(limits=1, user_api="blas"):
        yield


def _threads_for(parameters, batch):
    """One BLAS thread for the course's small products, the library's choice for large ones."""
    largest = max(v.size for k, v in parameters.items() if k[0] == "W") * batch
    return one_blas_thread() if largest < SMALL_PRODUCT else contextlib.nullcontext()


# ----------------------------------------------------------------------------- kernels
# In-place versions of the registry's formulas (activations.py), the engine's only fast path,
# as scikit-learn keeps ``np.tanh(X, out=X)`` in its ACTIVATIONS: the same operations in the
# same order, so the results are the same bits (tests/test_engine.py). ``forward(Z, out)``
# writes g(Z) into ``out``; ``dZ(dA, A)`` turns dA into dZ = dA * g'(Z) in dA's memory,
# computing g' from A = g(Z) and using A's memory as scratch (A is lost: the loop calls it
# once A has served for dW of the next layer). An activation without a kernel runs its
# registry formulas.
def _tanh_dZ(dA, A):
    np.multiply(A, A, out=A)  # A**2
    np.subtract(1.0, A, out=A)  # g'(Z) = 1 - A**2
    return np.multiply(dA, A, out=dA)


def _relu_dZ(dA, A):
    np.greater(A, 0.0, out=A)  # 1{A > 0} = 1{Z > 0}, written as 1.0/0.0 over A
    return np.multiply(dA, A, out=dA)


def _leaky_kernel(slope):
    def forward(Z, out):  # max(Z, slope * Z), as activations.py writes it
        np.multiply(Z, slope, out=out)
        return np.maximum(Z, out, out=out)

    def dZ(dA, A):
        np.greater(A, 0.0, out=A)  # 1.0 where A > 0 (that is, Z > 0), else 0.0 ...
        np.maximum(A, slope, out=A)  # ... and slope instead of 0.0
        return np.multiply(dA, A, out=dA)

    return forward, dZ


KERNELS = {
    "sigmoid": (lambda Z, out: expit(Z, out=out), None),
    "tanh": (lambda Z, out: np.tanh(Z, out=out), _tanh_dZ),
    "relu": (lambda Z, out: np.maximum(Z, 0.0, out=out), _relu_dZ),
}


def kernels_for(act):
    """``(forward, dZ)`` in-place kernels of ``act`` (either may be None: no kernel).

    Only the registry's own activations get them: a custom activation that borrows the
    name ``"tanh"`` runs its own formulas.
    """
    if act.slope is not None and get_activation("leaky_relu", slope=act.slope) is act:
        return _leaky_kernel(act.slope)
    if ACTIVATIONS.get(act.name) is act and act.name in KERNELS:
        return KERNELS[act.name]
    return None, None


class _Layer:
    """One layer of the loop: its weights, activation and preallocated arrays.

    At the course's sizes a fresh ``(n_l, m)`` temporary costs more than the arithmetic on
    it (large blocks go back to the system when freed and page-fault in again on the next
    step), so every step writes ``Z``, ``A``, ``dA``/``dZ``, ``dW`` and ``db`` into the
    same arrays. ``W`` and ``b`` are updated in place, so the references stay valid.
    """

    __slots__ = ("W", "WT", "b", "act", "Z", "A", "dA", "dW", "db", "ones", "ger", "forward_into",
                 "dZ_into")

    def __init__(self, W, b, dW, db, act, m):
        self.W, self.b, self.dW, self.db, self.act = W, b, dW, db, act
        self.forward_into, self.dZ_into = kernels_for(act)
        self.WT = W.T  # a view, made once: W changes in place
        self.ones = np.ones(m, W.dtype)
        self.ger = blas.sger if W.dtype == np.float32 else blas.dger
        self.Z = np.empty((W.shape[0], m), W.dtype)
        self.A = np.empty_like(self.Z)
        self.dA = np.empty_like(self.Z)  # dA[l], then overwritten by dZ[l]


def _in_one_vector(parameters):
    """``theta`` (every parameter back to back, as gradient checking stacks them) and
    ``dtheta``, with dicts of views of them shaped like ``W{l}``, ``b{l}`` / ``dW{l}``, ``db{l}``.

    With all weights in one vector the update ``theta -= lr * dtheta`` takes two numpy calls
    instead of two per parameter: at the course's small sizes calls cost more than arithmetic.
    """
    theta = np.concatenate([v.ravel() for v in parameters.values()])
    dtheta = np.empty_like(theta)
    views, grads, start = {}, {}, 0
    for k, v in parameters.items():
        views[k] = theta[start:start + v.size].reshape(v.shape)
        grads["d" + k] = dtheta[start:start + v.size].reshape(v.shape)
        start += v.size
    return theta, views, dtheta, grads


# Broadcasting a column over an (n, m) array costs numpy a loop per row. BLAS's rank-1
# update ``ger`` (a += x y^T) does the same work in one pass, two to four times faster,
# and rounds every entry exactly as numpy does (one product, exact here, and one sum).
# It updates ``a`` in place when ``a`` is in Fortran order: the transpose of our buffers.
def _add_column(Z, b, layer):
    """``Z += b``: the column ``b`` (n, 1) added to each of the ``m`` columns of ``Z``."""
    layer.ger(1.0, layer.ones, b.ravel(), a=Z.T, overwrite_a=True)


def _outer_into(w, dZ, out, layer):
    """``out = w.T * dZ`` for one-row ``w`` (1, n) and ``dZ`` (1, m): ``W.T @ dZ`` of a
    one-unit layer is an outer product."""
    out.fill(0.0)
    layer.ger(1.0, dZ.ravel(), w.ravel(), a=out.T, overwrite_a=True)


def _forward_into(X, layers):
    """The forward pass, written into the layers' arrays; returns ``A[L]``."""
    A = X
    for layer in layers:
        Z = np.matmul(layer.W, A, out=layer.Z)
        _add_column(Z, layer.b, layer)  # Z += b
        if layer.forward_into is not None:
            A = layer.forward_into(Z, layer.A)
        else:  # softmax, swish, linear, custom activations: a new array (or Z itself)
            A = layer.A = layer.act.function(Z)
    return A


def _backward_into(X, AL, Y, layers, lss, canonical):
    """The backward pass, written into the layers' arrays.

    ``dZ[L] = A[L] - Y`` for the canonical pairs (what ``L_model_backward`` uses on its own
    forward pass), else ``dA[L] * g'(Z[L])``. It leaves ``dW = dZ A_prev.T`` and ``db`` =
    row sums of ``dZ`` *without* the ``1/m``: the caller scales all gradients at once.
    ``A[l]`` serves as scratch for ``g'(Z[l])`` once ``dW[l+1]`` has used it.
    """
    last = layers[-1]
    if canonical:
        dZ = np.subtract(AL, Y, out=last.dA)
    else:
        dZ = last.act.backward(lss.dAL(AL, Y), last.Z)
    for l in range(len(layers) - 1, -1, -1):
        layer = layers[l]
        A_prev = layers[l - 1].A if l else X
        np.matmul(dZ, A_prev.T, out=layer.dW)
        np.add.reduce(dZ, axis=1, keepdims=True, out=layer.db)  # dZ.sum(axis=1), unwrapped
        if l == 0:
            break  # dJ/dX is not needed for training
        below = layers[l - 1]
        if layer.W.shape[0] == 1:
            _outer_into(layer.W, dZ, below.dA, layer)
        else:
            np.matmul(layer.WT, dZ, out=below.dA)
        dZ = _hidden_dZ_into(below)


def _hidden_dZ_into(layer):
    """``dZ = dA * g'(Z)``, in ``dA``'s memory when the activation has an in-place kernel."""
    act = layer.act
    if layer.dZ_into is not None:
        return layer.dZ_into(layer.dA, layer.A)
    if act.output_derivative is not None:
        return layer.dA * act.output_derivative(layer.A)
    return act.backward(layer.dA, layer.Z)


# ----------------------------------------------------------------------------- the loop
def train(X, Y, parameters, acts, lss, learning_rate, num_iterations, *, print_cost=False,
          cost_every=100, progress=None, mini_batch_size=None, lambd=0.0, lambd_l1=0.0,
          seed=None, watch=None, start_iteration=0):
    """Gradient descent on checked inputs; the arithmetic of the reference loop.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``; Y : ndarray, ``(n_y, m)``, of the parameters' dtype
    parameters : dict
        Start weights (not modified).
    acts : list of Activation, one per layer; lss : Loss
    learning_rate : float; num_iterations : int
        Iterations, or epochs with ``mini_batch_size``.
    mini_batch_size : int or None
        Epoch ``k`` shuffles with ``epoch_seed(seed, k)`` and updates once per batch.
    lambd : float
        L2: the cost gets ``lambd/(2m) Σ‖W‖²``, every ``dW`` gets ``(lambd/m) W``.
    lambd_l1 : float
        L1: the cost gets ``lambd_l1/m Σ|W|``, every ``dW`` gets ``(lambd_l1/m) sign(W)``.
    watch : DivergenceWatch, optional
        Judges the costs (a new one when None); iteration ``i`` of this call is its
        ``start_iteration + i``.

    Returns
    -------
    parameters : dict (new arrays)
    costs : CostHistory
        The cost of every ``cost_every``-th iteration (epoch: the mean over its batches,
        each taken before its batch's update), and the cost of the returned weights.
    """
    bar = progress_bar(num_iterations, progress)
    if watch is None:
        watch = DivergenceWatch(parameters, learning_rate)
    watch.on_error = bar.close if bar is not None else None
    theta, parameters, dtheta, grads = _in_one_vector(parameters)
    weights = [(parameters[k], grads["d" + k]) for k in parameters if k[0] == "W"]
    canonical = (acts[-1].name, lss.name) in CANONICAL_PAIRS
    m = X.shape[1]
    buffers = {}  # batch width -> the layers' arrays for it (at most two widths)

    def layers_for(width):
        if width not in buffers:
            buffers[width] = [_Layer(parameters[f"W{l}"], parameters[f"b{l}"], grads[f"dW{l}"],
                                     grads[f"db{l}"], act, width) for l, act in enumerate(acts, 1)]
        return buffers[width]

    def batch_cost(X_b, Y_b, layers):
        AL = _forward_into(X_b, layers)
        cost = lss.cost(AL, Y_b)
        if lambd:
            cost += l2_cost([W for W, _ in weights], lambd, m)
        if lambd_l1:
            cost += l1_cost([W for W, _ in weights], lambd_l1, m)
        return AL, cost

    recorded, recorded_at = [], []
    unit = "iteration" if mini_batch_size is None else "epoch"
    # NaN/inf are detected from the cost and raised once, instead of numpy warning on every step.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"), \
            _threads_for(parameters, m if mini_batch_size is None else min(mini_batch_size, m)):
        for i in range(num_iterations):
            if mini_batch_size is None:
                batches = ((X, Y),)
            else:
                batches = random_mini_batches(X, Y, mini_batch_size, epoch_seed(seed, i))
            cost = 0.0
            for X_b, Y_b in batches:
                layers = layers_for(X_b.shape[1])
                AL, batch = batch_cost(X_b, Y_b, layers)
                cost = batch if mini_batch_size is None else cost + X_b.shape[1] / m * batch
                _backward_into(X_b, AL, Y_b, layers, lss, canonical)
                dtheta *= 1.0 / X_b.shape[1]  # dW = (1/m) dZ A_prev.T, db = (1/m) sum(dZ): all at once
                if lambd:
                    for W, dW in weights:
                        dW += (lambd / m) * W
                if lambd_l1:
                    for W, dW in weights:
                        dW += (lambd_l1 / m) * np.sign(W)
                dtheta *= learning_rate  # W -= lr * dW for every parameter, in dtheta's memory
                theta -= dtheta
            watch.check(start_iteration + i, cost, parameters)
            if i % cost_every == 0:
                recorded.append(cost)
                recorded_at.append(i)
                if print_cost:
                    print(f"Cost after {unit} {i}: {cost:.6f}")
            elif print_cost and i == num_iterations - 1:
                print(f"Cost after {unit} {i}: {cost:.6f}")
            if bar is not None and i % 100 == 0:
                bar.update(min(100, num_iterations - i))
        _, cost = batch_cost(X, Y, layers_for(m))  # the cost of the weights returned
        watch.check(start_iteration + num_iterations, cost, parameters)
    if bar is not None:
        bar.close()
    parameters = {k: v.copy() for k, v in parameters.items()}  # own arrays, not views of theta
    return parameters, CostHistory(recorded, recorded_at, cost, cost_every)
