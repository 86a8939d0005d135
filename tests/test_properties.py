"""Property tests (hypothesis): for random layer sizes, example counts and activations the
gradients have their parameters' shapes, ``dA{l}`` has ``A{l}``'s shape, the forward pass is
finite, and for smooth activations backward propagation agrees with central differences."""

import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dlsnotes import (L_layer_model, L_model_backward, L_model_forward, PairingWarning,
                      initialize_parameters_deep)
from dlsnotes.gradcheck import gradient_check

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "linear", "swish"]
SMOOTH_HIDDEN = ["sigmoid", "tanh", "linear", "swish"]
#: output activation -> the loss it is trained with
OUTPUTS = {"sigmoid": "bce", "softmax": "cce", "linear": "mse", "relu": "mse", "tanh": "mse", "swish": "mse"}
SETTINGS = settings(max_examples=30, deadline=None)


@st.composite
def networks(draw, hidden_choices=HIDDEN, outputs=tuple(OUTPUTS), min_out=1):
    n_layers = draw(st.integers(2, 4))  # L = number of weight layers
    dims = [draw(st.integers(1, 6)) for _ in range(n_layers)] + [draw(st.integers(min_out, 6))]
    m = draw(st.integers(1, 8))
    hidden = [draw(st.sampled_from(hidden_choices)) for _ in range(n_layers - 1)]
    output = draw(st.sampled_from(outputs))
    init = draw(st.sampled_from(["small", "he", "xavier"]))
    seed = draw(st.integers(0, 2**16))
    return dims, m, hidden, output, init, seed


def make_data(dims, m, output, seed):
    rng = np.random.RandomState(seed)
    X = rng.randn(dims[0], m) * 2
    n_y, loss = dims[-1], OUTPUTS[output]
    if loss == "bce":
        Y = rng.randint(0, 2, (n_y, m)).astype(float)
    elif loss == "cce":
        Y = np.eye(n_y)[rng.randint(0, n_y, m)].T
    else:
        Y = rng.randn(n_y, m)
    return X, Y, loss


def random_biases(parameters, seed):
    rng = np.random.RandomState(seed + 1)
    return {k: (rng.normal(scale=0.5, size=v.shape) if k[0] == "b" else v) for k, v in parameters.items()}


@SETTINGS
@given(networks())
def test_shapes_and_finiteness(net):
    dims, m, hidden, output, init, seed = net
    parameters = random_biases(initialize_parameters_deep(dims, init=init, seed=seed), seed)
    X, Y, loss = make_data(dims, m, output, seed)
    AL, caches = L_model_forward(X, parameters, hidden=hidden, output=output)
    L = len(dims) - 1
    assert AL.shape == (dims[-1], m)
    assert np.all(np.isfinite(AL))
    assert len(caches) == L
    if output == "softmax" and dims[-1] == 1:  # a pair that cannot learn: said, as training says it
        with pytest.warns(PairingWarning, match="softmax over a single output unit"):
            grads = L_model_backward(AL, Y, caches, loss=loss)
    else:
        grads = L_model_backward(AL, Y, caches, loss=loss)
    assert set(grads) == {f"d{p}{l}" for l in range(1, L + 1) for p in "Wb"} | {f"dA{l}" for l in range(L)}
    for l in range(1, L + 1):
        assert grads[f"dW{l}"].shape == parameters[f"W{l}"].shape
        assert grads[f"db{l}"].shape == parameters[f"b{l}"].shape
        A_prev = caches[l - 1].linear_cache[0]  # A{l-1}
        assert A_prev.shape == (dims[l - 1], m)
        assert grads[f"dA{l - 1}"].shape == A_prev.shape
        assert caches[l - 1].activation_cache.shape == (dims[l], m)
    for value in grads.values():
        assert np.all(np.isfinite(value))


@SETTINGS
@given(networks(hidden_choices=SMOOTH_HIDDEN, outputs=("sigmoid", "linear", "tanh", "softmax"), min_out=2))
def test_backward_matches_central_differences_for_smooth_nets(net):
    # Smooth activations only, so there is no kink for the central difference to straddle;
    # "xavier" scale keeps the gradients large enough for float64 differences to be accurate.
    dims, m, hidden, output, _, seed = net
    parameters = random_biases(initialize_parameters_deep(dims, init="xavier", seed=seed), seed)
    X, Y, loss = make_data(dims, m, output, seed)
    AL, caches = L_model_forward(X, parameters, hidden=hidden, output=output)
    # Near saturation (AL within 1e-4 of 0 or 1) central differences of log(AL) keep only a
    # few digits: the difference would measure the rounding of the check, not the backward.
    assume(output in ("linear", "tanh") or np.all((AL > 1e-4) & (AL < 1 - 1e-4)))
    grads = L_model_backward(AL, Y, caches, loss=loss)
    scale = max(np.abs(grads[k]).max() for k in grads if k[1] in "Wb")
    report = gradient_check(parameters, X, Y, hidden, output, loss, grads=grads)
    if scale > 1e-4:  # with vanishing gradients the relative difference measures rounding only
        assert report.difference < 1e-6, str(report)


