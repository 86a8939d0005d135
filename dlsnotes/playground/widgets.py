"""The playground's widgets: controls wired to a :class:`PlaygroundModel`.

The computation lives in :mod:`dlsnotes.playground.state` and the picture in
:mod:`dlsnotes.playground.render`; this module only builds the controls once, observes
them and redraws. Every handler catches its own errors and shows them as a message, so
a learner never sees a traceback.

Play is an :class:`ipywidgets.Play`: the browser ticks it, each tick trains one chunk
and redraws. No thread is involved, so it behaves the same in JupyterLab and in Voilà;
ticks that queued up while the kernel was busy are dropped, so pausing is immediate.

The page never freezes without a sign:

* a run that would take more than about a second (mini-batches of a few examples) trains
  its first part at once and the rest on Play's ticks, a fraction of a second each, so the
  picture moves and every control answers in between;
* changes that arrive within :data:`SETTLE_S` of each other (arrow keys on a slider) are
  applied together, once;
* a "working" sign appears beside the picture when a change takes longer than 0.3 s.

Every text shown is in the learner's words (:func:`learner_words`): the controls' labels,
never setting or exception names, code or maintenance advice.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import math
import re
import time

import ipywidgets as widgets

from .network import NetworkPanel
from .render import PlaygroundFigure
from ..activations import ACTIVATIONS
from ..losses import LOSSES
from .state import (DATASET_LABELS, HIDDEN_ACTIVATIONS, LOSS_NAMES, OUTPUT_ACTIVATIONS,
                    PlaygroundModel, Settings, control_range, control_value, units_text)
from .settings_text import VOILA_KEYS, settings_from_query, settings_from_text, settings_to_text
from .widgets_data import (FEATURE_WORDS, DataShareControls, custom_data, query_from_voila,
                           settings_from_page, suggested_changes)

__all__ = ["Playground", "build_playground", "CONTROL_NAMES", "learner_words", "SETTLE_S"]

#: Changes that reach the kernel within this many seconds of each other are applied once,
#: together (five arrow-key presses on a slider: one run, not five).
SETTLE_S = 0.15
#: A run expected to take longer than this trains on Play's ticks, a slice at a time.
LONG_RUN_S = 1.0
#: Training time per tick of an animated run: the kernel answers controls in between.
SLICE_S = 0.3



def _menu_options(names, registry):
    """``(label, name)`` pairs of a menu, read from the registry when the controls are built
    (so an activation or loss registered before ``Playground()`` is offered)."""
    return [(registry[name].label, name) for name in names]


_INIT_OPTIONS = [("small: randn × 0.01", "small"), ("He: randn × √(2/n)", "he"),
                 ("Xavier: randn × √(1/n)", "xavier")]
_ON_CHANGE_OPTIONS = [("restart from seed", "restart"), ("continue from current weights", "continue")]

#: The settings that have a control, in the order they are shown.
CONTROL_NAMES = ("dataset", "noise", "train_ratio", "hidden", "slope", "output", "loss",
                 "n_layers", "n_units", "learning_rate", "batch_size", "lambd", "lambd_l1",
                 "iterations", "init", "seed", "scale", "discretize", "on_change")

_DESCRIPTION_WIDTH = "125px"
#: Height of every widget in the button row (Play's buttons would otherwise stretch).
_BUTTON_HEIGHT = "32px"

#: Dropdown labels of the code names that the package's messages use
#: (``output='sigmoid'``), so that a message names what the learner can click.
_CONTROL_LABELS = {
    "output": ("Output activation", ACTIVATIONS),
    "loss": ("Loss", LOSSES),
    "hidden": ("Hidden activation", ACTIVATIONS),
}
_CODE_CHOICE = re.compile(r"\b(output|loss|hidden)='([a-z_]+)'")


def _with_control_labels(text: str) -> str:
    """``output='sigmoid'`` -> ``Output activation “sigmoid”``: the control and option as shown."""
    def label(match):
        control, registry = _CONTROL_LABELS[match.group(1)]
        entry = registry.get(match.group(2))
        return match.group(0) if entry is None else f"{control} “{entry.label}”"
    return _CODE_CHOICE.sub(label, text)


#: Setting names as the controls call them (the package's messages use the code names).
_SETTING_WORDS = {
    "n_units": "units", "n_layers": "hidden layers", "lambd": "L2 strength",
    "lambd_l1": "L1 strength",
    "learning_rate": "learning rate", "batch_size": "batch size", "train_ratio": "train share",
    "on_change": "on a change", "iterations": "iterations", "init": "initialisation",
    "hidden": "hidden activation", "output": "output activation", "dtype": "precision",
    "chunk": "iterations per step",
}
_FEATURE_WORDS = FEATURE_WORDS  # x1sq -> x₁², as the feature buttons show them
_EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception|Warning)\b:?\s*")
_UPDATE_CALL = re.compile(r"\bupdate\([^)]*\) was refused:\s*")
_ASSIGNMENT = re.compile(r"\b(" + "|".join(_SETTING_WORDS) + r")=('?)([^'\s,;)]*)\2")
# Bare names that are not also English words or a link's keys (hidden, output, units, lr).
_CODE_NAMES = ("n_units", "n_layers", "lambd", "lambd_l1", "learning_rate", "batch_size", "train_ratio",
               "dtype")
_NAME = re.compile(r"\b(" + "|".join(_CODE_NAMES) + r")\b")
_FEATURE = re.compile(r"(?<![\w₁₂])(" + "|".join(
    sorted((n for n in _FEATURE_WORDS if n not in ("x1", "x2")), key=len, reverse=True))
    + r")(?!\w)")
# numpy's own words ("overflow encountered in scalar multiply") -> what happened.
_NUMPY_WARNING = re.compile(r"\b(overflow|underflow|divide by zero|invalid value) encountered "
                            r"in [\w ]+")
_NUMPY_WORDS = {"overflow": "a number grew too large to compute",
                "underflow": "a number shrank too small to compute",
                "divide by zero": "a division by zero happened",
                "invalid value": "a result was not a number (NaN)"}
_QUOTED_CHOICE = re.compile(r"\b([a-z]\w*)='([^']*)'")  # task='multiclass' -> task “multiclass”
#: Sentences that speak to a programmer or a maintainer, not to a learner: dropped.
_NOT_FOR_LEARNERS = re.compile(
    r"regenerate|make_data|\.py\b|Playground\(|PlaygroundModel|Settings\(|\bpass \w+=|"
    r"\bdataset='custom'|\bcustom=|traceback|\bkwargs?\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(“'])")


def learner_words(text: str) -> str:
    """A message in the learner's words: the names the controls show, no code.

    ``n_units=0`` -> ``units 0``, ``lambd`` -> ``L2 strength``, ``x1sq`` -> ``x₁²``,
    ``output='sigmoid'`` -> ``Output activation “sigmoid”``; exception names and
    ``update(...) was refused:`` are dropped, and so is any sentence that gives code or
    maintenance advice (``regenerate ... make_data.py``), which a learner cannot act on.
    """
    text = _with_control_labels(str(text))
    text = _UPDATE_CALL.sub("", text)
    text = _EXCEPTION_NAME.sub("", text)
    text = _NUMPY_WARNING.sub(lambda m: _NUMPY_WORDS[m.group(1)], text)
    text = _ASSIGNMENT.sub(lambda m: f"{_SETTING_WORDS[m.group(1)]} {m.group(3)}", text)
    text = _NAME.sub(lambda m: _SETTING_WORDS[m.group(1)], text)
    text = _QUOTED_CHOICE.sub(lambda m: f"{m.group(1)} “{m.group(2)}”", text)
    text = _FEATURE.sub(lambda m: _FEATURE_WORDS[m.group(1)], text)
    kept = [sentence for sentence in _SENTENCE_END.split(text)
            if not _NOT_FOR_LEARNERS.search(sentence)]
    return " ".join(kept).strip()


#: Styles and one small script for what ipywidgets cannot say by itself (issue 18): the
#: sliders' and Play's buttons' accessible names, the value a slider announces (the log
#: slider's own would be log10 of the learning rate), ``aria-pressed`` on toggles, the
#: pictures' alt text; the busy sign appears only after 0.3 s; a narrow window stacks the
#: columns and keeps the pictures at a readable size (scrolling sideways inside their box).
_PAGE_CSS = """
.dlsnotes-playground .pg-busy-on { opacity: 0; animation: pg-busy-show 0s linear 0.3s forwards; }
@keyframes pg-busy-show { to { opacity: 1; } }
.dlsnotes-playground .pg-busy { min-height: 22px; }
.dlsnotes-playground .pg-busy-on span { display: inline-block; padding: 1px 8px; border-radius: 3px;
  background: #e8f0fe; color: #1a3e8c; font-weight: bold; }
.dlsnotes-playground .widget-toggle-button.mod-active { outline: 2px solid #1a3e8c;
  outline-offset: -2px; font-weight: bold; }
.dlsnotes-playground :focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
@media (max-width: 760px) {
  /* !important: the boxes' own inline style (flex-flow: row wrap) would win otherwise */
  .dlsnotes-playground .pg-main-row, .dlsnotes-playground .pg-maths {
    flex-flow: column nowrap !important; }
  .dlsnotes-playground .pg-main-row > *, .dlsnotes-playground .pg-maths > * {
    width: 100% !important; min-width: 0 !important; }
  .dlsnotes-playground .pg-picture-box { overflow-x: auto; max-width: 100%; }
  .dlsnotes-playground img.pg-image { max-width: none !important; width: 900px !important; }
}
"""
_A11Y_JS = (
    "var root=this.closest('.dlsnotes-playground'),n=0,el=this;"
    "if(!root){if(n<50)setTimeout(function(){el.onerror&&el.onerror();},100);return;}"
    "if(root.dataset.pgA11y)return;root.dataset.pgA11y='1';"
    "var fix=function(){"
    "root.querySelectorAll('.widget-slider').forEach(function(w){"
    "var h=w.querySelector('[role=slider]'),l=w.querySelector('.widget-label'),"
    "r=w.querySelector('.widget-readout');if(!h)return;"
    "if(l&&l.textContent&&h.getAttribute('aria-label')!==l.textContent)"
    "h.setAttribute('aria-label',l.textContent);"
    "if(r&&h.getAttribute('aria-valuetext')!==r.textContent.trim())"
    "h.setAttribute('aria-valuetext',r.textContent.trim());});"
    "root.querySelectorAll('.widget-play').forEach(function(w){"
    "var b=w.querySelectorAll('button');if(b.length<2)return;"
    "var i=b[0].querySelector('i'),p=i&&i.className.indexOf('fa-pause')>=0;"
    "b[0].setAttribute('aria-label',p?'Pause':'Play');b[1].setAttribute('aria-label','Stop');"
    "if(b[2])b[2].setAttribute('aria-label','Repeat');});"
    "root.querySelectorAll('button.widget-toggle-button').forEach(function(b){"
    "var on=b.classList.contains('mod-active')?'true':'false';"
    "if(b.getAttribute('aria-pressed')!==on)b.setAttribute('aria-pressed',on);});"
    "root.querySelectorAll('input[placeholder]:not([aria-label])').forEach(function(i){"
    "if(![].some.call(i.labels||[],function(l){return l.textContent.trim();}))"
    "i.setAttribute('aria-label',i.placeholder);});"
    "root.querySelectorAll('.pg-picture-box').forEach(function(b){"
    "var i=b.querySelector('img'),t=b.querySelector('.pg-image-alt');"
    "if(i&&t&&i.alt!==t.textContent)i.alt=t.textContent;});"
    # a click on a unit of the network view selects it (NetworkPanel.click)
    "root.querySelectorAll('img.pg-network-image').forEach(function(i){"
    "if(i.dataset.pgClick)return;i.dataset.pgClick='1';i.style.cursor='pointer';"
    "i.addEventListener('click',function(e){var r=i.getBoundingClientRect(),"
    "t=root.querySelector('.pg-network-click input');if(!t||!r.width)return;"
    "t.value=((e.clientX-r.left)*i.naturalWidth/r.width).toFixed(1)+','+"
    "((e.clientY-r.top)*i.naturalHeight/r.height).toFixed(1)+','+Date.now();"
    "t.dispatchEvent(new Event('input',{bubbles:true}));});});"
    "root.querySelectorAll('img.pg-network-image').forEach(function(i){if(!i.alt)"
    "i.alt='The network view: each unit\\'s activation drawn over the input plane; dead "
    "units greyed; the selected unit large, with its incoming weights below.';});};"
    "fix();new MutationObserver(fix).observe(root,{subtree:true,childList:true,"
    "characterData:true,attributes:true,attributeFilter:['class','title','src']});"
)


def _page_extras() -> widgets.HTML:
    """The styles and the accessibility script, as one invisible HTML widget."""
    return widgets.HTML(
        f"<style>{_PAGE_CSS}</style><img src='data:,' alt='' style='display:none' "
        f"onerror=\"{html.escape(_A11Y_JS)}\">",
        layout=widgets.Layout(height="0px", overflow="hidden", margin="0")
    ).add_class("pg-page-extras")


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
        "hidden": widgets.Dropdown(options=_menu_options(HIDDEN_ACTIVATIONS, ACTIVATIONS), value=s.hidden,
                                   description="Hidden activation"),
        "slope": widgets.FloatSlider(value=0.01, min=0.0, max=control_range("slope")[1], step=0.01,
                                     description="Leaky slope", continuous_update=False),
        "output": widgets.Dropdown(options=_menu_options(OUTPUT_ACTIVATIONS, ACTIVATIONS), value=s.output,
                                   description="Output activation"),
        "loss": widgets.Dropdown(options=_menu_options(LOSS_NAMES, LOSSES), value=s.loss,
                                 description="Loss"),
        "n_layers": widgets.IntSlider(value=1, min=control_range("n_layers")[0],
                                      max=control_range("n_layers")[1],
                                      description="Hidden layers",
                                      continuous_update=False),
        "n_units": widgets.IntSlider(value=4, min=control_range("n_units")[0],
                                     max=control_range("n_units")[1],
                                     description="Units per layer",
                                     continuous_update=False),
        "learning_rate": widgets.FloatLogSlider(value=1.0, base=10,
                                                min=control_range("learning_rate")[0],
                                                max=control_range("learning_rate")[1],
                                                step=0.1, readout_format=".3g",
                                                description="Learning rate",
                                                continuous_update=False),
        "iterations": widgets.IntSlider(value=2000, min=control_range("iterations")[0],
                                        max=control_range("iterations")[1], step=10,
                                        description="Iterations", continuous_update=False),
        "init": widgets.Dropdown(options=_INIT_OPTIONS, value=s.init, description="Initialisation"),
        # Plain boxes, not Bounded ones: those clip a typed value silently in the browser;
        # the model refuses one outside RANGES with a message instead.
        "seed": widgets.IntText(value=s.seed, description="Seed"),
        "noise": widgets.IntSlider(value=0, min=0, max=control_range("noise")[1], step=5,
                                   description="Noise (%)",
                                   continuous_update=False),
        "train_ratio": widgets.IntSlider(value=s.train_ratio, min=10, max=90, step=10,
                                         description="Train share (%)", continuous_update=False),
        "batch_size": widgets.IntText(value=s.batch_size, description="Batch (0 = all)"),
        "lambd": widgets.FloatText(value=s.lambd, step=0.001, description="L2 strength λ"),
        "lambd_l1": widgets.FloatText(value=s.lambd_l1, step=0.001, description="L1 strength λ₁"),
        "scale": widgets.Checkbox(value=bool(s.scale), description="scale x, y (regression)",
                                  indent=False),
        # TensorFlow Playground's "discretize output": class regions 0/1, not probabilities
        "discretize": widgets.Checkbox(value=bool(s.discretize), indent=False,
                                       description="discretize output (show classes only)"),
        # No description: the label is a separate widget in the button row, so that it
        # lines up with the buttons instead of sitting above them.
        "on_change": widgets.ToggleButtons(options=_ON_CHANGE_OPTIONS, value=s.on_change,
                                           tooltips=["On a change: restart from the seed",
                                                     "On a change: keep training the current weights"],
                                           style={"button_width": "200px"},
                                           layout=widgets.Layout(width="auto")),
    }
    for name in _STRETCHABLE:  # the setting's value, with the range stretched to show it
        _widen(c[name], name, control_value(s, name))
        c[name].value = control_value(s, name)
    for name, control in c.items():
        control.add_class(f"pg-{name.replace('_', '-')}")
        if name not in ("on_change", "scale", "discretize"):
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
        self.controls["dataset"].options = self.model.dataset_options()  # "your data" once there is some
        self.controls["dataset"].value = self.model.settings.dataset
        self._names = {control: name for name, control in self.controls.items()}
        # TensorFlow Playground's per-layer unit counts: "4,2" is two hidden layers of 4 and 2
        # units (the units slider sets every layer to one count). Enter applies.
        self.units_per_layer = widgets.Text(
            value=units_text(self.model.settings), description="Units by layer",
            placeholder="e.g. 4,2", continuous_update=False,
            layout=widgets.Layout(width="330px")).add_class("pg-units-per-layer")
        self.units_per_layer.style.description_width = _DESCRIPTION_WIDTH
        self.play = widgets.Play(value=0, min=0, max=10**9, step=1, interval=300,
                                 show_repeat=False, description="Play",
                                 tooltip="train one step per frame").add_class("pg-play")
        self.step_button = widgets.Button(description="Step", icon="step-forward",
                                          tooltip="train one chunk").add_class("pg-step")
        self.reset_button = widgets.Button(description="Reset", icon="undo",
                                           tooltip="back to the initial weights of the seed"
                                           ).add_class("pg-reset")
        width, height = (int(v * self.figure.dpi) for v in self.figure.figure.get_size_inches())
        # Natural size on a wide page, shrunk (keeping its proportions) on a narrower one;
        # below 760 px it keeps a readable size and scrolls sideways in its box (_PAGE_CSS).
        # Its text alternative (alt, set in the page from the hidden image_text) follows
        # what the picture shows (_picture_text). Not the Image's tooltip: ImageView of
        # ipywidgets 8.1 fails to render when one is set.
        self.image = widgets.Image(format="png", layout=widgets.Layout(
            width=f"{width}px", max_width="100%", height="auto", object_fit="contain")
        ).add_class("pg-image")
        self.image_text = widgets.HTML(layout=widgets.Layout(display="none")
                                       ).add_class("pg-image-alt")
        self.status = widgets.HTML().add_class("pg-status")
        # The "working" sign: shown by the page only when work lasts over 0.3 s (_PAGE_CSS).
        self.busy = widgets.HTML(layout=widgets.Layout(min_height="22px")).add_class("pg-busy")
        self.formula = widgets.HTMLMath(layout=widgets.Layout(width="50%")).add_class("dz-formula")
        self.diagnostics = widgets.HTML().add_class("pg-diagnostics")
        self.badge = widgets.HTML().add_class("pg-gradcheck")
        self.message = widgets.HTML().add_class("pg-message")
        self.redraw_count = 0
        self.data_share = DataShareControls(self)
        self._error = None
        self._syncing = False
        self._last_frame = 0.0
        self._target = None  # the iteration an animated run (on Play's ticks) stops at
        self._speed = None  # gradient steps per second of the last training, to plan a run
        self._pending = {}  # control changes waiting SETTLE_S for more to arrive
        self._settle = None
        self._nudger = None  # the timer that keeps a long run's ticks coming (_nudge)
        self._nudging = False
        super().__init__(children=self._layout())
        self.add_class("dlsnotes-playground")
        self._wire()
        if train:
            self._start_run()
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
        shown = [c[name] for name in CONTROL_NAMES if name != "on_change"]
        shown.insert(shown.index(c["n_units"]) + 1, self.units_per_layer)
        column = widgets.VBox(shown + self.data_share.column_widgets(),
                              layout=widgets.Layout(width="345px", min_width="345px"))
        picture = widgets.Box([self.image, self.image_text], layout=widgets.Layout(max_width="100%")
                              ).add_class("pg-picture-box")
        # The messages sit right under the picture and its status line, where the eye is.
        view = widgets.VBox([self.busy, picture, self.status, self.message],
                            layout=widgets.Layout(max_width="100%", min_width="0", flex="1 1 0%"))
        # Wraps: on a narrow page the picture goes below the controls instead of over them.
        row = widgets.HBox([column, view], layout=widgets.Layout(flex_flow="row wrap")
                           ).add_class("pg-main-row")
        maths = widgets.HBox([self.formula, widgets.VBox([self.badge, self.diagnostics],
                                                         layout=widgets.Layout(width="50%"))]
                             ).add_class("pg-maths")
        return [_page_extras(), buttons, self.data_share.share_row(), row, self.network, maths]

    def _wire(self):
        for control in self.controls.values():
            control.observe(self._on_control, names="value")
        self.units_per_layer.observe(self._on_units_per_layer, names="value")
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
                # "your data" is not in the menu before an upload: the model refuses it below.
                if name in self.controls and not (name == "dataset" and value not in [
                        v for _, v in self.controls["dataset"].options]):
                    value = control_value(self.model.settings.replace(**changes), name)  # units=(4, 2): 4
                    _widen(self.controls[name], name, value)
                    self.controls[name].value = value
        finally:
            self._syncing = False
        self._pending = {}
        self._apply(changes)

    def _refuse(self, exc):
        """Show why a change was refused; the model and the controls keep the old settings."""
        text = learner_words(exc)
        if "Nothing changed" not in text:
            text += " Nothing changed."
        self._error = ("refused", text + " The controls show the settings in use.")
        self.message.value = self._message_html()

    def step(self):
        """Train one chunk and redraw (the Step button, and each Play tick)."""
        with self._working():
            self._guard(self.model.step)
            if self.model.status != "ready" and self.playing:
                self.play.playing = False
            self.redraw()

    # ------------------------------------------------------------------ runs
    def _train_until(self, target, budget):
        """Train towards iteration ``target`` for about ``budget`` seconds (at least one
        slice); slices are whole chunks, or fewer iterations when a chunk is slow."""
        m = self.model
        # Speed is kept in gradient steps per second: an iteration is one step of full-batch
        # descent but an epoch of ceil(m / batch) steps with mini-batches.
        steps = -(-m.data.X_train.shape[1] // m.settings.batch_size) if m.settings.batch_size else 1
        start = time.perf_counter()
        while m.iteration < target and m.status == "ready":
            n = min(m.settings.steps_per_chunk, target - m.iteration)
            if self._speed and math.isfinite(budget):  # about half the budget, >= 1 iteration
                n = max(1, min(n, int(self._speed * budget / 2 / steps)))
            began = time.perf_counter()
            trained = m.step(n)
            if trained == 0:
                break
            self._speed = trained * steps / max(time.perf_counter() - began, 1e-6)
            if time.perf_counter() - start >= budget:
                break

    def _start_run(self):
        """Train a run of ``settings.iterations``: at once if it is quick; if it would take
        longer than :data:`LONG_RUN_S`, its first slice now and the rest on Play's ticks."""
        m = self.model
        target = m.iteration + m.settings.iterations
        was_long, self._target = self._target is not None, None
        start = time.perf_counter()
        first = m.iteration
        self._train_until(min(target, first + m.settings.steps_per_chunk), LONG_RUN_S)
        done = m.iteration - first
        if done and m.iteration < target:
            expected = (time.perf_counter() - start) * (target - first) / done
            if expected <= LONG_RUN_S:
                m.run(target - m.iteration)
        if m.iteration < target and m.status == "ready":
            self._target = target
            self.play.playing = True  # the rest, a slice per tick; controls answer between
            self._schedule_nudge()
        elif was_long:
            self.play.playing = False  # the ticks of the previous long run are not needed

    def _schedule_nudge(self):
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no kernel loop (plain Python): nothing ticks anyway
        if self._nudger is None:
            self._nudger = loop.call_later(1.0, self._nudge)

    def _nudge(self):
        """Keep a long run going. Play's view starts ticking only when ``playing`` changes,
        not when it is first drawn already playing (a run started before the page showed
        the widget, e.g. by a link): while no tick has come for a second, send the change
        again."""
        self._nudger = None
        if self._target is None or not self.playing:
            return
        if time.perf_counter() - self._last_frame > 1.0:
            self._nudging = True
            try:
                self.play.playing = False
                self.play.playing = True
            finally:
                self._nudging = False
        self._schedule_nudge()

    @property
    def running(self) -> bool:
        """Whether a long run is still training on Play's ticks."""
        return self._target is not None

    def reset(self):
        """Back to the initial weights of the seed (the Reset button)."""
        with self._working("resetting"):
            if self.running:
                self.play.playing = False  # a long run in progress ends here (_on_playing)
            self._guard(self.model.reset)
            self.redraw()

    def _on_control(self, change):
        if self._syncing:
            return
        self._pending[self._names[change.owner]] = change.new
        try:  # in a kernel: wait SETTLE_S for more changes (arrow keys), then apply all once
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (plain Python, tests): apply now
            self._apply_pending()
            return
        self.busy.value = "<div class='pg-busy-on' role='status'><span>⏳ training…</span></div>"
        if self._settle is not None:
            self._settle.cancel()
        self._settle = loop.call_later(SETTLE_S, self._apply_pending)

    def _on_units_per_layer(self, change):
        if self._syncing:
            return
        parts = [p.strip() for p in change.new.split(",")]
        if not all(p.isdigit() for p in parts):
            self._refuse(ValueError(
                f"Units by layer must be whole numbers separated by commas, one per hidden "
                f"layer, such as 4,2; got {change.new!r}."))
            self._sync_controls()
            return
        counts = tuple(int(p) for p in parts)
        try:
            self.set(n_layers=len(counts), n_units=counts if len(counts) > 1 else counts[0])
        except (TypeError, ValueError):  # refused and explained by set()
            self._sync_controls()

    def _apply_pending(self):
        self._settle = None
        changes, self._pending = self._pending, {}
        if changes:
            self._apply(changes)

    def _apply(self, changes):
        changes = self.data_share.features_for(changes)

        def update_and_train():
            try:
                result = self.model.update(**changes)
            except (TypeError, ValueError) as exc:  # refused: the model is as it was
                self._refuse(exc)
                return
            # Choosing "continue" or "restart" by itself changes no weights: nothing to
            # train; while the learner's own Play runs, its ticks do the training.
            if result.action != "none" and (not self.playing or self.running):
                self._start_run()
        with self._working():
            self._guard(update_and_train)
            self._sync_controls()
            self._sync_enabled()
            self.redraw()

    def _sync_controls(self):
        """Show the model's settings in the controls (after a refused change, its old value)."""
        s = self.model.settings
        self._syncing = True
        try:
            options = self.model.dataset_options()  # "your data" appears after an upload
            if list(self.controls["dataset"].options) != options:
                self.controls["dataset"].options = options
            for name, control in self.controls.items():
                value = control_value(s, name)
                if control.value != value:
                    _widen(control, name, value)
                    control.value = value
            if self.units_per_layer.value != units_text(s):
                self.units_per_layer.value = units_text(s)
            self.data_share.sync()
        finally:
            self._syncing = False

    def _on_tick(self, change):
        if change.new <= change.old or not self.playing:
            return  # the stop button rewinds the counter; nothing to train
        # Ticks that queued while the kernel was busy arrive back to back: drop them.
        if time.perf_counter() - self._last_frame < 0.5 * self.play.interval / 1000:
            return
        if self._target is None:
            self.step()
        else:  # a long run: one slice, then the kernel is free for the controls again
            with self._working():
                self._guard(lambda: self._train_until(self._target, SLICE_S))
                if self.model.iteration >= self._target or self.model.status != "ready":
                    self._target = None
                    self.play.playing = False
                self.redraw(light=self._target is not None)
        self._last_frame = time.perf_counter()

    def _on_playing(self, change):
        if self._nudging:
            return
        if not change.new and self._target is not None:
            self._target = None  # paused or stopped by hand: the run ends where it is
            self.redraw()
        if change.new and self.model.status != "ready":
            self.play.playing = False
            self.redraw()

    @contextlib.contextmanager
    def _working(self, what="training"):
        """Show the "working" sign while the block runs (the page shows it after 0.3 s)."""
        self.busy.value = (f"<div class='pg-busy-on' role='status'><span>⏳ {html.escape(what)}…"
                           "</span></div>")
        try:
            yield
        finally:
            self.busy.value = ("<div class='pg-busy-on' role='status'><span>⏳ training in steps: "
                               "the controls stay usable…</span></div>" if self.running else "")

    def _guard(self, action):
        """Run ``action``; an unexpected error becomes a message, never a traceback."""
        self._error = None
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - shown to the learner instead of raised
            self._error = ("error", f"{learner_words(exc)} The playground keeps its last "
                                    "working state; try another setting or Reset.")

    def _sync_enabled(self):
        s = self.model.settings
        self.controls["slope"].disabled = "leaky_relu" not in (s.hidden, s.output)
        self.controls["scale"].disabled = self.model.task != "regression"

    # ------------------------------------------------------------------ drawing
    def redraw(self, light: bool = False):
        """Render the picture and refresh every text from the model.

        ``light``: the picture and the status only (the slices of a long run, so that more
        of each tick trains); the network view and the reports follow at the run's end.
        """
        try:
            self.image.value = self.figure.render(self.model)
            self.image_text.value = html.escape(self._picture_text())
        except Exception as exc:  # noqa: BLE001
            self._error = ("error", f"The picture could not be drawn: {learner_words(exc)}")
        self.redraw_count += 1
        panels = [(self.status, self._status_html, "status")]
        if not light:
            self.network.update(self.model)  # catches its own errors, like the panels below
            panels += [(self.formula, self._formula_html, "formula"),
                       (self.diagnostics, self._diagnostics_html, "zero-gradient report"),
                       (self.badge, self._badge_html, "gradient check")]
        # Each panel on its own: one that cannot be computed (weights that overflow after
        # a divergence) says so and leaves the others, and the widget, working.
        for widget, make, what in panels:
            try:
                widget.value = make()
            except Exception as exc:  # noqa: BLE001
                widget.value = (f"<span class='pg-unavailable'>{html.escape(what)}: not available "
                                f"({html.escape(learner_words(exc))})</span>")
        try:
            self.data_share.share.value = self.data_share._share_html()
        except Exception as exc:  # noqa: BLE001
            self.data_share.share.value = f"share: not available ({html.escape(learner_words(exc))})"
        self.message.value = self._message_html()

    @classmethod
    def from_settings(cls, text, *, train=True, X=None, Y=None, csv=None) -> "Playground":
        """The playground a settings text describes (see :mod:`.settings_text`): the same
        data, split, initial weights and training as where the text was copied.

        A text for the learner's own data (``dataset=custom``) needs that data again,
        as ``X=..., Y=...`` or ``csv=...``. A bad text raises ``ValueError`` listing every
        unknown key and bad value.
        """

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

    def _picture_text(self) -> str:
        """The picture in words (its title and alt text)."""
        m = self.model
        left = ("the data and the network's fitted curve" if m.task == "regression" else
                "the decision regions, with training points (dark rim) and test points "
                "(white rim); each class has its own colour and marker shape (circle, square, "
                "triangle)")
        return (f"Left: {left}. Right: train and test cost (log scale) and {m.metric_name} "
                f"over training. {m.summary()}.")

    def _status_html(self):
        m = self.model
        running = ""
        if self._target is not None:
            running = (f" <span class='pg-running'>(training in steps to iteration "
                       f"{self._target:,}; the controls stay usable)</span>")
        return (f"<div class='pg-status-line'><b>{html.escape(m.summary())}</b>{running}<br>"
                f"<small>{html.escape(learner_words(m.last_update.reason))}</small></div>")

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
        n_hidden = sum(m.settings.hidden_units)
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
        # The model judges with a threshold right for this network (kinks, small gradients)
        # and says why: report.verdict is passed, failed or inconclusive, report.reason why.
        mark, bg = {"passed": ("✔", "#d4edda"), "failed": ("✘", "#f8d7da"),
                    "inconclusive": ("?", "#eeeeee")}[report.verdict]
        text = f"{mark} gradient check {report.verdict}: difference {report.difference:.1e}"
        return (f"<span class='pg-badge' style='padding:2px 6px;background:{bg}'>"
                f"{html.escape(text)}</span> <small>(current weights, "
                f"{report.examples} examples"
                f"{', J + L2 term' if self.model.settings.lambd else ''}"
                f"{', J + L1 term' if self.model.settings.lambd_l1 else ''}): "
                f"{html.escape(report.reason)}</small>")

    def _message_html(self):
        parts = []
        if self._error:
            kind, text = self._error
            title = "Setting refused" if kind == "refused" else "Something went wrong"
            parts.append(("#f8d7da", title, learner_words(text)))
        for msg in self.model.messages:
            bg = "#fff3cd" if msg.kind == "note" else "#f8d7da"
            parts.append((bg, learner_words(msg.title), learner_words(msg.text)))
        return "".join(
            f"<div class='pg-msg' role='status' style='background:{bg};padding:4px 8px;"
            f"margin:3px 0;border-radius:3px'><b>{html.escape(title)}.</b> "
            f"{html.escape(text)}</div>"
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
    if problem is None:
        return Playground(train=train, **settings)
    # A bad link: use the parts of it that work, and say what was refused and what is shown.
    text = query_from_voila() if query is None else query
    kept, refused = _usable_parts(text)
    pg = None
    if kept:
        try:
            pg = Playground(settings_from_query("&".join(kept)), train=train)
        except (TypeError, ValueError):
            kept = []
    if pg is None:
        pg = Playground(train=train, **settings)
    used = ("the rest of the link: " + ", ".join(kept) if kept else
            "the default setting (" + settings_to_text(pg.model.settings) + ")")
    reasons = " ".join(f"“{part}”: {learner_words(why)}" for part, why in refused) or \
        learner_words(problem)
    pg._error = ("refused", f"This link asked for something the playground cannot use, so "
                            f"that part was left out. {reasons} Shown instead: {used}.")
    pg.message.value = pg._message_html()
    return pg


def _usable_parts(query: str):
    """Split a link's query into the ``key=value`` parts that work alone and the ones that
    do not, with the reason: ``(["dataset=moons"], [("lr=-2", "...")])``."""
    kept, refused = [], []
    for part in (p for p in query.split("&") if p):
        key = part.split("=", 1)[0]
        if key in VOILA_KEYS:
            continue
        try:
            settings_from_query(part)
            kept.append(part)
        except (TypeError, ValueError) as exc:
            problems = getattr(exc, "problems", None) or [str(exc)]
            # "lr='-2': learning rate must be ..." -> "learning rate must be ..."
            why = " ".join(re.sub(r"^\w+='[^']*':\s*", "", p) for p in problems)
            refused.append((part, why))
    return kept, refused
