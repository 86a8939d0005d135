# Voilà configuration of the playground app (`make playground` serves app/playground.ipynb
# with `--Voila.config_file_paths=app`, which loads this file; tests/browser_support.py
# starts the same server the same way).
#
# One kernel per open tab, about 200 MB each: a kernel must end with its tab.
# - Closing a tab: Voilà's page sends POST voila/api/shutdown/<kernel> from `beforeunload`
#   with the `_xsrf` value it reads from the `_xsrf` cookie. Standalone Voilà never sets that
#   cookie, so the request is refused ("403 '_xsrf' argument missing") and the kernel stays.
#   The hook below sets the cookie when the page is served (tornado sets it the first time a
#   handler reads `xsrf_token`); the XSRF check itself stays on.
# - A tab that vanished without saying so (a crash, a laptop put to sleep, a lost
#   connection): its kernel has no connection left and is culled after 10 idle minutes. A
#   kernel whose tab is still open keeps its connection and is never culled, however long
#   the learner thinks.

c = get_config()  # noqa: F821 - defined by traitlets when it loads this file


def _set_xsrf_cookie(request_handler, notebook, cwd):
    """Voilà's prelaunch hook: set the `_xsrf` cookie on the page's response."""
    request_handler.xsrf_token  # noqa: B018 - reading it sets the cookie
    return None  # the notebook as it is


c.VoilaConfiguration.prelaunch_hook = _set_xsrf_cookie
c.MappingKernelManager.cull_idle_timeout = 600  # seconds without activity and without a tab
c.MappingKernelManager.cull_interval = 60
c.MappingKernelManager.cull_connected = False  # an open tab keeps its kernel
c.MappingKernelManager.cull_busy = False  # a kernel still training is not idle
