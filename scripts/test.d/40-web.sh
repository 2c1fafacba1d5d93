#!/usr/bin/env bash
# Browser tests:
#  (a) the wasm facade under wasm-bindgen-test in headless Chromium
#      (crates/wasm/tests/web.rs; browser flags in crates/wasm/webdriver.json);
#  (b) the adapter page end to end with the real amazon-connect-streams and a
#      simulated Open CTI (tests/e2e/, node's test runner + playwright-core).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}

echo "-- (a) wasm-bindgen-test: ctiflow-wasm in headless Chromium"
cargo test --target wasm32-unknown-unknown -p ctiflow-wasm

echo "-- (b) adapter page end to end (builds www/pkg first)"
bash scripts/build-wasm.sh
node --test tests/e2e/
