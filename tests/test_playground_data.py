"""Playground 2 state without a browser: own data, shared settings, TensorFlow Playground's
controls (noise, train share, features, batch size, L2). Issue 10, items 2-4.
"""

from __future__ import annotations

import datetime
import html
import pickle

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dlsnotes.datasets import read_csv_text  # noqa: E402
from dlsnotes.playground import Playground, PlaygroundModel, Settings, build_playground  # noqa: E402
from dlsnotes.playground.features import (FEATURES, add_noise, feature_map,  # noqa: E402
                                          split_indices)
from dlsnotes.playground.settings_text import (KEYS, TEXT_DEFAULTS, SettingsTextError,  # noqa: E402
                                               settings_from_query, settings_from_text,
                                               settings_to_text)
from dlsnotes.playground.userdata import custom_from_arrays, custom_from_csv  # noqa: E402


def same_parameters(a, b):
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)


def snapshot(pg):
    """Everything a refused change must leave alone."""
    m = pg.model
    return (m.settings, {k: v.copy() for k, v in m.parameters.items()}, m.iteration,
            list(m.history), m.data, m.custom, {n: c.value for n, c in pg.controls.items()},
            tuple(pg.data_share.features.value))


def assert_unchanged(pg, before):
    after = snapshot(pg)
    assert after[0] == before[0] and same_parameters(after[1], before[1])
    assert after[2:4] == before[2:4] and after[4] is before[4] and after[5] is before[5]
    assert after[6:] == before[6:]


# ============================================================================ settings text
SETTINGS = [
    Settings(),
    Settings(dataset="noisy_moons", hidden="relu", loss="mse", learning_rate=0.3, seed=7),
    Settings(dataset="noisy_circles", features=("x1", "x2", "x1sq", "x2sq", "x1x2"), noise=25,
             train_ratio=50, batch_size=16, lambd=0.03, n_layers=2, n_units=6, iterations=60,
             init="he", seed=123456789, chunk=7),
    Settings(dataset="quadratic", output="linear", loss="mse", scale=False, learning_rate=1e-5,
             features=("x1", "sin_x1"), iterations=300, on_change="continue"),
    Settings(dataset="multiclass", output="softmax", loss="cce", hidden="leaky_relu", slope=0.2,
             learning_rate=0.7000000000000001, iterations=200),
]


@pytest.mark.parametrize("settings", SETTINGS)
def test_settings_text_round_trip_gives_the_same_settings(settings):
    text = settings_to_text(settings, complete=True)
    assert settings_from_text(text) == settings
    assert " " not in text and len(text) < 300
    # Complete: pasted over any other setting, it restores this one (issue 18).
    other = Settings(dataset="blobs", n_layers=3, n_units=(5, 3, 2), learning_rate=0.01,
                     batch_size=8, features=("x1x2",), discretize=True, dtype="float32")
    assert settings_from_text(text, base=other) == settings
    short = settings_to_text(settings)
    assert len(short) <= len(text) and settings_from_text(short) == settings


def test_settings_text_writes_every_setting_and_the_defaults_are_today_s():
    text = settings_to_text(Settings(), complete=True)
    assert text.startswith("dataset=planar&hidden=tanh&") and "&units=4&" in text
    assert {pair.split("=")[0] for pair in text.split("&")} == set(KEYS)
    assert Settings(**TEXT_DEFAULTS) == Settings()
    assert settings_to_text(Settings()) == "dataset=planar"
    text = settings_to_text(Settings(dataset="noisy_moons", hidden="relu", loss="mse",
                                     learning_rate=0.3))
    assert text == "dataset=noisy_moons&hidden=relu&loss=mse&lr=0.3"


@pytest.mark.parametrize("settings", SETTINGS[1:3])
def test_a_settings_text_restores_the_same_split_initial_weights_and_run(settings):
    original = PlaygroundModel(settings)
    restored = PlaygroundModel(settings_from_text(settings_to_text(settings)))
    for a, b in zip(original.data[:9], restored.data[:9]):
        assert not isinstance(a, np.ndarray) or np.array_equal(a, b)
    assert same_parameters(original.parameters, restored.parameters)
    original.run(40)
    restored.run(40)
    assert same_parameters(original.parameters, restored.parameters)
    assert original.history == restored.history


def test_from_settings_builds_the_same_trained_playground():
    pg = build_playground(dataset="noisy_moons", hidden="relu", learning_rate=0.3,
                          iterations=300, seed=4)
    text = pg.data_share._share_html()
    assert "dataset=noisy_moons&amp;hidden=relu" in text
    copy = Playground.from_settings(settings_to_text(pg.model.settings))
    assert copy.model.settings == pg.model.settings
    assert same_parameters(copy.model.parameters, pg.model.parameters)


