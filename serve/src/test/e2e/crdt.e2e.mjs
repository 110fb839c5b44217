// End-to-end test of collaborative text in Debian's Chromium, driven by playwright-core: NotesServer's
// hub shares one CRDT-backed note; two browser contexts (tenants alice and bob, each its own cookies and
// sockets) open notes.html, click into the note's text with the mouse and type on the keyboard.
// (1) Both type at once (interleaved keystrokes, per-key delay): both pages and the Java host (GET /note)
// end with the same text holding every character of each typist in that typist's order; the two strings
// share characters, so a caret that slipped before the page's own character would show.
// (2) Bob's network is cut: his page's WebSocket is closed under it and every reconnect is refused, by a
// Playwright WebSocket route in his context (the page's own code is untouched; it sees exactly what a
// dropped connection looks like; context.setOffline(true) was tried first and does not close an open
// WebSocket in Chromium: the page stayed live for 15 s). He types offline (the page says it is offline, the text stays in the
// field), alice types meanwhile, the network comes back, and everything converges with nothing lost.
// (3) Presence: a page whose person clicks into a field of the note shows on the other pages as a
// badge with the tenant's name beside that field (and a "N others here" line); clicking elsewhere on
// the page, or closing it, removes it. A third tenant (carol) sees both others at once (a screenshot).
// (4) A Python peer (the reference transports 0.10.0 in the project's .venv, its own awareness_msg over
// a plain WebSocket) sends a state of another shape ({"selection": ...}): the page counts it as here,
// marks no field and carries on; then {"field": "title", "name": "python"} puts a badge on the title;
// the peer's socket closing removes it. Skipped, and said so, when the .venv has no transports package.
// Needs the class path written by ../../../e2e.sh (TRANSPORTS_CLASSPATH). Exit code 0 = pass.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { freePort, killAll, startJava, until as waitUntil } from "./java-servers.mjs";

const shots = process.env.TRANSPORTS_E2E_OUT ?? join(tmpdir(), "transports-e2e");
mkdirSync(shots, { recursive: true });

const START = "Notes:"; // NotesServer's initial text
const TEXT = `[data-path='${JSON.stringify([{ Key: "text" }])}']`;
/** The Python peer of check (4): the reference's own frame builder over a plain WebSocket. */
const PYTHON_PEER = `
import json, sys
from transports import protocol
from websockets.sync.client import connect
url, sid = sys.argv[1], int(sys.argv[2])
with connect(url) as ws:
    while True:  # until the shared note's snapshot
        m = json.loads(ws.recv())
        if m.get("id") == sid and m.get("t") in ("snapshot", "crdt_snapshot"):
            break
    ws.send(protocol.awareness_msg(sid, {"selection": {"anchor": 3}}))
    print("sent selection", flush=True)
    sys.stdin.readline()
    ws.send(protocol.awareness_msg(sid, {"field": "title", "name": "python"}))
    print("sent field", flush=True)
    sys.stdin.readline()
`;
let failures = 0;
let passed = 0;

const startNotes = async (port) => {
  const { child, url } = await startJava("io.transports.serve.demo.NotesServer", port, /transports notes: (http:\/\/[^/\s]+\/)/, "notes server");
  return { child, base: url };
};
const until = (what, fn, timeout = 30_000) => waitUntil(what, fn, timeout);

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

