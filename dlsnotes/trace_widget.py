"""Step through a :class:`~dlsnotes.trace.Trace` one value at a time, on a drawing of the network.

Three layers, each testable on its own:

* :class:`TraceStepper` — which value comes next, which units and weights it involves,
  whether a learner's own number for it is right (an :class:`Answer`, judged to about three
  significant digits), and the quiz mode's hidden value (pure Python, no widgets);
* :func:`draw_trace` — the network with its weights and the values computed so far, the
  current step's units and weights highlighted (matplotlib, one reused figure);
* :class:`BackpropExplorer` — the controls (activations, loss, inputs, targets, weights or a
  seed), the step buttons, the formula with the numbers in LaTeX, the "your value" box and
  the quiz mode's "reveal" button. It only shows what the stepper says.

Used in ``notebooks/08_backprop_with_numbers.ipynb``.
"""

from __future__ import annotations

import ast
import html
import math
import re

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .activations import ACTIVATIONS
from .plotting import figure_png
from .trace import Entry, Trace, trace, traceable_activations, traceable_losses

__all__ = ["MAZUR", "DIGITS", "Answer", "TraceStepper", "check_answer", "check_value", "draw_trace", "figure_png",
           "involved", "parse_arithmetic", "parse_matrix", "tolerance", "BackpropExplorer"]

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
#: A learner's number is judged to this many significant digits of the true value.
DIGITS = 3


class Answer:
    """A learner's number for one value of the trace, judged.

    Truthy when right, falsy when wrong or missing, so ``assert check_answer(...)`` works.
    ``message`` says why, without giving the value away; ``expected`` is the value once it
    may be shown (the answer was right, or :meth:`reveal` was called), else None.
    """

    def __init__(self, ok: bool, message: str, name: str, value: float | None = None):
        self.ok, self.message, self.name = bool(ok), message, name
        self._value = value
        self.revealed = self.ok

    @property
    def expected(self) -> float | None:
        return self._value if self.revealed else None

    def reveal(self) -> str:
        """Give up and show the value."""
        self.revealed = True
        return f"{self.name} = {_num(self._value)}"

    def __bool__(self):
        return self.ok

    def __str__(self):
        return self.message

    __repr__ = __str__

    def _repr_pretty_(self, p, cycle):
        p.text(self.message)


def _num(x, digits=6):
    return f"{x + 0.0:.{digits}g}"  # + 0.0 turns -0.0 into 0.0


def tolerance(truth: float, digits: int = DIGITS) -> float:
    r"""Half a unit in the ``digits``-th significant digit of ``truth``.

    .. math:: \text{tol} = \tfrac12\, 10^{\lfloor \log_{10} |v| \rfloor - (\text{digits} - 1)}

    so for 0.186816 anything that rounds to 0.187 is right (0.1868, 0.18695) and 0.19 is not.
    An exact zero (a ReLU's g'(Z) for Z <= 0) needs a zero, up to rounding noise.
    """
    if truth == 0:
        return 1e-9
    return 0.5 * 10.0 ** (math.floor(math.log10(abs(truth))) - (digits - 1)) * (1 + 1e-9)


def _ordinal(n):
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def _significant(text: str) -> int:
    """How many significant digits a number as written has: ``"0.2406"`` -> 4, ``"0.20"`` -> 2."""
    mantissa = text.lower().partition("e")[0].lstrip("+-")
    digits = mantissa.replace(".", "").lstrip("0")
    return len(digits) if digits else 1


def check_answer(tr: Trace, name: str, value) -> Answer:
    """A learner's number for the value called ``name`` (e.g. ``"g'(Z[1]_2)"``), judged.

    ``value`` may be typed text (``"0.2406"``) or a number computed in Python (``0.2406``,
    ``A1[1, 0] * (1 - A1[1, 0])``); either is right when it agrees with the trace to about
    three significant digits (see :func:`tolerance`). ``None`` (an exercise not done yet)
    gets a reminder. The trace is read at each call, so a verdict is always about ``tr`` as
    it is now.

    Returns
    -------
    Answer
        Falsy when wrong; ``.message`` names the likely slip without giving the value away.
    """
    entries = [e for e in tr.entries if e.name == name]
    if not entries:
        known = ", ".join(dict.fromkeys(e.name for e in tr.entries[:12]))
        raise ValueError(f"The trace has no value called {name!r}; names look like {known}, ...")
    entry = entries[0]
    if value is None:
        return Answer(False, f"✘ {name}: no number yet — replace None by the value you worked out.",
                      name, entry.value)
    if isinstance(value, np.ndarray) and value.size == 1 and np.issubdtype(value.dtype, np.number):
        value = value.reshape(-1)[0]  # A1[1] * (1 - A1[1]) is an array of one entry
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number, str)):
        what = f"an array of shape {value.shape}" if isinstance(value, np.ndarray) else \
            f"{type(value).__name__} {value!r}"
        return Answer(False, f"✘ {name}: expected one number, got {what}. Give the single value, "
                      "e.g. A1[1, 0] rather than A1.", name, entry.value)
    if isinstance(value, np.number):
        value = float(value)
    index = tr.entries.index(entry)
    return check_value(value, entry, tr.entries[:index])


