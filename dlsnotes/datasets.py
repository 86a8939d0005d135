"""Small data sets for the notebooks, in the course layout: one column per example.

Every loader returns ``(X, Y)`` with ``X.shape == (n_x, m)`` and ``Y.shape == (n_y, m)``,
both ``float64`` so they can go straight into the maths (``Y * np.log(A)`` and friends).

=====================  ==========  ==========  ===================================
name                   task        X           Y
=====================  ==========  ==========  ===================================
``planar``             binary      (2, 400)    (1, 400), 0/1
``noisy_circles``      binary      (2, 200)    (1, 200), 0/1
``noisy_moons``        binary      (2, 200)    (1, 200), 0/1
``blobs``              binary      (2, 200)    (1, 200), 0/1 (blob index mod 2)
``gaussian_quantiles`` binary      (2, 200)    (1, 200), 0/1
``no_structure``       binary      (2, 200)    (1, 200), 0/1 (labels are pure noise)
``quadratic``          regression  (1, 20)     (1, 20), y = 3x^2 + 3x
``multiclass``         multiclass  (2, 300)    (3, 300), one-hot
=====================  ==========  ==========  ===================================

Importing this module needs numpy only; the extra data sets import scikit-learn when they
are first asked for.
"""

from __future__ import annotations

import numbers
import os

import numpy as np

from ._validation import unsupported_name

__all__ = [
    "DATASETS",
    "EXTRA_DATASETS",
    "QUADRATIC_KINDS",
    "TASKS",
    "load_dataset",
    "load_extra_dataset",
    "load_multiclass",
    "load_planar_dataset",
    "load_quadratic",
    "quadratic",
    "read_csv_dataset",
]

EXTRA_DATASETS = ("noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles", "no_structure")
QUADRATIC_KINDS = ("reported", "dense", "negative")
DATASETS = ("planar",) + EXTRA_DATASETS + ("quadratic", "multiclass")
TASKS = {
    "planar": "binary",
    **{name: "binary" for name in EXTRA_DATASETS},
    "quadratic": "regression",
    "multiclass": "multiclass",
}


# --------------------------------------------------------------------------- argument checks
def _check_int(value, name: str, *, minimum: int = 1, fix: str = "") -> int:
    """``value`` as a Python int that is at least ``minimum``, or a clear error."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        whole = isinstance(value, numbers.Real) and not isinstance(value, bool) and \
            float(value).is_integer()
        hint = f"Use {name}={int(value)}." if whole else "Pass a whole number (int)."
        raise TypeError(
            f"{name} must be an integer >= {minimum}; got {value!r} "
            f"(type {type(value).__name__}). {hint}"
        )
    if value < minimum:
        raise ValueError(
            f"{name} must be an integer >= {minimum}; got {value}."
            + (f" {fix}." if fix else f" Pass {name}={minimum} or more.")
        )
    return int(value)


def _check_seed(seed, name: str = "seed") -> int:
    """A seed that numpy's RandomState, default_rng and scikit-learn all accept."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            f"{name} must be a non-negative integer such as 0 or 1; got {seed!r} "
            f"(type {type(seed).__name__}). Pass e.g. {name}=0 for a reproducible draw."
        )
    if not 0 <= seed < 2**32:
        raise ValueError(
            f"{name} must be in [0, 2**32 - 1]; got {seed}. Use a non-negative integer "
            "below 2**32, such as 0 or 1."
        )
    return int(seed)


def _check_name(name, supported, kind: str = "dataset") -> str:
    if not isinstance(name, str):
        raise TypeError(
            f"The {kind} name must be a string, one of {sorted(supported)}; "
            f"got {name!r} (type {type(name).__name__})."
        )
    if name not in supported:
        raise unsupported_name(kind, name, supported)
    return name


