import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CHECK_LIMIT } from '../lib/compliance/index';
import { main, USAGE } from './scan';

async function run(argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdin: Readable.from([stdin]),
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  });
  const lines = () => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown);
  return { code, stdout, stderr, get lines() { return lines(); } };
}

describe('scan CLI', () => {
  it('prints one JSON object per input line, in order, with the spans as typed', async () => {
    const r = await run([], '加我 微 信 kefu_88\n亲，在的\n\n全网最低价\r\n');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.lines).toEqual([
      {
        verdict: 'block',
        findings: [{ category: 'off-platform-contact', severity: 'block', start: 0, end: 14, text: '加我 微 信 kefu_88', rule: 'contact.wechat' }],
      },
      { verdict: 'ok', findings: [] },
      { verdict: 'ok', findings: [] },
      { verdict: 'warn', findings: [{ category: 'absolute-claim', severity: 'warn', start: 0, end: 5, text: '全网最低价', rule: 'absolute.claim' }] },
    ]);
    // Exactly the fields of the contract, in this order.
    expect(r.stdout.split('\n')[0]).toMatch(/^\{"verdict":"block","findings":\[\{"category":.*,"severity":.*,"start":0,"end":14,"text":.*,"rule":"contact.wechat"\}\]\}$/);
  });

  it('reads JSON Lines with --jsonl, the buyer message giving the complaint context', async () => {
    const r = await run(['--jsonl'], '{"text":"好评返现"}\n{"text":"不可能","buyer":"杯子碎了"}\n{"text":"不可能"}\n');
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => (l as { verdict: string }).verdict)).toEqual(['block', 'tip', 'ok']);
  });

  it.each([
    ['not json', /line 2: not valid JSON/],
    ['{"txt":"x"}', /line 2: expected a JSON object with a string "text" field/],
    ['["x"]', /line 2: expected a JSON object/],
    ['{"text":"x","buyer":1}', /line 2: "buyer" must be a string/],
  ])('stops at a bad JSON line (%s) with its number, exit 1', async (bad, message) => {
    const r = await run(['--jsonl'], `{"text":"亲"}\n${bad}\n{"text":"加我微信 a_12345"}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.lines).toHaveLength(1);
  });

  it('takes --platform (and tmall for taobao): the platform’s own links pass', async () => {
    const link = 'https://item.taobao.com/item.htm?id=1\n';
    expect((await run(['--platform', 'pdd'], link)).lines).toEqual([{ verdict: 'block', findings: [expect.objectContaining({ category: 'third-party-link' })] }]);
    expect((await run(['--platform=tmall'], link)).lines).toEqual([{ verdict: 'ok', findings: [] }]);
    expect((await run([], link)).lines).toEqual([{ verdict: 'ok', findings: [] }]);
  });

  it('reads a file, with a BOM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-'));
    const file = join(dir, 'msgs.txt');
    writeFileSync(file, '\uFEFF加我微信 kefu_88\n亲\n');
    const r = await run([file], 'ignored');
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => (l as { verdict: string }).verdict)).toEqual(['block', 'ok']);
    expect((r.lines[0] as { findings: { start: number }[] }).findings[0]!.start).toBe(0);
  });

  it('a directory: a plain message and exit 2, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-'));
    const r = await run([dir]);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`scan: ${dir} is a directory; give a file of messages, one per line\n${USAGE}`);
  });

  it('a read that fails part-way: named, exit 2', async () => {
    const failing = new Readable({
      read() {
        this.push('亲\n');
        this.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
      },
    });
    let stdout = '';
    let stderr = '';
    const code = await main([], { stdin: failing, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    expect(code).toBe(2);
    expect(stderr).toBe('scan: cannot read stdin: EIO\n');
    expect(stdout).toBe('{"verdict":"ok","findings":[]}\n');
  });

  it('a line longer than the check reads: what was checked, and where the unchecked rest starts', async () => {
    const r = await run([], `加我微信 kefu_88${'好'.repeat(CHECK_LIMIT)}\n`);
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([{ verdict: 'block', findings: [expect.objectContaining({ start: 0, end: 12 })], uncheckedFrom: CHECK_LIMIT }]);
  });

  it('prints usage with exit 2 for bad arguments', async () => {
    for (const argv of [['--platform'], ['--platform', 'nope'], ['--frobnicate'], ['a.txt', 'b.txt'], ['no/such/file.txt']]) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(USAGE);
    }
    expect((await run(['--help'])).stdout).toBe(USAGE);
  });
});
