#!/usr/bin/env bash
# Installs what the test suite needs beyond node_modules: moto's server (pinned, in .venv) and
# Debian's Chromium for the browser tests. Idempotent and quick when both are present.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! .venv/bin/python -c 'import moto.server, flask, trestle.oscal.assessment_results' >/dev/null 2>&1; then
  echo "setup: installing moto and compliance-trestle into .venv" >&2
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements-test.txt
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "setup: installing Chromium (apt-get)" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing; install Debian's chromium package (apt-get install chromium) for the browser tests" >&2
    exit 1
  fi
fi
