"""Step through a :class:`~dlsnotes.trace.Trace` one value at a time, on a drawing of the network.

Three layers, each testable on its own:

* :class:`TraceStepper` — which value comes next, which units and weights it involves, and
  whether a learner's own number for it is right (pure Python, no widgets);
* :func:`draw_trace` — the network with its weights and the values computed so far, the
  current step's units and weights highlighted (matplotlib, one reused figure);
* :class:`BackpropExplorer` — the controls (activations, loss, inputs, targets, weights or a
  seed), the step buttons, the formula with the numbers in LaTeX, and the "your value" box.

Used in ``notebooks/08_backprop_with_numbers.ipynb``.
"""

from __future__ import annotations

import html
import math
import re

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .activations import ACTIVATIONS
from .losses import LOSSES
from .plotting import figure_png
from .trace import Entry, Trace, trace

__all__ = ["MAZUR", "TraceStepper", "check_answer", "check_value", "draw_trace", "figure_png", "involved", "parse_matrix",
           "BackpropExplorer"]

#: Matt Mazur's worked example: inputs, targets and weights of his 2-2-2 sigmoid network.
MAZUR = {
    "X": [[0.05], [0.10]], "Y": [[0.01], [0.99]],
    "parameters": {"W1": [[0.15, 0.20], [0.25, 0.30]], "b1": [[0.35], [0.35]],
                   "W2": [[0.40, 0.45], [0.50, 0.55]], "b2": [[0.60], [0.60]]},
}

_HIGHLIGHT, _POSITIVE, _NEGATIVE = "#f59322", "#0877bd", "#d62728"
_GAP = 1.5  # vertical distance between units, in data units (a layer is 3 apart)


# --------------------------------------------------------------------------- which units
def involved(entry: Entry, dims):
    """The units ``(layer, unit)`` and weights ``(layer, unit, input)`` one value uses.

    ``dims`` is ``[n_x, n_1, ..., n_L]``; layer 0 are the inputs.
    """
    q, l, idx = entry.quantity, entry.layer, entry.index
    j = idx[0] if idx else None
    if q == "Z":
        return ({(l, j)} | {(l - 1, k) for k in range(dims[l - 1])},
                {(l, j, k) for k in range(dims[l - 1])})
    if q in ("L", "J"):
        return {(l, u) for u in range(dims[l])}, set()
    if q in ("dW", "W"):
        k = idx[1]
        return {(l, j), (l - 1, k)}, {(l, j, k)}
    if q == "dA" and l < len(dims) - 1:  # dA[l] = Σ_j W[l+1]_jk dZ[l+1]_j
        return ({(l, j)} | {(l + 1, u) for u in range(dims[l + 1])},
                {(l + 1, u, j) for u in range(dims[l + 1])})
    return {(l, j)}, set()  # A, g', dZ, db, b, and dA of the output


# --------------------------------------------------------------------------- your value
def check_answer(tr: Trace, name: str, value):
    """A learner's number for the value called ``name`` (e.g. ``"g'(Z[1]_2)"``), explained.

    Returns the verdict text; ``None`` (an exercise not done yet) gets a reminder.
    """
    entries = [e for e in tr.entries if e.name == name]
    if not entries:
        known = ", ".join(dict.fromkeys(e.name for e in tr.entries[:12]))
        raise ValueError(f"The trace has no value called {name!r}; names look like {known}, ...")
    if value is None:
        return f"✘ {name}: no number yet — replace None by the value you worked out."
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number, str)):
        return f"✘ {name}: expected one number, got {type(value).__name__} {value!r}."
    if isinstance(value, np.number):
        value = float(value)
    index = tr.entries.index(entries[0])
    return check_value(value, entries[0], tr.entries[:index])[1]


