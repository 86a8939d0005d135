"""The network view: every unit of the playground's network, as TensorFlow Playground draws it.

Inputs on the left, each hidden layer in a column, the output on the right. For 2-D data
every unit is a small map of its activation ``A[l]_j`` over the input plane; for 1-D
regression it is a curve over ``x``. A connection is blue for a positive weight and orange
for a negative one, and the thicker the larger ``|W[l]_jk|``. A hidden unit whose
``g'(Z)`` is 0 on every training example learns nothing (its incoming weights get no
gradient): it is drawn in grey and labelled *dead*. The selected unit is shown large, with
its incoming weights and the share of training examples on which its ``g'(Z)`` is 0.

The numbers come from :func:`network_state` and :func:`unit_detail` (no widgets, tested on
their own); :class:`NetworkFigure` draws them into one reused matplotlib figure (all small
maps, sampled at one grid point per pixel, are pasted into one image drawn pixel for pixel and
updated with ``set_data``, so a redraw costs about the same whatever the number of units);
:class:`NetworkPanel` is the widget the playground shows.
"""

from __future__ import annotations

import html
import io
import numbers
from typing import NamedTuple

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap, Normalize, to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path
from matplotlib.patches import Rectangle
from matplotlib.textpath import TextPath
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..model import L_model_forward
from ..plotting import figure_png
from .features import FEATURE_LABELS
from .render import CLASS_COLORS
from .state import DATASET_LABELS

__all__ = [
    "MAP_GRID", "LARGE_GRID", "MAX_DRAWN_UNITS",
    "NetworkState", "UnitDetail", "network_state", "unit_detail", "zero_gradient_shares",
    "unit_options", "NetworkFigure", "NetworkPanel", "playground_snapshot",
]

#: Default grid points per axis of :func:`network_state` (the figure uses one per pixel).
MAP_GRID = 24
#: Grid points per axis of the selected unit's large map.
LARGE_GRID = 80
#: Units drawn per column; the rest are still selectable and counted ("+ 5 more").
MAX_DRAWN_UNITS = 10

# TensorFlow Playground's colours: orange for negative, blue for positive.
_NEGATIVE, _POSITIVE = "#f59322", "#0877bd"
_CMAP = LinearSegmentedColormap.from_list("playground", [_NEGATIVE, "#ffffff", _POSITIVE])
_DEAD_GREY = 0.55
# The word "dead" as a marker path (a plain font, no mathtext), centred on the unit.
_DEAD_PATH = TextPath((0, 0), "dead", size=10, prop=FontProperties(weight="bold"))
_DEAD_MARKER = Path(_DEAD_PATH.vertices - _DEAD_PATH.vertices.mean(axis=0), _DEAD_PATH.codes)


# --------------------------------------------------------------------------- computation
class NetworkState(NamedTuple):
    """What the network view shows, computed from a model without drawing anything.

    ``G`` is the number of grid points: ``grid_size**2`` in the plane, ``grid_size`` on
    the line. Index ``l - 1`` of each tuple holds layer ``l`` (1 to L, L is the output).
    """

    kind: str                 #: "plane" (2-D data: maps) or "curve" (1-D: curves over x)
    layer_dims: tuple         #: (n_x, n_1, ..., n_L)
    activation_names: tuple   #: g of each layer 1..L
    input_names: tuple        #: a name for each of the n_x inputs
    axes: tuple               #: plane: (x1 values, x2 values) of the grid; curve: (x values,)
    inputs: np.ndarray        #: (n_x, G): the network's input at each grid point
    activations: tuple        #: A[l], (n_l, G), at the grid points
    weights: tuple            #: W[l], (n_l, n_{l-1})
    biases: tuple             #: b[l], (n_l, 1)
    zero_share: tuple         #: (n_l,): share of training examples with g'(Z[l]_j) == 0
    dead: tuple               #: (n_l,) bool: hidden units with g'(Z) == 0 on every example

    @property
    def n_layers(self) -> int:
        return len(self.layer_dims) - 1

    def unit_map(self, layer: int, unit: int) -> np.ndarray:
        """``A[layer]_unit`` over the grid: ``(g, g)`` in the plane (row = x2), ``(g,)`` on a line."""
        _check_unit(self.layer_dims, layer, unit)
        values = self.activations[layer - 1][unit]
        return values.reshape(len(self.axes[1]), len(self.axes[0])) if self.kind == "plane" else values


class UnitDetail(NamedTuple):
    """The selected unit: its large map (or curve), incoming weights and zero-gradient share."""

    layer: int
    unit: int
    label: str                #: e.g. "layer 2, unit 3"
    activation: str
    kind: str
    axes: tuple               #: as in NetworkState, at the finer grid
    values: np.ndarray        #: A[layer]_unit over the grid, (g, g) or (g,)
    incoming: np.ndarray      #: W[layer][unit, :], (n_{layer-1},)
    incoming_names: tuple     #: what each incoming weight multiplies
    bias: float
    zero_share: float
    dead: bool


