// Open each HTML report in headless Chromium, run axe-core's WCAG 2.2 A and AA rules,
// write the results as JSON and (optionally) screenshots at desktop and phone widths.
//
//   node axe.mjs --chromium /usr/bin/chromium --out results.json [--shots DIR] report.html...
//
// Exit status: 0 when no report has a violation, 1 when one has, 2 on a usage or browser error.
// The browser gets a fresh profile folder and no network use of its own; the reports are
// opened as file:// URLs and need nothing else (styles and charts are inline).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const WIDTHS = { desktop: 1280, phone: 390 };
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

function parse(argv) {
  const opts = { chromium: "/usr/bin/chromium", out: "axe-results.json", shots: "", files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--chromium" || arg === "--out" || arg === "--shots") {
      opts[arg.slice(2)] = argv[++i];
    } else {
      opts.files.push(resolve(arg));
    }
  }
  if (opts.files.length === 0) {
    throw new Error("give at least one HTML report");
  }
  return opts;
}

async function check(context, file, shots) {
  const page = await context.newPage();
  const results = {};
  for (const [name, width] of Object.entries(WIDTHS)) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.addScriptTag({ content: AXE });
    results[name] = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: "tag", values: tags } });
      const brief = (items) =>
        items.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
        }));
      return {
        violations: brief(r.violations),
        incomplete: r.incomplete.map((v) => v.id),
        passes: r.passes.length,
      };
    }, TAGS);
    // Wider than the window means the reader must scroll the whole page sideways.
    results[name].viewport = width;
    results[name].page_width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (shots) {
      const png = join(shots, `${basename(file, ".html")}-${name}.png`);
      await page.screenshot({ path: png, fullPage: true });
    }
  }
  await page.close();
  return results;
}

async function main() {
  const opts = parse(process.argv.slice(2));
  const profile = mkdtempSync(join(tmpdir(), "behaviours-axe-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: opts.chromium,
    headless: true,
    args: FLAGS,
    offline: true,
  });
  const report = { tags: TAGS, axe: require("axe-core/package.json").version, reports: {} };
  let violations = 0;
  try {
    for (const file of opts.files) {
      const results = await check(context, file, opts.shots);
      report.reports[basename(file)] = results;
      for (const r of Object.values(results)) violations += r.violations.length;
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  report.violations = violations;
  writeFileSync(opts.out, JSON.stringify(report, null, 2) + "\n");
  console.log(`axe-core: ${violations} violation(s) in ${opts.files.length} report(s)`);
  process.exit(violations === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(`axe.mjs: ${err.message}`);
  process.exit(2);
});