def check_value(text, entry: Entry, others=()):
    """Compare a number a learner typed with ``entry.value``.

    Typed text counts as right when it agrees to the digits typed (``"0.1385"`` for
    ``0.138499``); a number computed in Python (e.g. from the six-digit values the trace
    prints) when it agrees to a relative 1e-5. Otherwise the message names the likely slip: the sign, a missing ``1/m``, a missing
    ``g'(Z)`` factor, or the value of another quantity.

    Returns
    -------
    (bool, str)
    """
    truth = entry.value
    if isinstance(text, str):
        cleaned = text.strip().replace("−", "-").replace(",", ".").lower()
        try:
            typed = float(cleaned)
        except ValueError:
            return False, f"Type a number such as 0.1385 or -2.5e-3; got {text!r}."
        mantissa, _, exponent = cleaned.partition("e")
        decimals = len(mantissa.partition(".")[2])
        tolerance = 0.5 * 10.0 ** ((int(exponent) if exponent else 0) - decimals) + 1e-12
    else:
        typed, cleaned = float(text), f"{float(text):.6g}"
        tolerance = 1e-5 * abs(truth) + 1e-12
    if not math.isfinite(typed):
        return False, f"Type a finite number; got {cleaned}."
    if abs(typed - truth) <= tolerance:
        return True, f"✔ {entry.name} = {truth:.6g}: your {cleaned} agrees to the digits you typed."
    return False, f"✘ {entry.name} is {truth:.6g}, not {cleaned}. " + _likely_slip(typed, entry, others,
                                                                                      tolerance)


def _likely_slip(typed, entry, others, tolerance):
    def near(x):
        return abs(typed - x) <= max(tolerance, 1e-9 * abs(x))

    if near(-entry.value):
        return "Only the sign differs: check the order in A - Y (it is the prediction minus the target)."
    if entry.quantity == "dZ" and "×" in entry.numbers:
        dA = float(entry.numbers.split("×")[0].strip("()"))
        if near(dA):
            return f"That is dA alone: multiply it by g'(Z), the activation's own derivative ({entry.formula})."
    m = int(entry.numbers[3:entry.numbers.index(")")]) if entry.numbers.startswith("(1/") else 1
    if m > 1 and near(entry.value * m):
        return f"That is {m} times too large: dW and db average over the m = {m} examples (the 1/m)."
    for other in others:
        if other is not entry and near(other.value):
            return f"That is the value of {other.name} = {other.formula}."
    return f"Work it out from {entry.formula}: {entry.numbers}."


# --------------------------------------------------------------------------- stepping
class TraceStepper:
    """A position in the trace's list of values, and what the next value involves."""

    def __init__(self, tr: Trace):
        self.trace = tr
        self.dims = [tr.X.shape[0]] + [tr.parameters[f"W{l}"].shape[0] for l in range(1, tr.L + 1)]
        self.position = -1  # nothing computed yet

    @property
    def steps(self) -> list[Entry]:
        return self.trace.entries

    @property
    def current(self) -> Entry | None:
        return self.steps[self.position] if self.position >= 0 else None

    def forward(self, n=1):
        self.position = min(self.position + n, len(self.steps) - 1)
        return self.current

    def back(self, n=1):
        self.position = max(self.position - n, -1)
        return self.current

    def to_phase(self, phase):
        """Jump to the last value before ``phase`` starts (e.g. "backward")."""
        first = next((i for i, e in enumerate(self.steps) if e.phase == phase), len(self.steps))
        self.position = first - 1
        return self.current

    def done(self) -> list[Entry]:
        return self.steps[: self.position + 1]

    def highlight(self):
        return involved(self.current, self.dims) if self.current else (set(), set())

    def check(self, text):
        """Check a learner's number for the current value (see :func:`check_value`)."""
        if self.current is None:
            return False, "Step forward first: there is no value to compare yet."
        return check_value(text, self.current, self.done())

    def latex(self) -> str:
        """The current step as LaTeX: the rule, then the numbers put in, then the value."""
        e = self.current
        if e is None:
            return r"\text{Press ▶ to compute the first value.}"
        return (rf"{_tex(e.name)} = {_tex(e.formula)} = {_tex(e.numbers)} = "
                rf"\mathbf{{{e.value:.6g}}}")


