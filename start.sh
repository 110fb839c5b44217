#!/usr/bin/env bash
# The main job on a fresh machine: set everything up (./install.sh, harmless to repeat), then open
# JupyterLab on the quickstart notebook with the "Java (transports)" kernel.
# Extra arguments go to JupyterLab (e.g. ./start.sh --port 8899 --no-browser).
#
# - As root (containers, CI) JupyterLab refuses to start unless told --allow-root, so we tell it.
# - The log lines carry no colour codes, so the printed URL can be copied from any terminal or CI log.
# - Only the "Java (transports)" kernel (and Python) is offered: the plain "Java" kernel that the
#   jjava package installs next to it has no transports extension, and picking it by mistake gives
#   "package io.transports does not exist".
set -euo pipefail
cd "$(dirname "$0")"
./install.sh
args=(
  --ServerApp.log_format='[%(levelname)1.1s %(asctime)s.%(msecs).03d %(name)s] %(message)s'
  --KernelSpecManager.allowed_kernelspecs=java-transports
  --KernelSpecManager.allowed_kernelspecs=python3
)
if [[ "$(id -u)" == 0 ]]; then args+=(--allow-root); fi
exec .venv/bin/jupyter lab notebooks/quickstart.ipynb "${args[@]}" "$@"
