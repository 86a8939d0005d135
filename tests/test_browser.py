"""The playground in a real browser: Debian's Chromium driven by Playwright.

Voilà serves notebooks/06_playground.ipynb (a fresh server per test, on a free loopback
port, with a token); the tests change controls the way a person does and check that the
formula text and the plotted image change. One test opens the notebook in JupyterLab,
runs all cells from the menu and moves a slider.

The browser fixtures (``chromium_path``, ``browser``, ``page``) are in conftest.py.
Without Chromium these tests skip with a message saying how to get it; with CI=true a
missing browser fails the run instead. Nothing is installed here and Playwright never
downloads a browser: it is pointed at the system one. Requests that would leave the
machine (JupyterLab's and Voilà's pages link a web font on a CDN) are aborted.
"""

from __future__ import annotations

import json
import re

import pytest

from browser_support import serve

pytestmark = pytest.mark.browser

IMAGE = "img.pg-image"
VERDICT = ".dz-formula .dz-verdict"
STATUS = ".pg-status"
MESSAGE = ".pg-message"


@pytest.fixture
def voila(tmp_path):
    with serve("voila", tmp_path) as server:
        yield server


@pytest.fixture
def lab(tmp_path):
    with serve("lab", tmp_path) as server:
        yield server


def _notebook(path, source):
    """A one-cell notebook at ``path`` (for Voilà to serve)."""
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": source}
    path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}), encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- helpers
def picture_digest(page) -> str:
    """SHA-256 of the PNG the image widget shows (read back from its blob URL)."""
    return page.eval_on_selector(IMAGE, """async (img) => {
        const bytes = await (await fetch(img.src)).arrayBuffer();
        const digest = await crypto.subtle.digest('SHA-256', bytes);
        return Array.from(new Uint8Array(digest)).map(b => b.toString(16).padStart(2, '0')).join('');
    }""")


def wait_for_new_picture(page, old_src):
    page.wait_for_function(
        "([sel, old]) => { const img = document.querySelector(sel); "
        "return img && img.src && img.src !== old && img.complete; }",
        arg=[IMAGE, old_src])


def wait_for_text(page, selector, pattern):
    """Wait until the text of ``selector`` matches the regular expression ``pattern``."""
    page.wait_for_function(
        "([sel, pattern]) => { const el = document.querySelector(sel); "
        "return el && new RegExp(pattern).test(el.innerText); }",
        arg=[selector, pattern])
    return page.locator(selector).inner_text()


def change_and_wait(page, select, label):
    """Pick ``label`` in a dropdown and wait for the redraw it causes."""
    old_src = page.get_attribute(IMAGE, "src")
    page.locator(f"{select} select").select_option(label=label)
    wait_for_new_picture(page, old_src)


def open_voila(page, voila):
    page.goto(voila.url)
    page.locator(IMAGE).wait_for()
    wait_for_text(page, VERDICT, "sigmoid \\+ bce")
    assert "Traceback" not in page.content()


# ----------------------------------------------------------------------------- Voilà
def test_voila_dataset_activation_and_loss_change_picture_and_formula(page, voila):
    open_voila(page, voila)
    assert "f'(z) cancels" in page.locator(VERDICT).inner_text()
    seen = {picture_digest(page)}

    change_and_wait(page, ".pg-dataset", "noisy moons")
    wait_for_text(page, STATUS, "dataset changed")
    seen.add(picture_digest(page))
    assert len(seen) == 2, "the picture did not change with the data set"

    change_and_wait(page, ".pg-hidden", "ReLU")
    wait_for_text(page, STATUS, "hidden changed")
    seen.add(picture_digest(page))
    assert len(seen) == 3, "the picture did not change with the hidden activation"

    before = page.locator(VERDICT).inner_text()
    change_and_wait(page, ".pg-loss", "MSE (½ squared error)")
    after = wait_for_text(page, VERDICT, "sigmoid \\+ mse")
    assert after != before
    assert "does not cancel" in after
    seen.add(picture_digest(page))
    assert len(seen) == 4, "the picture did not change with the loss"
    assert "Traceback" not in page.content()


