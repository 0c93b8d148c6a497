#!/usr/bin/env bash
# The embedded default, end to end, with no keys and no network: install, run the
# models of bench.yaml (offline baselines and, when its extra is installed, a small
# local model) over a sample of the task suite, and print the leaderboard.
# The sample (BENCH_SAMPLE tasks, default 36) is shared equally between the six task
# kinds and keeps each kind's mix of difficulties, so every kind is covered; the whole
# suite takes the one-thread local model far longer on two cores (docs/running.md).
# Set BENCH_SAMPLE higher, or run `bench run --config bench.yaml` for every task.
set -euo pipefail
cd "$(dirname "$0")/.."
export LITELLM_LOCAL_MODEL_COST_MAP=True
bash scripts/setup.sh local
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ -f .ci/docker.sh ]; then
  bash .ci/docker.sh || echo "warning: no Docker engine; bench will use the weaker process sandbox" >&2
fi
.venv/bin/bench run --config bench.yaml --sample "${BENCH_SAMPLE:-36}" "$@"
.venv/bin/bench leaderboard
.venv/bin/bench site build
echo "site built in site/: preview it with  .venv/bin/bench site serve  (http://127.0.0.1:8000)"