@settings(max_examples=15, deadline=None)
@given(networks(), st.integers(1, 4))
def test_training_keeps_shapes_and_records_costs(net, num_iterations):
    dims, m, hidden, output, init, seed = net
    X, Y, loss = make_data(dims, m, output, seed)
    assume(not (output == "softmax" and dims[-1] == 1))  # warned about; see test_bad_input.py
    parameters, costs = L_layer_model(X, Y, dims, hidden=hidden, output=output, loss=loss,
                                      learning_rate=1e-3, num_iterations=num_iterations, init=init,
                                      seed=seed, cost_every=1, progress=False)
    assert len(costs) == num_iterations  # the course's list: one cost before each update
    assert costs.iterations == list(range(num_iterations))
    assert all(np.isfinite(costs)) and np.isfinite(costs.final_cost)
    for l in range(1, len(dims)):
        assert parameters[f"W{l}"].shape == (dims[l], dims[l - 1])
        assert parameters[f"b{l}"].shape == (dims[l], 1)


# ----------------------------------------------------------------------------- wrong shapes
# Every public core function, fed one argument of a random wrong shape, must refuse it with
# a ValueError/TypeError raised by dlsnotes itself whose message says what it expected and
# what it got -- never numpy's own error, never a silently broadcast result.
import dlsnotes  # noqa: E402
from dlsnotes import (  # noqa: E402
    compute_cost,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    predict,
    update_parameters,
)

PACKAGE_DIR = str(Path(dlsnotes.__file__).parent)


def shapes_other_than(correct):
    dims = st.lists(st.integers(0, 5), min_size=0, max_size=3).map(tuple)
    return dims.filter(lambda s: s != tuple(correct))


def wrong_value(shape, scalar_kind):
    if shape == () and scalar_kind:
        return 0.3  # a Python float, as a learner's np.sum(...) without axis returns
    return np.full(shape, 0.3)


def assert_refused(call):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert info.traceback[-1].path.as_posix().startswith(PACKAGE_DIR.replace("\\", "/")), (
        f"raised outside dlsnotes: {info.traceback[-1].path}: {info.value}")
    message = str(info.value)
    assert "got" in message and ("must" in message or "expected" in message), message
    return message


