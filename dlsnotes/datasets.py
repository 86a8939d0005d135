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
``xor``                binary      (2, 200)    (1, 200), 1 where x1 and x2 have the same sign
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

from ._validation import check_seed, unsupported_name

__all__ = [
    "DATASETS",
    "EXTRA_DATASETS",
    "QUADRATIC_KINDS",
    "TASKS",
    "load_dataset",
    "load_extra_dataset",
    "load_xor",
    "load_multiclass",
    "load_planar_dataset",
    "load_quadratic",
    "quadratic",
    "read_csv_dataset",
    "read_csv_text",
    "CSV_TASKS",
    "CSVFileNotFoundError",
]

EXTRA_DATASETS = ("noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles", "no_structure")
QUADRATIC_KINDS = ("reported", "dense", "negative")
DATASETS = ("planar",) + EXTRA_DATASETS + ("xor", "quadratic", "multiclass")
TASKS = {
    "planar": "binary",
    **{name: "binary" for name in EXTRA_DATASETS},
    "xor": "binary",
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
    """A seed that numpy's RandomState, default_rng and scikit-learn all accept.

    The same check (and message) as the core's ``seed=``, except that ``None`` is refused:
    every data set here is drawn reproducibly.
    """
    if seed is None:
        raise TypeError(
            f"{name} must be an int in [0, 2**32 - 1]; got None. The data sets are always "
            f"drawn reproducibly: pass e.g. {name}=0."
        )
    return check_seed(seed)


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

    Raises
    ------
    ValueError
        For inputs whose targets overflow float64 (``|x|`` above about ``7.7e153``): an
        infinite target is never returned.
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
    with np.errstate(over="ignore", invalid="ignore"):
        Y = quadratic(X)
    if not np.all(np.isfinite(Y)):
        _refuse_overflow(xs, Y)
    return X, Y


# 3 x**2 is the largest float64, ~1.8e308, at |x| = sqrt(1.8e308 / 3) ~ 7.7e153.
_QUADRATIC_LIMIT = float(np.sqrt(np.finfo(np.float64).max / 3.0))


def _refuse_overflow(xs, Y):
    bad = ~np.isfinite(Y.ravel())
    raise ValueError(
        f"y = 3 x**2 + 3 x overflows float64 for {int(bad.sum())} of the inputs (the largest |x| "
        f"is {np.abs(xs[bad]).max():.3g}; y stays finite only for |x| below about "
        f"{_QUADRATIC_LIMIT:.2g}), so those targets would be infinite and no network could fit "
        "them. Use inputs of a moderate size, e.g. np.linspace(-3, 3, 100), or rescale x first."
    )


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


def load_xor(n_samples: int = 200, seed: int = 0, padding: float = 0.06):
    """TensorFlow Playground's XOR: points in four quadrants, class 1 where ``x1 x2 > 0``.

    Each coordinate is drawn uniformly from ``[-1, 1]`` and pushed ``padding`` away from 0
    (TensorFlow Playground's 0.3 on its ``[-5, 5]``), so that a gap separates the quadrants:

    .. math:: y = 1 \text{ if } x_1 x_2 > 0 \text{ else } 0

    No straight line separates the classes (the XOR problem); the product feature
    ``x1·x2`` alone does, and so does a network with one hidden layer of a few units.

    Parameters
    ----------
    n_samples : int, >= 2
    seed : int, >= 0
        Seeds ``np.random.RandomState``: the same seed gives the same points.
    padding : float, >= 0
        Gap between the points and the axes.

    Returns
    -------
    X : ndarray of float64, shape (2, n_samples)
    Y : ndarray of float64, shape (1, n_samples)
        Labels 0.0 and 1.0.
    """
    n_samples = _check_int(n_samples, "n_samples", minimum=2)
    seed = _check_seed(seed)
    if isinstance(padding, bool) or not isinstance(padding, numbers.Real) or not 0 <= padding < 1:
        raise ValueError(f"padding must be a number from 0 to 1 (the gap around the axes); got "
                         f"{padding!r}. TensorFlow Playground's gap is 0.06 on this scale.")
    rng = np.random.RandomState(seed)
    X = rng.uniform(-1.0, 1.0, size=(2, n_samples))
    X += np.where(X > 0, padding, -padding)
    Y = (X[0] * X[1] > 0).astype(np.float64).reshape(1, -1)
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
    if name == "xor":
        return load_xor(**kwargs)
    if name == "quadratic":
        return load_quadratic()
    return load_multiclass(**kwargs)


# --------------------------------------------------------------------------- CSV files
#: What :func:`read_csv_dataset` accepts as ``task``; None means whole-number labels.
CSV_TASKS = (None, "binary", "multiclass", "regression")
#: Larger files are refused: the loader reads the whole text into memory.
CSV_MAX_BYTES = 50_000_000


class CSVFileNotFoundError(FileNotFoundError, ValueError):
    """No file at the given path (a ``FileNotFoundError`` and a ``ValueError``)."""


def read_csv_dataset(path, task=None):
    """Read a CSV written by ``data/make_data.py``: feature columns, then the label column.

    A first line that is not numeric (e.g. ``x1,x2,y``) is taken as a header and skipped.
    Values written with ``%.17g`` read back bit for bit. The file is only parsed as text:
    nothing in it is executed or unpickled. Every problem (a missing file, a folder, an
    empty file, rows of different lengths, a cell that is not a number, NaN, labels that
    do not suit ``task``) raises ``ValueError``/``TypeError`` naming the line and column,
    what was expected and how to fix it.

    Parameters
    ----------
    path : str or os.PathLike
    task : {None, "binary", "multiclass", "regression"}
        What the last column holds. ``None`` (default): whole numbers (class labels such
        as 0/1). ``"binary"``: 0/1 only. ``"multiclass"``: the classes 0..K-1, each at
        least once, returned one-hot. ``"regression"``: any finite number.

    Returns
    -------
    X : ndarray of float64, shape (n_columns - 1, m)
    Y : ndarray of float64, shape (1, m), or (K, m) one-hot for ``task="multiclass"``
        The last column.
    """
    if task not in CSV_TASKS:
        raise ValueError(
            f"task must be one of {list(CSV_TASKS)}; got {task!r}. Use task='regression' for a "
            "numeric target such as y = 3x² + 3x, or leave task=None for class labels."
        )
    path = _check_csv_path(path)
    rows, header = _parse_csv(path, _read_csv_text(path))
    table = np.array(rows, dtype=np.float64)
    X = np.ascontiguousarray(table[:, :-1].T)
    Y = _csv_labels(path, table[:, -1], task, header)
    return X, Y


def read_csv_text(data, task=None, name="uploaded file"):
    """:func:`read_csv_dataset` for CSV content already in memory (e.g. a browser upload).

    Parameters
    ----------
    data : bytes or str
        The file's content; only parsed as text, never executed or unpickled.
    task : {None, "binary", "multiclass", "regression"}
        As for :func:`read_csv_dataset`.
    name : str
        How the messages call the file (its name as uploaded).

    Returns
    -------
    X : ndarray of float64, shape (n_columns - 1, m)
    Y : ndarray of float64, shape (1, m), or (K, m) one-hot for ``task="multiclass"``
    """
    if task not in CSV_TASKS:
        raise ValueError(f"task must be one of {list(CSV_TASKS)}; got {task!r}.")
    if not isinstance(name, str):
        raise TypeError(f"name must be a str (the file's name); got {type(name).__name__}.")
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        if len(raw) > CSV_MAX_BYTES:
            raise ValueError(
                f"{name!r} has {len(raw):,} bytes; expected a small CSV data set (at most "
                f"{CSV_MAX_BYTES:,} bytes)."
            )
        text = _decode_csv(name, raw)
    elif isinstance(data, str):
        text = data
    else:
        raise TypeError(
            f"data must be the CSV content as bytes or str; got {type(data).__name__}. For a "
            "file on disk use read_csv_dataset(path)."
        )
    rows, header = _parse_csv(name, text)
    table = np.array(rows, dtype=np.float64)
    return np.ascontiguousarray(table[:, :-1].T), _csv_labels(name, table[:, -1], task, header)


def _check_csv_path(path) -> str:
    if isinstance(path, bytes) or not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"path must be a file path (str or pathlib.Path); got {type(path).__name__} "
            f"{path!r:.40}. Pass e.g. 'data/planar_flower.csv'."
        )
    name = os.fspath(path)
    if not isinstance(name, str) or not name:
        raise TypeError(f"path must be a non-empty str or pathlib.Path; got {path!r:.40}.")
    if os.path.isdir(name):
        inside = sorted(f for f in os.listdir(name) if f.endswith(".csv"))[:3]
        hint = f" CSV files in it: {inside}." if inside else " It holds no .csv file."
        raise ValueError(
            f"{name!r} is a folder; expected the path of a CSV file.{hint} Pass the file's "
            "path, e.g. os.path.join(folder, 'planar_flower.csv')."
        )
    if not os.path.isfile(name):
        raise CSVFileNotFoundError(
            2, f"No CSV file at {name!r} (working directory {os.getcwd()!r}). The shipped files "
            "are in the repo's data/ folder; regenerate them with `python data/make_data.py`."
        )
    return name


