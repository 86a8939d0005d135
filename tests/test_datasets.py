"""Data sets (dlsnotes.datasets), the shipped CSV copies and the plotting helpers."""

import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import numpy as hnp  # noqa: E402

from dlsnotes import datasets as ds  # noqa: E402
from dlsnotes import plotting  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _is_binary_row(Y, m):
    return Y.shape == (1, m) and Y.dtype == np.float64 and set(np.unique(Y)) <= {0.0, 1.0}


# --------------------------------------------------------------------------- planar
def test_planar_shapes_dtypes_and_balance():
    X, Y = ds.load_planar_dataset()
    assert X.shape == (2, 400) and X.dtype == np.float64
    assert _is_binary_row(Y, 400)
    assert np.count_nonzero(Y == 0) == 200
    assert np.count_nonzero(Y == 1) == 200
    assert np.all(np.isfinite(X))
    # first half is class 0, second half class 1 (the course's layout)
    assert np.all(Y[0, :200] == 0) and np.all(Y[0, 200:] == 1)


def test_planar_is_deterministic_and_seed_matters():
    X1, Y1 = ds.load_planar_dataset()
    X2, Y2 = ds.load_planar_dataset()
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    X3, _ = ds.load_planar_dataset(seed=2)
    assert not np.allclose(X1, X3)


