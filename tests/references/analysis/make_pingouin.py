"""A second, independent reference: pingouin's cronbach_alpha on the same data sets as make.R.

Run in a scratch virtual environment (pingouin is not a dependency of behaviours):
``python -m venv /tmp/pg && /tmp/pg/bin/pip install pingouin`` then, from this
folder, ``/tmp/pg/bin/python make_pingouin.py`` (writes pingouin.json). Each
behaviour is keyed (min + max - rating for reverse-keyed items) and analysed on
its complete cases (``nan_policy="listwise"``); pingouin's interval is Feldt's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pingouin as pg

HERE = Path(__file__).parent
SCALES = {
    "planted": {
        "b0": (["b0.d0", "b0.d1", "b0.d2", "b0.d3", "b0.n0"], ["b0.n0"], 1, 5),
        "b1": (["b1.d0", "b1.d1", "b1.d2", "b1.n0", "b1.n1"], ["b1.n0", "b1.n1"], 1, 5),
    },
    "bfi": {
        "a": (["a2", "a3", "a4", "a5", "a1"], ["a1"], 1, 6),
        "c": (["c1", "c2", "c3", "c4", "c5"], ["c4", "c5"], 1, 6),
        "e": (["e3", "e4", "e5", "e1", "e2"], ["e1", "e2"], 1, 6),
        "n": (["n1", "n2", "n3", "n4", "n5"], [], 1, 6),
        "o": (["o1", "o3", "o4", "o2", "o5"], ["o2", "o5"], 1, 6),
    },
}


def main() -> None:
    out: dict[str, object] = {"pingouin": pg.__version__}
    for data, scales in SCALES.items():
        frame = pd.read_csv(HERE / f"{data}.csv")
        found = {}
        for name, (items, reverse, lo, hi) in scales.items():
            x = frame[items].copy()
            for item in reverse:
                x[item] = lo + hi - x[item]
            alpha, (low, high) = pg.cronbach_alpha(x, nan_policy="listwise", ci=0.95)
            found[name] = {"alpha": float(alpha), "ci_low": float(low), "ci_high": float(high)}
        out[data] = found
    (HERE / "pingouin.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
