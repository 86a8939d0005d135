"""Time the planar network (tanh hidden, sigmoid output, bce, full batch) three ways.

Run by hand with ``make bench`` (or ``python bench/bench_planar.py [--quick] [--profile]``);
it is never part of the tests (``tests/test_bench_smoke.py`` only checks that the three
trainers compute the same thing).

1. ``dlsnotes.L_layer_model``, in float64 (the default) and in float32 (``dtype=``),
2. scikit-learn's ``MLPClassifier`` set up as plain full-batch gradient descent
   (``solver="sgd"``, one batch of all ``m`` examples, no momentum, no L2, constant rate),
3. a minimal numpy loop written the way the course's ``nn_model`` is: forward, cost,
   backward, update, with the cost computed on every iteration.

All three start from the same parameters, so after the same number of iterations they
must hold the same parameters. Everything runs on one core: the BLAS thread count is
limited before numpy is imported (and again with threadpoolctl when it is installed).

The machine may be shared, so the times are CPU time of this process (``time.process_time``,
which does not count waiting for a core), the median of interleaved repeats.
"""

from __future__ import annotations

import os

# Must happen before numpy is imported, or the BLAS library has already started its threads.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import contextlib  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402

import dlsnotes  # noqa: E402
from dlsnotes.datasets import load_planar_dataset  # noqa: E402

HIDDEN_SIZES = (4, 40, 277)
LEARNING_RATE = 1.2  # the course's rate for the planar tanh network
SEED = 3

# The learner's run: "n_h = 277, learning rate 0.073, 50 000 iterations, Leaky ReLU".
LONG_RUN = dict(n_h=277, learning_rate=0.073, num_iterations=50_000, hidden="leaky_relu")

# Targets: dlsnotes (float64) / numpy loop per iteration at every size, dlsnotes / sklearn
# at n_h = 4, float64 / float32 at the largest size, the long run's float32 CPU time and
# its accuracy gap to float64 (percentage points).
TARGET_VS_NUMPY = 1.0
TARGET_VS_SKLEARN = 0.6
TARGET_F32_SPEEDUP = 2.0
TARGET_LONG_RUN_S = 15.0
TARGET_ACCURACY_GAP = 1.0


# --------------------------------------------------------------------------- trainers
# Each ``prepare_*`` does its set-up outside the timed region and returns ``run()``, which
# trains from ``parameters`` (not modified) and returns the trained parameters as a course
# dict {"W1", "b1", "W2", "b2"}.

def prepare_dlsnotes(X, Y, parameters, learning_rate, num_iterations, hidden="tanh",
                     dtype=np.float64):
    """``run()`` calls :func:`dlsnotes.L_layer_model` with the usual checks and bookkeeping."""
    dims = [X.shape[0], parameters["W1"].shape[0], 1]

    def run():
        trained, _ = dlsnotes.L_layer_model(
            X, Y, dims, hidden=hidden, output="sigmoid", loss="bce",
            learning_rate=learning_rate, num_iterations=num_iterations,
            parameters=parameters, progress=False, dtype=dtype,
        )
        return trained

    return run


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = _sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def _compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    return float(-np.sum(logprobs) / m)


def _backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def _update_parameters(parameters, grads, learning_rate):
    return {k: parameters[k] - learning_rate * grads["d" + k] for k in ("W1", "b1", "W2", "b2")}


def prepare_numpy(X, Y, parameters, learning_rate, num_iterations):
    """``run()`` is the course's ``nn_model`` loop in plain numpy (tanh hidden only)."""

    def run():
        params = {k: v.copy() for k, v in parameters.items()}
        for i in range(num_iterations):
            A2, cache = _forward_propagation(X, params)
            cost = _compute_cost(A2, Y)  # noqa: F841  (computed every iteration, as the course does)
            grads = _backward_propagation(params, cache, X, Y)
            params = _update_parameters(params, grads, learning_rate)
        return params

    return run


