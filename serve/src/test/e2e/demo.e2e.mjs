// End-to-end test of the Lamp demo in Debian's Chromium, driven by playwright-core:
// the page mirrors the timer's changes; an edit made on the page reaches the Java object (read back
// through /state, which reads the object's fields directly); after the server is killed and restarted
// on the same port, the page shows its connection-lost banner (form disabled), reconnects and catches up;
// the page is the published connect() client drawn by renderModels; the ?sse page mirrors read-only; and the
// widget's TypeScript client (client.js: connect, propose) works against the Java server on its own.
// Needs the class path written by ../../../e2e.sh (TRANSPORTS_CLASSPATH). Exit code 0 = pass.
import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { freePort, kill, killAll, startJava, until as waitUntil } from "./java-servers.mjs";

const shots = process.env.TRANSPORTS_E2E_OUT ?? join(tmpdir(), "transports-e2e");
mkdirSync(shots, { recursive: true });

// A field of the view: a checkbox, or a text or number value shown as text until it is focused (a
// click makes it a real input with the same data-path).
const field = (key) => `[data-path='${JSON.stringify([{ Key: key }])}']`;
const input = (key) => `input[data-path='${JSON.stringify([{ Key: key }])}']`;
// What a field shows: an input's value, or the shown text.
const shown = (p, key) => p.$eval(field(key), (e) => (e.tagName === "INPUT" ? e.value : e.textContent));
// Edit a text field as a person would: click the shown value with the mouse, select its text and
// type the new one on the keyboard, press Enter.
async function edit(p, key, text) {
  const box = await p.locator(field(key)).boundingBox();
  if (!box) throw new Error(`no field ${key} to click`);
  await p.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await p.locator(input(key)).waitFor();
  await p.keyboard.press("Control+A");
  await p.keyboard.type(text);
  await p.keyboard.press("Enter");
}
// Click an element in the middle with the mouse, as a person would.
async function click(p, selector) {
  const box = await p.locator(selector).boundingBox();
  if (!box) throw new Error(`nothing to click at ${selector}`);
  await p.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}
let failures = 0;
let passed = 0;

const startDemo = (port) => startJava("io.transports.serve.demo.DemoServer", port, /transports demo: (http:\/\/\S+)/, "demo");
const until = (what, fn, timeout = 20_000) => waitUntil(what, fn, timeout);

async function state(base) {
  const r = await fetch(new URL("state", base));
  return r.json();
}

async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

const port = await freePort();
let demo = await startDemo(port);
const profile = mkdtempSync(join(tmpdir(), "transports-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});
try {
  const page = await context.newPage();
  const logs = [];
  page.on("console", (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => logs.push(`pageerror: ${e.message}`));
  await page.goto(demo.url);

  await check("the page mirrors the timer's changes", async () => {
    await page.waitForSelector('#status[data-status="open"]', { timeout: 20_000 });
    await page.waitForSelector(field("uptime"), { timeout: 20_000 });
    const first = Number(await shown(page, "uptime"));
    await until("uptime to advance on the page", async () => Number(await shown(page, "uptime")) > first);
    await until("the page to agree with the Java object", async () =>
      Math.abs(Number(await shown(page, "uptime")) - (await state(demo.url)).uptime) <= 1);
  });

  await check("an edit on the page reaches the Java object", async () => {
    await edit(page, "name", "porch lamp");
    await until("the Java object to hold the new name", async () => (await state(demo.url)).name === "porch lamp");
    await click(page, `input[data-path='${JSON.stringify([{ Key: "on" }])}']`);
    await until("the Java object to be switched off", async () => (await state(demo.url)).on === false);
    await page.screenshot({ path: join(shots, "demo.png"), fullPage: true });
  });

  await check("a read-only SSE page mirrors too", async () => {
    const ssePage = await context.newPage();
    await ssePage.goto(new URL("?sse", demo.url).href);
    await ssePage.waitForSelector('#status[data-status="open"]', { timeout: 20_000 });
    await until("the SSE page to show the edited name", async () => (await shown(ssePage, "name")) === "porch lamp");
    const first = Number(await shown(ssePage, "uptime"));
    await until("uptime to advance over SSE", async () => Number(await shown(ssePage, "uptime")) > first);
    const editable = await ssePage.$eval(field("name"), (e) => e.tagName === "INPUT" ? !e.disabled : e.getAttribute("aria-disabled") !== "true");
    if (editable) throw new Error("the SSE view should be read-only");
    await ssePage.close();
  });

  await check("the widget's TypeScript client on its own mirrors and proposes (connect)", async () => {
    const result = await page.evaluate(async () => {
      const { connect } = await import("/widget/client.js");
      const conn = connect(`ws://${location.host}/transports`);
      const until = (f) => new Promise((resolve, reject) => {
        const t0 = Date.now();
        const tick = () => (f() ? resolve() : Date.now() - t0 > 15000 ? reject(new Error("timeout")) : setTimeout(tick, 50));
        tick();
      });
      await until(() => conn.status === "open" && conn.client.value(1) !== undefined);
      const before = conn.client.value(1).Map.uptime.Int;
      await until(() => conn.client.value(1).Map.uptime.Int > before);
      const next = { Map: { ...conn.client.value(1).Map, brightness: { Int: 33 } } };
      const sent = conn.propose(1, next);
      await until(() => conn.client.value(1).Map.brightness.Int === 33);
      conn.close();
      return { sent };
    });
    if (!result.sent) throw new Error("propose returned false");
    await until("the Java object to hold brightness 33", async () => (await state(demo.url)).brightness === 33);
  });

  await check("after a server kill and restart on the same port the page reconnects and catches up", async () => {
    await kill(demo.child);
    await page.waitForSelector('#status[data-status="reconnecting"]', { timeout: 20_000 });
    // the view says the connection is gone and takes no edits meanwhile
    await page.waitForSelector(".tp-root.tp-disconnected .tp-banner:not([hidden])", { timeout: 20_000 });
    const banner = await page.$eval(".tp-banner", (e) => e.textContent);
    if (!/connection to the server is lost/.test(banner)) throw new Error(`banner says: ${banner}`);
    if (!(await page.$eval(`input[data-path='${JSON.stringify([{ Key: "on" }])}']`, (e) => e.disabled))) throw new Error("the checkbox should be disabled while reconnecting");
    demo = await startDemo(port);
    await page.waitForSelector('#status[data-status="open"]', { timeout: 30_000 });
    await page.waitForSelector(".tp-banner[hidden]", { state: "attached", timeout: 20_000 });
    // the restarted server hosts a fresh Lamp: the page must show its state, not the old one
    await until("the page to show the restarted server's name", async () => (await shown(page, "name")) === "desk lamp");
    await until("the page to follow the restarted server's timer", async () =>
      Math.abs(Number(await shown(page, "uptime")) - (await state(demo.url)).uptime) <= 1);
    await edit(page, "name", "after restart");
    await until("an edit to reach the restarted server", async () => (await state(demo.url)).name === "after restart");
  });

  if (failures > 0) console.log(logs.join("\n"));
} finally {
  await context.close();
  await killAll();
  rmSync(profile, { recursive: true, force: true });
}
console.log(failures === 0 ? "e2e: all checks passed" : `e2e: ${failures} check(s) failed`);
console.log(`e2e: ${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
