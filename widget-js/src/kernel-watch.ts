/**
 * Tells the view when the kernel that holds its models is gone (restarting, restarted, dead or
 * replaced). In JupyterLab 4.6 with ipywidgets 8 a restart did not reach the view through the
 * model (no comm_live_update arrived, so the view kept stale values and edits failed quietly),
 * so the view also watches the kernel itself through the widget manager that anywidget's model
 * proxy exposes (`widget_manager`): its session context's status and kernel changes, or the
 * kernel connection's status. Everything is looked up defensively: outside JupyterLab (or with
 * another manager) there is nothing to watch and the model's own events still apply.
 */

interface Signal {
  connect(fn: (...args: unknown[]) => void): unknown;
  disconnect(fn: (...args: unknown[]) => void): unknown;
}

function signal(x: unknown): Signal | null {
  const s = x as Partial<Signal> | null | undefined;
  return s && typeof s.connect === "function" && typeof s.disconnect === "function" ? (s as Signal) : null;
}

const GONE = new Set(["restarting", "autorestarting", "dead", "terminating"]);

/** Calls `onGone` once the kernel goes away; returns a function that stops watching. */
export function watchKernel(model: unknown, onGone: () => void): () => void {
  const undo: (() => void)[] = [];
  const hook = (sig: Signal | null, fn: (...args: unknown[]) => void) => {
    if (!sig) return;
    sig.connect(fn);
    undo.push(() => sig.disconnect(fn));
  };
  const onStatus = (_sender: unknown, status: unknown) => {
    if (typeof status === "string" && GONE.has(status)) onGone();
  };
  try {
    const wm = (model as { widget_manager?: Record<string, unknown> }).widget_manager;
    const ctx = (wm?.context ?? wm?._context) as { sessionContext?: Record<string, unknown> } | undefined;
    const sc = ctx?.sessionContext;
    if (sc) {
      hook(signal(sc.statusChanged), onStatus);
      hook(signal(sc.kernelChanged), () => onGone()); // another kernel: this one's comms are gone
    } else {
      const k = (wm?.kernel ?? wm?._kernel) as Record<string, unknown> | undefined;
      hook(signal(k?.statusChanged), onStatus);
    }
  } catch {
    // nothing to watch here
  }
  return () => undo.forEach((u) => u());
}
