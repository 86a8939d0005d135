"""The one checker core: how a learner's function is run, compared and explained.

Every checker of the package uses it — the notebooks' exercise checkers
(:mod:`dlsnotes.exercises`) and :func:`dlsnotes.course.check` — so the same function gets
the same verdict everywhere:

* :func:`run` calls the learner's function safely: on copies of the inputs, with its
  prints, plots and numpy warnings swallowed; an exception becomes one sentence naming
  the line of the learner's code (:func:`explain_exception`), never a traceback.
* :func:`diagnose` (one value) and :func:`compare` (a tuple or dict of values) compare
  what came back with the reference and name the mistake: a known wrong variant first,
  then the usual ones — wrong shape (summed over the examples, no ``keepdims``,
  transposed), off by ``m`` (a missing or extra ``1/m``), a flipped sign, NaN, a constant
  factor. Each explanation is a :class:`Mistake`: a sentence with a stable ``key`` (an
  exception's key names its likely cause, ``raised:shapes``, ``raised:layers_count``, ...).
* :func:`point_at` finds the line of the learner's code a mistake is about (the code it is
  written with, ``Z >= 0``, or the last assignment of the output it concerns), and
  :func:`merge_messages` says a mistake once for all the tests it was seen in.
* A :class:`Case` may name inputs the function must not change (``keep_inputs``): the
  runner records the arrays changed in place, as an in-place ``relu_backward`` does.
* The shared test inputs, one set per concept, with their known mistakes:
  :func:`dAL_mse_cases`, :func:`relu_backward_cases`, :func:`sigmoid_backward_cases`,
  :func:`linear_backward_cases`, :func:`update_parameters_cases`, :func:`bce_cost_cases`.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import inspect
import io
import linecache
import os
import re
import sys
import sysconfig
import warnings
from dataclasses import dataclass, field

import numpy as np

from ._validation import check_dA

__all__ = [
    "Mistake", "Case", "CheckResult", "Ran",
    "describe", "explain_exception", "run", "close", "diagnose", "compare",
    "run_checks", "checker", "not_a_function", "point_at", "merge_messages",
    "dAL_mse_cases", "relu_backward_cases", "sigmoid_backward_cases",
    "linear_backward_cases", "reference_linear_backward", "update_parameters_cases",
    "bce_cost_cases", "dAL_bce_cases",
    "use_yours_or_reference",
]


# --------------------------------------------------------------------------- verdict pieces
class Mistake(str):
    """An explanation (the sentence itself) with a stable ``key`` naming the mistake.

    Two checkers agree when they return the same keys, whatever their wording around it.
    ``output`` is the returned value it concerns (``"dW"``), when the function returns
    several.
    """

    def __new__(cls, text, key=None, output=None):
        obj = super().__new__(cls, text)
        obj.key = key or getattr(text, "key", None) or _slug(text)
        obj.output = output
        obj.prefixed = False  # whether reports put "output: " in front of the sentence
        obj.whole = False  # a known mistake matched by the whole return value
        obj.gap = None
        return obj

    def about(self, output):
        """The same mistake, said of one output of the function."""
        return Mistake(str(self), self.key, output)


def _slug(text):
    return "named:" + re.sub(r"\W+", "_", str(text)[:48]).strip("_").lower()


@dataclass
class Case:
    """One input to try: ``args`` for the learner's function and the reference answer.

    ``variants`` maps a :class:`Mistake` (or its sentence) to what that mistake returns on
    these inputs (the whole return value); ``m`` is the number of examples, to recognise a
    stray ``1/m``; ``returns`` says in words what should come back when "a float array of
    shape ``expected.shape``" is not the right description. ``label``, ``ref_kwargs`` and
    ``seed_before`` serve :func:`dlsnotes.course.check` (the case's name in its report, the
    reference's options, the seed set before the call). ``keep_inputs`` names the inputs the
    function must leave unchanged, with the mistake of changing them.
    """

    args: tuple
    expected: object = None
    variants: dict = field(default_factory=dict)
    m: int | None = None
    returns: str | None = None
    label: str = ""
    ref_kwargs: dict = field(default_factory=dict)
    seed_before: int | None = 0
    #: argument position -> the :class:`Mistake` of changing that input in place (an array
    #: the caller still needs, as relu_backward's dA)
    keep_inputs: dict = field(default_factory=dict)


@dataclass
class CheckResult:
    """Verdict of an exercise checker; prints as a short report.

    ``mistakes`` holds the keys of the named mistakes found (see :class:`Mistake`).
    """

    name: str
    passed: bool
    messages: list
    mistakes: list = field(default_factory=list)

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

    Never raises, never prints a whole array: it says *what came back*.
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
    try:
        expected = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return "what the exercise describes"
    if expected.ndim == 0:
        return "a single number"
    return f"a float numpy array of shape {expected.shape}"


# --------------------------------------------------------------------------- running safely
@dataclass
class Ran:
    """What one call of the learner's function gave: ``value``, or ``error`` in words."""

    value: object = None
    error: str | None = None
    stdout: str = ""
    changed: tuple = ()  #: positions of the array arguments the function changed in place


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


def run(fn, args, seed_before=None) -> Ran:
    """Call the learner's ``fn(*args)`` on deep copies: never raises, prints or plots.

    The copies keep the checker's inputs intact whatever ``fn`` does to its arguments;
    ``seed_before`` is set first when given (for functions that draw random numbers).
    """
    try:
        given = copy.deepcopy(args)
    except Exception:  # noqa: BLE001 - an input that cannot be copied is passed as is
        given = args
    if seed_before is not None:
        np.random.seed(seed_before)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), np.errstate(all="ignore"), \
                warnings.catch_warnings(), _no_figures():
            warnings.simplefilter("ignore")
            value = fn(*given)
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - the learner's error becomes a sentence
        return Ran(error=explain_exception(exc, fn, args, learner=True), stdout=out.getvalue())
    changed = tuple(i for i, (before, after) in enumerate(zip(args, given))
                    if isinstance(before, np.ndarray) and after is not before
                    and not (np.shape(after) == before.shape
                             and np.array_equal(before, after, equal_nan=True)))
    return Ran(value=value, stdout=out.getvalue(), changed=changed)


