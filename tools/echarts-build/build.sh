#!/usr/bin/env bash
# Builds the ECharts the pages use (entry.js) into src/Luoshi.Web/wwwroot/vendor/echarts.luoshi.min.js, which is committed:
# the server and its build need no npm for it. Run again after changing entry.js or the pinned versions.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
npm ci --no-audit --no-fund --loglevel=error
out=../../src/Luoshi.Web/wwwroot/vendor/echarts.luoshi.min.js
mkdir -p "$(dirname "$out")"
npx esbuild entry.js --bundle --minify --define:process.env.NODE_ENV='"production"' --define:__DEV__=false --format=iife --target=es2018 --legal-comments=none --outfile="$out"
ls -l "$out"
