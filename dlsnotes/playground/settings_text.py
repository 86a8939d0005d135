"""A playground setting as one short text, e.g. ``dataset=noisy_moons&hidden=relu&lr=0.3``.

The text is a URL query string: it can be pasted into the widget, passed to
``Playground.from_settings(text)``, or put after ``?`` in a Voilà link (Voilà hands the query
string to the kernel as the environment variable ``QUERY_STRING``).

``settings_to_text(settings, complete=True)`` writes every setting, as TensorFlow
Playground's links do, so a text fixes everything a run depends on: the data (set, noise,
split ratio, features), the network, the seed (initial weights and mini-batch shuffles) and
the training settings; the same text gives the same weights, pasted anywhere.

A text may also name only a few settings (``units=4,2&lr=0.3``): read against a ``base``
(the playground's current settings, for the paste box) it changes only what it names; read
alone (a link) the others take :data:`TEXT_DEFAULTS`. Those defaults are frozen here, not
read from :class:`~dlsnotes.playground.state.Settings`, so an old partial link keeps
restoring the same run if the playground's defaults change.

The ranges are :data:`dlsnotes.playground.state.RANGES`, checked by ``Settings``: a text
is refused with the same message as the control or ``Playground.set``.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import os
from urllib.parse import quote, unquote_plus

from .state import Settings

__all__ = ["TEXT_DEFAULTS", "KEYS", "settings_to_text", "settings_from_text",
           "settings_from_query", "SettingsTextError", "VOILA_KEYS"]

#: The defaults a text is read against (the playground's defaults when texts were introduced).
TEXT_DEFAULTS = {
    "dataset": "planar", "hidden": "tanh", "slope": 0.01, "output": "sigmoid", "loss": "bce",
    "n_layers": 1, "n_units": 4, "learning_rate": 1.2, "iterations": 2000, "init": "small",
    "seed": 1, "scale": True, "on_change": "restart", "chunk": None, "noise": 0,
    "train_ratio": 70, "batch_size": 0, "features": None, "lambd": 0.0, "lambd_l1": 0.0,
    "dtype": "float64", "discretize": False,
}
#: Short key in the text -> setting name, in the order the text is written.
KEYS = {
    "dataset": "dataset", "hidden": "hidden", "slope": "slope", "output": "output",
    "loss": "loss", "layers": "n_layers", "units": "n_units", "lr": "learning_rate",
    "iterations": "iterations", "init": "init", "seed": "seed", "scale": "scale",
    "on_change": "on_change", "chunk": "chunk", "noise": "noise", "ratio": "train_ratio",
    "batch": "batch_size", "features": "features", "l2": "lambd", "l1": "lambd_l1",
    "dtype": "dtype", "discretize": "discretize",
}
#: Short names accepted for data sets (the text is written with the full ones).
DATASET_ALIASES = {"moons": "noisy_moons", "circles": "noisy_circles", "flower": "planar",
                   "gaussian": "gaussian_quantiles", "spiral": "multiclass",
                   "regression": "quadratic"}
#: Query parameters that Voilà itself uses; ignored in a page's query string.
VOILA_KEYS = frozenset({"token", "voila-template", "voila-theme", "template", "theme"})
_INTS = {"n_layers", "n_units", "iterations", "seed", "chunk", "noise", "train_ratio", "batch_size"}
_FLOATS = {"slope", "learning_rate", "lambd", "lambd_l1"}


class SettingsTextError(ValueError):
    """A settings text that cannot be used; ``problems`` lists one sentence per problem."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("The setting text cannot be used: " + " ".join(self.problems)
                         + " Nothing changed.")


def _write(value, name=None) -> str:
    if value is None:
        return "raw" if name == "features" else "auto"  # chunk
    if name == "n_units" and isinstance(value, tuple):
        return ",".join(map(str, value))
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back to the same float
    if isinstance(value, tuple):
        return ",".join(value)
    return str(value)


def settings_to_text(settings: Settings, *, complete: bool = False) -> str:
    """The settings as ``key=value&...``.

    Parameters
    ----------
    settings : Settings
    complete : bool
        Write every setting, so that pasting the text over any other setting restores this
        run (what the share box shows). By default only what differs from
        :data:`TEXT_DEFAULTS` (and the data set) is written: a shorter text that restores
        the run when read alone, as a link is.
    """
    if not isinstance(settings, Settings):
        raise TypeError(f"settings must be a Settings object; got {type(settings).__name__}.")
    parts = []
    for key, name in KEYS.items():
        value = getattr(settings, name)
        if complete or name == "dataset" or value != TEXT_DEFAULTS[name]:
            parts.append(f"{key}={quote(_write(value, name), safe=',._-')}")
    return "&".join(parts)


