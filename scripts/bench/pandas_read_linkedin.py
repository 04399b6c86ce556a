#!/usr/bin/env python3
"""Reads a LinkedIn Connections.csv with pandas, the way a notebook would.

The peer side of the contact-import comparison (issue 3): pandas has to be
told to skip the `Notes:` preamble (3 lines in current exports), then parses
every column. Prints rows and seconds; run it under `/usr/bin/time -v` for
peak memory. Usage: pandas_read_linkedin.py FILE [--skiprows 3]
"""
import sys
import time

import pandas as pd


def main() -> None:
    path = sys.argv[1]
    skip = int(sys.argv[sys.argv.index("--skiprows") + 1]) if "--skiprows" in sys.argv else 3
    start = time.perf_counter()
    frame = pd.read_csv(path, skiprows=skip, dtype=str, keep_default_na=False)
    elapsed = time.perf_counter() - start
    print(f"rows {len(frame)} columns {len(frame.columns)} seconds {elapsed:.3f}")


if __name__ == "__main__":
    main()
