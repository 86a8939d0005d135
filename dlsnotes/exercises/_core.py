"""Checkers for learners' exercises that explain *what* is wrong.

A checker runs the learner's function on a few inputs and compares with the reference.
When they differ it looks for the usual mistakes — wrong shape, summed or averaged over
the examples, off by ``1/m``, sign flipped, or equal to a known wrong variant (such as
``dA`` returned without the activation's derivative) — and says which one it is.

A checker never crashes, whatever the learner's function does: it may return ``None``, a
string, a list, a boolean array such as ``Z > 0``, an array of the wrong shape or full of
NaN, or raise. Each of these becomes a sentence saying what was expected, what came back
and a hint. :func:`run_checks` and :func:`diagnose` give every checker that robustness;
:func:`checker` is a last safety net for checkers with logic of their own.
"""

from __future__ import annotations

import functools
import inspect
import linecache
import os
import sysconfig
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "CheckResult",
    "Case",
    "run_checks",
    "diagnose",
    "describe",
    "explain_exception",
    "checker",
    "not_a_function",
]


@dataclass
class Case:
    """One input to try: ``args`` for the learner's function and the reference answer.

    ``variants`` maps an explanation to the array a known mistake would return;
    ``returns`` says in words what the function should return, when "a numpy array of
    shape ``expected.shape``" is not the right description (e.g. a dict or a tuple).
    """

    args: tuple
    expected: np.ndarray
    variants: dict = field(default_factory=dict)
    m: int | None = None  # number of examples, to recognise a stray 1/m
    returns: str | None = None


@dataclass
class CheckResult:
    """Verdict of a checker; prints as a short report."""

    name: str
    passed: bool
    messages: list

    def __str__(self):
        if self.passed:
            return f"✔ {self.name}: all tests passed."
        return f"✘ {self.name}: " + "\n  ".join(self.messages)

    def __bool__(self):
        return self.passed

    _repr_pretty_ = lambda self, p, cycle: p.text(str(self))  # noqa: E731


# --------------------------------------------------------------------------- describing values
def _safe_repr(value, limit=40) -> str:
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a learner's object may have a broken __repr__
        return f"<{type(value).__name__} object>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _safe_str(exc: BaseException, limit=400) -> str:
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001
        text = ""
    text = text or "(no message)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(value) -> str:
    """A short phrase for any value, e.g. ``"a boolean numpy array of shape (3, 4)"``.

    Never raises, never prints a whole array: it is used to say *what came back*.
    """
    try:
        return _describe(value)
    except Exception:  # noqa: BLE001
        return f"a {type(value).__name__} object"


def _describe(value) -> str:
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return f"the boolean {bool(value)}"
    if isinstance(value, np.ndarray):
        kind = {"b": "boolean", "i": "integer", "u": "integer", "f": "float", "c": "complex",
                "U": "string", "S": "bytes", "O": "object"}.get(value.dtype.kind, str(value.dtype))
        if value.ndim == 0:
            return f"a 0-d {kind} numpy array ({_safe_repr(value.item())})"
        article = "an" if kind[0] in "aeiou" else "a"
        return f"{article} {kind} numpy array of shape {value.shape}"
    if isinstance(value, np.number):
        value = value.item()  # 1.5, not np.float64(1.5)
    if isinstance(value, (int, float, complex)):
        return f"the number {_safe_repr(value)}"
    if isinstance(value, (str, bytes)):
        return f"the {'string' if isinstance(value, str) else 'bytes'} {_safe_repr(value)}"
    if isinstance(value, dict):
        keys = list(value)
        more = ", …" if len(keys) > 6 else ""
        return f"a dict with keys [{', '.join(_safe_repr(k, 12) for k in keys[:6])}{more}]"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} item{'s' if len(value) != 1 else ''}"
    if callable(value):
        return f"the function {getattr(value, '__name__', type(value).__name__)}"
    return f"a {type(value).__name__} object"


def _expected_text(expected, returns=None) -> str:
    if returns:
        return returns
    expected = np.asarray(expected)
    if expected.ndim == 0:
        return "a single number"
    return f"a float numpy array of shape {expected.shape}"


# --------------------------------------------------------------------------- comparing
def _close(a, b):
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-7, atol=1e-10))


