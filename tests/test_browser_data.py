"""Playground 2 in a real browser (Debian's Chromium, Voilà): an upload through the file
input, a setting restored from the page's URL and from pasted text, and a narrow window.

Same servers, browser and rules as tests/test_browser.py (whose fixtures are reused):
nothing is installed or downloaded, and requests leaving the machine are aborted.
"""

from __future__ import annotations

import itertools
import json

import pytest

from browser_support import is_local, serve
from test_browser import (IMAGE, MESSAGE, STATUS, VERDICT, _notebook, wait_for_new_picture,
                          wait_for_text)

pytestmark = pytest.mark.browser

GOOD_CSV = b"x1,x2,label\n" + b"".join(
    f"{x:.3f},{y:.3f},{int(x * y > 0)}\n".encode()
    for x, y in itertools.product([-1.5, -0.8, -0.2, 0.3, 0.9, 1.6], [-1.2, -0.5, 0.4, 1.1]))


@pytest.fixture
def small(tmp_path):
    """Voilà serving a one-cell notebook: the playground with short runs."""
    notebook = _notebook(tmp_path / "small.ipynb", (
        "from dlsnotes.playground import build_playground\n"
        "build_playground(iterations=200)"))
    with serve("voila", tmp_path, notebook) as server:
        yield server


def open_page(page, url):
    page.goto(url)
    page.locator(IMAGE).wait_for()
    wait_for_text(page, STATUS, "^(iteration|epoch) [0-9]+:")  # epochs with mini-batches
    assert "Traceback" not in page.content()


def upload(page, name, content):
    """Click the upload button and give the file chooser it opens one file."""
    with page.expect_file_chooser() as chooser:
        page.locator(".pg-upload").click()
    chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": content}])


def share_text(page):
    return page.locator(".pg-share-text").input_value()


def test_voila_upload_through_the_file_input_trains_on_the_file_and_explains_a_bad_one(page, small):
    open_page(page, small.url)
    old_src = page.get_attribute(IMAGE, "src")
    upload(page, "quadrants.csv", GOOD_CSV)
    wait_for_new_picture(page, old_src)
    status = wait_for_text(page, STATUS, "quadrants.csv' loaded")
    assert "24 examples, binary" in status and "iteration 200" in status
    assert page.locator(".pg-dataset select").input_value().startswith("your data")
    assert "dataset=custom" in share_text(page)
    page.screenshot(path=str(small.workdir / "upload.png"))

    upload(page, "broken.csv", b"x1,x2,label\n0.1,0.2,1\n0.3,oops,0\n")
    message = wait_for_text(page, MESSAGE, "broken.csv")
    assert "line 3, column 2" in message and "which is not a number" in message
    assert "keeps its data and settings" in message
    assert "quadrants.csv" in page.locator(STATUS).inner_text()  # still the good file
    assert "Traceback" not in page.content()


def test_voila_url_query_restores_a_setting_in_the_course_notebook(page, tmp_path):
    with serve("voila", tmp_path) as server:
        open_page(page, server.url + "&dataset=moons&hidden=relu&loss=mse&lr=0.3&units=6")
        assert page.locator(".pg-dataset select").input_value() == "noisy moons"
        assert page.locator(".pg-hidden select").input_value() == "ReLU"
        assert page.locator(".pg-n-units .widget-readout").inner_text().strip() == "6"
        assert page.locator(".pg-learning-rate .widget-readout").inner_text().strip() == "0.300"
        wait_for_text(page, VERDICT, "sigmoid \\+ mse")
        shared = share_text(page).split("&")
        for part in ("dataset=noisy_moons", "hidden=relu", "loss=mse", "units=6", "lr=0.3"):
            assert part in shared
        assert page.locator(".pg-share-link").get_attribute("href") == "?" + share_text(page)