def test_short_names_and_a_whole_link_are_understood():
    s = settings_from_text("http://127.0.0.1:8866/?token=x&dataset=moons&lr=0.3&units=6",
                           ignore={"token"})
    assert (s.dataset, s.learning_rate, s.n_units) == ("noisy_moons", 0.3, 6)
    assert settings_from_text("dataset=planar&n_units=3&learning_rate=2").n_units == 3
    assert settings_from_text("dataset=circles&features=x1sq,x2sq&scale=0").features == ("x1sq", "x2sq")


@pytest.mark.parametrize("text, fragments", [
    ("dataset=moons&hiden=relu", ["Unknown key 'hiden'", "Did you mean 'hidden'?", "Known keys"]),
    ("lr=0.3&lr=0.4", ["'lr' is given twice"]),
    ("dataset=moons&relu", ["'relu' has no '='"]),
    ("", ["The text is empty"]),
    ("lr=-1", ["lr='-1'", "learning_rate must be a positive finite number"]),
    ("lr=fast", ["lr='fast'", "expected a number"]),
    ("lr=nan", ["expected a finite number"]),
    ("units=x&layers=99", ["units='x': expected a whole number", "Hidden layers (n_layers) must be a whole number from 0 to 10"]),
    ("dataset=iris", ["dataset must be one of"]),
    ("hidden=softmax", ["hidden must be one of"]),
    ("features=x3", ["The feature(s) ['x3'] are not supported"]),
    ("scale=maybe", ["scale='maybe': expected 1 or 0"]),
    ("noise=80.5", ["noise='80.5': expected a whole number"]),
    ("ratio=95", ["train_ratio must be a whole percentage from 10 to 90"]),
    ("batch=-2", ["Batch size (batch_size) must be a whole number from 0 to 10000"]),
    ("units=100", ["units='100'", "Units per layer (n_units) must be a whole number from 1 to 64"]),
    ("layers=3&units=4,2", ["lists 2 count(s) (4, 2) but there are 3 hidden layer(s)", "units=4,2,2"]),
    ("units=4,x", ["expected whole numbers, one per hidden layer"]),
    ("lr=100000", ["Learning rate (learning_rate) must be from 1e-06 to 1000"]),
    ("discretize=maybe", ["discretize='maybe': expected 1 or 0"]),
    ("l2=-0.1", ["lambd (the L2 strength λ) must be a finite number >= 0"]),
    ("seed=4294967296", ["seed"]),
])
def test_every_bad_text_is_explained(text, fragments):
    with pytest.raises(SettingsTextError) as info:
        settings_from_text(text)
    message = str(info.value)
    assert message.startswith("The setting text cannot be used") and "Nothing changed" in message
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize("text", ["dataset=moons&hiden=relu", "lr=-1", "",
                                  "features=x1,x2,x1x2&dataset=quadratic",
                                  "dataset=custom&lr=0.3"])
def test_a_bad_pasted_text_changes_nothing_in_the_widget(text):
    pg = build_playground(iterations=150)
    pg.step()
    before = snapshot(pg)
    assert pg.apply_settings_text(text) is False
    assert_unchanged(pg, before)
    assert "Setting refused" in pg.message.value and "Traceback" not in pg.message.value
    # ... and the next good text works
    assert pg.apply_settings_text("dataset=moons&hidden=relu&lr=0.3&iterations=100")
    assert pg.model.settings.dataset == "noisy_moons" and pg.controls["hidden"].value == "relu"
    assert "Setting refused" not in pg.message.value


def test_a_pasted_text_restores_the_run_even_when_continuing_from_weights():
    target = Settings(dataset="noisy_moons", hidden="relu", learning_rate=0.3, iterations=120,
                      features=("x1", "x2", "x1x2"), batch_size=20, lambd=0.01, noise=10)
    reference = PlaygroundModel(target)
    reference.run()
    pg = build_playground(on_change="continue", iterations=100)
    pg.data_share.paste.value = settings_to_text(target, complete=True)  # as the share box shows it
    pg.data_share.apply_button.click()
    assert pg.model.settings == target and pg.model.iteration == 120
    assert same_parameters(pg.model.parameters, reference.parameters)
    assert pg.data_share.features.value == ("x1", "x2", "x1x2")
    assert pg.controls["batch_size"].value == 20 and pg.controls["lambd"].value == 0.01