def diagnose(got, expected, variants=None, m=None, returns=None) -> str | None:
    """``None`` when ``got`` equals ``expected``; otherwise the most specific explanation.

    ``got`` may be anything a learner's function returns; the answer is always a
    sentence (what was expected, what came back, a hint), never an exception.
    """
    try:
        with np.errstate(all="ignore"):
            return _diagnose(got, np.asarray(expected, dtype=float), variants or {}, m, returns)
    except Exception as exc:  # noqa: BLE001 - the learner's value must never crash the checker
        return (f"expected {_expected_text(expected, returns)}, got {describe(got)}, which "
                f"could not be compared with it ({type(exc).__name__}: {_safe_str(exc, 120)}).")


def _as_numbers(got, expected, returns):
    """``(array, note, problem)``: ``got`` as a float array, with a note on its type, or a
    problem sentence when it cannot be read as numbers."""
    want = _expected_text(expected, returns)
    if got is None:
        return None, None, ("the function returned None: did you forget the `return` "
                            f"statement? Expected {want}.")
    if isinstance(got, (str, bytes)):
        return None, None, (f"expected {want}, got {describe(got)}. Return the computed "
                            "array itself, not text (print() and f-strings make text).")
    if isinstance(got, (bool, np.bool_)):
        return None, None, (f"expected {want}, got {describe(got)}: a comparison such as "
                            "`A > 0` was returned instead of the numbers computed from it.")
    if isinstance(got, (list, tuple)):
        for position, item in enumerate(got):
            item_array = _float_array(item)
            if item_array is not None and _close(item_array, expected):
                return None, None, (
                    f"expected {want}, got {describe(got)} whose item {position} is the right "
                    "answer: return only that array, not a tuple or list around it.")
        if isinstance(got, tuple) and len(got) > 1:
            return None, None, (f"expected {want}, got {describe(got)}: return one array, "
                                "not several values separated by commas.")
        if len(got) and expected.ndim and _float_array(got) is not None:
            return None, None, (f"expected {want}, got {describe(got)}. Return a numpy "
                                "array (np.array(...)), as numpy operations on the inputs give.")
        return None, None, f"expected {want}, got {describe(got)}."
    if isinstance(got, (int, float, complex, np.number)):
        got = np.asarray(got)
    if not isinstance(got, np.ndarray):
        return None, None, f"expected {want}, got {describe(got)}."
    note = None
    kind = got.dtype.kind
    if kind == "b":
        note = (f"the function returned {describe(got)} (True/False, as a comparison like "
                "Z > 0 gives); use it to multiply, e.g. dA * (Z > 0), or convert with "
                ".astype(float).")
    elif kind in "iu":
        note = (f"the function returned {describe(got)}: whole numbers only, so fractions "
                "were lost (an array made with dtype=int, or // instead of /?).")
    elif kind == "c":
        if np.any(np.imag(got) != 0):
            return None, None, (f"expected {want} of real numbers, got {describe(got)}: a square "
                                "root or power of a negative number?")
        got = np.real(got)
    elif kind in "USV":
        return None, None, (f"expected {want}, got {describe(got)}: text, not numbers. "
                            "Return the computed array itself.")
    elif kind not in "f":
        array = _float_array(got)
        if array is None:
            return None, None, (f"expected {want} of numbers, got {describe(got)} whose "
                                "entries are not numbers.")
        got = array
    return np.array(got, dtype=float, subok=False), note, None


def _float_array(value):
    try:
        array = np.array(value, dtype=float, subok=False)
    except Exception:  # noqa: BLE001
        return None
    return array


def _diagnose(got, expected, variants, m, returns):
    array, note, problem = _as_numbers(got, expected, returns)
    if problem:
        return problem
    if _close(array, expected):
        return None
    for explanation, wrong in variants.items():
        if _close(array, np.asarray(wrong, dtype=float)):
            return explanation
    problem = _shape_problem(array, expected) or _value_problem(array, expected, m)
    return f"{note} Compared as numbers: {problem}" if note else problem


