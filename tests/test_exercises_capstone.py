"""The capstone's checkers (notebook 09): each passes the reference and names typical mistakes,
and the fallback, the whole-network gradient check and the training loop behave as the
notebook says."""

from __future__ import annotations

import numpy as np
import pytest

from dlsnotes.exercises import capstone as cap


# ----------------------------------------------------------------------------- learner-like code
def relu_g(Z, name):
    return {"relu": np.maximum(0, Z), "tanh": np.tanh(Z), "sigmoid": 1 / (1 + np.exp(-Z)),
            "linear": Z}[name]


def g_prime_tanh_for_relu(Z, name):
    A = relu_g(Z, name)
    return {"relu": 1 - A ** 2, "tanh": 1 - A ** 2, "sigmoid": A * (1 - A),
            "linear": np.ones_like(Z)}[name]


def written_backward(dAL, caches, hidden, output, *, no_m=False, keepdims=True, tanh=False,
                     output_g=True):
    """A learner's backward loop, with switches for the mistakes of the brief."""
    grads, dA, L = {}, dAL, len(caches)
    for l in reversed(range(1, L + 1)):
        (A_prev, W, b), Z = caches[l - 1]
        if l == L:
            dZ = dA * cap.reference_g_prime(Z, output) if output_g else dA
        elif tanh:
            dZ = dA * (1 - np.maximum(0, Z) ** 2)  # the course's tanh line kept under ReLU
        else:
            dZ = dA * cap.reference_g_prime(Z, hidden)
        m = 1 if no_m else A_prev.shape[1]
        grads["dW" + str(l)] = np.dot(dZ, A_prev.T) / m
        grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=keepdims) / m
        dA = np.dot(W.T, dZ)
        grads["dA" + str(l - 1)] = dA
    return grads


def update_never_assigns(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]  # noqa: B018
        parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]  # noqa: B018
    return parameters


def train_never_assigns(net, X, Y, layer_dims, hidden, output, loss, learning_rate,
                        num_iterations, init="he", seed=1):
    parameters = cap.initialize_parameters_deep(layer_dims, init=init, seed=seed)
    costs = []
    for _ in range(num_iterations):
        AL, caches = net.forward(X, parameters, hidden, output)
        costs.append(net.compute_cost(AL, Y, loss))
        grads = net.backward(net.compute_dAL(AL, Y, loss), caches, hidden, output)
        net.update(parameters, grads, learning_rate)  # the result is thrown away
    return parameters, costs


def keys(result):
    return set(result.mistakes)


# ----------------------------------------------------------------------------- the references pass
@pytest.mark.parametrize("name", sorted(cap.CHECKS))
def test_each_checker_passes_the_reference(name):
    result = cap.CHECKS[name](getattr(cap, f"reference_{name}"))
    assert result.passed, str(result)


@pytest.mark.parametrize("name", sorted(cap.CHECKS))
def test_each_checker_rejects_the_stub_with_a_sentence(name):
    result = cap.CHECKS[name](lambda *args: None)
    assert not result.passed and "return" in str(result) and "Traceback" not in str(result)


def test_learner_written_versions_pass():
    assert cap.check_g(relu_g).passed
    assert cap.check_backward(written_backward).passed


# ----------------------------------------------------------------------------- typical mistakes
def test_backward_missing_one_over_m_is_named():
    result = cap.check_backward(lambda *a: written_backward(*a, no_m=True))
    assert keys(result) == {"backward:no_1/m"}
    assert "1/m is missing" in str(result)


def test_backward_missing_keepdims_is_named():
    result = cap.check_backward(lambda *a: written_backward(*a, keepdims=False))
    assert keys(result) == {"backward:no_keepdims"} and "keepdims=True" in str(result)


def test_tanh_derivative_under_a_relu_forward_is_named():
    result = cap.check_backward(lambda *a: written_backward(*a, tanh=True))
    assert keys(result) == {"backward:tanh_hidden"} and "1 − A²" in str(result)
    assert "g_prime:tanh_for_relu" in keys(cap.check_g_prime(g_prime_tanh_for_relu))