def test_from_settings_explains_what_it_needs_for_custom_data():
    with pytest.raises(ValueError, match="pass the same data"):
        Playground.from_settings("dataset=custom&lr=0.3")
    X, Y = np.array([[0.0, 1, 2, 3, 4, 5]]), np.array([[0.0, 1, 4, 9, 16, 25]])
    pg = Playground.from_settings("dataset=custom&output=linear&loss=mse&iterations=50", X=X, Y=Y)
    assert pg.model.task == "regression" and pg.model.iteration == 50


# ============================================================================ URL query (Voilà)
def test_a_query_string_sets_the_playground_and_voila_keys_are_ignored():
    assert settings_from_query("token=abc") is None and settings_from_query("") is None
    pg = build_playground(query="token=abc&dataset=moons&hidden=relu&loss=mse&lr=0.3",
                          train=False)
    s = pg.model.settings
    assert (s.dataset, s.hidden, s.loss, s.learning_rate) == ("noisy_moons", "relu", "mse", 0.3)
    assert pg.controls["dataset"].value == "noisy_moons" and pg.controls["learning_rate"].value == 0.3


def test_under_voila_the_environment_query_string_is_read(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "dataset=blobs&units=6&seed=3")
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    assert build_playground(train=False).model.settings.dataset == "planar"  # not Voilà
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    pg = build_playground(train=False)
    assert (pg.model.settings.dataset, pg.model.settings.n_units, pg.model.settings.seed) == ("blobs", 6, 3)
    assert "class='pg-share-link' href='?dataset=blobs&amp;" in pg.data_share.share.value
    assert "&amp;units=6&amp;" in pg.data_share.share.value and "&amp;seed=3&amp;" in pg.data_share.share.value


def test_a_bad_query_is_explained_and_the_usable_part_is_used(monkeypatch):
    # Issue 18: a bad link names what it refused and shows what it used instead.
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    monkeypatch.setenv("QUERY_STRING", "dataset=moons&lr=-3&colour=red")
    pg = build_playground(train=False, hidden="relu")
    assert pg.model.settings == Settings(dataset="noisy_moons")
    message = html.unescape(pg.message.value)
    assert "“lr=-3”" in message and "Unknown key 'colour'" in message
    assert "dataset=moons" in message.split("Shown instead")[1]


# ============================================================================ own data
GOOD_BINARY = b"x1,x2,label\n" + b"".join(
    f"{np.cos(t):.4f},{np.sin(t):.4f},{int(t > 3)}\n".encode() for t in np.linspace(0, 6, 40))
GOOD_MULTI = b"".join(  # no header
    f"{np.cos(t) * (1 + k)},{np.sin(t) * (1 + k)},{k}\n".encode()
    for k in range(3) for t in np.linspace(0, 6, 15))
GOOD_REGRESSION = b"x,y\n" + b"".join(f"{x},{x * x - 1}\n".encode() for x in np.linspace(-2, 2, 30))


@pytest.mark.parametrize("content, task, output, loss, n_out", [
    (GOOD_BINARY, "binary", "sigmoid", "bce", 1),
    (GOOD_MULTI, "multiclass", "softmax", "cce", 3),
    (GOOD_REGRESSION, "regression", "linear", "mse", 1),
])
def test_an_uploaded_csv_becomes_the_data_with_the_pairing_its_kind_suits(content, task, output,
                                                                          loss, n_out):
    pg = build_playground(iterations=100)
    pg.data_share.upload.value = ({"name": "mine.csv", "type": "text/csv", "size": len(content),
                                   "content": memoryview(content),
                                   "last_modified": datetime.datetime.now()},)
    m = pg.model
    assert m.settings.dataset == "custom" and m.task == task and m.status == "ready"
    assert (m.settings.output, m.settings.loss, m.data.n_out) == (output, loss, n_out)
    assert m.iteration == 100 and m.latest.train_cost < m.history[0].train_cost
    assert pg.controls["dataset"].value == "custom" and pg.controls["output"].value == output
    assert "your data &#x27;mine.csv&#x27; loaded" in pg.status.value
    assert pg.data_share.upload.value == ()  # ready for the next file
    assert bytes(pg.image.value).startswith(b"\x89PNG")
    # Switching to a built-in set and back keeps the uploaded data.
    pg.controls["dataset"].value = "planar"
    pg.set(output=output, loss=loss)
    pg.controls["dataset"].value = "custom"
    assert pg.model.task == task and "Setting refused" not in pg.message.value