def _tex(text: str) -> str:
    """Course notation as LaTeX: ``dZ[2]_1`` -> ``dZ^{[2]}_{1}``, ``×`` -> ``\\times``."""
    out = re.sub(r"([A-Za-z']+)\[(\d)\]_(\w+)", r"\1^{[\2]}_{\3}", text)
    out = re.sub(r"\bX_(\d)", r"X_{\1}", out)
    for plain, tex in (("×", r"\times "), ("Σ", r"\sum "), ("½", r"\tfrac12"), ("²", "^2"),
                       ("∂", r"\partial "), ("α", r"\alpha "), ("<=", r"\le "), ("(new)", "")):
        out = out.replace(plain, tex)
    out = out.replace("g' cancels", r"\text{g' cancels}").replace(" if ", r"\text{ if }")
    return out.replace(" else ", r"\text{ else }")


# --------------------------------------------------------------------------- drawing
def _positions(dims):
    pos = {}
    for l, n in enumerate(dims):
        for j in range(n):
            pos[(l, j)] = (l * 3.0, ((n - 1) / 2 - j) * _GAP)
    return pos


def draw_trace(stepper: TraceStepper, fig: Figure | None = None) -> Figure:
    """The network, its weights and the values known at ``stepper``'s position.

    A unit shows its ``A`` once computed, then its ``dZ`` in the backward pass; the current
    step's units and weights are orange. One figure is reused when passed in.
    """
    if fig is None:
        fig = Figure(figsize=(7.5, 3.6), dpi=100, facecolor="white")
        FigureCanvasAgg(fig)
    fig.clear()
    ax = fig.add_axes([0.01, 0.02, 0.98, 0.9])
    tr, dims = stepper.trace, stepper.dims
    pos = _positions(dims)
    nodes_hi, edges_hi = stepper.highlight()
    known = {(e.quantity, e.layer, e.index): e.value for e in stepper.done()}
    for l in range(1, len(dims)):
        W = tr.parameters[f"W{l}"]
        for j, k in np.ndindex(W.shape):
            (x0, y0), (x1, y1) = pos[(l - 1, k)], pos[(l, j)]
            hot = (l, j, k) in edges_hi
            colour = _HIGHLIGHT if hot else (_POSITIVE if W[j, k] >= 0 else _NEGATIVE)
            ax.plot([x0, x1], [y0, y1], color=colour, lw=3.5 if hot else 0.6 + 1.5 * min(abs(W[j, k]), 2),
                    alpha=1 if hot else 0.55, zorder=1)
            t = 0.3 if j % 2 == 0 else 0.42  # stagger the labels of crossing edges
            ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), f"{W[j, k]:.3g}", fontsize=7,
                    ha="center", va="center", zorder=3,
                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.85))
    for (l, j), (x, y) in pos.items():
        hot = (l, j) in nodes_hi
        ax.scatter([x], [y], s=900, color="#fde3c6" if hot else "#eeeeee",
                   edgecolor=_HIGHLIGHT if hot else "#555555", linewidth=2.5 if hot else 1, zorder=2)
        ax.text(x, y, _node_label(l, j, tr), ha="center", va="center", fontsize=8, zorder=4)
        ax.text(x, y - 0.42, _node_values(l, j, tr, known), ha="center", va="top", fontsize=7,
                color="#333333", zorder=4)
    e = stepper.current
    title = "press ▶ to start" if e is None else f"{e.phase}: {e.name} = {e.value:.6g}"
    ax.set_title(title, fontsize=10, color=_HIGHLIGHT if e else "#333333")
    ax.set_xlim(-1.0, 3.0 * (len(dims) - 1) + 1.0)
    half = (max(dims) - 1) / 2 * _GAP
    ax.set_ylim(-half - 1.1, half + 0.6)
    ax.axis("off")
    return fig


def _node_label(l, j, tr):
    if l == 0:
        return f"x{j + 1}\n{tr.X[j, 0]:.3g}"
    return f"[{l}]_{j + 1}\nb={tr.parameters[f'b{l}'][j, 0]:.3g}"