def _shape_problem(got, expected):
    if got.shape == expected.shape:
        return None
    if expected.ndim == 0:
        return (f"expected a single number, got an array of shape {got.shape}: reduce it to "
                "one number (np.linalg.norm and np.sum give one).")
    if expected.ndim == 2 and got.size in (1, expected.shape[0]) and expected.shape[1] > 1:
        return (f"shape {got.shape} instead of {expected.shape}: the result was summed or "
                "averaged over the examples. Keep one column per example: no np.sum over "
                "axis=1 here (the sum and 1/m belong to dW and db only).")
    text = f"wrong shape: expected {expected.shape}, got {got.shape}"
    if got.shape == expected.shape[::-1] and _close(got.T, expected):
        return (f"{text}: the result is transposed. Keep one row per unit and one column "
                "per example.")
    if got.size == expected.size and _close(got.reshape(expected.shape), expected):
        return (f"{text}: the right numbers, flattened or reshaped. Keep the shape the "
                "maths gives (keepdims=True keeps a sum 2-D).")
    return f"{text}."


def _value_problem(got, expected, m):
    if m and _close(got * m, expected):
        return "off by a factor 1/m: this quantity has no 1/m (only dW and db do)."
    if m and _close(got / m, expected):
        return "missing a factor 1/m: average over the m examples."
    if _close(-got, expected):
        return "the sign is flipped."
    bad = ~np.isfinite(got)
    if bad.any() and np.isfinite(expected).all():
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        return (f"{int(bad.sum())} of the {got.size} values are NaN or infinite (the first at "
                f"index {first}, where {float(expected[first]):.6g} was expected). inf comes "
                "from a division by 0 or an overflow (np.exp of a large number); NaN from "
                "0/0, inf - inf or the log of a negative number.")
    factor = _constant_factor(got, expected)
    if factor is not None:
        return (f"every value is {factor:.4g} times the expected one: a coefficient is "
                "missing or extra (a ½ or 2, a 1/m, a learning rate?).")
    worst = np.unravel_index(np.argmax(np.abs(got - expected)), expected.shape)
    text = (f"values differ: at index {tuple(int(i) for i in worst)} expected "
            f"{expected[worst]:.6g}, got {got[worst]:.6g}.")
    if np.allclose(got, expected, rtol=1e-4, atol=1e-6):
        text += (" The difference is small: a float32 intermediate, or an epsilon/rounding "
                 "the exercise does not use?")
    return text


def _constant_factor(got, expected):
    """``c`` when ``got == c * expected`` for one constant ``c`` (not 0 or 1), else None."""
    if expected.size < 2 or not np.isfinite(got).all():
        return None
    scale = np.abs(expected).max()
    if scale == 0:
        return None
    big = np.abs(expected) > 1e-3 * scale
    c = float(np.median(got[big] / expected[big]))
    if not np.isfinite(c) or c == 0 or np.isclose(c, 1.0):
        return None
    return c if _close(got, c * expected) else None