def test_planar_follows_the_recipe_in_draw_order():
    # Rebuild the flower from the recipe, written out independently of the module.
    m, seed = 10, 3
    rng = np.random.RandomState(seed)
    expected = []
    for j in range(2):
        t = np.linspace(j * 3.12, (j + 1) * 3.12, m // 2) + rng.randn(m // 2) * 0.2
        r = 4 * np.sin(4 * t) + rng.randn(m // 2) * 0.2
        expected.append(np.vstack([r * np.sin(t), r * np.cos(t)]))
    X, Y = ds.load_planar_dataset(m=m, seed=seed)
    np.testing.assert_array_equal(X, np.hstack(expected))
    np.testing.assert_array_equal(Y, [[0] * 5 + [1] * 5])


def test_planar_csv_matches_the_code_exactly():
    X_file, Y_file = ds.read_csv_dataset(DATA / "planar_flower.csv")
    X, Y = ds.load_planar_dataset()
    assert X_file.shape == (2, 400) and Y_file.shape == (1, 400)
    np.testing.assert_array_equal(X_file, X)
    np.testing.assert_array_equal(Y_file, Y)
    header = (DATA / "planar_flower.csv").read_text().splitlines()[0]
    assert header == "x1,x2,y"


@pytest.mark.parametrize("bad, error, words", [
    (401, ValueError, "even"),
    (0, ValueError, ">= 2"),
    (400.0, TypeError, "m=400"),
    ("400", TypeError, "integer"),
    (True, TypeError, "integer"),
])
def test_planar_rejects_bad_m(bad, error, words):
    with pytest.raises(error, match=words) as info:
        ds.load_planar_dataset(m=bad)
    assert repr(bad) in str(info.value) or str(bad) in str(info.value)


@pytest.mark.parametrize("bad, error", [(-1, ValueError), (2**32, ValueError),
                                        (1.5, TypeError), (None, TypeError)])
def test_planar_rejects_bad_seed(bad, error):
    with pytest.raises(error, match="seed"):
        ds.load_planar_dataset(seed=bad)


# --------------------------------------------------------------------------- extra sets
@pytest.mark.parametrize("name", ds.EXTRA_DATASETS)
def test_extra_dataset_binary_and_reproducible(name):
    X, Y = ds.load_extra_dataset(name)
    assert X.shape == (2, 200) and X.dtype == np.float64
    assert _is_binary_row(Y, 200)
    assert set(np.unique(Y)) == {0.0, 1.0}
    X2, Y2 = ds.load_extra_dataset(name)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    X3, _ = ds.load_extra_dataset(name, seed=1)
    assert not np.array_equal(X, X3)
    Xs, Ys = ds.load_extra_dataset(name, n_samples=50, seed=4)
    assert Xs.shape == (2, 50) and Ys.shape == (1, 50)


def test_extra_datasets_constant():
    assert ds.EXTRA_DATASETS == (
        "noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles", "no_structure")


def test_no_structure_is_uniform_on_unit_square():
    X, _ = ds.load_extra_dataset("no_structure", n_samples=1000)
    assert X.min() >= 0.0 and X.max() < 1.0


def test_unknown_extra_dataset_lists_valid_names():
    with pytest.raises(ValueError) as info:
        ds.load_extra_dataset("swirl")
    msg = str(info.value)
    assert "The dataset 'swirl' is not supported" in msg
    for name in ds.EXTRA_DATASETS:
        assert name in msg


def test_extra_dataset_rejects_bad_sizes():
    with pytest.raises(ValueError, match="n_samples"):
        ds.load_extra_dataset("blobs", n_samples=0)
    with pytest.raises(TypeError, match="n_samples"):
        ds.load_extra_dataset("blobs", n_samples=20.5)


# --------------------------------------------------------------------------- quadratic
def test_quadratic_reported():
    X, Y = ds.load_quadratic()
    assert X.shape == (1, 20) and Y.shape == (1, 20)
    assert X.dtype == np.float64 and Y.dtype == np.float64
    np.testing.assert_array_equal(X[0], np.arange(20))
    np.testing.assert_array_equal(Y, 3 * X**2 + 3 * X)
    assert Y[0, 19] == 3 * 19**2 + 3 * 19
    assert Y.min() >= 0
    np.testing.assert_array_equal(ds.quadratic(X), Y)


def test_quadratic_csv_matches():
    X_file, Y_file = ds.read_csv_dataset(DATA / "quadratic_reported.csv")
    X, Y = ds.load_quadratic(kind="reported")
    np.testing.assert_array_equal(X_file, X)
    np.testing.assert_array_equal(Y_file, Y)


def test_quadratic_dense_and_negative_reach_negative_targets():
    X, Y = ds.load_quadratic(kind="dense")
    assert X.shape == (1, 200)
    assert X[0, 0] == -2 and X[0, -1] == 19
    np.testing.assert_allclose(np.diff(X[0]), 21 / 199)
    assert np.any(Y < 0)
    np.testing.assert_array_equal(Y < 0, (X > -1) & (X < 0))
    X, Y = ds.load_quadratic(kind="negative")
    assert X.shape == (1, 100) and X[0, 0] == -3 and X[0, -1] == 2
    assert np.any(Y < 0)


def test_quadratic_custom_inputs_override_kind():
    X, Y = ds.load_quadratic([-0.5, 0, 2], kind="dense")
    np.testing.assert_array_equal(X, [[-0.5, 0.0, 2.0]])
    np.testing.assert_array_equal(Y, [[3 * 0.25 - 1.5, 0.0, 18.0]])
    X, _ = ds.load_quadratic(np.array([[1.0, 2.0]]))
    assert X.shape == (1, 2)


@pytest.mark.parametrize("x, error", [
    (np.ones((2, 3)), ValueError),
    ([], ValueError),
    ([1.0, np.nan], ValueError),
    (["a", "b"], TypeError),
])
def test_quadratic_rejects_bad_inputs(x, error):
    with pytest.raises(error, match="x"):
        ds.load_quadratic(x)


def test_quadratic_unknown_kind_lists_kinds():
    with pytest.raises(ValueError) as info:
        ds.load_quadratic(kind="cubic")
    for kind in ("reported", "dense", "negative"):
        assert kind in str(info.value)


# --------------------------------------------------------------------------- multiclass
def test_multiclass_one_hot_and_balanced():
    X, Y = ds.load_multiclass()
    assert X.shape == (2, 300) and Y.shape == (3, 300)
    assert X.dtype == np.float64 and Y.dtype == np.float64
    assert set(np.unique(Y)) == {0.0, 1.0}
    np.testing.assert_array_equal(Y.sum(axis=0), np.ones(300))
    labels = Y.argmax(axis=0)
    np.testing.assert_array_equal(np.bincount(labels), [100, 100, 100])
    X2, Y2 = ds.load_multiclass()
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    X3, _ = ds.load_multiclass(seed=1)
    assert not np.array_equal(X, X3)


def test_multiclass_other_sizes():
    X, Y = ds.load_multiclass(n_per_class=7, n_classes=5, seed=2)
    assert X.shape == (2, 35) and Y.shape == (5, 35)
    assert np.all(np.bincount(Y.argmax(axis=0)) == 7)
    with pytest.raises(ValueError, match="n_classes"):
        ds.load_multiclass(n_classes=1)
    with pytest.raises(ValueError, match="n_per_class"):
        ds.load_multiclass(n_per_class=0)


# --------------------------------------------------------------------------- dispatcher
def test_registry_constants():
    assert ds.DATASETS == ("planar",) + ds.EXTRA_DATASETS + ("xor", "quadratic", "multiclass")
    assert set(ds.TASKS) == set(ds.DATASETS)
    assert set(ds.TASKS.values()) == {"binary", "regression", "multiclass"}
    assert ds.TASKS["quadratic"] == "regression" and ds.TASKS["multiclass"] == "multiclass"


@pytest.mark.parametrize("name", ds.DATASETS)
def test_load_dataset_dispatches(name):
    X, Y = ds.load_dataset(name)
    assert X.ndim == 2 and Y.ndim == 2 and X.shape[1] == Y.shape[1]
    assert X.dtype == np.float64 and Y.dtype == np.float64
    task = ds.TASKS[name]
    if task == "binary":
        assert X.shape[0] == 2 and _is_binary_row(Y, X.shape[1])
    elif task == "multiclass":
        np.testing.assert_array_equal(Y.sum(axis=0), 1.0)
    else:
        np.testing.assert_array_equal(Y, ds.quadratic(X))
    X2, Y2 = ds.load_dataset(name, seed=5)
    assert X2.shape[0] == X.shape[0]


def test_load_dataset_defaults_and_seed():
    for name, direct in [("planar", ds.load_planar_dataset()),
                         ("noisy_moons", ds.load_extra_dataset("noisy_moons")),
                         ("multiclass", ds.load_multiclass())]:
        for got, want in zip(ds.load_dataset(name), direct):
            np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(ds.load_dataset("planar", seed=7)[0],
                                  ds.load_planar_dataset(seed=7)[0])


def test_load_dataset_unknown_name_lists_valid_names():
    with pytest.raises(ValueError) as info:
        ds.load_dataset("flower")
    msg = str(info.value)
    assert "'flower'" in msg
    for name in ds.DATASETS:
        assert name in msg
    with pytest.raises(TypeError, match="string"):
        ds.load_dataset(None)


# --------------------------------------------------------------------------- CSV reader
def test_read_csv_round_trip_and_errors(tmp_path):
    X = np.array([[0.1, 1 / 3, -2.5e-300], [np.pi, 7.0, 1e10]])
    Y = np.array([[1.0, 0.0, 1.0]])
    path = tmp_path / "d.csv"
    np.savetxt(path, np.vstack([X, Y]).T, fmt="%.17g", delimiter=",",
               header="a,b,y", comments="")
    X_back, Y_back = ds.read_csv_dataset(path)
    np.testing.assert_array_equal(X_back, X)
    np.testing.assert_array_equal(Y_back, Y)
    # no header: first line is data
    no_header = tmp_path / "n.csv"
    no_header.write_text("1,2\n3,4\n")
    X_nh, Y_nh = ds.read_csv_dataset(str(no_header))
    np.testing.assert_array_equal(X_nh, [[1.0, 3.0]])
    np.testing.assert_array_equal(Y_nh, [[2.0, 4.0]])
    one_col = tmp_path / "one.csv"
    one_col.write_text("y\n1\n0\n")
    with pytest.raises(ValueError, match="two"):
        ds.read_csv_dataset(one_col)
    with pytest.raises(FileNotFoundError, match="make_data"):
        ds.read_csv_dataset(tmp_path / "missing.csv")
    with pytest.raises(TypeError, match="path"):
        ds.read_csv_dataset(3)


@pytest.mark.parametrize("content, words", [
    ("", ["is empty", "features, then the label"]),
    ("\n  \n\n", ["is empty"]),
    ("x1,x2,y\n", ["header", "no data rows"]),
    ("1,2,0\n3,4\n", ["line 2 has 2 values; expected 3", "Fix or remove that line"]),
    ("1,2,0\n3,4,1,9\n", ["line 2 has 4 values; expected 3"]),
    ("x1,x2,y\n1,abc,0\n", ["line 2, column 2 ('x2') holds 'abc', which is not a number",
                             "expected a decimal number"]),
    ("1,2,0\n1,2\u00a0x,1\n", ["line 2, column 2", "not a number"]),
    ("1,nan,0\n", ["line 1, column 2 is 'nan'; expected a finite number", "fill it in"]),
    ("1,2,inf\n", ["column 3 is 'inf'"]),
    ("1,,0\n", ["line 1, column 2 is empty; expected a number"]),
    ("1,1_000,0\n", ["'1_000', which is not a number"]),
    ("1,2,0.5\n3,4,1\n", ["must hold class labels", "got [0.5]", "task='regression'"]),
    ("y\n1\n0\n", ["at least two comma-separated columns", "line 2 has 1"]),
    ("1;2;0\n3;4;1\n", ["separated by ';'", "expected commas"]),
    ("1\t2\t0\n", ["separated by '\\t'"]),
    ("a,b\n1,2,0\n", ["header on line 1 names 2 column(s) ['a', 'b'], but line 2 has 3 values"]),
    ("x1,x2,y\n1,2,0\nx1,x2,y\n", ["line 3, column 1", "a second header line?"]),
    ("1,2,abc\n3,4,1\n", ["line 1, column 3 holds 'abc'"]),  # a mixed line is data, not a header
])
def test_read_csv_explains_every_bad_file(tmp_path, content, words):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        ds.read_csv_dataset(path)
    message = str(info.value)
    assert "bad.csv" in message
    for word in words:
        assert word in message, (word, message)


@pytest.mark.parametrize("task, content, words", [
    ("binary", "1,2,0\n3,4,2\n", ["0/1 labels for task='binary'", "got [0, 2]"]),
    ("multiclass", "1,2,1\n3,4,2\n", ["classes 0..K-1", "class(es) [0] never appear",
                                       "look like 1..K: subtract 1"]),
    ("multiclass", "1,2,0\n3,4,3\n", ["class(es) [1, 2] never appear"]),
    ("multiclass", "1,2,0\n3,4,-1\n", ["negative labels [-1]"]),
    ("multiclass", "1,2,0\n3,4,1e12\n", ["labels up to 1000000000000"]),
])
def test_read_csv_labels_must_suit_the_task(tmp_path, task, content, words):
    path = tmp_path / "labels.csv"
    path.write_text(content)
    with pytest.raises(ValueError) as info:
        ds.read_csv_dataset(path, task=task)
    for word in words:
        assert word in str(info.value), (word, str(info.value))


def test_read_csv_tasks_return_the_course_layout(tmp_path):
    path = tmp_path / "three.csv"
    path.write_text("x1,x2,y\n0.5,1,2\n1.5,2,0\n2.5,3,1\n")
    X, Y = ds.read_csv_dataset(path, task="multiclass")
    np.testing.assert_array_equal(X, [[0.5, 1.5, 2.5], [1, 2, 3]])
    np.testing.assert_array_equal(Y, [[0, 1, 0], [0, 0, 1], [1, 0, 0]])  # one-hot (K, m)
    _, labels = ds.read_csv_dataset(path)
    np.testing.assert_array_equal(labels, [[2, 0, 1]])
    reg = tmp_path / "reg.csv"
    reg.write_text("x,y\n0.5,-0.25\n1,6.5\n")
    np.testing.assert_array_equal(ds.read_csv_dataset(reg, task="regression")[1], [[-0.25, 6.5]])
    with pytest.raises(ValueError, match="whole numbers"):
        ds.read_csv_dataset(reg)
    with pytest.raises(ValueError, match=r"task must be one of \[None, 'binary'"):
        ds.read_csv_dataset(reg, task="classification")
    # Windows line ends, a byte-order mark and blank lines are fine.
    win = tmp_path / "win.csv"
    win.write_bytes("\ufeffx1,y\r\n1,0\r\n\r\n2,1\r\n".encode("utf-8"))
    X, Y = ds.read_csv_dataset(win)
    np.testing.assert_array_equal(X, [[1, 2]])
    np.testing.assert_array_equal(Y, [[0, 1]])


def test_read_csv_bad_paths(tmp_path):
    with pytest.raises(ValueError, match="is a folder; expected the path of a CSV file"):
        ds.read_csv_dataset(tmp_path)
    (tmp_path / "inside.csv").write_text("1,0\n")
    with pytest.raises(ValueError, match=r"CSV files in it: \['inside.csv'\]"):
        ds.read_csv_dataset(str(tmp_path))
    with pytest.raises(ValueError, match="No CSV file at") as info:
        ds.read_csv_dataset(tmp_path / "missing.csv")
    assert isinstance(info.value, FileNotFoundError)  # both kinds, for either except clause
    for bad in (b"data.csv", None, ["data.csv"], ""):
        with pytest.raises(TypeError, match="path must be"):
            ds.read_csv_dataset(bad)


def test_read_csv_refuses_binary_files_and_never_runs_or_unpickles_them(tmp_path):
    import pickle

    marker = tmp_path / "unpickled"

    class Payload:  # unpickling this would create the marker file
        def __reduce__(self):
            return (open, (str(marker), "w"))

    for protocol in (0, 4):  # protocol 0 is printable text, 4 is binary
        path = tmp_path / f"p{protocol}.csv"
        path.write_bytes(pickle.dumps(Payload(), protocol=protocol))
        with pytest.raises(ValueError, match="not a text file|not a number|not UTF-8|columns"):
            ds.read_csv_dataset(path)
    npy = tmp_path / "arr.csv"
    np.save(npy.with_suffix(".npy"), np.zeros((2, 2)))
    npy.write_bytes(npy.with_suffix(".npy").read_bytes())
    with pytest.raises(ValueError, match="not a text file"):
        ds.read_csv_dataset(npy)
    code = tmp_path / "code.csv"
    code.write_text(f"1,__import__('pathlib').Path({str(marker)!r}).touch()\n")
    with pytest.raises(ValueError, match="not a number"):
        ds.read_csv_dataset(code)
    assert not marker.exists()
    latin = tmp_path / "latin.csv"
    latin.write_bytes("x\xe9,y\n1,0\n".encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8 text .* Save the file as 'CSV UTF-8'"):
        ds.read_csv_dataset(latin)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(
    st.text(alphabet=st.sampled_from(list("0123456789.,-+e \n\t;xyNnaIf_\r")), max_size=60),
    st.binary(max_size=40)))
def test_read_csv_either_reads_a_table_or_explains(tmp_path, content):
    path = tmp_path / "random.csv"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    try:
        X, Y = ds.read_csv_dataset(path)
    except ValueError as exc:  # only ever a ValueError naming the file
        assert "random.csv" in str(exc)
        return
    assert X.dtype == Y.dtype == np.float64
    assert X.ndim == Y.ndim == 2 and Y.shape == (1, X.shape[1]) and X.shape[0] >= 1
    assert np.isfinite(X).all() and np.all(Y == np.round(Y))


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(2, 4)),
                        elements=st.floats(-1e6, 1e6)),
       row=st.integers(0, 5), column=st.integers(0, 3),
       damage=st.sampled_from(["", "nan", "abc", "1,2", "inf"]))