BAD_FILES = [
    (b"", "is empty"),
    (b"x1,x2,label\n", "has a header"),
    (b"1,2,0\n3,4\n", "line 2 has 2 values; expected 3"),
    (b"1,2,0\n3,four,1\n", "line 2, column 2 holds 'four', which is not a number"),
    (b"1,2,0\n3,nan,1\n", "expected a finite number"),
    (b"1;2;0\n3;4;1\n", "separated by ';'"),
    (b"1,2,0.5\n3,4,1\n1,1,0\n2,2,1\n", "must hold class labels"),
    (b"1,2,0\n3,4,2\n1,1,0\n2,2,2\n", "class(es) [1] never appear"),
    (b"1,2,3,0\n3,4,5,1\n", "has 4 columns; expected 2 or 3"),
    (b"1,2,1\n3,4,1\n5,6,1\n7,8,1\n", "every example has the same label"),
    (b"1,2,0\n3,4,1\n", "has 2 examples; the playground needs 4"),
    (b"\xff\xfe1,2,0\n", "is not UTF-8 text"),
    (pickle.dumps({"X": [1, 2]}), "not a text file"),
    (b"\x00\x01binary", "not a text file"),
]


@pytest.mark.parametrize("content, fragment", BAD_FILES)
def test_a_bad_upload_is_explained_and_nothing_changes(content, fragment):
    pg = build_playground(iterations=100)
    before = snapshot(pg)
    pg.data_share.upload.value = ({"name": "bad.csv", "type": "text/csv", "size": len(content),
                                   "content": memoryview(content),
                                   "last_modified": datetime.datetime.now()},)
    assert_unchanged(pg, before)
    message = pg.message.value.replace("&#x27;", "'")
    assert fragment in message and "'bad.csv'" in message
    assert "Traceback" not in message and "Something went wrong" not in message


