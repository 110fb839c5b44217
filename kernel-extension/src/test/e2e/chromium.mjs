// Debian's Chromium, headless, driven by playwright-core, for every browser test and script here:
// the flags this machine needs (no sandbox as root; no background networking, component updates or
// sync, which would reach for hosts a closed network refuses) and a fresh profile in a temporary
// directory that close() removes. CHROMIUM overrides the executable (default /usr/bin/chromium).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];

/** A persistent context on a fresh profile, its first page, and close() that also removes the profile. */
export async function launchChromium({ viewport = { width: 1280, height: 900 } } = {}) {
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);
  const profile = mkdtempSync(join(tmpdir(), "transports-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