@st.composite
def wrong_calls(draw):
    dims = [draw(st.integers(1, 4)) for _ in range(draw(st.integers(2, 3)))]
    m = draw(st.integers(1, 5))
    rng = np.random.RandomState(draw(st.integers(0, 1000)))
    params = initialize_parameters_deep(dims, init="xavier", seed=1)
    X = rng.randn(dims[0], m)
    Y = (rng.rand(dims[-1], m) > 0.5).astype(float)
    AL, caches = L_model_forward(X, params, hidden="tanh")
    grads = L_model_backward(AL, Y, caches)
    (A_prev, W, b), Z = caches[-1]
    dZ = np.ones_like(Z)
    # (function name, builder of the call given the named arguments, the named arguments)
    cases = {
        "L_model_forward": (lambda a: L_model_forward(a["X"], a["params"]), {"X": X, "params": params}),
        "predict": (lambda a: predict(a["X"], a["params"]), {"X": X, "params": params}),
        "L_model_backward": (lambda a: L_model_backward(a["AL"], Y, a["caches"]),
                             {"AL": AL, "caches": caches}),
        "compute_cost": (lambda a: compute_cost(a["AL"], a["Y"]), {"AL": AL, "Y": Y}),
        "linear_forward": (lambda a: linear_forward(a["A"], a["W"], a["b"]), {"A": A_prev, "W": W, "b": b}),
        "linear_activation_forward": (
            lambda a: linear_activation_forward(a["A"], a["W"], a["b"], "relu"), {"A": A_prev, "W": W, "b": b}),
        "linear_backward": (lambda a: linear_backward(a["dZ"], (a["A"], a["W"], a["b"])),
                            {"dZ": dZ, "A": A_prev, "W": W, "b": b}),
        "linear_activation_backward": (
            lambda a: linear_activation_backward(a["dA"], ((a["A"], a["W"], a["b"]), a["Z"]), "relu"),
            {"dA": dZ, "A": A_prev, "W": W, "b": b, "Z": Z}),
        "update_parameters": (lambda a: update_parameters(a["params"], a["grads"], 0.1),
                              {"params": params, "grads": grads}),
        "gradient_check": (lambda a: gradient_check(a["params"], a["X"], Y, "tanh", grads=a["grads"]),
                           {"params": params, "X": X, "grads": grads}),
        "L_layer_model": (lambda a: L_layer_model(a["X"], Y, dims, num_iterations=1, parameters=a["params"],
                                                  progress=False), {"X": X, "params": params}),
    }
    name = draw(st.sampled_from(sorted(cases)))
    build, args = cases[name]
    target = draw(st.sampled_from(sorted(args)))
    args = dict(args)
    scalar_kind = draw(st.booleans())
    if target in ("params", "grads"):
        key = draw(st.sampled_from(sorted(k for k in args[target] if k[:2] != "dA")))
        shape = draw(shapes_other_than(args[target][key].shape))
        args[target] = {**args[target], key: wrong_value(shape, scalar_kind)}
        where = f"{target}[{key!r}]"
    elif target == "caches":
        layer = draw(st.integers(0, len(caches) - 1))
        part = draw(st.sampled_from(["A_prev", "W", "b", "Z"]))
        (a_prev, w, bb), z = caches[layer]
        parts = {"A_prev": a_prev, "W": w, "b": bb, "Z": z}
        shape = draw(shapes_other_than(parts[part].shape))
        parts[part] = wrong_value(shape, scalar_kind)
        new = list(caches)
        new[layer] = ((parts["A_prev"], parts["W"], parts["b"]), parts["Z"])
        args["caches"] = new
        where = f"caches[{layer}] {part}"
    else:
        correct = args[target].shape
        shape = draw(shapes_other_than(correct))
        if target in ("X", "A") and name in ("L_model_forward", "predict", "linear_forward",
                                            "linear_activation_forward"):
            # another number of examples is a different, valid input here
            assume(not (len(shape) == 2 and shape[0] == correct[0] and shape[1] >= 1))
        args[target] = wrong_value(shape, scalar_kind)
        where = target
    return name, where, shape, lambda: build(args)


@settings(max_examples=300, deadline=None)
@given(wrong_calls())
def test_every_public_function_refuses_a_wrong_shape(case):
    name, where, shape, call = case
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no numpy warning on the way either
        assert_refused(call)


# ---------------------------------------------------------------- the playground's setting text
_TEXT_VALUES = {  # text key -> values a learner may type, all inside the playground's ranges
    "units": st.integers(1, 64).map(str), "layers": st.integers(1, 10).map(str),
    "lr": st.sampled_from(["0.003", "0.3", "1.2", "1e-5", "1000"]),
    "hidden": st.sampled_from(["relu", "tanh", "sigmoid"]), "seed": st.integers(0, 99).map(str),
    "noise": st.integers(0, 100).map(str), "batch": st.integers(0, 10_000).map(str),
    "discretize": st.sampled_from(["0", "1"]), "dataset": st.sampled_from(["moons", "xor", "blobs"]),
}


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(_TEXT_VALUES)), st.none(), min_size=1, max_size=4)
       .flatmap(lambda keys: st.fixed_dictionaries({k: _TEXT_VALUES[k] for k in keys})),
       st.sampled_from([{}, {"n_layers": 3, "n_units": (6, 4, 2), "hidden": "relu"},
                        {"dataset": "quadratic", "output": "linear", "loss": "mse", "lambd": 0.5}]))
def test_a_partial_setting_text_changes_only_what_it_names(pairs, base_changes):
    import dataclasses

    from dlsnotes.playground import Settings
    from dlsnotes.playground.settings_text import KEYS, settings_from_text

    base = Settings(**base_changes)
    text = "&".join(f"{k}={v}" for k, v in pairs.items())
    new = settings_from_text(text, base=base)
    named = {KEYS[k] for k in pairs}
    if "n_layers" in named and isinstance(base.n_units, tuple):
        named.add("n_units")  # the per-layer counts follow the number of layers
    for field in dataclasses.fields(Settings):
        if field.name not in named:
            assert getattr(new, field.name) == getattr(base, field.name), field.name
    assert settings_from_text(text, base=new) == new  # applying it twice changes nothing more
