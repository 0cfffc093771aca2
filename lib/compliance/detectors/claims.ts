/**
 * Superlatives (Advertising Law art. 9(3)): 最 and the word it crowns, whatever that word is (最保暖的,
 * 最顺滑, 最有营养, 最防摔, zui好的) — the word lists cannot name every adjective a product is praised
 * with, but what 最 means can be told from what follows it. It is no claim when it says when, how
 * many, where or how much (最近, 最快明天到, 最多退一次, 最后一件, 最上面, 最大承重150斤, 最新款), gives
 * advice (您最好先量一下, 最好用原包装), says what the agent likes or fears (最喜欢, 最怕), praises the buyer
 * (你是我遇到的最暖心的客人), or asks (哪款最适合您？).
 * Negatable: 不是最便宜的, 不敢说最好.
 */
import { type Candidate, clauseBounds, fromView, type Scan } from '../hits';
import { ruleIndex } from '../lexicon';
import { viewString } from '../views';
import { isHan } from '../fold';

const CLAIM = ruleIndex('absolute.claim');
const ZUI = '最'.charCodeAt(0);

/** What follows 最 when it is no claim. */
const NOT_A_CLAIM =
  /^(近|后|终|早|晚|迟|初|先|末|起码|主要|重要|关键|常|怕|讨厌|担心|关心|需要|想|不|适合|合适|喜欢|爱|佳(赏味|食用|饮用|使用|观赏|保质)|上|下|左|右|前|里|外|内|底|顶|边|中间|少|多|大|小|长|短|新|轻|重|宽|窄|深|浅|厚|薄(?!款)|粗|细|远|慢|迟|晚|久(?!的)|差|坏|难|容易|简单|方便|省事|稳妥|保险|划不来|值得一提|值得注意|值得关心|开始|终于|终解释|美的时光|美的回忆|可爱的人|亲爱|尊贵的|高\d|低\d|快(明|今|后|当|隔|次|下|本|\d|[一二两三四五六七八九十]|几|也|要|就|能|可以|的话)|字|好(?!的|(用|吃|看|穿|喝|听|玩|闻|卖|使)(的|了|$|[，,。.!！~～]))|高(?!(品质|档|级|端|水平|标准|规格的?品))|低(?!(价|折扣|的价|售价|到手价)))/;

/** The squashed view is lower case: a latin letter is a–z. */
const isLatin = (c: number) => c >= 0x61 && c <= 0x7a;
/** Words before 最 in the clause that make it a question (哪款最…, 什么最…). */
const ASKING = /[哪啥谁]|什么|怎么|多少/;

export function superlativeFindings(scan: Scan, out: Candidate[]): void {
  const { view } = scan;
  for (let i = 0; i < view.length; i++) {
    const c = view.codes[i]!;
    let after: number;
    if (c === ZUI) after = i + 1;
    // zui好的 typed in pinyin (not inside a latin word).
    else if (c === 0x7a && view.codes[i + 1] === 0x75 && view.codes[i + 2] === 0x69 && (i === 0 || !isLatin(view.codes[i - 1]!)) && isHan(view.codes[i + 3] ?? 0)) after = i + 3;
    else continue;
    if (after >= view.length || !isHan(view.codes[after]!)) continue;
    const next = viewString(view, after, Math.min(view.length, after + 6));
    if (NOT_A_CLAIM.test(next)) continue;
    const [s, e] = clauseBounds(view, i);
    const before = viewString(view, s, i);
    const rest = viewString(view, after, Math.min(view.length, e + 1));
    // 你是我遇到的最暖心的客人: the buyer praised, not the goods.
    if (ASKING.test(before) || /[你您]/.test(before) || /[?？]$|[吗呢么]$/.test(rest.replace(/[\s~～]+$/, ''))) continue;
    let end = after;
    while (end < e && end - after < 4 && isHan(view.codes[end]!) && view.codes[end] !== 0x7684) end++;
    out.push(fromView(view, CLAIM, i, end, true));
  }
}
