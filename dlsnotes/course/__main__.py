"""``python -m dlsnotes.course check My_W4A1.ipynb``: check every graded function of a course
assignment notebook (see :func:`dlsnotes.course.check_notebook`).

Exit status: 0 when every graded function agrees with the course, 1 when one does not (or
none is found), 2 when the file cannot be read as a notebook.
"""

from __future__ import annotations

import argparse
import sys

from .notebook import check_notebook


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dlsnotes.course",
        description="Check your own course assignment code against dlsnotes.course's references.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    one = commands.add_parser(
        "check", help="check every graded function of a downloaded assignment notebook",
        description="Define the notebook's graded functions (without running its other cells) "
                    "and print the checker's verdict on each, with the cell it came from.")
    one.add_argument("notebook", nargs="+", help="the .ipynb file(s), e.g. My_W4A1.ipynb")
    one.add_argument("--assignment", choices=["W3A1", "W4A1", "W4A2"], type=str.upper,
                     help="which assignment (default: read from the notebook)")
    args = parser.parse_args(argv)
    status = 0
    for i, path in enumerate(args.notebook):
        if i:
            print()
        try:
            report = check_notebook(path, assignment=args.assignment)
        except (OSError, ValueError) as exc:
            print(f"✘ {exc}", file=sys.stderr)
            status = 2
            continue
        print(report)
        if not report.passed:
            status = max(status, 1)
    return status


if __name__ == "__main__":
    sys.exit(main())
