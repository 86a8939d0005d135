"""The playground's network view in a real browser (Voilà + Debian's Chromium via Playwright).

Uses the fixtures and helpers of tests/test_browser.py (system Chromium, no downloads,
requests off the machine aborted, a fresh Voilà server on a free loopback port per test).
The notebook served is a one-cell playground with ReLU units, so that some units die.
"""

from __future__ import annotations

import pytest

from browser_support import serve
from test_browser import IMAGE, _notebook, wait_for_text

pytestmark = pytest.mark.browser

NETWORK = "img.pg-network-image"
DETAIL = ".pg-unit-detail"
UNIT = ".pg-unit select"
TOGGLE = ".pg-network-toggle"


def digest(page, selector):
    """SHA-256 of the PNG an image widget shows (read back from its blob URL)."""
    return page.eval_on_selector(selector, """async (img) => {
        const bytes = await (await fetch(img.src)).arrayBuffer();
        const digest = await crypto.subtle.digest('SHA-256', bytes);
        return Array.from(new Uint8Array(digest)).map(b => b.toString(16).padStart(2, '0')).join('');
    }""")


def wait_for_new_src(page, selector, old_src):
    page.wait_for_function(
        "([sel, old]) => { const img = document.querySelector(sel); "
        "return img && img.src && img.src !== old && img.complete && img.naturalWidth > 0; }",
        arg=[selector, old_src])


@pytest.fixture
def voila_network(tmp_path):
    notebook = _notebook(tmp_path / "network.ipynb", (
        "from dlsnotes.playground import build_playground\n"
        "build_playground(n_layers=3, n_units=6, hidden='relu', init='he')"))
    with serve("voila", tmp_path, notebook) as server:
        yield server


def test_voila_network_view_shows_units_and_a_selected_units_large_map(page, voila_network):
    page.goto(voila_network.url)
    page.locator(IMAGE).wait_for()
    page.locator(NETWORK).wait_for()
    page.wait_for_function("(sel) => document.querySelector(sel).naturalWidth > 500", arg=NETWORK)
    wait_for_text(page, DETAIL, "layer 1, unit 1")
    # ipywidgets writes the spaces of option labels as no-break spaces.
    options = [t.replace("\xa0", " ") for t in page.locator(f"{UNIT} option").all_inner_texts()]
    assert len(options) == 6 * 3 + 1 and options[-1] == "layer 4, unit 1 (output)"
    before = digest(page, NETWORK)

    old_src = page.get_attribute(NETWORK, "src")
    page.locator(UNIT).select_option(label="layer 2, unit 4")
    wait_for_new_src(page, NETWORK, old_src)
    text = wait_for_text(page, DETAIL, "layer 2, unit 4")
    assert "incoming weights, row 4 of W[2]: a[1]_1:" in text  # unit 4 = row 4 (issue 18)
    assert "of the training examples" in text
    assert digest(page, NETWORK) != before, "the large map did not change with the selection"
    # A selection only redraws the view: the status line still shows the same run.
    assert "iteration 2000" in page.locator(".pg-status").inner_text()
    assert "Traceback" not in page.content()


def test_voila_network_view_can_be_hidden_and_shown_again(page, voila_network):
    page.set_viewport_size({"width": 900, "height": 1000})  # a narrow window
    page.goto(voila_network.url)
    page.locator(NETWORK).wait_for()
    page.wait_for_function("(sel) => document.querySelector(sel).naturalWidth > 500", arg=NETWORK)
    # The view shrinks to the window instead of running off its right edge.
    right, inner = page.eval_on_selector(
        NETWORK, "(img) => [img.getBoundingClientRect().right, window.innerWidth]")
    assert 0 < right <= inner
    assert page.eval_on_selector(NETWORK, "(img) => img.getBoundingClientRect().width") > 600
    page.locator(TOGGLE).click()
    page.locator(NETWORK).wait_for(state="hidden")
    assert page.locator(UNIT).is_disabled()
    # A change while hidden retrains; showing the view again draws the new network.
    main_src = page.get_attribute(IMAGE, "src")
    page.locator(".pg-hidden select").select_option(label="tanh")
    page.wait_for_function("([sel, old]) => document.querySelector(sel).src !== old",
                           arg=[IMAGE, main_src])
    page.locator(TOGGLE).click()
    page.locator(NETWORK).wait_for(state="visible")
    wait_for_text(page, DETAIL, r"\(tanh\)")
    assert "Traceback" not in page.content()


def test_voila_clicking_a_unit_in_the_network_view_selects_it(page, voila_network):
    """TensorFlow Playground's way: click a unit to see it large (the menu follows)."""
    from dlsnotes.playground.network import NetworkFigure
    from dlsnotes.playground.state import PlaygroundModel

    # Where the page draws layer 2, unit 4: the same figure, drawn here, knows (the picture's
    # geometry depends only on the sizes, not on the weights).
    figure = NetworkFigure()
    model = PlaygroundModel(n_layers=3, n_units=6, hidden="relu", init="he")
    figure.render(model, (1, 0))
    x, y = figure.unit_centre(2, 3)
    page.goto(voila_network.url)
    page.locator(NETWORK).wait_for()
    page.wait_for_function("(sel) => document.querySelector(sel).naturalWidth > 500", arg=NETWORK)
    wait_for_text(page, DETAIL, "layer 1, unit 1")
    page.locator(NETWORK).scroll_into_view_if_needed()  # a click must land inside the window
    box = page.locator(NETWORK).bounding_box()
    natural = page.eval_on_selector(NETWORK, "img => [img.naturalWidth, img.naturalHeight]")
    old_src = page.get_attribute(NETWORK, "src")
    page.mouse.click(box["x"] + x * box["width"] / natural[0],
                     box["y"] + y * box["height"] / natural[1])
    wait_for_new_src(page, NETWORK, old_src)
    wait_for_text(page, DETAIL, "layer 2, unit 4")
    selected = page.eval_on_selector(UNIT, "s => s.options[s.selectedIndex].text").replace("\xa0", " ")
    assert selected == "layer 2, unit 4"