def test_voila_bad_url_query_is_explained_and_the_default_playground_works(page, small):
    open_page(page, small.url + "&dataset=moons&lr=-2&colour=red")
    # The message names what the link asked for and was refused, and what is shown instead:
    # the parts of the link that work (the data set).
    message = wait_for_text(page, MESSAGE, "cannot use")
    assert "“colour=red”" in message and "Unknown key 'colour'" in message
    assert "“lr=-2”" in message and "learning rate" in message.lower()
    assert "Shown instead: the rest of the link: dataset=moons" in message
    assert page.locator(".pg-dataset select").input_value() == "noisy moons"
    assert "ValueError" not in message and "learning_rate" not in message


def test_voila_pasted_setting_restores_the_same_run_as_its_link(page, small):
    # The run a link gives ...
    text = ("dataset=circles&features=x1sq,x2sq&hidden=linear&lr=0.5&batch=20&l2=0.01&noise=10"
            "&iterations=300")
    open_page(page, small.url + "&" + text)
    page.set_default_timeout(120_000)  # mini-batches may train in steps on a loaded machine
    linked_status = wait_for_text(page, STATUS, "^epoch 300: (?![^\\n]*training in steps)")
    linked = share_text(page)  # the whole setting, every key written out
    # ... is the run its share text, pasted into a fresh page, gives.
    open_page(page, small.url)
    old_src = page.get_attribute(IMAGE, "src")
    page.locator(".pg-paste input").fill(linked)
    page.locator(".pg-apply-setting").click()
    wait_for_new_picture(page, old_src)
    wait_for_text(page, STATUS, "setting restored")
    status = wait_for_text(page, STATUS, "^epoch 300: (?![^\\n]*training in steps)")
    assert share_text(page) == linked
    assert status.splitlines()[0] == linked_status.splitlines()[0]  # same costs and accuracies
    assert page.locator(".pg-batch-size input").input_value() == "20"
    assert page.locator(".pg-dataset select").input_value() == "noisy circles"
    # The Copy button puts the text on the clipboard.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator(".pg-copy").click()
    wait_for_text(page, ".pg-copy", "Copied")
    assert page.evaluate("navigator.clipboard.readText()") == linked
    # A bad text is explained and changes nothing.
    page.locator(".pg-paste input").fill("dataset=circles&hiden=relu")
    page.locator(".pg-apply-setting").click()
    message = wait_for_text(page, MESSAGE, "Did you mean 'hidden'")
    assert "Nothing changed" in message
    assert share_text(page) == linked
    assert "Traceback" not in page.content()


def _boxes(page):
    return page.evaluate("""() => {
        const names = ['.pg-play', '.pg-step', '.pg-reset', '.pg-share', '.pg-paste',
                       '.pg-apply-setting', '.pg-image', '.pg-features', '.pg-upload',
                       '.pg-dataset', '.pg-noise', '.pg-train-ratio', '.pg-hidden', '.pg-slope',
                       '.pg-output', '.pg-loss', '.pg-n-layers', '.pg-n-units',
                       '.pg-learning-rate', '.pg-batch-size', '.pg-lambd', '.pg-iterations',
                       '.pg-init', '.pg-seed', '.pg-scale', '.pg-on-change', '.dz-formula',
                       '.pg-gradcheck', '.pg-diagnostics'];
        return names.map(n => { const el = document.querySelector(n);
            if (!el) return [n, null];
            const r = el.getBoundingClientRect();
            return [n, [r.left, r.top, r.right, r.bottom]]; });
    }""")


