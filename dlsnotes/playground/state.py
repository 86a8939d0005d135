"""The playground's state, without widgets: data, weights, training in chunks, diagnosis.

:class:`PlaygroundModel` is what the widgets in :mod:`dlsnotes.playground.widgets` drive,
and it can be used (and tested) on its own::

    model = PlaygroundModel(dataset="planar", hidden="tanh", n_units=4)
    model.run()                      # train settings.iterations iterations, in chunks
    model.update(hidden="relu")      # restart from the seed (or continue: on_change)
    model.formula_text()             # what dZ[L] is for the output/loss pair
    model.messages                   # explanations: impossible pairings, divergence, notes

Nothing here raises for a bad *combination* of choices: an impossible pairing (BCE on a
ReLU output, softmax over one unit, BCE on a regression target) puts the model in the
``"blocked"`` state with an explanation, and a diverging run (a NaN/inf cost, a cost far
above its start and still rising, or exploding weights) stops in the ``"diverged"``
state with the iteration and a hint. A setting that is not one of the offered choices or
outside its range raises ``ValueError``/``TypeError`` saying what is allowed.

Changes are transactional: a rejected :meth:`PlaygroundModel.update` leaves the settings,
the data, the weights and the history exactly as they were, so the model keeps working.
"""

from __future__ import annotations

import dataclasses
import functools
import numbers
import warnings
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .. import model as _model
from .._validation import (DivergenceError, PairingWarning, check_learning_rate, check_seed,
                           check_X)
from ..activations import get_activation
from ..datasets import TASKS, load_dataset, load_quadratic
from ..diagnostics import zero_gradient_report
from ..gradcheck import gradient_check
from ..losses import get_loss, pairing
from ..model import L_layer_model, L_model_forward, initialize_parameters_deep
from ..regularization import _penalty, check_lambd
from .features import (add_noise, check_features, check_noise, check_train_ratio, feature_map,
                       split_indices)
from .userdata import CustomData

__all__ = [
    "DATASET_LABELS",
    "HIDDEN_ACTIVATIONS",
    "OUTPUT_ACTIVATIONS",
    "LOSS_NAMES",
    "INIT_NAMES",
    "ON_CHANGE",
    "Settings",
    "PlaygroundData",
    "HistoryPoint",
    "Message",
    "UpdateResult",
    "PlaygroundModel",
    "prepare_data",
]

#: Data sets offered, with the label the dropdown shows.
DATASET_LABELS = {
    "planar": "planar flower",
    "noisy_circles": "noisy circles",
    "noisy_moons": "noisy moons",
    "blobs": "blobs",
    "gaussian_quantiles": "gaussian quantiles",
    "quadratic": "regression y = 3x² + 3x",
    "multiclass": "spiral, 3 classes",
    "custom": "your data (CSV)",
}
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "linear", "swish")
OUTPUT_ACTIVATIONS = ("sigmoid", "linear", "relu", "leaky_relu", "softmax")
LOSS_NAMES = ("bce", "mse", "cce")
INIT_NAMES = ("small", "he", "xavier")
ON_CHANGE = ("restart", "continue")
DTYPE_NAMES = ("float64", "float32")

#: A fixed split, so that changing the seed changes the weights and nothing else.
SPLIT_SEED = 0
TEST_FRACTION = 0.3
#: The gradient check runs on this many training examples: enough to exercise every
#: unit, few enough that it costs a few milliseconds per redraw.
GRADCHECK_EXAMPLES = 8

# Settings that define the data or the shape of the weights: changing one always
# starts again from the seed, whatever ``on_change`` says.
_RESTART_KEYS = frozenset({"dataset", "scale", "n_layers", "n_units", "init", "seed", "noise",
                           "train_ratio", "features"})

#: Largest values offered: beyond them a redraw (and a Play frame) would take seconds.
MAX_LAYERS = 10
MAX_UNITS = 256
MAX_ITERATIONS = 100_000
MAX_BATCH = 10_000