def _node_values(l, j, tr, known):
    lines = []
    if ("A", l, (j, 0)) in known:
        lines.append(f"A={known[('A', l, (j, 0))]:.4g}")
    if ("dZ", l, (j, 0)) in known:
        lines.append(f"dZ={known[('dZ', l, (j, 0))]:.4g}")
    return "\n".join(lines)



# --------------------------------------------------------------------------- input
def parse_matrix(text: str, name: str, shape=None) -> np.ndarray:
    """``"0.15 0.20; 0.25 0.30"`` -> a 2-D array: rows split by ``;``, entries by spaces or commas."""
    rows = [r for r in str(text).split(";") if r.strip()]
    try:
        values = [[float(v) for v in re.split(r"[,\s]+", r.strip())] for r in rows]
    except ValueError:
        raise ValueError(f"{name}: write numbers, rows separated by ';' (e.g. '0.15 0.20; 0.25 0.30'); "
                         f"got {text!r}.") from None
    if not values or len({len(r) for r in values}) != 1:
        raise ValueError(f"{name}: every row needs the same number of entries; got {text!r}.")
    arr = np.array(values)
    if shape is not None and arr.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)}; got {arr.shape} from {text!r}.")
    return arr


def _format_matrix(a) -> str:
    return "; ".join(" ".join(f"{v:g}" for v in row) for row in np.asarray(a, dtype=float))


