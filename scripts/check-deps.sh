#!/usr/bin/env bash
# Fails when the dependency tree holds two versions of crossterm, or when
# its crossterm lacks `use-dev-tty`. Run by .ci/run before the tests.
#
# Cargo.toml depends on crossterm directly only to switch on `use-dev-tty`
# in the crossterm that ratatui builds (the code imports it as
# `ratatui::crossterm`). Features unify only within one version: if the
# direct dependency's version ever differs from ratatui's, cargo builds two
# crossterms, the feature lands on the one nobody uses, and the input
# stall that the /dev/tty event source fixes comes back without an error.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every crossterm in the tree (all targets, all edge kinds), once per
# version, with the features it is built with.
tree=$(cargo tree --target all --prefix none --format '{p}|{f}')
mapfile -t found < <(grep '^crossterm v' <<<"$tree" | sed 's/ (\*)$//' | sort -u)
if [ ${#found[@]} -eq 0 ]; then
  echo "check-deps: FAILED: no crossterm in the dependency tree; update this script." >&2
  exit 1
fi
mapfile -t versions < <(printf '%s\n' "${found[@]}" | cut -d'|' -f1 | sort -u)

if [ ${#versions[@]} -ne 1 ]; then
  echo "check-deps: FAILED: the dependency tree holds ${#versions[@]} versions of crossterm:" >&2
  printf '  %s\n' "${versions[@]}" >&2
  echo "Cargo.toml's direct crossterm exists only to switch on \`use-dev-tty\` in the" >&2
  echo "crossterm ratatui builds: give it the same version as ratatui's" >&2
  echo "(\`cargo tree -i crossterm@VERSION\` shows who pulls in each)." >&2
  exit 1
fi
for entry in "${found[@]}"; do
  features=",${entry#*|},"
  if [[ $features != *,use-dev-tty,* ]]; then
    echo "check-deps: FAILED: ${entry%%|*} is built without \`use-dev-tty\` (features: ${entry#*|})." >&2
    exit 1
  fi
done
echo "check-deps: one crossterm (${versions[0]}), with use-dev-tty"
