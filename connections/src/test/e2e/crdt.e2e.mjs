// End-to-end test of collaborative text in Debian's Chromium, driven by playwright-core: NotesServer's
// hub shares one CRDT-backed note; two browser contexts (tenants alice and bob, each its own cookies and
// sockets) open notes.html, click into the note's text with the mouse and type on the keyboard.
// (1) Both type at once (interleaved keystrokes, per-key delay): both pages and the Java host (GET /note)
// end with the same text holding every character of each typist in that typist's order.
// (2) Bob's network is cut: his page's WebSocket is closed under it and every reconnect is refused, by a
// Playwright WebSocket route in his context (the page's own code is untouched; it sees exactly what a
// dropped connection looks like; context.setOffline(true) was tried first and does not close an open
// WebSocket in Chromium: the page stayed live for 15 s). He types offline (the page says it is offline, the text stays in the
// field), alice types meanwhile, the network comes back, and everything converges with nothing lost.
// Needs the classpath written by ../../../e2e.sh (TRANSPORTS_CLASSPATH). Exit code 0 = pass.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const classpath = process.env.TRANSPORTS_CLASSPATH;
const shots = process.env.TRANSPORTS_E2E_OUT ?? join(tmpdir(), "transports-e2e");
if (!classpath) throw new Error("TRANSPORTS_CLASSPATH is not set: run connections/e2e.sh");
mkdirSync(shots, { recursive: true });

const START = "Notes:"; // NotesServer's initial text
const TEXT = `[data-path='${JSON.stringify([{ Key: "text" }])}']`;
const children = new Set();
let failures = 0;
let passed = 0;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function startNotes(port) {
  const child = spawn("java", ["-cp", classpath, "io.transports.connections.demo.NotesServer", "--port", String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`notes server did not start: ${out}`)), 60_000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/transports notes: (http:\/\/[^/\s]+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: m[1] });
      }
    });
    child.on("exit", (code) => reject(new Error(`notes server exited with ${code}: ${out}`)));
  });
}

function kill(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

async function until(what, fn, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await fn()) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (${last.message})` : ""}`);
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

/** Whether the characters of `part` occur in `whole` in order (other characters may come between). */
function inOrder(part, whole) {
  let j = 0;
  for (let i = 0; i < whole.length && j < part.length; i++) if (whole[i] === part[j]) j++;
  return j === part.length;
}

const port = await freePort();
const notes = await startNotes(port);
const hostText = async () => (await fetch(new URL("note", notes.base))).text();
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});

/**
 * A tenant's page in its own browser context. Its WebSockets go through a route that passes them to
 * the server; `cut()` closes the open ones (both ends) and refuses new ones until `restore()`.
 */
