// Screenshots of the schema-driven form for the README, taken in real JupyterLab (from .venv) with
// the "Java (transports)" kernel and its real schemas, in Debian's Chromium: notebooks/rich.ipynb
// run as a person runs it (typed controls, a table of records, a map, an Optional, constraints),
// with a refused edit typed by the keyboard (humidity 120: refused in the page in Java's words),
// in the light theme and again in JupyterLab's dark theme.
// Usage: (cd kernel-extension/src/test/e2e && npm ci && node screenshot-form.mjs [out-dir])
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./chromium.mjs";
import { startJupyterLab } from "./jupyterlab.mjs";
import { LONG, command, openNotebook, runAll } from "./lab-page.mjs";
import { field, retype, waitReason } from "./person.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
const outDir = process.argv[2] ?? join(ROOT, "docs/images");
mkdirSync(outDir, { recursive: true });
const HUM = [{ Key: "humidity" }];

const lab = await startJupyterLab();
const browser = await launchChromium({ viewport: { width: 1100, height: 1400 } });
const { page } = browser;
page.setDefaultTimeout(LONG);
try {
  await openNotebook(page, lab.base, "rich.ipynb");
  await runAll(page);
  await page.waitForSelector(`${field(HUM)} ~ input.tp-slider`); // the kernel's schema arrived
  await retype(page, HUM, "120");
  await page.keyboard.press("Enter");
  await waitReason(page, HUM);
  const shoot = async (name) => {
    const form = page.locator(".tp-root").first();
    await form.scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await form.screenshot({ path: join(outDir, `${name}.png`) });
    console.log(`wrote ${join(outDir, `${name}.png`)}`);
  };
  await shoot("widget-form");
  await command(page, "apputils:change-theme", { theme: "JupyterLab Dark" });
  await page.waitForFunction(() => document.body.dataset.jpThemeLight === "false");
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500))); // the theme's CSS settles (a picture, not a test)
  await shoot("widget-form-dark");
} finally {
  await browser.close();
  await lab.stop();
}