# --------------------------------------------------------------------------- planar "flower"
def load_planar_dataset(m: int = 400, seed: int = 1):
    """The two-class "flower" of the course's planar-data assignment.

    Same recipe and same random stream as the course, so with the defaults the points are
    identical to the ones learners see there. Class ``j`` (``j = 0, 1``) gets ``N = m // 2``
    points on a four-petal rose ``r = 4 sin(4t)``, with Gaussian noise on both the angle
    ``t`` and the radius ``r``::

        t = linspace(3.12 j, 3.12 (j + 1), N) + 0.2 * randn(N)
        r = 4 sin(4 t)                      + 0.2 * randn(N)
        x = (r sin t, r cos t),  label j

    The noise is drawn from a legacy ``np.random.RandomState(seed)`` in the order: angle
    noise then radius noise for class 0, then the same for class 1.

    Parameters
    ----------
    m : int, even, >= 2
        Number of examples; half of them get each label.
    seed : int, >= 0
        Seed of the ``RandomState``. ``1`` is the course's.

    Returns
    -------
    X : ndarray of float64, shape (2, m)
        Coordinates, one column per example; the first ``m // 2`` columns are class 0.
    Y : ndarray of float64, shape (1, m)
        Labels 0.0 and 1.0 (float so that ``Y * np.log(A)`` needs no cast; use
        ``Y.astype(int)`` for indexing or plotting colours).
    """
    m = _check_int(m, "m", minimum=2)
    if m % 2:
        raise ValueError(
            f"m must be even so both classes get m // 2 points; got m={m}. Use m={m + 1} or "
            f"m={m - 1}."
        )
    seed = _check_seed(seed)
    rng = np.random.RandomState(seed)
    n_per_class, petals, spread = m // 2, 4, 3.12
    X = np.empty((2, m), dtype=np.float64)
    Y = np.empty((1, m), dtype=np.float64)
    for j in range(2):
        cols = slice(j * n_per_class, (j + 1) * n_per_class)
        t = np.linspace(j * spread, (j + 1) * spread, n_per_class) + rng.randn(n_per_class) * 0.2
        r = petals * np.sin(4 * t) + rng.randn(n_per_class) * 0.2
        X[0, cols] = r * np.sin(t)
        X[1, cols] = r * np.cos(t)
        Y[0, cols] = j
    return X, Y


# --------------------------------------------------------------------------- extra sets
def load_extra_dataset(name: str, n_samples: int = 200, seed: int = 0):
    """One of the course's "other data sets" for the planar network, made with scikit-learn.

    ================  ============================================================
    name              recipe (always with ``random_state=seed``)
    ================  ============================================================
    noisy_circles     ``make_circles(factor=0.5, noise=0.3)``
    noisy_moons       ``make_moons(noise=0.2)``
    blobs             ``make_blobs(centers=6, n_features=2)``, label = blob mod 2
    gaussian_quantiles ``make_gaussian_quantiles(cov=0.5, n_features=2, n_classes=2)``
    no_structure      X uniform on [0, 1)^2, labels uniform and thresholded at 0.5
    ================  ============================================================

    Unlike the course notebook, every draw is seeded, so two calls give the same data.

    Parameters
    ----------
    name : str
        One of :data:`EXTRA_DATASETS`.
    n_samples : int, >= 2
        Number of examples.
    seed : int, >= 0
        Passed as ``random_state`` (or used for ``RandomState`` for ``no_structure``).

    Returns
    -------
    X : ndarray of float64, shape (2, n_samples)
    Y : ndarray of float64, shape (1, n_samples)
        Labels 0.0 and 1.0.

    Raises
    ------
    ValueError
        For an unknown ``name``; the message lists the supported ones.
    """
    name = _check_name(name, EXTRA_DATASETS)
    n_samples = _check_int(n_samples, "n_samples", minimum=2)
    seed = _check_seed(seed)
    if name == "no_structure":
        rng = np.random.RandomState(seed)
        X = rng.rand(2, n_samples)
        Y = (rng.rand(1, n_samples) > 0.5).astype(np.float64)
        return X, Y

    try:
        from sklearn import datasets as skd
    except ImportError as exc:  # pragma: no cover - scikit-learn is a declared dependency
        raise ImportError(
            f"The dataset {name!r} is made with scikit-learn, which is not installed. "
            "Install it with `pip install scikit-learn` (or `pip install -e .` in this repo)."
        ) from exc

    if name == "noisy_circles":
        points, labels = skd.make_circles(n_samples=n_samples, factor=0.5, noise=0.3,
                                          random_state=seed)
    elif name == "noisy_moons":
        points, labels = skd.make_moons(n_samples=n_samples, noise=0.2, random_state=seed)
    elif name == "blobs":
        points, labels = skd.make_blobs(n_samples=n_samples, centers=6, n_features=2,
                                        random_state=seed)
        labels = labels % 2
    else:  # gaussian_quantiles
        points, labels = skd.make_gaussian_quantiles(cov=0.5, n_samples=n_samples, n_features=2,
                                                     n_classes=2, random_state=seed)
    X = np.ascontiguousarray(points.T, dtype=np.float64)
    Y = labels.reshape(1, -1).astype(np.float64)
    return X, Y


