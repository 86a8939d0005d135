"""Every exercise checker explains whatever a learner's function does, and never crashes.

The learner's function may return None, text, a list, a boolean array (``Z > 0``), an
integer array, NaN, an array of the wrong shape, a tuple of the wrong length, a dict of
garbage, or raise. Each checker must answer with a failed :class:`CheckResult` whose
messages say what happened, and never raise itself. Hypothesis generates the behaviours;
the named cases below pin the wording of the common ones.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import dlsnotes.exercises as exercises
from dlsnotes.exercises import derivatives, gradcheck, regression, shapes
from dlsnotes.checking import Case, CheckResult, describe, diagnose, run_checks


def _all_checkers():
    found = []
    for info in pkgutil.iter_modules(exercises.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"dlsnotes.exercises.{info.name}")
        for name, obj in sorted(vars(module).items()):
            if name.startswith("check_") and inspect.isfunction(obj) and obj.__module__ == module.__name__:
                found.append(pytest.param(obj, id=f"{info.name}.{name}"))
    return found


CHECKERS = _all_checkers()
# np.matrix is one of the odd return values tried; numpy warns that the class is deprecated.
pytestmark = pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")


def test_every_exercise_module_is_covered():
    ids = {p.id for p in CHECKERS}
    assert len(ids) >= 12
    for module in ("derivatives", "gradcheck", "planar", "regression", "shapes"):
        assert any(i.startswith(module + ".") for i in ids), module


# ----------------------------------------------------------------------------- behaviours
class Raising:
    """A learner function that raises ``error``."""

    def __init__(self, error):
        self.error = error

    def __call__(self, *args):
        raise self.error

    def __repr__(self):
        return f"raises {self.error!r}"


class Returning:
    """A learner function that returns ``make(args)``."""

    def __init__(self, label, make):
        self.label, self.make = label, make

    def __call__(self, *args):
        return self.make(args)

    def __repr__(self):
        return f"returns {self.label}"


class BrokenMessage(Exception):
    def __str__(self):
        raise RuntimeError("no message")


def _first_array(args):
    return next((a for a in args if isinstance(a, np.ndarray)), np.zeros((2, 3)))


def _first_dict(args):
    return next((a for a in args if isinstance(a, dict)), {"W1": np.zeros((2, 2))})


# What a hurried learner returns, built from the inputs.
DERIVED = {
    "A > 0 (bool array)": lambda a: _first_array(a) > 0,
    "the transpose": lambda a: _first_array(a).T,
    "an int array": lambda a: _first_array(a).astype(int),
    "one column": lambda a: _first_array(a)[:, :1] if _first_array(a).ndim == 2 else _first_array(a),
    "a flattened array": lambda a: _first_array(a).ravel(),
    "a 3-D array": lambda a: _first_array(a)[None],
    "the sum": lambda a: np.sum(_first_array(a)),
    "NaN everywhere": lambda a: np.full_like(_first_array(a), np.nan, dtype=float),
    "inf in one place": lambda a: np.where(np.arange(_first_array(a).size).reshape(_first_array(a).shape) == 0,
                                           np.inf, 1.0),
    "a list": lambda a: _first_array(a).tolist(),
    "a string of the array": lambda a: str(_first_array(a)),
    "a tuple (x, x)": lambda a: (_first_array(a), _first_array(a)),
    "a tuple of 3": lambda a: (_first_array(a), 1, "x"),
    "a 1-tuple": lambda a: (_first_array(a) * 2,),
    "an empty array": lambda a: np.empty((0,)),
    "a string array": lambda a: _first_array(a).astype(str),
    "an object array": lambda a: np.array([None, "x", 1], dtype=object),
    "a complex array": lambda a: _first_array(a) * 1j + 1,
    "a float32 array": lambda a: (_first_array(a) * 3).astype(np.float32),
    "np.matrix": lambda a: np.asmatrix(np.atleast_2d(_first_array(a) + 1)),
    "the same dict with text values": lambda a: {k: "x" for k in _first_dict(a)},
    "the same dict with bool values": lambda a: {k: np.asarray(v) > 0 for k, v in _first_dict(a).items()},
    "the same dict with NaN": lambda a: {k: np.asarray(v) * np.nan for k, v in _first_dict(a).items()},
    "a generator": lambda a: (x for x in range(3)),
    "a lambda": lambda a: (lambda: 0),
    "the inputs": lambda a: a,
}

garbage_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.complex_numbers(),
    st.text(max_size=8), st.binary(max_size=4),
    st.lists(st.one_of(st.floats(), st.integers(), st.text(max_size=2)), max_size=4),
    st.tuples(st.integers(), st.floats()),
    st.dictionaries(st.sampled_from(["X", "W1", "b1", "W2", "b2", "dW1", "Z1", "A1"]),
                    st.one_of(st.none(), st.integers(), st.tuples(st.integers(), st.integers()),
                              st.text(max_size=3)), max_size=6),
    hnp.arrays(dtype=st.sampled_from([np.float64, np.float32, np.int64, np.bool_, np.complex128]),
               shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5)),
)

errors = st.sampled_from([
    ValueError("operands could not be broadcast together with shapes (3,4) (4,3)"),
    TypeError("unsupported operand type(s) for -: 'NoneType' and 'float'"),
    ZeroDivisionError("division by zero"), KeyError("dW3"), IndexError("index 5 is out of bounds"),
    AttributeError("'list' object has no attribute 'shape'"), AssertionError(),
    RuntimeError("boom"), FloatingPointError("overflow"), NotImplementedError(),
    RecursionError("maximum recursion depth exceeded"), BrokenMessage(),
])

returning = st.one_of(
    st.sampled_from(sorted(DERIVED)).map(lambda label: Returning(label, DERIVED[label])),
    garbage_values.map(lambda value: Returning(describe(value), lambda args, v=value: v)),
)
behaviours = st.one_of(returning, errors.map(Raising))


def _assert_explained(result, fn):
    assert isinstance(result, CheckResult), f"{fn!r}: got {type(result).__name__}"
    assert not result.passed, f"{fn!r} passed: {result}"
    assert result.messages and all(isinstance(m, str) and m.strip() for m in result.messages)
    text = str(result)
    assert "Traceback" not in text
    if isinstance(fn, Raising):
        assert "raised" in text, text
    else:
        # The learner's function returned normally: the checker must not blame an
        # exception on it (that would be the checker tripping over the value).
        assert "raised" not in text, f"{fn!r}: {text}"


@pytest.mark.parametrize("check", CHECKERS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fn=behaviours)
def test_a_checker_explains_any_behaviour_and_never_raises(check, fn):
    _assert_explained(check(fn), fn)


@pytest.mark.parametrize("check", CHECKERS)
@pytest.mark.parametrize("label", sorted(DERIVED))
def test_a_checker_explains_each_usual_wrong_return(check, label):
    fn = Returning(label, DERIVED[label])
    _assert_explained(check(fn), fn)


@pytest.mark.parametrize("check", CHECKERS)
@pytest.mark.parametrize("not_a_function", [None, 3, np.zeros((1, 5)), "dAL", [np.zeros(2)]])
def test_a_checker_given_a_value_instead_of_a_function_says_so(check, not_a_function):
    result = check(not_a_function)
    assert isinstance(result, CheckResult) and not result.passed
    assert "expected your function itself" in result.messages[0]
    assert "without calling it" in result.messages[0]
    assert describe(not_a_function) in result.messages[0]


# ----------------------------------------------------------------------------- wording
SIGMOID_BACKWARD = derivatives.check_sigmoid_backward


@pytest.mark.parametrize("fn, fragments", [
    (lambda dA, Z: None, ["forget the `return`", "shape (1, 5)"]),
    (lambda dA, Z: Z > 0, ["boolean numpy array of shape (1, 5)", "Z > 0", ".astype(float)",
                           "values differ"]),
    (lambda dA, Z: "dZ", ["got the string 'dZ'", "not text"]),
    (lambda dA, Z: [1.0, 2.0], ["got a list of 2 items", "np.array"]),
    (lambda dA, Z: (dA, Z), ["got a tuple of 2 items", "return one array"]),
    (lambda dA, Z: (dA * 0 + 1, dA * (1 / (1 + np.exp(-Z))) * (1 - 1 / (1 + np.exp(-Z)))),
     ["item 1 is the right answer", "return only that array"]),
    (lambda dA, Z: np.rint(dA * 100).astype(int), ["integer numpy array", "fractions were lost"]),
    (lambda dA, Z: dA / 0.0 * 0.0, ["NaN or infinite", "0/0"]),
    (lambda dA, Z: (dA * Z).T, ["wrong shape: the result is transposed, shape (5, 1) instead of (1, 5)"]),
    (lambda dA, Z: dA * np.sqrt(-np.abs(Z) + 0j), ["complex", "square root"]),
    (lambda dA, Z: {"dZ": dA}, ["got a dict with keys ['dZ']"]),
    (lambda dA, Z: 0.5 * dA * (1 / (1 + np.exp(-Z))) * (1 - 1 / (1 + np.exp(-Z))),
     ["every value is 0.5 times the expected one", "coefficient"]),
    (lambda dA, Z: dA * 0.3 + Z, ["values differ: at index", "expected", "got"]),
])
def test_each_kind_of_return_value_gets_its_own_explanation(fn, fragments):
    result = SIGMOID_BACKWARD(fn)
    assert not result.passed
    for fragment in fragments:
        assert fragment in result.messages[0], (fragment, result.messages[0])


def test_an_exception_in_the_learners_code_names_the_line_and_the_input_shapes():
    def sigmoid_backward(dA, cache):
        s = 1 / (1 + np.exp(-cache))
        return dA @ (s * (1 - s))  # matrix product instead of an element-wise one

    message = SIGMOID_BACKWARD(sigmoid_backward).messages[0]
    assert message.startswith("test 1: raised ValueError at line ")
    assert "return dA @ (s * (1 - s))" in message and "matmul" in message
    assert "check which factor is transposed" in message
    assert "The inputs had shapes dA (1, 5), cache (1, 5)." in message


def test_an_exception_with_a_broken_message_is_still_reported():
    def fn(dA, cache):
        raise BrokenMessage()

    message = SIGMOID_BACKWARD(fn).messages[0]
    assert "raised BrokenMessage at line" in message and "(no message)" in message


def test_the_correct_answer_in_another_numeric_type_is_accepted():
    # A learner's mask as an int array or a bool array is right when its values are.
    case = Case(args=(), expected=np.array([[1.0, 0.0, 1.0]]))
    assert diagnose(np.array([[1, 0, 1]]), case.expected) is None
    assert diagnose(np.array([[True, False, True]]), case.expected) is None
    assert diagnose(np.float64(2.0), np.asarray(2.0)) is None


def test_diagnose_never_raises_on_unreadable_objects():
    class Unreadable:
        def __array__(self, *args, **kwargs):
            raise RuntimeError("no array")

        def __repr__(self):
            raise RuntimeError("no repr")

    text = diagnose(Unreadable(), np.zeros((2, 2)))
    assert "expected a float numpy array of shape (2, 2)" in text and "Unreadable object" in text


def test_run_checks_pick_failure_says_what_was_expected():
    cases = [Case(args=(), expected=np.zeros(3), returns="a tuple (W_eff, b_eff)")]
    result = run_checks("collapse", lambda: (1, 2, 3), cases, pick=lambda r: np.r_[r[0], r[1]][None])
    assert not result.passed
    assert "expected a tuple (W_eff, b_eff), got a tuple of 3 items" in result.messages[0] or \
        "wrong shape" in result.messages[0]
    bad_unpack = run_checks("collapse", lambda: (1, 2, 3), cases, pick=lambda r: (lambda a, b: a)(*r))
    assert "expected a tuple (W_eff, b_eff), got a tuple of 3 items, which could not be read" in \
        bad_unpack.messages[0]


def test_a_checker_tripping_over_a_value_does_not_blame_the_learner_for_raising():
    # update_parameters returning the right keys with text values: the checker cannot
    # read them; the message must say so, not "raised ValueError".
    result = regression.check_update_parameters(lambda p, g, lr: {k: np.full(np.shape(v), "x") for k, v in p.items()})
    assert not result.passed
    assert "raised" not in str(result)
    assert "could not be used" in result.messages[0] or "text, not numbers" in result.messages[0]


def test_collapse_checker_explains_a_tuple_of_the_wrong_length():
    result = shapes.check_collapse_linear_network(lambda p: (p["W1"], p["b1"], p["W2"]))
    assert not result.passed
    assert "tuple of 3 items" in str(result)


def test_relative_difference_checker_explains_an_array_instead_of_a_number():
    result = gradcheck.check_relative_difference(lambda g, a: np.abs(g - a))
    assert not result.passed
    assert "expected a single number, got an array of shape (6, 1)" in result.messages[0]


@settings(max_examples=300, deadline=None)
@given(value=garbage_values,
       expected=hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=2, max_side=4),
                           elements=st.floats(-10, 10)))
def test_diagnose_answers_any_value_with_a_sentence_of_its_own(value, expected):
    # diagnose itself (without the checkers' safety net) reads every plain value: the
    # generic fallback "could not be compared" is only for objects that refuse to be read.
    text = diagnose(value, expected)
    if text is None:  # a value equal to the expected one
        assert np.allclose(np.real(np.asarray(value)).astype(float), expected)
        return
    assert isinstance(text, str) and text.strip()
    assert "could not be compared" not in text, text
