"""The playground's data and sharing widgets: CSV upload, input features, share and paste.

:class:`DataShareControls` is built by :class:`~dlsnotes.playground.widgets.Playground` and
works on it; the state changes go through the model (:meth:`PlaygroundModel.use_data`,
:meth:`PlaygroundModel.update`), which is all or nothing, so a refused file or text leaves
the playground exactly as it was and the reason appears in the widget's message area.

An uploaded file is only read as text by :func:`dlsnotes.datasets.read_csv_text`:
nothing in it is executed or unpickled.
"""

from __future__ import annotations

import html
import json
import os

import ipywidgets as widgets
import traitlets

from ..datasets import TASKS
from .features import FEATURE_LABELS, FEATURES
from .settings_text import (VOILA_KEYS, changed_fields, parse_pairs, settings_from_query,
                            settings_from_text, settings_to_text)
from .state import UpdateResult
from .userdata import SUGGESTED, custom_from_arrays, custom_from_csv

__all__ = ["DataShareControls", "custom_data", "query_from_voila"]

#: Features that need only x1 (all a one-input regression can use).
_ONE_INPUT = ("x1", "x1sq", "sin_x1")

_COPY_JS = (
    "const box = this.parentNode.querySelector('.pg-share-text'); box.select(); "
    "const done = () => { this.textContent = 'Copied'; "
    "setTimeout(() => { this.textContent = 'Copy'; }, 1500); }; "
    "if (navigator.clipboard) { navigator.clipboard.writeText(box.value).then(done, "
    "() => { document.execCommand('copy'); done(); }); } "
    "else { document.execCommand('copy'); done(); }"
)
#: The address bar follows the settings (as TensorFlow Playground's does): run by an invisible
#: image's onerror each time the share box is redrawn. Voilà's own query keys (the token, the
#: template) are kept; the page is not reloaded. ``{query}`` is the setting's short text.
_ADDRESS_JS = (
    # window.URL: inside an inline handler a bare URL is document.URL, a string
    "var u=new window.URL(window.location.href),q=new window.URLSearchParams('{query}');"
    "u.searchParams.forEach(function(v,k){{if({voila_keys}.indexOf(k)>=0)q.append(k,v);}});"
    "var s=q.toString();if(u.search!=='?'+s)history.replaceState(null,'',u.pathname+(s?'?'+s:''));"
)


def custom_data(X=None, Y=None, csv=None):
    """The learner's data from ``X``/``Y`` or a CSV path, or None when none is given."""
    if csv is not None:
        if X is not None or Y is not None:
            raise TypeError("Give either csv='path.csv' or X=..., Y=..., not both.")
        return custom_from_csv(csv)
    if X is None and Y is None:
        return None
    if X is None or Y is None:
        raise TypeError("Give both X (inputs, one column per example) and Y (labels or targets).")
    return custom_from_arrays(X, Y)


def in_voila() -> bool:
    """Whether this kernel serves a Voilà page (Voilà sets SERVER_SOFTWARE=voila/<version>)."""
    return os.environ.get("SERVER_SOFTWARE", "").startswith("voila/")


def query_from_voila() -> str:
    """The page's query string under Voilà (environment variable QUERY_STRING), else ''."""
    return os.environ.get("QUERY_STRING", "") if in_voila() else ""


#: Feature names as the buttons and the messages show them (subscripts, as in the course).
FEATURE_WORDS = {"x1": "x₁", "x2": "x₂", "x1sq": "x₁²", "x2sq": "x₂²", "x1x2": "x₁x₂",
                 "sin_x1": "sin(x₁)", "sin_x2": "sin(x₂)"}
for _name in FEATURE_LABELS:  # a feature added later keeps its own label
    FEATURE_WORDS.setdefault(_name, FEATURE_LABELS[_name])


def raw_features(n_inputs):
    return ("x1", "x2") if n_inputs >= 2 else ("x1",)


