"""Run All never hides the learner's bugs.

Each exercise notebook is executed (in memory, nothing written) as shipped — every stub left
unfinished — and with a typical mistake planted in one stub. The checker cell must show ✘, the
cells that use "your function" must say that they fall back to the reference, no cell may
print ✔ (the collapsed solutions are named ``reference_...`` and never replace the learner's
function) and no cell may raise.

The planted run stops after the last code cell that mentions the planted function: the cells
after it do not involve it, and the shipped run has already executed them.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from dlsnotes.checking import CheckResult, use_yours_or_reference
from dlsnotes.exercises.playground import OUTPUTS, check_output_delta_mse

nbclient = pytest.importorskip("nbclient")

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"

#: notebook -> (the learner's function, a typical mistake in it, words the checker must say)
PLANTED = {
    "01_notation_and_shapes": ("linear_backward", '''
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = (1 / m) * dZ @ A_prev.T
    db = (1 / m) * np.sum(dZ, axis=1)                  # no keepdims
    dA_prev = W.T @ dZ
    return dA_prev, dW, db''', "keepdims"),
    "02_why_dz_is_a_minus_y": ("dAL_mse", '''
def dAL_mse(AL, Y):
    return 2 * (AL - Y) / AL.shape[1]''', "convention"),
    "03_relu_output_regression": ("dAL_fn", '''
def dAL_fn(AL, Y):
    return np.sum(AL - Y) / AL.shape[1]''', "one number"),
    "04_relu_forward_only_nan": ("backward_dZ1", '''
def backward_dZ1(W2, dZ2, Z1, activation):
    A1 = np.maximum(0, Z1) if activation != "tanh" else np.tanh(Z1)
    return np.dot(W2.T, dZ2) * (1 - A1 ** 2)           # tanh's derivative for every activation''',
        "1 - A1"),
    "04b_relu_leaky_tanh_compared": ("leaky_relu_backward", '''
def leaky_relu_backward(dA, cache, slope=0.01):
    Z = cache
    return dA * np.where(Z > 0, slope, 1.0)            # the slope on the wrong side''', "slope"),
    "05_gradient_checking": ("gradient_approx", '''
def gradient_approx(J, theta, epsilon):
    gradapprox = np.zeros_like(theta, dtype=float)
    for i in range(theta.shape[0]):
        theta_plus = np.copy(theta)
        theta_plus[i] += epsilon
        gradapprox[i] = (J(theta_plus) - J(theta)) / epsilon   # one-sided
    return gradapprox''', "one-sided"),
}

CHECK_MARK = "✔"


# --------------------------------------------------------------------------- running notebooks
def _source(cell) -> str:
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def _defines(cell, name) -> bool:
    return re.search(rf"^def {re.escape(name)}\(", _source(cell), re.M) is not None


def _mentions(cell, name) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", _source(cell)) is not None


def _text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        elif "text/plain" in out.get("data", {}):
            parts.append(out["data"]["text/plain"])
        elif out.get("output_type") == "error":
            parts.append(f"ERROR {out.get('ename')}: {out.get('evalue')}")
    return "".join(parts)


def _execute(nb):
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                                     resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    client.execute()
    return nb


@pytest.fixture(scope="module", autouse=True)
def _agg_backend():
    old = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "Agg"      # the kernels inherit it: no window, no GUI backend
    yield
    if old is None:
        os.environ.pop("MPLBACKEND", None)
    else:
        os.environ["MPLBACKEND"] = old


def _stub_index(nb, name):
    stubs = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and _defines(c, name)
             and not c.metadata.get("jupyter", {}).get("source_hidden")]
    assert len(stubs) == 1, f"expected one visible stub defining {name}, found cells {stubs}"
    return stubs[0]


def _checker_index(nb, name):
    hits = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
            and re.search(rf"check_\w+\({re.escape(name)}\)", _source(c))]
    assert hits, f"no checker cell calls check_...({name})"
    return hits[0]


def _use_indices(nb, name):
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
            and "use_yours_or_reference(" in _source(c) and _mentions(c, name)]


def _problems(nb) -> list[str]:
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        text = _text(cell)
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            found.append(f"cell {i} raised: {text[-300:]}")
        if CHECK_MARK in text:
            found.append(f"cell {i} prints {CHECK_MARK} although no stub is solved: {text[:200]!r}")
    return found


def _planted(name):
    nb = nbformat.read(NOTEBOOK_DIR / f"{name}.ipynb", as_version=4)
    function, source, _ = PLANTED[name]
    stub = _stub_index(nb, function)
    nb.cells[stub].source = source.strip("\n")
    last = max(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and _mentions(c, function))
    nb.cells = nb.cells[:last + 1]
    return nb


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_shipped_stubs_fall_back_to_the_reference(name):
    nb = _execute(nbformat.read(NOTEBOOK_DIR / f"{name}.ipynb", as_version=4))
    assert _problems(nb) == []
    stubs = [c for c in nb.cells if c.cell_type == "code"
             and re.search(r"#\s*(YOUR CODE HERE|your code here)", _source(c))]
    assert stubs, "no stub found"
    for stub in stubs:
        function = re.search(r"^def (\w+)\(", _source(stub), re.M).group(1)
        assert _text(nb.cells[_checker_index(nb, function)]).startswith("✘"), function
        for i in _use_indices(nb, function):
            said = _text(nb.cells[i])
            assert f"✘ your `{function}` does not pass" in said and "reference" in said, (function, said)


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_a_planted_mistake_is_named_and_never_hidden(name):
    function, _, words = PLANTED[name]
    nb = _execute(_planted(name))
    assert _problems(nb) == []
    verdict = _text(nb.cells[_checker_index(nb, function)])
    assert verdict.startswith("✘") and words in verdict, verdict
    for i in _use_indices(nb, function):
        said = _text(nb.cells[i])
        assert f"✘ your `{function}` does not pass" in said, said
        assert "until yours passes" in said


def test_a_correct_function_is_used_and_said_to_be():
    """The other branch: the learner's right answer is the one the later cells run."""
    nb = nbformat.read(NOTEBOOK_DIR / "01_notation_and_shapes.ipynb", as_version=4)
    stub = _stub_index(nb, "linear_backward")
    nb.cells[stub].source = PLANTED["01_notation_and_shapes"][1].strip("\n").replace(
        "np.sum(dZ, axis=1)", "np.sum(dZ, axis=1, keepdims=True)")
    use = _use_indices(nb, "linear_backward")
    nb.cells = nb.cells[:max(use) + 1]
    nb = _execute(nb)
    assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))
    assert _text(nb.cells[_checker_index(nb, "linear_backward")]).startswith("✔ linear_backward")
    assert "✔ your `linear_backward` passed" in _text(nb.cells[use[0]])


