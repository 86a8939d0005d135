"""Every text the playground shows is in the learner's words (issue 18).

The playground is driven through bad input of every kind it accepts — values out of range,
impossible pairings, divergence, bad CSV files, bad pasted settings, bad links, errors in
its own code — and every message, status line, badge and report it then shows is searched
for what a learner cannot act on: exception names, code, internal setting names
(``n_units``, ``lambd``, ``x1sq``, ``sin_x1``) and maintenance advice.

The share box is not searched: it shows the setting as a link's text on purpose.
"""

from __future__ import annotations

import html
import re

import pytest

from dlsnotes.playground import build_playground
from dlsnotes.playground.widgets import learner_words

FORBIDDEN = [
    r"\b\w*(Error|Exception|Warning)\b", r"Traceback", r"\bn_units\b", r"\bn_layers\b",
    r"\blambd\b", r"\blearning_rate\b", r"\bbatch_size\b", r"\btrain_ratio\b", r"\bx1sq\b",
    r"\bx2sq\b", r"\bsin_x1\b", r"\bsin_x2\b", r"regenerate", r"make_data", r"\.py\b",
    r"Playground\(", r"PlaygroundModel", r"\bupdate\(\w+=", r"\b\w+='", r"\bcustom=",
    r"\bkwargs\b", r"encountered in",  # numpy's own words ("overflow encountered in ...")
]


def shown_text(pg) -> str:
    """What the learner reads: messages, status, formula verdict, badge, reports, picture text."""
    parts = [pg.message.value, pg.status.value, pg.badge.value, pg.diagnostics.value,
             pg.image_text.value, pg.busy.value]
    text = re.sub(r"<[^>]+>", " ", " ".join(parts))
    return html.unescape(text)


def problems(text):
    return [pattern for pattern in FORBIDDEN if re.search(pattern, text)]


def _set(pg, **changes):
    try:
        pg.set(**changes)
    except (TypeError, ValueError):
        pass  # refused: the message is what matters here


BAD_SETTINGS = [
    dict(n_units=0), dict(n_units=10**6), dict(n_layers=0), dict(lambd=-1.0),
    dict(learning_rate=-2.0), dict(learning_rate=float("nan")), dict(batch_size=-3),
    dict(train_ratio=5), dict(features=()), dict(features=("x1sq", "nonsense")),
    dict(seed=-1), dict(slope=2.0), dict(dataset="custom"), dict(hidden="nonsense"),
    dict(output="relu", loss="bce"), dict(output="softmax", loss="bce"),
    dict(dataset="quadratic", output="sigmoid", loss="bce"),
    dict(dataset="quadratic", output="linear", loss="mse", scale=False, learning_rate=5.0),
    dict(n_units=50, learning_rate=500.0), dict(lambd=0.5), dict(batch_size=16, iterations=100),
    dict(features=("x1sq", "sin_x1"), dataset="quadratic"),
]

BAD_FILES = [
    b"", b"x1,x2,label\n0.1,0.2,1\n0.3,oops,0\n", b"1,2,0\n", b"x1,x2,label\n1,2,7\n3,4,0\n",
    b"\xff\xfe\x00bad", b"x1,x2,label\n" + b"1e308,1,0\n" + b"0.1,0.2,1\n" * 20,
    b"a;b;c\n1;2;3\n", b"x,y\n1,2\n",
]

BAD_TEXTS = ["", "units=100", "dataset=custom", "hiden=relu", "lr=abc", "features=x1sq,zz",
             "l2=-1", "batch=-2", "layers=99", "dataset=planar&dataset=moons", "noequals"]

BAD_LINKS = ["dataset=moons&lr=-2&colour=red", "units=0&l2=-1", "dataset=custom",
             "features=sin_x2&dataset=quadratic", "%%%", "layers=abc&units=1e9"]


@pytest.fixture(scope="module")
def pg():
    return build_playground(iterations=100)


def test_learner_words_translates_code_names_and_drops_code_and_advice():
    text = learner_words("update(n_units=0, lambd=-1) was refused: ValueError: n_units must be "
                         "from 1 to 8; features x1sq, sin_x1 are unknown. Regenerate the "
                         "files with python data/make_data.py. Nothing changed.")
    assert text == ("units must be from 1 to 8; features x₁², sin(x₁) are unknown. "
                    "Nothing changed.")
    assert learner_words("Choose output='linear'") == "Choose Output activation “Linear”" or \
        "Output activation" in learner_words("Choose output='linear'")


@pytest.mark.parametrize("changes", BAD_SETTINGS, ids=lambda c: ",".join(c))
def test_messages_after_a_bad_setting_are_in_the_learners_words(pg, changes):
    _set(pg, **changes)
    for name, control in pg.controls.items():  # the same through the controls
        if name in changes and name not in ("dataset", "features"):
            try:
                control.value = changes[name]
            except Exception:  # noqa: BLE001 - a widget refusing a type is fine here
                pass
    text = shown_text(pg)
    assert problems(text) == [], text
    _set(pg, dataset="planar", output="sigmoid", loss="bce", n_units=4, n_layers=1,
         learning_rate=1.2, lambd=0.0, batch_size=0, features=None, scale=True, slope=0.01)


@pytest.mark.parametrize("content", BAD_FILES, ids=range(len(BAD_FILES)))
def test_messages_after_a_bad_file_are_in_the_learners_words(pg, content):
    pg.load_csv_bytes(content, "mine.csv")
    assert problems(shown_text(pg)) == [], shown_text(pg)


@pytest.mark.parametrize("text", BAD_TEXTS)
def test_messages_after_a_bad_pasted_setting_are_in_the_learners_words(pg, text):
    pg.apply_settings_text(text)
    assert problems(shown_text(pg)) == [], shown_text(pg)


@pytest.mark.parametrize("query", BAD_LINKS)
def test_a_bad_link_names_what_it_refused_and_what_is_shown_instead(query):
    pg = build_playground(query=query, iterations=100)
    text = shown_text(pg)
    assert problems(text) == [], text
    assert "Shown instead:" in text
    first_bad = {"dataset=moons&lr=-2&colour=red": "“lr=-2”", "units=0&l2=-1": "“units=0”",
                 "dataset=custom": None}.get(query)
    if first_bad:
        assert first_bad in text


def test_an_error_inside_the_playground_is_shown_without_its_exception_name(monkeypatch):
    pg = build_playground(iterations=100)

    def broken(*args, **kwargs):
        raise ZeroDivisionError("float division by zero in a chunk")
    monkeypatch.setattr(pg.model, "step", broken)
    pg.controls["hidden"].value = "relu"
    text = shown_text(pg)
    assert "Something went wrong" in text and "division by zero" in text
    assert problems(text) == [], text
