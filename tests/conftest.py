"""Shared test hygiene."""

import pytest


@pytest.fixture(autouse=True)
def _close_pyplot_figures():
    """Close pyplot figures a test opened, so the next test starts with none (tests that
    check a widget draws without pyplot assert ``plt.get_fignums() == []``)."""
    yield
    import sys

    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")
