/**
 * Templated replies benchmark:  npm run bench:templates
 *
 * With 2,000 templates (the starter pack + generated shop phrases, deterministic):
 * - search keys computed on save/import (options page, pinyin-pro), once for all templates;
 * - the content-side index build (from stored keys, as the picker does on open);
 * - each keystroke's search over a typed query (t, tu, tui, tuih, tuihu, tuihuo, hanzi, initials,
 *   mixed, body pinyin), p50 / p99;
 * - suggestions for buyer messages, p50 / p99;
 * - a naive peer in the same run: linear `includes` over pinyin computed fresh on every keystroke
 *   (what a picker that bundles pinyin-pro would do), and a second one over stored joined pinyin;
 * - the gzip size the search adds to the content script, and what pinyin-pro would add.
 * Budgets (issue 6): keystroke ≤ 5 ms, suggestions ≤ 5 ms, index build + first list ≤ 50 ms.
 * Prints a table, then one JSON line with the figures (last line).
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { ensureSearchKeys } from '../../lib/templates/index-build';
import type { Template, TemplateCollection } from '../../lib/templates/model';
import { createSearchIndex, search } from '../../lib/templates/search';
import { starterCollection } from '../../lib/templates/starter';
import { suggest } from '../../lib/templates/suggest';

const N = 2000;
const KEYSTROKE_BUDGET_MS = 5;
const SUGGEST_BUDGET_MS = 5;
const OPEN_BUDGET_MS = 50;

// --- deterministic data ------------------------------------------------------------------------

let seed = 20261125;
const rand = (): number => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const TOPICS = [
  ['退货', 'tuihuo'], ['退款', 'tuikuan'], ['换货', 'huanhuo'], ['发货', 'fahuo'], ['快递', 'kuaidi'],
  ['物流', 'wuliu'], ['尺码', 'chima'], ['优惠', 'youhui'], ['色差', 'sechai'], ['破损', 'posun'],
  ['漏发', 'loufa'], ['发票', 'fapiao'], ['催付', 'cuifu'], ['材质', 'caizhi'], ['库存', 'kucun'],
  ['赠品', 'zengpin'], ['保修', 'baoxiu'], ['安装', 'anzhuang'], ['清洗', 'qingxi'], ['售后', 'shouhou'],
] as const;
const ASPECTS = ['说明', '流程', '安抚', '跟进', '提醒', '规则', '时效', '方案', '回复', '确认', '致歉', '进度'];
const SENTENCES = [
  '亲，非常抱歉给您带来不便', '我这边马上为您核实处理', '请在订单页面申请售后', '我们收到后会尽快为您处理',
  '运费由我们承担', '请拍一张照片发给我', '预计{填写:天数}天内到达', '{买家昵称}您好', '感谢您的耐心等待',
  '有任何问题随时找我', '已经为您备注优先发货', '退款会原路退回', '建议您选大一码', '这款是纯棉面料',
  '活动期间领券更划算', '包裹已经在派送中了', '仓库今天会安排打包', '换货请选好尺码和颜色', '发票会在订单详情里查看',
  '祝您生活愉快', '我是客服{客服昵称}', '欢迎光临{店铺名}', '订单{订单号}已经处理好了',
];

function generate(now: number): TemplateCollection {
  const base = starterCollection(now);
  const groups = [...base.groups];
  const templates: Template[] = [...base.templates];
  for (let i = templates.length; i < N; i++) {
    const [topic, py] = pick(TOPICS);
    const title = `${topic}${pick(ASPECTS)}${i % 7 === 0 ? `（${pick(ASPECTS)}）` : ''}`;
    const body = Array.from({ length: 3 + Math.floor(rand() * 5) }, () => pick(SENTENCES)).join('，') + '～';
    const group = pick(groups).id;
    templates.push({
      id: `gen-${i}`,
      title,
      body,
      group,
      ...(i % 3 === 0 ? { shortcut: `${py}${i}` } : {}),
      ...(i % 11 === 0 ? { platform: 'douyin' as const } : {}),
      tags: i % 2 ? [] : [pick(['refund', 'return', 'logistics', 'size', 'discount', 'quality'])],
      usageCount: Math.floor(rand() ** 3 * 200),
      order: i,
      createdAt: now,
      updatedAt: now,
    });
  }
  return { ...base, groups, templates };
}

// --- measuring ------------------------------------------------------------------------------------

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
function time(fn: () => unknown, runs: number): number[] {
  for (let i = 0; i < Math.min(5, runs); i++) fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}
const r2 = (x: number): number => Math.round(x * 1000) / 1000;

const QUERIES = ['t', 'tu', 'tui', 'tuih', 'tuihu', 'tuihuo', '退', '退货', 'th', 'tui货', 'thsx', 'fahuo', 'kuaidiyanwu', 'zzzz'];
const MESSAGES = [
  '在吗', '什么时候发货', '我的快递到哪了，怎么还没到', '衣服破了，我要退款', '尺码偏大能换小一码吗',
  '收到的和图片不一样，色差太大', '少发了一件', '能便宜点吗', '要开发票', '你好，我不想要了，怎么退货',
];

async function gzipOf(entry: string): Promise<number | null> {
  try {
    const esbuild = await import('esbuild');
    const r = await esbuild.build({ stdin: { contents: entry, resolveDir: fileURLToPath(new URL('../..', import.meta.url)), loader: 'ts' }, bundle: true, minify: true, format: 'esm', write: false, logLevel: 'silent' });
    return gzipSync(r.outputFiles[0]!.contents, { level: 9 }).length;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const now = Date.UTC(2026, 10, 25, 2);
  const raw = generate(now);

  // Options side: keys computed once, on save / import.
  const t0 = performance.now();
  const withKeys = ensureSearchKeys(raw);
  const keysBuildMs = performance.now() - t0;
  const stored = JSON.stringify(withKeys);
  const storedNoKeys = JSON.stringify(raw);

  // Content side: parse what storage returns, build the index, list the first page.
  const loaded = (JSON.parse(stored) as TemplateCollection).templates;
  const indexTimes = time(() => createSearchIndex(loaded), 30);
  const openTimes = time(() => search(createSearchIndex(loaded), '', { platform: 'pdd', limit: 50 }), 30);
  const index = createSearchIndex(loaded);
  if (index.stale.length) throw new Error(`stale keys: ${index.stale.length}`);

  const perQuery = QUERIES.map((q) => {
    const runs = time(() => search(index, q, { platform: 'pdd', limit: 20 }), 200);
    return { q, p50: percentile(runs, 50), p99: percentile(runs, 99), hits: search(index, q, { platform: 'pdd', limit: 2000 }).length, runs };
  });
  const allKeystrokes = perQuery.flatMap((x) => x.runs);
  const sugg = MESSAGES.map((m) => ({ m, runs: time(() => suggest(index, m, { platform: 'pdd' }), 200) }));
  const allSuggest = sugg.flatMap((x) => x.runs);

  // Naive peer 1: pinyin computed on every keystroke, then linear includes.
  const naiveFresh = (q: string) => {
    const out: Template[] = [];
    for (const t of raw.templates) {
      const full = pinyin(t.title, { toneType: 'none', separator: '' }).toLowerCase();
      const first = pinyin(t.title, { pattern: 'first', toneType: 'none', separator: '' }).toLowerCase();
      if (t.title.includes(q) || t.body.includes(q) || full.includes(q) || first.includes(q) || t.shortcut?.startsWith(q)) out.push(t);
    }
    return out;
  };
  const naiveQueries = QUERIES.filter((q) => q !== 'zzzz');
  const naiveRuns = naiveQueries.flatMap((q) => time(() => naiveFresh(q), 5));
  // Naive peer 2: includes over stored joined pinyin (no syllable awareness, no ranking by tier).
  const naiveStored = (q: string) =>
    loaded.filter((t) => t.title.includes(q) || t.body.includes(q) || t.search!.pinyin.includes(q) || t.search!.initials.includes(q) || t.shortcut?.startsWith(q));
  const naiveStoredRuns = naiveQueries.flatMap((q) => time(() => naiveStored(q), 200));

  const contentGzip = await gzipOf("export * from './lib/templates/search'; export * from './lib/templates/suggest'; export * from './lib/templates/variables';");
  const pinyinGzip = await gzipOf("export { pinyin, polyphonic } from 'pinyin-pro';");

  const keystroke = { p50: r2(percentile(allKeystrokes, 50)), p99: r2(percentile(allKeystrokes, 99)), max: r2(Math.max(...allKeystrokes)) };
  const suggestion = { p50: r2(percentile(allSuggest, 50)), p99: r2(percentile(allSuggest, 99)), max: r2(Math.max(...allSuggest)) };
  const naive = { p50: r2(percentile(naiveRuns, 50)), p99: r2(percentile(naiveRuns, 99)) };
  const naiveStoredFig = { p50: r2(percentile(naiveStoredRuns, 50)), p99: r2(percentile(naiveStoredRuns, 99)) };
  const indexBuild = { p50: r2(percentile(indexTimes, 50)), p99: r2(percentile(indexTimes, 99)) };
  const open = { p50: r2(percentile(openTimes, 50)), p99: r2(percentile(openTimes, 99)) };

  const lines: string[] = [];
  const row = (a: string, b: string, c: string, d = '') => lines.push(`${a.padEnd(34)}${b.padStart(10)}${c.padStart(10)}  ${d}`);
  lines.push(`templates: ${N} (${withKeys.templates.filter((t) => t.id.startsWith('starter-')).length} starter + generated), node ${process.version}`);
  row('measure', 'p50 ms', 'p99 ms', 'note');
  row('search keys, all templates (options)', r2(keysBuildMs).toFixed(3), '', 'once, on save/import; pinyin-pro');
  row('index build (content)', indexBuild.p50.toFixed(3), indexBuild.p99.toFixed(3));
  row('index build + first list (open)', open.p50.toFixed(3), open.p99.toFixed(3), `budget ${OPEN_BUDGET_MS} ms`);
  for (const x of perQuery) row(`  search "${x.q}"`, r2(x.p50).toFixed(3), r2(x.p99).toFixed(3), `${x.hits} hits`);
  row('search, all keystrokes', keystroke.p50.toFixed(3), keystroke.p99.toFixed(3), `budget ${KEYSTROKE_BUDGET_MS} ms; max ${keystroke.max}`);
  row('suggestions (10 messages)', suggestion.p50.toFixed(3), suggestion.p99.toFixed(3), `budget ${SUGGEST_BUDGET_MS} ms; max ${suggestion.max}`);
  row('naive: fresh pinyin + includes', naive.p50.toFixed(3), naive.p99.toFixed(3), `${r2(naive.p50 / keystroke.p50)}× ours (p50)`);
  row('naive: stored pinyin + includes', naiveStoredFig.p50.toFixed(3), naiveStoredFig.p99.toFixed(3), 'no syllable matching, no tiers');
  lines.push(
    `storage: ${(stored.length / 1024).toFixed(0)} KB with keys, ${(storedNoKeys.length / 1024).toFixed(0)} KB without (+${((stored.length - storedNoKeys.length) / N).toFixed(0)} B/template)`,
  );
  lines.push(`content-script gzip: search+suggest+variables ${contentGzip ?? '?'} B; pinyin-pro would add ${pinyinGzip ?? '?'} B (not bundled)`);
  console.log(lines.join('\n'));

  const pass = keystroke.p99 <= KEYSTROKE_BUDGET_MS && suggestion.p99 <= SUGGEST_BUDGET_MS && open.p99 <= OPEN_BUDGET_MS;
  console.log(
    JSON.stringify({
      bench: 'templates',
      templates: N,
      keysBuildMs: r2(keysBuildMs),
      indexBuildMs: indexBuild,
      openMs: open,
      keystrokeMs: keystroke,
      suggestMs: suggestion,
      naiveFreshPinyinMs: naive,
      naiveStoredPinyinMs: naiveStoredFig,
      speedupVsNaive: r2(naive.p50 / keystroke.p50),
      storageBytesPerTemplateForKeys: Math.round((stored.length - storedNoKeys.length) / N),
      contentGzipBytes: contentGzip,
      pinyinProGzipBytes: pinyinGzip,
      budgets: { keystrokeMs: KEYSTROKE_BUDGET_MS, suggestMs: SUGGEST_BUDGET_MS, openMs: OPEN_BUDGET_MS },
      pass,
    }),
  );
  if (!pass) process.exitCode = 1;
}

await main();