async function openPage(tenant) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const logs = [];
  page.on("console", (m) => logs.push(`${tenant} ${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => logs.push(`${tenant} pageerror: ${e.message}`));
  let down = false;
  const open = new Set();
  await page.routeWebSocket(/\/transports/, (ws) => {
    if (down) return ws.close({ code: 3000, reason: "network down" });
    const server = ws.connectToServer();
    const link = { ws, server };
    open.add(link);
    ws.onClose(() => open.delete(link));
  });
  await page.goto(new URL(`notes.html?tenant=${tenant}`, notes.base).href);
  return {
    tenant, context, page, logs,
    cut: async () => {
      down = true;
      for (const { ws, server } of [...open]) {
        await server.close({ code: 3000, reason: "network down" }).catch(() => {});
        await ws.close({ code: 3000, reason: "network down" }).catch(() => {});
      }
      open.clear();
    },
    restore: () => { down = false; },
  };
}

/** What the page's note text shows: the input's value while it is being edited, else the shown text. */
const shown = (p) => p.page.$eval(TEXT, (e) => (e.tagName === "INPUT" ? e.value : e.textContent));
/** How many of the page's CRDT edits wait for the host's confirmation (0 when the status line is absent). */
const pending = (p) => p.page.$$eval(".tp-crdt-status", (ls) => ls.reduce((n, l) => n + Number(l.dataset.pending ?? 0), 0));

/** Clicks the note's text with the mouse (it becomes an input) and puts the caret at its end with End. */
async function clickIntoText(p) {
  const box = await p.page.locator(TEXT).boundingBox();
  if (!box) throw new Error(`${p.tenant}: no note text to click`);
  await p.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await p.page.locator(`input${TEXT}`).waitFor({ timeout: 10_000 });
  await p.page.keyboard.press("End");
}

/** Both pages and the host hold one text, with nothing waiting for confirmation. */
async function converged(a, b) {
  const [ta, tb, th, pa, pb] = [await shown(a), await shown(b), await hostText(), await pending(a), await pending(b)];
  return ta === tb && tb === th && pa === 0 && pb === 0;
}

const alice = await openPage("alice");
const bob = await openPage("bob");
try {
  await check("two pages typing into the note at once converge with every character in each typist's order", async () => {
    for (const p of [alice, bob]) {
      await p.page.waitForSelector('#status[data-status="open"]', { timeout: 30_000 });
      await p.page.waitForSelector(TEXT, { timeout: 30_000 });
      await until(`${p.tenant} to show the initial note`, async () => (await shown(p)) === START);
    }
    await clickIntoText(alice);
    await clickIntoText(bob);
    const a = " alice types this", b = " BOB TYPES THAT!";
    await Promise.all([alice.page.keyboard.type(a, { delay: 40 }), bob.page.keyboard.type(b, { delay: 55 })]);
    await until("both pages and the host to converge", () => converged(alice, bob));
    const text = await hostText();
    if (text.length !== START.length + a.length + b.length) throw new Error(`expected ${START.length + a.length + b.length} characters, host has ${JSON.stringify(text)}`);
    for (const part of [START, a, b]) if (!inOrder(part, text)) throw new Error(`${JSON.stringify(part)} is not in order in ${JSON.stringify(text)}`);
    await alice.page.screenshot({ path: join(shots, "notes-typing.png"), fullPage: true });
  });

  await check("a page typing offline keeps its text, and after the network is back nothing is lost", async () => {
    const before = await hostText();
    await bob.cut();
    await bob.page.waitForSelector('#status[data-status="offline"]', { timeout: 30_000 });
    await bob.page.waitForSelector(".tp-root.tp-disconnected .tp-banner:not([hidden])", { timeout: 30_000 });
    const off = " 12345 typed offline";
    await clickIntoText(bob);
    await bob.page.keyboard.type(off, { delay: 30 });
    // the typed text stays in bob's field and waits, unconfirmed, for the connection
    if ((await shown(bob)) !== before + off) throw new Error(`bob's field shows ${JSON.stringify(await shown(bob))}`);
    await until("bob's page to count its unsent edits", async () => (await pending(bob)) >= off.length);
    const on = " and alice online";
    await clickIntoText(alice);
    await alice.page.keyboard.type(on, { delay: 30 });
    await until("alice's text to reach the host", async () => (await hostText()) === before + on);
    if ((await bob.page.getAttribute("#status", "data-status")) !== "offline") throw new Error("bob should still be offline");
    await bob.page.screenshot({ path: join(shots, "notes-offline.png"), fullPage: true });
    bob.restore();
    await bob.page.waitForSelector('#status[data-status="open"]', { timeout: 60_000 });
    await until("both pages and the host to converge after the reconnect", () => converged(alice, bob), 60_000);
    const text = await hostText();
    if (text.length !== before.length + off.length + on.length) throw new Error(`expected ${before.length + off.length + on.length} characters, host has ${JSON.stringify(text)}`);
    if (!text.startsWith(before)) throw new Error(`the earlier text changed: ${JSON.stringify(text)}`);
    for (const part of [off, on]) if (!inOrder(part, text.slice(before.length))) throw new Error(`${JSON.stringify(part)} is not in order in ${JSON.stringify(text)}`);
  });

  if (failures > 0) console.log([...alice.logs, ...bob.logs].join("\n"));
} finally {
  await browser.close();
  for (const c of [...children]) await kill(c);
}
console.log(failures === 0 ? "crdt e2e: all checks passed" : `crdt e2e: ${failures} check(s) failed`);
console.log(`crdt e2e: ${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
