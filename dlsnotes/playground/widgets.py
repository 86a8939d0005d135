"""The playground's widgets: controls wired to a :class:`PlaygroundModel`.

The computation lives in :mod:`dlsnotes.playground.state` and the picture in
:mod:`dlsnotes.playground.render`; this module only builds the controls once, observes
them and redraws. Every handler catches its own errors and shows them as a message, so
a learner never sees a traceback.

Play is an :class:`ipywidgets.Play`: the browser ticks it, each tick trains one chunk
and redraws. No thread is involved, so it behaves the same in JupyterLab and in Voilà;
ticks that queued up while the kernel was busy are dropped, so pausing is immediate.
"""

from __future__ import annotations

import html
import math
import re
import time

import ipywidgets as widgets

from .network import NetworkPanel
from .render import PlaygroundFigure
from .state import DATASET_LABELS, GRADCHECK_EXAMPLES, MAX_BATCH, PlaygroundModel, Settings
from .widgets_data import DataShareControls, custom_data, settings_from_page, suggested_changes

__all__ = ["Playground", "build_playground", "CONTROL_NAMES"]

_HIDDEN_OPTIONS = [("sigmoid", "sigmoid"), ("tanh", "tanh"), ("ReLU", "relu"),
                   ("Leaky ReLU", "leaky_relu"), ("linear", "linear"), ("swish", "swish")]
_OUTPUT_OPTIONS = [("sigmoid", "sigmoid"), ("linear", "linear"), ("ReLU", "relu"),
                   ("Leaky ReLU", "leaky_relu"), ("softmax", "softmax")]
_LOSS_OPTIONS = [("BCE (binary cross-entropy)", "bce"), ("MSE (½ squared error)", "mse"),
                 ("CCE (categorical cross-entropy)", "cce")]
_INIT_OPTIONS = [("small: randn × 0.01", "small"), ("He: randn × √(2/n)", "he"),
                 ("Xavier: randn × √(1/n)", "xavier")]
_ON_CHANGE_OPTIONS = [("restart from seed", "restart"), ("continue from current weights", "continue")]

#: The settings that have a control, in the order they are shown.
CONTROL_NAMES = ("dataset", "noise", "train_ratio", "hidden", "slope", "output", "loss",
                 "n_layers", "n_units", "learning_rate", "batch_size", "lambd", "iterations",
                 "init", "seed", "scale", "on_change")

_DESCRIPTION_WIDTH = "125px"
#: Height of every widget in the button row (Play's buttons would otherwise stretch).
_BUTTON_HEIGHT = "32px"

#: Dropdown labels of the code names that the package's messages use
#: (``output='sigmoid'``), so that a message names what the learner can click.
_CONTROL_LABELS = {
    "output": ("Output activation", dict((v, k) for k, v in _OUTPUT_OPTIONS)),
    "loss": ("Loss", dict((v, k) for k, v in _LOSS_OPTIONS)),
    "hidden": ("Hidden activation", dict((v, k) for k, v in _HIDDEN_OPTIONS)),
}
_CODE_CHOICE = re.compile(r"\b(output|loss|hidden)='([a-z_]+)'")


def _with_control_labels(text: str) -> str:
    """``output='sigmoid'`` -> ``Output activation “sigmoid”``: the control and option as shown."""
    def label(match):
        control, options = _CONTROL_LABELS[match.group(1)]
        option = options.get(match.group(2))
        return match.group(0) if option is None else f"{control} “{option}”"
    return _CODE_CHOICE.sub(label, text)


#: Numeric controls whose range stretches to show a value set in code.
_STRETCHABLE = ("slope", "n_layers", "n_units", "learning_rate", "iterations", "noise")


def _widen(control, name, value):
    """Stretch ``control``'s range so that it can show ``value`` instead of clipping it.

    Only ranges grow; the hard limits are the settings' own (``Settings`` refuses a value
    beyond them before any control moves).
    """
    if name not in _STRETCHABLE:
        return
    if name == "learning_rate":  # the log slider's range is in decades
        low, high = math.floor(math.log10(value)), math.ceil(math.log10(value))
    else:
        low = high = value
    # Raise max before lowering min: the range is never empty on the way.
    if high > control.max:
        control.max = high
    if low < control.min:
        control.min = low