class FeatureToggles(widgets.HBox):
    """One toggle button per input feature, as TensorFlow Playground shows them.

    ``value`` is the tuple of the features switched on, in :data:`FEATURES` order; setting it
    switches the buttons, and clicking a button changes it.
    """

    value = traitlets.Tuple()

    def __init__(self, value=("x1", "x2")):
        # A button says "on" by a mark, not only by its shade: "✓ x₁" (and aria-pressed,
        # set in the page by the playground's script).
        self.buttons = {name: widgets.ToggleButton(
            description=FEATURE_WORDS[name], tooltip=f"input feature {FEATURE_WORDS[name]}",
            layout=widgets.Layout(width="auto", min_width="62px", height="28px", margin="1px")
        ).add_class(f"pg-feature-{name.replace('_', '-')}") for name in FEATURES}
        label = widgets.Label("Input features", layout=widgets.Layout(width="125px"))
        box = widgets.HBox(list(self.buttons.values()),
                           layout=widgets.Layout(flex_flow="row wrap", width="205px"))
        super().__init__([label, box], layout=widgets.Layout(width="340px"))
        self._updating = False
        for button in self.buttons.values():
            button.observe(self._on_button, names="value")
        self.observe(self._on_value, names="value")
        self.value = tuple(value)

    def _on_button(self, change):
        if not self._updating:
            self.value = tuple(n for n, b in self.buttons.items() if b.value)

    @traitlets.validate("value")
    def _order(self, proposal):
        return tuple(n for n in FEATURES if n in proposal["value"])

    def _on_value(self, change):
        self._updating = True
        try:
            for name, button in self.buttons.items():
                button.value = name in change.new
                button.description = ("✓ " if button.value else "") + FEATURE_WORDS[name]
        finally:
            self._updating = False