def test_output_relu_derivative_forgotten_is_named():
    result = cap.check_backward(lambda *a: written_backward(*a, output_g=False))
    assert keys(result) == {"backward:output_g_forgotten"}
    assert "dZ[L] = dAL * g'(Z[L])" in str(result)


def test_hidden_derivative_at_a_sigmoid_output_is_named_as_the_wrong_derivative():
    def hidden_everywhere(dAL, caches, hidden, output):
        return written_backward(dAL, caches, hidden, hidden)  # g' of `hidden` at every layer

    result = cap.check_backward(hidden_everywhere)
    # On the relu/sigmoid case every Z[L] > 0, so ReLU's slope there is 1: same numbers as no g'.
    assert keys(result) == {"backward:output_g_wrong"} and "wrong derivative" in str(result)
    assert "missing" not in str(result)


def test_a_failing_helper_is_named_before_the_function_that_uses_it():
    """backward calls the learner's g_prime (forward their g): a wrong one is blamed, not dW."""
    namespace = {"np": np, "cap": cap}
    exec(
        "def g_prime(Z, name):\n"
        "    A = cap.reference_g(Z, name)\n"
        "    return 1 - A ** 2 if name == 'relu' else cap.reference_g_prime(Z, name)\n"
        "def backward(dAL, caches, hidden, output):\n"
        "    grads, dA, L = {}, dAL, len(caches)\n"
        "    for l in range(L, 0, -1):\n"
        "        (A_prev, W, b), Z = caches[l - 1]\n"
        "        dZ = dA * g_prime(Z, output if l == L else hidden)\n"
        "        grads[f'dW{l}'] = dZ @ A_prev.T / A_prev.shape[1]\n"
        "        grads[f'db{l}'] = np.sum(dZ, axis=1, keepdims=True) / A_prev.shape[1]\n"
        "        dA = W.T @ dZ\n"
        "    return grads\n"
        "def g(Z, name):\n"
        "    return 1 / (1 + np.exp(Z)) if name == 'sigmoid' else cap.reference_g(Z, name)\n"
        "def forward(X, parameters, hidden, output):\n"
        "    L, A, caches = len(parameters) // 2, X, []\n"
        "    for l in range(1, L + 1):\n"
        "        W, b = parameters[f'W{l}'], parameters[f'b{l}']\n"
        "        Z = W @ A + b\n"
        "        caches.append(((A, W, b), Z))\n"
        "        A = g(Z, output if l == L else hidden)\n"
        "    return A, caches\n", namespace)
    result = cap.check_backward(namespace["backward"])
    assert keys(result) == {"uses_failing:g_prime"} and "fix g_prime first" in str(result)
    assert "differs" not in str(result)
    assert keys(cap.check_forward(namespace["forward"])) == {"uses_failing:g"}
    namespace["g_prime"], namespace["g"] = cap.reference_g_prime, cap.reference_g
    assert cap.check_backward(namespace["backward"]) and cap.check_forward(namespace["forward"])


@pytest.mark.parametrize("cost, dAL, phrase", [
    (lambda AL, Y: np.mean((AL - Y) ** 2), lambda AL, Y: AL - Y,
     "Your cost is (a − y)², so dAL must be 2(AL − Y); yours is AL − Y."),
    (lambda AL, Y: np.mean((AL - Y) ** 2) / 2, lambda AL, Y: 2 * (AL - Y),
     "Your cost is ½(a − y)², so dAL must be AL − Y; yours is 2(AL − Y)."),
    (lambda AL, Y: np.mean(np.abs(AL - Y)), lambda AL, Y: AL - Y, "Your cost is not a multiple of (a − y)²"),
])
def test_cost_and_dAL_disagreement_says_which_dAL_the_cost_needs(cost, dAL, phrase):
    result = cap.check_cost_and_dAL_agree(lambda AL, Y: (float(cost(AL, Y)), dAL(AL, Y)))
    assert not result and phrase in str(result)