@dataclass(frozen=True)
class Settings:
    """Every choice the playground offers; the defaults are the course's planar network.

    Parameters
    ----------
    dataset : str
        One of :data:`DATASET_LABELS`.
    hidden : str
        Hidden activation, one of :data:`HIDDEN_ACTIVATIONS`.
    slope : float in [0, 1)
        Leaky ReLU's slope for ``z <= 0`` (hidden and output).
    output : str
        Output activation, one of :data:`OUTPUT_ACTIVATIONS`.
    loss : str
        One of :data:`LOSS_NAMES`.
    n_layers, n_units : int
        Hidden layers (1 to :data:`MAX_LAYERS`) and units per hidden layer (1 to
        :data:`MAX_UNITS`).
    learning_rate : float
        Positive and finite; a value that makes training diverge is allowed (the
        playground shows the divergence).
    iterations : int
        Iterations of one run (what a control change trains at once), at most
        :data:`MAX_ITERATIONS`.
    init : str
        ``"small"`` (``randn * 0.01``, the course), ``"he"`` or ``"xavier"``.
    seed : int in [0, 2**32 - 1]
        Seeds the initial weights.
    scale : bool
        Regression only: standardise ``x`` and divide ``y`` by its largest magnitude.
    on_change : {"restart", "continue"}
        What a change of activation, loss or learning rate does to the weights.
    chunk : int, optional
        Iterations per step (one frame of Play); default ``iterations // 20``.
    noise : int in [0, 100]
        Gaussian noise added to the data, in percent of each column's spread (inputs for
        classification, ``y`` for regression); drawn with a fixed seed.
    train_ratio : int in [10, 90]
        Percent of the examples used for training (a fixed shuffle); the rest is the test set.
    batch_size : int in [0, MAX_BATCH]
        0: full-batch gradient descent. Otherwise mini-batches of this many examples, and
        ``iterations`` and ``chunk`` count epochs.
    features : tuple of str, optional
        Input features from :data:`dlsnotes.playground.features.FEATURES` (``x1``, ``x2``,
        ``x1sq``, ``x2sq``, ``x1x2``, ``sin_x1``, ``sin_x2``); None: the raw inputs.
    lambd : float, >= 0
        L2 strength λ (cost ``+ λ/(2m) Σ‖W‖²``; the costs shown are without the penalty).
    dtype : {"float64", "float32"}
        Precision of training and drawing (``np.float32``/``np.float64`` are accepted and
        stored by name). float32 trains faster; the gradient check always runs in float64.
    """

    dataset: str = "planar"
    hidden: str = "tanh"
    slope: float = 0.01
    output: str = "sigmoid"
    loss: str = "bce"
    n_layers: int = 1
    n_units: int = 4
    learning_rate: float = 1.2
    iterations: int = 2000
    init: str = "small"
    seed: int = 1
    scale: bool = True
    on_change: str = "restart"
    chunk: int | None = None
    noise: int = 0
    train_ratio: int = 70
    batch_size: int = 0
    features: tuple | None = None
    lambd: float = 0.0
    dtype: str = "float64"

    def __post_init__(self):
        if self.dtype in (np.float64, np.float32) or isinstance(self.dtype, np.dtype):
            object.__setattr__(self, "dtype", np.dtype(self.dtype).name)  # np.float32 -> "float32"
        _check_choice("dtype", self.dtype, DTYPE_NAMES)
        object.__setattr__(self, "noise", check_noise(self.noise))
        object.__setattr__(self, "train_ratio", check_train_ratio(self.train_ratio))
        _check_int("batch_size", self.batch_size, 0, MAX_BATCH)
        object.__setattr__(self, "features", check_features(self.features))
        object.__setattr__(self, "lambd", check_lambd(self.lambd))
        _check_choice("dataset", self.dataset, DATASET_LABELS)
        _check_choice("hidden", self.hidden, HIDDEN_ACTIVATIONS)
        _check_choice("output", self.output, OUTPUT_ACTIVATIONS)
        _check_choice("loss", self.loss, LOSS_NAMES)
        _check_choice("init", self.init, INIT_NAMES)
        _check_choice("on_change", self.on_change, ON_CHANGE)
        _check_int("n_layers", self.n_layers, 1, MAX_LAYERS)
        _check_int("n_units", self.n_units, 1, MAX_UNITS)
        _check_int("iterations", self.iterations, 1, MAX_ITERATIONS)
        if self.seed is None:  # check_seed allows None (the global state): not here
            raise TypeError("seed must be an int in [0, 2**32 - 1]; got None. Use e.g. seed=1.")
        check_seed(self.seed)
        if self.chunk is not None:
            _check_int("chunk", self.chunk, 1, MAX_ITERATIONS)
        if not _is_real(self.slope) or not 0 <= self.slope < 1:
            raise ValueError(
                f"slope must be a number in [0, 1), Leaky ReLU's slope for z <= 0; got "
                f"{self.slope!r}. The course uses 0.01."
            )
        check_learning_rate(self.learning_rate)
        if not isinstance(self.scale, (bool, np.bool_)):
            raise TypeError(f"scale must be True or False; got {self.scale!r}.")
        # numpy scalars become Python ones, so settings compare equal to what a control shows.
        for name in ("n_layers", "n_units", "iterations", "seed", "chunk", "batch_size"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, int(value))
        for name in ("slope", "learning_rate"):
            object.__setattr__(self, name, float(getattr(self, name)))
        object.__setattr__(self, "scale", bool(self.scale))

    @property
    def steps_per_chunk(self) -> int:
        return self.chunk if self.chunk is not None else max(1, self.iterations // 20)

    def replace(self, **changes) -> "Settings":
        """A copy with ``changes``; unknown names raise ``TypeError`` listing the known ones."""
        unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            raise TypeError(
                f"Unknown playground setting(s) {unknown}. "
                f"Known settings: {[f.name for f in dataclasses.fields(self)]}."
            )
        return dataclasses.replace(self, **changes)


def _is_real(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _check_choice(name, value, choices):
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)}; got {value!r}.")