# --------------------------------------------------------------------------- exceptions
_LIBRARY_DIRS = tuple(
    os.path.normcase(os.path.realpath(p)) + os.sep
    for p in {sysconfig.get_paths().get(key) for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    | {os.path.dirname(os.path.dirname(os.path.abspath(__file__))), os.path.dirname(np.__file__)}
    if p
)


def _is_learner_file(filename: str) -> bool:
    """Whether a traceback frame comes from the learner's code (a notebook cell, a script),
    rather than from dlsnotes, numpy or the standard library."""
    if filename.startswith("<frozen"):
        return False
    path = os.path.normcase(os.path.realpath(filename)) if not filename.startswith("<") else filename
    return not path.startswith(_LIBRARY_DIRS)


def _chain(exc):
    seen = []
    while exc is not None and exc not in seen and len(seen) < 10:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__
    return seen


def _learner_frames(exc):
    frames = []
    for link in _chain(exc):
        frames += [f for f in _frames(link.__traceback__) if _is_learner_file(f[0])]
    return frames


def _frames(tb):
    out = []
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
        tb = tb.tb_next
    return out


def _argument_names(fn, n):
    try:
        names = [p.name for p in inspect.signature(fn).parameters.values()
                 if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        names = []
    return (names + [f"argument {i + 1}" for i in range(len(names), n)])[:n]


def _inputs_text(fn, args) -> str:
    parts = [f"{name} {np.shape(a)}" for name, a in zip(_argument_names(fn, len(args)), args)
             if isinstance(a, np.ndarray)]
    return f" The inputs had shapes {', '.join(parts)}." if parts else ""


_SHAPE_WORDS = ("broadcast", "align", "matmul", "shape", "mismatch", "dimension")


def _raised_on_purpose(exc) -> bool:
    """Whether a checker raised ``exc`` itself as an explanation (``raise ...``), rather
    than tripping over a strange value (numpy failing inside a line of the checker)."""
    if type(exc).__module__.startswith("dlsnotes"):
        return True
    frames = _frames(exc.__traceback__)
    if not frames:
        return False
    filename, line = frames[-1]
    return linecache.getline(filename, line).lstrip().startswith("raise ")


def explain_exception(exc: Exception, fn=None, args=(), expected=None, returns=None) -> str:
    """A sentence for an exception raised while checking a learner's function.

    An error that passed through the learner's code keeps numpy's wording, prefixed with
    ``raised <Type>:``, and gets the line of the learner's code and, for a shape error,
    the shapes of the inputs. An error raised by the checker itself while reading a
    strange return value says what was expected instead.
    """
    try:
        message = _safe_str(exc)
        # Frames of this exception itself, or of the one it was translated from (a
        # checker may re-raise numpy's error with an explanation of its own).
        own = [f for f in _frames(exc.__traceback__) if _is_learner_file(f[0])]
        if own or _learner_frames(exc) or _raised_on_purpose(exc):
            text = f"raised {type(exc).__name__}: {message}"
            if own:
                filename, line = own[-1]
                source = _safe_repr(linecache.getline(filename, line).strip(), 100)[1:-1]
                if source:
                    text += f" (at line {line} of your code: `{source}`)"
                if isinstance(exc, ValueError) and any(w in message for w in _SHAPE_WORDS):
                    text += _inputs_text(fn, args)
            return text
        want = _expected_text(expected, returns) if expected is not None or returns else \
            "what the exercise describes"
        return (f"what the function returned could not be used ({type(exc).__name__}: "
                f"{message}). Expected {want}.")
    except Exception:  # noqa: BLE001
        return f"raised {type(exc).__name__}."


def not_a_function(name: str, fn, check_name: str | None = None) -> CheckResult | None:
    """The verdict when ``fn`` is not callable (``check(f(x))`` instead of ``check(f)``)."""
    if callable(fn):
        return None
    example = f"{check_name}(your_function)" if check_name else "the checker"
    return CheckResult(name, False, [
        f"expected your function itself, as in {example}, got {describe(fn)}. Pass the "
        "function's name without calling it (no parentheses after it)."])


# --------------------------------------------------------------------------- running
def run_checks(name, fn, cases, pick=None) -> CheckResult:
    """Run ``fn(*case.args)`` for each case; ``pick`` selects the array to compare from the return value."""
    refused = not_a_function(name, fn)
    if refused is not None:
        return refused
    messages = []
    for i, case in enumerate(cases, start=1):
        try:
            # The learner's overflow or 0/0 shows up in the verdict; no warning wall.
            with np.errstate(all="ignore"):
                got = fn(*case.args)
        except Exception as exc:  # the learner's code: report, do not crash the notebook
            messages.append(f"test {i}: {explain_exception(exc, fn, case.args, case.expected, case.returns)}")
            continue
        if pick is not None and got is not None:
            try:
                with np.errstate(all="ignore"):
                    got = pick(got)
            except Exception as exc:  # noqa: BLE001
                want = case.returns or "what the exercise describes"
                messages.append(f"test {i}: expected {want}, got {describe(got)}, which could not "
                                f"be read ({type(exc).__name__}: {_safe_str(exc, 120)}).")
                continue
        problem = diagnose(got, case.expected, case.variants, case.m, case.returns)
        if problem:
            messages.append(f"test {i}: {problem}")
    return CheckResult(name, not messages, messages)


def checker(name: str):
    """Decorator for a ``check_*(fn)`` function: whatever goes wrong becomes a verdict.

    A non-callable ``fn`` is refused with a sentence, and an exception escaping the
    checker (its own logic tripping over a strange return value) becomes a failed
    :class:`CheckResult` that says so, instead of a traceback in the learner's notebook.
    """
    def decorate(check):
        @functools.wraps(check)
        def safe(fn, *args, **kwargs):
            refused = not_a_function(name, fn, check.__name__)
            if refused is not None:
                return refused
            try:
                with np.errstate(all="ignore"):
                    return check(fn, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - the verdict replaces the traceback
                return CheckResult(name, False, [explain_exception(exc, fn)])
        return safe
    return decorate