def test_an_upload_is_only_parsed_never_unpickled(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("pickle must never be used on an upload")

    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(np, "load", refuse)
    pg = build_playground(iterations=50)
    assert pg.load_csv_bytes(pickle.dumps(np.zeros(3)), "evil.pkl") is False
    assert pg.load_csv_bytes(GOOD_BINARY, "fine.csv") is True


def test_playground_from_arrays_and_from_a_csv_path(tmp_path):
    rng = np.random.RandomState(0)
    X = rng.randn(2, 60)
    Y = (X[0] * X[1] > 0).astype(float).reshape(1, -1)
    pg = Playground(X=X, Y=Y, iterations=200, features=("x1", "x2", "x1x2"))
    assert pg.model.task == "binary" and pg.model.settings.output == "sigmoid"
    assert pg.model.latest.test_metric > 0.8  # x1·x2 makes the quadrants separable
    path = tmp_path / "quad.csv"
    path.write_bytes(GOOD_REGRESSION)
    pg = Playground(csv=str(path), iterations=100)
    assert pg.model.task == "regression" and (pg.model.settings.output, pg.model.settings.loss) == ("linear", "mse")
    labels = Playground(X=X, Y=rng.randint(0, 3, size=60), iterations=10)
    assert labels.model.task == "multiclass" and labels.model.data.n_out == 3


@pytest.mark.parametrize("X, Y, error, fragment", [
    (np.zeros((3, 10)), np.zeros((1, 10)), ValueError, r"X must have shape \(1, m\)"),
    (np.zeros((10, 2)), np.zeros((1, 10)), ValueError, "Use X.T"),
    (np.ones((2, 10)), np.zeros((1, 9)), ValueError, "Y must have one column per example"),
    (np.array([[0.0, np.nan, 1, 2], [1, 2, 3, 4]]), np.zeros((1, 4)), ValueError, "must be finite"),
    ([["a", "b"]], [[1, 0]], TypeError, "X must be an array of numbers"),
    (np.random.RandomState(1).randn(2, 8), np.full((1, 8), 0.5), ValueError, "class labels 0/1 or 0..K-1"),
])
def test_bad_arrays_from_code_are_explained(X, Y, error, fragment):
    with pytest.raises(error, match=fragment):
        Playground(X=X, Y=Y)


def test_read_csv_text_gives_the_same_arrays_as_the_file_loader(tmp_path):
    from dlsnotes.datasets import read_csv_dataset

    path = tmp_path / "d.csv"
    path.write_bytes(GOOD_MULTI)
    for task in (None, "multiclass", "regression"):
        a, b = read_csv_text(GOOD_MULTI, task=task), read_csv_dataset(path, task=task)
        assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert custom_from_csv(path).task == "multiclass"


# ============================================================================ features, noise, split
def test_feature_map_computes_each_feature():
    X = np.array([[0.5, -2.0], [3.0, 0.25]])
    x1, x2 = X
    expected = {"x1": x1, "x2": x2, "x1sq": x1 ** 2, "x2sq": x2 ** 2, "x1x2": x1 * x2,
                "sin_x1": np.sin(x1), "sin_x2": np.sin(x2)}
    out = feature_map(X, tuple(FEATURES))
    assert out.shape == (7, 2)
    for row, name in zip(out, FEATURES):
        assert np.array_equal(row, expected[name])
    assert feature_map(X, None) is X


def test_features_change_the_input_layer_and_what_a_linear_network_can_separate():
    raw = PlaygroundModel(dataset="gaussian_quantiles", hidden="linear", iterations=1000,
                          learning_rate=0.5)
    squares = PlaygroundModel(dataset="gaussian_quantiles", hidden="linear", iterations=1000,
                              learning_rate=0.5, features=("x1sq", "x2sq"))
    assert raw.parameters["W1"].shape == (4, 2) and squares.parameters["W1"].shape == (4, 2)
    three = PlaygroundModel(features=("x2", "x1", "sin_x1"))
    assert three.settings.features == ("x1", "x2", "sin_x1") and three.parameters["W1"].shape == (4, 3)
    raw.run()
    squares.run()
    assert raw.latest.test_metric < 0.7 < 0.9 < squares.latest.test_metric
    # forward() takes raw inputs and applies the features itself
    assert squares.forward(squares.data.X_test_raw).shape == (1, squares.data.X_test_raw.shape[1])


def test_a_feature_the_data_cannot_have_is_refused_and_nothing_changes():
    model = PlaygroundModel(dataset="quadratic", output="linear", loss="mse", iterations=100)
    before = (model.settings, {k: v.copy() for k, v in model.parameters.items()})
    with pytest.raises(ValueError, match=r"one input \(x, called x1\).*\['x2'\]"):
        model.update(features=("x1", "x2"))
    assert model.settings == before[0] and same_parameters(model.parameters, before[1])
    model.update(features=("x1", "x1sq"))
    assert model.parameters["W1"].shape == (4, 2)


def test_switching_to_one_input_data_in_the_widget_keeps_the_x1_features():
    pg = build_playground(iterations=50, features=("x1", "x2", "x1sq"))
    pg.set(loss="mse", output="linear")
    pg.controls["dataset"].value = "quadratic"
    assert pg.model.settings.features == ("x1", "x1sq") and pg.model.settings.dataset == "quadratic"
    assert pg.data_share.features.value == ("x1", "x1sq")


def test_the_features_control_changes_the_model():
    pg = build_playground(iterations=50)
    assert pg.data_share.features.value == ("x1", "x2")
    pg.data_share.features.value = ("x1", "x2", "x1x2")
    assert pg.model.settings.features == ("x1", "x2", "x1x2") and pg.model.data.n_x == 3
    pg.data_share.features.value = ("x1", "x2")
    assert pg.model.settings.features is None  # the raw inputs: the short text
    pg.data_share.features.value = ()
    assert "at least one input feature" in pg.message.value
    assert pg.model.settings.features is None and pg.data_share.features.value == ("x1", "x2")


def test_noise_is_seeded_moves_the_inputs_and_keeps_the_labels():
    quiet, noisy = PlaygroundModel(dataset="noisy_moons"), PlaygroundModel(dataset="noisy_moons", noise=30)
    again = PlaygroundModel(dataset="noisy_moons", noise=30, seed=9)
    assert np.array_equal(quiet.data.Y_train_raw, noisy.data.Y_train_raw)
    assert not np.array_equal(quiet.data.X_train_raw, noisy.data.X_train_raw)
    assert np.array_equal(noisy.data.X_train_raw, again.data.X_train_raw)  # seed: weights only
    shift = np.std(noisy.data.X_train_raw - quiet.data.X_train_raw, axis=1)
    spread = np.std(np.hstack([quiet.data.X_train_raw, quiet.data.X_test_raw]), axis=1)
    np.testing.assert_allclose(shift / spread, 0.3, rtol=0.2)
    X, Y = np.arange(10.0).reshape(1, 10), np.arange(10.0).reshape(1, 10)
    X2, Y2 = add_noise(X, Y, "regression", 50)
    assert np.array_equal(X2, X) and not np.array_equal(Y2, Y)


def test_noise_zero_and_ratio_70_are_the_playground_as_before():
    d = PlaygroundModel().data
    train, test = split_indices(400, 70)
    assert d.X_train.shape == (2, 280) and len(test) == 120
    order = np.random.RandomState(0).permutation(400)
    assert np.array_equal(test, order[:120]) and np.array_equal(train, order[120:])


@pytest.mark.parametrize("ratio, n_train", [(10, 20), (50, 100), (90, 180)])
def test_train_ratio_sets_the_split(ratio, n_train):
    d = PlaygroundModel(dataset="noisy_moons", train_ratio=ratio).data
    assert d.X_train.shape[1] == n_train and d.X_test.shape[1] == 200 - n_train


def test_noise_and_ratio_controls_restart_with_the_new_data():
    pg = build_playground(iterations=50)
    pg.controls["train_ratio"].value = 50
    assert pg.model.data.X_train.shape[1] == 200 and pg.model.iteration == 50
    assert "train share changed" in pg.status.value or "train_ratio changed" in pg.status.value
    x_before = pg.model.data.X_train_raw.copy()
    pg.controls["noise"].value = 20
    assert pg.model.settings.noise == 20 and not np.array_equal(pg.model.data.X_train_raw, x_before)
    pg.set(noise=80)  # beyond the slider: it stretches
    assert pg.controls["noise"].value == 80 and pg.controls["noise"].max >= 80


# ============================================================================ batch size and L2
def test_mini_batches_in_the_playground_count_epochs_and_chunks_repeat_one_run():
    a = PlaygroundModel(batch_size=32, iterations=60, chunk=7)
    b = PlaygroundModel(batch_size=32, iterations=60, chunk=60)
    a.run()
    b.run()
    assert a.iteration == b.iteration == 60 and len(a.history) == 1 + 9
    assert same_parameters(a.parameters, b.parameters)
    assert a.history[-1] == b.history[-1]
    assert a.history[-1].train_cost < a.history[0].train_cost
    full = PlaygroundModel(iterations=60)
    full.run()
    assert not same_parameters(full.parameters, a.parameters)


def test_the_cost_axis_says_epochs_with_mini_batches():
    pg = build_playground(iterations=20, batch_size=50)
    assert pg.figure.ax_cost.get_xlabel() == "epochs"
    pg.controls["batch_size"].value = 0
    assert pg.figure.ax_cost.get_xlabel() == "iterations" and pg.model.settings.batch_size == 0


def test_l2_in_the_playground_shrinks_the_weights_and_continues_when_asked():
    plain = PlaygroundModel(n_units=8, iterations=800)
    decayed = PlaygroundModel(n_units=8, iterations=800, lambd=5.0)
    plain.run()
    decayed.run()
    norm = lambda p: sum(float(np.sum(p[k] ** 2)) for k in p if k[0] == "W")  # noqa: E731
    assert norm(decayed.parameters) < 0.6 * norm(plain.parameters)
    result = plain.update(lambd=0.5, on_change="continue")
    assert result.action == "continue" and plain.iteration == 800


@pytest.mark.parametrize("name, value, fragment", [
    ("batch_size", -1, "from 0 to 10000; got -1"),
    ("batch_size", 99_999, "from 0 to 10000; got 99999"),
    ("lambd", -0.5, "must be a finite number >= 0"),
    ("noise", 101, "noise must be a whole percentage from 0 to 100"),
    ("train_ratio", 5, "whole percentage from 10 to 90"),
])
def test_bad_values_of_the_new_controls_snap_back_with_a_message(name, value, fragment):
    pg = build_playground(iterations=50)
    before = snapshot(pg)
    if name == "lambd":  # a free text box: the learner can type anything
        pg.controls[name].value = value
    else:
        with pytest.raises(ValueError):
            pg.set(**{name: value})
    assert_unchanged(pg, before)
    assert fragment in html.unescape(pg.message.value) and "Setting refused" in pg.message.value


def test_custom_arrays_are_read_only_copies():
    X = np.random.RandomState(2).randn(2, 12)
    Y = (X[0] > 0).astype(float)
    data = custom_from_arrays(X, Y)
    X[0, 0] = 99.0
    assert data.X[0, 0] != 99.0 and not data.X.flags.writeable


# ============================================================================ properties
from hypothesis import HealthCheck, given, settings as hsettings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dlsnotes.playground.state import (DATASET_LABELS, HIDDEN_ACTIVATIONS, INIT_NAMES,  # noqa: E402
                                       LOSS_NAMES, ON_CHANGE, OUTPUT_ACTIVATIONS)

_SETTING_VALUES = dict(
    dataset=st.sampled_from(sorted(DATASET_LABELS)), hidden=st.sampled_from(HIDDEN_ACTIVATIONS),
    slope=st.floats(0, 0.99), output=st.sampled_from(OUTPUT_ACTIVATIONS),
    loss=st.sampled_from(LOSS_NAMES), n_layers=st.integers(0, 10), n_units=st.integers(1, 64),
    learning_rate=st.floats(1e-6, 1e3), iterations=st.integers(10, 20_000),
    init=st.sampled_from(INIT_NAMES), seed=st.integers(0, 2**32 - 1), scale=st.booleans(),
    on_change=st.sampled_from(ON_CHANGE), chunk=st.one_of(st.none(), st.integers(1, 20_000)),
    dtype=st.sampled_from(["float64", "float32"]), discretize=st.booleans(),
    noise=st.integers(0, 100), train_ratio=st.integers(10, 90), batch_size=st.integers(0, 10_000),
    features=st.one_of(st.none(), st.sets(st.sampled_from(sorted(FEATURES)), min_size=1)
                       .map(tuple)),
    lambd=st.one_of(st.just(0.0), st.floats(0, 100)),
)


@hsettings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries(_SETTING_VALUES))
def test_any_settings_survive_the_text_round_trip(values):
    s = Settings(**values)
    assert settings_from_text(settings_to_text(s)) == s
    assert settings_from_text(settings_to_text(s, complete=True)) == s


