/**
 * Diversion to another marketplace by name, with no link (去淘宝搜我们店, 京东店更便宜, 闲鱼上我挂了):
 * a marketplace that is not this workbench's, in one sentence with
 *   - a go-verb right before it (去 / 到 / 上 …) or a search right after it (淘宝搜, 京东上搜), and an
 *     action or a lure after it (搜, 下单, 更便宜 …), or
 *   - our own shop meant (我们 / 我家 / 搜我 …) and an action or a lure after it, or
 *   - a lure strong enough alone (更便宜, 有券, 还有货 …) after it.
 * A purchase asked for there (去淘宝拍, 那边下单) is money leaving the platform as well (payment.elsewhere).
 * 京东快递 and 抖音同款 name a marketplace without sending anyone there. A negation between the name
 * and what makes it a diversion says the opposite (京东没有我们的店, 在京东买的那单不是我们家的).
 */
import { type Candidate, firstEndingFrom, fromView, hasBreak, type Hit, negationIn, QUOTE_CLOSE, type Scan } from '../hits';
import { Kind, ruleIndex, Strength } from '../lexicon';

const DIVERT = ruleIndex('contact.divert');
const ELSEWHERE = ruleIndex('payment.elsewhere');
/** A purchase asked for where the buyer is sent (去淘宝拍, 在那边下单, 那边买): the money leaves the platform too. */
const PURCHASE = /下单|拍|买|购|付款|付钱|结算|拿货|付定金|交钱/;
const SOU = '搜'.charCodeAt(0);
/** Actions that name a shop (店名, 店铺名叫 …): followed by a quoted name, they say where to go. */
const NAMING = /名|叫/;
const OPENING_QUOTES = new Set([...QUOTE_CLOSE.keys()].map((c) => c.charCodeAt(0)));

const DE = '的'.charCodeAt(0);
/** First characters of the lures that send the buyer somewhere (去…, 那边…, 过去…). */
const SENDING = new Set([...'去那过'].map((c) => c.charCodeAt(0)));
const GUO = '过'.charCodeAt(0);
const HUA = '话'.charCodeAt(0);

/** Is the verb ending at `end` told of (买的, 搜过), not asked for? 买的话 is a condition, which asks. */
const toldOf = (view: Scan['view'], end: number) =>
  end < view.length && (view.codes[end] === GUO || (view.codes[end] === DE && view.codes[end + 1] !== HUA));

/** Does the sentence from `at` on end in a question (店名叫“小鹿”吗？): it asks the buyer, it sends nobody. */
function asked(text: string, at: number): boolean {
  const rest = /^[^。！!？?\n]*([？?]|吗|么)/.exec(text.slice(at, at + 40));
  return rest !== null;
}

/**
 * Does a shop's name follow a search at `at` without quotes (搜 蓝山家纺小店, 搜安安家居, 搜小鹿官方号)? A
 * short name ending in a word shops are named with; not what the search finds (搜到的那家, 搜一下就有).
 */
const SHOP_NAME = /^[\s:：]*(?![到过了不一下索])[\p{Script=Han}A-Za-z0-9]{1,10}?(小店|旗舰店|专卖店|专营店|官方号|官方店|家居|家纺|童装|女装|男装|工作室|店铺|店|铺子|号)(?![\p{Script=Han}])/u;
const namedAfter = (text: string, at: number) => SHOP_NAME.test(text.slice(at, at + 24)) && !asked(text, at);

/** Does a quoted name start at `at` in the text (spaces, a line break and a colon skipped)? */
function quoteAt(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === ':' || text[i] === '：')) i++;
  return i < text.length && OPENING_QUOTES.has(text.charCodeAt(i));
}

/** Is hit m part of one of `words` (京东 in 京东快递)? Those end at or after m and within a word of it. */
function inside(words: readonly Hit[], m: Hit, maxLength: number): boolean {
  for (let i = firstEndingFrom(words, m.end); i < words.length && words[i]!.end <= m.start + maxLength; i++) {
    if (words[i]!.start <= m.start) return true;
  }
  return false;
}

/** End of the clause view[from…] is in, or `to` if that comes first. */
function clauseEnd(view: Scan['view'], from: number, to: number): number {
  for (let i = from; i < to; i++) if (hasBreak(view, i, i + 1, false)) return i;
  return to;
}

