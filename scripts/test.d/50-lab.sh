#!/usr/bin/env bash
# The flow lab (www/lab) end to end: builds www/pkg (scripts/build-wasm.sh,
# quick when up to date), then drives the lab in headless Chromium over every
# sample flow (tests/e2e/lab.test.mjs; skips itself when ../shared is absent).
# Leaves a screenshot in tests/e2e/out/lab-08-create-task.png.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/build-wasm.sh
node --test tests/e2e/lab.test.mjs