/** Whether `text` is an interleaving of `a` and `b`: every character of both, each string in its own order, nothing else. */
function interleaves(text, a, b) {
  if (text.length !== a.length + b.length) return false;
  // can[j]: text[0, i+j) is an interleaving of a[0, i) and b[0, j), for the current i
  const can = [true];
  for (let j = 1; j <= b.length; j++) can[j] = can[j - 1] && b[j - 1] === text[j - 1];
  for (let i = 1; i <= a.length; i++) {
    can[0] = can[0] && a[i - 1] === text[i - 1];
    for (let j = 1; j <= b.length; j++) {
      can[j] = (can[j] && a[i - 1] === text[i + j - 1]) || (can[j - 1] && b[j - 1] === text[i + j - 1]);
    }
  }
  return can[b.length];
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
  // awareness frames both ways, printed when a check fails
  page.on("websocket", (ws) => {
    ws.on("framesent", (f) => String(f.payload).includes('"awareness"') && logs.push(`${tenant} sent: ${f.payload}`));
    ws.on("framereceived", (f) => String(f.payload).includes('"awareness"') && logs.push(`${tenant} got: ${f.payload}`));
  });
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
let carolLogs = null;
try {
  await check("two pages typing into the note at once converge with every character in each typist's order", async () => {
    for (const p of [alice, bob]) {
      await p.page.waitForSelector('#status[data-status="open"]', { timeout: 30_000 });
      await p.page.waitForSelector(TEXT, { timeout: 30_000 });
      await until(`${p.tenant} to show the initial note`, async () => (await shown(p)) === START);
    }
    await clickIntoText(alice);
    await clickIntoText(bob);
    // The two strings share characters (both start " a" and hold "_type"). Both type the first one, a
    // space, and wait until each page shows the other's space too: on one of the two pages the other's
    // space then stands just before the caret, ahead of the page's own. The caret must stay after the
    // page's own space (it is pinned to CRDT elements, crdt-caret.ts); placed by comparing texts it went
    // between the two spaces, the rest of that typing went in front of the page's own space, and the
    // strict order check below failed.
    const a = " alice_types_this", b = " a_BOB_types_THAT!";
    await alice.page.keyboard.type(a[0]);
    await bob.page.keyboard.type(b[0]);
    await until("both pages to show both first characters", async () => (await shown(alice)) === START + a[0] + b[0] && (await shown(bob)) === START + a[0] + b[0]);
    // While bob is still typing, his field must already show some of alice's typing: the two really overlap.
    let bobDone = false;
    let overlapped = false;
    const typing = Promise.all([
      alice.page.keyboard.type(a.slice(1), { delay: 40 }),
      bob.page.keyboard.type(b.slice(1), { delay: 60 }).finally(() => { bobDone = true; }),
    ]);
    while (!bobDone) {
      const stillTyping = !bobDone;
      if (stillTyping && (await shown(bob)).includes("ali")) overlapped = true;
      await new Promise((r) => setTimeout(r, 50));
    }
    await typing;
    if (!overlapped) throw new Error("bob's page never showed alice's typing while he typed");
    await until("both pages and the host to converge", () => converged(alice, bob));
    const text = await hostText();
    if (!text.startsWith(START) || !interleaves(text.slice(START.length), a, b)) {
      throw new Error(`${JSON.stringify(text)} is not ${JSON.stringify(START)} then ${JSON.stringify(a)} and ${JSON.stringify(b)} interleaved, each in its typist's order`);
    }
    console.log(`     converged text: ${JSON.stringify(text)}`);
    await alice.page.screenshot({ path: join(shots, "notes-typing.png"), fullPage: true });
  });

  await check("a page typing offline keeps its text, and after the network is back nothing is lost", async () => {
    const before = await hostText();
    await bob.cut();
    await bob.page.waitForSelector('#status[data-status="offline"]', { timeout: 30_000 });
    await bob.page.waitForSelector(".tp-root.tp-disconnected .tp-banner:not([hidden])", { timeout: 30_000 });
    const off = "+12345+OFFLINE";
    await clickIntoText(bob);
    await bob.page.keyboard.type(off, { delay: 30 });
    // the typed text stays in bob's field and waits, unconfirmed, for the connection
    if ((await shown(bob)) !== before + off) throw new Error(`bob's field shows ${JSON.stringify(await shown(bob))}`);
    await until("bob's page to count its unsent edits", async () => (await pending(bob)) >= off.length);
    const on = "_and_alice_online";
    await clickIntoText(alice);
    await alice.page.keyboard.type(on, { delay: 30 });
    await until("alice's text to reach the host", async () => (await hostText()) === before + on);
    if ((await bob.page.getAttribute("#status", "data-status")) !== "offline") throw new Error("bob should still be offline");
    await bob.page.screenshot({ path: join(shots, "notes-offline.png"), fullPage: true });
    bob.restore();
    await bob.page.waitForSelector('#status[data-status="open"]', { timeout: 60_000 });
    await until("both pages and the host to converge after the reconnect", () => converged(alice, bob), 60_000);
    const text = await hostText();
    if (!text.startsWith(before) || !interleaves(text.slice(before.length), off, on)) {
      throw new Error(`${JSON.stringify(text)} is not the earlier text then ${JSON.stringify(off)} and ${JSON.stringify(on)} interleaved, each in its typist's order`);
    }
    console.log(`     converged text: ${JSON.stringify(text)}`);
  });

  await check("each page shows who else is on which field of the note, by name, until they click away or close the page", async () => {
    const TITLE = `[data-path='${JSON.stringify([{ Key: "title" }])}']`;
    /** The names of the badges beside the field `sel` on page `p`. */
    const badgesAt = (p, sel) => p.page.$$eval(`.tp-peer`, (bs, field) => bs.filter((b) => b.dataset.field === field).map((b) => b.textContent), sel);
    const textField = JSON.stringify([{ Key: "text" }]);
    const titleField = JSON.stringify([{ Key: "title" }]);
    const here = (p) => p.page.$eval(".tp-presence", (l) => (l.hidden ? "" : l.textContent)).catch(() => "");
    const carol = await openPage("carol");
    carolLogs = carol.logs;
    await carol.page.waitForSelector('#status[data-status="open"]', { timeout: 30_000 });
    await carol.page.waitForSelector(TITLE, { timeout: 30_000 });
    await clickIntoText(alice);
    // (bob's caret is still in the text from the checks before: carol sees him there too)
    await until("bob's page to show alice beside the text", async () => (await badgesAt(bob, textField)).join() === "alice");
    await until("carol's page to show alice beside the text", async () => (await badgesAt(carol, textField)).includes("alice"));
    // bob clicks into the title with the mouse
    const box = await bob.page.locator(TITLE).boundingBox();
    await bob.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await until("alice's page to show bob beside the title", async () => (await badgesAt(alice, titleField)).join() === "bob");
    await until("carol's page to show both", async () => (await badgesAt(carol, titleField)).join() === "bob" && (await badgesAt(carol, textField)).join() === "alice");
    await until("carol's page to say two others are here", async () => (await here(carol)) === "2 others here: alice (text), bob (title)" || (await here(carol)) === "2 others here: bob (title), alice (text)");
    if ((await badgesAt(alice, textField)).length !== 0) throw new Error("alice's page shows a badge on her own field");
    await carol.page.locator("#app").screenshot({ path: join(shots, "presence.png") });
    // alice clicks on the page's heading, outside the form: her presence is cleared everywhere
    const h1 = await alice.page.locator("h1").boundingBox();
    await alice.page.mouse.click(h1.x + 5, h1.y + h1.height / 2);
    await until("alice's badge to leave bob's page", async () => (await badgesAt(bob, textField)).length === 0);
    await until("alice's badge to leave carol's page", async () => (await badgesAt(carol, textField)).length === 0);
    // bob closes his page: the hub tells the others his state is gone
    await bob.page.close();
    await until("bob's badge to leave alice's page", async () => (await badgesAt(alice, titleField)).length === 0 && (await here(alice)) === "");
    await until("bob's badge to leave carol's page", async () => (await badgesAt(carol, titleField)).length === 0 && (await here(carol)) === "");
    await carol.context.close();
  });

  const python = process.env.TRANSPORTS_PYTHON ?? join(import.meta.dirname, "..", "..", "..", "..", ".venv", "bin", "python");
  const hasReference = existsSync(python) && spawnSync(python, ["-c", "import transports.protocol, websockets.sync.client"]).status === 0;
  if (!hasReference) console.log(`skip a Python peer's awareness: no ${python} with transports 0.10.0 (run ./install.sh)`);
  else await check("a Python peer's awareness of another shape counts it as here without a marker; a field it names gets a badge", async () => {
    const sid = Number(await alice.page.$eval(".tp-model", (m) => m.dataset.id));
    const ws = notes.base.replace(/^http/, "ws") + "transports?tenant=python";
    const peer = spawn(python, ["-u", "-c", PYTHON_PEER, ws, String(sid)], { stdio: ["pipe", "pipe", "inherit"] });
    let said = "";
    peer.stdout.on("data", (d) => (said += d));
    const count = () => alice.page.$eval(".tp-presence", (l) => (l.hidden ? 0 : Number(l.dataset.count)));
    const titleBadges = () => alice.page.$$eval(".tp-peer", (bs) => bs.filter((b) => b.dataset.field === JSON.stringify([{ Key: "title" }])).map((b) => b.textContent));
    try {
      await until("the Python peer to send its selection", async () => said.includes("sent selection"));
      await until("alice's page to count the Python peer", async () => (await count()) === 1);
      if ((await alice.page.$$(".tp-peer")).length !== 0) throw new Error("a state without a field got a marker");
      if (!/^1 other here: peer-\d+$/.test(await alice.page.$eval(".tp-presence", (l) => l.textContent))) throw new Error(`the line says ${await alice.page.$eval(".tp-presence", (l) => l.textContent)}`);
      peer.stdin.write("\n");
      await until("alice's page to show the Python peer's badge on the title", async () => (await titleBadges()).join() === "python");
      peer.stdin.end(); // the peer closes its socket and exits
      await until("the Python peer's badge to go", async () => (await titleBadges()).length === 0 && (await count()) === 0);
      if (alice.logs.some((l) => l.includes("pageerror"))) throw new Error(alice.logs.join("\n"));
    } finally {
      peer.kill("SIGKILL");
    }
  });

  if (failures > 0) console.log([...alice.logs, ...bob.logs, ...(carolLogs ?? [])].join("\n"));
} finally {
  await browser.close();
  await killAll();
}
console.log(failures === 0 ? "crdt e2e: all checks passed" : `crdt e2e: ${failures} check(s) failed`);
console.log(`crdt e2e: ${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
