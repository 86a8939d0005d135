"""One reused matplotlib figure that turns a :class:`PlaygroundModel` into PNG bytes.

Left: the decision regions with the training points (filled) and test points (white
rims), or for regression the fitted curve through the points. Right: train and test cost
(log scale) with accuracy or R² on a second axis. Examples stuck at 0 behind a ReLU output
are ringed in red.

Speed matters because every control change and every Play frame redraws: the figure,
its axes and its artists are made once and only their data change (``set_data``,
``set_offsets``); the decision regions are an RGB image, not a contour set; the PNG is
written with light compression. The figure is a plain :class:`matplotlib.figure.Figure`,
never registered with pyplot, so nothing accumulates in ``plt.get_fignums()`` and the
notebook shows no stray copy of it.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from ..plotting import figure_png

__all__ = ["CLASS_COLORS", "CLASS_MARKERS", "PlaygroundFigure"]

#: Class colours (TensorFlow Playground's orange and blue, then green).
CLASS_COLORS = ("#f59322", "#0877bd", "#2ca02c", "#9467bd", "#d62728")
#: Class marker shapes (circle, square, triangle, ...), so classes differ by more than colour.
CLASS_MARKERS = ("o", "s", "^", "D", "v")
_WHITE = np.ones(3)
# How strongly a region is tinted at full confidence (1 = the point colour itself).
_TINT = 0.55
# A diverging run reaches costs near 1e308; the log axis shows them clipped to a range
# whose ticks can still be computed.
_COST_FLOOR, _COST_CEILING = 1e-12, 1e100
# Font sizes in points; at 100 dpi a point is 1.4 pixels, so ticks are 11 px high.
_TICK_SIZE, _LABEL_SIZE, _TITLE_SIZE, _LEGEND_SIZE = 8, 9, 9.5, 8


class PlaygroundFigure:
    """The playground's picture, rendered to PNG from a model's current state.

    Parameters
    ----------
    width, height : float
        Figure size in inches.
    dpi : int
        Pixels per inch of the PNG.
    grid_size : int
        Grid points per axis for the decision regions.
    """

    def __init__(self, width=9.0, height=3.4, dpi=100, grid_size=90):
        self.dpi = dpi
        self.grid_size = grid_size
        self.figure = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
        FigureCanvasAgg(self.figure)
        self.ax_data, self.ax_cost = self.figure.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.15]})
        self.ax_metric = self.ax_cost.twinx()
        # Fixed margins instead of tight_layout: the layout is computed once, not per frame.
        self.figure.subplots_adjust(left=0.08, right=0.92, bottom=0.15, top=0.87, wspace=0.34)
        self._data_key = None
        self._build_curves()

    # ------------------------------------------------------------------ artists made once
    def _build_curves(self):
        ax, axm = self.ax_cost, self.ax_metric
        (self._train_cost,) = ax.plot([], [], color="#333333", lw=1.5, label="train cost")
        (self._test_cost,) = ax.plot([], [], color="#333333", lw=1.2, ls="--", label="test cost")
        (self._train_metric,) = axm.plot([], [], color="#2ca02c", lw=1.5, label="train accuracy")
        (self._test_metric,) = axm.plot([], [], color="#2ca02c", lw=1.2, ls="--", label="test accuracy")
        self._markers = LineCollection([], colors="#9467bd", linestyles=":", linewidths=1.2,
                                       transform=ax.get_xaxis_transform())
        ax.add_collection(self._markers)
        ax.set_yscale("log")
        # Plain labels (0.2, 0.5, 1) at 1-2-5 steps: a cost between 0.2 and 0.7 has no
        # power of ten to label, and mathtext labels are slow to draw.
        ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0), numticks=6))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.3g}"))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.xaxis.set_major_locator(MaxNLocator(5, integer=True))
        _label(ax, "iterations", "cost (log scale)")
        axm.set_ylim(-0.03, 1.03)
        axm.set_ylabel("accuracy", fontsize=_LABEL_SIZE, color="#2ca02c")
        axm.yaxis.set_label_coords(1.12, 0.5)
        for a in (ax, axm):
            a.tick_params(labelsize=_TICK_SIZE)
        self._legend = ax.legend(handles=[self._train_cost, self._test_cost, self._train_metric,
                                          self._test_metric], fontsize=_LEGEND_SIZE, ncol=4,
                                 loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False,
                                 handlelength=1.6, columnspacing=1.0, borderaxespad=0.2)
        self._empty_note = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center",
                                   va="center", fontsize=_LABEL_SIZE, color="#b00020", wrap=True)

    def _build_data_panel(self, model):
        """(Re)make the left panel's artists; only when the data set changes."""
        ax = self.ax_data
        ax.clear()
        d = model.data
        ax.tick_params(labelsize=_TICK_SIZE)
        self._title = ax.set_title("", fontsize=_TITLE_SIZE, y=1.0, pad=4)
        if model.task == "regression":
            self._build_regression(ax, d)
        else:
            self._build_classification(ax, d)
        self._stuck = ax.scatter([], [], s=70, facecolors="none", edgecolors="red",
                                 linewidths=1.2, zorder=4)

    def _build_classification(self, ax, d):
        X = np.hstack([d.X_train_raw, d.X_test_raw])
        pad = 0.1 * np.ptp(X, axis=1) + 0.3
        lo, hi = X.min(axis=1) - pad, X.max(axis=1) + pad
        xs, ys = np.linspace(lo[0], hi[0], self.grid_size), np.linspace(lo[1], hi[1], self.grid_size)
        xx, yy = np.meshgrid(xs, ys)
        self._grid = np.vstack([xx.ravel(), yy.ravel()])
        blank = np.ones((self.grid_size, self.grid_size, 3))
        self._regions = ax.imshow(blank, extent=(lo[0], hi[0], lo[1], hi[1]), origin="lower",
                                  aspect="auto", interpolation="bilinear", zorder=0)
        n_classes = max(2, d.Y_train.shape[0])
        self._palette = np.array([to_rgb(c) for c in CLASS_COLORS[:n_classes]])
        for X_raw, Y, edge, label in ((d.X_train_raw, d.Y_train, "#222222", "train"),
                                      (d.X_test_raw, d.Y_test, "white", "test")):
            labels = Y[0].astype(int) if Y.shape[0] == 1 else Y.argmax(axis=0)
            # One marker shape per class as well as one colour: classes stay apart for a
            # reader who does not tell orange from blue (or green).
            for k in np.unique(labels):
                shown = labels == k
                ax.scatter(X_raw[0, shown], X_raw[1, shown], color=self._palette[k], s=13,
                           marker=CLASS_MARKERS[k % len(CLASS_MARKERS)], edgecolors=edge,
                           linewidths=0.6, zorder=2, label=label)
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(lo[1], hi[1])
        # Grey markers: the legend is about the rim (train dark, test white), not the class.
        handles = [Line2D([], [], ls="", marker="o", markersize=5, markerfacecolor="#8c8c8c",
                          markeredgecolor=edge, markeredgewidth=0.8, label=label)
                   for edge, label in (("#222222", "train"), ("white", "test (white rim)"))]
        legend = ax.legend(handles=handles, fontsize=_LEGEND_SIZE - 1, loc="lower left",
                           handletextpad=0.2, borderpad=0.3, framealpha=0.85,
                           facecolor="#d9d9d9", edgecolor="none")
        legend.set_zorder(5)
        _label(ax, "x1", "x2")
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.yaxis.set_major_locator(MaxNLocator(5))

    def _build_regression(self, ax, d):
        x = np.hstack([d.X_train_raw, d.X_test_raw])
        y = np.hstack([d.Y_train_raw, d.Y_test_raw])
        span = np.ptp(y)
        self._x_dense = np.linspace(x.min(), x.max(), 200).reshape(1, -1)
        ax.scatter(d.X_train_raw[0], d.Y_train_raw[0], s=12, color="#0877bd", zorder=2,
                   label="train")
        ax.scatter(d.X_test_raw[0], d.Y_test_raw[0], s=12, color="#f59322", zorder=2,
                   label="test")
        (self._curve,) = ax.plot([], [], color="#222222", lw=1.6, zorder=3, label="network")
        # Fixed limits: a wild fit early in training must not rescale the picture.
        ax.set_xlim(x.min() - 0.5, x.max() + 0.5)
        ax.set_ylim(y.min() - 0.12 * span, y.max() + 0.12 * span)
        _label(ax, "x", "y")
        ax.legend(fontsize=_LEGEND_SIZE, loc="upper left")

    # ------------------------------------------------------------------ per frame
    def render(self, model) -> bytes:
        """Update every artist from ``model`` and return the picture as PNG bytes."""
        # A new PlaygroundData whenever the data set, noise, split, scaling or output size
        # change; held here, so identity is a safe test.
        key = model.data
        if key is not self._data_key:
            self._build_data_panel(model)
            self._data_key = key
        if model.task == "regression":
            self._update_regression(model)
        else:
            self._update_classification(model)
        self._update_stuck(model)
        self._update_curves(model)
        s = model.settings
        hidden = s.hidden + (f"({s.slope:g})" if s.hidden == "leaky_relu" else "")
        hidden = f" {hidden}" if s.n_layers else ""  # no hidden layer: no hidden activation
        self._title.set_text(f"{s.shape_text()}{hidden} → {model.output_activation.name}"
                             f", {s.loss} · {s.step_name} {model.iteration}")
        return self._png()

    def _update_classification(self, model):
        if model.status == "blocked":
            # No trained network to show: plain points, no misleading regions.
            self._regions.set_data(np.ones((self.grid_size, self.grid_size, 3)))
            return
        # Probabilities, or 0/1 with settings.discretize (TensorFlow Playground's option).
        probs = model.class_probabilities(self._grid)
        # Tint towards the winning class, the more the more confident: white = undecided.
        winner = probs.argmax(axis=0)
        n = probs.shape[0]
        confidence = (probs.max(axis=0) - 1.0 / n) / (1.0 - 1.0 / n)
        rgb = _WHITE + (self._palette[winner] - _WHITE) * (_TINT * confidence)[:, None]
        self._regions.set_data(rgb.reshape(self.grid_size, self.grid_size, 3))

    def _update_regression(self, model):
        if model.status == "blocked":
            self._curve.set_data([], [])
            return
        y_dense = model.forward(self._x_dense)[0]
        self._curve.set_data(self._x_dense[0], y_dense)

    def _update_stuck(self, model):
        stuck = np.empty((0, 2))
        if model.output_activation.name == "relu" and model.status != "blocked":
            idx = model.zero_gradients().stuck_examples
            d = model.data
            if model.task == "regression":
                yhat = model.forward(d.X_train_raw[:, idx])[0]
                stuck = np.column_stack([d.X_train_raw[0, idx], yhat])
            else:
                stuck = d.X_train_raw[:, idx].T
        self._stuck.set_offsets(stuck)

    def _update_curves(self, model):
        history = model.history
        its = np.array([p.iteration for p in history], dtype=float)
        for line, field in ((self._train_cost, 1), (self._test_cost, 2)):
            values = np.array([p[field] for p in history], dtype=float)
            line.set_data(its, np.clip(values, _COST_FLOOR, _COST_CEILING))
        for line, field in ((self._train_metric, 3), (self._test_metric, 4)):
            line.set_data(its, np.array([p[field] for p in history], dtype=float))
        metric = model.metric_name
        self.ax_cost.set_xlabel("epochs" if model.settings.batch_size else "iterations",
                                fontsize=_LABEL_SIZE)
        p = model.latest
        short = "acc" if metric == "accuracy" else metric
        labels = ["train cost", "test cost", f"train {short}", f"test {short}"]
        if p is not None:
            labels[2] += f" {_metric_text(metric, p.train_metric)}"
            labels[3] += f" {_metric_text(metric, p.test_metric)}"
        for text, label in zip(self._legend.get_texts(), labels):
            text.set_text(label)
        self.ax_metric.set_ylabel(metric, fontsize=_LABEL_SIZE, color="#2ca02c")
        # A refused pairing has no curves: a legend of empty entries would only confuse.
        self._legend.set_visible(bool(history))
        self._markers.set_segments([[(it, 0.0), (it, 1.0)] for it, _ in model.markers])
        last = max(1, model.iteration)
        self.ax_cost.set_xlim(0, last * 1.02)
        finite = np.clip([v for p in history for v in (p.train_cost, p.test_cost)
                          if np.isfinite(v) and v > 0], _COST_FLOOR, _COST_CEILING)
        # No costs (a refused pairing): no numbers on the cost axes either.
        self.ax_cost.tick_params(axis="y", labelleft=bool(finite.size))
        self.ax_metric.tick_params(axis="y", labelright=bool(history))
        if finite.size:
            lo, hi = finite.min(), finite.max()
            self.ax_cost.set_ylim(lo / 1.5, hi * 1.5 if hi > lo else lo * 3)
            self.ax_cost.yaxis.set_major_locator(LogLocator(base=10, subs=_log_subs(hi / lo),
                                                            numticks=7))
        elif self.ax_cost.get_ylim()[0] <= 0:
            # A first picture with no cost (a refused pairing): the log axis still needs a
            # positive range, or drawing it fails.
            self.ax_cost.set_ylim(0.1, 10)
        status = model.status
        self._empty_note.set_text(
            "not trained: this choice cannot train\n(the message under the picture says why)"
            if status == "blocked" else "diverged: training stopped" if status == "diverged" else "")

    def _png(self) -> bytes:
        return figure_png(self.figure, self.dpi)

    def artist_count(self) -> int:
        """Artists in the figure (a redraw must not add any)."""
        return sum(len(ax.get_children()) for ax in self.figure.axes)


