#!/usr/bin/env bash
# Runs every test of the project: formatting, lints, unit and integration
# tests, the wasm32 build check, and whatever scripts/test.d/*.sh add (the
# browser tests, replays). Installs what it needs first (scripts/setup.sh).
# Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "setup"
bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test"
cargo test --workspace

step "engine, blocks and presence build for wasm32-unknown-unknown, with no JS or async runtime"
cargo build --target wasm32-unknown-unknown -p ctiflow-engine -p ctiflow-blocks -p ctiflow-presence
for p in ctiflow-engine ctiflow-blocks ctiflow-presence; do
  bad=$(cargo tree -p "$p" -e normal --target wasm32-unknown-unknown --prefix none \
        | grep -E '^(wasm-bindgen|js-sys|web-sys|tokio|async-std|smol|futures-executor)( |$)' || true)
  if [ -n "$bad" ]; then
    echo "error: $p depends on: $bad" >&2
    exit 1
  fi
  echo "$p: no wasm-bindgen, js-sys, web-sys or async runtime in its dependency tree"
done

for s in scripts/test.d/*.sh; do
  [ -e "$s" ] || continue
  step "$s"
  bash "$s"
done

step "all tests passed"
