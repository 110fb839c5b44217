#!/usr/bin/env bash
# The main job on a fresh machine: set everything up (./install.sh, harmless to repeat), then open
# JupyterLab on the quickstart notebook with the "Java (transports)" kernel.
# Extra arguments go to JupyterLab (e.g. ./start.sh --port 8899 --no-browser).
set -euo pipefail
cd "$(dirname "$0")"
./install.sh
exec .venv/bin/jupyter lab notebooks/quickstart.ipynb "$@"
