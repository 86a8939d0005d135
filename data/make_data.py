"""Write the CSV copies of the course data sets that ship in data/.

Run from anywhere:  python data/make_data.py

* planar_flower.csv      - load_planar_dataset() with the course's seed: x1,x2,y (400 rows)
* quadratic_reported.csv - load_quadratic(kind="reported"): x,y for x = 0..19

Numbers are written with %.17g so that read_csv_dataset() reads them back bit for bit;
tests/test_datasets.py checks that the flower in the file is still the one the code makes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run without installing the package

from dlsnotes.datasets import load_planar_dataset, load_quadratic  # noqa: E402


def write_csv(path: Path, X: np.ndarray, Y: np.ndarray, header: str) -> None:
    """One row per example: the columns of X, then Y's single row."""
    table = np.vstack([X, Y]).T
    np.savetxt(path, table, fmt="%.17g", delimiter=",", header=header, comments="")


def main() -> None:
    X, Y = load_planar_dataset()
    write_csv(HERE / "planar_flower.csv", X, Y, "x1,x2,y")
    X, Y = load_quadratic(kind="reported")
    write_csv(HERE / "quadratic_reported.csv", X, Y, "x,y")
    print(f"wrote planar_flower.csv and quadratic_reported.csv in {HERE}")


if __name__ == "__main__":
    main()