def test_voila_impossible_pairing_explains_instead_of_a_traceback(page, voila):
    open_voila(page, voila)
    change_and_wait(page, ".pg-output", "ReLU")
    message = wait_for_text(page, MESSAGE, "cannot train")
    assert "relu + bce cannot train" in message
    assert "(0, 1)" in message
    assert "gradient check: not run" in page.locator(".pg-gradcheck").inner_text()
    # Choosing regression data picks a regression output and loss (issue 18) ...
    change_and_wait(page, ".pg-output", "sigmoid")
    change_and_wait(page, ".pg-dataset", "regression y = 3x² + 3x")
    wait_for_text(page, VERDICT, "linear \\+ mse")
    # ... and BCE chosen by hand on it is refused, with its own reason.
    change_and_wait(page, ".pg-loss", "BCE (binary cross-entropy)")
    message = wait_for_text(page, MESSAGE, "cannot fit a regression target")
    assert "Choose loss MSE with a linear output" in message
    assert "Traceback" not in page.content()


def test_voila_reset_then_play_trains_in_chunks_and_pause_stops(page, voila):
    open_voila(page, voila)
    old_src = page.get_attribute(IMAGE, "src")
    page.locator(".pg-reset").click()
    wait_for_new_picture(page, old_src)
    wait_for_text(page, STATUS, "^iteration 0:")
    start = picture_digest(page)

    play = page.locator(".pg-play button").first
    play.click()
    wait_for_text(page, STATUS, "^iteration (2|3|4|5)00:")
    play.click()  # pause
    page.wait_for_function(
        "(sel) => document.querySelector(sel).querySelector('button i').className.includes('fa-play')",
        arg=".pg-play")
    assert picture_digest(page) != start, "the picture did not change while playing"
    page.wait_for_timeout(1000)  # a tick already on its way to the kernel may still land
    paused_at = page.locator(STATUS).inner_text().split(":")[0]
    page.wait_for_timeout(1500)
    assert page.locator(STATUS).inner_text().split(":")[0] == paused_at, "training went on after pause"


# ----------------------------------------------------------------------------- JupyterLab
def test_jupyterlab_runs_all_cells_and_a_slider_retrains(page, lab):
    page.goto(lab.url)
    page.locator(".jp-Notebook").wait_for()
    assert page.locator(IMAGE).count() == 0  # the served copy has no outputs
    # Run All before the kernel is ready would run nothing: wait for it first.
    page.locator(".jp-StatusBar-Widget", has_text="| Idle").wait_for()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_text("Run All Cells", exact=True).click()
    # Run All scrolls to the end; cells out of view are not rendered, so wait for the
    # last output first, then bring the playground into view.
    page.get_by_text(re.compile(r"scale=True: ready")).wait_for(state="attached")
    page.locator(IMAGE).wait_for(state="attached")
    handle = page.locator(".pg-n-units .noUi-handle")
    handle.scroll_into_view_if_needed()
    wait_for_text(page, STATUS, "^iteration 2000:")
    before = picture_digest(page)
    old_src = page.get_attribute(IMAGE, "src")
    handle.focus()
    page.keyboard.press("ArrowRight")
    wait_for_new_picture(page, old_src)
    wait_for_text(page, STATUS, "units changed")  # in the learner's words, not n_units
    assert page.locator(".pg-n-units .widget-readout").inner_text().strip() == "5"
    assert picture_digest(page) != before
    assert "Traceback" not in page.content()


def test_voila_controls_show_values_set_in_code_and_divergence_is_explained(page, tmp_path):
    # Values beyond the sliders' first ranges: the sliders must stretch, not clip to 8
    # and 10 while the model trains with 50 units at learning rate 500 (which diverges).
    notebook = _notebook(tmp_path / "wide.ipynb", (
        "from dlsnotes.playground import build_playground\n"
        "build_playground(n_units=50, learning_rate=500.0)"))
    with serve("voila", tmp_path, notebook) as server:
        page.goto(server.url)
        page.locator(IMAGE).wait_for()
        message = wait_for_text(page, MESSAGE, "Training diverged at iteration [0-9]+")
        assert "Lower the learning rate" in message
        assert page.locator(".pg-n-units .widget-readout").inner_text().strip() == "50"
        assert page.locator(".pg-learning-rate .widget-readout").inner_text().strip() == "500"
        assert "Traceback" not in page.content()
