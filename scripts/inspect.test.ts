import { describe, expect, it } from 'vitest';
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
    [['--platform', 'nope', fixture('workbench')], /unknown platform "nope" \(known: pdd, douyin\)/],
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
});