def check_value(text, entry: Entry, others=()) -> Answer:
    """Compare a number a learner typed (text) or computed (a float) with ``entry.value``.

    Text may be a number (``"0.2406"``, ``"2.406e-1"``) or plain arithmetic on numbers
    (``"0.596884*(1-0.596884)"``, see :func:`parse_arithmetic`). Right when it is within
    :func:`tolerance` of the value (about three significant digits). Otherwise the message
    names the likely slip — too few digits, the sign, a missing ``1/m``, a missing ``g'(Z)``
    factor, another activation's derivative, the value of another unit or quantity — and
    gives the rule in symbols, never the value or the numbers that make it.
    """
    truth = entry.value
    if isinstance(text, str):
        cleaned = text.strip().strip("\"'").replace("−", "-").replace("×", "*").replace(",", ".").lower()
        try:
            typed = parse_arithmetic(cleaned)
        except ValueError:
            return Answer(False, f"Type a number such as 0.1385 or -2.5e-3, or arithmetic on numbers such as "
                          f"0.5*(1-0.5); got {text!r}.", entry.name, truth)
        if not _is_plain_number(cleaned):
            cleaned = repr(typed)  # the digits of a product are the float's, not the text's
    else:
        typed = float(text)
        cleaned = repr(typed)  # the shortest text that is this float: 0.2406, not 0.24060000000000001
    if not math.isfinite(typed):
        return Answer(False, f"Type a finite number; got {cleaned}.", entry.name, truth)
    if abs(typed - truth) <= tolerance(truth):
        return Answer(True, f"✔ {entry.name} = {_num(truth)}: your {_num(typed)} agrees to "
                      f"{DIGITS} significant digits.", entry.name, truth)
    return Answer(False, f"✘ {entry.name}: " + _likely_slip(typed, cleaned, entry, others), entry.name, truth)


_ARITHMETIC = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
               ast.Div: lambda a, b: a / b, ast.Pow: lambda a, b: a ** b}


