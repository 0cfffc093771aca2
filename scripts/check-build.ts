// Build check (part of `npm test`): every emitted script is acceptable to Chrome, the manifest asks
// for what is used and no more, and the bundle sizes that matter are printed.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PLATFORM_METAS, workbenchOrigins } from '../lib/adapters/registry';

const dir = process.argv[2] ?? '.output/chrome-mv3';
const problems: string[] = [];

/** Permissions we use, each with the reason it is needed. Anything else fails the build. */
// sidePanel: Chrome's side panel for the desk (README "Permissions"); Firefox's sidebar needs no permission.
const ALLOWED_PERMISSIONS = new Set(['storage', 'alarms', 'notifications', 'sidePanel']);
/** The seller workbench hosts a content script may run on: the supported platforms' (lib/adapters/registry.ts). */
const WORKBENCH_HOSTS = workbenchOrigins();

function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

let files: string[];
try {
  files = walk(dir);
} catch {
  console.error(`check-build: no build at ${dir}; run the build first`);
  process.exit(2);
}

// 1. Chrome refuses a content script that is not valid UTF-8, and treats noncharacters such as
//    U+FFFF (which Dexie's source holds) as invalid. Scripts are emitted as ASCII; verify it.
const decoder = new TextDecoder('utf-8', { fatal: true });
const nonchar = /[\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/;
for (const f of files.filter((f) => /\.(m?js)$/.test(f))) {
  const buf = readFileSync(f);
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    problems.push(`${relative(dir, f)}: not valid UTF-8`);
    continue;
  }
  const m = nonchar.exec(text);
  if (m) problems.push(`${relative(dir, f)}: holds the Unicode noncharacter U+${m[0].codePointAt(0)!.toString(16).toUpperCase()} at offset ${m.index}`);
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) problems.push(`${relative(dir, f)}: holds a lone surrogate`);
}

// 2. The manifest asks only for what is used.
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
for (const p of manifest.permissions ?? []) {
  if (!ALLOWED_PERMISSIONS.has(p)) problems.push(`manifest: permission "${p}" is not on the allowed list (${[...ALLOWED_PERMISSIONS].join(', ')})`);
}
const onWorkbench = (pattern: string) => WORKBENCH_HOSTS.some((h) => pattern.startsWith(h));
const hostPatterns: string[] = [
  ...(manifest.host_permissions ?? []),
  ...(manifest.manifest_version === 2 ? (manifest.permissions ?? []).filter((p: string) => p.includes('://')) : []),
  ...(manifest.content_scripts ?? []).flatMap((c: { matches?: string[] }) => c.matches ?? []),
  ...(manifest.web_accessible_resources ?? []).flatMap((r: { matches?: string[] }) => r.matches ?? []),
];
for (const p of hostPatterns) {
  if (p === '<all_urls>' || !onWorkbench(p)) problems.push(`manifest: host pattern "${p}" is not a workbench host`);
}
if (manifest.optional_permissions?.length) problems.push('manifest: optional_permissions are not expected');
// Each supported platform has its content script, on its own workbench's matches and nothing else.
for (const meta of PLATFORM_METAS) {
  const scripts = (manifest.content_scripts ?? []).filter((c: { js?: string[] }) => c.js?.some((j) => j.includes(`content-scripts/${meta.id}.`)));
  if (scripts.length !== 1) problems.push(`manifest: expected one content script for ${meta.id}, found ${scripts.length}`);
  else if (JSON.stringify([...scripts[0].matches].sort()) !== JSON.stringify([...meta.matches].sort())) {
    problems.push(`manifest: ${meta.id} content script matches ${JSON.stringify(scripts[0].matches)}, registry says ${JSON.stringify(meta.matches)}`);
  }
}

