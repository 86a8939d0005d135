"""The backprop explorer of notebooks/08_backprop_with_numbers.ipynb in a real browser (Voilà,
Debian's Chromium through Playwright): stepping redraws the network and the formula, a typed value is
judged, and changing the loss rebuilds the trace. Browser fixtures come from conftest.py."""

from __future__ import annotations

import pytest

from browser_support import REPO, serve
from test_browser import wait_for_text

pytestmark = pytest.mark.browser

NOTEBOOK = REPO / "notebooks" / "08_backprop_with_numbers.ipynb"
IMAGE, FORMULA, VERDICT, MESSAGE = "img.bx-image", ".bx-formula", ".bx-verdict", ".bx-message"


@pytest.fixture
def voila08(tmp_path):
    with serve("voila", tmp_path, NOTEBOOK) as server:
        yield server


def test_step_check_and_change_loss(page, voila08):
    page.goto(voila08.url)
    page.locator(IMAGE).wait_for()
    assert "Traceback" not in page.content()
    # The notebook leaves the explorer at dZ[2]_1 of Mazur's example.
    wait_for_text(page, FORMULA, "0.138499")
    before = page.get_attribute(IMAGE, "src")
    page.locator(".bx-next").click()
    wait_for_text(page, FORMULA, "0.17551")  # g'(Z[2]_2) = A(1 - A) comes next
    page.wait_for_function("([sel, old]) => document.querySelector(sel).src !== old", arg=[IMAGE, before])

    answer = page.locator(".bx-answer input")
    answer.fill("0.7729")  # A[2]_2 itself instead of A(1 - A)
    answer.press("Enter")
    wait_for_text(page, VERDICT, "That is the value of A\\[2\\]_2")
    answer.fill("0.1755")
    answer.press("Enter")
    wait_for_text(page, VERDICT, "✔ g'\\(Z\\[2\\]_2\\) = 0.17551")

    page.locator(".bx-output select").select_option(label="softmax")
    wait_for_text(page, MESSAGE, "activations=\\[sigmoid, softmax\\], loss='mse'")
    page.locator(".bx-loss select").select_option(label="cce")
    wait_for_text(page, MESSAGE, "loss='cce'")
    page.locator(".bx-backward").click()  # to the last forward value: the loss
    wait_for_text(page, FORMULA, "0.636599")  # -log(softmax) of Mazur's output layer
    assert "Traceback" not in page.content()
