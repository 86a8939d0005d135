"""Exercise checkers, one module per topic; each explains a wrong answer precisely.

They all run on the one checker core, :mod:`dlsnotes.checking`, which
:func:`dlsnotes.course.check` uses too.
"""

from ..checking import Case, CheckResult, diagnose, run_checks, use_yours_or_reference

__all__ = ["Case", "CheckResult", "diagnose", "run_checks", "use_yours_or_reference"]