def _check_int(name, value, minimum, maximum):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        whole = _is_real(value) and float(value).is_integer()
        fix = f"Use {name}={int(value)}." if whole else "Pass a whole number."
        raise TypeError(
            f"{name} must be an integer from {minimum} to {maximum}; got {value!r} "
            f"({type(value).__name__}). {fix}"
        )
    if not minimum <= value <= maximum:
        raise ValueError(
            f"{name} must be an integer >= {minimum} and <= {maximum} (the playground's "
            f"range); got {value}. Pass {name}={min(max(value, minimum), maximum)} or a value "
            "in between."
        )


# --------------------------------------------------------------------------- data
class PlaygroundData(NamedTuple):
    """A data set split into train and test, in the units the network trains on.

    ``X_*`` have shape ``(n_x, m)``, ``Y_*`` shape ``(n_out, m)`` (one-hot when
    ``n_out > 1``). For regression with ``scale``, ``X`` is standardised with the training
    mean and standard deviation and ``Y`` divided by ``y_scale``; ``X_*_raw`` and
    ``Y_*_raw`` keep the original units, in which metrics are reported.
    """

    task: str
    X_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray
    X_train_raw: np.ndarray
    Y_train_raw: np.ndarray
    X_test_raw: np.ndarray
    Y_test_raw: np.ndarray
    x_mean: np.ndarray
    x_std: np.ndarray
    y_scale: float
    features: tuple | None = None

    @property
    def n_x(self) -> int:
        return self.X_train.shape[0]

    @property
    def n_inputs(self) -> int:
        """Rows of the raw inputs (before the features)."""
        return self.X_train_raw.shape[0]

    @property
    def n_out(self) -> int:
        return self.Y_train.shape[0]

    def to_model_units(self, X_raw):
        """Inputs in original units -> the units (and features) the network sees."""
        return feature_map((X_raw - self.x_mean) / self.x_std, self.features)


@functools.lru_cache(maxsize=None)
def _raw_dataset(name):
    # The regression set is the dense one: 200 points on [-2, 19] give a curve to fit and
    # include the few negative targets (x in (-1, 0)) a ReLU output cannot produce.
    X, Y = load_quadratic(kind="dense") if name == "quadratic" else load_dataset(name)
    X.setflags(write=False)
    Y.setflags(write=False)
    return X, Y


def _split(m):
    order = np.random.RandomState(SPLIT_SEED).permutation(m)
    n_test = int(round(TEST_FRACTION * m))
    return order[n_test:], order[:n_test]


def prepare_data(dataset="planar", scale=True, output="sigmoid", *, noise=0, train_ratio=70,
                 features=None, custom=None) -> PlaygroundData:
    """Load ``dataset``, add ``noise``, split it (70/30 by default) with a fixed seed and
    put it in training units (and ``features``).

    A binary data set with a softmax output gets two output units and one-hot ``Y``
    (row 0: class 0, row 1: class 1), so that softmax has something to normalise.
    ``dataset="custom"`` uses ``custom`` (a :class:`~dlsnotes.playground.userdata.CustomData`).

    Returns
    -------
    PlaygroundData
    """
    _check_choice("dataset", dataset, DATASET_LABELS)
    _check_choice("output", output, OUTPUT_ACTIVATIONS)
    if not isinstance(scale, (bool, np.bool_)):
        raise TypeError(f"scale must be True or False; got {scale!r}.")
    if dataset == "custom":
        if not isinstance(custom, CustomData):
            raise ValueError(
                "dataset='custom' needs your data, and none is loaded: upload a CSV file in the "
                "widget, or pass Playground(X=..., Y=...) or Playground(csv='path.csv')."
            )
        X, Y, task = custom.X, custom.Y, custom.task
    else:
        X, Y = _raw_dataset(dataset)
        task = TASKS[dataset]
    features = check_features(features, X.shape[0])
    X, Y = add_noise(X, Y, task, noise)
    if task == "binary" and output == "softmax":
        Y = np.vstack([1.0 - Y, Y])
    train, test = split_indices(X.shape[1], train_ratio)
    n_x = X.shape[0]
    x_mean, x_std, y_scale = np.zeros((n_x, 1)), np.ones((n_x, 1)), 1.0
    if task == "regression" and scale:
        x_mean = X[:, train].mean(axis=1, keepdims=True)
        x_std = X[:, train].std(axis=1, keepdims=True)
        # Divide only, no centring: the sign of y is kept, so a ReLU output still
        # faces exactly the targets it cannot reach (the negative ones).
        y_scale = float(np.abs(Y[:, train]).max())
    return PlaygroundData(
        task,
        feature_map((X[:, train] - x_mean) / x_std, features), Y[:, train] / y_scale,
        feature_map((X[:, test] - x_mean) / x_std, features), Y[:, test] / y_scale,
        X[:, train], Y[:, train], X[:, test], Y[:, test],
        x_mean, x_std, y_scale, features,
    )


