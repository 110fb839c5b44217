#!/usr/bin/env bash
# Runs the browser end-to-end test: JupyterLab from .venv with the "Java (transports)" kernel, in
# Debian's Chromium (CHROMIUM, default /usr/bin/chromium) driven by playwright-core from npm.
# Needs ./install.sh to have run. Runs widget.e2e (display, follow, reload, two tabs) and editing.e2e
# (a person's clicks and keys: first click, Enter/Escape/Tab, refusals, typing kept, rapid edits,
# structural edits, kernel restart) and rich-form.e2e (the schema-driven form of rich.ipynb with the
# kernel's real schemas: order, types, enum select, table, structural edits, Optional, constraints,
# date input, folding sections) and presence.e2e (two tabs as two tenants of a hub: each sees where
# the other is on a shared model). Saves docs/widget.png and prints the measured latencies.
set -euo pipefail
cd "$(dirname "$0")/../kernel-extension/src/test/e2e"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
exec npm test --silent