def test_bce_dAL_used_with_mse_is_named():
    def dAL_always_bce(AL, Y, loss):
        return -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))

    result = cap.check_compute_dAL(dAL_always_bce)
    assert keys(result) == {"dAL_mse:bce"} and "cross-entropy" in str(result)


def test_mse_dAL_used_with_bce_is_named():
    result = cap.check_compute_dAL(lambda AL, Y, loss: AL - Y)
    assert keys(result) == {"dAL:mse_for_bce"}


def test_update_that_never_assigns_back_is_named():
    result = cap.check_update(update_never_assigns)
    assert keys(result) == {"update_parameters:not_assigned"} and "never assigned" in str(result)


def test_training_loop_that_never_assigns_back_is_named():
    result = cap.check_train(train_never_assigns)
    assert "train:not_assigned" in keys(result) and "parameters = net.update" in str(result)


def loop(*, every=1, after=False, short=0, seed=None, init=None):
    """A learner's training loop with one switch per typical mistake."""
    def train(net, X, Y, layer_dims, hidden, output, loss, learning_rate, num_iterations,
              init_="he", seed_=1):
        parameters = cap.initialize_parameters_deep(layer_dims, init=init or init_,
                                                    seed=seed_ if seed is None else seed)
        costs = []
        for i in range(num_iterations - short):
            AL, caches = net.forward(X, parameters, hidden, output)
            if not after and i % every == 0:
                costs.append(net.compute_cost(AL, Y, loss))
            grads = net.backward(net.compute_dAL(AL, Y, loss), caches, hidden, output)
            parameters = net.update(parameters, grads, learning_rate)
            if after:
                costs.append(net.compute_cost(net.forward(X, parameters, hidden, output)[0], Y, loss))
        return parameters, costs
    return train


@pytest.mark.parametrize("switch, key", [
    ({}, None), ({"every": 100}, "train:cost_count"), ({"after": True}, "train:cost_after_update"),
    ({"short": 1}, "train:off_by_one"), ({"seed": 0}, "train:init"), ({"init": "small"}, "train:init"),
])
def test_training_loop_mistakes_are_named(switch, key):
    result = cap.check_train(loop(**switch))
    assert result.passed == (key is None) and set(result.mistakes) == ({key} if key else set())


def test_training_loop_that_bypasses_net_is_named():
    def train_global(net, X, Y, *args):
        return cap.reference_train(cap.REFERENCE_NET, X, Y, *args)

    result = cap.check_train(train_global)
    assert keys(result) == {"train:not_through_net"} and "net.forward" in str(result)


@pytest.mark.parametrize("fn, key", [
    (lambda AL, Y, loss: float(np.mean((AL - Y) ** 2)) if loss == "mse" else
     cap.reference_compute_cost(AL, Y, loss), "cost_mse:no_half"),
    (lambda AL, Y, loss: float(np.sum((AL - Y) ** 2) / 2), "value:missing_1/m"),
    (lambda AL, Y, loss: float(np.mean((AL - Y) ** 2) / 2), "cost:mse"),  # MSE for the classifier
])
def test_cost_mistakes_are_named(fn, key):
    assert key in keys(cap.check_compute_cost(fn))


@pytest.mark.parametrize("fn, key", [
    (lambda Z, name: Z if name == "linear" else cap.reference_g_prime(Z, name), "g_prime:linear_Z"),
    (lambda Z, name: 1 if name == "linear" else cap.reference_g_prime(Z, name), "g_prime:linear_scalar"),
    (lambda Z, name: np.ones_like(Z) if name == "relu" else cap.reference_g_prime(Z, name), "g_prime:relu_ones"),
])
def test_g_prime_mistakes_are_named_under_the_activation(fn, key):
    result = cap.check_g_prime(fn)
    assert keys(result) == {key}
    assert str(result).split("\n")[0].split(": ")[1] in cap.NAMES


