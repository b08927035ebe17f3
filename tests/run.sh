#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh machine, then runs it.
#   bash tests/run.sh [pytest arguments]            the versions in constraints.txt (the lock)
#   bash tests/run.sh --latest [pytest arguments]   the newest releases, in .venv-latest; when
#                                                   the suite passes, constraints.txt is rewritten
# Installs: a virtualenv in .venv (or $VENV) with the package and its test
# extras; Node.js (Debian's nodejs package) when there is none, for the
# JavaScript twins of the scoring rules; and a Chromium: $CHROMIUM_PATH or
# /usr/bin/chromium when present, Debian's chromium package when running as
# root on Debian/Ubuntu, otherwise Playwright's own download.
set -euo pipefail
cd "$(dirname "$0")/.."
latest=
if [ "${1:-}" = "--latest" ]; then
  latest=1
  shift
fi
venv=${VENV:-$([ -n "$latest" ] && echo .venv-latest || echo .venv)}
lock=$PWD/constraints.txt
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

if [ -n "$latest" ]; then
  rm -rf "$venv"  # nothing left over from an earlier resolution
fi
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    echo "python3 -m venv failed; installing python3-venv" >&2
    as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$venv"
  fi
fi
pip=("$venv/bin/python" -m pip install --quiet --disable-pip-version-check)
if [ -n "$latest" ]; then
  # the newest of everything, the build backend included (it goes into the lock too)
  PIP_CONSTRAINT= "${pip[@]}" --upgrade hatchling -e ".[test]"
else
  # PIP_CONSTRAINT (unlike -c) also pins the build backend in pip's isolated build environment
  PIP_CONSTRAINT=$lock "${pip[@]}" -e ".[test]"
fi

if ! command -v node >/dev/null; then
  echo "Installing Debian's nodejs package"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null
fi

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

if [ -z "$latest" ]; then
  exec "$venv/bin/python" -m pytest "$@"
fi
ASSESS_LATEST=1 "$venv/bin/python" -m pytest "$@"
if [ $# -gt 0 ]; then
  echo "The selected tests passed with the newest releases; constraints.txt is rewritten only after the whole suite."
  exit 0
fi
echo "The whole suite passed with the newest releases; constraints.txt now pins them:"
"$venv/bin/python" tests/support/lock.py "$lock"