def test_playground_exercise_cells_fall_back():
    """06's closing exercise (its playground cells are not run here): stub, checker, solution."""
    nb = nbformat.read(NOTEBOOK_DIR / "06_playground.ipynb", as_version=4)
    setup = next(c for c in nb.cells if c.cell_type == "code" and "import" in _source(c))
    start = _stub_index(nb, "output_delta_mse")
    cells = [c for c in nb.cells[start:] if c.cell_type == "code"]
    for source in (None, "def output_delta_mse(AL, Y, Z, output):\n    return AL - Y"):
        run = copy.deepcopy(nb)
        run.cells = [copy.deepcopy(setup)] + copy.deepcopy(cells)
        if source:
            run.cells[1].source = source
        _execute(run)
        assert _problems(run) == []
        assert _text(run.cells[2]).startswith("✘ output_delta_mse")
        assert "✘ your `output_delta_mse` does not pass" in _text(run.cells[-1])
    assert "which is dAL, not dZ[L]" in _text(run.cells[2])


# --------------------------------------------------------------------------- the helper itself
def test_use_yours_or_reference_says_which(capsys):
    def linear_backward():
        pass

    def reference_linear_backward():
        pass

    chosen = use_yours_or_reference(CheckResult("linear_backward", False, ["wrong"]),
                                    linear_backward, reference_linear_backward)
    said = capsys.readouterr().out
    assert chosen is reference_linear_backward
    assert said.startswith("✘ your `linear_backward`") and "`reference_linear_backward` until yours" in said
    assert use_yours_or_reference(CheckResult("linear_backward", True, []), linear_backward,
                                  reference_linear_backward) is linear_backward
    assert capsys.readouterr().out.startswith("✔ your `linear_backward` passed")


def test_use_yours_or_reference_explains_bad_input():
    with pytest.raises(TypeError, match="result of the exercise's checker first"):
        use_yours_or_reference(True, print, print)
    with pytest.raises(TypeError, match="without calling it"):
        use_yours_or_reference(CheckResult("f", True, []), None, print)


def test_output_delta_checker_accepts_the_rule_and_names_mistakes():
    right = lambda AL, Y, Z, output: (AL - Y) * OUTPUTS[output][1](Z)  # noqa: E731
    assert check_output_delta_mse(right).passed
    leaky_as_relu = lambda AL, Y, Z, output: (AL - Y) * (Z > 0 if output == "leaky_relu"  # noqa: E731
                                                         else OUTPUTS[output][1](Z))
    result = check_output_delta_mse(leaky_as_relu)
    assert not result.passed and result.mistakes == ["output_delta:relu_for_leaky"]
    over_m = lambda AL, Y, Z, output: right(AL, Y, Z, output) / AL.shape[1]  # noqa: E731
    assert "output_delta:over_m" in check_output_delta_mse(over_m).mistakes
    no_g = check_output_delta_mse(lambda AL, Y, Z, output: AL - Y)
    assert no_g.mistakes == ["output_delta:no_g_prime"]  # linear passes; the other three name it
    assert np.isfinite(OUTPUTS["sigmoid"][1](np.array([30.0]))).all()


# --------------------------------------------------------------------------- without running
def _redefined(nb) -> list[str]:
    """Functions a collapsed cell defines that a visible cell defines too (the old pattern)."""
    visible, hidden = set(), set()
    for cell in nb.cells:
        if cell.cell_type == "code":
            names = set(re.findall(r"^def (\w+)\(", _source(cell), re.M))
            (hidden if cell.metadata.get("jupyter", {}).get("source_hidden") else visible).update(names)
    return sorted(visible & hidden)


@pytest.mark.parametrize("name", sorted(PLANTED) + ["06_playground"])
def test_solutions_are_named_reference(name):
    nb = nbformat.read(NOTEBOOK_DIR / f"{name}.ipynb", as_version=4)
    assert _redefined(nb) == []
    solutions = [c for c in nb.cells if c.cell_type == "code"
                 and c.metadata.get("jupyter", {}).get("source_hidden")]
    assert solutions and all(re.search(r"^def reference_\w+\(", _source(c), re.M) for c in solutions)


def test_redefinition_check_catches_the_old_pattern():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("def f(x):\n    return None"),
                nbformat.v4.new_code_cell("# Solution\ndef f(x):\n    return x")]
    nb.cells[1].metadata["jupyter"] = {"source_hidden": True}
    assert _redefined(nb) == ["f"]
