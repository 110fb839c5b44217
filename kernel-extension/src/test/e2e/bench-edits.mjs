// Benchmark (numbers printed, nothing asserted): edits made as a person makes them in the widget,
// in JupyterLab (from .venv) with the "Java (transports)" kernel, in Debian's Chromium.
//   1. widget edit -> Java object changed: a Java thread polls hall.fanSpeed every millisecond and
//      notes the wall-clock time each new value appears; the page notes the time of each Enter.
//   2. fast typing: values typed and committed (Enter) back to back as fast as keys go: how many
//      proposals were sent, what Java holds at the end, whether the last value was lost.
//   3. a slider dragged for 2 s: humidity (@Min(0) @Max(100)) gets a slider from the schema the
//      kernel sends; the drag is real mouse moves.
// Usage: (cd kernel-extension/src/test/e2e && npm ci && node bench-edits.mjs [edits=15] [typed=50])
import { launchChromium } from "./chromium.mjs";
import { startJupyterLab } from "./jupyterlab.mjs";
import { LONG, openNotebook, runAll, runNewCell } from "./lab-page.mjs";
import { clickOn, field, input, retype, shows } from "./person.mjs";

const EDITS = Number(process.argv[2] ?? 15);
const TYPED = Number(process.argv[3] ?? 50);
const FAN = [{ Key: "fanSpeed" }];
const HUMIDITY = [{ Key: "humidity" }];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const lab = await startJupyterLab();
const browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
const { page } = browser;
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
  // printed as value=millis pairs separated by spaces
  const seen = Object.fromEntries((await runNewCell(page, `seenAt.forEach((k, v) -> System.out.print(k + "=" + v + " "));`))
    .trim().split(/\s+/).filter(Boolean).map((p) => p.split("=").map(Number)));
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

  // 3. slider: humidity is @Min(0) @Max(100) in rich.ipynb; the kernel's schema gives it a slider
  const slider = `${field(HUMIDITY)} ~ input.tp-slider`;
  await page.waitForSelector(slider, { timeout: 30_000 });
  let box;
  for (let i = 0; i < 100; i++) { // until the slider is in view, still, and what the pointer hits
    await page.locator(slider).scrollIntoViewIfNeeded();
    const a = await page.locator(slider).boundingBox();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    box = await page.locator(slider).boundingBox();
    const hit = await page.evaluate(([s, x, y]) => document.elementFromPoint(x, y) === document.querySelector(s),
      [slider, box.x + 2, box.y + box.height / 2]);
    if (hit && Math.abs(a.y - box.y) < 0.5) break;
  }
  const sent1 = Number(await page.evaluate(() => document.querySelector(".tp-root").dataset.proposals ?? 0));
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 2, y);
  await page.mouse.down();
  const start = Date.now();
  let moves = 0;
  while (Date.now() - start < 2000) {
    const f = ((Date.now() - start) / 2000);
    await page.mouse.move(box.x + 2 + f * (box.width - 4) * 0.8, y);
    moves++;
  }
  await page.mouse.up();
  const shownAtEnd = await page.evaluate((sel) => { const e = document.querySelector(sel); return e.value ?? e.textContent; }, field(HUMIDITY));
  await page.waitForFunction((sel) => !document.querySelector(sel)?.classList.contains("tp-pending"), field(HUMIDITY), { timeout: 30_000 });
  const sent2 = Number(await page.evaluate(() => document.querySelector(".tp-root").dataset.proposals)) - sent1;
  const javaEnd = (await runNewCell(page, "System.out.println(hall.humidity);")).trim();
  console.log(`slider dragged 2 s: ${moves} mouse moves, ${sent2} proposals sent; the field showed ${shownAtEnd} at release; ` +
    `Java holds ${javaEnd} (${javaEnd === shownAtEnd ? "nothing lost" : "LOST"})`);
} finally {
  await browser.close();
  await lab.stop();
}
