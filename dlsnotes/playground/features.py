"""TensorFlow Playground's data controls, without widgets: input features, noise, split.

* :func:`feature_map` turns the raw inputs ``(x1, x2)`` (or ``x`` for 1-D regression) into
  the rows the network sees: any of ``x1, x2, x1², x2², x1·x2, sin x1, sin x2``.
* :func:`add_noise` adds Gaussian noise of a given level (percent of each column's spread)
  with a fixed seed, so the same level always gives the same points.
* :func:`split_indices` splits ``m`` examples into train and test at a ratio in percent,
  with a fixed seed: the split depends only on ``m`` and the ratio.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["FEATURES", "FEATURE_LABELS", "check_features", "feature_map", "add_noise",
           "split_indices", "NOISE_SEED", "SPLIT_SEED"]

#: Feature name -> (function of the raw rows x1, x2, which raw rows it needs).
FEATURES = {
    "x1": (lambda x1, x2: x1, (0,)),
    "x2": (lambda x1, x2: x2, (1,)),
    "x1sq": (lambda x1, x2: x1 ** 2, (0,)),
    "x2sq": (lambda x1, x2: x2 ** 2, (1,)),
    "x1x2": (lambda x1, x2: x1 * x2, (0, 1)),
    "sin_x1": (lambda x1, x2: np.sin(x1), (0,)),
    "sin_x2": (lambda x1, x2: np.sin(x2), (1,)),
}
#: How each feature is written for the learner.
FEATURE_LABELS = {"x1": "x1", "x2": "x2", "x1sq": "x1²", "x2sq": "x2²", "x1x2": "x1·x2",
                  "sin_x1": "sin x1", "sin_x2": "sin x2"}
#: Seeds of the noise and of the split: fixed, so that the model's seed changes the initial
#: weights and nothing else.
NOISE_SEED = 0
SPLIT_SEED = 0


def check_features(features, n_inputs=2):
    """``features`` as a tuple of names in :data:`FEATURES` order, or a clear error.

    ``None`` means the raw inputs (``x1, x2``, or ``x1`` for one input).
    """
    if features is None:
        return None
    if isinstance(features, str):
        features = (features,)
    if not isinstance(features, (tuple, list)) or not all(isinstance(f, str) for f in features):
        raise TypeError(
            f"features must be a tuple of feature names from {list(FEATURES)}; got "
            f"{features!r}. Use e.g. features=('x1', 'x2', 'x1x2')."
        )
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        raise ValueError(
            f"The feature(s) {unknown} are not supported. Supported features are "
            f"{list(FEATURES)} (x1sq is x1², x1x2 is x1·x2, sin_x1 is sin x1)."
        )
    if not features:
        raise ValueError(
            "features must name at least one input feature; got none. Tick x1 (and x2), "
            "or pass features=None for the raw inputs."
        )
    if len(set(features)) != len(features):
        raise ValueError(f"features must not repeat a name; got {list(features)}.")
    needs_x2 = [f for f in features if 1 in FEATURES[f][1]]
    if n_inputs < 2 and needs_x2:
        raise ValueError(
            f"This data set has one input (x, called x1), so the feature(s) {needs_x2} that "
            "use x2 are not available. Choose among ['x1', 'x1sq', 'sin_x1']."
        )
    return tuple(f for f in FEATURES if f in features)  # a fixed order: one text per choice


def feature_map(X, features):
    """The rows the network sees for raw inputs ``X`` ``(n_inputs, k)``.

    Returns ``X`` itself for ``features=None``, else an array ``(len(features), k)``.
    """
    if features is None:
        return X
    x1 = X[0]
    x2 = X[1] if X.shape[0] > 1 else None
    return np.vstack([FEATURES[name][0](x1, x2) for name in features])


def check_noise(noise) -> int:
    if isinstance(noise, bool) or not isinstance(noise, numbers.Integral) or not 0 <= noise <= 100:
        raise ValueError(
            f"noise must be a whole percentage from 0 to 100; got {noise!r}. TensorFlow "
            "Playground offers 0 to 50; 0 keeps the data as drawn."
        )
    return int(noise)


def add_noise(X, Y, task, noise):
    """Gaussian noise of ``noise`` percent of each column's standard deviation.

    Classification: added to the inputs (the labels stay). Regression: added to ``y`` (the
    inputs stay), as TensorFlow Playground does. Always drawn with :data:`NOISE_SEED`.
    """
    noise = check_noise(noise)
    if noise == 0:
        return X, Y
    rng = np.random.RandomState(NOISE_SEED)
    if task == "regression":
        sd = Y.std(axis=1, keepdims=True) * noise / 100
        return X, Y + sd * rng.randn(*Y.shape)
    sd = X.std(axis=1, keepdims=True) * noise / 100
    return X + sd * rng.randn(*X.shape), Y


def check_train_ratio(ratio) -> int:
    if isinstance(ratio, bool) or not isinstance(ratio, numbers.Integral) or not 10 <= ratio <= 90:
        raise ValueError(
            f"train_ratio must be a whole percentage from 10 to 90 (the share of examples "
            f"used for training); got {ratio!r}. The course-like default is 70."
        )
    return int(ratio)


def split_indices(m, train_ratio=70):
    """``(train, test)`` column indices: a fixed permutation cut at ``train_ratio`` percent.

    At least one example lands on each side.
    """
    train_ratio = check_train_ratio(train_ratio)
    if m < 2:
        raise ValueError(f"A data set needs at least 2 examples to split into train and test; got {m}.")
    order = np.random.RandomState(SPLIT_SEED).permutation(m)
    n_test = min(max(int(round((100 - train_ratio) * m / 100)), 1), m - 1)
    return order[n_test:], order[:n_test]