def test_one_damaged_cell_is_reported_with_its_line(tmp_path, table, row, column, damage):
    row, column = row % table.shape[0], column % table.shape[1]
    table[:, -1] = np.round(np.abs(table[:, -1])) % 2  # 0/1 labels
    cells = [[repr(float(v)) for v in line] for line in table]
    path = tmp_path / "table.csv"
    path.write_text("\n".join(",".join(line) for line in cells) + "\n")
    X, Y = ds.read_csv_dataset(path)
    np.testing.assert_array_equal(X, table[:, :-1].T)  # repr round-trips exactly
    np.testing.assert_array_equal(Y, table[:, -1:].T)
    if damage == "1,2" and table.shape[0] == 1:
        damage = "abc"  # an extra column in the only row is a consistent table
    cells[row][column] = damage
    path.write_text("\n".join(",".join(line) for line in cells) + "\n")
    with pytest.raises(ValueError) as info:
        ds.read_csv_dataset(path)
    assert f"line {row + 1}" in str(info.value) or "header" in str(info.value), str(info.value)


# --------------------------------------------------------------------------- dependencies
def test_datasets_module_imports_with_numpy_only():
    code = textwrap.dedent("""
        import sys
        sys.modules["matplotlib"] = None   # make `import matplotlib` fail
        sys.modules["sklearn"] = None
        import dlsnotes.datasets as ds
        X, Y = ds.load_planar_dataset()
        assert X.shape == (2, 400)
        ds.load_extra_dataset("no_structure")
        try:
            ds.load_extra_dataset("noisy_moons")
        except ImportError as exc:
            assert "scikit-learn" in str(exc)
        else:
            raise AssertionError("expected ImportError")
        assert "matplotlib.pyplot" not in sys.modules
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------- plotting
def _logistic_predict(Z):
    """A fixed linear classifier returning probabilities of shape (1, k)."""
    return 1 / (1 + np.exp(-(Z[0:1] + Z[1:2])))


def test_plot_decision_boundary_binary():
    X, Y = ds.load_planar_dataset()
    calls = []

    def predict(Z):
        calls.append(Z.shape)
        return _logistic_predict(Z)

    ax = plotting.plot_decision_boundary(predict, X, Y, resolution=50, title="flower")
    assert calls == [(2, 2500)]
    assert len(ax.collections) >= 2  # contour set + scatter
    scatter = ax.collections[-1]
    np.testing.assert_allclose(scatter.get_offsets(), X.T)
    np.testing.assert_array_equal(scatter.get_array(), Y[0])
    assert ax.get_title() == "flower"
    # the grid covers every example
    x_lo, x_hi = ax.get_xlim()
    assert x_lo <= X[0].min() and x_hi >= X[0].max()


def test_plot_decision_boundary_labels_and_multiclass():
    X, Y = ds.load_multiclass(n_per_class=20)
    fig, ax = plt.subplots()

    def one_hot_predict(Z):
        k = np.floor((np.arctan2(Z[1], Z[0]) + np.pi) / (2 * np.pi) * 3).astype(int) % 3
        return np.eye(3)[k].T

    out = plotting.plot_decision_boundary(one_hot_predict, X, Y, ax=ax, resolution=30)
    assert out is ax
    assert len(ax.collections) >= 2
    np.testing.assert_array_equal(ax.collections[-1].get_array(), Y.argmax(axis=0))
    # 1-D label output is accepted too
    Xb, Yb = ds.load_extra_dataset("noisy_moons")
    plotting.plot_decision_boundary(lambda Z: (Z[0] > 0).astype(float), Xb, Yb, resolution=20)


def test_plot_decision_boundary_errors():
    X, Y = ds.load_planar_dataset()
    with pytest.raises(ValueError, match="X.T"):
        plotting.plot_decision_boundary(_logistic_predict, X.T, Y)
    with pytest.raises(ValueError, match="columns"):
        plotting.plot_decision_boundary(lambda Z: np.zeros((1, 3)), X, Y, resolution=10)
    with pytest.raises(TypeError, match="predict"):
        plotting.plot_decision_boundary("model", X, Y)


def test_plot_costs_line_data():
    costs = [0.69, 0.5, 0.3, 0.2]
    ax = plotting.plot_costs(costs, every=100, label="lr=0.01", title="t")
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_xdata(), [0, 100, 200, 300])
    np.testing.assert_array_equal(line.get_ydata(), costs)
    assert ax.get_xlabel() == "iterations"
    assert ax.get_legend() is not None and ax.get_title() == "t"
    ax2 = plotting.plot_costs(np.array(costs), ax=ax, every=10, logy=True)
    assert ax2 is ax and len(ax.get_lines()) == 2 and ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="positive"):
        plotting.plot_costs([1.0, 0.0], logy=True)
    with pytest.raises(ValueError, match="empty"):
        plotting.plot_costs([])
    with pytest.raises(ValueError, match="every"):
        plotting.plot_costs(costs, every=0)


def test_plot_regression_fit():
    X, Y = ds.load_quadratic()
    X_dense, _ = ds.load_quadratic(kind="dense")

    def relu_model(Z):
        return np.maximum(0, 60 * Z - 200)

    dead = relu_model(X) == 0
    ax = plotting.plot_regression_fit(X, Y, relu_model, X_dense=X_dense, highlight=dead,
                                      highlight_label="dead")
    # targets, predictions, highlighted
    assert len(ax.collections) == 3
    np.testing.assert_allclose(ax.collections[0].get_offsets(), np.vstack([X, Y]).T)
    np.testing.assert_allclose(ax.collections[2].get_offsets(),
                               np.vstack([X[dead], np.zeros(dead.sum())]).T)
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_xdata(), X_dense[0])
    np.testing.assert_array_equal(line.get_ydata(), relu_model(X_dense)[0])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert f"dead ({int(dead.sum())})" in labels
    # targets only
    ax = plotting.plot_regression_fit(X, Y)
    assert len(ax.collections) == 1 and not ax.get_lines()
    with pytest.raises(ValueError, match="predict"):
        plotting.plot_regression_fit(X, Y, X_dense=X_dense)
    with pytest.raises(ValueError, match="highlight"):
        plotting.plot_regression_fit(X, Y, highlight=np.ones(20))


def test_side_by_side():
    fig, axes = plotting.side_by_side(3)
    assert len(axes) == 3 and len(fig.axes) == 3
    np.testing.assert_allclose(fig.get_size_inches(), [3 * 3.2, 3.2])
    fig, axes = plotting.side_by_side(5, size=2, ncols=3)
    assert len(axes) == 5 and all(a.get_visible() for a in axes)
    assert sum(a.get_visible() for a in fig.axes) == 5
    np.testing.assert_allclose(fig.get_size_inches(), [6, 4])
    with pytest.raises(ValueError, match="n"):
        plotting.side_by_side(0)
