import { describe, expect, it } from 'vitest';
import { DAY_FIELDS, type DayFigures } from '../lib/stats/kpi';
import { main, parseEventLines, USAGE } from './stats';

const FIXTURE = 'lib/stats/fixtures/shift.jsonl';
const END_OF_SHIFT = '2026-11-21T00:00:00+08:00';

/** Run the CLI on an in-memory file. */
const runText = (text: string, ...argv: string[]) =>
  main(['--events', 'shift.jsonl', ...argv], { readFile: () => text, now: () => Date.parse(END_OF_SHIFT) });
const days = (stdout: string): DayFigures[] => (JSON.parse(stdout) as { days: DayFigures[] }).days;

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ id: 'x', ts: '2026-11-20T09:00:00+08:00', platform: 'pdd', shop: '暖阳杂货铺', buyer: 'b1', ...fields });
const buyer = (id: string, ts: string, extra: Record<string, unknown> = {}) => line({ id, ts, type: 'buyer_message', ...extra });
const human = (id: string, ts: string) => line({ id, ts, type: 'agent_message', sender: 'human' });

describe('stats CLI', () => {
  it('the sample shift: one line of JSON with a row per (date, platform, shop) and exactly the metric fields', () => {
    const { code, stdout, stderr } = main(['--events', FIXTURE, '--now', END_OF_SHIFT]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.endsWith('}\n')).toBe(true);
    expect(stdout.trimEnd()).not.toContain('\n');
    const rows = days(stdout);
    expect(rows.map((d) => [d.date, d.platform, d.shop])).toEqual([
      ['2026-11-20', 'pdd', '暖阳杂货铺'],
      ['2026-11-20', 'taobao', '青禾家居旗舰店'],
    ]);
    for (const row of rows) expect(Object.keys(row)).toEqual([...DAY_FIELDS]);
    // pdd at day end: b1007's 17:55 round was never answered; b1004 was excluded; b1001 wrote before 08:00.
    expect(rows[0]).toEqual({
      date: '2026-11-20',
      platform: 'pdd',
      shop: '暖阳杂货铺',
      consulting_buyers: 5,
      rounds: 6,
      answered_rounds: 5,
      avg_response_s: (18 + 130 + 270 + 25 + 600 + 600) / 6,
      median_response_s: 130,
      p90_response_s: 4320,
      rounds_30s_rate: 2 / 6,
      rounds_3min_rate: 3 / 6,
      buyers_30s_rate: 1 / 5,
      buyers_3min_rate: 2 / 5,
      effective_reply_rate: 3 / 5,
      unanswered_rounds: 1,
    });
    // taobao: 22:59:59 is in the window, 23:00:00 is not.
    expect(rows[1]).toMatchObject({ consulting_buyers: 3, rounds: 3, answered_rounds: 3, median_response_s: 90 });
  });

  it('--now in the middle of the shift: the 17:55 round is pending at 17:55:20 (left out of the 30 s rate)', () => {
    const { code, stdout, stderr } = main(['--events', FIXTURE, '--now', '2026-11-20T17:55:20+08:00']);
    expect(code).toBe(0);
    expect(stderr).toBe('stats: warning: 3 events stamped after now (2026-11-20T17:55:20+08:00) left out\n');
    expect(days(stdout)[0]).toMatchObject({ rounds: 6, unanswered_rounds: 1, rounds_30s_rate: 2 / 5, buyers_30s_rate: 1 / 4 });
  });

  it('without --now, now is the current time (from io)', () => {
    const text = buyer('a', '2026-11-20T09:00:00+08:00');
    expect(days(main(['--events', 'f'], { readFile: () => text, now: () => Date.parse('2026-11-20T09:00:10+08:00') }).stdout)[0])
      .toMatchObject({ rounds_30s_rate: null });
    expect(days(runText(text).stdout)[0]).toMatchObject({ rounds_30s_rate: 0 });
  });

  it('--profile generic judges every event by the generic profile: the 07:58 pdd buyer counts', () => {
    const { code, stdout } = main(['--events', FIXTURE, '--now', END_OF_SHIFT, '--profile', 'generic']);
    expect(code).toBe(0);
    const [pdd, taobao] = days(stdout);
    expect(pdd).toMatchObject({ platform: 'pdd', consulting_buyers: 6, rounds: 7 });
    expect(taobao).toMatchObject({ platform: 'taobao', consulting_buyers: 4, rounds: 4 });
    expect(main(['--events', FIXTURE, '--now', END_OF_SHIFT, '--profile=jd']).code).toBe(0);
  });

  it('a line that is not JSON: its line number on stderr, exit 1, nothing on stdout', () => {
    const text = [buyer('a', '2026-11-20T09:00:00+08:00'), '', '{"id": "b", oops}', human('c', '2026-11-20T09:00:10+08:00')].join('\n');
    const { code, stdout, stderr } = runText(text);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^stats: error: shift\.jsonl: line 3: not valid JSON \(.+\)\n/);
    expect(stderr).toMatch(/1 bad line, no figures computed\n$/);
  });

  it('a line missing a required field names the line and the field; every bad line is listed', () => {
    const noBuyer = JSON.stringify({ id: 'b', type: 'buyer_message', ts: '2026-11-20T09:00:00+08:00', platform: 'pdd', shop: 's' });
    const badTs = buyer('c', '2026-11-20 09:00:00');
    const noSender = line({ id: 'd', type: 'agent_message' });
    const { code, stdout, stderr } = runText([buyer('a', '2026-11-20T09:00:00+08:00'), noBuyer, badTs, noSender, '[1]'].join('\n'));
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr.split('\n')).toEqual([
      'stats: error: shift.jsonl: line 2: missing required field "buyer"',
      'stats: error: shift.jsonl: line 3: ts: ts must be ISO 8601 with an offset',
      'stats: error: shift.jsonl: line 4: missing required field "sender"',
      'stats: error: shift.jsonl: line 5: expected a JSON object',
      'stats: 4 bad lines, no figures computed',
      '',
    ]);
  });

  it('a line without a type is an error, not a warning', () => {
    expect(runText(line({ id: 'a' }))).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('line 1: missing required field "type"') });
  });

  it('an unknown event type is skipped with a warning naming the line', () => {
    const text = [buyer('a', '2026-11-20T09:00:00+08:00'), line({ id: 'r', type: 'read_receipt' }), human('c', '2026-11-20T09:00:10+08:00')].join('\r\n');
    const { code, stdout, stderr } = runText(text);
    expect(code).toBe(0);
    expect(stderr).toBe('stats: warning: shift.jsonl: line 2: unknown event type "read_receipt", skipped\n');
    expect(days(stdout)[0]).toMatchObject({ rounds: 1, answered_rounds: 1, avg_response_s: 10 });
  });

  it('blank lines and a byte-order mark are ignored; an empty file gives no days', () => {
    expect(runText(`\uFEFF\n\n${buyer('a', '2026-11-20T09:00:00+08:00')}\n\n`).code).toBe(0);
    expect(runText('')).toEqual({ code: 0, stdout: '{"days":[]}\n', stderr: '' });
  });

  it('--help prints usage', () => {
    expect(main(['--help'])).toEqual({ code: 0, stdout: `${USAGE}\n`, stderr: '' });
  });

  it.each([
    [[], /missing --events FILE/],
    [['--events'], /--events needs a value/],
    [['--events', FIXTURE, '--verbose'], /unknown option --verbose/],
    [['--events', FIXTURE, 'extra.jsonl'], /unexpected argument extra\.jsonl/],
    [['--events', FIXTURE, '--profile', 'amazon'], /unknown profile "amazon" \(known: pdd, taobao, douyin, jd, kuaishou, generic\)/],
    [['--events', FIXTURE, '--now', '2026-11-20 18:00'], /--now 2026-11-20 18:00 is not ISO 8601 with an offset/],
    [['--events', FIXTURE, '--now', '0026-11-20T18:00:00+08:00'], /--now 0026-11-20T18:00:00\+08:00: .*year 26/],
    [['--events', FIXTURE, '--now', '2026-02-30T18:00:00+08:00'], /--now 2026-02-30T18:00:00\+08:00: .*not a real date/],
    [['--events', 'no/such/file.jsonl'], /cannot read no\/such\/file\.jsonl: ENOENT/],
  ])('bad arguments %j: usage on stderr, exit 2', (argv, message) => {
    const { code, stdout, stderr } = main(argv);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(message);
    expect(stderr).toContain(USAGE);
  });

  it('an event of the China year 26 (a typo for 2026), of 02-30 or with an offset of +23:00 is a bad line naming ts: exit 1, no figures', () => {
    const text = [
      buyer('a', '2026-11-20T09:00:00+08:00'),
      buyer('b', '0026-11-20T09:00:00+08:00'),
      buyer('c', '2026-02-30T09:00:00+08:00'),
      buyer('d', '2026-11-20T09:00:00+23:00'),
    ].join('\n');
    const { code, stdout, stderr } = runText(text);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toMatch(/line 2: ts: .*year 26/);
    expect(stderr).toMatch(/line 3: ts: .*not a real date/);
    expect(stderr).toMatch(/line 4: ts: .*offset/);
    expect(stderr).toContain('3 bad lines, no figures computed');
  });

  it('parseEventLines keeps valid events in file order', () => {
    const parsed = parseEventLines([human('z', '2026-11-20T09:00:10+08:00'), buyer('a', '2026-11-20T09:00:00+08:00')].join('\n'));
    expect(parsed.events.map((e) => e.id)).toEqual(['z', 'a']);
    expect(parsed.errors).toEqual([]);
  });
});
