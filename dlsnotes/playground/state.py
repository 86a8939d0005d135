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
outside its range (:data:`RANGES`, the one definition the setting text, ``Playground.set``
and the widgets' controls share) raises ``ValueError``/``TypeError`` saying what is allowed.

Choosing data of another kind through :meth:`PlaygroundModel.update` (the regression set
after a classification set, an upload) also chooses an output, loss and learning rate that
train on it (:meth:`PlaygroundModel.suggestions`); the gradient check is judged with a
threshold right for the network (:meth:`PlaygroundModel.gradient_check`).

Changes are transactional: a rejected :meth:`PlaygroundModel.update` leaves the settings,
the data, the weights and the history exactly as they were, so the model keeps working.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .._engine import DivergenceWatch, train
from .._validation import (DivergenceError, check_lambd, check_learning_rate, check_seed,
                           check_X)
from ..activations import activation_names, get_activation
from ..datasets import TASKS, load_dataset, load_quadratic
from ..diagnostics import zero_gradient_report
from ..gradcheck import gradient_check
from ..losses import get_loss, loss_names, pairing
from ..model import L_model_forward, initialize_parameters_deep, layer_activations
from ..regularization import l1_penalty, l2_penalty
from .features import (add_noise, check_features, check_noise, check_train_ratio, feature_map,
                       split_indices)
from .userdata import SUGGESTED, CustomData

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
    "GradientCheckVerdict",
    "RANGES",
    "control_range",
    "control_value",
    "units_text",
    "prepare_data",
]

#: Data sets offered, with the label the dropdown shows.
DATASET_LABELS = {
    "planar": "planar flower",
    "noisy_circles": "noisy circles",
    "noisy_moons": "noisy moons",
    "blobs": "blobs",
    "gaussian_quantiles": "gaussian quantiles",
    "xor": "XOR (four quadrants)",
    "quadratic": "regression y = 3x² + 3x",
    "multiclass": "spiral, 3 classes",
    "custom": "your data (CSV)",
}


class _Menu(Sequence):
    """The names a menu offers, read from a registry at every use: an activation or loss
    registered later (``register_activation``) is offered too."""

    def __init__(self, names):
        self._names = names

    def __getitem__(self, index):
        return self._names()[index]

    def __len__(self):
        return len(self._names())

    def __eq__(self, other):
        return tuple(self) == tuple(other) if isinstance(other, Sequence) else NotImplemented

    def __hash__(self):
        return hash(tuple(self))

    def __repr__(self):
        return repr(self._names())


#: Hidden and output activations offered (``Activation.roles``) and losses, in registry order.
HIDDEN_ACTIVATIONS = _Menu(lambda: activation_names("hidden"))
OUTPUT_ACTIVATIONS = _Menu(lambda: activation_names("output"))
LOSS_NAMES = _Menu(loss_names)
INIT_NAMES = ("small", "he", "xavier")
ON_CHANGE = ("restart", "continue")
DTYPE_NAMES = ("float64", "float32")

#: The gradient check runs on this many training examples: enough to exercise every
#: unit, few enough that it costs a few milliseconds per redraw.
GRADCHECK_EXAMPLES = 8

# Settings that define the data or the shape of the weights: changing one always
# starts again from the seed, whatever ``on_change`` says.
_RESTART_KEYS = frozenset({"dataset", "scale", "n_layers", "n_units", "init", "seed", "noise",
                           "train_ratio", "features"})

