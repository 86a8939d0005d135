"""The learner's own data for the playground: arrays from code, a CSV path, or upload bytes.

The playground draws 2-D decision regions and 1-D fitted curves, so it takes

* **classification**: two input columns ``x1, x2`` and a label, 0/1 (binary) or the classes
  ``0..K-1`` (multiclass, one-hot inside);
* **regression**: one input column ``x`` and a numeric target ``y``.

For a CSV the number of columns decides: 3 columns (``x1, x2, label``) is classification,
2 columns (``x, y``) is regression. Files are parsed as text by
:func:`dlsnotes.datasets.read_csv_text` / :func:`~dlsnotes.datasets.read_csv_dataset`,
whose messages name the line and column of any problem; nothing is executed or unpickled.

The kind then decides the sensible output, loss and learning rate (:data:`SUGGESTED`).

A value far outside the others (:func:`find_outlier`, e.g. one ``1e308`` among numbers near
1) is refused with its row and column: scaled with it, every other point would collapse
onto a line, and the playground would train on nothing but that one value.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..datasets import read_csv_dataset, read_csv_text

__all__ = ["CustomData", "SUGGESTED", "custom_from_arrays", "custom_from_csv", "MAX_EXAMPLES",
           "find_outlier", "OUTLIER_SPREADS"]

#: Output activation, loss and learning rate that suit each kind of data. The regression
#: rate trains the scaled built-in and uploaded fits (x standardised, y divided by its
#: largest magnitude) with every hidden activation, 0 to 3 hidden layers and every
#: initialisation without the cost ever rising above its start (measured at 0.3 too, with a
#: rise of 20 %; 1.2 diverges); the classification rates are the planar network's.
SUGGESTED = {
    "binary": {"output": "sigmoid", "loss": "bce", "learning_rate": 1.2},
    "multiclass": {"output": "softmax", "loss": "cce", "learning_rate": 1.2},
    "regression": {"output": "linear", "loss": "mse", "learning_rate": 0.1},
}
#: A value farther than this many robust spreads (1.4826 × the median absolute deviation,
#: the standard deviation for normal data) from its column's median is an outlier. Normal
#: data never comes near (1000 spreads); steep but honest data such as ``y = e^x`` on
#: ``[0, 10]`` reaches about 100.
OUTLIER_SPREADS = 1000
#: More examples would make every redraw slow.
MAX_EXAMPLES = 5000
_LAYOUT = ("The playground takes 3 columns (x1, x2, label: 0/1 or classes 0..K-1) for "
           "classification, or 2 columns (x, y) for regression; a header line is optional.")


class CustomData(NamedTuple):
    """Data given by the learner: ``X (n_x, m)``, ``Y (1, m)`` or one-hot ``(K, m)``."""

    X: np.ndarray
    Y: np.ndarray
    task: str
    name: str


def custom_from_csv(source, name=None) -> CustomData:
    """Read a CSV path, or CSV content (bytes/str) such as an upload, into :class:`CustomData`.

    Parameters
    ----------
    source : str, os.PathLike, bytes
        A file path, or the file's bytes.
    name : str, optional
        The name the messages use for uploaded bytes.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        label = name or "uploaded file"

        def read(task):
            return read_csv_text(source, task=task, name=label)
    else:
        label = name or str(source)

        def read(task):
            return read_csv_dataset(source, task=task)
    X, Y = read("regression")  # any finite numbers: first see how many columns there are
    n_columns = X.shape[0] + 1
    if n_columns == 2:
        return _checked(X, Y, "regression", label)
    if n_columns != 3:
        raise ValueError(f"{label!r} has {n_columns} columns; expected 2 or 3. {_LAYOUT}")
    try:
        X, Y = read(None)  # whole-number labels, with the loader's message otherwise
    except ValueError as exc:
        raise ValueError(f"{exc} ({_LAYOUT})") from None
    if set(np.unique(Y)) <= {0.0, 1.0}:
        return _checked(X, Y, "binary", label)
    X, Y = read("multiclass")
    return _checked(X, Y, "multiclass", label)


