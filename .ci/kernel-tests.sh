#!/usr/bin/env bash
# Runs the JJava kernel tests (the extension in the real kernel, driven by jupyter_client) and
# executes the example notebooks with nbclient. Needs ./install.sh to have run (it installs the
# "Java (transports)" kernelspec into .venv). Prints the measured proposal rate.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || { echo "no .venv: run ./install.sh first"; exit 1; }
exec .venv/bin/python -m pytest -q -s -p no:cacheprovider kernel-extension/src/test/python "$@"
