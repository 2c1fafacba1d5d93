#!/usr/bin/env bash
# Serves the repository root on http://127.0.0.1:${PORT:-8080}/ (loopback
# only), so that the pages under www/ can fetch flows/ too:
#   adapter: http://127.0.0.1:8080/www/adapter/?flowSet=/flows/flow-set.json&ccpUrl=https://<instance>.my.connect.aws/ccp-v2/
#            (URL parameters set those only with `urlOverrides: true` in www/adapter/config.js)
# Build first (scripts/build-wasm.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 -m http.server --bind 127.0.0.1 --directory . "${PORT:-8080}"