def _check_unit(layer_dims, layer, unit):
    n_layers = len(layer_dims) - 1
    for name, value in (("layer", layer), ("unit", unit)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError(f"{name} must be an int; got {value!r} ({type(value).__name__}). "
                            "Pass e.g. layer=1, unit=0.")
    if not 1 <= layer <= n_layers:
        raise ValueError(f"layer must be from 1 to {n_layers} (L = {n_layers} for these "
                         f"layer_dims {list(layer_dims)}); got {layer}. Layer 0 is the input.")
    if not 0 <= unit < layer_dims[layer]:
        raise ValueError(f"unit must be an index from 0 to {layer_dims[layer] - 1} (layer {layer} "
                         f"has {layer_dims[layer]} units; index j is unit j + 1, row j + 1 of "
                         f"W[{layer}]); got {unit}.")


def _kind(model) -> str:
    return "plane" if model.data.X_train_raw.shape[0] == 2 else "curve"


def input_names(model) -> tuple:
    """Names of the network's inputs: the chosen input features (``x1²``, ``sin x1``, ...)
    or the raw inputs ``x1, x2`` (``x`` for 1-D data)."""
    features = getattr(model.data, "features", None)
    n_x = model.data.n_x
    if features is not None and len(features) == n_x:
        return tuple(FEATURE_LABELS.get(name, str(name)) for name in features)
    if n_x == 1:
        return ("x",)
    return tuple(f"x{i + 1}" for i in range(n_x))


def plane_extent(data):
    """``(lo, hi)`` of the plane the maps cover: every point plus a margin (as the main picture)."""
    X = np.hstack([data.X_train_raw, data.X_test_raw])
    pad = 0.1 * np.ptp(X, axis=1) + 0.3
    return X.min(axis=1) - pad, X.max(axis=1) + pad


def _grid(model, grid_size):
    """Grid axes and the raw points ``(n_raw, G)`` they make (x1 varies fastest)."""
    if _kind(model) == "plane":
        lo, hi = plane_extent(model.data)
        xs, ys = np.linspace(lo[0], hi[0], grid_size), np.linspace(lo[1], hi[1], grid_size)
        xx, yy = np.meshgrid(xs, ys)
        return (xs, ys), np.vstack([xx.ravel(), yy.ravel()])
    x = np.hstack([model.data.X_train_raw, model.data.X_test_raw])
    xs = np.linspace(x.min(), x.max(), grid_size)
    return (xs,), xs.reshape(1, -1)


def _forward_all(X, model):
    """``X`` and ``[A1, ..., AL]`` plus the caches, for the model's current weights."""
    with np.errstate(all="ignore"):
        AL, caches = L_model_forward(X, model.parameters, hidden=model.hidden_activation,
                                     output=model.output_activation)
    activations = [cache.linear_cache[0] for cache in caches[1:]] + [AL]
    return activations, caches


def zero_gradient_shares(X, parameters, hidden, output) -> list:
    """Per unit, the share of the examples in ``X`` on which ``g'(Z[l]_j) == 0``.

    A share of 1 for a hidden unit means it is dead: whatever the cost, ``dZ[l]_j = dA[l]_j
    g'(Z[l]_j)`` is 0 on every example, so ``dW[l]`` has a zero row and the unit never
    changes. For a softmax output the diagonal of its Jacobian, ``a_j (1 - a_j)``, is used.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    parameters : dict
    hidden, output : activations, as in :func:`~dlsnotes.model.L_model_forward`

    Returns
    -------
    list of ndarray
        Item ``l - 1``: shape ``(n_l,)``, values in [0, 1].
    """
    with np.errstate(all="ignore"):
        AL, caches = L_model_forward(X, parameters, hidden=hidden, output=output)
        shares = []
        for cache in caches:
            act, Z = cache.activation, cache.activation_cache
            slope = AL * (1.0 - AL) if act.name == "softmax" else act.derivative(Z)
            shares.append(np.mean(slope == 0, axis=1))
    return shares


def network_state(model, grid_size: int = MAP_GRID) -> NetworkState:
    """Every unit's activation over the input plane (or line), its weights and its health.

    Parameters
    ----------
    model : PlaygroundModel
    grid_size : int
        Grid points per axis (2-D data) or along x (1-D data).

    Returns
    -------
    NetworkState

    Notes
    -----
    The maps are the forward pass on grid points: for 2-D data the point ``(x1, x2)`` of the
    plane goes through the same input transformation as the data (``to_model_units``) and
    then through ``A[l] = g(W[l] A[l-1] + b[l])``. The zero-gradient shares and dead flags
    are measured on the training set, as in :func:`dlsnotes.diagnostics.zero_gradient_report`.
    """
    if isinstance(grid_size, bool) or not isinstance(grid_size, numbers.Integral) or grid_size < 2:
        raise ValueError(f"grid_size must be an int >= 2; got {grid_size!r}. The default is {MAP_GRID}.")
    axes, raw = _grid(model, int(grid_size))
    X = model.data.to_model_units(raw)
    activations, caches = _forward_all(X, model)
    shares = zero_gradient_shares(model.data.X_train, model.parameters, model.hidden_activation,
                                  model.output_activation)
    L = len(caches)
    dead = tuple((s == 1.0) if l < L else np.zeros(len(s), dtype=bool)
                 for l, s in enumerate(shares, start=1))
    p = model.parameters
    return NetworkState(
        kind=_kind(model), layer_dims=tuple(model.layer_dims),
        activation_names=tuple(c.activation.name for c in caches),
        input_names=input_names(model), axes=axes, inputs=X,
        activations=tuple(activations),
        weights=tuple(p[f"W{l}"] for l in range(1, L + 1)),
        biases=tuple(p[f"b{l}"] for l in range(1, L + 1)),
        zero_share=tuple(shares), dead=dead,
    )


def unit_label(layer_dims, layer, unit) -> str:
    """``"layer 2, unit 3"`` for index ``unit=2``: units counted from 1 as the course's
    ``a[2]_3``, which is row 3 of ``W[2]``; the output layer says so."""
    name = f"layer {layer}, unit {unit + 1}"
    return name + " (output)" if layer == len(layer_dims) - 1 else name


def unit_options(layer_dims) -> list:
    """Dropdown options ``(label, (layer, unit))`` for every hidden and output unit."""
    return [(unit_label(layer_dims, l, j), (l, j))
            for l in range(1, len(layer_dims)) for j in range(layer_dims[l])]


def unit_detail(model, layer: int, unit: int, grid_size: int = LARGE_GRID,
                state: NetworkState | None = None) -> UnitDetail:
    """The large view of one unit: its map on a fine grid, incoming weights, zero-gradient share.

    Parameters
    ----------
    model : PlaygroundModel
    layer : int
        1 to L (L is the output layer).
    unit : int
        0 to ``n_layer - 1``: the row of ``W[layer]``.
    grid_size : int
    state : NetworkState, optional
        Reuse its shares and dead flags instead of recomputing them.

    Returns
    -------
    UnitDetail
    """
    dims = tuple(model.layer_dims)
    _check_unit(dims, layer, unit)
    if state is None or state.layer_dims != dims:
        state = network_state(model, grid_size=2)
    axes, raw = _grid(model, grid_size)
    activations, _ = _forward_all(model.data.to_model_units(raw), model)
    values = activations[layer - 1][unit]
    if state.kind == "plane":
        values = values.reshape(len(axes[1]), len(axes[0]))
    names = state.input_names if layer == 1 else tuple(
        f"a[{layer - 1}]_{k + 1}" for k in range(dims[layer - 1]))
    return UnitDetail(
        layer=layer, unit=unit, label=unit_label(dims, layer, unit),
        activation=state.activation_names[layer - 1], kind=state.kind, axes=axes,
        values=values, incoming=state.weights[layer - 1][unit].copy(), incoming_names=names,
        bias=float(state.biases[layer - 1][unit, 0]),
        zero_share=float(state.zero_share[layer - 1][unit]),
        dead=bool(state.dead[layer - 1][unit]),
    )


def colour_range(activation: str, values) -> tuple:
    """``(low, high)`` the colour scale of a unit spans: the activation's own range when it
    is bounded (sigmoid, softmax: 0 to 1; tanh: -1 to 1), else symmetric around 0 up to the
    largest ``|a|`` on the grid, so that white always means 0 (or ½ for a probability)."""
    if activation in ("sigmoid", "softmax"):
        return 0.0, 1.0
    if activation == "tanh":
        return -1.0, 1.0
    finite = np.abs(values[np.isfinite(values)])
    top = float(finite.max()) if finite.size else 0.0
    top = top if top > 0 else 1.0
    return -top, top


# --------------------------------------------------------------------------- drawing
def _fixed_labels(ax):
    """Axis labels at fixed positions, so matplotlib does not measure tick labels to place them."""
    ax.xaxis.set_label_coords(0.5, -0.04 if not ax.get_xticks().size else -0.12)
    ax.yaxis.set_label_coords(-0.04 if not ax.get_yticks().size else -0.16, 0.5)


class NetworkFigure:
    """One reused figure: the network on the left, the selected unit on the right.

    Every small map is pasted into one uint8 RGBA canvas drawn pixel for pixel by a single
    ``figimage``; connections are one :class:`~matplotlib.collections.LineCollection`; 1-D
    curves another; the "dead" labels one marker collection. Only the
    data of these artists change between frames; they are rebuilt when the layer sizes,
    the kind of data or the data set change.
    """

    # Geometry of the network panel in figure pixels: the left part of the figure, below a
    # caption line and the column titles; least gaps between maps.
    _GAP_Y, _GAP_X, _MAX_GAP_X, _MAX_MAP = 6, 28, 200, 56

    def __init__(self, width=10.0, height=4.0, dpi=100):
        self.dpi = dpi
        self.grid_size = MAP_GRID  # side of a unit's map in pixels, set by the layout
        self._image = None
        self.figure = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
        FigureCanvasAgg(self.figure)
        self.ax_net = self.figure.add_axes([0.005, 0.01, 0.60, 0.98])
        self.ax_net.set_axis_off()
        self.ax_unit = self.figure.add_axes([0.665, 0.40, 0.25, 0.50])
        self.ax_cbar = self.figure.add_axes([0.925, 0.40, 0.012, 0.50])
        self.ax_weights = self.figure.add_axes([0.665, 0.09, 0.31, 0.17])
        for ax in (self.ax_unit, self.ax_cbar, self.ax_weights):
            ax.tick_params(labelsize=7)
        self._caption = self.figure.text(0.005, 0.985, "", ha="left", va="top", fontsize=7.5)
        self._layout_key = None
        self._unit_key = None
        self._weights_key = None
        self.last_state = None
        self.last_detail = None

    # ------------------------------------------------------------------ layout (rebuilt rarely)
    def _panel(self):
        """x from, x to, y from, y to of the network panel, in pixels from the bottom left:
        the left 60 % of the figure, below the caption and the column titles."""
        width, height = self.figure.bbox.width, self.figure.bbox.height
        return 5, int(0.6 * width), 6, int(height - 38)

    def _positions(self, dims):
        """The side ``s`` of a map, the top-left pixel of every drawn unit's box per column
        (column 0: the inputs), and the canvas size: maps as large as the panel allows."""
        x_from, x_to, y_from, y_to = self._panel()
        width, height = x_to - x_from, y_to - y_from
        shown = [min(n, MAX_DRAWN_UNITS) for n in dims]
        rows, n_cols = max(shown), len(dims)
        gy = self._GAP_Y
        more = 12 if any(n > MAX_DRAWN_UNITS for n in dims) else 0  # room for "+5 more"
        s = int(min(self._MAX_MAP, (height - more - (rows + 1) * gy) / rows,
                    width / n_cols - self._GAP_X))
        s = max(s, 6)
        gx = int(min(self._MAX_GAP_X, width / n_cols - s))
        maps_h = rows * (s + gy) + gy
        columns = []
        for c, n in enumerate(shown):
            x0 = gx // 2 + c * (s + gx)
            top = (maps_h - n * (s + gy) + gy) // 2
            columns.append([(x0, top + r * (s + gy)) for r in range(n)])
        return s, columns, n_cols * (s + gx), maps_h + more

    def _build_network(self, dims, names):
        ax = self.ax_net
        ax.clear()
        ax.set_axis_off()
        self.grid_size, self._columns, width, height = self._positions(dims)
        # The maps are computed at one grid point per pixel and pasted into one uint8 RGBA
        # canvas drawn pixel for pixel (figimage: no resampling, the cheapest image to draw).
        self._canvas = np.full((height, width, 4), 255, dtype=np.uint8)
        if self._image is not None:
            self._image.remove()
        x_from, _, y_from, y_to = self._panel()
        bottom = y_from + (y_to - y_from - height) // 2
        self._image = self.figure.figimage(self._canvas, xo=x_from, yo=bottom, origin="upper",
                                           zorder=-1)  # under the axes' lines and labels
        # Where the canvas lies in the PNG, in pixels from its top-left corner (for clicks).
        self._canvas_origin = (x_from, int(self.figure.bbox.height) - bottom - height)
        self._dims = tuple(dims)
        # The axes lie exactly on the canvas, in its pixels (y pointing down), for the lines
        # and labels drawn over it.
        fig_w, fig_h = self.figure.bbox.width, self.figure.bbox.height
        ax.set_position([x_from / fig_w, bottom / fig_h, width / fig_w, height / fig_h])
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        s = self.grid_size
        segments, self._edge_index = [], []
        for l in range(1, len(dims)):
            for j, (x1, y1) in enumerate(self._columns[l]):
                for k, (x0, y0) in enumerate(self._columns[l - 1]):
                    segments.append([(x0 + s, y0 + s / 2), (x1, y1 + s / 2)])
                    self._edge_index.append((l, j, k))
        self._edges = LineCollection(segments, zorder=2, capstyle="butt")
        ax.add_collection(self._edges)
        self._curves = LineCollection([], zorder=3, linewidths=1.1)
        ax.add_collection(self._curves)
        # One-line titles set once; the activations go in one caption (text is the
        # costliest thing to draw here).
        for c, column in enumerate(self._columns):
            x = column[0][0] + s / 2
            title = "input" if c == 0 else "output" if c == len(dims) - 1 else f"layer {c}"
            ax.text(x, -4, title, ha="center", va="bottom", fontsize=7.5)
            if dims[c] > len(column):
                ax.text(x, column[-1][1] + s + 2, f"+{dims[c] - len(column)} more", ha="center",
                        va="top", fontsize=6.5, color="#555555")
        for name, (x0, y0) in zip(names, self._columns[0]):
            ax.text(x0 - 2, y0 + s / 2, name, ha="right", va="center", fontsize=7)
        # "dead" as a marker: every dead unit's label is one path in one collection.
        points = 0.7 * s * 72 / self.dpi  # marker width in points for 70 % of a box
        self._dead_marks = ax.scatter(np.empty(0), np.empty(0), marker=_DEAD_MARKER,
                                      s=points ** 2, c="#222222", linewidths=0, zorder=4)
        self._highlight = Rectangle((0, 0), s + 3, s + 3, fill=False, edgecolor="#222222",
                                    linewidth=1.6, zorder=5, visible=False)
        ax.add_patch(self._highlight)

    def _build_unit_panel(self, model, kind):
        ax = self.ax_unit
        ax.clear()
        ax.tick_params(labelsize=7)
        self._build_colour_bar()
        self._unit_title = ax.set_title("", fontsize=8.5, pad=4)
        if kind == "plane":
            lo, hi = plane_extent(model.data)
            blank = np.zeros((2, 2))
            self._unit_image = ax.imshow(blank, extent=(lo[0], hi[0], lo[1], hi[1]), origin="lower",
                                         aspect="auto", cmap=_CMAP, norm=Normalize(-1, 1),
                                         interpolation="bilinear", zorder=0)
            d = model.data
            labels = d.Y_train[0].astype(int) if d.Y_train.shape[0] == 1 else d.Y_train.argmax(axis=0)
            palette = np.array([to_rgb(c) for c in CLASS_COLORS])
            ax.scatter(d.X_train_raw[0], d.X_train_raw[1], s=6, c=palette[labels % len(palette)],
                       edgecolors="#222222", linewidths=0.3, zorder=2)
            ax.set_xlim(lo[0], hi[0])
            ax.set_ylim(lo[1], hi[1])
            self.ax_cbar.set_visible(True)
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_xlabel("x1", fontsize=7.5, labelpad=1)
            ax.set_ylabel("x2", fontsize=7.5, labelpad=1)
            _fixed_labels(ax)
        else:
            x = np.hstack([model.data.X_train_raw, model.data.X_test_raw])[0]
            ax.axhline(0.0, color="#999999", lw=0.8, ls=":")
            (self._unit_line,) = ax.plot([], [], color=_POSITIVE, lw=1.6)
            ax.set_xlim(x.min(), x.max())
            self.ax_cbar.set_visible(False)
            ax.set_xlabel("x", fontsize=7.5, labelpad=1)
            self._unit_ylabel = ax.set_ylabel("a", fontsize=7.5, labelpad=1)
            ax.xaxis.set_major_locator(MaxNLocator(4))
            ax.yaxis.set_major_locator(MaxNLocator(4))
            _fixed_labels(ax)

    def _build_colour_bar(self):
        """A fixed gradient with three value labels: cheaper to redraw than a colorbar."""
        ax = self.ax_cbar
        ax.clear()
        ax.imshow(np.linspace(0, 1, 64).reshape(-1, 1), cmap=_CMAP, aspect="auto",
                  origin="lower", extent=(0, 1, 0, 1))
        ax.set_xticks([])
        ax.set_yticks([])
        self._cbar_labels = [ax.text(1.4, y, "", transform=ax.transAxes, ha="left", va="center",
                                     fontsize=7) for y in (0.0, 0.5, 1.0)]

    def _build_weights(self, names):
        ax = self.ax_weights
        ax.clear()
        ax.tick_params(labelsize=6.5)
        n = len(names)
        self._bars = ax.bar(np.arange(n), np.zeros(n), color=_POSITIVE, width=0.7)
        ax.axhline(0.0, color="#555555", lw=0.6)
        ax.set_xlim(-0.6, n - 0.4)
        if n <= 12:
            ax.set_xticks(np.arange(n), names)
        else:  # too many names to print: number them from 1, as a[l]_k is
            ax.xaxis.set_major_locator(MaxNLocator(8, integer=True))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(v) + 1}"))
        # No y tick labels (each costs a millisecond per frame): the title gives the scale.
        ax.set_yticks([])
        self._weights_title = ax.set_title("", fontsize=7.5, pad=3)


    # ------------------------------------------------------------------ per frame
    def render(self, model, selected=(1, 0)) -> bytes:
        """Update every artist from ``model`` (``selected``: ``(layer, unit)``); return PNG bytes."""
        layout_key = (tuple(model.layer_dims), _kind(model), input_names(model))
        if layout_key != self._layout_key:
            self._build_network(layout_key[0], layout_key[2])
            self._layout_key = layout_key
        state = network_state(model, grid_size=self.grid_size)  # a grid point per pixel
        if not (1 <= selected[0] <= state.n_layers and 0 <= selected[1] < state.layer_dims[selected[0]]):
            selected = (1, 0)
        unit_key = (model.settings.dataset, state.kind, id(model.data))
        if unit_key != self._unit_key:
            self._build_unit_panel(model, state.kind)
            self._unit_key = unit_key
        self._update_network(state, selected)
        detail = unit_detail(model, *selected, state=state)
        self._update_unit(detail)
        self.last_state, self.last_detail = state, detail
        return self._png()

    def _update_network(self, state, selected):
        s = self.grid_size
        canvas = self._canvas
        canvas[..., :3] = 255
        curves, curve_colours, dead_centres = [], [], []
        columns = self._columns
        for c, column in enumerate(columns):
            if c == 0:
                rows, act = state.inputs, "linear"
            else:
                rows, act = state.activations[c - 1], state.activation_names[c - 1]
            dead = state.dead[c - 1] if c else np.zeros(len(rows), dtype=bool)
            for j, (x0, y0) in enumerate(column):
                values = rows[j]
                low, high = colour_range(act, values)
                if state.kind == "plane":
                    rgb = _CMAP(Normalize(low, high)(np.nan_to_num(values)))[:, :3]
                    rgb = rgb.reshape(s, s, 3)[::-1]  # grid row 0 is the lowest x2
                    if dead[j]:
                        rgb = _DEAD_GREY + 0.35 * rgb.mean(axis=2, keepdims=True)
                    canvas[y0:y0 + s, x0:x0 + s, :3] = np.round(255 * rgb)
                else:
                    canvas[y0:y0 + s, x0:x0 + s, :3] = 245
                    t = (np.clip(np.nan_to_num(values), low, high) - low) / (high - low)
                    xs = x0 + np.linspace(0, s, len(values))
                    curves.append(np.column_stack([xs, y0 + s - t * s]))
                    curve_colours.append("#999999" if dead[j] else "#222222")
                # A 1-pixel grey frame: a unit whose activations are all near 0 (white)
                # still shows where it is.
                for edge in (canvas[y0, x0:x0 + s], canvas[y0 + s - 1, x0:x0 + s],
                             canvas[y0:y0 + s, x0], canvas[y0:y0 + s, x0 + s - 1]):
                    edge[:, :3] = 200
                if dead[j]:
                    dead_centres.append((x0 + s / 2, y0 + s / 2))
        self._image.set_data(canvas)
        self._dead_marks.set_offsets(np.reshape(dead_centres, (-1, 2)))
        self._curves.set_segments(curves)
        self._curves.set_color(curve_colours)
        # Connections: colour by the weight's sign, width by its size (largest = 3.5 px).
        w = np.array([state.weights[l - 1][j, k] for l, j, k in self._edge_index])
        w = np.nan_to_num(w, nan=0.0, posinf=0.0, neginf=0.0)
        top = np.abs(w).max() if w.size and np.abs(w).max() > 0 else 1.0
        colours = np.where(w[:, None] >= 0, to_rgb(_POSITIVE), to_rgb(_NEGATIVE))
        self._edges.set_color(np.column_stack([colours, np.full(len(w), 0.75)]) if w.size else [])
        self._edges.set_linewidths(0.25 + 3.25 * np.abs(w) / top)
        # Short texts: each character costs about 0.07 ms to draw, every frame.
        hidden = f"{state.activation_names[0]} → " if state.n_layers > 1 else ""
        self._caption.set_text(f"g: {hidden}{state.activation_names[-1]} · w > 0 blue, < 0 orange,"
                               f" widest |w| {top:.3g}")
        l, j = selected
        if j < len(columns[l]):
            x0, y0 = columns[l][j]
            self._highlight.set_xy((x0 - 1.5, y0 - 1.5))
            self._highlight.set_visible(True)
        else:
            self._highlight.set_visible(False)

    def _update_unit(self, detail):
        share = f"g′(Z) = 0 on {detail.zero_share:.0%} of examples"
        dead = " · DEAD" if detail.dead else ""
        self._unit_title.set_text(f"{detail.label}: {detail.activation}{dead}\n{share}")
        self._unit_title.set_color("#8a0000" if detail.dead else "black")
        low, high = colour_range(detail.activation, detail.values)
        if detail.kind == "plane":
            self._unit_image.set_data(np.nan_to_num(detail.values))
            self._unit_image.set_clim(low, high)
            self._unit_image.set_cmap("Greys" if detail.dead else _CMAP)  # grey = dead
            for text, value in zip(self._cbar_labels, (low, (low + high) / 2, high)):
                text.set_text(f"{value:.3g}")
        else:
            values = np.nan_to_num(detail.values)
            self._unit_line.set_data(detail.axes[0], values)
            self._unit_line.set_color("#999999" if detail.dead else _POSITIVE)
            span = max(values.max() - values.min(), 1e-3)
            self.ax_unit.set_ylim(values.min() - 0.1 * span, values.max() + 0.1 * span)
            self._unit_ylabel.set_text(f"a[{detail.layer}]_{detail.unit + 1}")
        if detail.incoming_names != self._weights_key:
            self._build_weights(detail.incoming_names)
            self._weights_key = detail.incoming_names
        w = np.nan_to_num(detail.incoming, nan=0.0, posinf=0.0, neginf=0.0)
        for bar, value in zip(self._bars, w):
            bar.set_height(value)
            bar.set_color(_POSITIVE if value >= 0 else _NEGATIVE)
        largest = float(np.abs(w).max()) if w.size else 0.0
        top = max(largest, 1e-12)
        self.ax_weights.set_ylim(-1.15 * top, 1.15 * top)
        self._weights_title.set_text(
            f"weights in: row {detail.unit + 1} of W[{detail.layer}], largest |w| {largest:.3g}; "
            f"b = {detail.bias:.3g}")

    def _png(self) -> bytes:
        return figure_png(self.figure, self.dpi)

    def unit_at(self, x, y, tolerance=3):
        """The unit drawn at pixel ``(x, y)`` of the picture, or None.

        Parameters
        ----------
        x, y : float
            Pixels from the top-left corner of the PNG :meth:`render` returned (a click's
            offset in the picture, scaled by the picture's natural over its shown width).
        tolerance : int
            Pixels around a unit's box that still count as the unit.

        Returns
        -------
        (layer, unit) or None
            ``layer`` 1 to L, ``unit`` the row index in ``W[layer]`` (0-based; shown as
            unit ``unit + 1``). None for an input, a gap, or before the first render.
        """
        if self._layout_key is None:
            return None
        for name, value in (("x", x), ("y", y)):
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
                raise TypeError(f"{name} must be a finite number of pixels; got {value!r}.")
        left, top = self._canvas_origin
        cx, cy = x - left, y - top
        s = self.grid_size
        for layer, column in enumerate(self._columns[1:], start=1):
            for unit, (x0, y0) in enumerate(column):
                if (x0 - tolerance <= cx < x0 + s + tolerance
                        and y0 - tolerance <= cy < y0 + s + tolerance):
                    return layer, unit
        return None

    def unit_centre(self, layer, unit):
        """Pixel ``(x, y)`` of the centre of a drawn unit in the PNG (the inverse of :meth:`unit_at`)."""
        _check_unit(self._dims, layer, unit)
        if unit >= len(self._columns[layer]):
            raise ValueError(f"layer {layer}, unit {unit + 1} is not drawn (only the first "
                             f"{MAX_DRAWN_UNITS} units of a layer are): choose it in the menu.")
        x0, y0 = self._columns[layer][unit]
        left, top = self._canvas_origin
        return left + x0 + self.grid_size / 2, top + y0 + self.grid_size / 2

    def artist_count(self) -> int:
        """Artists in the figure (a redraw with the same layout must not add any)."""
        return sum(len(ax.get_children()) for ax in self.figure.axes)


