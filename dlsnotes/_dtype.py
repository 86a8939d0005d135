"""The floating-point precision a network trains and predicts in: ``dtype=``.

float64 (the default) is what the course uses and what gradient checking needs; float32
halves the memory and lets numpy's vectorised ``tanh``/``exp`` process twice as many
numbers per instruction, so element-wise work runs several times faster. Only these two
are offered: float16 loses too much precision for gradient descent in numpy.
"""

from __future__ import annotations

import numpy as np

__all__ = ["DTYPES", "check_dtype", "as_dtype"]

#: The precisions on offer, by name.
DTYPES = {"float64": np.float64, "float32": np.float32}


def check_dtype(dtype, name="dtype"):
    """``np.float64`` or ``np.float32`` for ``dtype``, or a ValueError listing what is allowed.

    Accepts the numpy types ``np.float64`` / ``np.float32``, their ``np.dtype`` objects and
    the strings ``"float64"`` / ``"float32"``.
    """
    for key, value in DTYPES.items():
        if dtype is value or (isinstance(dtype, str) and dtype == key):
            return value
        if isinstance(dtype, np.dtype) and dtype == np.dtype(value):
            return value
    shown = getattr(dtype, "__name__", None) or repr(dtype)
    raise ValueError(
        f"{name} must be one of np.float64, np.float32, 'float64' or 'float32'; got {shown}. "
        "Use np.float64 (the default, needed for gradient checking) or np.float32 (faster)."
    )


def as_dtype(arrays, dtype):
    """The dict ``arrays`` with every value in ``dtype`` (no copy where it already is)."""
    return {k: v.astype(dtype, copy=False) for k, v in arrays.items()}