def _label(ax, xlabel, ylabel):
    """Axis labels at fixed positions: matplotlib then skips measuring every tick label
    to place them, which is a third of a frame's drawing time."""
    ax.set_xlabel(xlabel, fontsize=_LABEL_SIZE)
    ax.set_ylabel(ylabel, fontsize=_LABEL_SIZE)
    ax.xaxis.set_label_coords(0.5, -0.12)
    ax.yaxis.set_label_coords(-0.16, 0.5)


def _log_subs(ratio):
    """Which multiples of each power of ten the log cost axis labels, for costs spanning
    ``ratio = highest / lowest``: finer steps the narrower the range, so that a cost between
    0.1 and 0.13 still gets several labels; 1-2-5 over a decade or two, powers of ten over
    more. (The axis shows ``ratio`` times 2.25, so each choice gives about 3 to 7 labels.)"""
    if ratio < 2:
        return (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)
    if ratio < 4:
        return (1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0)
    if ratio < 300:
        return (1.0, 2.0, 5.0)
    return (1.0,)


def _metric_text(metric, value):
    """Accuracy as a percentage; R² to 3 decimals, or 3 digits when a wild fit makes it huge."""
    if metric == "accuracy":
        return f"{value:.1%}"
    return f"{value:.3f}" if abs(value) < 1e3 else f"{value:.3g}"
