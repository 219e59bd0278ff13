"""The response's steady-state iteration in scipy, for bench/response-bench.ts to run side by side.

Reads the matrix the TypeScript core iterates (a binary file it writes), runs the same
halfway synchronous update with a CSR sparse matrix-vector product and numpy's tanh, and
prints one JSON line: steps, converged, milliseconds per sweep (the fastest of `runs`), and
the largest difference from the levels the TypeScript core reached.

File layout (little-endian): int32 rows, size, shock_count, entries, max_steps; then int32
row_start[rows + 1], int32 source[entries], float64 weight[entries], float64
shock_level[shock_count], float64 expected[size].
"""

import json
import sys
import time

import numpy as np
from scipy.sparse import csr_matrix


def main(path: str, runs: int) -> None:
    with open(path, "rb") as f:
        rows, size, shock_count, entries, max_steps = np.frombuffer(f.read(20), dtype="<i4")
        row_start = np.frombuffer(f.read(4 * (rows + 1)), dtype="<i4")
        source = np.frombuffer(f.read(4 * entries), dtype="<i4")
        weight = np.frombuffer(f.read(8 * entries), dtype="<f8")
        shock_level = np.frombuffer(f.read(8 * shock_count), dtype="<f8")
        expected = np.frombuffer(f.read(8 * size), dtype="<f8")
    w = csr_matrix((weight, source, row_start), shape=(rows, size))

    best = float("inf")
    for _ in range(runs):
        x = np.zeros(size)
        x[:shock_count] = shock_level
        steps = 0
        converged = False
        start = time.perf_counter()
        while steps < max_steps:
            target = np.tanh(w @ x)
            level = 0.5 * x[shock_count:] + 0.5 * target
            change = float(np.max(np.abs(level - x[shock_count:]))) if rows > 0 else 0.0
            x[shock_count:] = level
            steps += 1
            if change <= 1e-9:
                converged = True
                break
        elapsed = (time.perf_counter() - start) * 1000
        best = min(best, elapsed / steps)
    print(
        json.dumps(
            {
                "steps": steps,
                "converged": converged,
                "msPerSweep": best,
                "maxDifference": float(np.max(np.abs(x - expected))) if size > 0 else 0.0,
                "versions": {"numpy": np.__version__, "scipy": __import__("scipy").__version__},
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