def custom_from_arrays(X, Y, name="your data") -> CustomData:
    """Check ``X``, ``Y`` given in code (course layout: one column per example).

    ``X`` with one row is regression; with two rows, ``Y`` decides: one row of 0/1 is
    binary, one row of whole numbers ``0..K-1`` or a one-hot ``(K, m)`` is multiclass.
    """
    X = _float_array(X, "X")
    Y = _float_array(Y, "Y")
    if Y.ndim == 1:
        Y = Y.reshape(1, -1)
    if X.ndim != 2 or X.shape[0] not in (1, 2):
        raise ValueError(
            f"X must have shape (1, m) for regression or (2, m) for classification (one column "
            f"per example); got {X.shape}."
            + (" Use X.T." if X.ndim == 2 and X.shape[1] in (1, 2) else "")
        )
    if Y.ndim != 2 or Y.shape[1] != X.shape[1]:
        raise ValueError(
            f"Y must have one column per example of X, shape (1, {X.shape[1]}) (or one-hot "
            f"(K, {X.shape[1]})); got {Y.shape}." + (" Use Y.T." if Y.ndim == 2 and
                                                      Y.shape[0] == X.shape[1] else "")
        )
    if X.shape[0] == 1:
        if Y.shape[0] != 1:
            raise ValueError(f"Regression (X with one row) needs Y of shape (1, m); got {Y.shape}.")
        return _checked(X, Y, "regression", name)
    if Y.shape[0] > 1:
        if not (np.isin(Y, (0.0, 1.0)).all() and (Y.sum(axis=0) == 1).all()):
            raise ValueError(
                f"Y with {Y.shape[0]} rows must be one-hot (each column all 0 but a single 1); "
                "got other values. Pass class labels as one row (1, m) instead."
            )
        return _checked(X, Y, "multiclass", name)
    labels = Y[0]
    if set(np.unique(labels)) <= {0.0, 1.0}:
        return _checked(X, Y, "binary", name)
    classes = np.unique(labels)
    if not (labels == np.round(labels)).all() or classes.min() < 0:
        raise ValueError(
            "Y for classification must hold class labels 0/1 or 0..K-1; got values such as "
            f"{[float(v) for v in classes[:5]]}. For regression pass X with one row (x) and "
            "Y with the targets."
        )
    K = int(classes.max()) + 1
    missing = sorted(set(range(K)) - set(classes.astype(int)))
    if missing:
        raise ValueError(
            f"Y must use every class 0..{K - 1} at least once; class(es) {missing[:5]} never "
            "appear." + (" The labels look like 1..K: subtract 1." if missing == [0] else "")
        )
    one_hot = np.zeros((K, labels.size))
    one_hot[labels.astype(int), np.arange(labels.size)] = 1.0
    return _checked(X, one_hot, "multiclass", name)


def _float_array(a, name):
    try:
        arr = np.array(a, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be an array of numbers (one column per example); got "
            f"{type(a).__name__} that numpy cannot turn into floats."
        ) from None
    if not np.isfinite(arr).all():
        raise ValueError(
            f"{name} must be finite; it holds {int((~np.isfinite(arr)).sum())} NaN or infinite "
            "value(s). Remove those examples first."
        )
    return arr


def _checked(X, Y, task, name) -> CustomData:
    m = X.shape[1]
    if task != "regression" and X.shape[0] != 2:
        raise ValueError(f"{name!r}: classification needs exactly 2 inputs x1, x2; got {X.shape[0]}. {_LAYOUT}")
    if not 4 <= m <= MAX_EXAMPLES:
        raise ValueError(
            f"{name!r} has {m} examples; the playground needs 4 to {MAX_EXAMPLES} (some for "
            "training, some for testing). "
            + ("Add examples." if m < 4 else "Use a random subset of the rows.")
        )
    if task != "regression":
        counts = Y.sum(axis=1) if Y.shape[0] > 1 else np.array([m - Y.sum(), Y.sum()])
        if (counts == 0).any():
            raise ValueError(
                f"{name!r}: every example has the same label; a classifier needs at least two "
                "classes. Check the label column."
            )
    if np.ptp(X, axis=1).min() == 0:
        raise ValueError(f"{name!r}: an input column has the same value in every row; the "
                         "playground cannot draw or scale it. Check the columns.")
    columns = [("x1", X[0]), ("x2", X[1])] if X.shape[0] == 2 else [("x", X[0])]
    if task == "regression":
        columns.append(("y", Y[0]))
    for column, values in columns:
        problem = find_outlier(values)
        if problem is not None:
            row, value, low, high = problem
            raise ValueError(
                f"{name!r}: the value {value:.6g} in column {column}, data row {row}, lies far "
                f"outside the others (the middle half lies between {low:.4g} and {high:.4g}). "
                "Drawn and scaled with it, every other point would sit on a line. Correct or "
                "remove that row, then upload again."
            )
    X = np.ascontiguousarray(X)
    Y = np.ascontiguousarray(Y)
    X.setflags(write=False)
    Y.setflags(write=False)
    return CustomData(X, Y, task, name)


def find_outlier(values):
    """The most extreme value of ``values`` if it is an outlier, else None.

    An outlier lies more than :data:`OUTLIER_SPREADS` robust spreads from the median; the
    robust spread is ``1.4826 × median |v - median|`` (or, when more than half the values
    are equal, the smallest other deviation), which one wild value cannot inflate.

    Returns
    -------
    tuple ``(row, value, q25, q75)`` or None
        ``row`` counts the data rows from 1; ``q25``, ``q75`` bound the middle half.
    """
    values = np.asarray(values, dtype=np.float64)
    centre = np.median(values)
    deviation = np.abs(values - centre)
    spread = np.median(deviation)
    if spread == 0:
        others = deviation[deviation > 0]
        if others.size == 0:
            return None
        spread = others.min()
    worst = int(np.argmax(deviation))
    if deviation[worst] <= OUTLIER_SPREADS * 1.4826 * spread:
        return None
    q25, q75 = np.percentile(values, [25, 75])
    return worst + 1, float(values[worst]), float(q25), float(q75)
