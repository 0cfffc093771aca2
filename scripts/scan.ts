/**
 * Run the pre-send compliance check over messages, one per line:
 *   npm run -s scan -- [--platform NAME] [--jsonl] [FILE]
 * Reads FILE, or stdin without one; with --jsonl every line is a JSON object with a `text` field (and
 * optionally `buyer`, the buyer message being answered). Prints one JSON object per input line, in
 * order: {"verdict":…,"findings":[{"category","severity","start","end","text","rule"}]}, and
 * "uncheckedFrom" after them when a line is longer than the check reads (CHECK_LIMIT characters, as in
 * the guard): the findings are those of the line before that offset.
 * Exit 0 when it ran, whatever it found; 2 for bad arguments or an input that cannot be read (a
 * directory, a read error, named); 1 for a bad JSON line (named).
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { check, PLATFORMS } from '../lib/compliance/index';

export const USAGE =
  'usage: npm run -s scan -- [--platform NAME] [--jsonl] [FILE]\n' +
  `  NAME: ${PLATFORMS.join(', ')} (tmall = taobao; default generic: every marketplace's own links allowed)\n` +
  '  FILE: messages one per line (stdin when omitted); --jsonl: JSON Lines with a "text" field\n';

export interface ScanIo {
  /** Standard input, read when no FILE is given. */
  stdin: NodeJS.ReadableStream;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const ALIASES: Record<string, string> = { tmall: 'taobao' };

function usage(io: ScanIo, message: string): number {
  io.stderr(`scan: ${message}\n${USAGE}`);
  return 2;
}

/** The CLI with its I/O injected; resolves to the exit code. */
export async function main(argv: readonly string[], io: ScanIo): Promise<number> {
  let platform = 'generic';
  let jsonl = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      io.stdout(USAGE);
      return 0;
    }
    if (arg === '--jsonl') jsonl = true;
    else if (arg === '--platform' || arg.startsWith('--platform=')) {
      const value = arg === '--platform' ? argv[++i] : arg.slice('--platform='.length);
      if (!value) return usage(io, '--platform needs a value');
      platform = ALIASES[value] ?? value;
      if (!(PLATFORMS as readonly string[]).includes(platform)) return usage(io, `unknown platform "${value}"`);
    } else if (arg === '-') files.push(arg);
    else if (arg.startsWith('-')) return usage(io, `unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length > 1) return usage(io, `one file at a time (got ${files.length})`);
  const file = files[0];

  let input: NodeJS.ReadableStream = io.stdin;
  if (file !== undefined && file !== '-') {
    // A directory opens fine and fails only on the first read, inside the line reader: say so up front.
    let isDirectory = false;
    try {
      isDirectory = statSync(file).isDirectory();
    } catch {
      // Missing or unreadable: the open below names the reason.
    }
    if (isDirectory) return usage(io, `${file} is a directory; give a file of messages, one per line`);
    const stream = createReadStream(file, 'utf8');
    const opened = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      stream.once('open', () => resolve(null));
      stream.once('error', (e) => resolve(e));
    });
    if (opened) return usage(io, `cannot read ${file}: ${opened.code ?? opened.message}`);
    input = stream;
  }

  const lines = createInterface({ input, crlfDelay: Infinity });
  // A read error (EIO …) comes out of the line reader's loop as a thrown error; the stream's own error
  // is remembered so that only it, and not a bug of the check, is reported as "cannot read".
  let readError: NodeJS.ErrnoException | null = null;
  input.once('error', (e: NodeJS.ErrnoException) => (readError = e));
  let n = 0;
  try {
    for await (const raw of lines) {
      n++;
      const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      let text = line;
      let replyTo: string | undefined;
      if (jsonl) {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          io.stderr(`scan: line ${n}: not valid JSON\n`);
          return 1;
        }
        const t = (value as { text?: unknown } | null)?.text;
        if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof t !== 'string') {
          io.stderr(`scan: line ${n}: expected a JSON object with a string "text" field\n`);
          return 1;
        }
        const buyer = (value as { buyer?: unknown }).buyer;
        if (buyer !== undefined && typeof buyer !== 'string') {
          io.stderr(`scan: line ${n}: "buyer" must be a string\n`);
          return 1;
        }
        text = t;
        replyTo = buyer;
      }
      const { verdict, findings, uncheckedFrom } = check(text, { platform, replyTo });
      io.stdout(
        `${JSON.stringify({
          verdict,
          findings: findings.map(({ category, severity, start, end, text: span, rule }) => ({ category, severity, start, end, text: span, rule })),
          uncheckedFrom,
        })}\n`,
      );
    }
  } catch (error) {
    if (readError === null || error !== readError) throw error;
    const { code, message } = readError;
    io.stderr(`scan: cannot read ${file === undefined || file === '-' ? 'stdin' : file}: ${code ?? message}\n`);
    return 2;
  } finally {
    lines.close();
    if (input !== io.stdin) (input as NodeJS.ReadableStream & { destroy(): void }).destroy();
  }
  return 0;
}

// Run only when executed directly (tsx scripts/scan.ts), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  });
  process.exitCode = code;
}