def _read_csv_text(path: str) -> str:
    size = os.path.getsize(path)
    if size > CSV_MAX_BYTES:
        raise ValueError(
            f"{path!r} has {size:,} bytes; expected a small CSV data set (at most "
            f"{CSV_MAX_BYTES:,} bytes). Load a large file in pieces with numpy or pandas."
        )
    with open(path, "rb") as fh:
        raw = fh.read()
    return _decode_csv(path, raw)


def _decode_csv(path: str, raw: bytes) -> str:
    if b"\0" in raw:
        raise ValueError(
            f"{path!r} is not a text file (it contains NUL bytes: a binary, .npy, pickle or "
            "spreadsheet file?); expected comma-separated numbers. Save it as CSV text."
        )
    try:
        return raw.decode("utf-8-sig")  # -sig: a byte-order mark from Excel is not a cell
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{path!r} is not UTF-8 text (byte {raw[exc.start]:#04x} at position {exc.start}); "
            "expected comma-separated numbers. Save the file as 'CSV UTF-8'."
        ) from None


def _parse_csv(path: str, text: str):
    """Rows of floats and the header (or None); every problem is a ValueError."""
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1)
             if line.strip()]
    if not lines:
        raise ValueError(
            f"{path!r} is empty; expected comma-separated rows: features, then the label, "
            "e.g. '0.5,1.2,1'. Regenerate the shipped files with `python data/make_data.py`."
        )
    header = None
    first_number, first = lines[0]
    sep = next((sep for sep in (";", "\t") if sep in first), None)
    if "," not in first and sep:
        raise ValueError(
            f"{path!r}: line {first_number} ({first.strip()!r:.60}) has its values separated "
            f"by {sep!r}; expected commas, e.g. '0.5,1.2,1'. Save the file with ',' as the "
            "separator (and '.' as the decimal point)."
        )
    if _is_header(first):
        header = [cell.strip() for cell in first.split(",")]
        lines = lines[1:]
        if not lines:
            raise ValueError(
                f"{path!r} has a header ({first.strip()!r}) but no data rows; expected at "
                "least one row of numbers after it."
            )
    width = len(lines[0][1].split(","))
    if width < 2:
        hint = " Add the label column (0/1) after the features."
        raise ValueError(
            f"{path!r} must have at least two comma-separated columns (features, then the "
            f"label); line {lines[0][0]} has 1: {lines[0][1].strip()!r:.60}.{hint}"
        )
    if header is not None and len(header) != width:
        raise ValueError(
            f"{path!r}: the header on line {first_number} names {len(header)} column(s) "
            f"{header}, but line {lines[0][0]} has {width} values. Header and rows must have "
            "the same number of columns."
        )
    rows = []
    for number, line in lines:
        cells = line.split(",")
        if len(cells) != width:
            raise ValueError(
                f"{path!r}: line {number} has {len(cells)} values; expected {width} like the "
                f"first data row (line {lines[0][0]}). Every row needs the same columns: "
                "features, then the label. Fix or remove that line."
            )
        rows.append([_csv_number(path, number, column, cell, header)
                     for column, cell in enumerate(cells, start=1)])
    return rows, header