# --------------------------------------------------------------------------- the widget
class BackpropExplorer:
    """Controls, drawing, formula and a "your value" box over one trace.

    ``explorer.widget`` is the box to display. "Mazur's example" starts from his 2-2-2 network
    with editable weights; "seed" draws weights (rounded to two decimals, so they are easy to
    multiply by hand) for one or two hidden layers of the sizes typed in.
    """

    def __init__(self, hidden="sigmoid", output="sigmoid", loss="mse", learning_rate=0.5):
        import ipywidgets as w

        self.figure = Figure(figsize=(7.5, 3.6), dpi=100, facecolor="white")
        FigureCanvasAgg(self.figure)
        names = [a for a in ACTIVATIONS if a != "softmax"]  # softmax only makes sense at the output
        self.hidden = w.Dropdown(options=names, value=hidden, description="hidden 1")
        self.hidden2 = w.Dropdown(options=names, value=hidden, description="hidden 2")
        self.output = w.Dropdown(options=list(ACTIVATIONS), value=output, description="output")
        self.loss = w.Dropdown(options=list(LOSSES), value=loss, description="loss")
        for name in ("hidden", "hidden2", "output", "loss"):
            getattr(self, name).add_class(f"bx-{name}")
        self.source = w.ToggleButtons(options=["Mazur's example", "seed"], value="Mazur's example")
        self.seed = w.BoundedIntText(value=1, min=0, max=2**32 - 1, description="seed")
        self.sizes = w.Text(value="2", description="hidden sizes", continuous_update=False,
                            placeholder="e.g. 3 or 3, 2", style={"description_width": "initial"})
        self.X, self.Y = (w.Text(value=_format_matrix(MAZUR[k]), description=k, continuous_update=False)
                          for k in ("X", "Y"))
        self.weights = {k: w.Text(value=_format_matrix(v), description=k, continuous_update=False)
                        for k, v in MAZUR["parameters"].items()}
        self.learning_rate = learning_rate
        self.image = w.Image(format="png", layout=w.Layout(width="750px", height="360px"))
        self.image.add_class("bx-image")
        self.formula = w.HTMLMath().add_class("bx-formula")
        self.message = w.HTML().add_class("bx-message")
        self.answer = w.Text(placeholder="your value", description="you:",
                             continuous_update=False).add_class("bx-answer")
        self.verdict = w.HTML().add_class("bx-verdict")
        self.buttons = [self._button(w, label, css, action) for label, css, action in (
            ("start", "first", lambda: self.stepper.to_phase("forward")),
            ("◀", "back", lambda: self.stepper.back()),
            ("▶", "next", lambda: self.stepper.forward()),
            ("to backward ▶▶", "backward", lambda: self.stepper.to_phase("backward")))]
        check = w.Button(description="check").add_class("bx-check")
        check.on_click(lambda _b: self._check())
        self.answer.observe(lambda _c: self._check(), names="value")
        for control in (self.hidden, self.hidden2, self.output, self.loss, self.source, self.seed,
                        self.sizes, self.X, self.Y, *self.weights.values()):
            control.observe(lambda _c: self.rebuild(), names="value")
        wt = self.weights
        settings = w.VBox([w.HBox([self.hidden, self.hidden2, self.output, self.loss]),
                           w.HBox([self.source, self.seed, self.sizes]), w.HBox([self.X, self.Y]),
                           w.HBox([wt["W1"], wt["b1"]]), w.HBox([wt["W2"], wt["b2"]])])
        self.widget = w.VBox([settings, self.message, w.HBox(self.buttons), self.image, self.formula,
                              w.HBox([self.answer, check]), self.verdict]).add_class("backprop-explorer")
        self.stepper = None
        self.rebuild()

    def _button(self, w, label, css, action):
        button = w.Button(description=label, layout=w.Layout(width="auto")).add_class(f"bx-{css}")
        button.on_click(lambda _b: self._move(action))
        return button

    def _inputs(self):
        X, Y = parse_matrix(self.X.value, "X"), parse_matrix(self.Y.value, "Y")
        if self.source.value == "Mazur's example":
            return X, Y, {k: parse_matrix(t.value, k) for k, t in self.weights.items()}
        try:
            hidden = [int(v) for v in re.split(r"[,\s]+", self.sizes.value.strip())]
        except ValueError:
            raise ValueError(f"hidden sizes: one or two whole numbers such as '3' or '3, 2'; "
                             f"got {self.sizes.value!r}.") from None
        if not 1 <= len(hidden) <= 2 or min(hidden) < 1:
            raise ValueError(f"hidden sizes: one or two hidden layers of at least one unit; got {hidden}.")
        dims, rng = [X.shape[0], *hidden, Y.shape[0]], np.random.RandomState(self.seed.value)
        params = {}
        for l in range(1, len(dims)):
            params[f"W{l}"] = rng.randn(dims[l], dims[l - 1]).round(2)
            params[f"b{l}"] = rng.randn(dims[l], 1).round(2)
        return X, Y, params

    def _sync_enabled(self, n_layers):
        seeded = self.source.value == "seed"
        self.sizes.disabled, self.seed.disabled = not seeded, not seeded
        self.hidden2.disabled = n_layers < 3
        for text in self.weights.values():
            text.disabled = seeded

    def rebuild(self):
        """A new trace from the controls; a bad setting is explained and the old trace kept."""
        try:
            X, Y, params = self._inputs()
            L = len(params) // 2
            hidden = [self.hidden.value, self.hidden2.value][: L - 1]
            tr = trace(X, Y, params, hidden + [self.output.value], self.loss.value,
                       learning_rate=self.learning_rate)
        except (ValueError, TypeError) as exc:
            self.message.value = f"<span style='color:{_NEGATIVE}'>{html.escape(str(exc))}</span>"
            return
        self.message.value = html.escape(repr(tr))
        self._sync_enabled(tr.L)
        old = self.stepper
        self.stepper = TraceStepper(tr)
        if old is not None:  # stay on the same value where the new trace has it
            names = [e.name for e in tr.entries]
            same = old.current is not None and old.current.name in names
            self.stepper.position = names.index(old.current.name) if same else min(old.position, len(names) - 1)
        self.redraw()

    def _move(self, action):
        action()
        self.verdict.value = ""
        self.answer.value = ""
        self.redraw()

    def _check(self):
        if not self.answer.value.strip():
            self.verdict.value = ""
            return
        ok, text = self.stepper.check(self.answer.value)
        self.verdict.value = f"<span style='color:{'#2e7d32' if ok else _NEGATIVE}'>{html.escape(text)}</span>"

    def redraw(self):
        self.image.value = figure_png(draw_trace(self.stepper, self.figure))
        self.formula.value = f"$${self.stepper.latex()}$$"
