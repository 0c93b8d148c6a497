#!/usr/bin/env bash
# Install bench with its dev extras, make a sandbox engine available, run the test suite.
# Docker tests need an engine: on a machine where we are root with apt-get, .ci/docker.sh
# installs and starts one and builds the offline sandbox image; elsewhere they skip loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev,local
export LITELLM_LOCAL_MODEL_COST_MAP=True
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  # Headless Chromium for the site's browser tests; the Docker engine and sandbox image.
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  bash .ci/docker.sh
fi
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
# pytest's 5 means "no tests collected": never a pass.
if [ "$status" = 5 ]; then echo "error: no tests were collected" >&2; exit 1; fi
exit "$status"
