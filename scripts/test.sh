#!/usr/bin/env bash
# The whole test suite, as CI runs it: unit and integration tests (vitest, real
# SQLite files), then end-to-end tests in a real Chromium through the browser host.
# Installs what the tests need from Debian when it is missing (Chromium, poppler's pdftotext).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${need[*]} for the end-to-end tests…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "The end-to-end tests need: ${need[*]}. Install them (e.g. sudo apt-get install ${need[*]}) and run again." >&2
    exit 1
  fi
fi

npx tsc -p tsconfig.json
npm run --silent lint
# The build first: the end-to-end tests, the Electron security scan and the start test use it.
npx electron-vite build >/dev/null
npx vitest run
npx playwright test
# The screenshots of the four main screens are this run's artifacts: each must be there, a PNG, not empty.
for screen in board calendar patients setup; do
  shot="test-results/screenshots/$screen.png"
  if [ ! -s "$shot" ] || [ "$(head -c 4 "$shot" | tail -c 3)" != "PNG" ]; then
    echo "The end-to-end tests did not leave the screenshot $shot." >&2
    exit 1
  fi
done
# The benchmark itself must run and report every figure (timings are not judged here: see README).
npm run --silent bench -- --quick --json test-results/bench-quick.json