#: The range of every numeric setting, ``name: (smallest, largest)``: the one definition that
#: :class:`Settings` (so the setting text and ``Playground.set``) checks and that the widgets'
#: sliders and boxes use as their limits, so a control never clips a value the playground
#: accepts, and a value beyond it is refused everywhere with the same message. The largest
#: values keep a redraw (and a Play frame) under a few seconds.
RANGES = {
    "n_layers": (0, 10),          # 0: no hidden layer, logistic/linear regression
    "n_units": (1, 64),           # per hidden layer
    "learning_rate": (1e-6, 1e3),  # unscaled regression needs 1e-5; 1e3 shows a divergence
    "iterations": (10, 20_000),
    "batch_size": (0, 10_000),    # 0: the whole training set
    "noise": (0, 100),
    "train_ratio": (10, 90),
    "slope": (0.0, 0.99),
    "seed": (0, 2**32 - 1),
    "chunk": (1, 20_000),
    "lambd": (0.0, 100.0),
    "lambd_l1": (0.0, 100.0),
}
MAX_LAYERS = RANGES["n_layers"][1]
MAX_UNITS = RANGES["n_units"][1]
MAX_ITERATIONS = RANGES["iterations"][1]
MAX_BATCH = RANGES["batch_size"][1]


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
    n_layers : int
        Hidden layers, 0 to :data:`MAX_LAYERS`; 0 is logistic (or linear) regression:
        the inputs feed the output unit(s) directly.
    n_units : int or tuple of int
        Units of every hidden layer (1 to :data:`MAX_UNITS`), or one count per hidden
        layer, e.g. ``(4, 2)`` with ``n_layers=2`` (the text ``units=4,2``). Equal counts
        are stored as one int. Changing ``n_layers`` alone keeps the counts given and
        repeats the last one for added layers.
    learning_rate : float
        In :data:`RANGES` (1e-6 to 1000); a value that makes training diverge is allowed
        (the playground shows the divergence).
    iterations : int
        Iterations of one run (what a control change trains at once), in :data:`RANGES`.
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
    lambd_l1 : float, >= 0
        L1 strength λ₁ (cost ``+ λ₁/m Σ|W|``), TensorFlow Playground's other regulariser.
    dtype : {"float64", "float32"}
        Precision of training and drawing (``np.float32``/``np.float64`` are accepted and
        stored by name). float32 trains faster; the gradient check always runs in float64.
    discretize : bool
        Show the class regions as the predicted class (0/1) instead of shaded by the
        probability (TensorFlow Playground's "discretize output"). Drawing only.

    Every numeric setting must lie in :data:`RANGES`; a value outside raises ``ValueError``
    naming the range.
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
    lambd_l1: float = 0.0
    dtype: str = "float64"
    discretize: bool = False

    def __post_init__(self):
        if self.dtype in (np.float64, np.float32) or isinstance(self.dtype, np.dtype):
            object.__setattr__(self, "dtype", np.dtype(self.dtype).name)  # np.float32 -> "float32"
        _check_choice("dtype", self.dtype, DTYPE_NAMES)
        object.__setattr__(self, "noise", check_noise(self.noise))
        object.__setattr__(self, "train_ratio", check_train_ratio(self.train_ratio))
        _check_int("batch_size", self.batch_size, *RANGES["batch_size"])
        object.__setattr__(self, "features", check_features(self.features))
        object.__setattr__(self, "lambd", _check_real("lambd", check_lambd(self.lambd)))
        object.__setattr__(self, "lambd_l1", _check_real("lambd_l1",
                                                         check_lambd(self.lambd_l1, "lambd_l1")))
        _check_choice("dataset", self.dataset, DATASET_LABELS)
        _check_choice("hidden", self.hidden, HIDDEN_ACTIVATIONS)
        _check_choice("output", self.output, OUTPUT_ACTIVATIONS)
        _check_choice("loss", self.loss, LOSS_NAMES)
        _check_choice("init", self.init, INIT_NAMES)
        _check_choice("on_change", self.on_change, ON_CHANGE)
        _check_int("n_layers", self.n_layers, *RANGES["n_layers"])
        object.__setattr__(self, "n_units", _check_units(self.n_units, self.n_layers))
        _check_int("iterations", self.iterations, *RANGES["iterations"])
        if self.seed is None:  # check_seed allows None (the global state): not here
            raise TypeError("seed must be an int in [0, 2**32 - 1]; got None. Use e.g. seed=1.")
        check_seed(self.seed)
        if self.chunk is not None:
            _check_int("chunk", self.chunk, *RANGES["chunk"])
        if not _is_real(self.slope) or not 0 <= self.slope <= RANGES["slope"][1]:
            low, high = RANGES["slope"]
            raise ValueError(
                f"The Leaky ReLU slope (slope) must be a number from {low:g} to {high:g}; got "
                f"{self.slope!r}. The course uses 0.01."
            )
        _check_real("learning_rate", check_learning_rate(self.learning_rate))
        for name in ("scale", "discretize"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise TypeError(f"{name} must be True or False; got {getattr(self, name)!r}.")
        # numpy scalars become Python ones, so settings compare equal to what a control shows.
        for name in ("n_layers", "iterations", "seed", "chunk", "batch_size"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, int(value))
        for name in ("slope", "learning_rate"):
            object.__setattr__(self, name, float(getattr(self, name)))
        object.__setattr__(self, "scale", bool(self.scale))
        object.__setattr__(self, "discretize", bool(self.discretize))

    @property
    def steps_per_chunk(self) -> int:
        return self.chunk if self.chunk is not None else max(1, self.iterations // 20)

    @property
    def hidden_units(self) -> tuple:
        """Units of each hidden layer, ``(n_1, ..., n_{L-1})``; ``()`` without hidden layers."""
        if isinstance(self.n_units, tuple):
            return self.n_units if self.n_layers else ()
        return (self.n_units,) * self.n_layers

    @property
    def step_name(self) -> str:
        """What ``iterations`` counts: ``"epoch"`` with mini-batches, else ``"iteration"``."""
        return "epoch" if self.batch_size else "iteration"

    def shape_text(self) -> str:
        """The hidden layers in short: ``"1×4"``, ``"4,2"`` (per layer), ``"no hidden layer"``."""
        units = self.hidden_units
        if not units:
            return "no hidden layer"
        if len(set(units)) == 1:
            return f"{len(units)}×{units[0]}"
        return ",".join(map(str, units))

    def network_text(self) -> str:
        """The hidden layers in words: ``"2 hidden layers of 4, 2 tanh units"``."""
        units = self.hidden_units
        if not units:
            return "no hidden layer"
        counts = f"{units[0]}" if len(set(units)) == 1 else ", ".join(map(str, units))
        layers = "1 hidden layer" if len(units) == 1 else f"{len(units)} hidden layers"
        return f"{layers} of {counts} {self.hidden} units"

    def replace(self, **changes) -> "Settings":
        """A copy with ``changes``; unknown names raise ``TypeError`` listing the known ones.

        Changing ``n_layers`` alone when ``n_units`` lists one count per layer keeps those
        counts (cut, or the last repeated), so the units slider and the layers slider
        can be used one after the other.
        """
        unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            raise TypeError(
                f"Unknown playground setting(s) {unknown}. "
                f"Known settings: {[f.name for f in dataclasses.fields(self)]}."
            )
        layers = changes.get("n_layers")
        if ("n_units" not in changes and isinstance(self.n_units, tuple)
                and isinstance(layers, numbers.Integral) and not isinstance(layers, bool)
                and 0 < layers <= MAX_LAYERS):
            units = self.n_units
            changes = {**changes, "n_units": (units + units[-1:] * layers)[:layers]}
        return dataclasses.replace(self, **changes)


#: What each setting is called next to its control, for messages a learner reads.
SETTING_LABELS = {
    "n_layers": "Hidden layers", "n_units": "Units per layer", "learning_rate": "Learning rate",
    "iterations": "Iterations", "batch_size": "Batch size", "noise": "Noise (%)",
    "train_ratio": "Train share (%)", "slope": "Leaky slope", "seed": "Seed",
    "chunk": "Iterations per step", "lambd": "L2 strength λ", "lambd_l1": "L1 strength λ₁",
}


def _check_real(name, value):
    low, high = RANGES[name]
    if not low <= value <= high:
        raise ValueError(
            f"{SETTING_LABELS[name]} ({name}) must be from {low:g} to {high:g}; got {value:g}. "
            f"Choose a value in that range."
        )
    return value


def _check_units(units, n_layers):
    """``n_units`` as an int (all hidden layers) or a tuple with one count per hidden layer."""
    if isinstance(units, (list, tuple, np.ndarray)):
        counts = tuple(units)
        for count in counts:
            _check_int("n_units", count, *RANGES["n_units"])
        counts = tuple(int(c) for c in counts)
        if not counts:
            raise ValueError("n_units must give at least one count; got none. Use e.g. n_units=4.")
        if n_layers and len(counts) != n_layers:
            raise ValueError(
                f"Units per layer lists {len(counts)} count(s) ({', '.join(map(str, counts))}) but "
                f"there are {n_layers} hidden layer(s): give one count per hidden layer (e.g. "
                f"units={','.join(map(str, (counts + counts[-1:] * n_layers)[:n_layers]))}) or "
                "one number for all of them."
            )
        if len(set(counts)) == 1:
            return counts[0]  # one text, one setting: (4, 4) is 4
        return counts
    _check_int("n_units", units, *RANGES["n_units"])
    return int(units)


def control_value(settings: Settings, name: str):
    """The value the control of setting ``name`` shows.

    The units slider sets every hidden layer; for counts given per layer (``units=4,2``) it
    shows the first layer's, and moving it makes them all equal again.
    """
    value = getattr(settings, name)
    if name == "n_units" and isinstance(value, tuple):
        return value[0]
    return value


def units_text(settings: Settings) -> str:
    """The hidden layers' unit counts as the "units by layer" box shows them (``"4,2"``)."""
    units = settings.n_units
    counts = units if isinstance(units, tuple) else (units,) * settings.n_layers
    return ",".join(str(n) for n in counts)


def control_range(name: str) -> tuple:
    """``(min, max)`` of the control of ``name``, from :data:`RANGES`: what a slider or box
    must accept so that it never clips a value the playground accepts. The learning rate's
    log slider takes decades (``log10``)."""
    low, high = RANGES[name]
    if name == "learning_rate":
        return int(np.floor(np.log10(low))), int(np.ceil(np.log10(high)))
    return low, high


def _is_real(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _check_choice(name, value, choices):
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)}; got {value!r}.")


def _check_int(name, value, minimum, maximum):
    label = f"{SETTING_LABELS[name]} ({name})" if name in SETTING_LABELS else name
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        whole = _is_real(value) and float(value).is_integer()
        fix = f"Use {name}={int(value)}." if whole else "Pass a whole number."
        raise TypeError(
            f"{label} must be a whole number from {minimum} to {maximum}; got {value!r} "
            f"({type(value).__name__}). {fix}"
        )
    if not minimum <= value <= maximum:
        raise ValueError(
            f"{label} must be a whole number from {minimum} to {maximum}; got {value}. "
            f"Choose {min(max(value, minimum), maximum)} or a value in between."
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
                "'your data' needs a file of yours, and none is loaded yet: upload a CSV file "
                "first (3 columns x1, x2, label, or 2 columns x, y)."
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


def _pair_label(output_act, loss):
    return f"{output_act.name} + {loss.name}"


# --------------------------------------------------------------------------- gradient check
#: Steps ε of the central differences, tried in this order until one passes.
GRADCHECK_STEPS = (1e-6, 1e-5, 1e-4)
#: The course's threshold: it holds for a smooth float64 network whose gradients are not tiny.
GRADCHECK_THRESHOLD = 1e-7
#: When the difference shrinks as ε grows (rounding, not a bug), the smallest one passes below
#: this. A bug in backward propagation gives 1e-3 to 1 and does not depend on ε.
ROUNDING_THRESHOLD = 1e-5
#: A kinked unit this close to its kink (``|z|``) may be crossed by a step ε = 1e-6 of a
#: parameter upstream (its change in ``z`` is ε times an input or an activation, more
#: through several layers); larger steps need 100 ε of room.
KINK_MARGIN = 1e-4


def _has_kink(act) -> bool:
    """Whether ``g'`` jumps at ``z = 0`` (ReLU, Leaky ReLU): compared just left and right."""
    if not act.elementwise:
        return False
    z = np.array([[-1e-9, 1e-9]])
    left, right = np.asarray(act.derivative(z), dtype=np.float64).ravel()
    return abs(right - left) > 1e-6


class GradientCheckVerdict(NamedTuple):
    """A gradient check with the playground's judgement (:meth:`PlaygroundModel.gradient_check`).

    ``verdict`` is ``"passed"``, ``"failed"`` or ``"inconclusive"``; ``reason`` says why in
    words, with the threshold used; ``report`` is the
    :class:`~dlsnotes.gradcheck.GradCheckReport` at ε = 1e-6 (per parameter);
    ``differences`` maps each step ε tried to its relative difference.
    """

    report: object
    differences: dict
    threshold: float
    kink_margin: float  #: smallest |z| of a kinked unit on the examples checked (inf: no kink)
    examples: int
    verdict: str
    reason: str

    @property
    def passed(self) -> bool:
        return self.verdict == "passed"

    @property
    def difference(self) -> float:
        """The smallest relative difference over the steps tried."""
        return min(self.differences.values())

    @property
    def worst(self) -> str:
        return self.report.worst

    def __getattr__(self, name):
        # Everything else a GradCheckReport tells (per_parameter, computed_in, ...).
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.report, name)


def _judge(report, differences, margin, k, dtype) -> GradientCheckVerdict:
    """The verdict from the differences at each step ε (see :meth:`PlaygroundModel.gradient_check`)."""
    where = " (float32 weights, checked in float64)" if dtype == "float32" else " in float64"
    kinks = "; on the examples farthest from ReLU's kink" if np.isfinite(margin) else ""
    steps = ", ".join(f"{d:.1e} at ε = {e:g}" for e, d in differences.items())
    best = min(differences.values())
    best_step = min(differences, key=differences.get)

    def verdict(kind, threshold, reason):
        return GradientCheckVerdict(report, differences, threshold, margin, k, kind, reason)

    if best == 0.0:  # relative_difference gives exactly 0 only when both gradients are 0
        return verdict("inconclusive", GRADCHECK_THRESHOLD, (
            "every gradient is exactly 0 on these examples (saturated or dead units), in "
            "backward propagation and in central differences alike: there is nothing to "
            "compare. Lower the learning rate or restart."))
    if best < GRADCHECK_THRESHOLD:
        return verdict("passed", GRADCHECK_THRESHOLD,
                       f"difference {best:.1e} < 1e-7{where}{kinks}"
                       + (f" ({steps}: smaller steps round off)" if len(differences) > 1 else "")
                       + ".")
    if margin < KINK_MARGIN:
        return verdict("inconclusive", GRADCHECK_THRESHOLD, (
            f"difference {best:.1e}, but on every example some ReLU unit has |z| < "
            f"{KINK_MARGIN:.0e} (smallest {margin:.0e}): a step of ε = 1e-6 can cross its kink at "
            "z = 0, where the slope jumps, so central differences cannot judge here."))
    values = list(differences.values())
    shrinks = len(values) > 1 and values[0] > 4 * min(values[1:])
    if not shrinks:
        return verdict("failed", GRADCHECK_THRESHOLD, (
            f"difference {steps} ≥ 1e-7{where}{kinks}, and it does not shrink with a larger "
            f"step, as rounding would: backward propagation and central differences disagree. "
            f"The gradient of {report.worst} disagrees most (largest gap at "
            f"{report.worst_entry})."))
    if best < ROUNDING_THRESHOLD:
        return verdict("passed", ROUNDING_THRESHOLD, (
            f"difference {best:.1e} at ε = {best_step:g} < {ROUNDING_THRESHOLD:.0e}{where}{kinks}: "
            f"the gradients are small, so rounding dominates ({steps}; the difference shrinks as "
            f"ε grows, which a bug would not do)."))
    return verdict("inconclusive", ROUNDING_THRESHOLD, (
        f"the gradients are too small to check ({steps}: shrinking as ε grows, so rounding, "
        f"not a bug, but still ≥ {ROUNDING_THRESHOLD:.0e}). After a small initialisation a deep "
        "network passes almost nothing back: train a little, or use He initialisation."))


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
        self._watch = None
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
        return [self.data.n_x] + list(s.hidden_units) + [self.data.n_out]

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

        With ``suggest`` the output, loss and learning rate switch to those that suit the
        data's kind (:data:`~dlsnotes.playground.userdata.SUGGESTED`: sigmoid + BCE for 0/1
        labels, softmax + CCE for classes 0..K-1, linear + MSE at learning rate 0.1 for
        regression). All or nothing: if
        the data cannot be used, ``ValueError`` explains why and nothing changes.
        """

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
              "_divergence", "_watch", "last_update", "custom")

    def _snapshot(self) -> dict:
        state = {name: getattr(self, name) for name in self._STATE}
        state["parameters"] = {k: v.copy() for k, v in self.parameters.items()}
        state["markers"], state["history"] = list(self.markers), list(self.history)
        state["_watch"] = copy.deepcopy(self._watch)  # training appends to its history
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
        suggested = self.suggestions(changes)
        new = old.replace(**changes, **suggested)  # validates every value before anything changes
        changed = {k for k in (*changes, *suggested) if getattr(old, k) != getattr(new, k)}
        if not changed:
            return UpdateResult("none", "nothing changed")
        state = self._snapshot()
        try:
            self.settings = new
            self.last_update = self._apply_update(old, new, changed)
        except Exception as exc:
            self._restore(state)
            raise ValueError(
                f"This change was refused: {exc} "
                "Nothing changed: the settings and the weights are as before."
            ) from exc
        except BaseException:  # e.g. KeyboardInterrupt during a restart: undo, then stop
            self._restore(state)
            raise
        moved = {k: v for k, v in suggested.items() if getattr(old, k) != v}
        if moved:
            words = ", ".join(f"{k.replace('_', ' ')} {v:g}" if isinstance(v, float) else f"{k} {v}"
                              for k, v in moved.items())
            self.last_update = self.last_update._replace(
                reason=f"{self.last_update.reason}; {words} chosen for {self.task} data")
        return self.last_update

    def suggestions(self, changes) -> dict:
        """Settings that suit the data a change chooses, for those the change does not name.

        Choosing a data set of another kind (regression after classification, or the
        other way round, or binary to multiclass) also chooses the output, loss and
        learning rate of :data:`~dlsnotes.playground.userdata.SUGGESTED` for it, so that
        the choice trains at once instead of being blocked (sigmoid + BCE on a regression
        target) or diverging (learning rate 1.2 on a regression fit). Values the change
        names itself are kept. Only :meth:`update` applies them; a new model, like a
        setting text, takes its settings as given.

        Returns
        -------
        dict
            ``{setting: value}``, empty when the kind of data stays the same.
        """

        dataset = changes.get("dataset")
        if dataset is None or dataset == self.settings.dataset:
            return {}
        if dataset == "custom":
            task = self.custom.task if self.custom is not None else None
        else:
            task = TASKS.get(dataset) if isinstance(dataset, str) else None
        if task is None or task == self.task:
            return {}
        return {k: v for k, v in SUGGESTED[task].items() if k not in changes}

    def dataset_options(self) -> list:
        """``(label, name)`` of the data sets to offer: "your data" only once there is some."""
        options = [(label, name) for name, label in DATASET_LABELS.items() if name != "custom"]
        if self.custom is not None:
            options.append((f"your data: {self.custom.name}", "custom"))
        return options

    def _apply_update(self, old, new, changed) -> UpdateResult:
        if changed <= {"on_change", "chunk", "discretize"}:  # no weight depends on them
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
        step = f"{new.step_name} {self.iteration}"
        if "loss" in changed:
            # Costs of two losses are in different units (BCE 0.69 and MSE 0.125 for the
            # same weights): one curve through both would show a drop that is no learning.
            # The curve starts again here, from the new loss's cost of the same weights.
            self.history = []
            self.markers = [(self.iteration, f"loss {old.loss} → {new.loss}")]
            self._record()
            self._set_reference()
            return UpdateResult(
                "continue", f"continued from the current weights at {step}: {names} changed; "
                f"the cost curve starts again here, because {old.loss} and {new.loss} costs "
                "are not comparable")
        self.markers.append((self.iteration, names))
        if self.history and self.history[-1].iteration == self.iteration:
            # Judge divergence from here on: the new learning rate starts from these weights.
            self._set_reference()
        return UpdateResult(
            "continue", f"continued from the current weights at {step}: {names} changed")

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
        X, Y = (a.astype(s.dtype, copy=False) for a in (self.data.X_train, self.data.Y_train))
        acts = layer_activations(len(self.layer_dims) - 1, self.hidden_activation,
                                 self.output_activation)
        try:
            # One watch follows the whole run across chunks (the same rules as L_layer_model).
            # With mini-batches the seed also shuffles: epoch k of this chunk uses
            # seed + iteration + 1 + k, so chunks repeat one long run exactly.
            parameters, _ = train(
                X, Y, self.parameters, acts, self.loss, float(s.learning_rate), n,
                cost_every=n, progress=False, mini_batch_size=s.batch_size or None,
                lambd=s.lambd, lambd_l1=s.lambd_l1, seed=(s.seed + self.iteration) % 2**32, watch=self._watch,
                start_iteration=self.iteration)
        except DivergenceError as err:
            detail = err.detail[0].upper() + err.detail[1:] + "."
            if s.batch_size:  # the watch judged one cost per epoch
                detail = detail.replace(" iterations ", " epochs ")
            self._diverge(err.iteration, detail)
            return 0
        self.parameters = parameters
        self.iteration += n
        point = self._record()
        if not np.isfinite([point.train_cost, point.test_cost]).all():
            self._diverge(self.iteration, f"The cost became {point.train_cost:g} (train) / "
                          f"{point.test_cost:g} (test) after {s.step_name} {self.iteration}.")
        return n

    def _set_reference(self):
        """Judge divergence from here: the start of the run, or a change while continuing."""
        self._watch = DivergenceWatch(self.parameters, float(self.settings.learning_rate),
                                      self.pairing.problem)

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

    def class_probabilities(self, X_raw):
        """Probability of each class at inputs ``X_raw``, ``(K, k)`` (K = 2 for one output
        unit: rows ``1 - a`` and ``a``): what the class regions are shaded by.

        With ``settings.discretize`` the regions show the decision only: each column is
        one-hot on the predicted class (``A > 0.5`` or ``argmax``), TensorFlow
        Playground's "discretize output". An output that is not a probability (linear,
        ReLU, tanh) is always shown one-hot on its largest unit. NaN outputs (after a
        divergence) count as undecided.
        """
        AL = self.forward(X_raw)
        if AL.shape[0] == 1:
            p1 = np.clip(np.nan_to_num(AL[0], nan=0.5), 0.0, 1.0)
            probs = np.vstack([1.0 - p1, p1])
        elif self.output_activation.name == "softmax":
            probs = np.nan_to_num(AL, nan=1.0 / AL.shape[0])
        else:
            probs = np.eye(AL.shape[0])[np.nan_to_num(AL).argmax(axis=0)].T
        if self.settings.discretize:
            undecided = np.isclose(probs.max(axis=0), 1.0 / probs.shape[0]) & np.isclose(
                probs.min(axis=0), 1.0 / probs.shape[0])
            one_hot = np.eye(probs.shape[0])[probs.argmax(axis=0)].T
            probs = np.where(undecided, probs, one_hot)
        return probs

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
        if self.task == "regression" and lss.needs_probabilities:
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
                penalty = l2_penalty(self.parameters, s.lambd, self.data.X_train.shape[1])
            notes.append(Message(
                "note", "L2 regularisation",
                f"training minimises J + λ/(2m) Σ‖W‖² with λ = {s.lambd:g}; the costs plotted are "
                f"J alone (the penalty is {penalty:.3g} now), and every dW gets + (λ/m) W."))
        if s.lambd_l1:
            with np.errstate(all="ignore"):
                penalty = l1_penalty(self.parameters, s.lambd_l1, self.data.X_train.shape[1])
            notes.append(Message(
                "note", "L1 regularisation",
                f"training minimises J + λ₁/m Σ|W| with λ₁ = {s.lambd_l1:g}; the costs plotted are "
                f"J alone (the penalty is {penalty:.3g} now), and every dW gets + (λ₁/m) sign(W), "
                "which pushes small weights to exactly 0."))
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
        return Message("diverged", f"Training diverged at {self.settings.step_name} {iteration}",
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
        r"""Gradient check of the current weights, judged in a way that holds for them.

        It runs :func:`~dlsnotes.gradcheck.gradient_check` (always in float64) on
        :data:`GRADCHECK_EXAMPLES` training examples, with central differences of step
        ``ε = 1e-6``, and compares the relative difference

        .. math:: d = \frac{\lVert g - g_{approx}\rVert}{\lVert g\rVert + \lVert g_{approx}\rVert}

        with the course's ``1e-7``. That threshold holds for a smooth network whose
        gradients are not tiny. Two things make a correct backward pass miss it, and the
        playground tells them from a bug:

        * **kinks**: a step that crosses ReLU's kink at ``z = 0`` measures neither
          side's slope, so a network with kinks is checked on the examples farthest from
          every kink, and called inconclusive when each has a unit closer than
          :data:`KINK_MARGIN`;
        * **rounding**: each central difference carries an error of about ``u |J| / ε``
          (``u`` the float64 unit roundoff), which dominates when the gradients are small
          (a trained or a small-initialised network). That error shrinks as ``ε`` grows
          (truncation grows as ``ε²``), while a bug's does not depend on ``ε`` at all. So
          when ``d ≥ 1e-7`` the check is repeated with ``ε = 1e-5`` and ``1e-4``: the
          smallest difference passes below ``1e-7``; a difference that does not shrink is
          a bug ("failed"); one that shrinks roughly ten-fold per step is rounding, passed
          below :data:`ROUNDING_THRESHOLD` and inconclusive above.

        Returns
        -------
        GradientCheckVerdict or None
            None when the pairing cannot train (its cost is not defined).
        """
        if self._blocking_message() is not None:
            return None
        k = min(GRADCHECK_EXAMPLES, self.data.X_train.shape[1])
        with np.errstate(all="ignore"):
            columns, margin = self._away_from_kinks(k)
            X, Y = self.data.X_train[:, columns], self.data.Y_train[:, columns]
            differences = {}
            report = None
            for epsilon in GRADCHECK_STEPS:
                if differences and epsilon * 100 > margin:
                    break  # a larger step would cross a kink
                checked = gradient_check(self.parameters, X, Y, self.hidden_activation,
                                         self.output_activation, self.loss,
                                         lambd=self.settings.lambd,
                                         lambd_l1=self.settings.lambd_l1, epsilon=epsilon)
                report = report or checked  # the report shown is the one at ε = 1e-6
                differences[epsilon] = checked.difference
                if checked.difference < GRADCHECK_THRESHOLD:
                    break
        return _judge(report, differences, margin, k, self.settings.dtype)

    def _kinked_layers(self) -> list:
        """Layers ``l`` (1..L) whose activation has a kink at ``z = 0`` (ReLU, Leaky ReLU)."""
        L = len(self.layer_dims) - 1
        acts = layer_activations(L, self.hidden_activation, self.output_activation)
        return [l for l, act in enumerate(acts, start=1) if _has_kink(act)]

    def _away_from_kinks(self, k):
        """The ``k`` training columns whose pre-activations lie farthest from every kink, and
        the smallest ``|Z|`` of a kinked unit among them (``inf`` for a smooth network)."""
        kinked = self._kinked_layers()
        m = self.data.X_train.shape[1]
        if not kinked:
            return np.arange(k), np.inf
        X = self.data.X_train.astype(np.float64)
        params = {key: value.astype(np.float64) for key, value in self.parameters.items()}
        _, caches = L_model_forward(X, params, hidden=self.hidden_activation,
                                    output=self.output_activation)
        distance = np.full(m, np.inf)
        for l in kinked:
            Z = caches[l - 1][1]
            distance = np.minimum(distance, np.abs(Z).min(axis=0))
        distance = np.nan_to_num(distance, nan=0.0)
        columns = np.sort(np.argsort(-distance, kind="stable")[:k])
        return columns, float(distance[columns].min())

    def summary(self) -> str:
        """One line: iteration and the latest costs and metrics."""
        p = self.latest
        if p is None:
            return f"{self.settings.step_name} {self.iteration}: not trained ({self.status})"
        def fmt(v):
            if self.metric_name == "accuracy":
                return f"{v:.1%}"
            return f"{v:.3f}" if abs(v) < 1e3 else f"{v:.3g}"
        return (f"{self.settings.step_name} {p.iteration}: train cost {p.train_cost:.4g}, test cost "
                f"{p.test_cost:.4g}, train {self.metric_name} {fmt(p.train_metric)}, "
                f"test {self.metric_name} {fmt(p.test_metric)}")
