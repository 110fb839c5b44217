// Benchmark (numbers printed, nothing asserted): edits made as a person makes them in the widget,
// in JupyterLab (from .venv) with the "Java (transports)" kernel, in Debian's Chromium.
//   1. widget edit -> Java object changed: a Java thread polls hall.fanSpeed every millisecond and
//      notes the wall-clock time each new value appears; the page notes the time of each Enter.
//   2. fast typing: values typed and committed (Enter) back to back as fast as keys go: how many
//      proposals were sent, what Java holds at the end, whether the last value was lost.
// Usage: (cd kernel-extension/src/test/e2e && npm ci && node bench-edits.mjs [edits=15] [typed=50])
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startJupyterLab } from "./jupyterlab.mjs";
import { LONG, openNotebook, runAll, runNewCell } from "./lab-page.mjs";
import { clickOn, field, input, retype, shows } from "./person.mjs";

const EDITS = Number(process.argv[2] ?? 15);
const TYPED = Number(process.argv[3] ?? 50);
const FAN = [{ Key: "fanSpeed" }];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const lab = await startJupyterLab();
const profile = mkdtempSync(join(tmpdir(), "transports-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"], viewport: { width: 1280, height: 900 },
});
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(LONG);
try {
  await openNotebook(page, lab.base, "rich.ipynb");
  await runAll(page);
  await page.waitForSelector(field(FAN));
  await runNewCell(page, `var seenAt = new java.util.concurrent.ConcurrentHashMap<Integer, Long>();
var watcher = new Thread(() -> {
  int last = hall.fanSpeed;
  while (true) {
    int now = hall.fanSpeed;
    if (now != last) { seenAt.putIfAbsent(now, System.currentTimeMillis()); last = now; }
    try { Thread.sleep(1); } catch (InterruptedException e) { return; }
  }
});
watcher.setDaemon(true);
watcher.start();`);
  // the wall-clock time of each Enter pressed in a widget field, noted in the page
  await page.evaluate(() => {
    window.__enterAt = [];
    document.addEventListener("keydown", (e) => { if (e.key === "Enter" && e.target.closest?.(".tp-root")) window.__enterAt.push(Date.now()); }, true);
  });
  for (let i = 0; i < EDITS; i++) {
    const v = String(1000 + i);
    await retype(page, FAN, v);
    await page.keyboard.press("Enter");
    await page.waitForFunction((sel) => !document.querySelector(sel)?.classList.contains("tp-pending"), input(FAN));
    await page.waitForFunction(shows, [field(FAN), v]);
  }
  const enterAt = await page.evaluate(() => window.__enterAt);
  const seen = JSON.parse((await runNewCell(page, `System.out.println(seenAt.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue()).collect(java.util.stream.Collectors.joining(",", "{", "}")));`)).trim() || "{}");
  const lat = [];
  for (let i = 0; i < EDITS; i++) if (seen[1000 + i] !== undefined) lat.push(seen[1000 + i] - enterAt[i]);
  console.log(`widget edit (Enter) -> Java object changed: median ${median(lat)} ms, min ${Math.min(...lat)}, max ${Math.max(...lat)} over ${lat.length} of ${EDITS} edits (${lat.join(", ")})`);

  // fast typing: TYPED values committed back to back
  const sent0 = Number(await page.evaluate(() => document.querySelector(".tp-root").dataset.proposals ?? 0));
  await clickOn(page, field(FAN));
  const t0 = Date.now();
  for (let i = 1; i <= TYPED; i++) {
    await page.keyboard.press("Control+A");
    await page.keyboard.type(String(i));
    await page.keyboard.press("Enter");
  }
  const typedMs = Date.now() - t0;
  await page.waitForFunction((sel) => !document.querySelector(sel)?.classList.contains("tp-pending"), input(FAN));
  const settledMs = Date.now() - t0;
  const sent = Number(await page.evaluate(() => document.querySelector(".tp-root").dataset.proposals)) - sent0;
  const held = (await runNewCell(page, "System.out.println(hall.fanSpeed);")).trim();
  console.log(`fast typing: ${TYPED} values committed in ${typedMs} ms (${(TYPED / (typedMs / 1000)).toFixed(1)}/s); ` +
    `${sent} proposals sent; settled after ${settledMs} ms; Java holds ${held} (last typed ${TYPED}: ${held === String(TYPED) ? "nothing lost" : "LOST"})`);
} finally {
  await context.close();
  await lab.stop();
  rmSync(profile, { recursive: true, force: true });
}
