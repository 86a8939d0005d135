"""Running a learner's function safely: no exception, no print, no traceback escapes.

An error inside the learner's code becomes one sentence naming the line *of their function*
(counted from its ``def``), the source line and a hint in course terms.
"""

from __future__ import annotations

import contextlib
import copy
import io
import linecache
import os
import sys
import warnings
from dataclasses import dataclass

import numpy as np

__all__ = ["run", "describe", "Ran"]

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_NUMPY_DIR = os.path.dirname(os.path.abspath(np.__file__))


@dataclass
class Ran:
    value: object = None
    error: str | None = None
    stdout: str = ""


@contextlib.contextmanager
def _no_figures():
    """A learner's model may plot its costs (older course versions do): show nothing."""
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is None:
        yield
        return
    before, show = set(plt.get_fignums()), plt.show
    plt.show = lambda *args, **kwargs: None
    try:
        yield
    finally:
        plt.show = show
        for number in set(plt.get_fignums()) - before:
            plt.close(number)


def run(fn, args, seed_before=None):
    """Call the learner's ``fn`` on copies of ``args``: never raises, never prints or plots."""
    args = copy.deepcopy(args)
    if seed_before is not None:
        np.random.seed(seed_before)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), np.errstate(all="ignore"), \
                warnings.catch_warnings(), _no_figures():
            warnings.simplefilter("ignore")
            value = fn(*args)
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - the learner's error becomes a sentence
        return Ran(error=_explain_exception(exc, fn), stdout=out.getvalue())
    return Ran(value=value, stdout=out.getvalue())


def _is_learner_frame(filename):
    path = os.path.abspath(filename)
    return not (path.startswith(_PACKAGE_DIR) or path.startswith(_NUMPY_DIR)
                or "site-packages" in path or path.startswith(os.path.dirname(os.__file__)))


def _explain_exception(exc, fn):
    tb, frame_info = exc.__traceback__, None
    while tb is not None:
        code = tb.tb_frame.f_code
        if _is_learner_frame(code.co_filename):
            frame_info = (code, tb.tb_lineno)
        tb = tb.tb_next
    where = ""
    if frame_info is not None:
        code, lineno = frame_info
        source = linecache.getline(code.co_filename, lineno).strip()
        where = f" at line {lineno - code.co_firstlineno + 1} of {code.co_name}"
        if source:
            where += f": `{source}`"
    message = str(exc) or "(no message)"
    text = f"your function raised {type(exc).__name__}{where} — {message.rstrip('.')}."
    hint = _exception_hint(exc, message)
    return text + (f" Hint: {hint}" if hint else "")


def _exception_hint(exc, message):
    if isinstance(exc, TypeError) and ("required positional argument" in message
                                       or "positional arguments but" in message):
        if "divide()" not in message:
            return ("the function's parameters differ from the course's: keep the course's "
                    "signature, e.g. linear_backward(dZ, cache), L_model_backward(AL, Y, caches).")
    if "divide()" in message and "positional argument" in message:
        return ("np.divide got a single argument, so a parenthesis closes too early: "
                "np.divide(1 - Y), (1 - AL) should be np.divide(1 - Y, 1 - AL).")
    if "not aligned" in message or "matmul" in message:
        return ("the shapes of a matrix product do not fit; check which factor is transposed "
                "(Z = W·A + b, dW = dZ·A_prevᵀ, dA_prev = Wᵀ·dZ).")
    if "could not be broadcast" in message:
        return "two arrays of incompatible shapes meet in an element-wise operation; print their shapes."
    if "values to unpack" in message:
        return ("a tuple has another number of parts than expected; a layer's cache in the course is "
                "(linear_cache, activation_cache) = ((A_prev, W, b), Z).")
    if isinstance(exc, KeyError):
        return ("a dict lacks this key. parameters holds 'W1', 'b1', ...; grads 'dA0', 'dW1', "
                "'db1', ...; the planar cache 'Z1', 'A1', 'Z2', 'A2'.")
    if isinstance(exc, NameError):
        return "a name your function uses is not defined here: run the cell that defines it first."
    return ""



def describe(value):
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return "a 0-d numpy array"
        return f"a numpy array of shape {value.shape}"
    if isinstance(value, dict):
        return f"a dict with keys {list(value)[:8]}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} items"
    if isinstance(value, (bool, np.bool_)):
        return f"the boolean {bool(value)}"
    if isinstance(value, (int, float, np.number)):
        return f"the number {float(value):.6g}"
    return f"a {type(value).__name__}"
