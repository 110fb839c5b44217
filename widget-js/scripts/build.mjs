// Build: bundles the client (dist/client.js) and the anywidget module (dist/widget.js, one
// self-contained ESM file), writes dist/widget.css, and emits type declarations with tsc into
// dist/types/, with dist/client.d.ts and dist/widget.d.ts re-exporting them for the bundles.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(here, "dist");
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  format: "esm",
  target: "es2020",
  platform: "neutral",
  loader: { ".css": "text" },
  legalComments: "none",
  logLevel: "warning",
};
await build({ ...common, entryPoints: [join(here, "src/index.ts")], outfile: join(dist, "client.js") });
await build({ ...common, entryPoints: [join(here, "src/widget.ts")], outfile: join(dist, "widget.js") });
copyFileSync(join(here, "src/style.css"), join(dist, "widget.css"));

const tsc = join(here, "node_modules/typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(here, "tsconfig.json"), "--outDir", join(dist, "types")], { stdio: "inherit" });
// Declarations for the two bundles, next to them so TypeScript finds them by file name.
writeFileSync(join(dist, "client.d.ts"), 'export * from "./types/index.js";\n');
writeFileSync(join(dist, "widget.d.ts"), 'export * from "./types/widget.js";\nexport { default } from "./types/widget.js";\n');
console.log("built dist/client.js, dist/widget.js, dist/widget.css and type declarations");