def prepare_sklearn(X, Y, parameters, learning_rate, num_iterations):
    """``run()`` is ``MLPClassifier.fit`` configured as full-batch gradient descent.

    scikit-learn stores examples as rows, so ``coefs_[0] == W1.T`` and ``intercepts_[0] == b1.ravel()``.
    A one-iteration fit creates the estimator's internal state; then the weights are replaced
    by ``parameters`` (in place at the start of every ``run()``) and ``warm_start`` keeps them.
    """
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    m = X.shape[1]
    Xs, ys = np.ascontiguousarray(X.T), Y.ravel().astype(int)
    clf = MLPClassifier(
        hidden_layer_sizes=(parameters["W1"].shape[0],), activation="tanh", solver="sgd",
        batch_size=m, learning_rate="constant", learning_rate_init=learning_rate,
        momentum=0.0, nesterovs_momentum=False, alpha=0.0, shuffle=False, tol=0.0,
        n_iter_no_change=10**9, max_iter=1, warm_start=True, random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(Xs, ys)
    clf.set_params(max_iter=num_iterations)
    start = [parameters["W1"].T, parameters["W2"].T, parameters["b1"].ravel(), parameters["b2"].ravel()]

    def run():
        # The optimiser updates these arrays in place, so reset their contents each run.
        for target, value in zip(clf.coefs_ + clf.intercepts_, start):
            np.copyto(target, value)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf.fit(Xs, ys)
        return {
            "W1": clf.coefs_[0].T.copy(), "b1": clf.intercepts_[0].reshape(-1, 1).copy(),
            "W2": clf.coefs_[1].T.copy(), "b2": clf.intercepts_[1].reshape(-1, 1).copy(),
        }

    return run


def prepare_dlsnotes_float32(X, Y, parameters, learning_rate, num_iterations):
    """``run()`` is :func:`prepare_dlsnotes` with ``dtype=np.float32``."""
    return prepare_dlsnotes(X, Y, parameters, learning_rate, num_iterations, dtype=np.float32)


#: The trainers that must agree to 1e-10 (tests/test_bench_smoke.py); float32 is timed too.
TRAINERS = {"dlsnotes": prepare_dlsnotes, "numpy": prepare_numpy, "sklearn": prepare_sklearn}
TIMED = {"dlsnotes": prepare_dlsnotes, "float32": prepare_dlsnotes_float32,
         "numpy": prepare_numpy, "sklearn": prepare_sklearn}


def initial_parameters(n_x, n_h, seed=SEED):
    """The course's start: ``randn * 0.01`` weights, zero biases, for ``[n_x, n_h, 1]``."""
    return dlsnotes.initialize_parameters_deep([n_x, n_h, 1], init="small", seed=seed)


# --------------------------------------------------------------------------- timing
def cpu_per_iteration(run, num_iterations):
    """CPU time of one ``run()``, divided by ``num_iterations``, in µs."""
    start = time.process_time()
    run()
    return (time.process_time() - start) / num_iterations * 1e6


def mark(ok):
    return "PASS" if ok else "MISS"


def _blas_threads():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed; limited by environment variables"
    info = threadpool_info()
    return ", ".join(
        f"{i['internal_api']}={i['num_threads']}"
        + (f" ({i['architecture']} kernels)" if i.get("architecture") else "") for i in info
    ) or "no BLAS pool found"


def compare(X, Y, num_iterations, repeats):
    """Print µs per iteration for each trainer and hidden size; return ``{n_h: {name: µs}}``.

    CPU time, median of ``repeats`` runs, interleaved (round robin) between the trainers so
    that a busy moment of the machine hits all of them alike.
    """
    print(f"\nCPU µs per iteration (median of {repeats} x {num_iterations} iterations, "
          f"interleaved, m = {X.shape[1]})")
    print(f"{'n_h':>5} {'dls f64':>9} {'dls f32':>9} {'numpy':>9} {'sklearn':>9} "
          f"{'dls/numpy':>10} {'f64/f32':>8} {'dls/sklearn':>12}")
    rows = {}
    for n_h in HIDDEN_SIZES:
        parameters = initial_parameters(X.shape[0], n_h)
        runs = {name: prep(X, Y, parameters, LEARNING_RATE, num_iterations)
                for name, prep in TIMED.items()}
        samples = {name: [] for name in runs}
        for _ in range(repeats):
            for name, run in runs.items():
                samples[name].append(cpu_per_iteration(run, num_iterations))
        t = {name: statistics.median(v) for name, v in samples.items()}
        rows[n_h] = t
        print(f"{n_h:>5} {t['dlsnotes']:>9.1f} {t['float32']:>9.1f} {t['numpy']:>9.1f} "
              f"{t['sklearn']:>9.1f} {t['dlsnotes'] / t['numpy']:>10.2f} "
              f"{t['dlsnotes'] / t['float32']:>8.2f} {t['dlsnotes'] / t['sklearn']:>12.2f}")
    return rows


def long_run(X, Y, dtype=np.float64):
    """The learner's 50 000-iteration Leaky ReLU run, end to end with dlsnotes.

    Returns ``(wall seconds, CPU seconds, training accuracy, final cost)``.
    """
    cfg = LONG_RUN
    start, cpu_start = time.perf_counter(), time.process_time()
    parameters, costs = dlsnotes.L_layer_model(
        X, Y, [X.shape[0], cfg["n_h"], 1], hidden=cfg["hidden"], output="sigmoid", loss="bce",
        learning_rate=cfg["learning_rate"], num_iterations=cfg["num_iterations"],
        init="small", seed=SEED, progress=False, dtype=dtype,
    )
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    labels = dlsnotes.predict(X, parameters, hidden=cfg["hidden"], output="sigmoid", dtype=dtype)
    return seconds, cpu_seconds, float(np.mean(labels == Y)), costs.final_cost


def profile_step(X, Y, n_h=277, num_iterations=500, dtype=np.float64):
    """cProfile of the training loop at ``n_h`` units: where the time of a step goes."""
    import cProfile
    import pstats

    run = prepare_dlsnotes(X, Y, initial_parameters(X.shape[0], n_h), LEARNING_RATE,
                           num_iterations, dtype=dtype)
    profiler = cProfile.Profile()
    profiler.runcall(run)
    print(f"\ncProfile, n_h = {n_h}, {np.dtype(dtype).name}, {num_iterations} iterations "
          "(tottime: time inside the function itself)")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(8)


def _print_targets(rows):
    print("\nTargets (CPU time per iteration):")
    for n_h, t in rows.items():
        ratio = t["dlsnotes"] / t["numpy"]
        print(f"  n_h = {n_h:>3}: dlsnotes / numpy = {ratio:.2f}  (target <= {TARGET_VS_NUMPY})  "
              f"{mark(ratio <= TARGET_VS_NUMPY)}")
    t4 = rows[min(rows)]
    ratio = t4["dlsnotes"] / t4["sklearn"]
    print(f"  n_h = {min(rows):>3}: dlsnotes / sklearn = {ratio:.2f}  (target <= {TARGET_VS_SKLEARN})  "
          f"{mark(ratio <= TARGET_VS_SKLEARN)}")
    top = rows[max(rows)]
    speedup = top["dlsnotes"] / top["float32"]
    print(f"  n_h = {max(rows):>3}: float64 / float32 = {speedup:.2f}  (target >= {TARGET_F32_SPEEDUP})  "
          f"{mark(speedup >= TARGET_F32_SPEEDUP)}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="few iterations and no 50 000-iteration run (a smoke test)")
    parser.add_argument("--profile", action="store_true",
                        help="also print a cProfile of the 277-unit training loop, float64 and float32")
    args = parser.parse_args(argv)
    num_iterations, repeats = (200, 1) if args.quick else (1000, 5)

    try:
        from threadpoolctl import threadpool_limits
        limit = threadpool_limits(limits=1)
    except ImportError:
        limit = contextlib.nullcontext()
    with limit:
        X, Y = load_planar_dataset()
        import sklearn
        print(f"numpy {np.__version__}, scikit-learn {sklearn.__version__}, dlsnotes "
              f"{dlsnotes.__version__}, Python {sys.version.split()[0]}")
        print(f"BLAS threads: {_blas_threads()}")
        coretype = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ}
        if coretype:
            print(f"note: {coretype} is set and slows current OpenBLAS kernels; `make bench` unsets it")
        rows = compare(X, Y, num_iterations, repeats)
        _print_targets(rows)
        if args.profile:
            for dtype in (np.float64, np.float32):
                profile_step(X, Y, dtype=dtype)

        if args.quick:
            print("\n--quick: the 50 000-iteration run is skipped.")
            return 0
        cfg = LONG_RUN
        print(f"\nLearner's run: n_h = {cfg['n_h']}, {cfg['hidden']}, learning rate "
              f"{cfg['learning_rate']}, {cfg['num_iterations']} iterations, dlsnotes")
        results = {}
        for dtype in (np.float64, np.float32):
            seconds, cpu_seconds, accuracy, cost = long_run(X, Y, dtype)
            results[dtype] = cpu_seconds, accuracy
            # CPU time as well: on a busy machine the wall time includes waiting for a core.
            print(f"  {np.dtype(dtype).name}: {cpu_seconds:.1f} s CPU ({seconds:.1f} s wall), "
                  f"final cost {cost:.4f}, training accuracy {100 * accuracy:.2f} %")
        cpu32 = results[np.float32][0]
        gap = 100 * abs(results[np.float32][1] - results[np.float64][1])
        print(f"  float32 under {TARGET_LONG_RUN_S:.0f} s CPU on one core: {cpu32:.1f} s  "
              f"{mark(cpu32 < TARGET_LONG_RUN_S)}")
        print(f"  float32 accuracy within {TARGET_ACCURACY_GAP:g} point of float64: {gap:.2f} points  "
              f"{mark(gap <= TARGET_ACCURACY_GAP)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