def _make_controls(s: Settings) -> dict:
    """One widget per setting; slow sliders only report when released.

    Slider ranges stretch to include a value given in code (``n_units=16``), so a control
    never silently clips the setting it shows.
    """
    c = {
        "dataset": widgets.Dropdown(options=[(label, name) for name, label in DATASET_LABELS.items()],
                                    value=s.dataset, description="Dataset"),
        "hidden": widgets.Dropdown(options=_HIDDEN_OPTIONS, value=s.hidden,
                                   description="Hidden activation"),
        "slope": widgets.FloatSlider(value=0.01, min=0.0, max=0.5, step=0.01,
                                     description="Leaky slope", continuous_update=False),
        "output": widgets.Dropdown(options=_OUTPUT_OPTIONS, value=s.output,
                                   description="Output activation"),
        "loss": widgets.Dropdown(options=_LOSS_OPTIONS, value=s.loss, description="Loss"),
        "n_layers": widgets.IntSlider(value=1, min=1, max=4,
                                      description="Hidden layers",
                                      continuous_update=False),
        "n_units": widgets.IntSlider(value=4, min=1, max=8,
                                     description="Units per layer",
                                     continuous_update=False),
        "learning_rate": widgets.FloatLogSlider(value=1.0, base=10, min=-4, max=1,
                                                step=0.1, readout_format=".3g",
                                                description="Learning rate",
                                                continuous_update=False),
        "iterations": widgets.IntSlider(value=2000, min=100, max=10000, step=100,
                                        description="Iterations", continuous_update=False),
        "init": widgets.Dropdown(options=_INIT_OPTIONS, value=s.init, description="Initialisation"),
        "seed": widgets.BoundedIntText(value=s.seed, min=0, max=2**32 - 1, description="Seed"),
        "noise": widgets.IntSlider(value=0, min=0, max=50, step=5, description="Noise (%)",
                                   continuous_update=False),
        "train_ratio": widgets.IntSlider(value=s.train_ratio, min=10, max=90, step=10,
                                         description="Train share (%)", continuous_update=False),
        "batch_size": widgets.BoundedIntText(value=s.batch_size, min=0, max=MAX_BATCH,
                                             description="Batch (0 = all)"),
        "lambd": widgets.FloatText(value=s.lambd, step=0.001, description="L2 λ"),
        "scale": widgets.Checkbox(value=bool(s.scale), description="scale x, y (regression)",
                                  indent=False),
        # No description: the label is a separate widget in the button row, so that it
        # lines up with the buttons instead of sitting above them.
        "on_change": widgets.ToggleButtons(options=_ON_CHANGE_OPTIONS, value=s.on_change,
                                           tooltips=["On a change: restart from the seed",
                                                     "On a change: keep training the current weights"],
                                           style={"button_width": "200px"},
                                           layout=widgets.Layout(width="auto")),
    }
    for name in _STRETCHABLE:  # the setting's value, with the range stretched to show it
        _widen(c[name], name, getattr(s, name))
        c[name].value = getattr(s, name)
    for name, control in c.items():
        control.add_class(f"pg-{name.replace('_', '-')}")
        if name not in ("on_change", "scale"):
            control.style.description_width = _DESCRIPTION_WIDTH
            control.layout = widgets.Layout(width="330px")
    return c


