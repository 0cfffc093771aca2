/**
 * The day figures of `design/metrics.md` from an event file:
 *   npm run -s stats -- --events FILE [--now ISO] [--profile NAME]
 * Prints `{"days":[…]}` (one line) on stdout. Bad input: every bad line named on stderr, exit 1, nothing
 * on stdout. The dashboard and the exports call the same `computeDays`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tsProblem, type ChatEvent } from '../lib/stats/events';
import { parseEventLines } from '../lib/stats/import-events';
import { computeDays } from '../lib/stats/kpi';
import { toChinaIso } from '../lib/time/china';
import { isProfileName, PROFILE_NAMES, type ProfileName } from '../lib/timing/profiles';

export const USAGE = [
  'usage: npm run -s stats -- --events FILE [--now ISO] [--profile NAME]',
  '  --events FILE   events, one JSON object per line (design/metrics.md)',
  '  --now ISO       the moment of computing, ISO 8601 with an offset (default: the current time)',
  `  --profile NAME  judge every event by this profile (default: each event's platform's own): ${PROFILE_NAMES.join(', ')}`,
].join('\n');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface StatsIo {
  readFile?: (path: string) => string;
  /** The current time, epoch ms (used when --now is not given). */
  now?: () => number;
}

const MAX_LISTED_ERRORS = 20;

const usageError = (message: string): CliResult => ({ code: 2, stdout: '', stderr: `stats: ${message}\n${USAGE}\n` });

// The parser is shared with the popup's events import: one reading of the contract.
export { parseEventLines, type ParsedEvents } from '../lib/stats/import-events';

/** The CLI without process side effects: argv without `node script`, returns what to print. */
export function main(argv: readonly string[], io: StatsIo = {}): CliResult {
  const options: { events?: string; now?: string; profile?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
    const m = /^--(events|now|profile)(?:=(.*))?$/s.exec(arg);
    if (!m) return usageError(arg.startsWith('-') ? `unknown option ${arg}` : `unexpected argument ${arg}`);
    const name = m[1] as 'events' | 'now' | 'profile';
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') return usageError(`--${name} needs a value`);
    options[name] = value;
  }
  if (options.events === undefined) return usageError('missing --events FILE');

  let now: number;
  if (options.now !== undefined) {
    // The events' own rule: a --now the store could not hold a day for is no moment to compute at.
    const problem = tsProblem(options.now);
    if (problem !== null) {
      return usageError(
        /ISO 8601/.test(problem)
          ? `--now ${options.now} is not ISO 8601 with an offset (e.g. 2026-11-20T18:00:00+08:00)`
          : `--now ${options.now}: ${problem.replace(/^ts /, '')}`,
      );
    }
    now = Date.parse(options.now);
  } else {
    now = (io.now ?? Date.now)();
  }
  let profile: ProfileName | undefined;
  if (options.profile !== undefined) {
    if (!isProfileName(options.profile)) {
      return usageError(`unknown profile "${options.profile}" (known: ${PROFILE_NAMES.join(', ')})`);
    }
    profile = options.profile;
  }

  let text: string;
  try {
    text = (io.readFile ?? ((p: string) => readFileSync(p, 'utf8')))(options.events);
  } catch (error) {
    return usageError(`cannot read ${options.events}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }

  const { events, warnings, errors } = parseEventLines(text);
  const warningText = warnings.map((w) => `stats: warning: ${options.events}: ${w}\n`).join('');
  if (errors.length) {
    const listed = errors.slice(0, MAX_LISTED_ERRORS).map((e) => `stats: error: ${options.events}: ${e}\n`).join('');
    const more = errors.length > MAX_LISTED_ERRORS ? `stats: … and ${errors.length - MAX_LISTED_ERRORS} more bad lines\n` : '';
    return {
      code: 1,
      stdout: '',
      stderr: `${warningText}${listed}${more}stats: ${errors.length} bad line${errors.length > 1 ? 's' : ''}, no figures computed\n`,
    };
  }

  const future = events.filter((e) => Date.parse(e.ts) > now).length;
  const futureText = future
    ? `stats: warning: ${future} event${future > 1 ? 's' : ''} stamped after now (${toChinaIso(now)}) left out\n`
    : '';
  const days = computeDays(events, { now, profile });
  return { code: 0, stdout: `${JSON.stringify({ days })}\n`, stderr: warningText + futureText };
}

// Run only when executed directly (tsx scripts/stats.ts), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { code, stdout, stderr } = main(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
}