def test_voila_narrow_window_controls_do_not_overlap(browser, small):
    context = browser.new_context(viewport={"width": 900, "height": 1000})
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    try:
        open_page(tab, small.url)
        tab.wait_for_timeout(500)  # MathJax typesets the formula after the first paint
        boxes = dict(_boxes(tab))
        missing = [n for n, b in boxes.items() if b is None]
        assert missing == [], f"not on the page: {missing}"
        width = tab.evaluate("document.documentElement.clientWidth")
        for name, (left, top, right, bottom) in boxes.items():
            assert left >= -1 and right <= width + 1, f"{name} sticks out of the window: {right} > {width}"
            assert right > left and bottom > top, f"{name} is not shown"
        overlaps = [(a, b) for (a, ra), (b, rb) in itertools.combinations(boxes.items(), 2)
                    if min(ra[2], rb[2]) - max(ra[0], rb[0]) > 1
                    and min(ra[3], rb[3]) - max(ra[1], rb[1]) > 1]
        tab.screenshot(path=str(small.workdir / "narrow.png"), full_page=True)
        assert overlaps == [], f"overlapping widgets at 900 px: {overlaps}"
        assert tab.evaluate("document.documentElement.scrollWidth") <= width + 1
    finally:
        context.close()


def test_the_uploaded_file_name_is_shown_as_text_not_markup(page, small):
    open_page(page, small.url)
    upload(page, "<img src=x onerror=alert(1)>.csv", b"1,2,0\n")
    message = wait_for_text(page, MESSAGE, "img src=x")
    assert "has 1 examples" in message or "needs 4" in message or "examples" in message
    assert page.locator(".pg-message img").count() == 0
    assert json.dumps(message)  # a plain string


def test_voila_feature_toggles_change_the_network_inputs(page, small):
    open_page(page, small.url)
    old_src = page.get_attribute(IMAGE, "src")
    page.locator(".pg-feature-x1x2").click()
    wait_for_new_picture(page, old_src)
    wait_for_text(page, STATUS, "features changed")
    assert "features=x1,x2,x1x2" in share_text(page)
    assert "mod-active" in page.locator(".pg-feature-x1x2").get_attribute("class")
    # Switching every feature off is refused and the buttons show the features in use.
    for name in ("x1", "x2", "x1x2"):
        page.locator(f".pg-feature-{name}").click()
    message = wait_for_text(page, MESSAGE, "at least one input feature")
    assert "Setting refused" in message
    # x1 and x2 went off one by one; the last click (x1x2 off) was refused, so x1x2 stays on.
    page.wait_for_function(
        "() => document.querySelector('.pg-feature-x1x2').classList.contains('mod-active')")
    assert "features=x1x2" in share_text(page)
    assert "mod-active" not in page.locator(".pg-feature-x1").get_attribute("class")
    page.screenshot(path=str(small.workdir / "features.png"))


def test_voila_enter_applies_a_pasted_setting_and_the_address_bar_follows(page, small):
    """TensorFlow Playground's habits: Enter applies; the address is the setting on screen."""
    open_page(page, small.url)
    # One control change, and nothing after it: the address follows at once, not one change late.
    old_src = page.get_attribute(IMAGE, "src")
    page.locator(".pg-hidden select").select_option("ReLU")
    wait_for_new_picture(page, old_src)
    page.wait_for_function("location.search.includes('hidden=relu')", timeout=15_000)
    old_src = page.get_attribute(IMAGE, "src")
    box = page.locator(".pg-paste input")
    box.fill("units=6&lr=0.3")
    box.press("Enter")  # no click on Apply
    wait_for_new_picture(page, old_src)
    wait_for_text(page, STATUS, "setting restored")
    assert page.locator(".pg-n-units .widget-readout").inner_text().strip() == "6"
    page.wait_for_function("location.search.includes('units=6') && location.search.includes('lr=0.3')")
    assert "token=" in page.url  # Voilà's own key kept
    # Another control: the address follows it too, and "discretize output" is a control.
    old_src = page.get_attribute(IMAGE, "src")
    page.locator(".pg-discretize input").check()
    wait_for_new_picture(page, old_src)
    page.wait_for_function("location.search.includes('discretize=')")
    # The address, opened in a fresh page, gives the same setting.
    address = page.url
    open_page(page, address)
    assert page.locator(".pg-n-units .widget-readout").inner_text().strip() == "6"
    assert page.locator(".pg-discretize input").is_checked()
    assert page.locator(".pg-hidden select").input_value() == "ReLU"
