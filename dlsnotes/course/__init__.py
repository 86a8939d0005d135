"""The course's own assignment functions, and a checker for a learner's versions of them.

* :mod:`dlsnotes.course.w3a1` — week 3, planar data with one hidden layer;
* :mod:`dlsnotes.course.w4a1` — week 4, the deep network step by step;
* :mod:`dlsnotes.course.w4a2` — week 4, the deep network application;
* :func:`check` — runs a learner's function against these references and explains every
  difference in course terms;
* :func:`check_notebook` — the same for every graded function of a downloaded assignment
  notebook, without running it (also ``python -m dlsnotes.course check My_W4A1.ipynb``).

Each module is reference code: the course's functions in plain numpy, and its models
(``nn_model``, ``two_layer_model``, ``L_layer_model``) the course's own loops over them,
with the course's seeds, printed lines and in-place or copying ``update_parameters``
(a copy in W3A1 and W4A1, in place in W4A2's ``dnn_app_utils``).

These are references for checking one's own work, in the spirit of the course's honour
code: write your function first, then let :func:`check` compare it.
"""

from . import w3a1, w4a1, w4a2
from .checker import CHECKABLE, CheckReport, check
from .notebook import NotebookReport, check_notebook


__all__ = ["w3a1", "w4a1", "w4a2", "check", "CheckReport", "CHECKABLE", "check_notebook", "NotebookReport"]
