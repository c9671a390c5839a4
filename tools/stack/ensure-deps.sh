#!/bin/sh
# Installs dependencies when node_modules is missing or older than the lockfile, so that any root npm
# script works as the very first command on a fresh clone. The lockfile pins node@24, so every later
# command of the same npm script resolves `node` to node_modules/.bin/node (Node 24).
set -e
cd "$(dirname "$0")/../.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies (npm ci) ..."
  npm ci --no-audit --no-fund
fi
