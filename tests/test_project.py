"""Project-level checks: pyproject.toml and environment.yml list the same packages, and the
notebooks are complete, executed top to bottom, tagged for nbval, short-celled, end with
Summary/Exercises and import only the allowed libraries.

The helpers return lists of problems, so the checks themselves are tested on tampered copies.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the project runs on 3.11
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
EXPECTED_NOTEBOOKS = [
    "01_notation_and_shapes",
    "02_why_dz_is_a_minus_y",
    "03_relu_output_regression",
    "04_relu_forward_only_nan",
    "04b_relu_leaky_tanh_compared",
    "05_gradient_checking",
    "06_playground",
    "07_check_your_own_code",
    "08_backprop_with_numbers",
    "09_build_it_yourself",
]
NO_EXERCISES = {"06_playground"}
ALLOWED_IMPORTS = {"dlsnotes", "numpy", "matplotlib", "IPython", "ipywidgets", "sympy", "sklearn", "time"}
CHECK_TAG = "nbval-check-output"
MIN_CHECKED_CELLS = 3
MAX_CELL_LINES = 25


# ============================================================================= dependencies
def normalise(name: str) -> str:
    """PEP 503 name normalisation: ``Scikit_Learn`` -> ``scikit-learn``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_requirement(spec: str) -> tuple[str, str | None]:
    """``"numpy >= 1.24"`` -> ``("numpy", "1.24")``; the lower bound is ``None`` if there is none."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$", spec)
    if not match:
        raise ValueError(f"cannot read the requirement {spec!r}")
    name, constraint = match.groups()
    bound = re.search(r"(?:>=|==|~=|(?<![<>!=])=)\s*([0-9][0-9A-Za-z.*]*)", constraint)
    return normalise(name), (bound.group(1) if bound else None)


def pyproject_requirements(text: str) -> dict[str, str | None]:
    """Runtime ``dependencies`` plus the ``test`` extra."""
    project = tomllib.loads(text)["project"]
    specs = project.get("dependencies", []) + project.get("optional-dependencies", {}).get("test", [])
    return dict(parse_requirement(spec) for spec in specs)


def environment_dependencies(text: str) -> list[str]:
    """The conda ``dependencies`` list of an environment.yml (nested ``pip:`` lists excluded).

    A tiny parser for the simple layout conda files use, so no YAML library is needed.
    """
    items, inside, item_indent = [], False, None
    for raw in text.splitlines():
        line = raw.split(" #")[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            inside = line.startswith("dependencies:")
            continue
        if not inside or not line.lstrip().startswith("- "):
            continue
        if item_indent is None:
            item_indent = indent
        if indent != item_indent:
            continue  # an entry of a nested list such as pip:
        value = line.lstrip()[2:].strip().strip("'\"")
        if not value.endswith(":"):  # "- pip:" opens the nested pip list
            items.append(value)
    return items


def environment_requirements(text: str) -> dict[str, str | None]:
    reqs = dict(parse_requirement(spec) for spec in environment_dependencies(text))
    reqs.pop("python", None)
    reqs.pop("pip", None)
    return reqs


def dependency_mismatches(pyproject_text: str, environment_text: str) -> list[str]:
    """Differences between the two files, one readable line each (empty when in step)."""
    py, env = pyproject_requirements(pyproject_text), environment_requirements(environment_text)
    problems = [f"{name} is only in pyproject.toml" for name in sorted(py.keys() - env.keys())]
    problems += [f"{name} is only in environment.yml" for name in sorted(env.keys() - py.keys())]
    for name in sorted(py.keys() & env.keys()):
        if py[name] != env[name]:
            problems.append(
                f"{name}: lower bound {py[name]} in pyproject.toml but {env[name]} in environment.yml"
            )
    return problems


PYPROJECT = (ROOT / "pyproject.toml").read_text()
ENVIRONMENT = (ROOT / "environment.yml").read_text()


def test_pyproject_and_environment_list_the_same_packages():
    assert dependency_mismatches(PYPROJECT, ENVIRONMENT) == []


def test_dependency_lists_are_not_empty():
    reqs = pyproject_requirements(PYPROJECT)
    assert {"numpy", "scikit-learn", "pytest", "hypothesis", "nbval"} <= set(reqs)
    assert all(bound is not None for bound in reqs.values()), "every package has a lower bound"


def test_tiny_environment_parser_agrees_with_yaml():
    import yaml  # installed with jupyterlab (jupyter-events needs it)

    deps = yaml.safe_load(ENVIRONMENT)["dependencies"]
    assert environment_dependencies(ENVIRONMENT) == [d for d in deps if isinstance(d, str)]
    assert any(isinstance(d, dict) and "pip" in d for d in deps)  # and the pip list was skipped


def tamper(text, old, new):
    assert old in text, f"{old!r} not found; the tampering test needs updating"
    return text.replace(old, new, 1)


def test_mismatch_detected_when_a_package_is_missing():
    env = tamper(ENVIRONMENT, "  - tqdm>=4.65\n", "")
    assert dependency_mismatches(PYPROJECT, env) == ["tqdm is only in pyproject.toml"]


def test_mismatch_detected_when_a_package_is_extra():
    env = tamper(ENVIRONMENT, "  - pip\n", "  - pip\n  - pandas>=2.0\n")
    assert dependency_mismatches(PYPROJECT, env) == ["pandas is only in environment.yml"]


def test_mismatch_detected_when_a_lower_bound_differs():
    env = tamper(ENVIRONMENT, "numpy>=1.24", "numpy>=1.26")
    assert dependency_mismatches(PYPROJECT, env) == [
        "numpy: lower bound 1.24 in pyproject.toml but 1.26 in environment.yml"
    ]
    py = tamper(PYPROJECT, '"hypothesis>=6.80"', '"hypothesis"')
    assert dependency_mismatches(py, ENVIRONMENT) == [
        "hypothesis: lower bound None in pyproject.toml but 6.80 in environment.yml"
    ]


def test_mismatch_detected_in_the_test_extra():
    py = tamper(PYPROJECT, '    "playwright>=1.40",\n', "")
    assert dependency_mismatches(py, ENVIRONMENT) == ["playwright is only in environment.yml"]


def test_names_are_compared_normalised():
    env = tamper(ENVIRONMENT, "scikit-learn>=1.3", "Scikit_Learn >=1.3")
    assert dependency_mismatches(PYPROJECT, env) == []
    assert parse_requirement("ipywidgets[extra] >=8.0,<9") == ("ipywidgets", "8.0")
    assert parse_requirement("python=3.11") == ("python", "3.11")
    assert parse_requirement("tqdm") == ("tqdm", None)


def test_pip_section_entries_are_not_conda_packages():
    assert "-e ." not in environment_dependencies(ENVIRONMENT)
    assert "pip" in environment_dependencies(ENVIRONMENT)


# ============================================================================= notebooks
def source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def execution_problems(nb) -> list[str]:
    """Code cells must be numbered 1, 2, 3, ... (one clean run) and contain no error output."""
    problems = []
    counts = [c.get("execution_count") for c in code_cells(nb)]
    if counts != list(range(1, len(counts) + 1)):
        problems.append(f"execution counts are {counts}, expected 1..{len(counts)} in order "
                        "(re-run the notebook top to bottom with nbconvert --execute)")
    for i, cell in enumerate(code_cells(nb), start=1):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"code cell {i} stored an error: {out.get('ename')}")
    return problems


def tagged_cell_problems(nb) -> list[str]:
    tagged = [c for c in code_cells(nb) if CHECK_TAG in c.get("metadata", {}).get("tags", [])]
    problems = []
    if len(tagged) < MIN_CHECKED_CELLS:
        problems.append(f"only {len(tagged)} cell(s) tagged {CHECK_TAG!r}; need at least {MIN_CHECKED_CELLS}")
    for cell in tagged:
        first = source(cell).splitlines()[0] if source(cell) else ""
        outputs = cell.get("outputs", [])
        texts = [o for o in outputs if o.get("output_type") == "stream"
                 or "text/plain" in o.get("data", {})]
        if not texts:
            problems.append(f"tagged cell starting {first!r} has no stored text output")
        if any("image/png" in o.get("data", {}) for o in outputs):
            problems.append(f"tagged cell starting {first!r} stores a figure; tagged cells must print text only")
    return problems


def long_cell_problems(nb) -> list[str]:
    return [f"code cell {i} has {len(source(c).splitlines())} lines (max {MAX_CELL_LINES}): "
            f"{source(c).splitlines()[0]!r}"
            for i, c in enumerate(code_cells(nb), start=1) if len(source(c).splitlines()) > MAX_CELL_LINES]


def section_headings(nb) -> list[str]:
    """Texts of the level-1 and level-2 markdown headings, in order (code fences skipped)."""
    headings = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        fenced = False
        for line in source(cell).splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
            match = re.match(r"^(#{1,2})\s+(.*?)\s*#*\s*$", line)
            if match and not fenced:
                headings.append(match.group(2))
    return headings


def is_heading(text, word):
    return re.fullmatch(rf"[\d.\s]*{word}", text, flags=re.IGNORECASE) is not None


def ending_problems(nb, needs_exercises=True) -> list[str]:
    headings = section_headings(nb)
    if needs_exercises:
        if len(headings) >= 2 and is_heading(headings[-2], "Summary") and is_heading(headings[-1], "Exercises"):
            return []
        return [f"the last sections must be '## Summary' then '## Exercises'; the headings end with {headings[-3:]}"]
    if headings and is_heading(headings[-1], "Summary"):
        return []
    if len(headings) >= 2 and is_heading(headings[-2], "Summary") and is_heading(headings[-1], "Exercises"):
        return []
    return [f"the last section must be '## Summary'; the headings end with {headings[-3:]}"]


def imported_modules(code: str) -> set[str]:
    """Top-level packages imported by a code cell (IPython magics and shell lines ignored)."""
    lines = ["pass" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines()]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return {m.group(2).split(".")[0] for m in re.finditer(r"^\s*(import|from)\s+([\w.]+)", code, re.M)}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def import_problems(nb) -> list[str]:
    used = set().union(*(imported_modules(source(c)) for c in code_cells(nb)))
    return [f"imports {name!r}, which is not one of {sorted(ALLOWED_IMPORTS)}" for name in sorted(used - ALLOWED_IMPORTS)]


def notebook_names():
    present = {p.stem for p in NOTEBOOK_DIR.glob("*.ipynb")}
    return sorted(present | set(EXPECTED_NOTEBOOKS))


def load(name):
    path = NOTEBOOK_DIR / f"{name}.ipynb"
    if not path.exists():
        pytest.fail(f"notebooks/{name}.ipynb does not exist (yet)")
    return json.loads(path.read_text(encoding="utf-8"))


def test_expected_notebooks_exist():
    missing = [n for n in EXPECTED_NOTEBOOKS if not (NOTEBOOK_DIR / f"{n}.ipynb").exists()]
    assert missing == [], f"missing notebooks: {missing}"


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_was_executed_top_to_bottom(name):
    assert execution_problems(load(name)) == []


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_has_tagged_cells_with_output(name):
    assert tagged_cell_problems(load(name)) == []


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_code_cells_are_short(name):
    assert long_cell_problems(load(name)) == []


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_ends_with_summary_and_exercises(name):
    assert ending_problems(load(name), needs_exercises=name not in NO_EXERCISES) == []


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_imports_only_allowed_libraries(name):
    nb = load(name)
    assert import_problems(nb) == []
    assert "dlsnotes" in set().union(*(imported_modules(source(c)) for c in code_cells(nb)))


# ----------------------------------------------------------------------------- the checks catch problems
def fake_notebook(cells):
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def code(src, count, tags=(), outputs=None):
    if outputs is None:
        outputs = [{"output_type": "stream", "name": "stdout", "text": "0.5\n"}]
    return {"cell_type": "code", "source": src, "execution_count": count,
            "metadata": {"tags": list(tags)}, "outputs": outputs}


def markdown(src):
    return {"cell_type": "markdown", "source": src, "metadata": {}}


GOOD = fake_notebook([
    markdown("# Title\n\nAfter this notebook you can ..."),
    code("%matplotlib inline\nimport numpy as np\nfrom dlsnotes import predict", 1),
    markdown("## 1. Part one"),
    code("print(1)", 2, tags=[CHECK_TAG]),
    code("print(2)", 3, tags=[CHECK_TAG]),
    markdown("## Summary\n\n* a point\n\n## Exercises"),
    code("print(3)", 4, tags=[CHECK_TAG]),
])


def test_checks_accept_a_good_notebook():
    assert execution_problems(GOOD) == []
    assert tagged_cell_problems(GOOD) == []
    assert long_cell_problems(GOOD) == []
    assert ending_problems(GOOD) == []
    assert import_problems(GOOD) == []


def replace_cell(nb, index, cell):
    cells = list(nb["cells"])
    cells[index] = cell
    return fake_notebook(cells)


@pytest.mark.parametrize("counts", [(1, 3, 4, 5), (1, 2, None, 4), (2, 1, 3, 4), (1, 2, 3, 3)])
def test_execution_check_catches_gaps_and_reordering(counts):
    cells = [dict(c) for c in GOOD["cells"]]
    for cell, count in zip([c for c in cells if c["cell_type"] == "code"], counts):
        cell["execution_count"] = count
    assert execution_problems(fake_notebook(cells))


def test_execution_check_catches_stored_errors():
    nb = replace_cell(GOOD, 3, code("1/0", 2, outputs=[{"output_type": "error", "ename": "ZeroDivisionError",
                                                        "evalue": "", "traceback": []}]))
    assert "ZeroDivisionError" in execution_problems(nb)[0]


def test_tag_check_catches_too_few_tags_missing_output_and_figures():
    assert tagged_cell_problems(replace_cell(GOOD, 3, code("print(1)", 2)))  # only 2 tagged
    assert tagged_cell_problems(replace_cell(GOOD, 3, code("x = 1", 2, [CHECK_TAG], outputs=[])))
    figure = [{"output_type": "display_data", "data": {"image/png": "iVBOR", "text/plain": "<Figure>"}}]
    assert "figure" in tagged_cell_problems(replace_cell(GOOD, 3, code("plt.plot()", 2, [CHECK_TAG], figure)))[0]


def test_long_cell_check():
    assert long_cell_problems(replace_cell(GOOD, 3, code("x = 1\n" * 25, 2, [CHECK_TAG]))) == []
    assert long_cell_problems(replace_cell(GOOD, 3, code("x = 1\n" * 26, 2, [CHECK_TAG])))


def test_ending_check():
    no_exercises = replace_cell(GOOD, 5, markdown("## Summary\n\n* a point"))
    assert ending_problems(no_exercises)
    assert ending_problems(no_exercises, needs_exercises=False) == []
    swapped = replace_cell(GOOD, 5, markdown("## Exercises\n\n## Summary"))
    assert ending_problems(swapped)
    assert ending_problems(replace_cell(GOOD, 5, markdown("## Summary\n```\n## Exercises\n```")))
    numbered = replace_cell(GOOD, 5, markdown("## 7. Summary\n\n## 8. Exercises\n\n### Exercise 1"))
    assert ending_problems(numbered) == []


def test_import_check():
    bad = replace_cell(GOOD, 1, code("import pandas as pd\nfrom scipy import special\nimport numpy.linalg", 1))
    assert import_problems(bad) == [
        f"imports 'pandas', which is not one of {sorted(ALLOWED_IMPORTS)}",
        f"imports 'scipy', which is not one of {sorted(ALLOWED_IMPORTS)}",
    ]
    assert imported_modules("%matplotlib inline\nfrom dlsnotes.gradcheck import (\n    gradient_check,\n)\n"
                            "import matplotlib.pyplot as plt, time") == {"dlsnotes", "matplotlib", "time"}
    assert imported_modules("x = (\nimport os") == {"os"}  # falls back to a regex on syntax errors


# ============================================================================= no private paths
#: The developers' shared folder next to the repository (the forum threads behind the lessons,
#: tools): no learner has it, so notebooks and package tell what they took from it in their own
#: words and never send a reader there.
PRIVATE_PATHS = ("shared/seeds", "../shared")


def private_path_problems(text: str, where: str) -> list[str]:
    return [f"{where} mentions {path!r}, a folder no learner has" for path in PRIVATE_PATHS if path in text]


def package_files() -> list[Path]:
    return sorted(p for p in (ROOT / "dlsnotes").rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_does_not_mention_the_shared_folder(name):
    # sources and outputs alike: a printed path would send the reader there too
    text = json.dumps(load(name), ensure_ascii=False)
    assert private_path_problems(text, f"notebooks/{name}.ipynb") == []


def test_package_does_not_mention_the_shared_folder():
    files = package_files()
    assert any(p.suffix == ".py" for p in files), "no Python file found under dlsnotes/"
    problems = [problem for p in files for problem in private_path_problems(
        p.read_bytes().decode("utf-8", errors="replace"), str(p.relative_to(ROOT)))]
    assert problems == []


def test_private_path_check():
    assert len(private_path_problems("the thread is in (`../shared/seeds/`)", "x")) == 2
    assert private_path_problems("run ../shared/tools/test-on-other-cpus", "nb") == [
        "nb mentions '../shared', a folder no learner has"]
    assert private_path_problems("one shared legend; the seeds 1 to 10 of section 4", "x") == []
