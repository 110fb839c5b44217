// Starts a throwaway JupyterLab for the end-to-end test: the project's .venv, a free loopback port,
// no token, and temporary config, data, runtime, settings and workspace directories, serving a
// temporary copy of notebooks/. Waits for it by polling its status API; stop() ends it and cleans up.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../../../..");

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** `env`: more environment for the server and the kernels it starts (TRANSPORTS_FRAME_LOG, say). */
export async function startJupyterLab({ timeoutMs = 180_000, env: extraEnv = {} } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), "transports-e2e-"));
  const dirs = Object.fromEntries(["config", "data", "runtime", "settings", "workspaces", "notebooks"].map((d) => {
    mkdirSync(join(tmp, d), { recursive: true });
    return [d, join(tmp, d)];
  }));
  cpSync(join(ROOT, "notebooks"), dirs.notebooks, { recursive: true });
  // no news or update checks (the machine has no network beyond loopback), no toasts over the page
  const notif = join(dirs.settings, "@jupyterlab", "apputils-extension");
  mkdirSync(notif, { recursive: true });
  writeFileSync(join(notif, "notification.jupyterlab-settings"), JSON.stringify({ fetchNews: "false", checkForUpdates: false }));
  const port = await freePort();
  const args = [
    "lab", "--no-browser", `--ServerApp.ip=127.0.0.1`, `--ServerApp.port=${port}`, "--ServerApp.port_retries=0",
    "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
    `--ServerApp.root_dir=${dirs.notebooks}`, `--LabApp.user_settings_dir=${dirs.settings}`,
    `--LabApp.workspaces_dir=${dirs.workspaces}`, "--LabApp.expose_app_in_browser=True",
    "--LabApp.news_url=", "--LabApp.extension_manager=readonly", "--ServerApp.allow_root=True",
  ];
  const env = {
    ...process.env,
    JUPYTER_CONFIG_DIR: dirs.config, JUPYTER_RUNTIME_DIR: dirs.runtime, JUPYTER_DATA_DIR: dirs.data,
    JUPYTER_PLATFORM_DIRS: "1",
    ...extraEnv,
  };
  const proc = spawn(join(ROOT, ".venv/bin/jupyter"), args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  proc.stdout.on("data", (d) => (log += d));
  proc.stderr.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`JupyterLab exited (${proc.exitCode}):\n${log}`);
    try {
      const r = await fetch(`${base}/api/status`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`JupyterLab did not answer within ${timeoutMs} ms:\n${log}`);
    await new Promise((r) => setTimeout(r, 250)); // polling interval while waiting for the server
  }
  return {
    base,
    dirs,
    log: () => log,
    async stop() {
      try {
        process.kill(-proc.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
      const exited = new Promise((r) => (proc.exitCode !== null ? r() : proc.once("exit", r)));
      const timer = setTimeout(() => {
        try {
          process.kill(-proc.pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }, 30_000);
      await exited;
      clearTimeout(timer);
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
