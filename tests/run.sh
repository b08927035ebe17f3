#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh machine, then runs it.
#   bash tests/run.sh [pytest arguments]
# Installs: a virtualenv in .venv (or $VENV) with the package and its test
# extras, and a Chromium: $CHROMIUM_PATH or /usr/bin/chromium when present,
# Debian's chromium package when running as root on Debian/Ubuntu, otherwise
# Playwright's own download.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${VENV:-.venv}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    echo "python3 -m venv failed; installing python3-venv" >&2
    as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$venv"
  fi
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[test]"

if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
  echo "Using Chromium at $CHROMIUM_PATH"
elif [ -x /usr/bin/chromium ]; then
  echo "Using /usr/bin/chromium"
elif command -v apt-get >/dev/null && as_root true 2>/dev/null; then
  echo "Installing Debian's chromium package"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Installing Playwright's Chromium"
  "$venv/bin/python" -m playwright install chromium
fi

exec "$venv/bin/python" -m pytest "$@"
