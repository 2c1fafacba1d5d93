#!/usr/bin/env bash
# Installs everything ctiflow's build and tests need. Idempotent, and quick
# when everything is already there. Safe to run on a fresh Debian machine
# with rustup, node and npm (the project's machines); run as root or with sudo
# for the apt step.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must match the pin in Cargo.toml

log() { printf '[setup] %s\n' "$*" >&2; }

# 1. The wasm target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. Any further steps (wasm-bindgen-cli, chromium, npm packages) live in
#    scripts/setup.d/*.sh, each idempotent; they run in name order.
if [ -d scripts/setup.d ]; then
  for s in scripts/setup.d/*.sh; do
    [ -e "$s" ] || continue
    WASM_BINDGEN_VERSION=$WASM_BINDGEN_VERSION bash "$s"
  done
fi
log "ready"
