"""The playground app (`make playground`: Voilà serving app/playground.ipynb with app/voila.py)
in a real browser: the page is the widget alone, a closed tab takes its kernel with it, a tab
that vanishes without closing is culled, and every control has an accessible name.

Browser fixtures come from conftest.py (Debian's Chromium, nothing downloaded, requests off
the machine aborted). Kernels are counted as the server's ipykernel child processes.
"""

from __future__ import annotations

import itertools
import re
import time

import pytest

from browser_support import APP_NOTEBOOK, APP_OPTIONS, is_local, serve
from test_browser import IMAGE, MESSAGE, STATUS, wait_for_text

pytestmark = pytest.mark.browser


def new_tab(browser, width=1400):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    return context, tab


def open_app(tab, server):
    tab.goto(server.url)
    tab.locator(IMAGE).wait_for()
    wait_for_text(tab, STATUS, "^iteration 2000")
    assert "Traceback" not in tab.content()


def wait_for_kernels(server, count, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(server.kernels()) == count:
            return
        time.sleep(0.2)
    raise AssertionError(f"{len(server.kernels())} kernels, expected {count}:\n{server.log()}")


def test_the_app_is_the_widget_alone_and_closing_tabs_shuts_their_kernels_down(browser, tmp_path):
    with serve("voila", tmp_path, APP_NOTEBOOK, APP_OPTIONS) as server:
        assert server.kernels() == []
        tabs = [new_tab(browser) for _ in range(2)]
        for _, tab in tabs:
            open_app(tab, server)
        wait_for_kernels(server, 2)
        first = tabs[0][1]
        # The widget alone: no lesson prose, one picture of the playground.
        assert first.locator("h1, h2").count() == 0
        assert first.locator(IMAGE).count() == 1
        assert first.locator(".dlsnotes-playground").count() == 1
        # Closing a browser tab: the page says goodbye (beforeunload) and the browser keeps
        # running, so the request it sends on the way out arrives.
        tabs[0][1].close(run_before_unload=True)
        wait_for_kernels(server, 1)
        tabs[1][1].close(run_before_unload=True)
        wait_for_kernels(server, 0)
        for context, _ in tabs:
            context.close()
        assert "_xsrf" not in server.log()  # the shutdown requests were accepted


def test_a_tab_that_vanishes_leaves_a_kernel_that_is_culled_when_idle(browser, tmp_path):
    # Short timeouts here; app/voila.py gives 10 minutes in `make playground`.
    options = [*APP_OPTIONS, "--MappingKernelManager.cull_idle_timeout=4",
               "--MappingKernelManager.cull_interval=1"]
    with serve("voila", tmp_path, APP_NOTEBOOK, options) as server:
        context, tab = new_tab(browser)
        open_app(tab, server)
        # An open tab keeps its kernel, even idle for longer than the timeout.
        time.sleep(6)
        assert len(server.kernels()) == 1, server.log()
        tab.close(run_before_unload=False)  # a crash: no shutdown request is sent
        context.close()
        wait_for_kernels(server, 0, timeout=30)
        assert "Culling" in server.log()


# ----------------------------------------------------------------------------- accessibility
#: Roles a person operates; each must have an accessible name.
CONTROL_ROLES = ("button", "slider", "combobox", "spinbutton", "textbox", "checkbox")
SLIDERS = ("Leaky slope", "Hidden layers", "Units per layer", "Learning rate", "Iterations",
           "Noise (%)", "Train share (%)")


def unnamed_controls(tab) -> list[str]:
    """Lines of the playground's accessibility tree for a control without a name."""
    snapshot = tab.locator(".dlsnotes-playground").aria_snapshot()
    pattern = re.compile(r"^\s*- (%s)\s*(\[[^\]]*\])?\s*(:.*)?$" % "|".join(CONTROL_ROLES))
    return [line for line in snapshot.splitlines() if pattern.match(line)]


def test_every_control_has_an_accessible_name_and_toggles_say_whether_they_are_on(page, tmp_path):
    with serve("voila", tmp_path, APP_NOTEBOOK, APP_OPTIONS) as server:
        open_app(page, server)
        page.wait_for_function(
            "() => document.querySelector('.dlsnotes-playground').dataset.pgA11y === '1'")
        assert unnamed_controls(page) == []
        for name in SLIDERS:
            assert page.get_by_role("slider", name=name, exact=True).count() == 1, name
        for name in ("Play", "Stop", "Step", "Reset"):  # (an icon adds a glyph in front)
            assert page.get_by_role("button", name=re.compile(rf"^\W?\s*{name}$")).count() == 1, name
        for name in ("Dataset", "Hidden activation", "Output activation", "Loss"):
            assert page.get_by_role("combobox", name=name, exact=True).count() == 1, name
        # The learning-rate slider announces the rate it shows, not its log10.
        rate = page.get_by_role("slider", name="Learning rate", exact=True)
        shown = page.locator(".pg-learning-rate .widget-readout").inner_text().strip()
        assert rate.get_attribute("aria-valuetext") == shown
        assert float(shown) == pytest.approx(1.2, abs=0.005)
        # Toggles: aria-pressed and a mark, not only a shade of grey.
        x1, x1x2 = page.locator(".pg-feature-x1"), page.locator(".pg-feature-x1x2")
        assert x1.get_attribute("aria-pressed") == "true" and "✓" in x1.inner_text()
        assert x1x2.get_attribute("aria-pressed") == "false" and "✓" not in x1x2.inner_text()
        x1x2.click()
        page.wait_for_function(
            "() => document.querySelector('.pg-feature-x1x2').getAttribute('aria-pressed') === 'true'")
        wait_for_text(page, ".pg-feature-x1x2", "✓")
        restart = page.get_by_role("button", name="restart from seed")
        assert restart.get_attribute("aria-pressed") == "true"
        # The pictures say what they show.
        alt = page.get_attribute(IMAGE, "alt")
        assert alt and "decision regions" in alt and "iteration" in alt
        assert page.get_by_role("img", name=re.compile("decision regions")).count() == 1


def test_a_long_run_shows_a_busy_sign_trains_in_steps_and_the_controls_still_answer(page, tmp_path):
    with serve("voila", tmp_path, APP_NOTEBOOK, APP_OPTIONS) as server:
        open_app(page, server)
        batch = page.get_by_role("spinbutton", name="Batch (0 = all)")
        batch.fill("1")
        batch.press("Enter")  # 2 000 epochs of single examples: far more than a second
        page.locator(".pg-busy .pg-busy-on").wait_for(state="visible")
        wait_for_text(page, STATUS, "training in steps")
        first = page.locator(STATUS).inner_text().split(":")[0]
        page.wait_for_function(  # the run goes on, a slice per tick
            "(first) => document.querySelector('.pg-status').innerText.split(':')[0] !== first",
            arg=first)
        # The page still answers: a control change is applied while the run goes on, and a
        # new run starts from it.
        page.locator(".pg-hidden select").select_option(label="ReLU")
        wait_for_text(page, STATUS, "hidden changed")
        wait_for_text(page, STATUS, "training in steps")
        page.get_by_role("button", name="Pause", exact=True).click()
        page.wait_for_function(
            "() => !document.querySelector('.pg-status').innerText.includes('training in steps')")
        assert "Traceback" not in page.content()


# ----------------------------------------------------------------------------- narrow window
BOXES = ['.pg-play', '.pg-step', '.pg-reset', '.pg-share', '.pg-paste', '.pg-apply-setting',
         '.pg-picture-box', '.pg-status', '.pg-message', '.pg-features', '.pg-upload',
         '.pg-dataset', '.pg-noise', '.pg-train-ratio', '.pg-hidden', '.pg-slope', '.pg-output',
         '.pg-loss', '.pg-n-layers', '.pg-n-units', '.pg-learning-rate', '.pg-batch-size',
         '.pg-lambd', '.pg-iterations', '.pg-init', '.pg-seed', '.pg-scale', '.pg-on-change',
         '.dz-formula', '.pg-gradcheck', '.pg-diagnostics']


def overlapping_boxes(tab, selectors):
    boxes = tab.evaluate("""(names) => names.map(n => { const el = document.querySelector(n);
        if (!el) return [n, null]; const r = el.getBoundingClientRect();
        return [n, [r.left, r.top, r.right, r.bottom]]; })""", selectors)
    missing = [n for n, b in boxes if b is None]
    assert missing == [], f"not on the page: {missing}"
    width = tab.evaluate("document.documentElement.clientWidth")
    for name, (left, top, right, bottom) in boxes:
        assert left >= -1 and right <= width + 1, f"{name} sticks out: {left}..{right} of {width}"
        assert right > left and bottom > top, f"{name} is not shown"
    return [(a, b) for (a, ra), (b, rb) in itertools.combinations(boxes, 2)
            if min(ra[2], rb[2]) - max(ra[0], rb[0]) > 1 and min(ra[3], rb[3]) - max(ra[1], rb[1]) > 1]


def test_at_600_px_the_columns_stack_nothing_overlaps_and_the_picture_stays_readable(browser, tmp_path):
    with serve("voila", tmp_path, APP_NOTEBOOK, APP_OPTIONS) as server:
        context, tab = new_tab(browser, width=600)
        try:
            open_app(tab, server)
            # An impossible pairing, so that there is a message to place.
            tab.locator(".pg-output select").select_option(label="ReLU")
            wait_for_text(tab, MESSAGE, "cannot train")
            tab.wait_for_timeout(500)  # MathJax typesets the formula after the first paint
            tab.screenshot(path=str(server.workdir / "app-600.png"), full_page=True)
            assert overlapping_boxes(tab, BOXES) == []
            width = tab.evaluate("document.documentElement.clientWidth")
            assert tab.evaluate("document.documentElement.scrollWidth") <= width + 1
            # Stacked: the picture is below the controls, not beside them.
            column_bottom = tab.eval_on_selector(".pg-seed", "e => e.getBoundingClientRect().bottom")
            picture_top = tab.eval_on_selector(".pg-picture-box", "e => e.getBoundingClientRect().top")
            assert picture_top > column_bottom
            # Readable: the picture keeps its natural size (its box scrolls sideways).
            natural, shown = tab.eval_on_selector(IMAGE, "i => [i.naturalWidth, i.getBoundingClientRect().width]")
            assert shown >= 0.95 * natural
            # The message is where the eye is: right under the picture and its status line.
            gap = tab.evaluate("""() => document.querySelector('.pg-message').getBoundingClientRect().top
                - document.querySelector('.pg-picture-box').getBoundingClientRect().bottom""")
            assert 0 <= gap < 150
        finally:
            context.close()


def test_the_address_bar_follows_one_change_at_once(page, tmp_path):
    """The app's address is the setting on screen after a single change (not one change late)."""
    with serve("voila", tmp_path, APP_NOTEBOOK, APP_OPTIONS) as server:
        open_app(page, server)
        page.wait_for_function("location.search.includes('dataset=planar')")
        page.locator(".pg-hidden select").select_option("ReLU")
        page.wait_for_function("location.search.includes('hidden=relu')", timeout=20_000)
        assert "token=" in page.url