@hsettings(max_examples=100, deadline=None)
@given(st.fixed_dictionaries(_SETTING_VALUES), st.lists(st.integers(1, 64), min_size=1, max_size=10))
def test_per_layer_units_survive_the_text_round_trip(values, units):
    s = Settings(**{**values, "n_layers": len(units), "n_units": tuple(units)})
    assert s.hidden_units == tuple(units)
    assert settings_from_text(settings_to_text(s)) == s


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="abcdefglnrstuxy0123456789=&.,-_%?+ ", max_size=60))
def test_any_text_gives_settings_or_an_explanation(text):
    try:
        result = settings_from_text(text)
    except SettingsTextError as exc:
        assert exc.problems and str(exc).endswith("Nothing changed.")
    else:
        assert isinstance(result, Settings)


def test_notes_say_what_mini_batches_and_l2_do():
    model = PlaygroundModel(batch_size=64, lambd=0.5, iterations=10)
    notes = {m.title: m.text for m in model.messages}
    assert "5 update(s) per epoch (batches of 64 of the 280 training examples" in notes[
        "Mini-batch gradient descent"]
    assert "a run is 50 updates" in notes["Mini-batch gradient descent"]
    W = [v for k, v in model.parameters.items() if k[0] == "W"]
    penalty = 0.5 / (2 * 280) * sum(float(np.sum(w ** 2)) for w in W)
    assert f"the penalty is {penalty:.3g} now" in notes["L2 regularisation"]
    assert not {"Mini-batch gradient descent", "L2 regularisation"} & {
        m.title for m in PlaygroundModel().messages}