def _csv_number(path, line, column, cell, header) -> float:
    text = cell.strip()
    name = f" ({header[column - 1]!r})" if header else ""
    where = f"{path!r}: line {line}, column {column}{name}"
    if not text:
        raise ValueError(
            f"{where} is empty; expected a number. A missing value cannot be trained on: fill "
            "it in or remove the row."
        )
    try:
        value = float(text) if "_" not in text else None
    except ValueError:
        value = None
    if value is None:
        again = " (a second header line?)" if line > 1 and not _is_numeric_row(text) and \
            any(ch.isalpha() for ch in text) else ""
        raise ValueError(
            f"{where} holds {text!r:.30}, which is not a number{again}; expected a decimal "
            "number such as 0.5 or -1.2e-3. Remove the text or the line."
        )
    if not np.isfinite(value):
        raise ValueError(
            f"{where} is {text!r}; expected a finite number. NaN/inf marks a missing or "
            "broken value: fill it in or remove the row."
        )
    return value


def _csv_labels(path, labels, task, header):
    """The last column as ``Y``, checked against ``task``."""
    name = f" ({header[-1]!r})" if header else ""
    where = f"{path!r}: the label column{name}"
    if task == "regression":
        return labels.reshape(1, -1)
    whole = labels == np.round(labels)
    classes = np.unique(labels)
    if task == "binary" or (task is None and set(classes) <= {0.0, 1.0}):
        if not set(classes) <= {0.0, 1.0}:
            raise ValueError(
                f"{where} must hold 0/1 labels for task='binary'; got {_some(classes)}. "
                "Use task='multiclass' for classes 0..K-1 or task='regression' for numbers."
            )
        return labels.reshape(1, -1)
    if not whole.all():
        raise ValueError(
            f"{where} must hold class labels (whole numbers such as 0/1 or 0..K-1); got "
            f"{_some(np.unique(labels[~whole]))}. For a numeric target (regression) pass "
            "task='regression'."
        )
    if task is None:
        return labels.reshape(1, -1)
    # multiclass: one-hot rows need the classes to be 0..K-1, each present
    K = int(classes.max()) + 1 if classes.min() >= 0 else 0
    # at most len(classes) of the K classes can be present: list only the first gaps
    missing = [k for k in range(min(K, len(classes) + 5)) if k not in set(classes.astype(int))]
    if classes.min() < 0 or missing:
        fix = " The labels look like 1..K: subtract 1." if missing == [0] else ""
        got = (f"negative labels {_some(classes[classes < 0])}" if classes.min() < 0 else
               f"labels up to {K - 1}, but class(es) {_some(np.array(missing))} never appear")
        raise ValueError(
            f"{where} must hold the classes 0..K-1, each at least once, for "
            f"task='multiclass'; got {got}.{fix}"
        )
    Y = np.zeros((K, labels.size))
    Y[labels.astype(int), np.arange(labels.size)] = 1.0
    return Y


def _some(values, limit=5) -> str:
    shown = ", ".join(f"{v:g}" for v in values[:limit])
    return f"[{shown}{', ...' if len(values) > limit else ''}]"


def _is_header(line: str) -> bool:
    """Column names: no cell is a number. A line mixing numbers and text is a data row
    with a mistake, reported as such rather than silently skipped."""
    cells = [cell.strip() for cell in line.split(",")]
    return all(cell and not _is_numeric_row(cell) for cell in cells)


def _is_numeric_row(line: str) -> bool:
    try:
        [float(cell) for cell in line.strip().split(",")]
    except ValueError:
        return False
    return True
