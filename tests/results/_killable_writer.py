"""Child process of test_kill: writes attempts until killed, resuming what is on disk.

Usage: python -m tests.results._killable_writer RESULTS_DIR TOTAL
"""

from __future__ import annotations

import sys
import time

# pyarrow imports pandas on its first conversion (~1 s): do it before "ready",
# so that the parent's kills land among the writes rather than during imports.
import pandas  # noqa: F401
import pyarrow.parquet  # noqa: F401

from bench.results import RunWriter, completed_keys, run_dir

from .conftest import RUN_ID, attempt


def main() -> None:
    results_dir, total = sys.argv[1], int(sys.argv[2])
    done = completed_keys(run_dir(results_dir, RUN_ID))
    with RunWriter(results_dir, RUN_ID, checkpoint_every=7, checkpoint_seconds=0.05) as writer:
        print("ready", flush=True)
        for index in range(total):
            record = attempt(task_id=f"task-{index:04d}")
            if record.key in done:
                continue
            writer.append(record)
            time.sleep(0.002)


if __name__ == "__main__":
    main()
