"""A widget playground: the TensorFlow Playground inside Jupyter, plus the maths.

``build_playground()`` returns the :class:`Playground` widget; the notebook
``notebooks/06_playground.ipynb`` teaches with it and ``make playground`` serves it alone
as an app (``app/playground.ipynb`` with Voilà, configured by ``app/voila.py``). The computation lives in :class:`PlaygroundModel` (no widgets, testable on its own)
and the picture in :class:`PlaygroundFigure` (one reused matplotlib figure); the network
view (every unit's map, :mod:`dlsnotes.playground.network`) in :class:`NetworkPanel`.
"""

from .network import NetworkPanel, network_state, playground_snapshot, unit_detail
from .render import PlaygroundFigure
from .state import (
    DATASET_LABELS,
    HIDDEN_ACTIVATIONS,
    INIT_NAMES,
    LOSS_NAMES,
    ON_CHANGE,
    OUTPUT_ACTIVATIONS,
    HistoryPoint,
    Message,
    PlaygroundData,
    PlaygroundModel,
    Settings,
    UpdateResult,
    prepare_data,
)
from .settings_text import settings_from_text, settings_to_text
from .userdata import CustomData
from .widgets import CONTROL_NAMES, Playground, build_playground

__all__ = [
    "build_playground", "Playground", "CONTROL_NAMES",
    "DATASET_LABELS", "HIDDEN_ACTIVATIONS", "OUTPUT_ACTIVATIONS", "LOSS_NAMES", "INIT_NAMES",
    "ON_CHANGE", "Settings", "PlaygroundData", "HistoryPoint", "Message", "UpdateResult",
    "PlaygroundModel", "PlaygroundFigure", "prepare_data",
    "NetworkPanel", "network_state", "unit_detail", "playground_snapshot",
    "settings_to_text", "settings_from_text", "CustomData",
]
