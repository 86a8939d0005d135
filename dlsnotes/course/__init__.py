"""The course's own assignment functions, and a checker for a learner's versions of them.

* :mod:`dlsnotes.course.w3a1` — week 3, planar data with one hidden layer;
* :mod:`dlsnotes.course.w4a1` — week 4, the deep network step by step;
* :mod:`dlsnotes.course.w4a2` — week 4, the deep network application;
* :func:`check` — runs a learner's function against these references and explains every
  difference in course terms.

These are references for checking one's own work, in the spirit of the course's honour
code: write your function first, then let :func:`check` compare it.
"""

from . import w3a1, w4a1, w4a2
from .checker import CHECKABLE, CheckReport, check


__all__ = ["w3a1", "w4a1", "w4a2", "check", "CheckReport", "CHECKABLE"]