_LIBRARY_DIRS = tuple(
    os.path.normcase(os.path.realpath(p)) + os.sep
    for p in {sysconfig.get_paths().get(key) for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    | {os.path.dirname(os.path.abspath(__file__)), os.path.dirname(np.__file__)}
    if p
)


def _is_learner_file(filename: str) -> bool:
    """Whether a traceback frame comes from the learner's code (a notebook cell, a script),
    rather than from dlsnotes, numpy or the standard library."""
    if filename.startswith("<frozen"):
        return False
    path = os.path.normcase(os.path.realpath(filename)) if not filename.startswith("<") else filename
    return not path.startswith(_LIBRARY_DIRS) and "site-packages" not in path


def _chain(exc):
    seen = []
    while exc is not None and exc not in seen and len(seen) < 10:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__
    return seen


def _learner_frames(tb):
    frames = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if _is_learner_file(code.co_filename):
            frames.append((code, tb.tb_lineno))
        tb = tb.tb_next
    return frames


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


def _exception_hint(exc, message):
    """The likely cause of a learner's exception, in course terms."""
    return _exception_cause(exc, message)[1]


def _exception_cause(exc, message):
    """``(key, hint)``: the likely cause of a learner's exception, named and in course terms."""
    if isinstance(exc, TypeError) and "divide()" in message and "positional argument" in message:
        return "raised:divide_parenthesis", (
            "np.divide got a single argument, so a parenthesis closes too early: "
            "np.divide(1 - Y), (1 - AL) should be np.divide(1 - Y, 1 - AL).")
    if isinstance(exc, TypeError) and ("required positional argument" in message
                                       or "positional arguments but" in message):
        return "raised:signature", (
            "the function's parameters differ from the course's: keep the course's "
            "signature, e.g. linear_backward(dZ, cache), L_model_backward(AL, Y, caches).")
    if "truth value of an array" in message:
        return "raised:if_on_array", (
            "`if A > 0:` was applied to a whole array, which Python cannot turn into one "
            "True/False. Work on all entries at once: a mask such as (Z > 0) multiplies, "
            "np.where(Z > 0, a, b) chooses. A test on A or Z is an activation's derivative, "
            "which belongs in relu_backward; dAL needs no test at all.")
    if "not aligned" in message or "matmul" in message:
        return "raised:shapes", (
            "the shapes of a matrix product do not fit; check which factor is transposed "
            "(Z = W·A + b, dW = dZ·A_prevᵀ, dA_prev = Wᵀ·dZ).")
    if "could not be broadcast" in message:
        return "raised:shapes", (
            "two arrays of incompatible shapes meet in an element-wise operation (`*` "
            "multiplies entry by entry; a matrix product is np.dot or @); print their shapes.")
    if "values to unpack" in message:
        return "raised:unpack", (
            "a tuple has another number of parts than expected; a layer's cache in the course is "
            "(linear_cache, activation_cache) = ((A_prev, W, b), Z).")
    if isinstance(exc, KeyError) and re.fullmatch(r"'d?[Wb]\d+'", message.strip()):
        return "raised:layers_count", (
            f"there is no {message.strip()}: the loop runs past the last layer. parameters "
            "holds a W and a b for each layer, so L = len(parameters) // 2 (and "
            "len(caches) in the backward pass).")
    if isinstance(exc, KeyError):
        return "raised:keys", (
            "a dict lacks this key. parameters holds 'W1', 'b1', ...; grads 'dA0', 'dW1', "
            "'db1', ...; the planar cache 'Z1', 'A1', 'Z2', 'A2'.")
    if "cache must be" in message:
        return "raised:cache", ""
    if isinstance(exc, NameError):
        return "raised:name", "a name your function uses is not defined here: run the cell that defines it first."
    if isinstance(exc, ValueError) and any(w in message for w in _SHAPE_WORDS):
        return "raised:shapes", ""
    return "raised:other", ""


def explain_exception(exc: BaseException, fn=None, args=(), expected=None, returns=None,
                      learner=False) -> str:
    """One sentence for an exception raised while checking a learner's function.

    An error that passed through the learner's code reads ``raised <Type> at line n of
    <function>: `source` — <message>. Hint: ...`` (lines counted from the function's
    ``def``), with the inputs' shapes for a shape error. An error the checker hit while
    reading a strange return value says what was expected instead. ``learner=True`` says
    the exception came from calling the learner's function (even if no frame of it ran:
    a call with the wrong number of arguments).
    """
    try:
        message = _safe_str(exc)
        frames = [f for link in _chain(exc) for f in _learner_frames(link.__traceback__)]
        if frames or learner or isinstance(exc, SystemExit):
            own = _learner_frames(exc.__traceback__) or frames
            where = ""
            if own:
                code, lineno = own[-1]
                source = _safe_repr(linecache.getline(code.co_filename, lineno).strip(), 100)[1:-1]
                where = f" at line {lineno - code.co_firstlineno + 1} of {code.co_name}"
                if source:
                    where += f": `{source}`"
            text = f"raised {type(exc).__name__}{where} — {message.rstrip('.')}."
            key, hint = _exception_cause(exc, message)
            if hint:
                text += f" Hint: {hint}"
            if isinstance(exc, ValueError) and any(w in message for w in _SHAPE_WORDS):
                text += _inputs_text(fn, args)
            return Mistake(text, key)
        want = _expected_text(expected, returns) if expected is not None or returns else \
            "what the exercise describes"
        return (f"what the function returned could not be used ({type(exc).__name__}: "
                f"{message}). Expected {want}.")
    except Exception:  # noqa: BLE001
        return f"raised {type(exc).__name__}."


# --------------------------------------------------------------------------- comparing one value
def close(got, expected) -> bool:
    """Equal to the reference, up to rounding (same shape, ``rtol=1e-6``)."""
    if got.shape != expected.shape:
        return False
    scale = float(np.nanmax(np.abs(expected))) if expected.size else 0.0
    scale = scale if np.isfinite(scale) else 0.0
    return bool(np.allclose(got, expected, rtol=1e-6, atol=1e-9 * (1.0 + scale)))


def _matches(got, wrong) -> bool:
    """Whether ``got`` is what a known mistake returns. Where the mistake's value is not
    finite (cross-entropy's dAL at AL = 0), ``got`` only has to be non-finite too."""
    if got.shape != wrong.shape:
        return False
    finite = np.isfinite(wrong)
    if finite.all():
        return close(got, wrong)
    return (finite.any() and not np.isfinite(got[~finite]).any()
            and close(got[finite], wrong[finite]))


def _float_array(value):
    try:
        return np.array(value, dtype=float, subok=False)
    except Exception:  # noqa: BLE001
        return None


def _as_numbers(got, expected, returns, subject):
    """``(array, note, problem)``: ``got`` as a float array, with a note on its type, or a
    :class:`Mistake` when it cannot be read as numbers."""
    want = _expected_text(expected, returns)
    if got is None:
        said = ("the function returned None: did you forget the `return` statement?"
                if subject == "the result" else
                f"{subject} is None: did you forget to compute it, or the `return` statement?")
        return None, None, Mistake(f"{said} Expected {want}.", "return:none")
    if isinstance(got, (str, bytes)):
        return None, None, Mistake(f"expected {want}, got {describe(got)}. Return the computed "
                                   "array itself, not text (print() and f-strings make text).",
                                   "return:text")
    if isinstance(got, (bool, np.bool_)):
        return None, None, Mistake(f"expected {want}, got {describe(got)}: a comparison such as "
                                   "`A > 0` was returned instead of the numbers computed from it.",
                                   "return:bool")
    if isinstance(got, (list, tuple)):
        for position, item in enumerate(got):
            item_array = _float_array(item)
            if item_array is not None and close(item_array, expected):
                return None, None, Mistake(
                    f"expected {want}, got {describe(got)} whose item {position} is the right "
                    "answer: return only that array, not a tuple or list around it.",
                    "return:wrapped")
        if isinstance(got, tuple) and len(got) > 1:
            return None, None, Mistake(f"expected {want}, got {describe(got)}: return one array, "
                                       "not several values separated by commas.", "return:tuple")
        if len(got) and expected.ndim and _float_array(got) is not None:
            return None, None, Mistake(f"expected {want}, got {describe(got)}. Return a numpy "
                                       "array (np.array(...)), as numpy operations on the inputs "
                                       "give.", "return:list")
        return None, None, Mistake(f"expected {want}, got {describe(got)}.", "return:type")
    if isinstance(got, (int, float, complex, np.number)):
        got = np.asarray(got)
    if not isinstance(got, np.ndarray):
        return None, None, Mistake(f"expected {want}, got {describe(got)}.", "return:type")
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
            return None, None, Mistake(f"expected {want} of real numbers, got {describe(got)}: a "
                                       "square root or power of a negative number?", "return:complex")
        got = np.real(got)
    elif kind in "USV":
        return None, None, Mistake(f"expected {want}, got {describe(got)}: text, not numbers. "
                                   "Return the computed array itself.", "return:text")
    elif kind not in "f":
        array = _float_array(got)
        if array is None:
            return None, None, Mistake(f"expected {want} of numbers, got {describe(got)} whose "
                                       "entries are not numbers.", "return:type")
        got = array
    return np.array(got, dtype=float, subok=False), note, None


def diagnose(got, expected, variants=None, m=None, returns=None, name=None):
    """``None`` when ``got`` equals ``expected``; otherwise the most specific :class:`Mistake`.

    ``got`` may be anything a learner's function returns; the answer is always a sentence
    (what was expected, what came back, a hint), never an exception. ``variants`` maps a
    known mistake to the value it gives; ``m`` (examples) lets a stray ``1/m`` be named;
    ``name`` is the quantity (``"dW"``, ``"db"``, ``"cost"``), for course-specific hints.
    """
    try:
        with np.errstate(all="ignore"):
            return _diagnose(got, np.asarray(expected, dtype=float), variants or {}, m, returns, name)
    except Exception as exc:  # noqa: BLE001 - the learner's value must never crash the checker
        return Mistake(f"expected {_expected_text(expected, returns)}, got {describe(got)}, which "
                       f"could not be compared with it ({type(exc).__name__}: {_safe_str(exc, 120)}).",
                       "return:unreadable")


def _diagnose(got, expected, variants, m, returns, name):
    subject = name or "the result"
    array, note, problem = _as_numbers(got, expected, returns, subject)
    if problem:
        return problem
    if expected.ndim == 0 and array.size == 1:
        array = array.reshape(())  # a cost: any single number is fine
    if close(array, expected):
        return None
    for explanation, wrong in _pairs(variants):
        wrong = _float_array(wrong)
        if wrong is not None and _matches(array, wrong):
            return Mistake(explanation)
    problem = _shape_problem(array, expected, subject) or _value_problem(array, expected, m, subject)
    return Mistake(f"{note} Compared as numbers: {problem}", problem.key) if note else problem


def _pairs(variants):
    return list(variants.items()) if isinstance(variants, dict) else list(variants or ())


def _base(name):
    return (name or "").split(".")[-1].split("[")[0].strip("'")


def _shape_problem(got, expected, subject):
    if got.shape == expected.shape:
        return None
    e, g, base = expected, got, _base(subject)
    if e.ndim == 0:
        return Mistake(f"expected a single number, got an array of shape {g.shape}: reduce it to "
                       "one number (np.sum, np.linalg.norm and np.squeeze give one).", "shape:not_a_number")
    if e.ndim == 2 and e.shape[1] == 1 and g.shape == (e.shape[0],) and base.startswith("b"):
        return Mistake(f"{subject} has shape {g.shape} instead of {e.shape}: np.zeros({e.shape[0]}) "
                       "makes a rank-1 array (one axis only), which broadcasts along the wrong axis "
                       f"in W·A + b. Give the shape as a tuple of two: np.zeros(({e.shape[0]}, 1)).",
                       "init:b_rank1")
    if (e.ndim == 2 and e.shape[1] == 1 and base.startswith("db") and g.size > 1
            and g.shape != (e.shape[0],) and (g.ndim == 1 or (g.ndim == 2 and g.shape[0] == 1))):
        return Mistake(f"{subject} has shape {g.shape} instead of {e.shape}: the sum ran over axis=0, "
                       "the units, giving one value per example. The examples are the columns: "
                       "sum over axis=1, np.sum(dZ, axis=1, keepdims=True) / m, one value per unit.",
                       "shape:db_axis0")
    if e.ndim == 2 and e.shape[1] == 1 and g.shape == (e.shape[0],) and base.startswith("db"):
        return Mistake(f"{subject} has shape {g.shape} instead of {e.shape}: np.sum(dZ, axis=1) "
                       "drops the summed axis and leaves a rank-1 array; add keepdims=True.",
                       "shape:no_keepdims")
    if e.ndim == 2 and e.shape[1] == 1 and g.ndim == 0 and e.size == 1 and base.startswith("db"):
        return Mistake(f"{subject} is a single number instead of shape {e.shape}: np.sum(dZ) "
                       "without axis= adds up every entry. Here there is one unit, so the value "
                       "is right, but keep the course's shape: np.sum(dZ, axis=1, keepdims=True).",
                       "shape:summed_all")
    if e.ndim == 2 and e.shape[1] == 1 and g.size == 1 and e.size > 1:
        return Mistake(f"{subject} is a single number instead of shape {e.shape}: the sum ran over "
                       "all entries; sum over the examples only, np.sum(dZ, axis=1, keepdims=True).",
                       "shape:summed_all")
    if e.ndim == 2 and g.shape == e.shape[::-1]:
        hint = ""
        if base.startswith("dW"):
            hint = " dW = (1/m) · dZ · A_prevᵀ: np.dot(dZ, A_prev.T)."
        elif base.startswith("dA"):
            hint = " dA_prev = Wᵀ · dZ: np.dot(W.T, dZ)."
        elif base.startswith("W"):
            hint = " W[l] has shape (n_l, n_{l-1}): np.random.randn(n_l, n_prev)."
        elif close(g.T, e):
            hint = " Keep one row per unit and one column per example."
        return Mistake(f"wrong shape: {subject} is transposed, shape {g.shape} instead of {e.shape}.{hint}",
                       "shape:transposed")
    if e.ndim == 2 and e.shape[1] > 1 and (g.size == 1 or g.shape in ((e.shape[0], 1), (e.shape[0],))):
        return Mistake(f"{subject} has shape {g.shape} instead of {e.shape}: it was summed or "
                       "averaged over the examples. Keep one column per example: no np.sum over "
                       "axis=1 here (the sum and 1/m belong to dW and db only).",
                       "shape:summed_over_examples")
    if g.size == e.size and close(g.reshape(e.shape), e):
        return Mistake(f"wrong shape: {subject} has shape {g.shape} instead of {e.shape}: the right numbers, "
                       "flattened or reshaped. Keep the shape the maths gives (keepdims=True "
                       "keeps a sum 2-D).", "shape:reshaped")
    if subject == "the result":
        return Mistake(f"wrong shape: expected {e.shape}, got {g.shape}.", "shape")
    return Mistake(f"{subject} has shape {g.shape}; expected {e.shape}.", "shape")


def _value_problem(g, e, m, subject):
    base = _base(subject)
    averages = base.startswith(("dW", "db", "cost"))
    if m and m > 1 and close(g, e * m):
        formula = ("dW = (1/m)·np.dot(dZ, A_prev.T)" if base.startswith("dW")
                   else "db = (1/m)·np.sum(dZ, axis=1, keepdims=True)" if base.startswith("db")
                   else "J = (1/m)·Σ L")
        if averages:
            text = (f"{subject} is m times too large (m = number of examples): the 1/m is "
                    f"missing ({formula}).")
        else:
            text = f"{subject} is m times too large (m = number of examples): average over the m examples."
        return Mistake(text, "value:missing_1/m")
    if m and m > 1 and close(g * m, e):
        if averages:
            text = f"{subject} is divided by m (the number of examples) once too often."
        else:
            text = (f"{subject} is divided by m (the number of examples): it has no 1/m; only dW "
                    "and db (and the cost) average over the examples.")
        return Mistake(text, "value:extra_1/m")
    if close(-g, e):
        return Mistake(f"{subject} has the wrong sign.", "value:sign")
    if e.ndim == 2 and e.shape[0] == e.shape[1] and close(g.T, e):
        return Mistake(f"{subject} is transposed.", "value:transposed")
    bad = ~np.isfinite(g)
    if bad.any() and np.isfinite(e).all():
        first = tuple(int(i) for i in np.argwhere(bad)[0]) if g.ndim else ()
        return Mistake(f"{int(bad.sum())} of the {g.size} values of {subject} are NaN or infinite "
                       f"(the first at index {first}, where {float(e[first]):.6g} was expected). "
                       "inf comes from a division by 0 or an overflow (np.exp of a large number); "
                       "NaN from 0/0, inf - inf or the log of a negative number.", "value:nan")
    factor = _constant_factor(g, e)
    if factor is not None:
        of = "" if subject == "the result" else f" of {subject}"
        return Mistake(f"every value{of} is {factor:.4g} times the expected one: a "
                       "coefficient is missing or extra (a ½ or 2, a 1/m, a learning rate?).",
                       "value:factor")
    gap = np.abs(g - e)
    gap = np.where(np.isnan(gap), np.inf, gap)
    idx = np.unravel_index(int(np.argmax(gap)), e.shape) if e.ndim else ()
    at = f" at index {tuple(int(i) for i in idx)}," if e.ndim else ""
    who = "values differ" if subject == "the result" else f"{subject} differs"
    text = (f"{who}:{at} expected {float(e[idx]):.6g}, got {float(g[idx]):.6g} "
            f"(largest gap {float(gap[idx]):.2g}).")
    if np.allclose(g, e, rtol=1e-4, atol=1e-6):
        text += (" The difference is small: a float32 intermediate, or an epsilon/rounding "
                 "the exercise does not use?")
    return Mistake(text, "value:differs")


def _constant_factor(got, expected):
    """``c`` when ``got == c * expected`` for one constant ``c`` (not 0 or 1), else None."""
    if expected.size < 2 or not np.isfinite(got).all():
        return None
    scale = np.abs(expected).max()
    if scale == 0 or not np.isfinite(scale):
        return None
    big = np.abs(expected) > 1e-3 * scale
    c = float(np.median(got[big] / expected[big]))
    if not np.isfinite(c) or c == 0 or np.isclose(c, 1.0):
        return None
    return c if close(got, c * expected) else None


# --------------------------------------------------------------------------- comparing structures
_CACHE_PARTS = {2: ("linear_cache", "activation_cache"), 3: ("A_prev", "W", "b")}


def _child_names(name, exp):
    """Course names for the parts of a cache tuple (``caches[0].linear_cache.W``), else indices."""
    parts = _CACHE_PARTS.get(len(exp)) if isinstance(exp, tuple) and "cache" in name else None
    if parts is None or (len(exp) == 2 and name.endswith("linear_cache")):
        return [f"{name}[{i}]" for i in range(len(exp))]
    return [f"{name}.{part}" for part in parts]


def _walk(got, exp, name, leaves, problems):
    """Pair the learner's output with the reference's, leaf by leaf."""
    if isinstance(exp, dict):
        if not isinstance(got, dict):
            problems.append(Mistake(f"{name} should be a dict with keys {list(exp)}; got "
                                    f"{describe(got)}.", "return:not_a_dict"))
            return
        missing = [k for k in exp if k not in got]
        if missing:
            problems.append(Mistake(f"{name} lacks the key(s) {missing}; it should have "
                                    f"{list(exp)}.", "return:missing_keys"))
        for k in exp:
            if k in got:
                child = k if name in ("grads", "parameters") else f"{name}[{k!r}]"
                _walk(got[k], exp[k], child, leaves, problems)
        return
    if isinstance(exp, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            problems.append(Mistake(f"{name} should be a {type(exp).__name__} of {len(exp)} items; "
                                    f"got {describe(got)}.", "return:not_a_tuple"))
            return
        if len(got) != len(exp):
            extra = (" The course's layer cache is (linear_cache, activation_cache); the graders "
                     "unpack it as `linear_cache, activation_cache = cache`."
                     if len(exp) == 2 and "cache" in name else "")
            problems.append(Mistake(f"{name} has {len(got)} items; the course's has {len(exp)}."
                                    f"{extra}", "return:length"))
            return
        for child, g, e in zip(_child_names(name, exp), got, exp):
            _walk(g, e, child, leaves, problems)
        return
    leaves.append((name, got, exp))


def _leaves(value, outputs, single):
    """``{leaf name: value}`` of a return value laid out like the reference's."""
    leaves = []
    if outputs:
        if not isinstance(value, (tuple, list)) or len(value) != len(outputs):
            return {}
        for name, v in zip(outputs, value):
            _walk(v, v, name, leaves, [])
    else:
        _walk(value, value, single, leaves, [])
    return {n: e for n, _, e in leaves}


def compare(got, expected, outputs=(), single="the result", variants=None, m=None, returns=None):
    """The mistakes (a list of :class:`Mistake`, empty when right) in a whole return value.

    ``outputs`` names the items of a returned tuple (``("dA_prev", "dW", "db")``),
    ``single`` a single returned value (an array, a dict of arrays). A ``variant`` (what a
    known mistake returns) that matches the whole answer names it once; otherwise each
    wrong leaf is diagnosed alone, against the same leaf of each variant. ``returns`` says
    in words what should come back (for a function that returns nothing).
    """
    problems, leaves = [], []
    if got is None:
        if returns is None and isinstance(expected, dict):
            returns = f"{single}, a dict with keys {list(expected)}"
        elif returns is None and outputs:
            returns = f"the tuple ({', '.join(outputs)})"
        want = f" Expected {returns}." if returns else ""
        return [Mistake(f"the function returned None: did you forget the `return` statement?{want}",
                        "return:none")]
    if outputs:
        first = _float_array(got) if isinstance(got, np.ndarray) else None
        if first is not None and isinstance(expected, tuple) and _matches_quietly(first, expected[0]):
            if tuple(outputs) == ("A", "cache"):  # W4A1's sigmoid/relu
                return [Mistake("returned only A: the course's activations return (A, cache) with "
                                "cache = Z, which linear_activation_forward keeps for the backward "
                                "pass: return A, Z. (W3A1's sigmoid returns only s; W4A1's dnn_utils "
                                "version returns both.)", "activation:no_cache")]
            return [Mistake(f"returned only {outputs[0]}: the course returns ({', '.join(outputs)}).",
                            "return:only_first")]
        if not isinstance(got, (tuple, list)):
            return [Mistake(f"expected {len(outputs)} values ({', '.join(outputs)}); got "
                            f"{describe(got)}." + (" Did you forget the `return` statement?"
                                                   if got is None else ""), "return:not_a_tuple")]
        if len(got) != len(outputs):
            return [Mistake(f"returned {len(got)} values; the course's returns {len(outputs)}: "
                            f"({', '.join(outputs)}).", "return:length")]
        for name, g, e in zip(outputs, got, expected):
            _walk(g, e, name, leaves, problems)
    else:
        _walk(got, expected, single, leaves, problems)
    maps = [(Mistake(why), _leaves(v, outputs, single)) for why, v in _pairs(variants)]
    if not problems and len(leaves) > 1:
        whole = _whole_match(leaves, maps)
        if whole is not None:
            return [whole]
    for name, g, e in leaves:
        own = [(why, lm[name]) for why, lm in maps if name in lm]
        problem = diagnose(g, e, own, m, name=None if name == "the result" else name)
        if problem is not None:
            known = any(problem == why for why, _ in own)
            problem = problem.about(name)
            problem.gap = _gap(g, e) if known else None
            # A known mistake's sentence does not say which output it is about: say it first.
            problem.prefixed = known or name not in str(problem)
            problems.append(problem)
    return problems


def _matches_quietly(got, expected):
    e = _float_array(expected)
    with np.errstate(all="ignore"):
        return e is not None and got.shape == e.shape and close(got, e)


def _gap(got, expected):
    """The largest difference from the reference, when both are arrays of one shape."""
    g, e = _float_array(got), _float_array(expected)
    if g is None or e is None or g.shape != e.shape or not g.size:
        return None
    return float(np.nanmax(np.abs(g - e)))


def _whole_match(leaves, maps):
    """The known mistake whose every output equals the learner's (with at least one wrong).

    Its ``output`` names the wrong outputs; a mistake in one output of several is said of
    it (``prefixed``), as ``"dW: ..."``.
    """
    for why, lm in maps:
        try:
            if any(name not in lm for name, _, _ in leaves):
                continue
            wrong = []
            for name, g, e in leaves:
                ga, wa, ea = _float_array(g), _float_array(lm[name]), _float_array(e)
                if ga is None or wa is None or not _matches(ga, wa):
                    break
                if ea is None or not close(ga, ea):
                    wrong.append(name)
            else:
                if wrong:
                    found = Mistake(why, output=", ".join(wrong))
                    found.prefixed, found.whole = len(wrong) == 1, True
                    gaps = [_gap(g, e) for name, g, e in leaves if name in wrong]
                    found.gap = max((x for x in gaps if x is not None), default=None)
                    return found
        except Exception:  # noqa: BLE001 - a strange value is diagnosed leaf by leaf instead
            continue
    return None


# --------------------------------------------------------------------------- exercise checkers
def not_a_function(name: str, fn, check_name: str | None = None) -> CheckResult | None:
    """The verdict when ``fn`` is not callable (``check(f(x))`` instead of ``check(f)``)."""
    if callable(fn):
        return None
    example = f"{check_name}(your_function)" if check_name else "the checker"
    return CheckResult(name, False, [
        f"expected your function itself, as in {example}, got {describe(fn)}. Pass the "
        "function's name without calling it (no parentheses after it)."], ["not_a_function"])


#: What a function that returns None gets, whatever the test: the same sentence in every test
#: so that it is said once ("tests 1, 2, 3: ..."), not once per shape.
STILL_NONE = Mistake(
    "your function still returns None — the stub's placeholder, or did you forget the `return` "
    "statement? Write the body where it says `# your code here` and return the result.",
    "return:none")


def run_checks(name, fn, cases, pick=None, outputs=(), single=None, first_failure_only=False,
               keep_inputs=None) -> CheckResult:
    """Run ``fn(*case.args)`` for each case and diagnose what it returns.

    ``pick`` selects the array to compare from the return value; ``outputs`` names the
    items of a returned tuple (each is then diagnosed alone, as ``"test 1: dW: ..."``),
    ``single`` a returned dict (``"parameters"``: each entry is diagnosed alone).
    ``keep_inputs`` maps an argument position to the sentence that explains changing that
    input in place (a mistake where the caller still needs its array; a case's own
    ``keep_inputs`` count too). A mistake seen in several tests is said once
    (``"tests 1, 2, 3: ..."``), with the learner's line it points at when it can tell.
    """
    refused = not_a_function(name, fn)
    if refused is not None:
        return refused
    messages, mistakes, none_tests = [], [], []
    for i, case in enumerate(cases, start=1):
        ran = run(fn, case.args, seed_before=None)
        if ran.error is not None:
            messages.append(f"test {i}: {ran.error}")
            mistakes += ["raised", getattr(ran.error, "key", "raised")]
        else:
            got = ran.value
            if pick is not None and got is not None:
                try:
                    with np.errstate(all="ignore"):
                        got = pick(got)
                except Exception as exc:  # noqa: BLE001
                    want = case.returns or "what the exercise describes"
                    messages.append(f"test {i}: expected {want}, got {describe(got)}, which could "
                                    f"not be read ({type(exc).__name__}: {_safe_str(exc, 120)}).")
                    mistakes.append("return:unreadable")
                    got = _UNREAD
            for position in ran.changed:
                said = (keep_inputs or {}).get(position) or case.keep_inputs.get(position)
                if said:
                    messages.append(f"test {i}: {said}{point_at(fn, said)}")
                    mistakes += ["changed_input", getattr(said, "key", "changed_input")]
            if got is not _UNREAD:
                if outputs or single:
                    found = compare(got, case.expected, outputs, single or "the result",
                                    variants=case.variants, m=case.m, returns=case.returns)
                elif got is None:  # the stub as given: said once for all tests, after the loop
                    none_tests.append((i, _expected_text(case.expected, case.returns)))
                    mistakes.append(STILL_NONE.key)
                    found = []
                else:
                    found = [p for p in [diagnose(got, case.expected, case.variants, case.m,
                                                  case.returns)] if p]
                for problem in found:
                    prefix = f"{problem.output}: " if problem.prefixed else ""
                    messages.append(f"test {i}: {prefix}{problem}{point_at(fn, problem)}")
                    mistakes.append(problem.key)
        if (messages or none_tests) and first_failure_only:
            break  # the same mistake repeats in the other tests
    if none_tests:
        messages.insert(0, _still_none(none_tests))
    return CheckResult(name, not messages, merge_messages(messages), list(dict.fromkeys(mistakes)))


def _still_none(none_tests):
    """One line for every test in which the function returned None, with what each expects:
    ``"tests 1, 2: ... Expected a float numpy array of shape (1, 6), (1, 9)."``."""
    numbers = [str(i) for i, _ in none_tests]
    wants = [want for _, want in none_tests]
    found = [re.fullmatch(r"(.*shape )(\(.*\))", want) for want in wants]
    if all(found) and len({f.group(1) for f in found}) == 1:
        wanted = found[0].group(1) + ", ".join(dict.fromkeys(f.group(2) for f in found))
    else:
        wanted = "; ".join(dict.fromkeys(wants))
    return (f"test{'s' if len(numbers) > 1 else ''} {', '.join(numbers)}: {STILL_NONE} "
            f"Expected {wanted}.")


def merge_messages(messages):
    """``"test 1: x", "test 2: x"`` -> ``"tests 1, 2: x"``: a mistake is said once, with the
    tests it was seen in (in the order first seen)."""
    said = {}
    for message in messages:
        found = re.match(r"test (\d+): (.*)\Z", message, re.S)
        number, text = (found.group(1), found.group(2)) if found else (None, message)
        said.setdefault(text, []).append(number)
    out = []
    for text, numbers in said.items():
        numbers = [n for n in dict.fromkeys(numbers) if n is not None]
        if not numbers:
            out.append(text)
        else:
            out.append(f"test{'s' if len(numbers) > 1 else ''} {', '.join(numbers)}: {text}")
    return out


# --------------------------------------------------------------------------- pointing at the code
def _source(fn):
    """``(lines, first line number)`` of the learner's function, or ``([], 0)``."""
    try:
        return inspect.getsourcelines(inspect.unwrap(fn))
    except (OSError, TypeError, ValueError, IndexError):
        return [], 0


def _patterns(mistake):
    """Regular expressions for the line a mistake is about: ``(its own, the output's)``.

    Its own say how the mistake is written (``Z >= 0``); the output's find the last line
    that assigns the output it concerns (``dW = ...``, ``grads["dW1"] = ...``, ``dZ[...] = 0``).
    """
    own = list(getattr(mistake, "code", None) or _CODE.get(getattr(mistake, "key", None), ()))
    output = (getattr(mistake, "output", None) or "").split(",")[0].strip()
    name = _base(output)
    assigns = []
    if name and re.fullmatch(r"[A-Za-z_]\w*", name):
        assigns = [rf"^\s*(\w+\s*,\s*)*{name}\s*(\[[^\]]*\])?\s*(,\s*\w+\s*)*=[^=]",
                   rf"""[\["']{name}["']\]\s*=[^=]"""]
    return own, assigns


def point_at(fn, mistake) -> str:
    """`` Your line n: `code`.`` for the line of ``fn`` a mistake is about, or ``""``.

    Lines are counted from the function's ``def``, as in the error messages; the line is
    found by the code the mistake is written with (``Z >= 0``, ``np.random.seed``) or by the
    assignment of the output it concerns (``db = ...``).
    """
    try:
        own, assigns = _patterns(mistake)
        if (not own and not assigns) or getattr(fn, "__name__", "") == "<lambda>":
            return ""  # a lambda's "line" is the line around it, not the learner's code
        lines, _ = _source(fn)
        body = [(n, line) for n, line in enumerate(lines, start=1)
                if line.strip() and not line.lstrip().startswith(("#", "def ", '"""', "'''"))]
        found = next((nl for pattern in own for nl in body if re.search(pattern, nl[1])), None)
        if found is None and assigns:  # the last assignment makes the value returned
            found = next((nl for nl in reversed(body)
                          if any(re.search(p, nl[1]) for p in assigns)), None)
            if found is None:  # computed in the return statement itself
                found = next((nl for nl in reversed(body)
                              if re.match(r"\s*return\s+.*[-+*/@(]", nl[1])), None)
        if found is not None:
            return f" Your line {found[0]}: `{_safe_repr(found[1].strip(), 90)[1:-1]}`."
    except Exception:  # noqa: BLE001 - pointing is a help, never a failure
        pass
    return ""


_DAL_LINE = (r"\bdA\w*\s*=",)
#: The code a named mistake is written with, where no output's assignment says it.
_CODE = {
    "relu_backward:slope_at_zero": (r"[<>]=?\s*0(?![.\d])",),
    "linear_activation_backward:slope_at_zero": (r"[<>]=?\s*0(?![.\d])",),
    "relu_backward:in_place": (r"\bdA\s*\[.*\]\s*=[^=]", r"=\s*dA\s*$"),
    "relu_backward:mask_on_dA": (r"dA\s*[<>]=?\s*0",),
    "relu_backward:tanh": (r"\*\*\s*2|np\.square|np\.power",),
    "cost:mse": (r"\*\*\s*2|np\.square|np\.power",),
    "cost:mse_no_half": (r"\*\*\s*2|np\.square|np\.power",),
    "cost:log10": (r"log10",),
    "cost:integer_division": (r"//",),
    "cost:not_float": (r"^\s*return\b",),
    "linear_backward:integer_division": (r"//",),
    "linear_backward:m_from_rows": (r"\bm\s*=",),
    "backward:m_from_rows": (r"\bm\s*=",),
    "update_parameters:default_rate": (r"learning_rate\s*=",),
    "update_parameters:not_assigned": (r"^\s*return\b",),
    "update_parameters:plus": (r"\+\s*learning_rate",),
    "init:no_seed": (r"np\.random\.randn",),
    "init:wrong_seed": (r"np\.random\.seed",),
    "init:b_rank1": (r"np\.zeros\(\s*\w+\s*\)|np\.zeros\(\(\s*\w+\s*,?\s*\)\)|zeros\([^,]*\)",),
    "init:b_random": (r"\bb\w*.*=.*random",),
    "init:rand_uniform": (r"np\.random\.rand\(",),
    "nn_model:ignores_n_h": (r"n_h.*=.*layer_sizes|initialize_parameters\(.*\b4\b",),
    "nn_model:no_update": (r"update_parameters\(",),
    "nn_model:learning_rate": (r"update_parameters\(",),
    "nn_model:iterations": (r"\bfor\b.*range",),
    "nn_model:no_seed": (r"initialize_parameters\(",),
    "model:learning_rate": (r"update_parameters\(",),
    "model:iterations": (r"\bfor\b.*range",),
    "model:costs_every_iteration": (r"costs\.append",),
    "dAL:parenthesis": _DAL_LINE, "dAL:sign": _DAL_LINE, "dAL:is_dZ": _DAL_LINE,
    "dAL:over_m": _DAL_LINE, "dAL:mse": _DAL_LINE,
    "backward:dZ2_times_sigmoid_prime": (r"dZ2\s*=",), "backward:dZ2_bce_dA": (r"dZ2\s*=",),
    "backward:tanh_prime_without_square": (r"dZ1\s*=",), "backward:g_prime_of_Z_not_A": (r"dZ1\s*=",),
    "backward:A1_from_Z1": (r"tanh",), "backward:no_g_prime": (r"dZ1\s*=",),
    **{f"backward:g_prime_of_{name}": (r"dZ1\s*=",) for name in ("tanh", "relu", "leaky_relu", "sigmoid")},
    "backward:dW1_with_A1": (r"dW1\s*=",),
    "linear_forward:no_b": (r"\bZ\s*=",), "linear_forward:minus_b": (r"\bZ\s*=",),
    "linear_forward:b_summed": (r"\bZ\s*=",), "forward:no_b1": (r"Z1\s*=",), "forward:no_b2": (r"Z2\s*=",),
    "forward:output_tanh": (r"A2\s*=",), "forward:no_output_activation": (r"A2\s*=",),
    "forward:relu_output": (r"A2\s*=",), "predict:threshold": (r"0\.\d|>\s*0\b|<\s*0\b",),
    "predict:inverted": (r"[<>]",),
}


_UNREAD = object()


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
                return CheckResult(name, False, [explain_exception(exc, fn)], ["checker_error"])
        return safe
    return decorate


# =========================================================================== shared concepts
# One set of inputs per concept, each with the mistakes learners make on it. Every checker
# of that concept — a notebook's and course.check's — tries exactly these.

# --------------------------------------------------------------------------- dAL for MSE
DAL_SUMMED = Mistake(
    "np.sum(AL - Y) adds the examples together. dAL = ∂L/∂A[L] is the derivative of each "
    "example's loss: one entry per example, shape (n_y, m), and no sum (sums over the examples "
    "appear only in dW and db). Return AL - Y.", "dAL_mse:summed")
DAL_SUMMED_OVER_M = Mistake(
    "np.sum(AL - Y) / m collapses the m examples into one number: it is a derivative of the "
    "cost J, not of the loss L (for a linear output it is db[L]). dAL = ∂L/∂A[L] keeps one "
    "column per example; linear_backward adds the sum and the 1/m when it forms dW and db. "
    "Return AL - Y.", "dAL_mse:summed_over_m")
DAL_TIMES_AL_SUMMED = Mistake(
    "np.sum((AL - Y) * AL) / m is one number built from three mistakes. It multiplies by AL, "
    "which is neither dL/dA (the derivative of ½(a - y)² with respect to a is just a - y) nor "
    "part of dW (dW multiplies dZ by the layer's input A_prev, not by its output); and it sums "
    "over the examples and divides by m, which belong to dW and db only, never to dAL. "
    "Return AL - Y.", "dAL_mse:times_AL_summed")
DAL_TIMES_AL = Mistake(
    "multiplied by AL: the derivative of ½(A - Y)² with respect to A is A - Y, with no factor "
    "A (the chain rule multiplies by the layer's input A_prev only later, in dW).",
    "dAL_mse:times_AL")
DAL_OVER_M = Mistake(
    "(AL - Y) / m has the right shape but an extra 1/m: that is ∂J/∂A[L], the derivative of "
    "the cost. dAL = ∂L/∂A[L] is the derivative of one example's loss, AL - Y; the 1/m is "
    "applied once, in dW and db.", "dAL_mse:over_m")
DAL_SIGN = Mistake(
    "the sign is flipped: ½(a - y)² grows with a when a > y, so its derivative is a - y. "
    "Return AL - Y, not Y - AL.", "dAL_mse:sign")
DAL_TIMES_2 = Mistake(
    "a factor 2 too many: 2(AL - Y) differentiates (a - y)². The course's MSE loss is "
    "L = ½(a - y)² (cost J = (1/2m) Σ (a - y)²), so the ½ cancels the 2: dAL = AL - Y.",
    "dAL_mse:times_2")
DAL_TIMES_2_OVER_M = Mistake(
    "2(AL - Y) / m mixes two conventions: the 2 comes from the loss (a - y)² without ½ "
    "(the mean squared error of Keras and PyTorch), the 1/m from the cost J. Here "
    "L = ½(a - y)², so the ½ cancels the 2, and dAL = ∂L/∂A[L] has no 1/m (linear_backward "
    "applies it once, in dW and db). Return AL - Y.", "dAL_mse:times_2_over_m")
DAL_TIMES_2_SUMMED_OVER_M = Mistake(
    "np.sum(2 * (AL - Y)) / m is a single number, the summed derivative of the mean squared "
    "error without ½. dAL keeps one column per example, has no sum and no 1/m, and the "
    "course's loss L = ½(a - y)² has the ½ that cancels the 2: dAL = AL - Y.",
    "dAL_mse:times_2_summed_over_m")
DAL_LOSS = Mistake(
    "this is the loss ½(AL - Y)² itself, not its derivative. Differentiate with respect to "
    "A: dAL = AL - Y.", "dAL_mse:loss_itself")
DAL_RELU_DERIVATIVE = Mistake(
    "this is 1{A > 0}, the derivative of the ReLU activation used as dAL: the derivative of "
    "the activation, not of the loss. dAL = ∂L/∂A[L] = AL - Y; the activation's derivative "
    "enters afterwards, when linear_activation_backward calls relu_backward.",
    "dAL_mse:relu_derivative")
DAL_SIGMOID_DERIVATIVE = Mistake(
    "this is the derivative of the sigmoid, A(1 - A): the derivative of the activation, not "
    "of the loss. dAL = ∂L/∂A[L] = AL - Y; sigmoid_backward multiplies by A(1 - A) later.",
    "dAL_mse:sigmoid_derivative")
DAL_ONES = Mistake(
    "every entry is 1: that is a derivative of an activation (ReLU where it is positive, or a "
    "linear output), not of the loss. dAL = ∂L/∂A[L] = AL - Y.", "dAL_mse:ones")
DAL_SCALAR_ONE = Mistake(
    "returned the single number 1, the slope of ReLU where it is positive: that is the "
    "activation's derivative, and one number for all examples. dAL is the loss's derivative, "
    "one entry per example: AL - Y.", "dAL_mse:scalar_one")
DAL_MASKED = Mistake(
    "(AL - Y) * (AL > 0) already contains the ReLU derivative: that is dZ[L] of a ReLU "
    "output, not dAL. Leave the mask to relu_backward and return AL - Y (with a ReLU output "
    "the gradients happen to come out the same because the mask is 0 or 1, but for any other "
    "output activation the activation's derivative would be applied twice).", "dAL_mse:masked")
DAL_BCE = Mistake(
    "this is dAL of binary cross-entropy, -(Y/AL - (1 - Y)/(1 - AL)), from the course's "
    "classifier. For the MSE loss L = ½(a - y)² the derivative is AL - Y (cross-entropy also "
    "takes log(a), which an output of 0 or more than 1 breaks).", "dAL_mse:bce")


def dAL_mse_cases():
    """The inputs every checker of ``dAL = ∂L/∂A[L]`` for ``L = ½(A − Y)²`` tries.

    Three cases, shapes (1, 6), (1, 9) and (2, 4): outputs ``AL`` with exact zeros (a ReLU
    output, so a mask ``AL > 0`` shows), entries in (0, 1) and above 1, targets of both
    signs' differences.
    """
    cases = []
    for k, shape in enumerate([(1, 6), (1, 9), (2, 4)], start=1):
        rng = np.random.RandomState(3 + k)
        m = shape[1]
        sign = np.where(np.arange(shape[0] * m).reshape(shape) % 3 == 1, -1.0, 1.0)
        AL = np.maximum(rng.uniform(0.2, 3.0, size=shape) * sign, 0.0)  # zeros where sign < 0
        Y = rng.uniform(0.5, 4.0, size=shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            bce = -(Y / AL - (1 - Y) / (1 - AL))
        variants = {
            DAL_TIMES_AL_SUMMED: np.sum((AL - Y) * AL) / m,
            DAL_SUMMED_OVER_M: np.sum(AL - Y) / m,
            DAL_SUMMED: np.sum(AL - Y),
            DAL_TIMES_2_SUMMED_OVER_M: np.sum(2 * (AL - Y)) / m,
            DAL_TIMES_AL: (AL - Y) * AL,
            DAL_OVER_M: (AL - Y) / m,
            DAL_RELU_DERIVATIVE: (AL > 0).astype(float),
            DAL_ONES: np.ones_like(AL),
            DAL_MASKED: (AL - Y) * (AL > 0),
            DAL_SIGN: Y - AL,
            DAL_TIMES_2: 2 * (AL - Y),
            DAL_TIMES_2_OVER_M: 2 * (AL - Y) / m,
            DAL_LOSS: 0.5 * (AL - Y) ** 2,
            DAL_SIGMOID_DERIVATIVE: AL * (1 - AL),
            DAL_SCALAR_ONE: np.float64(1.0),
            DAL_BCE: bce,
        }
        cases.append(Case(args=(AL, Y), expected=AL - Y, variants=variants, m=m,
                          label=f"AL, Y of shape {shape}"))
    return cases


# --------------------------------------------------------------------------- relu_backward
RB_RETURNS_DA = Mistake(
    "returned dA unchanged: the ReLU derivative is missing. dZ = dA * 1{Z > 0}: keep dA where "
    "Z > 0 and set it to 0 where Z <= 0 (Z is the cache).", "relu_backward:returns_dA")
RB_TIMES_Z = Mistake(
    "multiplied dA by Z: the derivative of ReLU is not Z but the indicator 1{Z > 0} (1 where "
    "Z > 0, else 0). Use dZ = dA * (Z > 0).", "relu_backward:times_Z")
RB_TIMES_A = Mistake(
    "multiplied dA by A = max(0, Z), the ReLU output: its derivative is the 0/1 indicator "
    "1{Z > 0}, not the activation itself. Use dZ = dA * (Z > 0).", "relu_backward:times_A")
RB_MASK_ONLY = Mistake(
    "returned the mask 1{Z > 0} alone: multiply it by the incoming gradient dA (chain rule), "
    "dZ = dA * (Z > 0).", "relu_backward:mask_only")
RB_INVERTED = Mistake(
    "the mask is inverted: the gradient passes where Z > 0 (ReLU has slope 1 there) and is "
    "0 where Z <= 0. Use dZ = dA * (Z > 0).", "relu_backward:inverted")
RB_MASK_ON_DA = Mistake(
    "the mask was taken on dA (dA > 0) instead of on Z: whether ReLU passes the gradient "
    "depends on the pre-activation Z, so the mask must come from Z (the cache): "
    "dZ[Z <= 0] = 0.", "relu_backward:mask_on_dA")
RB_OVER_M = Mistake(
    "divided by m: dZ keeps one column per example and has no 1/m; the 1/m is applied in dW "
    "and db by linear_backward.", "relu_backward:over_m")
RB_LEAKY = Mistake(
    "kept 0.01 * dA where Z <= 0: that is Leaky ReLU's backward. ReLU's slope is exactly 0 "
    "there, so dZ = dA * (Z > 0).", "relu_backward:leaky")
RB_SIGN = Mistake(
    "the sign is flipped: ReLU's slope is +1 where Z > 0, so dZ has the sign of dA there.",
    "relu_backward:sign")
RB_SLOPE_AT_ZERO = Mistake(
    "the gradient passes where Z is exactly 0: the mask is Z >= 0 (or dZ[Z < 0] = 0), which "
    "takes ReLU's slope at 0 as 1. The course takes it as 0: dZ[Z <= 0] = 0, i.e. dA * (Z > 0). "
    "Exact zeros in Z are common (a ReLU unit fed by zeros, a zero bias).",
    "relu_backward:slope_at_zero")
RB_TANH = Mistake(
    "multiplied by 1 - A² (or 1 - tanh(Z)²), the derivative of tanh: relu_backward needs "
    "ReLU's own derivative, the 0/1 indicator 1{Z > 0}. Use dZ = dA * (Z > 0).",
    "relu_backward:tanh")
RB_IN_PLACE = Mistake(
    "it changed the dA it was given: dA[Z <= 0] = 0 (or dZ = dA, then dZ[...] = 0, which is "
    "the same array under a second name) writes into the caller's array, which "
    "L_model_backward keeps in grads. Copy first, as the course does: "
    "dZ = np.array(dA, copy=True), then dZ[Z <= 0] = 0.", "relu_backward:in_place")


def relu_backward_cases():
    """The inputs every checker of ``relu_backward(dA, cache=Z)`` tries.

    Shapes (1, 7), (3, 5) and (2, 6), about half of ``Z`` negative in random places and
    ``|Z| >= 0.1``; the last case also has exact zeros in ``Z`` (where the course's
    ``dZ[Z <= 0] = 0`` and a mask ``Z >= 0`` differ). The function must not change ``dA``.
    """
    cases = []
    for k, shape in enumerate([(1, 7), (3, 5), (2, 6)], start=1):
        rng = np.random.RandomState(23 + k)
        signs = rng.permutation(np.resize([1.0, -1.0], shape[0] * shape[1])).reshape(shape)
        Z = rng.uniform(0.1, 2.5, size=shape) * signs
        if k == 3:  # exact zeros: g'(0) is 0 in the course
            Z[0, 1] = Z[1, 4] = 0.0
        dA = rng.randn(*shape)
        mask = (Z > 0).astype(float)
        variants = {
            RB_RETURNS_DA: dA,
            RB_TIMES_Z: dA * Z,
            RB_TIMES_A: dA * np.maximum(Z, 0),
            RB_MASK_ONLY: mask,
            RB_INVERTED: dA * (1 - mask),
            RB_MASK_ON_DA: dA * (dA > 0),
            RB_OVER_M: dA * mask / shape[1],
            RB_LEAKY: dA * np.where(Z > 0, 1.0, 0.01),
            RB_SIGN: -dA * mask,
        }
        # tanh's derivative kept after switching to ReLU: on A = max(0, Z) or on Z itself
        tanh_variants = [(RB_TANH, dA * (1 - np.maximum(Z, 0) ** 2)),
                         (RB_TANH, dA * (1 - np.tanh(Z) ** 2))]
        variants = list(variants.items()) + tanh_variants
        if np.any(Z == 0):
            variants.append((RB_SLOPE_AT_ZERO, dA * (Z >= 0)))
        cases.append(Case(args=(dA, Z), expected=dA * mask, variants=variants, m=shape[1],
                          label=f"dA, Z of shape {shape}" + (" with zeros in Z" if k == 3 else ""),
                          keep_inputs={0: RB_IN_PLACE}))
    return cases


# --------------------------------------------------------------------------- sigmoid_backward
SB_RETURNS_DA = Mistake(
    "returned dA unchanged: the derivative of the sigmoid is missing. The chain rule gives "
    "dZ = dA * σ'(Z) with σ'(Z) = A(1 - A), where A = 1/(1 + exp(-Z)) and Z = cache.",
    "sigmoid_backward:returns_dA")
SB_TIMES_A = Mistake(
    "multiplied dA by A only: the factor (1 - A) is missing; the sigmoid's derivative is "
    "A(1 - A), so dZ = dA * A * (1 - A).", "sigmoid_backward:times_A")
SB_TIMES_ONE_MINUS_A = Mistake(
    "multiplied dA by (1 - A) only: the sigmoid's derivative is A(1 - A), so "
    "dZ = dA * A * (1 - A).", "sigmoid_backward:times_one_minus_A")
SB_DERIVATIVE_ONLY = Mistake(
    "returned σ'(Z) = A(1 - A) alone: multiply it by the incoming gradient dA (chain rule), "
    "dZ = dA * A * (1 - A).", "sigmoid_backward:derivative_only")
SB_USED_Z = Mistake(
    "used Z where A belongs: cache holds Z, so first compute A = 1/(1 + exp(-Z)), then "
    "dZ = dA * A * (1 - A) (not Z * (1 - Z)).", "sigmoid_backward:used_Z")
SB_RELU = Mistake(
    "multiplied by 1{Z > 0}, the derivative of ReLU: sigmoid_backward needs the sigmoid's "
    "derivative A(1 - A).", "sigmoid_backward:relu")
SB_TANH = Mistake(
    "multiplied by 1 - A², the derivative of tanh: sigmoid_backward needs the sigmoid's "
    "derivative A(1 - A).", "sigmoid_backward:tanh")
SB_DIVIDED = Mistake(
    "divided dA by A(1 - A) instead of multiplying: dZ = dA * A * (1 - A).",
    "sigmoid_backward:divided")
SB_OVER_M = Mistake(
    "divided by m: dZ has one column per example and no 1/m; the 1/m enters in dW and db.",
    "sigmoid_backward:over_m")
SB_SIGN = Mistake(
    "the sign is flipped: σ'(Z) = A(1 - A) is positive, so dZ has the sign of dA.",
    "sigmoid_backward:sign")


def sigmoid_backward_cases():
    """The inputs every checker of ``sigmoid_backward(dA, cache=Z)`` tries: (1, 5), (3, 4), (2, 7)."""
    cases = []
    for k, shape in enumerate([(1, 5), (3, 4), (2, 7)], start=1):
        rng = np.random.RandomState(12 + k)
        Z = rng.uniform(0.3, 3.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)
        dA = rng.randn(*shape)
        A = 1.0 / (1.0 + np.exp(-Z))
        variants = {
            SB_RETURNS_DA: dA,
            SB_TIMES_A: dA * A,
            SB_TIMES_ONE_MINUS_A: dA * (1 - A),
            SB_DERIVATIVE_ONLY: A * (1 - A),
            SB_USED_Z: dA * Z * (1 - Z),
            SB_RELU: dA * (Z > 0),
            SB_TANH: dA * (1 - A ** 2),
            SB_DIVIDED: dA / (A * (1 - A)),
            SB_OVER_M: dA * A * (1 - A) / shape[1],
            SB_SIGN: -dA * A * (1 - A),
        }
        cases.append(Case(args=(dA, Z), expected=dA * A * (1 - A), variants=variants, m=shape[1],
                          label=f"dA, Z of shape {shape}"))
    return cases


# --------------------------------------------------------------------------- linear_backward
LB_DW_NO_M = Mistake(
    "m times too large (m = number of examples): the 1/m is missing. J averages the m "
    "losses, so dW = (1/m) dZ @ A_prev.T (the matrix product sums over the examples, the 1/m "
    "makes the sum an average).", "linear_backward:dW_no_1/m")
LB_DW_TRANSPOSED = Mistake(
    "transposed: A_prev @ dZ.T has shape (n_prev, n_l), the shape of W.T. dW has the shape of "
    "W, (n_l, n_prev): dW = (1/m) dZ @ A_prev.T.", "linear_backward:dW_transposed")
LB_DW_TRANSPOSED_NO_M = Mistake(
    LB_DW_TRANSPOSED + " Also, the 1/m is missing.", "linear_backward:dW_transposed_no_1/m")
LB_DB_NO_M = Mistake(
    "m times too large: the 1/m is missing. db = (1/m) np.sum(dZ, axis=1, keepdims=True), "
    "the average of dZ over the examples.", "linear_backward:db_no_1/m")
LB_DB_NO_KEEPDIMS = Mistake(
    "shape (n_l,) instead of (n_l, 1): np.sum(dZ, axis=1) drops the summed axis and leaves a "
    "rank-1 array, which broadcasts along the wrong axis in b - learning_rate * db. Add "
    "keepdims=True so db is the column (n_l, 1), the shape of b.", "linear_backward:db_no_keepdims")
LB_DB_NO_KEEPDIMS_NO_M = Mistake(
    "shape (n_l,) and no 1/m: use (1/m) np.sum(dZ, axis=1, keepdims=True), a column (n_l, 1) "
    "like b (keepdims=True), averaged over the examples.", "linear_backward:db_no_keepdims_no_1/m")
LB_DB_ALL = Mistake(
    "a single number: np.sum(dZ) without axis= adds up every unit and every example. Sum "
    "over the examples only, axis=1, keepdims=True, and divide by m: one value per unit, (n_l, 1).",
    "linear_backward:db_summed_all")
LB_DB_ALL_NO_M = Mistake(LB_DB_ALL + " (The 1/m is missing too.)", "linear_backward:db_summed_all_no_1/m")
LB_DB_AXIS0 = Mistake(
    "summed over axis=0, the units, giving one value per example. The examples are the "
    "columns: db = (1/m) np.sum(dZ, axis=1, keepdims=True), one value per unit, shape (n_l, 1).",
    "linear_backward:db_axis0")
LB_DB_AXIS0_FLAT = Mistake(LB_DB_AXIS0 + " (keepdims=True keeps it 2-D.)", "linear_backward:db_axis0_flat")
LB_DA_OVER_M = Mistake(
    "divided by m: dA_prev = W.T @ dZ is per example (one column each), it has no 1/m; the "
    "1/m belongs to dW and db only.", "linear_backward:dA_over_m")
LB_M_FROM_ROWS = Mistake(
    "dW and db are scaled by the wrong m: m is the number of examples, the number of "
    "columns, m = A_prev.shape[1] (shape[0] counts the units of a layer).",
    "linear_backward:m_from_rows")
LB_ORDER = Mistake(
    "the three gradients come back in another order: the course returns "
    "(dA_prev, dW, db), and its callers unpack them in that order.",
    "linear_backward:return_order")
LB_DW_PLUS_B = Mistake(
    "dW has b added to it: Z = W·A_prev + b gives dW = (1/m) dZ·A_prevᵀ, with no b "
    "(b's own gradient is db).", "linear_backward:dW_with_b")
LB_DW_ZERO = Mistake(
    "dW is all zeros: 1 // m is integer division, 0 for m > 1. Write (1 / m) or divide by m.",
    "linear_backward:integer_division")


def reference_linear_backward(dZ, cache):
    r"""``(dA_prev, dW, db)`` of one linear step, as in the course.

    .. math::
        dW = \frac{1}{m} dZ A_{prev}^\top,\quad db = \frac{1}{m}\sum_i dZ^{(i)},\quad
        dA_{prev} = W^\top dZ
    """
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    dZ = check_dA(dZ, (W.shape[0], m), "dZ", "this layer's Z")  # never a broadcast
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m


def _linear_backward_variants(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dA, dW, db = reference_linear_backward(dZ, cache)
    n_l, n_prev = W.shape
    wrong = {LB_DA_OVER_M: (W.T @ dZ / m, dW, db),
             LB_ORDER: (dW, db, dA),
             LB_DW_PLUS_B: (dA, dW + b, db),
             LB_DW_ZERO: (dA, np.zeros_like(dW), db),
             LB_DW_NO_M: (dA, dZ @ A_prev.T, db),
             LB_DW_TRANSPOSED: (dA, A_prev @ dZ.T / m, db),
             LB_DW_TRANSPOSED_NO_M: (dA, A_prev @ dZ.T, db)}
    for why, value in ((LB_DB_NO_M, np.sum(dZ, axis=1, keepdims=True)),
                       (LB_DB_NO_KEEPDIMS, np.sum(dZ, axis=1) / m),
                       (LB_DB_NO_KEEPDIMS_NO_M, np.sum(dZ, axis=1)),
                       (LB_DB_ALL, np.sum(dZ) / m), (LB_DB_ALL_NO_M, np.sum(dZ)),
                       (LB_DB_AXIS0, np.sum(dZ, axis=0, keepdims=True) / m),
                       (LB_DB_AXIS0_FLAT, np.sum(dZ, axis=0) / m)):
        wrong[why] = (dA, dW, value)
    for rows in sorted({n_prev, n_l} - {m}):  # m = A_prev.shape[0] or dZ.shape[0]
        wrong[Mistake(str(LB_M_FROM_ROWS) + f" (here {rows} instead of {m})",
                      LB_M_FROM_ROWS.key)] = (dA, dW * m / rows, db * m / rows)
    return wrong


#: (n_l, n_prev, m) of the tries: the course's test case first, then sizes that all differ,
#: so a swapped axis cannot pass by luck.
_LINEAR_BACKWARD_SIZES = ((3, 5, 4), (3, 4, 5), (1, 3, 6), (4, 2, 7))


def linear_backward_cases():
    """The ``(dZ, cache)`` inputs every checker of ``linear_backward`` tries; ``expected`` is
    ``(dA_prev, dW, db)``. The first is the course's test case (``np.random.seed(1)``)."""
    cases = []
    for k, (n, n_prev, m) in enumerate(_LINEAR_BACKWARD_SIZES):
        rng = np.random.RandomState(1 if k == 0 else 40 + k)
        if k == 0:  # the course's draw order: dZ, A, W, b
            dZ, A_prev, W, b = rng.randn(n, m), rng.randn(n_prev, m), rng.randn(n, n_prev), rng.randn(n, 1)
        else:
            dZ, A_prev = rng.randn(n, m), rng.randn(n_prev, m)
            W, b = rng.randn(n, n_prev), rng.randn(n, 1)
        cache = (A_prev, W, b)
        cases.append(Case(args=(dZ, cache), expected=reference_linear_backward(dZ, cache),
                          variants=_linear_backward_variants(dZ, cache), m=m,
                          label="the course's test case" if k == 0 else f"n_l={n}, n_prev={n_prev}, m={m}",
                          returns="the tuple (dA_prev, dW, db)"))
    return cases


# --------------------------------------------------------------------------- update_parameters
UP_REPLACED = Mistake(
    "W = dW: W was replaced by dW (and b by db), but the gradient is a direction, not new "
    "weights. Take a small step against it: W = W - learning_rate * dW, b = b - learning_rate * db.",
    "update_parameters:replaced")
UP_PLUS = Mistake(
    "the step has the wrong sign: W + learning_rate * dW goes uphill and climbs the cost. dW "
    "points uphill, so subtract: W = W - learning_rate * dW (same for b).", "update_parameters:plus")
UP_NO_B = Mistake(
    "the biases were not updated: b must move too, b = b - learning_rate * db, or the "
    "network cannot shift its units (and a ReLU output cannot move its threshold).",
    "update_parameters:no_b")
UP_NO_LR = Mistake(
    "W - dW takes a full step of size 1: the learning rate is missing. Use "
    "W = W - learning_rate * dW and b = b - learning_rate * db.", "update_parameters:no_lr")
UP_OVER_M = Mistake(
    "divided the step by m: dW and db already contain the 1/m (from linear_backward). Use "
    "W = W - learning_rate * dW.", "update_parameters:over_m")
UP_ONLY_LAST = Mistake(
    "only the last layer was updated: loop over every layer l = 1..L, since "
    "L_model_backward returns dW and db for all of them.", "update_parameters:only_last")
UP_FORGETS_W = Mistake(
    "W = learning_rate * dW forgets W itself: W = W - learning_rate * dW.",
    "update_parameters:forgets_W")
UP_DW_FOR_B = Mistake(
    "b was stepped with dW: b = b - learning_rate * db, each parameter with its own gradient.",
    "update_parameters:wrong_gradient")
UP_NOT_ASSIGNED = Mistake(
    "the parameters came back unchanged: the new values were computed but never assigned "
    "back (a line like `parameters[\"W\" + str(l)] - learning_rate * grads[...]` with no "
    "`parameters[...] =` in front, or a new dict that is not returned). Write "
    "parameters[\"W\" + str(l)] = parameters[\"W\" + str(l)] - learning_rate * grads[\"dW\" + str(l)].",
    "update_parameters:not_assigned")


def _skipped_layer(l, L):
    where = "the last" if l == L else ("the first" if l == 1 else f"layer {l}")
    return Mistake(
        f"layer {l} ({where} of {L}) was not updated: W{l} and b{l} came back unchanged, so "
        "the update loop skips a layer. With the course's `for l in range(L)` the keys are "
        "'W' + str(l + 1) and 'b' + str(l + 1); with `range(1, L + 1)` they are 'W' + str(l). "
        "Every layer l = 1..L must take its step.", "update_parameters:skipped_layer")


def _update_case(seed, layer_dims, lr, m=7):
    rng = np.random.RandomState(seed)
    params, grads = {}, {}
    for l in range(1, len(layer_dims)):
        shape_W, shape_b = (layer_dims[l], layer_dims[l - 1]), (layer_dims[l], 1)
        params[f"W{l}"], grads[f"dW{l}"] = rng.randn(*shape_W), rng.randn(*shape_W)
        params[f"b{l}"], grads[f"db{l}"] = rng.randn(*shape_b), rng.randn(*shape_b)
    L = len(layer_dims) - 1

    def updated(step):
        return {key: step(key) for key in params}

    def right(key):
        return params[key] - lr * grads["d" + key]

    variants = {
        UP_REPLACED: updated(lambda key: grads["d" + key]),
        UP_PLUS: updated(lambda key: params[key] + lr * grads["d" + key]),
        UP_NO_B: updated(lambda key: right(key) if key[0] == "W" else params[key]),
        UP_NO_LR: updated(lambda key: params[key] - grads["d" + key]),
        UP_OVER_M: updated(lambda key: params[key] - lr * grads["d" + key] / m),
        UP_ONLY_LAST: updated(lambda key: right(key) if key[1:] == str(L) else params[key]),
        UP_FORGETS_W: updated(lambda key: lr * grads["d" + key]),
        UP_NOT_ASSIGNED: updated(lambda key: params[key]),
        UP_DW_FOR_B: updated(lambda key: right(key) if key[0] == "W"
                             else params[key] - lr * grads["dW" + key[1:]]),
    }
    for skipped in range(L, 0, -1):
        wrong = updated(lambda key: params[key] if key[1:] == str(skipped) else right(key))
        if not any(all(np.array_equal(wrong[k], v[k]) for k in wrong) for v in variants.values()):
            variants[_skipped_layer(skipped, L)] = wrong
    return Case(args=(params, grads, lr), expected=updated(right), variants=variants,
                label=f"layer_dims={layer_dims}, learning_rate={lr}",
                returns="the parameters dict")


def update_parameters_cases():
    """The ``(parameters, grads, learning_rate)`` inputs every checker of ``update_parameters``
    tries: [2, 3, 1] at 0.1, [1, 4, 2, 1] at 0.05 and [2, 4, 1] at 1.2 (none 0 or 1, so a
    missing learning rate shows)."""
    return [_update_case(44, [2, 3, 1], 0.1), _update_case(45, [1, 4, 2, 1], 0.05),
            _update_case(5, [2, 4, 1], 1.2)]


# --------------------------------------------------------------------------- the cross-entropy cost
COST_NO_MINUS = Mistake(
    "the cost is missing the minus sign: J = -(1/m) Σ (y log a + (1 - y) log(1 - a)).",
    "cost:no_minus")
COST_ONE_TERM = Mistake(
    "only the y·log(a) term is there: add (1 - y)·log(1 - a).", "cost:one_term")
COST_MSE = Mistake(
    "this is the mean squared error (1/2m) Σ (a - y)², a regression cost. The network "
    "classifies with a sigmoid output, and its cost is the cross-entropy "
    "J = -(1/m) Σ (y log a + (1 - y) log(1 - a)), whose derivative the backward pass "
    "(dZ = A - Y) assumes.", "cost:mse")
COST_MSE_NO_HALF = Mistake(COST_MSE.replace("(1/2m)", "(1/m)"), "cost:mse_no_half")
COST_LOGS_SWAPPED = Mistake(
    "the two logs are swapped: y goes with log(a) and (1 - y) with log(1 - a), "
    "J = -(1/m) Σ (y log a + (1 - y) log(1 - a)).", "cost:logs_swapped")
COST_LOG10 = Mistake(
    "np.log10 is the base-10 log; the cross-entropy uses the natural log, np.log "
    "(the derivative dZ = A - Y holds for it only).", "cost:log10")
COST_NOT_SUMMED = Mistake(
    "one value per example came back: the losses are not summed. J is one number, "
    "-(1/m) np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)).", "cost:not_summed")
COST_ZERO = Mistake(
    "the cost is 0: 1 // m is integer division, 0 for m > 1. Write 1 / m (or divide by m "
    "at the end).", "cost:integer_division")


def bce_cost_cases():
    """The ``(AL, Y)`` inputs every checker of the cross-entropy ``compute_cost`` tries: the
    course's test cases of W3A1 and W4A1, and a random one."""
    rs = np.random.RandomState(1)
    Y1 = rs.randn(1, 5) > 0
    A1 = np.array([[0.5002307, 0.49985831, 0.50023963, 0.25, 0.7]])
    A2, Y2 = np.array([[0.8, 0.9, 0.4]]), np.asarray([[1, 1, 0]])
    rs = np.random.RandomState(31)
    A3, Y3 = rs.uniform(0.05, 0.95, (1, 7)), (rs.randn(1, 7) > 0).astype(int)
    cases = []
    for label, AL, Y in (("the course's W3A1 test case", A1, Y1),
                         ("the course's W4A1 test case", A2, Y2), ("a random case", A3, Y3)):
        Yf = np.asarray(Y, dtype=float)
        loss = -(Yf * np.log(AL) + (1 - Yf) * np.log(1 - AL))
        m = AL.shape[1]
        cases.append(Case(args=(AL, Y), expected=float(loss.mean()), m=m, label=label,
                          variants=list({COST_NO_MINUS: -loss.mean(),
                                    COST_ONE_TERM: float(np.mean(-(Yf * np.log(AL)))),
                                    COST_MSE: float(np.sum((AL - Yf) ** 2) / (2 * m)),
                                    COST_MSE_NO_HALF: float(np.mean((AL - Yf) ** 2)),
                                    COST_LOGS_SWAPPED: float(-np.mean(Yf * np.log(1 - AL)
                                                                      + (1 - Yf) * np.log(AL))),
                                    COST_LOG10: float(loss.mean() / np.log(10)),
                                    COST_NOT_SUMMED: loss / m,
                                    COST_ZERO: 0.0}.items())
                          + [(COST_NOT_SUMMED, (loss / m).ravel())]))  # also np.squeeze'd
    return cases


# --------------------------------------------------------------------------- dAL for cross-entropy
DALB_AL_MINUS_Y = Mistake(
    "AL - Y is dZ[L] of a sigmoid output with cross-entropy (the sigmoid's derivative has "
    "already cancelled), not dAL. dAL = ∂L/∂A[L] = -(Y/AL - (1 - Y)/(1 - AL)); the backward "
    "pass multiplies it by A(1 - A) itself.", "dAL_bce:AL_minus_Y")
DALB_SIGN = Mistake(
    "the sign is flipped: dAL = -(Y/AL - (1 - Y)/(1 - AL)) = -Y/AL + (1 - Y)/(1 - AL).",
    "dAL_bce:sign")
DALB_PLUS = Mistake(
    "-(Y/AL + (1 - Y)/(1 - AL)): the second term enters with a minus inside the bracket, "
    "dAL = -(Y/AL - (1 - Y)/(1 - AL)) (log(1 - a) differentiates to -1/(1 - a)).",
    "dAL_bce:plus")
DALB_ONE_TERM = Mistake(
    "only -Y/AL: the (1 - Y)/(1 - AL) term of the examples with y = 0 is missing.",
    "dAL_bce:one_term")
DALB_OVER_M = Mistake(
    "divided by m: dAL = ∂L/∂A[L] is the derivative of each example's loss, with no 1/m; "
    "dW and db average over the examples.", "dAL_bce:over_m")
DALB_LOSS = Mistake(
    "this is the loss -(Y log AL + (1 - Y) log(1 - AL)) itself, not its derivative with "
    "respect to AL.", "dAL_bce:loss_itself")


def dAL_bce_cases():
    """The inputs every checker of ``dAL = ∂L/∂A[L]`` for the cross-entropy tries.

    Shapes (1, 5), (1, 8) and (2, 4): ``AL`` in (0.05, 0.95) and labels of both classes.
    """
    cases = []
    for k, shape in enumerate([(1, 5), (1, 8), (2, 4)], start=1):
        rng = np.random.RandomState(50 + k)
        AL = rng.uniform(0.05, 0.95, size=shape)
        Y = np.resize([1.0, 0.0, 0.0], shape[0] * shape[1]).reshape(shape)
        m = shape[1]
        right = -(Y / AL - (1 - Y) / (1 - AL))
        variants = {
            DALB_AL_MINUS_Y: AL - Y,
            DALB_SIGN: -right,
            DALB_PLUS: -(Y / AL + (1 - Y) / (1 - AL)),
            DALB_ONE_TERM: -Y / AL,
            DALB_OVER_M: right / m,
            DALB_LOSS: -(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)),
        }
        cases.append(Case(args=(AL, Y), expected=right, variants=variants, m=m,
                          label=f"AL, Y of shape {shape}"))
    return cases


# --------------------------------------------------------------------------- yours or the reference
def use_yours_or_reference(check_result, yours, reference):
    """The function the cells after an exercise run: ``yours`` if it passed, else ``reference``.

    A notebook's collapsed solution is named ``reference_<name>`` so that it never replaces
    the learner's function. The cells that say "your function" call this first, so that
    Run All with an unfinished or wrong stub goes on — with the reference — and says so,
    instead of either stopping with a traceback or quietly running the solution as if it
    were the learner's.

    Parameters
    ----------
    check_result : CheckResult
        What the exercise's checker returned for ``yours``.
    yours, reference : callable
        The learner's function and the notebook's reference solution.

    Returns
    -------
    callable
        ``yours`` when ``check_result.passed``, otherwise ``reference``. One printed line
        says which: ``✔ your ...`` or ``✘ ... the cells below use the reference ...``.
    """
    if not isinstance(check_result, CheckResult):
        raise TypeError(
            "use_yours_or_reference expected the result of the exercise's checker first, as in "
            "use_yours_or_reference(check_linear_backward(linear_backward), linear_backward, "
            f"reference_linear_backward); got {describe(check_result)}. Run the checker cell "
            "and pass what it returned.")
    for role, fn in (("yours", yours), ("reference", reference)):
        if not callable(fn):
            raise TypeError(f"use_yours_or_reference expected a function as {role!r}, got "
                            f"{describe(fn)}. Pass the function's name without calling it.")
    name = getattr(yours, "__name__", "function")
    ref_name = getattr(reference, "__name__", "the reference")
    if check_result.passed:
        print(f"✔ your `{name}` passed check_{check_result.name}: the cells below use it.")
        return yours
    print(f"✘ your `{name}` does not pass its check yet: the cells below use "
          f"the reference `{ref_name}` until yours passes.")
    return reference
