"""Plots for the notebooks: decision boundaries, cost curves and regression fits.

Every function draws on the ``ax`` it is given (or on a new figure when ``ax`` is None) and
returns that ``ax``; nothing calls ``plt.show()`` and nothing is kept between calls.
Arrays follow the course layout, one column per example. Works with any backend,
including ``Agg``.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import check_positive_int

__all__ = ["figure_png", "plot_costs", "plot_decision_boundary", "plot_regression_fit", "side_by_side"]


def _pyplot():
    """matplotlib.pyplot, imported only when a plot is made."""
    import matplotlib.pyplot as plt

    return plt



def figure_png(figure, dpi=None) -> bytes:
    """A matplotlib figure as PNG bytes, fast and repeatable: compress_level 1 (a larger file
    but a much faster encode than the default 6) and no metadata (the same picture gives the
    same bytes)."""
    import io

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi if dpi is not None else figure.dpi,
                   metadata={"Software": None}, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()

def _new_ax(ax):
    if ax is None:
        _, ax = _pyplot().subplots()
    return ax


def _check_2d(a, name: str, rows: int | None = None) -> np.ndarray:
    a = np.asarray(a)
    if a.ndim == 1:
        raise ValueError(
            f"{name} must be 2-D with one column per example; got shape {a.shape}. "
            f"Use {name}.reshape(1, -1)."
        )
    if a.ndim != 2 or (rows is not None and a.shape[0] != rows):
        want = f"({rows}, m)" if rows is not None else "(n, m)"
        hint = f" Did you pass examples as rows? Use {name}.T." if (
            a.ndim == 2 and rows is not None and a.shape[1] == rows) else ""
        raise ValueError(f"{name} must have shape {want}; got {a.shape}.{hint}")
    return a


def _class_labels(P: np.ndarray) -> np.ndarray:
    """Integer classes from (1, k) labels/probabilities (threshold 0.5) or (K, k) scores."""
    if P.shape[0] == 1:
        return (P[0] > 0.5).astype(int)
    return P.argmax(axis=0)


def plot_decision_boundary(predict, X, Y, ax=None, resolution=200, title=None, *, point_size=18,
                           point_alpha=1.0, boundary=False):
    """Colour the plane by ``predict`` and draw the examples on top.

    Parameters
    ----------
    predict : callable
        ``predict(X_grid)`` with ``X_grid.shape == (2, k)`` returning either shape (1, k)
        labels or probabilities (class 1 where > 0.5), or shape (K, k) one-hot labels or
        class probabilities (class = argmax over the rows).
    X : ndarray, shape (2, m)
        The examples.
    Y : ndarray, shape (1, m) with 0/1 labels, or (K, m) one-hot
        Their true classes; the points are coloured by them.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made if None.
    resolution : int, >= 2
        Grid points per axis.
    title : str, optional
    point_size : float, > 0
        Marker area of the examples. On a dense data set use a smaller value (and
        ``point_alpha < 1``) so the coloured regions stay visible between the points.
    point_alpha : float in (0, 1]
        Opacity of the examples.
    boundary : bool
        Also draw the decision boundary as a black line *above* the points, so it can be
        seen where the points cover the regions.

    Returns
    -------
    ax : matplotlib Axes
        With one filled contour set and one scatter collection added (and one line contour
        set when ``boundary`` is true).
    """
    if not callable(predict):
        raise TypeError(
            f"predict must be a function of X_grid (shape (2, k)); got {type(predict).__name__}. "
            "Wrap your model, e.g. lambda Z: predict(parameters, Z)."
        )
    X = _check_2d(X, "X", rows=2)
    Y = _check_2d(Y, "Y")
    if Y.shape[1] != X.shape[1]:
        raise ValueError(
            f"X and Y must have the same number of columns (examples); got X {X.shape} and "
            f"Y {Y.shape}."
        )
    if isinstance(point_size, bool) or not isinstance(point_size, numbers.Real) or not point_size > 0:
        raise ValueError(f"point_size must be a positive marker area such as 18; got {point_size!r}.")
    if (isinstance(point_alpha, bool) or not isinstance(point_alpha, numbers.Real)
            or not 0 < point_alpha <= 1):
        raise ValueError(f"point_alpha must be an opacity in (0, 1]; got {point_alpha!r}.")
    resolution = check_positive_int(resolution, "resolution")
    if resolution < 2:
        raise ValueError(f"resolution must be at least 2 grid points per axis; got {resolution}.")

    pad = 0.1 * np.ptp(X, axis=1) + 0.5
    lo, hi = X.min(axis=1) - pad, X.max(axis=1) + pad
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    grid = np.vstack([xx.ravel(), yy.ravel()])
    P = np.asarray(predict(grid), dtype=np.float64)
    if P.ndim == 1:
        P = P.reshape(1, -1)
    if P.ndim != 2 or P.shape[1] != grid.shape[1]:
        raise ValueError(
            f"predict(X_grid) must return shape (1, k) or (K, k) with k = {grid.shape[1]} "
            f"columns, one per grid point; got {P.shape}."
        )

    grid_classes = _class_labels(P).reshape(xx.shape)
    point_classes = _class_labels(Y)
    n_classes = max(2, P.shape[0], Y.shape[0], int(point_classes.max()) + 1,
                    int(grid_classes.max()) + 1)
    import matplotlib

    cmap = matplotlib.colormaps["Spectral"].resampled(n_classes)
    levels = np.arange(n_classes + 1) - 0.5
    ax = _new_ax(ax)
    ax.contourf(xx, yy, grid_classes, levels=levels, cmap=cmap, alpha=0.5)
    ax.scatter(X[0], X[1], c=point_classes, cmap=cmap, vmin=-0.5, vmax=n_classes - 0.5,
               s=point_size, alpha=point_alpha, edgecolors="k", linewidths=0.4)
    if boundary and np.unique(grid_classes).size > 1:
        ax.contour(xx, yy, grid_classes, levels=levels[1:-1], colors="k", linewidths=1.2,
                   zorder=3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title is not None:
        ax.set_title(title)
    return ax


def plot_costs(costs, ax=None, every=100, label=None, title=None, logy=False):
    """The cost curve of a training run.

    Parameters
    ----------
    costs : sequence of float, shape (n,)
        ``costs[i]`` is the cost recorded at iteration ``i * every``.
    ax : matplotlib Axes, optional
    every : int, >= 1
        Iterations between two recorded costs (the course records every 100).
    label : str, optional
        Legend entry; a legend is drawn when given.
    title : str, optional
    logy : bool
        Log scale on the cost axis; needs every cost > 0.

    Returns
    -------
    ax : matplotlib Axes
        With one new line whose x data are the iterations and y data the costs.
    """
    costs = np.asarray(costs, dtype=np.float64).ravel()
    if costs.size == 0:
        raise ValueError(
            "costs is empty: nothing to plot. Did training record any cost? The course "
            "appends one every 100 iterations, so run at least one iteration."
        )
    every = check_positive_int(every, "every")
    if logy and np.any(costs[np.isfinite(costs)] <= 0):
        raise ValueError(
            f"logy=True needs positive costs; the smallest is {np.nanmin(costs):g}. "
            "Use logy=False, or plot costs - min(costs) + a small epsilon."
        )
    ax = _new_ax(ax)
    iterations = np.arange(costs.size) * every
    ax.plot(iterations, costs, label=label)
    ax.set_xlabel("iterations")
    ax.set_ylabel("cost")
    if logy:
        ax.set_yscale("log")
    if label is not None:
        ax.legend()
    if title is not None:
        ax.set_title(title)
    return ax


def plot_regression_fit(X, Y, predict=None, ax=None, X_dense=None, highlight=None, *,
                        highlight_label="highlighted", highlight_size=90):
    """Targets, the model's predictions and (optionally) its curve, for one input feature.

    Parameters
    ----------
    X : ndarray, shape (1, m)
        Inputs.
    Y : ndarray, shape (1, m)
        Targets; drawn as dots.
    predict : callable, optional
        ``predict(X)`` with ``X.shape == (1, k)`` returning shape (1, k); its values at the
        training inputs are drawn as crosses.
    ax : matplotlib Axes, optional
    X_dense : ndarray, shape (1, k), optional
        Inputs at which to draw ``predict`` as a line (needs ``predict``).
    highlight : ndarray of bool, shape (1, m), optional
        Examples to ring in red, e.g. those predicted exactly 0 by a dead ReLU output.
        Ringed at the prediction when ``predict`` is given, else at the target.
    highlight_label : str
        Legend text for the ringed examples.
    highlight_size : float, > 0
        Marker area of the rings; use a smaller one when the ringed examples lie close
        together, so the rings stay apart instead of merging into a bar.

    Returns
    -------
    ax : matplotlib Axes
    """
    X = _check_2d(X, "X", rows=1)
    Y = _check_2d(Y, "Y", rows=1)
    if Y.shape != X.shape:
        raise ValueError(f"X and Y must have the same shape (1, m); got {X.shape} and {Y.shape}.")
    if predict is not None and not callable(predict):
        raise TypeError(f"predict must be callable or None; got {type(predict).__name__}.")
    if X_dense is not None and predict is None:
        raise ValueError("X_dense draws predict's curve, so pass predict as well.")

    ax = _new_ax(ax)
    ax.scatter(X[0], Y[0], s=16, color="C0", label="target")
    marked_y = Y
    if predict is not None:
        Yhat = _prediction(predict, X, "predict(X)")
        ax.scatter(X[0], Yhat[0], marker="x", s=22, color="C1", label="prediction")
        marked_y = Yhat
    if X_dense is not None:
        X_dense = _check_2d(X_dense, "X_dense", rows=1)
        order = np.argsort(X_dense[0])
        curve = _prediction(predict, X_dense, "predict(X_dense)")
        ax.plot(X_dense[0, order], curve[0, order], color="C1", lw=1.2, label="model")
    if highlight is not None:
        mask = np.asarray(highlight)
        if mask.dtype != bool or mask.shape != X.shape:
            raise ValueError(
                f"highlight must be a boolean mask of shape {X.shape}, like X; got dtype "
                f"{mask.dtype} and shape {mask.shape}. Build one with e.g. (AL == 0)."
            )
        if (isinstance(highlight_size, bool) or not isinstance(highlight_size, numbers.Real)
                or not highlight_size > 0):
            raise ValueError("highlight_size must be a positive marker area such as 90; got "
                             f"{highlight_size!r}.")
        ax.scatter(X[mask], marked_y[mask], s=highlight_size, facecolors="none", edgecolors="red",
                   linewidths=1.2, label=f"{highlight_label} ({int(mask.sum())})")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    return ax


def _prediction(predict, X, what: str) -> np.ndarray:
    out = np.asarray(predict(X), dtype=np.float64)
    if out.ndim == 1:
        out = out.reshape(1, -1)
    if out.shape != X.shape:
        raise ValueError(
            f"{what} must return shape {X.shape}, one value per column; got {out.shape}."
        )
    return out


def side_by_side(n, size=3.2, *, ncols=None):
    """A figure with ``n`` square panels, in one row (or rows of ``ncols``).

    Parameters
    ----------
    n : int, >= 1
        Number of panels.
    size : float, > 0
        Width and height of each panel in inches.
    ncols : int, optional
        Panels per row; default ``n`` (one row). Unused cells of the last row are hidden.

    Returns
    -------
    fig : matplotlib Figure
    axes : ndarray of Axes, shape (n,)
    """
    n = check_positive_int(n, "n")
    ncols = n if ncols is None else min(check_positive_int(ncols, "ncols"), n)
    if isinstance(size, bool) or not isinstance(size, numbers.Real) or not size > 0:
        raise ValueError(f"size must be a positive number of inches; got {size!r}.")
    nrows = -(-n // ncols)
    fig, grid = _pyplot().subplots(nrows, ncols, figsize=(size * ncols, size * nrows),
                                   squeeze=False, layout="constrained")
    cells = grid.ravel()
    for extra in cells[n:]:
        extra.set_visible(False)
    return fig, cells[:n]