# --------------------------------------------------------------------------- widget
class NetworkPanel(widgets.VBox):
    """The network view as a panel of the playground: a show/hide toggle, a unit chooser,
    the picture and the selected unit's numbers.

    Call :meth:`update` with the model after every change; the panel draws only while shown.

    Attributes
    ----------
    toggle : ipywidgets.ToggleButton
        Shows or hides the view (DOM class ``pg-network-toggle``).
    unit : ipywidgets.Dropdown
        ``(layer, unit)`` of the selected unit (``pg-unit``).
    image : ipywidgets.Image
        The picture (``pg-network-image``).
    detail : ipywidgets.HTML
        The selected unit's incoming weights, bias and zero-gradient share (``pg-unit-detail``).
    render_count : int
    """

    def __init__(self, show: bool = True):
        self.figure = NetworkFigure()
        # "✓" when on: the state is said by a mark, not only by the button's shade
        self.toggle = widgets.ToggleButton(value=bool(show),
                                           description=("✓ " if show else "") + "Network view",
                                           tooltip="show every unit of the network",
                                           icon="eye").add_class("pg-network-toggle")
        self.unit = widgets.Dropdown(options=[("layer 1, unit 1", (1, 0))], value=(1, 0),
                                     description="Unit",
                                     layout=widgets.Layout(width="260px")).add_class("pg-unit")
        self.unit.style.description_width = "40px"
        width, height = (int(v * self.figure.dpi) for v in self.figure.figure.get_size_inches())
        self.image = widgets.Image(format="png", layout=widgets.Layout(
            width=f"{width}px", max_width="100%", height="auto", object_fit="contain")
        ).add_class("pg-network-image")
        self.detail = widgets.HTML().add_class("pg-unit-detail")
        self.render_count = 0
        self._model = None
        self._dims = None
        self._syncing = False
        # A click on the picture: ipywidgets' Image has no click event, so the page's script
        # (widgets.py, _A11Y_JS) writes "x,y,time" in the picture's own pixels into this
        # hidden box, whose value reaches the kernel like a typed one.
        self.click = widgets.Text(value="", layout=widgets.Layout(display="none")
                                  ).add_class("pg-network-click")
        self._body = widgets.VBox([self.image, self.detail, self.click])
        header = widgets.HBox([self.toggle, self.unit], layout=widgets.Layout(align_items="center"))
        super().__init__(children=[header, self._body])
        self.add_class("pg-network")
        self.toggle.observe(lambda _: self._render(), names="value")
        self.unit.observe(self._on_unit, names="value")
        self.click.observe(self._on_click, names="value")

    def _on_click(self, change):
        try:
            x, y = (float(v) for v in change.new.split(",")[:2])
        except ValueError:  # an empty or cleared box
            return
        self.select_at(x, y)

    @property
    def selected(self) -> tuple:
        return tuple(self.unit.value)

    def select(self, layer: int, unit: int):
        """Select ``(layer, unit)`` (``unit`` counted from 0) and redraw."""
        if self._dims is not None:
            _check_unit(self._dims, layer, unit)
        self.unit.value = (layer, unit)

    def select_at(self, x, y) -> bool:
        """Select the unit drawn at pixel ``(x, y)`` of the picture (a click on it).

        Returns True if a unit is there (and it is now selected and drawn large), False for
        an input or a gap, where nothing changes.
        """
        hit = self.figure.unit_at(x, y)
        if hit is None:
            return False
        self.select(*hit)
        return True

    def update(self, model):
        """Follow ``model`` (new weights, sizes or data) and redraw if shown."""
        self._model = model
        dims = tuple(model.layer_dims)
        if dims != self._dims:
            old = self.selected
            self._syncing = True
            try:
                options = unit_options(dims)
                self.unit.options = options
                values = [v for _, v in options]
                self.unit.value = old if old in values else values[0]
            finally:
                self._syncing = False
            self._dims = dims
        self._render()

    def _on_unit(self, change):
        if not self._syncing:
            self._render()

    def _render(self):
        shown = bool(self.toggle.value)
        self.toggle.description = ("✓ " if shown else "") + "Network view"
        self._body.layout.display = None if shown else "none"
        self.unit.disabled = not shown
        if not shown or self._model is None:
            return
        try:
            self.image.value = self.figure.render(self._model, self.selected)
            self.detail.value = self._detail_html(self.figure.last_detail)
        except Exception:  # noqa: BLE001 - e.g. weights that overflowed after a divergence
            self.detail.value = ("<span class='pg-unavailable'>The network view cannot be drawn "
                                 "for these weights (they are too large or not numbers); "
                                 "Reset to draw it again.</span>")
        self.render_count += 1

    @staticmethod
    def _detail_html(d: UnitDetail) -> str:
        weights = ", ".join(f"{name}: {w:.3g}" for name, w in
                            list(zip(d.incoming_names, d.incoming))[:12])
        more = f", … ({len(d.incoming) - 12} more)" if len(d.incoming) > 12 else ""
        verdict = (" <b style='color:#8a0000'>dead</b>: g′(Z) = 0 on every training example, "
                   "so its incoming weights get no gradient and never change." if d.dead else "")
        if d.zero_share > 0 and d.activation in ("tanh", "sigmoid", "softmax"):
            # Not a kink as in ReLU: the unit saturates until g'(z) rounds to exactly 0.
            verdict += (f" ({d.activation} saturates: for large |z| its g′(z) is exactly 0 "
                        "in float64.)")
        return (f"<div class='pg-unit-line'><b>{html.escape(d.label)}</b> ({html.escape(d.activation)}): "
                f"g′(Z) = 0 on <b>{d.zero_share:.0%}</b> of the training examples.{verdict}<br>"
                f"<small>incoming weights, row {d.unit + 1} of W[{d.layer}]: "
                f"{html.escape(weights + more)}; bias, row {d.unit + 1} of b[{d.layer}]: "
                f"{d.bias:.3g}</small></div>")