# --------------------------------------------------------------------------- records
class HistoryPoint(NamedTuple):
    """Costs and metrics after ``iteration`` iterations (metrics in original units)."""

    iteration: int
    train_cost: float
    test_cost: float
    train_metric: float
    test_metric: float


class Message(NamedTuple):
    """An explanation shown to the learner.

    ``kind`` is ``"blocked"`` (the choice cannot train), ``"diverged"`` (training
    stopped) or ``"note"`` (it trains, but something is worth knowing).
    """

    kind: str
    title: str
    text: str


class UpdateResult(NamedTuple):
    """What :meth:`PlaygroundModel.update` did: ``action`` is ``"restart"``,
    ``"continue"`` or ``"none"``, ``reason`` says why in words."""

    action: str
    reason: str


def _call_text(changes) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in changes.items())


def _pair_label(output_act, loss):
    return f"{output_act.name} + {loss.name}"


# --------------------------------------------------------------------------- the model
class PlaygroundModel:
    """Data, weights and training history for one playground.

    Parameters
    ----------
    settings : Settings, optional
    **changes
        Settings to change from ``settings`` (or from the defaults).

    Attributes
    ----------
    settings : Settings
    data : PlaygroundData
    parameters : dict
        ``W{l}``, ``b{l}`` as in :func:`~dlsnotes.model.initialize_parameters_deep`.
    iteration : int
        Iterations trained since the last restart.
    history : list of HistoryPoint
        One point at the start and one after every chunk.
    markers : list of (int, str)
        Iterations at which settings changed while continuing from the current weights.
    status : {"ready", "blocked", "diverged"}
    """

    def __init__(self, settings: Settings | None = None, *, custom: CustomData | None = None,
                 **changes):
        if custom is not None and not isinstance(custom, CustomData):
            raise TypeError(
                f"custom must be a CustomData (from dlsnotes.playground.userdata); got "
                f"{type(custom).__name__}. Use Playground(X=..., Y=...) for arrays."
            )
        self.custom = custom
        if settings is not None and not isinstance(settings, Settings):
            raise TypeError(
                f"settings must be a Settings object (or None); got {type(settings).__name__}. "
                "Pass single settings as keywords instead, e.g. PlaygroundModel(hidden='relu')."
            )
        base = settings if settings is not None else Settings()
        self.settings = base.replace(**changes) if changes else base
        self._divergence = None
        self._reference = None
        self.last_update = UpdateResult("restart", f"started from seed {self.settings.seed}")
        self._load_data()
        self.restart()

    # ----------------------------------------------------------------- derived choices
    @property
    def task(self) -> str:
        return self.data.task

    @property
    def layer_dims(self) -> list:
        s = self.settings
        return [self.data.n_x] + [s.n_units] * s.n_layers + [self.data.n_out]

    @property
    def hidden_activation(self):
        return get_activation(self.settings.hidden, slope=self._slope_for(self.settings.hidden))

    @property
    def output_activation(self):
        return get_activation(self.settings.output, slope=self._slope_for(self.settings.output))

    def _slope_for(self, name):
        return float(self.settings.slope) if name == "leaky_relu" else None

    @property
    def loss(self):
        return get_loss(self.settings.loss)

    @property
    def pairing(self):
        """:func:`dlsnotes.losses.pairing` for the current output, loss and output size."""
        return pairing(self.output_activation, self.loss, self.data.n_out)

    @property
    def metric_name(self) -> str:
        return "R²" if self.task == "regression" else "accuracy"

    @property
    def status(self) -> str:
        if self._blocking_message() is not None:
            return "blocked"
        if self._divergence is not None:
            return "diverged"
        return "ready"

    # ----------------------------------------------------------------- state changes
    def _load_data(self):
        s = self.settings
        self.data = prepare_data(s.dataset, s.scale, s.output, noise=s.noise,
                                 train_ratio=s.train_ratio, features=s.features,
                                 custom=self.custom)

    def restart(self):
        """Initial weights from the seed, iteration 0, a fresh history."""
        s = self.settings
        self.parameters = initialize_parameters_deep(self.layer_dims, init=s.init, seed=s.seed,
                                                     dtype=s.dtype)
        self.iteration = 0
        self.markers = []
        self._divergence = None
        self.history = []
        self._record()
        self._set_reference()

    def reset(self):
        """Like the Reset button: back to the seed's initial weights."""
        self.restart()
        self.last_update = UpdateResult("restart", f"reset to the initial weights of seed {self.settings.seed}")
        return self.last_update

    def use_data(self, custom: CustomData, *, suggest: bool = True) -> UpdateResult:
        """Train on the learner's data (``dataset="custom"``) from the seed's weights.

        With ``suggest`` the output and loss switch to the pair that suits the data's kind
        (:data:`~dlsnotes.playground.userdata.SUGGESTED`: sigmoid + BCE for 0/1 labels,
        softmax + CCE for classes 0..K-1, linear + MSE for regression). All or nothing: if
        the data cannot be used, ``ValueError`` explains why and nothing changes.
        """
        from .userdata import SUGGESTED

        if not isinstance(custom, CustomData):
            raise TypeError(f"use_data needs a CustomData; got {type(custom).__name__}.")
        changes = {"dataset": "custom", **(SUGGESTED[custom.task] if suggest else {})}
        features = self.settings.features
        if features is not None and custom.X.shape[0] < 2:
            kept = tuple(f for f in features if f in ("x1", "x1sq", "sin_x1"))
            changes["features"] = kept or None
        state = self._snapshot()
        try:
            self.custom = custom
            self.settings = self.settings.replace(**changes)
            self._load_data()
            self.restart()
        except Exception as exc:
            self._restore(state)
            raise ValueError(f"Your data could not be used: {exc} Nothing changed.") from exc
        except BaseException:
            self._restore(state)
            raise
        m = custom.X.shape[1]
        self.last_update = UpdateResult(
            "restart", f"restarted from seed {self.settings.seed}: your data {custom.name!r} "
                       f"loaded ({m} examples, {custom.task})")
        return self.last_update

    # Everything an update or a training step may change; restored when one fails.
    _STATE = ("settings", "data", "parameters", "iteration", "markers", "history",
              "_divergence", "_reference", "last_update", "custom")

    def _snapshot(self) -> dict:
        state = {name: getattr(self, name) for name in self._STATE}
        state["parameters"] = {k: v.copy() for k, v in self.parameters.items()}
        state["markers"], state["history"] = list(self.markers), list(self.history)
        return state

    def _restore(self, state: dict):
        for name, value in state.items():
            setattr(self, name, value)

    def update(self, **changes) -> UpdateResult:
        """Change settings; restart from the seed or keep the weights (``on_change``).

        The data set, scaling, architecture, initialisation and seed define the data or
        the weights, so changing them always restarts. An output change that changes the
        number of output units (softmax on a two-class set) restarts too.

        The update is all or nothing: when a value is refused (``ValueError`` /
        ``TypeError`` saying what is allowed) or applying it fails, the settings, weights
        and history stay exactly as they were.

        Returns
        -------
        UpdateResult
        """
        old = self.settings
        new = old.replace(**changes)  # validates every value before anything changes
        changed = {k for k in changes if getattr(old, k) != getattr(new, k)}
        if not changed:
            return UpdateResult("none", "nothing changed")
        state = self._snapshot()
        try:
            self.settings = new
            self.last_update = self._apply_update(old, new, changed)
        except Exception as exc:
            self._restore(state)
            raise ValueError(
                f"update({_call_text(changes)}) was refused: {type(exc).__name__}: {exc} "
                "Nothing changed: the settings and the weights are as before."
            ) from exc
        except BaseException:  # e.g. KeyboardInterrupt during a restart: undo, then stop
            self._restore(state)
            raise
        return self.last_update

    def _apply_update(self, old, new, changed) -> UpdateResult:
        if changed <= {"on_change", "chunk"}:
            return UpdateResult("none", f"{', '.join(sorted(changed))} set")
        old_n_out = self.data.n_out
        if changed & {"dataset", "scale", "output", "noise", "train_ratio", "features"}:
            self._load_data()
        forced = sorted(changed & _RESTART_KEYS)
        if not forced and self.data.n_out != old_n_out:
            forced = ["output size"]
        names = ", ".join(sorted(changed - {"on_change", "chunk"}))
        if forced or new.on_change == "restart":
            self.restart()
            why = f"{names} changed"
            if forced and new.on_change == "continue":
                why += f" ({', '.join(forced)} needs new weights, so no continuing)"
            return UpdateResult("restart", f"restarted from seed {new.seed}: {why}")
        self._divergence = None
        self.markers.append((self.iteration, names))
        if self.history and self.history[-1].iteration == self.iteration:
            # Judge divergence from here on: the new learning rate starts from these weights.
            self._set_reference()
        return UpdateResult(
            "continue", f"continued from the current weights at iteration {self.iteration}: {names} changed")

    # ----------------------------------------------------------------- training
    def step(self, iterations: int | None = None) -> int:
        """Train one chunk (``settings.steps_per_chunk`` iterations, or ``iterations``).

        Returns
        -------
        int
            Iterations actually trained: 0 when blocked or diverged.
        """
        if iterations is None:
            n = self.settings.steps_per_chunk
        else:
            _check_int("iterations", iterations, 0, MAX_ITERATIONS)
            n = int(iterations)
        if n <= 0 or self.status != "ready":
            return 0
        state = self._snapshot()
        try:
            return self._train_chunk(n)
        except BaseException:
            self._restore(state)  # a failed step leaves the model as it was
            raise

    def _train_chunk(self, n) -> int:
        s = self.settings
        try:
            with warnings.catch_warnings():
                # Impossible pairs never reach this point (they block); the warning for
                # poor ones is shown as a note instead.
                warnings.simplefilter("ignore", PairingWarning)
                parameters, _ = L_layer_model(
                    self.data.X_train, self.data.Y_train, self.layer_dims,
                    hidden=self.hidden_activation, output=self.output_activation, loss=self.loss,
                    learning_rate=float(s.learning_rate), num_iterations=n, init=s.init,
                    # With mini-batches the seed also shuffles: epoch k of this chunk uses
                    # seed + iteration + 1 + k, so chunks repeat one long run exactly.
                    seed=(s.seed + self.iteration) % 2**32, parameters=self.parameters,
                    cost_every=n, progress=False, mini_batch_size=s.batch_size or None,
                    lambd=s.lambd, dtype=s.dtype,
                )
        except DivergenceError as err:
            at = self.iteration + err.iteration
            self._diverge(at, self._divergence_detail(err, at))
            return 0
        self.parameters = parameters
        self.iteration += n
        point = self._record()
        if not np.isfinite([point.train_cost, point.test_cost]).all():
            self._diverge(self.iteration, f"The cost became {point.train_cost:g} (train) / "
                          f"{point.test_cost:g} (test) after iteration {self.iteration}.")
        else:
            self._check_explosion()
        return n

    def _divergence_detail(self, err, at) -> str:
        reason = getattr(err, "reason", "nan")
        if reason == "rising":
            costs = getattr(err, "costs", [])
            start = f"{costs[0]:.3g}" if costs else "its start"
            return f"The cost rose from {start} to {err.cost:.3g} and kept rising (iteration {at})."
        if reason == "weights":
            return (f"The weights exploded: the largest |W| reached {err.max_weight:.3g} at "
                    f"iteration {at}.")
        last = "none" if err.last_finite_cost is None else f"{err.last_finite_cost:.3g}"
        return (f"The cost stopped being a finite number at iteration {at} (last finite "
                f"cost: {last}).")

    def _set_reference(self):
        """Cost and largest weight that later chunks are compared with (divergence)."""
        point = self.latest
        if point is None:
            self._reference = None
            return
        self._reference = (point.train_cost, self._max_weight(), len(self.history) - 1)

    def _max_weight(self) -> float:
        return max(float(np.abs(v).max()) for k, v in self.parameters.items() if k[0] == "W")

    def _check_explosion(self):
        """The training loop's divergence rule, applied across chunks.

        A chunk is judged against its own start, so a cost that rises a little in every
        chunk, or weights that grow tenfold per chunk, would never stop a long run. Here
        the reference is the start of the run (or the last change while continuing):
        the same factors as :func:`dlsnotes.model.L_layer_model` uses within one call.
        """
        if self._reference is None:
            return
        start_cost, start_weight, first = self._reference
        weight = self._max_weight()
        if weight > max(_model.WEIGHT_LIMIT, _model.WEIGHT_GROWTH * start_weight):
            self._diverge(self.iteration, f"The weights exploded: the largest |W| reached "
                          f"{weight:.3g} (it started at {start_weight:.3g}).")
            return
        costs = [p.train_cost for p in self.history[first:]]
        now = costs[-1]
        recent = costs[-1 - _model.RISE_STREAK:]
        if (len(recent) == _model.RISE_STREAK + 1
                and now > _model.RISE_FACTOR * start_cost and now > start_cost + _model.RISE_MIN
                and all(a < b for a, b in zip(recent, recent[1:]))):
            self._diverge(self.iteration, f"The cost rose from {start_cost:.3g} to {now:.3g} and "
                          f"kept rising for {_model.RISE_STREAK} chunks in a row.")

    def run(self, iterations: int | None = None) -> int:
        """Train ``iterations`` (default ``settings.iterations``) in chunks, recording each.

        Stops early when training diverges. Returns the iterations trained.
        """
        if iterations is None:
            total = self.settings.iterations
        else:
            _check_int("iterations", iterations, 0, MAX_ITERATIONS)
            total = int(iterations)
        done = 0
        while done < total:
            trained = self.step(min(self.settings.steps_per_chunk, total - done))
            if trained == 0:
                break
            done += trained
        return done

    def _diverge(self, iteration, detail):
        self._divergence = (iteration, detail)

    # ----------------------------------------------------------------- evaluation
    def forward(self, X_raw):
        """``A[L]`` for inputs in original units; regression outputs in original units.

        Parameters
        ----------
        X_raw : ndarray, ``(n_x, k)``

        Returns
        -------
        ndarray, ``(n_out, k)``
        """
        X_raw = check_X(X_raw, self.data.n_inputs)  # before the scaling could broadcast it
        with np.errstate(all="ignore"):
            AL, _ = L_model_forward(self.data.to_model_units(X_raw), self.parameters,
                                    hidden=self.hidden_activation, output=self.output_activation,
                                    dtype=self.settings.dtype)
            return AL * self.data.y_scale if self.task == "regression" else AL

    def predict_labels(self, X_raw):
        """Class labels ``(k,)`` (``A > 0.5`` for one output unit, else ``argmax``)."""
        AL = self.forward(X_raw)
        return (AL[0] > 0.5).astype(int) if AL.shape[0] == 1 else AL.argmax(axis=0)

    def _labels(self, Y):
        return Y[0].astype(int) if Y.shape[0] == 1 else Y.argmax(axis=0)

    def _evaluate(self, X_raw, Y_raw, Y_model):
        AL = self.forward(X_raw)
        with np.errstate(all="ignore"):
            if self.task == "regression":
                # Cost in original units: J = (1/2m) sum (y_hat - y)^2 for MSE.
                cost = self.loss.cost(AL, Y_raw)
                residual = np.sum((AL - Y_raw) ** 2)
                metric = 1.0 - residual / np.sum((Y_raw - Y_raw.mean()) ** 2)
            else:
                cost = self.loss.cost(AL, Y_model)
                predicted = (AL[0] > 0.5).astype(int) if AL.shape[0] == 1 else AL.argmax(axis=0)
                metric = np.mean(predicted == self._labels(Y_model))
        return float(cost), float(metric)

    def _record(self) -> HistoryPoint | None:
        if self._blocking_message() is not None:
            return None
        d = self.data
        train_cost, train_metric = self._evaluate(d.X_train_raw, d.Y_train_raw, d.Y_train)
        test_cost, test_metric = self._evaluate(d.X_test_raw, d.Y_test_raw, d.Y_test)
        point = HistoryPoint(self.iteration, train_cost, test_cost, train_metric, test_metric)
        self.history.append(point)
        return point

    @property
    def latest(self) -> HistoryPoint | None:
        """The last history point, or None when nothing could be evaluated."""
        return self.history[-1] if self.history else None

    # ----------------------------------------------------------------- explanations
    def _blocking_message(self) -> Message | None:
        act, lss = self.output_activation, self.loss
        label = _pair_label(act, lss)
        if self.task == "regression" and lss.name in ("bce", "cce"):
            y = np.concatenate([self.data.Y_train_raw, self.data.Y_test_raw], axis=1)
            return Message(
                "blocked", f"{lss.name.upper()} cannot fit a regression target",
                f"{lss.name.upper()} is a classification loss: it takes log(a) of a "
                f"probability and needs labels 0/1{' (one-hot)' if lss.name == 'cce' else ''}, "
                f"but the targets take values from {y.min():.3g} to {y.max():.4g}. "
                "Choose loss MSE with a linear output.",
            )
        problem = self.pairing.problem
        if problem:
            return Message("blocked", f"{label} cannot train", problem)
        return None

    def _notes(self) -> list:
        act, lss, task = self.output_activation, self.loss, self.task
        notes = []
        if self._blocking_message() is not None:
            return notes
        info = self.pairing
        if not info.cancels:
            why = {
                "sigmoid": "σ′(z) = a(1 − a) is at most ¼ and vanishes when the output "
                           "saturates, so a confidently wrong example learns slowly.",
                "relu": "examples with Z[L] ≤ 0 output exactly 0 and send back no gradient: "
                        "they are stuck at 0.",
                "softmax": "the softmax Jacobian multiplies dA[L]; it trains, but the "
                           "gradient is not the plain A[L] − Y.",
            }.get(act.name, "")
            if act.name.startswith("leaky_relu"):
                why = (f"for Z[L] ≤ 0 the gradient is multiplied by the slope "
                       f"{self.settings.slope:g}, so negative outputs learn slowly.")
            notes.append(Message("note", f"f′(z) does not cancel for {_pair_label(act, lss)}",
                                 f"dZ[L] keeps the factor g′(Z[L]): {why}".rstrip(": ")))
        if task == "regression":
            y = self.data.Y_train
            if act.name == "sigmoid":
                notes.append(Message(
                    "note", "A sigmoid output cannot reach these targets",
                    f"a sigmoid output lies in (0, 1), but the targets the network sees "
                    f"run from {y.min():.3g} to {y.max():.3g}."))
            if act.name == "relu" and (y < 0).any():
                notes.append(Message(
                    "note", "A ReLU output cannot be negative",
                    f"{int((y < 0).sum())} training target(s) are negative; a ReLU output "
                    "can only reach 0 there."))
            if not self.settings.scale:
                notes.append(Message(
                    "note", "Inputs and targets are not scaled",
                    f"y reaches {np.abs(self.data.Y_train).max():.4g}, so the first gradients "
                    "are huge: expect divergence unless the learning rate is tiny. Tick "
                    "'scale x, y' to standardise x and divide y by its largest magnitude."))
        if task == "binary" and act.name == "softmax":
            notes.append(Message(
                "note", "Softmax on two classes",
                "the output layer has 2 units and Y is one-hot (row 0: class 0, row 1: "
                "class 1); with sigmoid the same problem needs 1 unit."))
        s = self.settings
        if s.batch_size:
            m = self.data.X_train.shape[1]
            per_epoch = -(-m // s.batch_size)
            notes.append(Message(
                "note", "Mini-batch gradient descent",
                f"{per_epoch} update(s) per epoch (batches of {min(s.batch_size, m)} of the {m} "
                f"training examples, reshuffled every epoch); 'Iterations' counts epochs, so a "
                f"run is {per_epoch * s.iterations:,} updates."))
        if s.lambd:
            with np.errstate(all="ignore"):  # exploded weights: an inf penalty, no warning
                penalty = _penalty(self.parameters, s.lambd, self.data.X_train.shape[1])
            notes.append(Message(
                "note", "L2 regularisation",
                f"training minimises J + λ/(2m) Σ‖W‖² with λ = {s.lambd:g}; the costs plotted are "
                f"J alone (the penalty is {penalty:.3g} now), and every dW gets + (λ/m) W."))
        if self.settings.hidden == "linear":
            notes.append(Message(
                "note", "Linear hidden units",
                "a stack of linear layers is one linear map, so the boundary is a straight "
                "line (the fit a straight line) however many units there are."))
        return notes

    def _divergence_message(self) -> Message | None:
        if self._divergence is None:
            return None
        iteration, detail = self._divergence
        if self.task == "regression" and not self.settings.scale:
            hint = ("Tick 'scale x, y': unscaled targets up to "
                    f"{np.abs(self.data.Y_train).max():.4g} make the first steps overshoot.")
        else:
            hint = f"Lower the learning rate (try {self.settings.learning_rate / 10:.3g})."
        return Message("diverged", f"Training diverged at iteration {iteration}",
                       f"{detail} Training stopped. Hint: {hint}")

    @property
    def messages(self) -> list:
        """Explanations to show, the most important first: a blocking problem or the
        divergence, then notes."""
        first = [m for m in (self._blocking_message(), self._divergence_message()) if m]
        return first + self._notes()

    def formula_latex(self) -> str:
        r"""``dZ^{[L]} = ...`` for the current output and loss, as display LaTeX."""
        info = self.pairing
        if info.cancels:
            general = r"\frac{\partial L}{\partial A^{[L]}} \odot g'(Z^{[L]})"
            if info.output == "softmax":
                general = r"J_{\mathrm{softmax}}^{\top}\, dA^{[L]}"
            return rf"dZ^{{[L]}} = {general} = {info.dZL_latex}"
        return rf"dZ^{{[L]}} = {info.dZL_latex}"

    def formula_text(self) -> str:
        """One line in words: the pair, whether ``f'(z)`` cancels, and ``dZ[L]``."""
        info = self.pairing
        if info.cancels:
            verdict = "f'(z) cancels: dZ[L] = A[L] - Y"
        elif info.output == "softmax":
            verdict = "f'(z) does not cancel: dZ[L] = softmax Jacobian^T times dA[L]"
        else:
            verdict = "f'(z) does not cancel: dZ[L] = dA[L] * g'(Z[L])"
        text = f"{info.output} + {info.loss}: {verdict}"
        return text + (" (cannot train here)" if self.status == "blocked" else "")

    # ----------------------------------------------------------------- diagnosis
    def zero_gradients(self):
        """:func:`~dlsnotes.diagnostics.zero_gradient_report` on the training set."""
        with np.errstate(all="ignore"):
            return zero_gradient_report(self.data.X_train, self.parameters,
                                        self.hidden_activation, self.output_activation)

    def gradient_check(self):
        """Gradient check of the current weights on the first few training examples.

        Returns
        -------
        GradCheckReport or None
            None when the pairing cannot train (its cost is not defined).
        """
        if self._blocking_message() is not None:
            return None
        k = GRADCHECK_EXAMPLES
        with np.errstate(all="ignore"):
            return gradient_check(self.parameters, self.data.X_train[:, :k],
                                  self.data.Y_train[:, :k], self.hidden_activation,
                                  self.output_activation, self.loss, lambd=self.settings.lambd)

    def summary(self) -> str:
        """One line: iteration and the latest costs and metrics."""
        p = self.latest
        if p is None:
            return f"iteration {self.iteration}: not trained ({self.status})"
        def fmt(v):
            if self.metric_name == "accuracy":
                return f"{v:.1%}"
            return f"{v:.3f}" if abs(v) < 1e3 else f"{v:.3g}"
        return (f"iteration {p.iteration}: train cost {p.train_cost:.4g}, test cost "
                f"{p.test_cost:.4g}, train {self.metric_name} {fmt(p.train_metric)}, "
                f"test {self.metric_name} {fmt(p.test_metric)}")