/** A negation in the name's own clause, before the word that would make it a diversion (京东没有我们的店). */
const negatedBetween = (scan: Scan, from: number, to: number) => negationIn(scan, from, clauseEnd(scan.view, from, to));

export function diversionFindings(scan: Scan, platform: string, out: Candidate[]): void {
  const { divert, view, lex } = scan;
  if (divert.length < 2) return;
  const window = lex.divertWindow;
  const not = divert.filter((h) => h.p.kind === Kind.NotMarket);
  const near = (a: number, b: number) => !hasBreak(view, Math.min(a, b), Math.max(a, b), true, false);
  for (const m of divert) {
    if (m.p.kind !== Kind.Market || m.p.notOn === platform) continue;
    // 京东快递, 抖音同款 name the marketplace without sending anyone there, unless a lure that sends the
    // buyer follows all the same (京东自营店有现货，您去那边下单).
    const named = inside(not, m, lex.maxLength);
    let go = false;
    let self = false;
    let after: Hit | null = null;
    let strong = false;
    /** A lure that sends the buyer (去搜, 去那边, 那边下单, 过去买), not one that only praises. */
    let send = false;
    /** A purchase or search there told of right after the name (在淘宝上拍的那单): the rest is about it. */
    let told = false;
    // Hits come ordered by end: only those ending within the window around the name can count.
    const last = m.end + window + lex.maxLength;
    for (let i = firstEndingFrom(divert, m.start - window); i < divert.length && divert[i]!.end <= last; i++) {
      const h = divert[i]!;
      const k = h.p.kind;
      if (k === Kind.Go && h.end <= m.start && m.start - h.end <= 1 && near(h.end, m.start)) go = true;
      else if (k === Kind.Self && Math.abs(h.start - m.start) <= window && near(h.start, m.start)) {
        if (h.start < m.start ? !negatedBetween(scan, h.end, m.start) : !negatedBetween(scan, m.end, h.start)) self = true;
      } else if ((k === Kind.Action || k === Kind.Lure) && h.start >= m.end && h.start - m.end <= window && near(m.end, h.start)) {
        if (negatedBetween(scan, m.end, h.start)) continue;
        // 在淘宝买的那单, 京东搜过: a purchase or a search told of, not asked for (…买的话 still asks).
        if (k === Kind.Action && toldOf(view, h.end)) {
          // 在淘宝上拍的那单…: what follows is about that purchase, not a place to go.
          if (h.start - m.end <= 1) told = true;
          continue;
        }
        // 淘宝搜“小鹿家居”, 京东上搜「木子家」: a search for a quoted name right after the marketplace's
        // sends the buyer there as a go-verb would (淘宝搜不到, 我在淘宝搜过了 name nothing to search).
        if (k === Kind.Action && h.start - m.end <= 1 && view.codes[h.start] === SOU && quoteAt(scan.text, view.to[h.end - 1]!)) go = true;
        // tb有同款，搜安安家居; xhs搜 蓝山家纺官方号: a shop's name to search for, unquoted, does the same.
        else if (k === Kind.Action && view.codes[h.start] === SOU && namedAfter(scan.text, view.to[h.end - 1]!)) go = true;
        // …微店还有几件，搜“小满童装”; 有赞那边店铺名叫“山野茶事”: a quoted name to search for or a shop's
        // name given further on in the sentence sends the buyer there all the same.
        else if (k === Kind.Action && (view.codes[h.start] === SOU || NAMING.test(scan.text.slice(view.from[h.start]!, view.to[h.end - 1]!))) && quoteAt(scan.text, view.to[h.end - 1]!) && !asked(scan.text, view.to[h.end - 1]!)) go = true;
        if (!after || h.end > after.end) after = h;
        if (k === Kind.Lure && h.p.strength === Strength.Strong) strong = true;
        if (k === Kind.Lure && SENDING.has(view.codes[h.start]!)) send = true;
      }
    }
    if (!after || !(named ? send : go || self || strong) || (told && !strong && !send)) continue;
    const c = fromView(view, DIVERT, m.start, after.end, true);
    c.negateFrom = m.start;
    out.push(c);
    const end = clauseEnd(view, after.end, view.length);
    if (PURCHASE.test(scan.text.slice(view.from[m.start]!, end > 0 ? view.to[end - 1]! : 0))) {
      const p = fromView(view, ELSEWHERE, m.start, after.end, true);
      p.negateFrom = m.start;
      out.push(p);
    }
  }
}
