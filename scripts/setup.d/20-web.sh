#!/usr/bin/env bash
# Browser side: wasm-bindgen-cli (pinned to the crate's wasm-bindgen),
# Chromium + chromedriver (Debian packages), and the npm packages of
# package-lock.json (amazon-connect-streams, playwright-core, binaryen for
# wasm-opt).
# Idempotent: each step checks first and does nothing when already done.
set -euo pipefail
cd "$(dirname "$0")/../.."
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}
log() { printf '[setup web] %s\n' "$*" >&2; }
export PATH="$HOME/.cargo/bin:$PATH"

# 1. wasm-bindgen-cli, exactly the version Cargo.lock uses.
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (found: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# 2. Chromium and chromedriver for the browser tests.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  log "installing chromium and chromium-driver"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  $SUDO apt-get install -y chromium chromium-driver
fi

# 3. npm packages, when node_modules does not match package-lock.json.
stamp=node_modules/.ctiflow-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --ignore-scripts
  echo "$want" > "$stamp"
fi