class DataShareControls:
    """Upload, features, the share box and the paste box of one playground."""

    def __init__(self, pg):
        self.pg = pg
        self.upload = widgets.FileUpload(
            accept=".csv,text/csv,text/plain", multiple=False, description="Upload CSV",
            tooltip="3 columns x1, x2, label (0/1 or 0..K-1), or 2 columns x, y; header optional",
            layout=widgets.Layout(width="150px")).add_class("pg-upload")
        self.upload_help = widgets.HTML(
            "<small>x1,x2,label or x,y</small>").add_class("pg-upload-help")
        self.features = FeatureToggles().add_class("pg-features")
        self.share = widgets.HTML().add_class("pg-share")
        # continuous_update=False: the value reaches the kernel on Enter (or on leaving the
        # box), and the observer below applies it -- Enter applies, as in any form.
        self.paste = widgets.Text(placeholder="paste a setting (text or link) here",
                                  continuous_update=False,
                                  layout=widgets.Layout(width="320px")).add_class("pg-paste")
        self.apply_button = widgets.Button(description="Apply setting", icon="check",
                                           tooltip="restore the pasted setting"
                                           ).add_class("pg-apply-setting")
        m = pg.model
        self.features.value = m.settings.features or raw_features(m.data.n_inputs)
        self.upload.observe(self._on_upload, names="value")
        self.features.observe(self._on_features, names="value")
        self.apply_button.on_click(lambda _: self.apply_text(self.paste.value))
        self.paste.observe(self._on_paste, names="value")

    # ------------------------------------------------------------------ layout
    def column_widgets(self):
        """Shown under the controls: the features and the upload button."""
        upload_row = widgets.HBox([self.upload, self.upload_help],
                                  layout=widgets.Layout(align_items="center"))
        return [self.features, upload_row]

    def share_row(self):
        paste = widgets.HBox([self.paste, self.apply_button],
                             layout=widgets.Layout(align_items="center"))
        return widgets.HBox([self.share, paste], layout=widgets.Layout(
            flex_flow="row wrap", align_items="center")).add_class("pg-share-row")

    # ------------------------------------------------------------------ sync
    def sync(self):
        """Show the model's features and settings text."""
        m = self.pg.model
        shown = m.settings.features or raw_features(m.data.n_inputs)
        if tuple(self.features.value) != tuple(shown):
            self.features.value = shown  # the caller holds pg._syncing
        self.share.value = self._share_html()

    def _share_html(self):
        # Complete: pasted into any playground's box it restores this setting (a partial
        # text changes only what it names).
        text = settings_to_text(self.pg.model.settings, complete=True)
        value = html.escape(text, quote=True)
        link = (f" <a class='pg-share-link' href='?{value}' target='_blank'>link</a>"
                if in_voila() else "")
        return (f"<div class='pg-share-box'><b>Share this setting:</b> "
                f"<input class='pg-share-text' readonly aria-label='Share this setting' "
                f"value=\"{value}\" size='48' "
                f"onclick='this.select()' style='font-family:monospace;font-size:90%'> "
                f"<button class='pg-copy' type='button' onclick=\"{html.escape(_COPY_JS)}\">Copy"
                f"</button>{link}{self._address_html()}</div>")

    def _address_html(self):
        """Under Voilà, an invisible image whose onerror puts the setting in the address bar."""
        if not in_voila() or self.pg.model.settings.dataset == "custom":  # a link carries no data
            return ""
        query = settings_to_text(self.pg.model.settings)  # short: what differs from the defaults
        script = _ADDRESS_JS.format(query=query.replace("\\", "").replace("'", ""),
                                    voila_keys=json.dumps(sorted(VOILA_KEYS)))
        # The source names the setting: a new, never-loaded source for every setting, so the
        # browser fires onerror afresh (with one fixed source it could answer from the last
        # failure, and the address stayed one change behind).
        source = html.escape(f"data:text/x-setting,{query}", quote=True)
        return (f"<img class='pg-address' src=\"{source}\" alt='' style='display:none' "
                f"onerror=\"{html.escape(script)}\">")

    def _on_paste(self, change):
        if change.new.strip() and not self.pg._syncing:
            self.apply_text(change.new)

    def features_for(self, changes):
        """When the data set changes to one-input data, keep only the x1 features."""
        m = self.pg.model
        if "dataset" not in changes or "features" in changes or m.settings.features is None:
            return changes
        dataset = changes["dataset"]
        if dataset == "custom":
            one_input = m.custom is not None and m.custom.X.shape[0] == 1
        else:
            one_input = TASKS.get(dataset) == "regression"
        if one_input and any(f not in _ONE_INPUT for f in m.settings.features):
            kept = tuple(f for f in m.settings.features if f in _ONE_INPUT)
            return {**changes, "features": kept or None}
        return changes

    # ------------------------------------------------------------------ handlers
    def _on_features(self, change):
        pg = self.pg
        if pg._syncing:
            return
        value = tuple(change.new)
        raw = raw_features(pg.model.data.n_inputs)
        pg._apply({"features": None if value == raw else value})

    def _on_upload(self, change):
        if not change.new:
            return  # the reset below
        item = change.new[0]
        self.load_bytes(bytes(item["content"]), item.get("name", "uploaded file"))
        self.pg._syncing = True
        try:
            self.upload.value = ()  # the same file can be uploaded again
        finally:
            self.pg._syncing = False

    def load_bytes(self, content: bytes, name: str) -> bool:
        """Use CSV content as the data (an upload); a bad file is explained, nothing changes."""
        pg = self.pg

        def load():
            try:
                pg.model.use_data(custom_from_csv(content, name))
            except (TypeError, ValueError) as exc:
                pg._error = ("refused", f"{exc} The playground keeps its data and settings.")
                return
            self.upload.description = f"Data: {name}"[:28]  # the button names the file in use
            if not pg.playing or pg.running:
                pg._start_run()  # a long run goes on in steps (Playground._start_run)
        with pg._working("reading your file"):  # the "working" sign, after 0.3 s
            pg._guard(load)
            return self._show_outcome()

    def apply_text(self, text) -> bool:
        """Restore a pasted setting: the same data, split, initial weights and training.

        A text that cannot be used is explained and nothing changes.
        """
        pg = self.pg
        try:
            # A partial text (units=100) changes only what it names: the rest is kept.
            new = settings_from_text(text, base=pg.model.settings)
        except (TypeError, ValueError) as exc:
            pg._refuse(exc)
            return False
        # What the text names is passed even when unchanged, so that the model's choices
        # for new data (model.suggestions) only fill in what the text leaves open.
        named = parse_pairs(text)[0]
        changes = {**changed_fields(pg.model.settings, new),
                   **{name: getattr(new, name) for name in named}}

        def restore():
            try:
                if changes:
                    pg.model.update(**changes)
            except (TypeError, ValueError) as exc:
                pg._error = ("refused", f"{exc} The controls show the settings in use.")
                return
            pg.model.restart()  # the run starts from the seed, whatever on_change says
            pg.model.last_update = UpdateResult(
                "restart", f"setting restored: restarted from seed {new.seed}")
            if not pg.playing or pg.running:
                pg._start_run()  # a long run goes on in steps (Playground._start_run)
        with pg._working("restoring the setting"):  # the "working" sign, after 0.3 s
            pg._guard(restore)
            return self._show_outcome()

    def _show_outcome(self) -> bool:
        """Controls, picture and message after an upload or a pasted setting; True if it was used."""
        pg = self.pg
        error = pg._error  # syncing the controls or redrawing may replace it; show this one
        pg._sync_controls()
        pg._sync_enabled()
        pg.redraw()
        pg._error = error
        pg.message.value = pg._message_html()
        return error is None


def settings_from_page(query=None):
    """Settings from the Voilà page's query (or ``query``): ``(settings or None, error or None)``."""
    text = query_from_voila() if query is None else query
    try:
        return settings_from_query(text), None
    except (TypeError, ValueError) as exc:
        return None, exc


def suggested_changes(custom, settings_given: bool) -> dict:
    """Changes that select the learner's data (and, unless settings were given, its pairing)."""
    if custom is None:
        return {}
    return {"dataset": "custom"} if settings_given else {"dataset": "custom", **SUGGESTED[custom.task]}