def test_a_link_to_custom_data_is_explained_not_a_traceback():
    pg = build_playground(query="dataset=custom&lr=0.3", train=False, hidden="relu")
    assert pg.model.settings == Settings(hidden="relu")
    message = html.unescape(pg.message.value)
    assert "needs a file of yours" in message and "Shown instead" in message
    assert "Traceback" not in message and "ValueError" not in message


def test_uploading_one_input_data_keeps_only_the_x1_features():
    pg = build_playground(iterations=50, features=("x1", "x2", "x1x2", "sin_x1"))
    assert pg.load_csv_bytes(GOOD_REGRESSION, "curve.csv")
    assert pg.model.settings.features == ("x1", "sin_x1") and pg.model.task == "regression"
    assert pg.data_share.features.value == ("x1", "sin_x1")
    assert pg.model.parameters["W1"].shape == (4, 2)


# ============================================================================ issue 18
from dlsnotes.datasets import DATASETS, TASKS, load_dataset, load_xor  # noqa: E402
from dlsnotes.playground.userdata import OUTLIER_SPREADS, find_outlier  # noqa: E402


def test_xor_data_is_tensorflow_playgrounds_four_quadrants():
    X, Y = load_dataset("xor")
    assert "xor" in DATASETS and TASKS["xor"] == "binary"
    assert X.shape == (2, 200) and Y.shape == (1, 200) and X.dtype == np.float64
    assert np.array_equal(Y[0], (X[0] * X[1] > 0).astype(float))
    assert np.abs(X).min() >= 0.06 and np.abs(X).max() <= 1.06  # a gap around both axes
    assert 0.35 < Y.mean() < 0.65
    assert np.array_equal(load_xor(seed=0)[0], X) and not np.array_equal(load_xor(seed=1)[0], X)
    with pytest.raises(ValueError, match="padding must be a number from 0 to 1"):
        load_xor(padding=2)


