/**
 * Share tokens (口令) that open another app on the buyer's phone: a code between currency signs or
 * other delimiters (￥AbC123xyz￥, €…€, ₳…₳), a 口令 named with its code (京口令 …, #快口令# …), or an
 * instruction to copy the message and open another app (复制这段话打开淘宝). A token for this
 * workbench's own app is its own share, not a diversion.
 */
import type { Candidate } from '../hits';
import { foldString } from '../fold';
import { ruleIndex } from '../lexicon';

const TOKEN = ruleIndex('link.token');

/** Currency signs and other symbols tokens are wrapped in. */
const DELIMITERS = '¥$€£₳₴₰¢₤₱₿₩₹₽₸₮₲₵₡₫₭₦₠₣₥₧₨₪₯₶₷₺₻₼₾#@%&!~^*|';
const DELIM = `[${DELIMITERS.replace(/[-\\^$*|[\]]/g, '\\$&')}]`;
/** A code: 6–20 letters and digits with both in it, or 8+ letters of both cases. */
const CODE = '[A-Za-z0-9]{6,20}';
const WRAPPED = new RegExp(`${DELIM}\\s*(${CODE})\\s*${DELIM}`, 'g');
const NAMED = new RegExp(`口令[^A-Za-z0-9\\n]{0,12}(${CODE})|(${CODE})[^A-Za-z0-9\\n]{0,6}口令`, 'g');
/** Apps a token opens, with the platform each belongs to (empty: none of the workbenches). */
const APPS: Record<string, string> = {
  淘宝: 'taobao', 手淘: 'taobao', 某宝: 'taobao', 天猫: 'taobao', tb: 'taobao', taobao: 'taobao', 闲鱼: '',
  京东: 'jd', jd: 'jd', 拼多多: 'pdd', pdd: 'pdd', 抖音: 'douyin', 快手: 'kuaishou', 支付宝: '', 微信: '', 小红书: '',
  app: '', 唯品会: '', 得物: '',
};
const APP = Object.keys(APPS).sort((a, b) => b.length - a.length).join('|');
const COPY_OPEN = new RegExp(`(?:复制|拷贝|copy)[^\\n]{0,30}?(?:打开|切到|切换到|到|去|粘贴到|进|进入)\\s*(?:手机)?\\s*(${APP})`, 'g');

const isCode = (s: string) => (/[0-9]/.test(s) && /[A-Za-z]/.test(s)) || (s.length >= 8 && /[a-z]/.test(s) && /[A-Z]/.test(s));

export function tokenFindings(text: string, platform: string, out: Candidate[]): void {
  // Folded one unit for one unit (full width, traditional, case) so offsets stay those of the text.
  const folded = foldString(text);
  const t = folded.length === text.length ? folded : text;
  const lower = t.toLowerCase();
  let opensOwn = false;
  let opensOther = false;
  const spans: [number, number][] = [];
  for (const m of lower.matchAll(COPY_OPEN)) {
    const app = APPS[m[1]!] ?? '';
    if (app && app === platform) opensOwn = true;
    else {
      opensOther = true;
      spans.push([m.index!, m.index! + m[0].length]);
    }
  }
  for (const re of [WRAPPED, NAMED]) {
    for (const m of t.matchAll(re)) {
      const code = m[1] ?? m[2] ?? '';
      // A named 口令 may be digits only (搜索口令 88372611); a wrapped code needs letters and digits.
      if (!isCode(code) && !(re === NAMED && /^[0-9]{6,}$/.test(code))) continue;
      // A token of this workbench's own app, with nothing pointing elsewhere, is its own share.
      if (platform === 'taobao' && re === WRAPPED && !opensOther) continue;
      if (opensOwn && !opensOther) continue;
      spans.push([m.index!, m.index! + m[0].length]);
    }
  }
  for (const [start, end] of spans) out.push({ rule: TOKEN, start, end, viewStart: -1, viewEnd: -1, negatable: false });
}
