"""Exercise checkers, one module per topic; each explains a wrong answer precisely."""

from ._core import Case, CheckResult, diagnose, run_checks

__all__ = ["Case", "CheckResult", "diagnose", "run_checks"]