def _csv(rows, header="x1,x2,label"):
    return (header + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)).encode()


def test_an_upload_with_a_wild_value_is_refused_with_its_row_and_column():
    rng = np.random.RandomState(0)
    rows = [(round(a, 4), round(b, 4), int(a > b)) for a, b in rng.randn(40, 2)]
    assert custom_from_csv(_csv(rows), "fine.csv").task == "binary"
    rows[16] = (1e308, rows[16][1], rows[16][2])
    with pytest.raises(ValueError) as info:
        custom_from_csv(_csv(rows), "wild.csv")
    text = str(info.value)
    assert "1e+308 in column x1, data row 17" in text and "remove that row" in text
    pg = build_playground(iterations=50)
    before = pg.model.settings
    assert not pg.load_csv_bytes(_csv(rows), "wild.csv")
    assert pg.model.settings == before and "data row 17" in html.unescape(pg.message.value)


def test_outliers_are_judged_robustly_so_steep_honest_data_passes():
    x = np.linspace(0, 10, 50)
    assert find_outlier(np.exp(x)) is None  # e^x reaches about 100 robust spreads
    assert find_outlier(np.random.RandomState(1).standard_cauchy(200) * 0 + np.arange(200)) is None
    values = np.r_[np.ones(30), 2.0, 1e9]  # mostly equal: the other deviations give the spread
    assert find_outlier(values)[:2] == (32, 1e9)
    assert OUTLIER_SPREADS == 1000
    with pytest.raises(ValueError, match="column y, data row 5"):
        custom_from_arrays(x.reshape(1, -1), np.r_[x[:4], 1e12, x[5:]].reshape(1, -1))


def test_an_uploaded_regression_file_gets_a_rate_that_trains():
    pg = build_playground(iterations=400)
    assert pg.load_csv_bytes(GOOD_REGRESSION, "curve.csv")
    s = pg.model.settings
    assert (s.output, s.loss, s.learning_rate) == ("linear", "mse", 0.1)
    assert pg.controls["learning_rate"].value == 0.1
    pg.set(iterations=2000)
    assert pg.model.status == "ready" and pg.model.latest.test_metric > 0.8
    assert "curve.csv" in pg.data_share.upload.description  # the button names the file


def test_the_dataset_menu_offers_your_data_only_after_an_upload():
    pg = build_playground(iterations=50)
    assert "custom" not in [v for _, v in pg.controls["dataset"].options]
    assert "xor" in [v for _, v in pg.controls["dataset"].options]
    assert pg.load_csv_bytes(GOOD_BINARY, "ring.csv")
    assert ("your data: ring.csv", "custom") in list(pg.controls["dataset"].options)
    assert pg.controls["dataset"].value == "custom"
    pg.controls["dataset"].value = "planar"
    pg.controls["dataset"].value = "custom"  # back to it: still there
    assert pg.model.settings.dataset == "custom"


def test_a_pasted_partial_setting_changes_only_what_it_names():
    pg = build_playground(iterations=50)
    pg.set(hidden="relu", learning_rate=0.3, seed=5)
    before = pg.model.settings
    assert pg.apply_settings_text("units=6")
    assert pg.model.settings == before.replace(n_units=6)
    assert pg.apply_settings_text("layers=2&units=5,3")
    assert pg.model.layer_dims == [2, 5, 3, 1] and pg.model.settings.hidden == "relu"
    assert not pg.apply_settings_text("units=100")  # refused as everywhere, nothing changes
    assert pg.model.layer_dims == [2, 5, 3, 1]
    assert "from 1 to 64" in html.unescape(pg.message.value)
    # A complete text (the share box's) restores its setting over anything.
    text = settings_to_text(Settings(dataset="noisy_moons", iterations=60), complete=True)
    assert pg.apply_settings_text(text)
    assert "&amp;units=4&amp;" in pg.data_share.share.value  # the share box is complete
    assert pg.model.settings == Settings(dataset="noisy_moons", iterations=60)


def test_a_pasted_data_set_fills_in_only_what_the_text_leaves_open():
    pg = build_playground(iterations=50)
    assert pg.apply_settings_text("dataset=quadratic")
    s = pg.model.settings
    assert (s.output, s.loss, s.learning_rate) == ("linear", "mse", 0.1)
    assert pg.apply_settings_text("dataset=planar&output=linear&loss=mse")
    s = pg.model.settings
    assert (s.output, s.loss, s.learning_rate) == ("linear", "mse", 1.2)