// 3. Sizes: content scripts load on every workbench page, so they are watched.
const sizes = files
  .filter((f) => /\.(js|css|html)$/.test(f))
  .map((f) => {
    const buf = readFileSync(f);
    return { file: relative(dir, f), bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  })
  .sort((a, b) => b.gzip - a.gzip);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(`check-build: ${dir}`);
for (const s of sizes) console.log(`  ${s.file.padEnd(44)} ${kb(s.bytes).padStart(10)}  gzip ${kb(s.gzip).padStart(9)}`);
const group = (re: RegExp) => sizes.filter((s) => re.test(s.file)).reduce((a, s) => a + s.gzip, 0);
/** An HTML page's weight: the page, the scripts and styles it loads, and the chunks those import. */
function pageWeight(html: string): number {
  const seen = new Set([html]);
  const queue: string[] = [];
  const page = readFileSync(join(dir, html), 'utf8');
  for (const m of page.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)) queue.push(m[1]!);
  while (queue.length) {
    const f = queue.pop()!;
    if (seen.has(f) || !files.includes(join(dir, f))) continue;
    seen.add(f);
    if (f.endsWith('.js')) {
      const code = readFileSync(join(dir, f), 'utf8');
      for (const m of code.matchAll(/from\s*"\.\/([^"]+\.js)"|import\("\.\/([^"]+\.js)"\)/g)) queue.push(join(f, '..', (m[1] ?? m[2])!));
    }
  }
  return [...seen].reduce((a, f) => a + (sizes.find((s) => s.file === f)?.gzip ?? 0), 0);
}
for (const meta of PLATFORM_METAS) {
  console.log(`  content script (${meta.id}) gzip: ${kb(group(new RegExp(`^content-scripts/${meta.id}\\.`)))}`);
}
for (const html of ['popup.html', 'options.html']) {
  if (files.includes(join(dir, html))) console.log(`  ${html.replace('.html', '')} gzip (page + scripts + styles + imported chunks): ${kb(pageWeight(html))}`);
}

// 4. Firefox build: Mozilla's add-on linter, as addons.mozilla.org runs it. Errors fail the build; so
//    does any warning not listed here with the reason it is safe (README "Firefox").
const LINTER_WARNINGS_UNDERSTOOD: Record<string, string> = {
  DANGEROUS_EVAL: "zod's code-generating parser path; Kefu Pilot runs zod jitless (lib/runtime/no-eval.ts), so it is never called",
  UNSAFE_VAR_ASSIGNMENT: "Preact's support for its raw-HTML prop, which no component of Kefu Pilot uses (user text is rendered as text)",
};
if (manifest.browser_specific_settings?.gecko) {
  const { createInstance } = (await import('addons-linter')) as unknown as {
    createInstance(o: { config: Record<string, unknown>; runAsBinary: boolean }): { run(): Promise<LinterReport> };
  };
  interface LinterMessage {
    code: string;
    file?: string;
    message: string;
  }
  interface LinterReport {
    errors: LinterMessage[];
    warnings: LinterMessage[];
  }
  const report = await createInstance({
    config: { _: [dir], logLevel: 'fatal', stack: false, pretty: false, warningsAsErrors: false, metadata: false, output: 'none', boring: true, selfHosted: false },
    runAsBinary: false,
  }).run();
  for (const e of report.errors) problems.push(`addons-linter error ${e.code} in ${e.file ?? 'the add-on'}: ${e.message}`);
  const unknown = report.warnings.filter((w) => !Object.hasOwn(LINTER_WARNINGS_UNDERSTOOD, w.code));
  for (const w of unknown) problems.push(`addons-linter warning ${w.code} in ${w.file ?? 'the add-on'}: ${w.message}`);
  const known = [...new Set(report.warnings.map((w) => w.code))].filter((c) => Object.hasOwn(LINTER_WARNINGS_UNDERSTOOD, c));
  console.log(`  addons-linter: ${report.errors.length} errors, ${report.warnings.length} warnings${known.length ? ` (understood: ${known.map((c) => `${c} — ${LINTER_WARNINGS_UNDERSTOOD[c]}`).join('; ')})` : ''}`);
}

if (problems.length) {
  console.error(`check-build: ${problems.length} problem(s):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log('check-build: ok (scripts valid for Chrome, permissions minimal)');