def _is_plain_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def parse_arithmetic(text: str) -> float:
    """The value of ``text``: a number, or numbers joined by ``+ - * / **`` and parentheses.

    Parsed with :mod:`ast`, so nothing but arithmetic on numbers runs (no names, no calls).
    Raises ValueError for anything else, including a division by zero.
    """
    if _is_plain_number(text):
        return float(text)
    try:
        tree = ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError):
        raise ValueError(f"not arithmetic: {text!r}") from None

    def value(node):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return float(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
            v = value(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
            left, right = value(node.left), value(node.right)
            if isinstance(node.op, ast.Pow) and abs(right) > 100:  # keeps 9**9**9 from running for ever
                raise ValueError("exponent too large")
            try:
                return float(_ARITHMETIC[type(node.op)](left, right))
            except (ZeroDivisionError, OverflowError):
                raise ValueError("division by zero or overflow") from None
        raise ValueError(f"not arithmetic: {text!r}")

    return value(tree)


def _likely_slip(typed, cleaned, entry, others):
    def near(x):
        return abs(typed - x) <= tolerance(x)

    written = _significant(cleaned)
    if written < DIGITS and entry.value != 0 and \
            abs(typed - entry.value) <= tolerance(entry.value, written):
        return (f"{cleaned} has only {written} significant digit{'s' * (written > 1)}; give "
                f"{DIGITS} (it is right as far as it goes).")
    return f"not {_num(typed)}. " + _named_slip(typed, entry, others, near)


def _rule(entry, others=()) -> str:
    """The rule for ``entry`` in symbols (never its numbers), e.g. ``g'(Z) = A(1 - A) with this unit's A, A[1]_2``."""
    if entry.quantity == "g'":
        a = _own_activation_entry(entry, others)
        unit = f" ({a.name}, Z[{entry.layer}]{a.name.partition(']')[2]})" if a is not None else ""
        return f"{entry.name} = {entry.formula} with this unit's own A and Z{unit}"
    return f"{entry.name} = {entry.formula}"


def _own_activation_entry(entry, others):
    """The ``A`` entry of the unit a ``g'`` entry belongs to (same layer, unit and example)."""
    for other in others:
        if other.quantity == "A" and other.layer == entry.layer and other.index == entry.index:
            return other
    return None


#: Derivatives a learner may use by mistake, written with the unit's own A (and Z).
_OTHER_DERIVATIVES = {
    "1 - A² (tanh's derivative)": lambda a, z: 1 - a * a,
    "A(1 - A) (sigmoid's derivative)": lambda a, z: a * (1 - a),
    "Z(1 - Z) (sigmoid's rule applied to Z instead of A)": lambda a, z: z * (1 - z),
    "A itself (the activation, not its derivative)": lambda a, z: a,
}


def _wrong_derivative(typed, entry, others, near):
    if entry.quantity != "g'":
        return None
    a = _own_activation_entry(entry, others)
    z = next((o for o in others if o.quantity == "Z" and o.layer == entry.layer and o.index == entry.index), None)
    if a is None or z is None:
        return None
    for label, rule in _OTHER_DERIVATIVES.items():
        guess = rule(a.value, z.value)
        if abs(guess - entry.value) > tolerance(entry.value) and near(guess):
            act = a.formula.split("(")[0]
            return (f"That is {label}, the wrong derivative here: this unit's activation is {act}, "
                    f"so use {_rule(entry, others)}.")
    return None


def _involves_a_minus_y(entry) -> bool:
    """Whether the sign of ``entry`` comes from ``A - Y``: every gradient does, g'(Z) and the forward pass do not."""
    return entry.phase == "backward" and entry.quantity != "g'"


def _named_slip(typed, entry, others, near):
    wrong_derivative = _wrong_derivative(typed, entry, others, near)
    if wrong_derivative:
        return wrong_derivative
    if entry.quantity == "dZ" and "×" in entry.numbers:
        dA = float(entry.numbers.split("×")[0].strip("()"))
        if near(dA) and not near(entry.value):
            return f"That is dA alone: multiply it by g'(Z), the activation's own derivative ({entry.formula})."
    # Another unit's or quantity's value is checked before "close": two units' values can be a few
    # thousandths apart (g'(Z[1]_1) = 0.2413, g'(Z[1]_2) = 0.2406), and then the slip is the unit.
    for other in others:
        if other is not entry and other.value != 0 and near(other.value) and \
                abs(other.value - entry.value) > tolerance(entry.value):
            return (f"That is the value of {other.name} = {other.formula}, another "
                    f"{'unit' if other.quantity == entry.quantity else 'quantity'}; you want {_rule(entry, others)}.")
    if abs(typed - entry.value) <= 2 * tolerance(entry.value):
        return (f"Close, but off in the {_ordinal(DIGITS)} significant digit: round rather than cut "
                "off, and keep more digits in the numbers you multiply.")
    if entry.value != 0 and near(-entry.value):
        if _involves_a_minus_y(entry):
            return "Only the sign differs: check the order in A - Y (it is the prediction minus the target)."
        return f"Only the sign differs: check the signs in {_rule(entry, others)}."
    m = int(entry.numbers[3:entry.numbers.index(")")]) if entry.numbers.startswith("(1/") else 1
    if m > 1 and near(entry.value * m):
        return f"That is {m} times too large: dW and db average over the m = {m} examples (the 1/m)."
    return f"Work it out from {_rule(entry, others)}."


# --------------------------------------------------------------------------- stepping
class TraceStepper:
    """A position in the trace's list of values, what the next value involves, and the quiz.

    In quiz mode (``quiz=True``) the current value stays hidden — :attr:`hidden` is True, the
    formula ends in ``?`` and :func:`draw_trace` writes ``?`` for it — until the learner's
    number for it is right (:meth:`check`) or they give up (:meth:`reveal`). ``verdict``
    holds the last check's :class:`Answer`; moving, or switching the quiz on or off, clears it
    (a new network is a new stepper, without one).
    """

    def __init__(self, tr: Trace, quiz: bool = False):
        self.trace = tr
        self.dims = [tr.X.shape[0]] + [tr.parameters[f"W{l}"].shape[0] for l in range(1, tr.L + 1)]
        self._position = -1  # nothing computed yet
        self._quiz = bool(quiz)
        self.revealed = set()  # positions whose value the learner found or asked to see
        self.verdict: Answer | None = None

    @property
    def steps(self) -> list[Entry]:
        return self.trace.entries

    @property
    def position(self) -> int:
        return self._position

    @position.setter
    def position(self, value):
        self._position = max(-1, min(int(value), len(self.steps) - 1))
        self.verdict = None  # a verdict is about one value only

    @property
    def quiz(self) -> bool:
        return self._quiz

    @quiz.setter
    def quiz(self, on):
        self._quiz = bool(on)
        self.verdict = None

    @property
    def current(self) -> Entry | None:
        return self.steps[self.position] if self.position >= 0 else None

    @property
    def hidden(self) -> bool:
        """Whether the current value is a question still open (quiz mode)."""
        return self.quiz and self.current is not None and self.position not in self.revealed

    def forward(self, n=1):
        self.position = self.position + n
        return self.current

    def back(self, n=1):
        self.position = self.position - n
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

    def check(self, text) -> Answer:
        """Judge a learner's number for the current value (see :func:`check_value`)."""
        if self.current is None:
            self.verdict = Answer(False, "Step forward first: there is no value to compare yet.", "")
            return self.verdict
        self.verdict = check_value(text, self.current, self.steps[: self.position])
        if self.verdict:
            self.revealed.add(self.position)
        return self.verdict

    def reveal(self) -> str:
        """Show the current value (the quiz's "reveal" button); returns ``name = value``."""
        if self.current is None:
            return ""
        self.revealed.add(self.position)
        self.verdict = None
        return f"{self.current.name} = {_num(self.current.value)}"

    def value_text(self, digits=6) -> str:
        """The current value as it may be shown: its digits, or ``?`` while hidden."""
        return "?" if self.hidden else _num(self.current.value, digits)

    def latex(self) -> str:
        """The current step as LaTeX: the rule, then the numbers put in, then the value."""
        e = self.current
        if e is None:
            return r"\text{Press ▶ to compute the first value.}"
        return (rf"{_tex(e.name)} = {_tex(e.formula)} = {_tex(e.numbers)} = "
                rf"\mathbf{{{self.value_text()}}}")


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
    known = {(e.quantity, e.layer, e.index): _num(e.value, 4) for e in stepper.done()}
    if stepper.hidden:  # the quiz's open question: its unit shows "?"
        e = stepper.current
        known[(e.quantity, e.layer, e.index)] = "?"
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
    title = "press ▶ to start" if e is None else f"{e.phase}: {e.name} = {stepper.value_text()}"
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
        lines.append(f"A={known[('A', l, (j, 0))]}")
    if ("dZ", l, (j, 0)) in known:
        lines.append(f"dZ={known[('dZ', l, (j, 0))]}")
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

    def __init__(self, hidden="sigmoid", output="sigmoid", loss="mse", learning_rate=0.5, quiz=False):
        import ipywidgets as w

        self.figure = Figure(figsize=(7.5, 3.6), dpi=100, facecolor="white")
        FigureCanvasAgg(self.figure)
        # The registry's entries the trace can write out; a vector activation (softmax)
        # only at the output, where it turns scores into a distribution.
        outputs = list(traceable_activations())
        names = [a for a in outputs if ACTIVATIONS[a].elementwise]
        self.hidden = w.Dropdown(options=names, value=hidden, description="hidden 1")
        self.hidden2 = w.Dropdown(options=names, value=hidden, description="hidden 2")
        self.output = w.Dropdown(options=outputs, value=output, description="output")
        self.loss = w.Dropdown(options=list(traceable_losses()), value=loss, description="loss")
        for name in ("hidden", "hidden2", "output", "loss"):
            getattr(self, name).add_class(f"bx-{name}")
        self.source = w.ToggleButtons(options=["Mazur's example", "seed"], value="Mazur's example",
                                      style={"button_width": "auto"}).add_class("bx-source")
        self.seed = w.BoundedIntText(value=1, min=0, max=2**32 - 1, description="seed")
        self.sizes = w.Text(value="2", description="hidden sizes", continuous_update=False,
                            placeholder="e.g. 3 or 3, 2", style={"description_width": "initial"})
        self.X, self.Y = (w.Text(value=_format_matrix(MAZUR[k]), description=k, continuous_update=False)
                          for k in ("X", "Y"))
        self.weights = {k: w.Text(value=_format_matrix(v), description=k, continuous_update=False)
                        for k, v in MAZUR["parameters"].items()}
        self.learning_rate = learning_rate
        self.image = w.Image(format="png", layout=w.Layout(width="750px", min_width="750px",
                                                           height="360px"))
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
        # Quiz mode: the current value stays hidden until the typed number is right.
        self.quiz = w.ToggleButton(value=bool(quiz), description="quiz: hide the value",
                                   layout=w.Layout(width="auto")).add_class("bx-quiz")
        self.quiz.observe(lambda _c: self._set_quiz(), names="value")
        self.reveal = w.Button(description="reveal", layout=w.Layout(width="auto")).add_class("bx-reveal")
        self.reveal.on_click(lambda _b: self._reveal())
        for control in (self.hidden, self.hidden2, self.output, self.loss, self.source, self.seed,
                        self.sizes, self.X, self.Y, *self.weights.values()):
            control.observe(lambda _c: self.rebuild(), names="value")
        wt = self.weights

        def row(*children):  # wraps on a narrow window (600 px) instead of running off it
            return w.HBox(list(children), layout=w.Layout(flex_flow="row wrap"))
        settings = w.VBox([row(self.hidden, self.hidden2, self.output, self.loss),
                           row(self.source, self.seed, self.sizes), row(self.X, self.Y),
                           row(wt["W1"], wt["b1"]), row(wt["W2"], wt["b2"])])
        # The picture keeps its size (its numbers stay readable) and scrolls sideways in
        # its box when the window is narrower.
        picture = w.Box([self.image], layout=w.Layout(max_width="100%", overflow="auto"))
        self.widget = w.VBox([settings, self.message, row(*self.buttons, self.quiz), picture,
                              self.formula, row(self.answer, check, self.reveal),
                              self.verdict]).add_class("backprop-explorer")
        self.stepper, self._quiet = None, False
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
            if self.stepper is not None:  # the old trace stays, but the setting changed
                self.stepper.verdict = None
                self._clear_answer()
                self._show_verdict()
            return
        self._sync_enabled(tr.L)
        old = self.stepper
        # A new network is a new stepper: no verdict, nothing revealed yet.
        self.stepper = TraceStepper(tr, quiz=self.quiz.value)
        if old is not None:  # stay on the same value where the new trace has it
            names = [e.name for e in tr.entries]
            same = old.current is not None and old.current.name in names
            self.stepper.position = names.index(old.current.name) if same else min(old.position, len(names) - 1)
        self._clear_answer()
        self.message.value = self._summary()
        self.redraw()

    def _move(self, action):
        action()
        self._clear_answer()
        self.redraw()

    def _set_quiz(self):
        self.stepper.quiz = self.quiz.value
        self._clear_answer()
        self.message.value = self._summary()
        self.redraw()

    def _reveal(self):
        self.stepper.reveal()
        self._clear_answer()
        self.redraw()

    def _clear_answer(self):
        # The stepper has already dropped its verdict; no second redraw from the observer.
        self._quiet = True
        try:
            self.answer.value = ""
        finally:
            self._quiet = False

    def _check(self):
        if self._quiet:
            return
        if not self.answer.value.strip():
            self.stepper.verdict = None
        else:
            self.stepper.check(self.answer.value)
        self.redraw()

    def _summary(self):
        text = repr(self.stepper.trace)
        if self.stepper.quiz:  # the cost is one of the values to find
            text = re.sub(r"cost=[^,]+", "cost=?", text)
        return html.escape(text)

    def redraw(self):
        """Show the stepper's state: picture, formula, verdict, and the quiz's buttons."""
        s = self.stepper
        self.image.value = figure_png(draw_trace(s, self.figure))
        self.formula.value = f"$${s.latex()}$$"
        self.reveal.disabled = not s.hidden
        self._show_verdict()

    def _show_verdict(self):
        verdict = self.stepper.verdict
        if verdict is None:
            self.verdict.value = ""
        else:
            colour = "#2e7d32" if verdict else _NEGATIVE
            self.verdict.value = f"<span style='color:{colour}'>{html.escape(verdict.message)}</span>"
