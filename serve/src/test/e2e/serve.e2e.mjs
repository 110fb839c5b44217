// End-to-end test of Serve as the docs show it, in Debian's Chromium driven by playwright-core. It
// starts `jshell` with the README's shell line exactly as written (from the repository root), types
// the README's Java lines into it, opens the printed URL, edits the lamp's name as a person would
// (mouse click, keyboard, Enter), checks that ?batch=1 reaches the WebSocket URL and that ?sse mirrors
// read-only, and reads the Java object back in the same JShell with the README's
// next lines, which also close the server (the port must then be free). Then the same with the hub
// example of docs/connections.md: two tenants in two pages, each editing their own model and the
// shared one. Needs the all-in-one jar that ../../../e2e.sh builds. Exit code 0 = pass.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { until as waitUntil } from "./java-servers.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
const shots = process.env.TRANSPORTS_E2E_OUT ?? join(tmpdir(), "transports-e2e");
mkdirSync(shots, { recursive: true });
const until = (what, fn, timeout = 30_000) => waitUntil(what, fn, timeout);

/** The fenced blocks after `marker` in a docs file: [{ lang, text }, ...]. */
function blocksAfter(file, marker, count) {
  const doc = readFileSync(join(root, file), "utf8");
  let at = doc.indexOf(marker);
  if (at < 0) throw new Error(`${file} has no block marked "${marker}"`);
  const blocks = [];
  for (let i = 0; i < count; i++) {
    const start = doc.indexOf("```", at);
    const eol = doc.indexOf("\n", start);
    const end = doc.indexOf("\n```", eol);
    blocks.push({ lang: doc.slice(start + 3, eol).trim(), text: doc.slice(eol + 1, end) });
    at = end + 4;
  }
  return blocks;
}

const readme = blocksAfter("README.md", "<!-- serve.e2e.mjs runs the next blocks exactly as written", 3);
const [shellLine, lampStart, lampEnd] = readme;
if (shellLine.lang !== "sh" || !/^jshell --class-path /.test(shellLine.text)) throw new Error(`README's shell line: ${shellLine.text}`);
const [hubStart, hubEnd] = blocksAfter("docs/connections.md", "<!-- serve.e2e.mjs runs the next blocks exactly as written", 2);