def playground_snapshot(playground) -> bytes:
    """One PNG of the whole playground's output for its current state, for a notebook read
    where widgets do not run (GitHub, nbviewer).

    From top to bottom: the settings the controls show, the main picture (regions or fit,
    cost curves), the network view, and the texts under them (iteration and metrics,
    ``dZ[L]`` for the pair, the zero-gradient report, the gradient check, the messages).
    """
    from PIL import Image as PILImage

    network = playground.network
    if not network.image.value:  # hidden so far: draw it for the snapshot
        network.figure.render(playground.model, network.selected)
        network.image.value = network.figure._png()
    pictures = [PILImage.open(io.BytesIO(bytes(v))).convert("RGB")
                for v in (playground.image.value, network.image.value)]
    width = max(p.width for p in pictures)
    model = playground.model
    parts = [_text_strip(_settings_lines(model), width, bold_first=True), *pictures,
             _text_strip(_result_lines(model), width)]
    out = PILImage.new("RGB", (width, sum(p.height for p in parts)), "white")
    y = 0
    for part in parts:
        out.paste(part, (0, y))
        y += part.height
    buffer = io.BytesIO()
    # 256 colours look the same here and make the notebook's copy a third of the size.
    out.quantize(256, method=PILImage.Quantize.MEDIANCUT).save(buffer, format="png", optimize=True)
    return buffer.getvalue()


