/**
 * Run a platform adapter on a saved page, without a browser:
 *   npm run inspect -- --platform pdd FILE.html
 * Prints one JSON object (what the adapter reads) on stdout. Page scripts are never executed.
 * Exit 2 for bad arguments, a file that cannot be read, or a page refused before parsing (over
 * HTML_MAX_BYTES, or nested deeper than HTML_MAX_DEPTH: see lib/adapters/html-node.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { adapters, getAdapter } from '../lib/adapters/index';
import { HTML_MAX_BYTES, HtmlRefused, loadHtml, sizeRefusal } from '../lib/adapters/html-node';
import { platformMeta } from '../lib/adapters/registry';
import type { OpenConversation } from '../lib/adapters/types';

const openOf = (o: OpenConversation | null) =>
  o && { buyer: o.buyer, nickname: o.nickname, provisional: o.provisional ?? null };

export const USAGE = 'usage: npm run inspect -- --platform <id> FILE.html   (platforms: ' +
  `${Object.keys(adapters).join(', ')})`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InspectReport {
  platform: string;
  healthy: boolean;
  problems: string[];
  shop: string | null;
  conversations: {
    buyer: string;
    provisional: boolean;
    nickname: string | null;
    preview: string | null;
    time: string | null;
    waiting: number | null;
    overtime: boolean;
    active: boolean;
  }[];
  open: { buyer: string | null; nickname: string | null; provisional: string | null } | null;
  sendKey: string | null;
  messages: { id: string | null; sender: string; text: string | null; ts: string | null }[];
  composer: { found: boolean; text: string | null };
}

const fail = (message: string): CliResult => ({ code: 2, stdout: '', stderr: `inspect: ${message}\n${USAGE}\n` });

/** What to do about a refused page, after what is wrong with it. */
const REFUSAL_HINT: Record<HtmlRefused['reason'], string> = {
  size: ' (save the workbench page alone, without its resources)',
  depth: '; is it a saved workbench page?',
};
const refused = (file: string, e: HtmlRefused): CliResult => ({ code: 2, stdout: '', stderr: `inspect: ${file} ${e.message}${REFUSAL_HINT[e.reason]}\n` });

/** Adapter output on one page's HTML, as plain data. */
export async function inspectHtml(platform: string, html: string): Promise<InspectReport> {
  const adapter = getAdapter(platform);
  // Parsed at the workbench's own URL: adapters that check the path (Feige's app has several pages) see the workspace.
  const page = loadHtml(html, platformMeta(platform).workbenchUrl);
  try {
    const doc = page.document;
    const { healthy, problems } = adapter.health(doc);
    const composer = adapter.composer(doc);
    return {
      platform: adapter.platform,
      healthy,
      problems,
      shop: adapter.shop(doc),
      // Fields listed explicitly so the JSON keeps a fixed shape and order.
      conversations: adapter.conversations(doc).map(({ buyer, provisional, nickname, preview, time, waiting, overtime, active }) => ({
        buyer,
        provisional: provisional ?? false,
        nickname,
        preview: preview ?? null,
        time,
        waiting,
        overtime: overtime ?? false,
        active,
      })),
      open: openOf(adapter.openConversation(doc)),
      sendKey: adapter.sendKey(doc),
      messages: adapter.messages(doc).map(({ id, sender, text, ts }) => ({ id, sender, text, ts })),
      composer: { found: composer !== null, text: composer ? composer.read() : null },
    };
  } finally {
    await page.close();
  }
}

/** The CLI without process side effects: argv without `node script`, returns what to print. */
export async function main(argv: readonly string[]): Promise<CliResult> {
  let platform: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
    if (arg === '--platform') {
      platform = argv[++i];
      if (platform === undefined) return fail('--platform needs a value');
    } else if (arg.startsWith('--platform=')) {
      platform = arg.slice('--platform='.length);
    } else if (arg.startsWith('-')) {
      return fail(`unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  if (!platform) return fail('missing --platform');
  if (!Object.hasOwn(adapters, platform)) {
    return fail(`unknown platform "${platform}" (known: ${Object.keys(adapters).join(', ')})`);
  }
  const [file, ...extra] = files;
  if (file === undefined) return fail('missing FILE.html');
  if (extra.length) return fail(`one file at a time (got ${files.length})`);

  let html: string;
  try {
    // Sized before it is read: a page too big to parse is not read into memory either.
    const stat = statSync(file);
    if (stat.isDirectory()) return fail(`${file} is a directory; give the saved page's .html file`);
    if (stat.size > HTML_MAX_BYTES) return refused(file, sizeRefusal(stat.size));
    html = readFileSync(file, 'utf8');
  } catch (error) {
    return fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    const report = await inspectHtml(platform, html);
    return { code: 0, stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '' };
  } catch (error) {
    if (error instanceof HtmlRefused) return refused(file, error);
    throw error;
  }
}

// Run only when executed directly (tsx scripts/inspect.ts), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { code, stdout, stderr } = await main(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
}