# --------------------------------------------------------------------------- regression
def quadratic(x):
    """``3 x**2 + 3 x``, elementwise; the target of the regression examples."""
    x = np.asarray(x, dtype=np.float64)
    return 3.0 * x**2 + 3.0 * x


def load_quadratic(x=None, *, kind: str = "reported"):
    """Regression data ``y = 3 x**2 + 3 x`` with one feature.

    ``kind`` chooses the inputs when ``x`` is not given:

    * ``"reported"`` - ``x = 0, 1, ..., 19``, the data a learner reported (all ``y >= 0``);
    * ``"dense"`` - 200 points evenly on ``[-2, 19]``; includes ``(-1, 0)``, where ``y < 0``;
    * ``"negative"`` - 100 points evenly on ``[-3, 2]``, around the negative dip.

    Parameters
    ----------
    x : array-like of float, shape (m,) or (1, m), optional
        Inputs to use instead of a ``kind``; ``kind`` is then ignored.
    kind : {"reported", "dense", "negative"}
        Which built-in inputs to use.

    Returns
    -------
    X : ndarray of float64, shape (1, m)
    Y : ndarray of float64, shape (1, m)
        ``quadratic(X)``.
    """
    if x is None:
        kind = _check_name(kind, QUADRATIC_KINDS, kind="quadratic kind")
        if kind == "reported":
            xs = np.arange(20, dtype=np.float64)
        elif kind == "dense":
            xs = np.linspace(-2.0, 19.0, 200)
        else:
            xs = np.linspace(-3.0, 2.0, 100)
    else:
        xs = _as_1d_inputs(x)
    X = xs.reshape(1, -1)
    return X, quadratic(X)


def _as_1d_inputs(x) -> np.ndarray:
    try:
        xs = np.array(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"x must be a 1-D sequence of numbers such as np.arange(20); got {type(x).__name__} "
            "that numpy cannot turn into floats."
        ) from exc
    if xs.ndim == 2 and xs.shape[0] == 1:
        xs = xs[0]
    if xs.ndim != 1:
        raise ValueError(
            f"x must be 1-D with shape (m,) (or a single row (1, m)); got shape {xs.shape}. "
            "Flatten it with np.ravel(x) if it holds one input per entry."
        )
    if xs.size == 0:
        raise ValueError("x must hold at least one input; got an empty array.")
    if not np.all(np.isfinite(xs)):
        raise ValueError(
            f"x must be finite; it contains {int(np.sum(~np.isfinite(xs)))} NaN or infinite "
            "value(s). Drop them first, e.g. x[np.isfinite(x)]."
        )
    return xs