def _settings_lines(model) -> list:
    s = model.settings

    hidden = s.hidden + (f"({s.slope:g})" if s.hidden == "leaky_relu" else "")
    words = [DATASET_LABELS.get(s.dataset, s.dataset),
             s.network_text().replace(f" {s.hidden} units", f" {hidden} units"),
             f"{s.output} output", f"loss {s.loss}", f"learning rate {s.learning_rate:g}",
             f"{s.iterations} iterations", f"init {s.init}", f"seed {s.seed}"]
    return ["Playground (static picture of the widget): " + " · ".join(words)]


def _result_lines(model) -> list:
    lines = [model.summary(), f"dZ[L]: {model.formula_text()}"]
    if model.status != "blocked":
        lines.append(f"zero gradients (training set): {model.zero_gradients()}")
        try:
            report = model.gradient_check()
            lines.append(f"gradient check of the current weights: "
                         f"{'passed' if report.passed else 'FAILED'}, difference "
                         f"{report.difference:.1e}")
        except (ValueError, FloatingPointError) as exc:
            lines.append(f"gradient check: not run ({exc})")
    lines += [f"{m.title}. {m.text}" for m in model.messages]
    return lines


def _text_strip(lines, width, bold_first=False):
    """Lines of text drawn on a white strip ``width`` pixels wide (long lines wrap)."""
    import textwrap

    from matplotlib import font_manager
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    regular = ImageFont.truetype(font_manager.findfont("DejaVu Sans"), 13)
    bold = ImageFont.truetype(font_manager.findfont(
        font_manager.FontProperties(family="DejaVu Sans", weight="bold")), 13)
    chars = max(40, int(width / 7.6))
    wrapped = [(piece, bold_first and i == 0) for i, line in enumerate(lines)
               for piece in textwrap.wrap(line, chars) or [""]]
    strip = PILImage.new("RGB", (width, 10 + 18 * len(wrapped)), "white")
    draw = ImageDraw.Draw(strip)
    for row, (text, strong) in enumerate(wrapped):
        draw.text((10, 5 + 18 * row), text, fill=(34, 34, 34), font=bold if strong else regular)
    return strip