class Playground(widgets.VBox):
    """The playground widget: controls, the picture, the maths and the diagnosis.

    Parameters
    ----------
    settings : Settings, optional
    train : bool
        Train ``settings.iterations`` iterations before the first picture (default), or
        show the initial weights.
    **changes
        Settings to change from the defaults, e.g. ``hidden="relu"``.

    Attributes
    ----------
    model : PlaygroundModel
        The state; ``model.settings`` always matches the controls.
    figure : PlaygroundFigure
        The one reused figure.
    controls : dict of str to Widget
        One control per name in :data:`CONTROL_NAMES`.
    play, step_button, reset_button : widgets
    image : ipywidgets.Image
        The picture (PNG).
    formula : ipywidgets.HTMLMath
        ``dZ[L]`` for the current output and loss (DOM class ``dz-formula``).
    diagnostics, badge, message, status : ipywidgets.HTML
        Zero-gradient report, gradient-check badge, explanations, iteration and metrics.
    network : NetworkPanel
        The network view (every unit's map, dead units, a selected unit shown large);
        :mod:`dlsnotes.playground.network`.
    redraw_count : int
        How many pictures were rendered.
    """

    def __init__(self, settings: Settings | None = None, *, train: bool = True, X=None, Y=None,
                 csv=None, **changes):
        custom = custom_data(X, Y, csv)  # the learner's own data, checked (or None)
        changes = {**suggested_changes(custom, settings is not None), **changes}
        self.model = PlaygroundModel(settings, custom=custom, **changes)
        self.figure = PlaygroundFigure()
        self.network = NetworkPanel()  # every unit of the network (show/hide toggle)
        self.controls = _make_controls(self.model.settings)
        self._names = {control: name for name, control in self.controls.items()}
        self.play = widgets.Play(value=0, min=0, max=10**9, step=1, interval=300,
                                 show_repeat=False, description="Play").add_class("pg-play")
        self.step_button = widgets.Button(description="Step", icon="step-forward",
                                          tooltip="train one chunk").add_class("pg-step")
        self.reset_button = widgets.Button(description="Reset", icon="undo",
                                           tooltip="back to the initial weights of the seed"
                                           ).add_class("pg-reset")
        width, height = (int(v * self.figure.dpi) for v in self.figure.figure.get_size_inches())
        # Natural size on a wide page, shrunk (keeping its proportions) on a narrow one.
        self.image = widgets.Image(format="png", layout=widgets.Layout(
            width=f"{width}px", max_width="100%", height="auto", object_fit="contain")
        ).add_class("pg-image")
        self.status = widgets.HTML().add_class("pg-status")
        self.formula = widgets.HTMLMath(layout=widgets.Layout(width="50%")).add_class("dz-formula")
        self.diagnostics = widgets.HTML().add_class("pg-diagnostics")
        self.badge = widgets.HTML().add_class("pg-gradcheck")
        self.message = widgets.HTML().add_class("pg-message")
        self.redraw_count = 0
        self.data_share = DataShareControls(self)
        self._error = None
        self._syncing = False
        self._last_frame = 0.0
        super().__init__(children=self._layout())
        self.add_class("dlsnotes-playground")
        self._wire()
        if train:
            self.model.run()
        self._sync_enabled()
        self.redraw()

    # ------------------------------------------------------------------ layout and wiring
    def _layout(self):
        c = self.controls
        for button in (self.play, self.step_button, self.reset_button):
            button.layout.height = _BUTTON_HEIGHT
        on_change_label = widgets.Label("On a change:", layout=widgets.Layout(margin="0 4px 0 12px"))
        # The label and its toggle stay together when the row wraps on a narrow page.
        on_change = widgets.HBox([on_change_label, c["on_change"]],
                                 layout=widgets.Layout(align_items="center"))
        buttons = widgets.HBox([self.play, self.step_button, self.reset_button, on_change],
                               layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        column = widgets.VBox([c[name] for name in CONTROL_NAMES if name != "on_change"]
                              + self.data_share.column_widgets(),
                              layout=widgets.Layout(width="345px", min_width="345px"))
        view = widgets.VBox([self.image, self.status],
                            layout=widgets.Layout(max_width="100%", min_width="0"))
        # Wraps: on a narrow page the picture goes below the controls instead of over them.
        row = widgets.HBox([column, view], layout=widgets.Layout(flex_flow="row wrap"))
        maths = widgets.HBox([self.formula, widgets.VBox([self.badge, self.diagnostics],
                                                         layout=widgets.Layout(width="50%"))])
        return [buttons, self.data_share.share_row(), row, self.network, maths, self.message]

    def _wire(self):
        for control in self.controls.values():
            control.observe(self._on_control, names="value")
        self.play.observe(self._on_tick, names="value")
        self.play.observe(self._on_playing, names="playing")
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())

    # ------------------------------------------------------------------ actions
    @property
    def playing(self) -> bool:
        return bool(self.play.playing)

    def set(self, **changes):
        """Change several settings at once (controls and model), then train and redraw once.

        A value outside a control's range stretches the range, so the control shows it.
        A value the playground cannot use (``n_units=0``, ``seed=-1``) is refused: nothing
        changes, the message appears in the widget, and ``ValueError``/``TypeError`` is
        raised. An unknown setting name raises ``TypeError``.
        """
        try:
            self.model.settings.replace(**changes)  # every value is checked before anything moves
        except (TypeError, ValueError) as exc:
            self._refuse(exc)
            raise
        self._syncing = True
        try:
            for name, value in changes.items():
                if name in self.controls:
                    _widen(self.controls[name], name, value)
                    self.controls[name].value = value
        finally:
            self._syncing = False
        self._apply(changes)

    def _refuse(self, exc):
        """Show why a change was refused; the model and the controls keep the old settings."""
        text = str(exc)
        if "Nothing changed" not in text:
            text += " Nothing changed."
        self._error = ("refused", text + " The controls show the settings in use.")
        self.message.value = self._message_html()

    def step(self):
        """Train one chunk and redraw (the Step button, and each Play tick)."""
        self._guard(self.model.step)
        if self.model.status != "ready" and self.playing:
            self.play.playing = False
        self.redraw()

    def reset(self):
        """Back to the initial weights of the seed (the Reset button)."""
        self._guard(self.model.reset)
        self.redraw()

    def _on_control(self, change):
        if not self._syncing:
            self._apply({self._names[change.owner]: change.new})

    def _apply(self, changes):
        changes = self.data_share.features_for(changes)

        def update_and_train():
            try:
                result = self.model.update(**changes)
            except (TypeError, ValueError) as exc:  # refused: the model is as it was
                self._refuse(exc)
                return
            # Choosing "continue" or "restart" by itself changes no weights: nothing to train.
            if result.action != "none" and not self.playing:
                self.model.run()
        self._guard(update_and_train)
        self._sync_controls()
        self._sync_enabled()
        self.redraw()

    def _sync_controls(self):
        """Show the model's settings in the controls (after a refused change, its old value)."""
        s = self.model.settings
        self._syncing = True
        try:
            for name, control in self.controls.items():
                value = getattr(s, name)
                if control.value != value:
                    _widen(control, name, value)
                    control.value = value
            self.data_share.sync()
        finally:
            self._syncing = False

    def _on_tick(self, change):
        if change.new <= change.old or not self.playing:
            return  # the stop button rewinds the counter; nothing to train
        # Ticks that queued while the kernel was busy arrive back to back: drop them.
        if time.perf_counter() - self._last_frame < 0.5 * self.play.interval / 1000:
            return
        self.step()
        self._last_frame = time.perf_counter()

    def _on_playing(self, change):
        if change.new and self.model.status != "ready":
            self.play.playing = False
            self.redraw()

    def _guard(self, action):
        """Run ``action``; an unexpected error becomes a message, never a traceback."""
        self._error = None
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - shown to the learner instead of raised
            self._error = ("error", f"{type(exc).__name__}: {exc}")

    def _sync_enabled(self):
        s = self.model.settings
        self.controls["slope"].disabled = "leaky_relu" not in (s.hidden, s.output)
        self.controls["scale"].disabled = self.model.task != "regression"

    # ------------------------------------------------------------------ drawing
    def redraw(self):
        """Render the picture and refresh every text from the model."""
        try:
            self.image.value = self.figure.render(self.model)
        except Exception as exc:  # noqa: BLE001
            self._error = ("error", f"The picture could not be drawn: {type(exc).__name__}: {exc}")
        self.redraw_count += 1
        self.network.update(self.model)  # catches its own errors, like the panels below
        # Each panel on its own: one that cannot be computed (weights that overflow after
        # a divergence) says so and leaves the others, and the widget, working.
        for widget, make, what in ((self.status, self._status_html, "status"),
                                   (self.formula, self._formula_html, "formula"),
                                   (self.diagnostics, self._diagnostics_html, "zero-gradient report"),
                                   (self.badge, self._badge_html, "gradient check")):
            try:
                widget.value = make()
            except Exception as exc:  # noqa: BLE001
                widget.value = (f"<span class='pg-unavailable'>{html.escape(what)}: not available "
                                f"({html.escape(type(exc).__name__)}: {html.escape(str(exc))})</span>")
        try:
            self.data_share.share.value = self.data_share._share_html()
        except Exception as exc:  # noqa: BLE001
            self.data_share.share.value = f"share: not available ({html.escape(str(exc))})"
        self.message.value = self._message_html()

    @classmethod
    def from_settings(cls, text, *, train=True, X=None, Y=None, csv=None) -> "Playground":
        """The playground a settings text describes (see :mod:`.settings_text`): the same
        data, split, initial weights and training as where the text was copied.

        A text for the learner's own data (``dataset=custom``) needs that data again,
        as ``X=..., Y=...`` or ``csv=...``. A bad text raises ``ValueError`` listing every
        unknown key and bad value.
        """
        from .settings_text import settings_from_text

        settings = settings_from_text(text)
        if settings.dataset == "custom" and X is None and csv is None:
            raise ValueError(
                "This setting trains on the learner's own data (dataset=custom), which a text "
                "cannot carry: pass the same data, Playground.from_settings(text, X=..., Y=...) "
                "or csv='path.csv'."
            )
        return cls(settings, train=train, X=X, Y=Y, csv=csv)

    def apply_settings_text(self, text) -> bool:
        """Restore a setting text (the paste box's Apply); False and a message if refused."""
        return self.data_share.apply_text(text)

    def load_csv_bytes(self, content: bytes, name: str = "uploaded file") -> bool:
        """Use CSV content as the data (what an upload does); False and a message if refused."""
        return self.data_share.load_bytes(content, name)

    def _status_html(self):
        m = self.model
        return (f"<div class='pg-status-line'><b>{html.escape(m.summary())}</b><br>"
                f"<small>{html.escape(m.last_update.reason)}</small></div>")

    def _formula_html(self):
        m = self.model
        info = m.pairing
        # Green only for a pair that cancels and trains; a refused pair is a warning.
        colour = "#1b7f3b" if info.cancels and m.status != "blocked" else "#a15c00"
        loss = m.loss
        return (
            f"<div class='dz-verdict' style='color:{colour}'><b>{html.escape(m.formula_text())}</b></div>"
            f"$$ {m.formula_latex()} $$"
            f"<div style='font-size:90%'>with $${loss.latex},\\qquad "
            f"g(z) = {m.output_activation.latex}$$</div>"
        )

    def _diagnostics_html(self):
        m = self.model
        if m.status == "blocked":
            return "<div class='pg-zero-grad'>Zero-gradient report: not available (not trained).</div>"
        report = m.zero_gradients()
        n_hidden = m.settings.n_layers * m.settings.n_units
        n_dead = sum(len(v) for v in report.dead_units.values())
        lines = [
            f"<b>Zero gradients</b> (training set, {m.data.X_train.shape[1]} examples)",
            f"dead hidden units (g′(Z) = 0 on every example): {n_dead} of {n_hidden} "
            f"({report.dead_unit_fraction:.0%})",
            f"(unit, example) pairs with g′(Z) = 0 (dead ReLU or saturated units): "
            f"{report.zero_grad_fraction:.1%}",
        ]
        if report.output_is_relu:
            lines.append(f"examples whose output is stuck at 0 (ReLU output, Z[L] ≤ 0): "
                         f"{len(report.stuck_examples)} of {m.data.X_train.shape[1]} "
                         f"(ringed in red)")
        else:
            lines.append("outputs stuck at 0: none (only a ReLU output can get stuck)")
        return "<div class='pg-zero-grad'>" + "<br>".join(lines) + "</div>"

    def _badge_html(self):
        try:
            report = self.model.gradient_check()
        except (ValueError, FloatingPointError) as exc:  # e.g. weights that overflow
            return ("<span class='pg-badge pg-badge-none' style='padding:2px 6px;"
                    "background:#eee'>gradient check: not run on these weights</span> "
                    f"<small>({html.escape(str(exc))})</small>")
        if report is None:
            return ("<span class='pg-badge pg-badge-none' style='padding:2px 6px;"
                    "background:#eee'>gradient check: not run (this pairing cannot train)</span>")
        if report.passed:
            text, bg = f"✔ gradient check passed: difference {report.difference:.1e}", "#d4edda"
        else:
            text, bg = (f"✘ gradient check failed: difference {report.difference:.1e}, "
                        f"worst {report.worst}"), "#f8d7da"
        return (f"<span class='pg-badge' style='padding:2px 6px;background:{bg}'>"
                f"{html.escape(text)}</span> <small>(current weights, "
                f"{GRADCHECK_EXAMPLES} examples"
                f"{', J + L2 term' if self.model.settings.lambd else ''})</small>")

    def _message_html(self):
        parts = []
        if self._error:
            kind, text = self._error
            title = "Setting refused" if kind == "refused" else "Something went wrong"
            parts.append(("#f8d7da", title, text))
        for msg in self.model.messages:
            bg = "#fff3cd" if msg.kind == "note" else "#f8d7da"
            parts.append((bg, msg.title, _with_control_labels(msg.text)))
        return "".join(
            f"<div class='pg-msg' style='background:{bg};padding:4px 8px;margin:3px 0;"
            f"border-radius:3px'><b>{html.escape(title)}.</b> {html.escape(text)}</div>"
            for bg, title, text in parts)


def build_playground(*, train: bool = True, query: str | None = None, **settings) -> Playground:
    """The playground with ``settings`` changed from the defaults (planar, tanh, 4 units).

    Served by Voilà, a page link's query (``?dataset=noisy_moons&hidden=relu&lr=0.3``, read
    from the environment variable ``QUERY_STRING`` that Voilà sets) replaces ``settings``;
    ``query`` gives one directly. A query that cannot be used is explained in the widget,
    which then starts with ``settings``.

    Examples
    --------
    >>> pg = build_playground(hidden="relu", n_units=6)   # doctest: +SKIP
    >>> pg                                                 # shows it in Jupyter or Voilà
    """
    from_page, problem = settings_from_page(query)
    if from_page is not None:
        try:
            return Playground(from_page, train=train)
        except (TypeError, ValueError) as exc:  # e.g. dataset=custom: a link carries no data
            problem = exc
    pg = Playground(train=train, **settings)
    if problem is not None:
        pg._error = ("refused", f"The link's settings were not used: {problem}")
        pg.message.value = pg._message_html()
    return pg