@pytest.mark.parametrize("fn, key", [
    (lambda X, p, h, o: cap._forward_with(X, p, [h] * (len(p) // 2)), "forward:output_as_hidden"),
    (lambda X, p, h, o: cap._forward_with(X, p, [h] * (len(p) // 2 - 1) + [o], keep="A"), "forward:cache_A"),
    (lambda X, p, h, o: cap._forward_with(X, p, [h] * (len(p) // 2 - 1) + [o], bias=False), "forward:no_b"),
])
def test_forward_mistakes_are_named(fn, key):
    assert keys(cap.check_forward(fn)) == {key}


# ----------------------------------------------------------------------------- fallback and whole chain
def test_use_falls_back_to_the_reference_and_says_so(capsys):
    chosen = cap.use("update", update_never_assigns, cap.reference_update)
    out = capsys.readouterr().out
    assert chosen is cap.reference_update and out.startswith("✘ your `update_never_assigns`")
    assert cap.use("update", cap.reference_update, update_never_assigns) is cap.reference_update
    assert "✔" in capsys.readouterr().out


def test_assemble_keeps_passing_functions_and_replaces_the_others(capsys):
    pairs = {p: (getattr(cap, f"reference_{p}"), getattr(cap, f"reference_{p}")) for p in cap._NET_PARTS}
    pairs["update"] = (update_never_assigns, cap.reference_update)
    mine = lambda *a: written_backward(*a)  # noqa: E731
    pairs["backward"] = (mine, cap.reference_backward)
    net = cap.assemble(**pairs)
    assert net.update is cap.reference_update and net.backward is mine
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 5 and out[4].startswith("✘ your `update_never_assigns`")
    assert out[3].startswith("✔ your `<lambda>` passed check_backward")


def _small_net(seed=3):
    rng = np.random.RandomState(seed)
    X = rng.randn(2, 6)
    Y = (rng.rand(1, 6) > 0.5).astype(float)
    params = {"W1": rng.randn(3, 2), "b1": rng.randn(3, 1), "W2": rng.randn(1, 3), "b2": rng.randn(1, 1)}
    return params, X, Y


def test_gradient_check_net_passes_the_reference_and_catches_a_planted_bug():
    params, X, Y = _small_net()
    report = cap.gradient_check_net(cap.REFERENCE_NET, params, X, Y, "relu", "sigmoid", "bce")
    assert report.passed and report.difference < 1e-7
    wrong = cap.Network(cap.reference_forward, cap.reference_compute_cost, cap.reference_compute_dAL,
                        lambda *a: written_backward(*a, output_g=False), cap.reference_update)
    bad = cap.gradient_check_net(wrong, params, X, Y, "relu", "sigmoid", "bce")
    assert not bad.passed and bad.worst in ("W2", "b2")


def test_gradient_check_net_accepts_a_consistent_other_convention():
    # cost without ½ and dAL = 2(a − y): other numbers than the notebook's, yet consistent
    params, X, Y = _small_net(4)
    net = cap.Network(cap.reference_forward, lambda AL, Y, loss: float(np.mean((AL - Y) ** 2)),
                      lambda AL, Y, loss: 2 * (AL - Y), cap.reference_backward, cap.reference_update)
    assert cap.gradient_check_net(net, params, X, Y, "tanh", "linear", "mse").passed


def test_r_squared_and_accuracy():
    Y = np.array([[0.0, 1.0, 2.0, 3.0]])
    assert cap.r_squared(Y, Y) == 1.0 and cap.r_squared(Y, np.full_like(Y, Y.mean())) == 0.0
    assert cap.accuracy(np.array([[1, 0, 1, 0]]), np.array([[0.9, 0.2, 0.4, 0.6]])) == 0.5


def test_checkers_never_raise_on_strange_returns():
    for name, check in cap.CHECKS.items():
        for fn in (lambda *a: "text", lambda *a: 1 / 0, 42):
            result = check(fn)
            assert not result.passed and result.messages, name


# ----------------------------------------------------------------------------- the notebook's layout
import ast  # noqa: E402
import contextlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "09_build_it_yourself.ipynb"
STUBS = ("g", "g_prime", "forward", "compute_cost", "compute_dAL", "backward", "update", "train",
         "mse_no_half")
CHECKER_OF = {"mse_no_half": "check_cost_and_dAL_agree"}


def _cells():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if c["cell_type"] == "code"]


def _src(cell):
    return "".join(cell["source"])


def _defined(src):
    tree = ast.parse("\n".join("pass" if line.startswith("%") else line for line in src.splitlines()))
    names = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def test_solutions_are_collapsed_and_never_redefine_the_learners_functions():
    solutions = [c for c in _cells() if "solution" in c["metadata"].get("tags", [])]
    assert len(solutions) >= len(STUBS)
    for cell in solutions:
        assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True
        assert all(name.startswith("reference_") for name in _defined(_src(cell))), _src(cell)[:60]
    learner = set(STUBS)
    stub_cells = [c for c in _cells() if "# YOUR CODE STARTS HERE" in _src(c)]
    others = [c for c in _cells() if c not in stub_cells]
    assert not any(_defined(_src(c)) & learner for c in others)


def test_each_stub_returns_none_between_markers_and_is_checked_next():
    cells = _cells()
    found = set()
    for i, cell in enumerate(cells):
        src = _src(cell)
        if "# YOUR CODE STARTS HERE" not in src:
            continue
        assert src.count("# YOUR CODE STARTS HERE") == src.count("# YOUR CODE ENDS HERE")
        assert re.search(r"# YOUR CODE STARTS HERE\n\s*return None\n\s*# YOUR CODE ENDS HERE", src)
        names = [n for n in _defined(src) if n in STUBS]
        found |= set(names)
        for name in names:
            assert f"{CHECKER_OF.get(name, 'check_' + name)}({name})" in _src(cells[i + 1]), name
    assert found == set(STUBS)


def _filled_notebook_source(plant):
    """The notebook's code with every stub replaced by its solution, and ``plant`` for update."""
    cells = _cells()
    solutions = {n[len("reference_"):]: _src(c) for c in cells
                 if "solution" in c["metadata"].get("tags", []) for n in _defined(_src(c))}
    out = []
    for cell in cells:
        src = _src(cell)
        stub = _defined(src) & set(STUBS) if "# YOUR CODE STARTS HERE" in src else set()
        if stub == {"update"}:
            src = plant
        elif stub:
            body = solutions[stub.pop()].split("\ncheck_")[0]  # the solution without its check
            src = re.sub(r"\breference_(?=\w)", "", body)  # reference_g -> g, ...: the learner's names
        out.append("\n".join("pass" if line.startswith("%") else line for line in src.splitlines()))
    return out


def test_notebook_uses_the_learners_functions_and_falls_back_with_a_cross(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    plant = ("def update(parameters, grads, learning_rate):\n"
             "    for key in parameters:\n"
             "        parameters[key] - learning_rate * grads['d' + key]\n"
             "    return parameters\n")
    namespace, printed = {}, io.StringIO()
    with contextlib.redirect_stdout(printed):
        for i, src in enumerate(_filled_notebook_source(plant)):
            exec(compile(src, f"<notebook 09 cell {i}>", "exec"), namespace)  # noqa: S102
    text = printed.getvalue()
    assert "✘ your `update` does not pass its check yet: the cells below use the reference" in text
    for name in ("forward", "compute_cost", "compute_dAL", "backward", "train"):
        assert f"✔ your `{name}` passed check_{name}" in text
    assert namespace["net"].update is namespace["reference_update"]
    assert namespace["net"].backward is namespace["backward"]
    assert namespace["acc_flower"] > 0.80
