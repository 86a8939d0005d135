"""The package's shape (issue 16, item 5): no module reaches into another's private names, no
import hides inside a function to dodge a cycle, and the import graph has no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dlsnotes"
MODULES = {".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): p
           for p in sorted(PACKAGE.rglob("*.py"))}


def _target(node, module, path):
    """The absolute dlsnotes module an ``ImportFrom`` names (None outside the package)."""
    if node.level == 0:
        return node.module if (node.module or "").startswith("dlsnotes") else None
    base = module.split(".")
    if path.name != "__init__.py":
        base = base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module, path, top_level_only):
    tree = ast.parse(path.read_text())
    nodes = tree.body if top_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            target = _target(node, module, path)
            if target:
                yield node, target


@pytest.mark.parametrize("module", MODULES)
def test_no_module_imports_another_modules_private_names(module):
    private = [f"{target}.{alias.name}" for node, target in _imports(module, MODULES[module], False)
               for alias in node.names if alias.name.startswith("_")]
    assert not private, f"{module} imports private names {private}: make them public or move them"


@pytest.mark.parametrize("module", MODULES)
def test_no_package_import_hides_inside_a_function(module):
    tree = ast.parse(MODULES[module].read_text())
    hidden = []
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and _target(node, module, MODULES[module]):
                    hidden.append(f"{function.name}: from {'.' * node.level}{node.module or ''}")
    assert not hidden, f"{module} imports inside functions (a hidden cycle?): {hidden}"


def test_the_import_graph_has_no_cycle():
    graph = {}
    for module, path in MODULES.items():
        deps = set()
        for node, target in _imports(module, path, True):
            names = [f"{target}.{alias.name}" for alias in node.names]
            submodules = [name for name in names if name in MODULES]
            deps.update(submodules or ([target] if target in MODULES and target != module else []))
        graph[module] = deps - {module}
    done, path = set(), []

    def visit(module):
        if module in path:
            raise AssertionError(" -> ".join(path[path.index(module):] + [module]))
        if module in done:
            return
        path.append(module)
        for dep in sorted(graph[module]):
            if not (dep == "dlsnotes" or module.startswith(dep + ".")):  # a package's own __init__
                visit(dep)
        path.pop()
        done.add(module)

    for module in MODULES:
        visit(module)