/** A jshell process started with the docs' line by bash in the repository root; lines are typed into its stdin. */
function startJShell() {
  const child = spawn("bash", ["-c", shellLine.text], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  const shell = { child, out: "", exited: false };
  child.stdout.on("data", (d) => (shell.out += d));
  child.stderr.on("data", (d) => (shell.out += d));
  child.on("exit", () => (shell.exited = true));
  shell.type = (text) => child.stdin.write(text.endsWith("\n") ? text : `${text}\n`);
  shell.waitFor = async (what, re) => {
    let m;
    await until(what, () => {
      if (shell.exited) throw new Error(`jshell exited: ${shell.out}`);
      return (m = shell.out.match(re));
    }, 90_000);
    return m;
  };
  shell.stop = () => new Promise((resolve) => {
    if (shell.exited) return resolve();
    child.once("exit", () => resolve());
    child.stdin.end("/exit\n");
    setTimeout(() => child.kill("SIGKILL"), 20_000).unref();
  });
  return shell;
}

const portIsFree = (port) => new Promise((resolve) => {
  const s = connect({ host: "127.0.0.1", port });
  s.once("connect", () => { s.destroy(); resolve(false); });
  s.once("error", (e) => resolve(e.code === "ECONNREFUSED"));
});

const field = (key) => `[data-path='${JSON.stringify([{ Key: key }])}']`;
const input = (key) => `input[data-path='${JSON.stringify([{ Key: key }])}']`;
const shown = (p, key) => p.$eval(field(key), (e) => (e.tagName === "INPUT" ? e.value : e.textContent));
// Edit a text field as a person would: click the shown value, select its text, type, press Enter.
async function edit(p, key, text) {
  await p.waitForSelector(field(key), { timeout: 30_000 });
  const box = await p.locator(field(key)).boundingBox();
  if (!box) throw new Error(`no field ${key} to click`);
  await p.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await p.locator(input(key)).waitFor();
  await p.keyboard.press("Control+A");
  await p.keyboard.type(text);
  await p.keyboard.press("Enter");
}

let failures = 0;
let passed = 0;
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

const profile = mkdtempSync(join(tmpdir(), "transports-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});
const shells = [];
try {
  await check("README: jshell serves a session in one call and a person's edit on the page reaches the Java object", async () => {
    const js = startJShell();
    shells.push(js);
    js.type(lampStart.text);
    const [, url, port] = await js.waitFor("the served URL printed by jshell", /(http:\/\/127\.0\.0\.1:(\d+)\/)\s/);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('#status[data-status="open"]', { timeout: 30_000 });
    await until("the page to show the lamp's name", async () => (await shown(page, "name")) === "desk lamp");
    await edit(page, "name", "porch lamp");
    await until("the page to show the accepted name", async () => (await shown(page, "name")) === "porch lamp");
    await page.screenshot({ path: join(shots, "serve-session.png"), fullPage: true });
    // the page hands its query to the endpoint: ?batch=1 reaches the WebSocket URL, ?sse mirrors read-only
    const batched = await context.newPage();
    const sockets = [];
    batched.on("websocket", (ws) => sockets.push(ws.url()));
    await batched.goto(`${url}?batch=1`);
    await until("the ?batch=1 page to show the name", async () => (await shown(batched, "name")) === "porch lamp");
    if (!sockets.some((u) => /\/transports\?(.*&)?batch=1/.test(u))) throw new Error(`the page's WebSocket URLs: ${sockets}`);
    const sse = await context.newPage();
    await sse.goto(`${url}?sse`);
    await until("the ?sse page to show the name", async () => (await shown(sse, "name")) === "porch lamp");
    if (!/read-only, SSE/.test(await sse.$eval("#status", (e) => e.textContent))) throw new Error("the ?sse page does not say it is read-only");
    await batched.close();
    await sse.close();
    const before = js.out.length;
    js.type(lampEnd.text);
    await js.waitFor("jshell to show lamp.name", /==> "porch lamp"/);
    if (/==> "desk lamp"/.test(js.out.slice(before))) throw new Error("jshell still shows the old name");
    await until(`port ${port} to be free after served.close()`, () => portIsFree(Number(port)));
    await page.waitForSelector('#status[data-status="reconnecting"]', { timeout: 30_000 });
    await page.close();
    await js.stop();
  });

  await check("docs/connections.md: a hub served the same way, two tenants in two pages", async () => {
    const js = startJShell();
    shells.push(js);
    js.type(hubStart.text);
    const [aliceUrl] = await js.waitFor("alice's URL printed by jshell", /http:\/\/127\.0\.0\.1:\d+\/\?tenant=alice/);
    const alice = await context.newPage();
    const bob = await context.newPage();
    await alice.goto(aliceUrl);
    await bob.goto(aliceUrl.replace("tenant=alice", "tenant=bob"));
    for (const p of [alice, bob]) {
      await p.waitForSelector('#status[data-status="open"]', { timeout: 30_000 });
      await until("both models on the page", async () => (await shown(p, "name")) === "desk lamp" && (await shown(p, "title")) === "plan");
    }
    if (!/as alice/.test(await alice.$eval("#status", (e) => e.textContent))) throw new Error("alice's page does not say whose it is");
    await edit(alice, "name", "alice's lamp");
    await until("alice's page to show her lamp's new name", async () => (await shown(alice, "name")) === "alice's lamp");
    await edit(bob, "title", "plan B");
    await until("bob's edit of the shared board on alice's page", async () => (await shown(alice, "title")) === "plan B");
    if ((await shown(bob, "name")) !== "desk lamp") throw new Error("bob's page shows alice's lamp");
    await alice.screenshot({ path: join(shots, "serve-hub-alice.png"), fullPage: true });
    const before = js.out.length;
    js.type(hubEnd.text);
    await js.waitFor("jshell to show alices.name", /==> "alice's lamp"/);
    js.type("bobs.name");
    await until("jshell to show bobs.name untouched", () => /==> "desk lamp"/.test(js.out.slice(before)), 60_000);
    await alice.close();
    await bob.close();
    await js.stop();
  });
  if (failures > 0) for (const js of shells) console.log(`--- jshell output ---\n${js.out}`);
} finally {
  await context.close();
  for (const js of shells) if (!js.exited) js.child.kill("SIGKILL");
  rmSync(profile, { recursive: true, force: true });
}
console.log(`serve e2e: ${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
