"""The backprop explorer of notebooks/08_backprop_with_numbers.ipynb in a real browser (Voilà,
Debian's Chromium through Playwright): in quiz mode the current value is hidden until a typed number
is right or "reveal" is pressed, a verdict disappears when the step or the network changes,
stepping redraws the network and the formula, and changing the loss rebuilds the trace. Browser
fixtures come from conftest.py."""

from __future__ import annotations

import pytest

from browser_support import REPO, is_local, serve
from test_browser import wait_for_text
from test_browser_app import overlapping_boxes

pytestmark = pytest.mark.browser

NOTEBOOK = REPO / "notebooks" / "08_backprop_with_numbers.ipynb"
IMAGE, FORMULA, VERDICT, MESSAGE = "img.bx-image", ".bx-formula", ".bx-verdict", ".bx-message"


@pytest.fixture
def voila08(tmp_path):
    with serve("voila", tmp_path, NOTEBOOK) as server:
        yield server


def test_quiz_step_check_reveal_and_change_loss(page, voila08):
    page.goto(voila08.url)
    page.locator(IMAGE).wait_for()
    assert "Traceback" not in page.content()
    # The notebook leaves the explorer at g'(Z[1]_1) of Mazur's example (a value no cell printed), in
    # quiz mode: value hidden.
    wait_for_text(page, FORMULA, "0.59327")         # the numbers put in are shown ...
    assert "0.241301" not in page.inner_text(FORMULA)  # ... the value is not
    assert page.locator(".bx-reveal").is_enabled()
    answer = page.locator(".bx-answer input")
    answer.fill("0.648")  # 1 - A², tanh's derivative: the slip is named, the value still hidden
    answer.press("Enter")
    wait_for_text(page, VERDICT, "tanh's derivative")
    assert "0.241301" not in page.inner_text(VERDICT) + page.inner_text(FORMULA)
    before = page.get_attribute(IMAGE, "src")
    answer.fill("0.59327*(1-0.59327)")             # arithmetic on numbers is accepted
    answer.press("Enter")
    wait_for_text(page, VERDICT, "✔ g'\\(Z\\[1\\]_1\\) = 0.241301")
    wait_for_text(page, FORMULA, "0.241301")      # found: shown in the formula and the picture
    page.wait_for_function("([sel, old]) => document.querySelector(sel).src !== old", arg=[IMAGE, before])

    page.locator(".bx-next").click()                # dZ[1]_1: a new question, the verdict gone
    wait_for_text(page, FORMULA, "0.0363503")
    page.wait_for_function("sel => document.querySelector(sel).innerText.trim() === ''", arg=VERDICT)
    assert "0.00877135" not in page.inner_text(FORMULA)
    page.locator(".bx-reveal").click()
    wait_for_text(page, FORMULA, "0.00877135")

    answer.fill("0.9")                              # a wrong verdict, then the network changes
    answer.press("Enter")
    wait_for_text(page, VERDICT, "✘")
    page.locator(".bx-output select").select_option(label="softmax")
    wait_for_text(page, MESSAGE, "activations=\\[sigmoid, softmax\\], loss='mse'")
    page.wait_for_function("sel => document.querySelector(sel).innerText.trim() === ''", arg=VERDICT)
    page.locator(".bx-loss select").select_option(label="cce")
    wait_for_text(page, MESSAGE, "loss='cce'")
    page.locator(".bx-quiz").click()               # quiz off: every value shown
    page.locator(".bx-backward").click()            # to the last forward value: the loss
    wait_for_text(page, FORMULA, "0.636599")        # -log(softmax) of Mazur's output layer
    assert "Traceback" not in page.content()


EXPLORER_BOXES = [".bx-hidden", ".bx-hidden2", ".bx-output", ".bx-loss", ".bx-source", ".bx-first",
                  ".bx-back", ".bx-next", ".bx-backward", ".bx-quiz", ".bx-answer", ".bx-check",
                  ".bx-reveal", ".bx-formula"]


def test_at_600_px_every_control_of_the_explorer_is_on_screen_and_nothing_overlaps(browser, voila08):
    context = browser.new_context(viewport={"width": 600, "height": 1000})
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    try:
        tab.goto(voila08.url)
        tab.locator(IMAGE).wait_for()
        wait_for_text(tab, FORMULA, "[0-9]\\.[0-9]{4}")  # a number of the trace (MathJax)
        tab.wait_for_timeout(500)  # MathJax typesets the formula after the first paint
        tab.screenshot(path=str(voila08.workdir / "explorer-600.png"), full_page=True)
        assert overlapping_boxes(tab, EXPLORER_BOXES) == []
        # The mode buttons show their whole label (none clipped).
        clipped = tab.eval_on_selector_all(
            ".bx-source button", "bs => bs.filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.innerText)")
        assert clipped == []
        width = tab.evaluate("document.documentElement.clientWidth")
        assert tab.evaluate("document.documentElement.scrollWidth") <= width + 1
        # The picture keeps its natural size, so its numbers stay readable.
        natural, shown = tab.eval_on_selector(IMAGE, "i => [i.naturalWidth, i.getBoundingClientRect().width]")
        assert shown >= 0.95 * min(natural, 750)
    finally:
        context.close()
