import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HTML_MAX_BYTES, HTML_MAX_DEPTH } from '../lib/adapters/html-node';
import { type InspectReport, main, USAGE } from './inspect';

const fixture = (name: string) => `lib/adapters/pdd/fixtures/${name}.html`;
const run = async (...argv: string[]) => main(argv);
const report = async (name: string): Promise<InspectReport> => {
  const { code, stdout, stderr } = await run('--platform', 'pdd', fixture(name));
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout) as InspectReport;
};

describe('inspect CLI', () => {
  it('prints one pretty JSON object for the workbench', async () => {
    const { stdout } = await run('--platform', 'pdd', fixture('workbench'));
    expect(stdout).toMatch(/^\{\n {2}"platform": "pdd",\n/);
    const r = JSON.parse(stdout) as InspectReport;
    expect(Object.keys(r)).toEqual([
      'platform', 'healthy', 'problems', 'shop', 'conversations', 'open', 'sendKey', 'messages', 'composer',
    ]);
    expect(r).toMatchObject({ platform: 'pdd', healthy: true, problems: [], shop: '暖阳杂货铺' });
    expect(r.conversations.map((c) => [c.buyer, c.waiting, c.active])).toEqual([
      ['5301001', 35, true],
      ['5301002', 240, false],
      ['5301003', null, false],
      ['5301004', null, false],
    ]);
    expect(r.open).toEqual({ buyer: '5301001', nickname: '青柠汽水', provisional: null });
    expect(r.sendKey).toBe('ctrl+enter');
    expect(r.messages.map((m) => m.sender)).toEqual(['buyer', 'robot', 'buyer', 'agent', 'system', 'buyer', 'buyer', 'agent']);
    expect(r.messages[0]).toEqual({ id: '1795569302250', sender: 'buyer', text: '请问这款围巾有现货吗', ts: '2026-11-25T09:15:02+08:00' });
    expect(r.messages[2]?.text).toBeNull();
    expect(r.composer).toEqual({ found: true, text: '亲，灰色也有的' });
  });

  it('accepts --platform=pdd and reports no open conversation as null', async () => {
    const { code, stdout } = await run(`--platform=pdd`, fixture('no-conversation-open'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ healthy: true, open: null, messages: [], composer: { found: true, text: '' } });
  });

  it('reports health problems', async () => {
    expect((await report('changed-markup')).problems).toEqual([
      'messageList: no match for #msgListContainer ul.msg-list, #msgListContainer, ul.msg-list',
    ]);
    const r = await report('not-workbench');
    expect(r).toMatchObject({ healthy: false, shop: null, conversations: [], open: null, messages: [] });
    expect(r.composer).toEqual({ found: false, text: null });
    expect(r.problems[0]).toMatch(/not the PDD chat workbench/);
  });

  it('--help prints usage', async () => {
    expect(await run('--help')).toEqual({ code: 0, stdout: `${USAGE}\n`, stderr: '' });
  });

  it.each([
    [[], /missing --platform/],
    [['--platform'], /--platform needs a value/],
    [['--platform', 'pdd'], /missing FILE\.html/],
    [['--platform', 'nope', fixture('workbench')], /unknown platform "nope" \(known: pdd, douyin, jd, kuaishou\)/],
    [['--platform', 'pdd', 'no/such/file.html'], /cannot read no\/such\/file\.html: ENOENT/],
    [['--platform', 'pdd', fixture('workbench'), fixture('not-workbench')], /one file at a time/],
    [['--verbose'], /unknown option --verbose/],
  ])('%j → exit 2 with a message and the usage line', async (argv, message) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain(USAGE);
  });
  const page = (name: string, html: string | Buffer) => {
    const file = join(mkdtempSync(join(tmpdir(), 'inspect-')), name);
    writeFileSync(file, html);
    return file;
  };

  it('a page nested deeper than HTML_MAX_DEPTH: refused before parsing, exit 2 (it overflowed the stack)', async () => {
    const file = page('deep.html', `<html><body>${'<div>'.repeat(100_000)}x${'</div>'.repeat(100_000)}</body></html>`);
    const { code, stdout, stderr } = await run('--platform', 'pdd', file);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(`inspect: ${file} nests elements more than ${HTML_MAX_DEPTH} levels deep; is it a saved workbench page?\n`);
  });

  it('a page over HTML_MAX_BYTES: refused without being read, exit 2 (13 MB took 41 s and 3.8 GB)', async () => {
    const file = page('big.html', Buffer.alloc(HTML_MAX_BYTES + 1, 0x20));
    const { code, stdout, stderr } = await run('--platform', 'pdd', file);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(`inspect: ${file} is ${(HTML_MAX_BYTES / 2 ** 20).toFixed(1)} MB; pages over ${HTML_MAX_BYTES / 2 ** 20} MB are not read (save the workbench page alone, without its resources)\n`);
  });

  it('a page just within both limits is read', async () => {
    const deep = `${'<div>'.repeat(HTML_MAX_DEPTH - 3)}${'</div>'.repeat(HTML_MAX_DEPTH - 3)}`;
    const { code } = await run('--platform', 'pdd', page('ok.html', `<html><body>${deep}</body></html>`));
    expect(code).toBe(0);
  });

  it('a directory: cannot read, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspect-'));
    const { code, stderr } = await run('--platform', 'pdd', dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is a directory/);
  });
});