# --------------------------------------------------------------------------- multiclass
def load_multiclass(n_per_class: int = 100, n_classes: int = 3, seed: int = 0):
    """A noisy 2-D spiral with ``n_classes`` arms, one class per arm.

    Arm ``k`` has ``n_per_class`` points at radius ``rho`` evenly in ``[0.05, 1]`` and angle
    ``2 pi k / n_classes + 4 rho`` plus Gaussian noise (sd 0.2) on the angle, so the arms
    wind around each other and no straight line separates them. Drawn with
    ``np.random.default_rng(seed)``: deterministic for a given seed.

    Parameters
    ----------
    n_per_class : int, >= 1
    n_classes : int, >= 2
    seed : int, >= 0

    Returns
    -------
    X : ndarray of float64, shape (2, n_classes * n_per_class)
        Points; the columns of class ``k`` are ``k * n_per_class ... (k + 1) * n_per_class - 1``.
    Y : ndarray of float64, shape (n_classes, n_classes * n_per_class)
        One-hot labels: each column is all zeros but a single 1. Integer labels are
        ``labels = Y.argmax(axis=0)``.
    """
    n_per_class = _check_int(n_per_class, "n_per_class", minimum=1)
    n_classes = _check_int(n_classes, "n_classes", minimum=2,
                           fix="A multiclass problem needs at least two classes")
    seed = _check_seed(seed)
    rng = np.random.default_rng(seed)
    m = n_per_class * n_classes
    X = np.empty((2, m), dtype=np.float64)
    labels = np.repeat(np.arange(n_classes), n_per_class)
    rho = np.linspace(0.05, 1.0, n_per_class)
    for k in range(n_classes):
        cols = slice(k * n_per_class, (k + 1) * n_per_class)
        angle = 2 * np.pi * k / n_classes + 4.0 * rho + rng.normal(0.0, 0.2, n_per_class)
        X[0, cols] = rho * np.cos(angle)
        X[1, cols] = rho * np.sin(angle)
    Y = np.zeros((n_classes, m), dtype=np.float64)
    Y[labels, np.arange(m)] = 1.0
    return X, Y


# --------------------------------------------------------------------------- dispatcher
def load_dataset(name: str, seed: int | None = None):
    """Any data set of this module by name.

    Parameters
    ----------
    name : str
        One of :data:`DATASETS`; :data:`TASKS` says whether it is ``"binary"``,
        ``"regression"`` or ``"multiclass"``.
    seed : int, optional
        Seed for the random ones; ``None`` keeps each loader's default (1 for ``planar``,
        0 otherwise). ``quadratic`` is not random and ignores it (it gives the
        ``"reported"`` inputs; call :func:`load_quadratic` for the others).

    Returns
    -------
    X : ndarray of float64, shape (n_x, m)
    Y : ndarray of float64, shape (n_y, m)
    """
    name = _check_name(name, DATASETS)
    kwargs = {} if seed is None else {"seed": _check_seed(seed)}
    if name == "planar":
        return load_planar_dataset(**kwargs)
    if name in EXTRA_DATASETS:
        return load_extra_dataset(name, **kwargs)
    if name == "quadratic":
        return load_quadratic()
    return load_multiclass(**kwargs)


# --------------------------------------------------------------------------- CSV files
def read_csv_dataset(path):
    """Read a CSV written by ``data/make_data.py``: feature columns, then the label column.

    A first line that is not numeric (e.g. ``x1,x2,y``) is taken as a header and skipped.
    Values written with ``%.17g`` read back bit for bit.

    Parameters
    ----------
    path : str or os.PathLike

    Returns
    -------
    X : ndarray of float64, shape (n_columns - 1, m)
    Y : ndarray of float64, shape (1, m)
        The last column.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"path must be a file path (str or pathlib.Path); got {type(path).__name__}."
        )
    if not os.path.isfile(path):
        raise FileNotFoundError(
            f"No CSV file at {os.fspath(path)!r}. The shipped files are in the repo's data/ "
            "folder; regenerate them with `python data/make_data.py`."
        )
    with open(path, encoding="utf-8") as fh:
        first = fh.readline()
    skip = 0 if _is_numeric_row(first) else 1
    table = np.loadtxt(path, delimiter=",", skiprows=skip, dtype=np.float64, ndmin=2)
    if table.shape[0] == 0 or table.shape[1] < 2:
        raise ValueError(
            f"{os.fspath(path)!r} must have at least two comma-separated columns (features, "
            f"then the label) and one data row; got a table of shape {table.shape}."
        )
    return np.ascontiguousarray(table[:, :-1].T), table[:, -1].reshape(1, -1)


def _is_numeric_row(line: str) -> bool:
    try:
        [float(cell) for cell in line.strip().split(",")]
    except ValueError:
        return False
    return True