def _read(name, text):
    """One value from its text; ValueError with the expected form."""
    if name in ("scale", "discretize"):
        lowered = text.lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"expected 1 or 0 (true/false); got {text!r}")
    if name == "chunk" and text.lower() in ("", "none", "auto"):
        return None
    if name == "features":
        return None if text.lower() in ("", "none", "raw") else tuple(
            f.strip() for f in text.split(",") if f.strip())
    if name == "dataset":
        return DATASET_ALIASES.get(text, text)
    if name == "n_units" and "," in text:
        try:
            return tuple(int(part) for part in text.split(",") if part.strip())
        except ValueError:
            raise ValueError(f"expected whole numbers, one per hidden layer, such as 4,2; got "
                             f"{text!r}") from None
    if name in _INTS:
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"expected a whole number; got {text!r}") from None
    if name in _FLOATS:
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"expected a number such as 0.3 or 1e-3; got {text!r}") from None
        if not math.isfinite(value):
            raise ValueError(f"expected a finite number; got {text!r}")
        return value
    return text


def parse_pairs(text, ignore=()):
    """``{setting name: raw text}`` and a list of problems (unknown keys, repeats, no '=')."""
    if not isinstance(text, str):
        raise TypeError(f"The setting text must be a str; got {type(text).__name__}.")
    text = text.strip()
    if "?" in text:  # a whole link: keep its query part
        text = text.split("?", 1)[1]
    text = text.split("#", 1)[0]
    pairs, problems = {}, []
    for piece in filter(None, text.replace(";", "&").split("&")):
        if "=" not in piece:
            problems.append(f"'{unquote_plus(piece)}' has no '=': write key=value, e.g. lr=0.3.")
            continue
        key, value = (unquote_plus(part).strip() for part in piece.split("=", 1))
        if key in ignore:
            continue
        name = KEYS.get(key, key if key in TEXT_DEFAULTS else None)
        if name is None:
            close = difflib.get_close_matches(key, list(KEYS) + list(TEXT_DEFAULTS), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            problems.append(f"Unknown key '{key}'.{hint} Known keys: {', '.join(KEYS)}.")
            continue
        if name in pairs:
            problems.append(f"'{key}' is given twice; give each setting once.")
            continue
        pairs[name] = (key, value)
    return pairs, problems


def settings_from_text(text, *, ignore=(), base: Settings | None = None) -> Settings:
    """The :class:`Settings` a text describes.

    Parameters
    ----------
    text : str
        ``key=value&...``, or a whole link (its query part is read).
    ignore : collection of str
        Keys to skip (Voilà's own).
    base : Settings, optional
        What the keys the text does not name keep: the playground's current settings for
        a pasted text, so that ``units=100`` changes the units and nothing else. By
        default :data:`TEXT_DEFAULTS` (a link opens a fresh playground).

    Raises
    ------
    SettingsTextError
        (a ``ValueError``) listing every unknown key, repeated key and bad value, each with
        what is allowed.
    """
    pairs, problems = parse_pairs(text, ignore)
    if not pairs and not problems:
        problems.append("The text is empty; paste a setting such as dataset=noisy_moons&lr=0.3.")
    values = {}
    if base is None:
        base = Settings(**TEXT_DEFAULTS)
    elif not isinstance(base, Settings):
        raise TypeError(f"base must be a Settings object or None; got {type(base).__name__}.")
    for name, (key, raw) in pairs.items():
        try:
            value = _read(name, raw)
            one = {name: value}
            if name == "n_units" and isinstance(value, tuple):  # judged with its layers below
                one["n_layers"] = len(value)
            base.replace(**one)  # Settings' own check, one value at a time
        except (TypeError, ValueError) as exc:
            problems.append(f"{key}={raw!r}: {exc}".rstrip(".") + ".")
            continue
        values[name] = value
    if problems:
        raise SettingsTextError(problems)
    try:
        return base.replace(**values)
    except (TypeError, ValueError) as exc:  # settings that do not fit together (units, layers)
        raise SettingsTextError([str(exc)]) from None


def settings_from_query(query=None):
    """Settings from a Voilà page's query string, or None when there is none.

    ``query`` defaults to the environment variable ``QUERY_STRING``, which Voilà sets in the
    kernel for the page's request (checked with Voilà 0.5). Voilà's own parameters such as
    ``token`` are ignored. A query with only those gives None.
    """
    if query is None:
        query = os.environ.get("QUERY_STRING", "")
    pairs, problems = parse_pairs(query, VOILA_KEYS)
    if not pairs and not problems:
        return None
    return settings_from_text(query, ignore=VOILA_KEYS)


def changed_fields(old: Settings, new: Settings) -> dict:
    """The fields of ``new`` that differ from ``old``."""
    return {f.name: getattr(new, f.name) for f in dataclasses.fields(new)
            if getattr(old, f.name) != getattr(new, f.name)}
