"""Gathering a sharded run: the shards of one run, made on separate machines, into one finished run.

A sharded run (`bench run --shard K/N --run-id ID`) leaves, on each machine, a run
folder holding that shard's `attempts-K.parquet` and a manifest without
`finished_at` (no shard knows when the others end). The weekly workflow uploads
each folder as an artifact; its last job downloads them all and calls this, which

1. checks that the shards belong together: one run id, the same task set,
   configuration, harness and commit; the expected number of shards, each once;
2. copies every shard's attempts files into `<results-dir>/runs/<run_id>/` (file
   names are shard-unique: nothing is merged or rewritten);
3. writes the run's manifest last, atomically: the earliest start, each model's
   resolved version from whichever shard saw one, and `finished_at` now. From that
   moment the run is finished and immutable; a crash before it leaves an
   unfinished run that a second gather completes.

`bench results gather` is a thin command over `gather_run`; the rehearsal calls the
command, as the workflow does.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import shutil
from dataclasses import dataclass
from pathlib import Path

from bench.results import (
    INFRA_STATUSES,
    ModelManifest,
    RunManifest,
    attempt_files,
    is_finished,
    read_attempts,
    read_manifest,
    run_dir,
    write_manifest,
)

_MUST_AGREE = ("run_id", "task_set_hash", "config_json", "harness_version", "git_commit")


class GatherError(ValueError):
    """The shards cannot make one run; the message says which and why."""


@dataclass(frozen=True)
class GatheredRun:
    """What a gather produced."""

    run_dir: Path
    shards: int
    attempts: int
    infra_errors: int
    """Attempts that ended in provider_error or sandbox_error (worth a look, not fatal)."""


def _read_shard(folder: Path) -> tuple[RunManifest, list[Path]]:
    if not folder.is_dir():
        raise GatherError(f"{folder}: no such shard folder")
    try:
        manifest = read_manifest(folder)
    except FileNotFoundError:
        raise GatherError(f"{folder}: no run.parquet (was it a run folder of a shard?)") from None
    return manifest, attempt_files(folder)  # none: the shard had nothing to do


def _merged_manifest(manifests: list[RunManifest], now: dt.datetime) -> RunManifest:
    for name in _MUST_AGREE:
        values = {getattr(manifest, name) for manifest in manifests}
        if len(values) > 1:
            raise GatherError(f"the shards disagree on {name}: {sorted(map(str, values))}")
    ordered = sorted(manifests, key=lambda manifest: manifest.started_at)
    models: dict[str, ModelManifest] = {}
    for manifest in ordered:
        for entry in manifest.models:
            known = models.get(entry.name)
            if known is None or (known.resolved_version is None and entry.resolved_version):
                models[entry.name] = entry  # an update keeps the first position
    return ordered[0].model_copy(update={"models": list(models.values()), "finished_at": now})


def _copy_files(files: list[Path], target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for source in files:
        destination = target / source.name
        if destination.exists():
            if filecmp.cmp(source, destination, shallow=False):
                continue
            raise GatherError(f"{destination} exists with other content (a shard gathered twice?)")
        temporary = destination.with_name(f".{destination.name}.gather.tmp")
        shutil.copyfile(source, temporary)
        temporary.replace(destination)


def _shard_names(files_by_shard: list[list[Path]], expect: int | None) -> None:
    names = [path.name for files in files_by_shard for path in files]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise GatherError(f"two shard folders hold the same file(s): {', '.join(repeated)}")
    if expect is not None and len(files_by_shard) != expect:
        raise GatherError(f"expected {expect} shards, got {len(files_by_shard)}")


def gather_run(
    results_dir: Path,
    shard_folders: list[Path],
    expect_shards: int | None = None,
    now: dt.datetime | None = None,
) -> GatheredRun:
    """Gather shard run folders into `<results_dir>/runs/<run_id>/` and mark the run finished.

    Raises `GatherError` when the folders cannot make one run (see the module docstring).
    The manifest is written last, so a failed gather never leaves a finished run behind.
    """
    if not shard_folders:
        raise GatherError("name at least one shard folder")
    shards = [_read_shard(folder) for folder in shard_folders]
    _shard_names([files for _, files in shards], expect_shards)
    manifest = _merged_manifest([m for m, _ in shards], now or dt.datetime.now(dt.UTC))
    target = run_dir(results_dir, manifest.run_id)
    if is_finished(target):
        raise GatherError(f"run {manifest.run_id} is already finished in {target}")
    for _, files in shards:
        _copy_files(files, target)
    frame = read_attempts(target)
    write_manifest(target, manifest)
    errors = int(frame["status"].isin(list(INFRA_STATUSES)).sum()) if len(frame) else 0
    return GatheredRun(target, len(shards), len(frame), errors)
