/**
 * Share tokens (口令) that open another app on the buyer's phone: a code between currency signs or
 * other delimiters (￥AbC123xyz￥, €…€, ₳…₳), a 口令 named with its code (京口令 …, #快口令# …), or an
 * instruction to copy the message and open another app (复制这段话打开淘宝), or a WeChat mini program's share
 * link (#小程序://…). A token for this
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
/** Any symbol or emoji may open a token (5💰tB3mQ8sLp1💰, ￡Mz5xV8bNc4￡); it closes with the same one or a delimiter. */
const OPENER = String.raw`[\p{Sc}\p{So}\p{Sm}#@%&!~^*|]|\p{Extended_Pictographic}\uFE0F?`;
/** A code may be typed in groups (￥ Cw6 Tz9 Ep2 ￥). */
const GROUPED = String.raw`[A-Za-z0-9]{2,20}(?:[ \u3000][A-Za-z0-9]{2,20}){0,6}`;
const WRAPPED = new RegExp(String.raw`(${OPENER})[ \u3000]*(${GROUPED})[ \u3000]*(?:\1|${DELIM}|\p{Extended_Pictographic})`, 'gu');
/** A named code may hold a # or a - inside (口令 DW#8XkQ2). */
const NAMED_CODE = '[A-Za-z0-9][A-Za-z0-9#-]{4,18}[A-Za-z0-9]';
const NAMED = new RegExp(`口令[^A-Za-z0-9\\n]{0,12}(${NAMED_CODE})|(${NAMED_CODE})[^A-Za-z0-9\\n]{0,6}口令`, 'g');
/** Apps a token opens, with the platform each belongs to (empty: none of the workbenches). */
const APPS: Record<string, string> = {
  淘宝: 'taobao', 手淘: 'taobao', 某宝: 'taobao', 天猫: 'taobao', tb: 'taobao', taobao: 'taobao', tao宝: 'taobao', 淘bao: 'taobao',
  桃宝: 'taobao', '🍑宝': 'taobao', 淘tao: 'taobao', 闲鱼: '', 咸鱼: '', 闲yu: '', xianyu: '',
  京东: 'jd', jd: 'jd', 拼多多: 'pdd', 拼夕夕: 'pdd', pdd: 'pdd', 多多: 'pdd',
  抖音: 'douyin', dou音: 'douyin', 抖yin: 'douyin', douyin: 'douyin', 斗音: 'douyin', dy: 'douyin',
  快手: 'kuaishou', kuai手: 'kuaishou', 快shou: 'kuaishou', ks: 'kuaishou', 支付宝: '', 微信: '', 小红书: '', 小红薯: '', xhs: '',
  app: '', 唯品会: '', 得物: '', 美团: '', 美团外卖: '', 饿了么: '', 大众点评: '', 微博: '', 转转: '',
};
/** A mini program's share link: #小程序:// and a path. */
const MINI_PROGRAM = /#?小程序[:：]\/\/[^\s，。,]{2,60}/gu;
const APP = Object.keys(APPS).sort((a, b) => b.length - a.length).join('|');
/** Between the open verb and the app's name: a few brackets, spaces or emoji (打开【快手】, 打开📱淘宝). */
const GAP = String.raw`[^\p{L}\p{N}\n]{0,4}(?:手机)?[^\p{L}\p{N}\n]{0,2}`;
const COPY_OPEN = new RegExp(String.raw`(?:复制|拷贝|copy)[^\n]{0,30}?(?:打开|切到|切换到|到|去|粘贴到|进|进入)${GAP}(${APP})`, 'gu');
/** An app opened to search or paste something (打开闲鱼搜这个码): a code in brackets then is a token for it. */
const OPEN_SEARCH = new RegExp(String.raw`(?:打开|进入|去|到|上)${GAP}(${APP})(?:app)?[^\n]{0,6}?(?:搜|粘贴|搜索|输入|复制)`, 'gu');
/** A code in brackets (【XY88KK2】): a token only when an app is opened for it or the message copies it. */
const BRACKETED = new RegExp(String.raw`[【\[(（「『〔/]\s*(${CODE})\s*[】\])）」』〕/]`, 'g');
const COPIES = /复制|拷贝|口令|这个码|这串/;

/** The app named in brackets first, then the instruction (【淘宝】…复制整段打开). */
const NAMED_APP_COPY = new RegExp(String.raw`[【\[(（「『](${APP})[】\])）」』][^\n]{0,40}?(?:复制|拷贝)[^\n]{0,12}?(?:打开|进入)`, 'gu');

/** A code named as something of the order or the goods just before it (订单号#A123456#, 型号 *SN12345*) is that, not a token. */
const ACCOUNTED = /(?:订单号|订单编号|单号|取件码|提货码|核销码|券码|兑换码|型号|货号|款号|编号|序列号|sn码|批号)[:：是为\s]{0,3}$/i;

/** The app's syllable before 口令 (淘口令, 京口令 …), per workbench. */
const OWN_KOULING: Record<string, RegExp> = { taobao: /[淘tT]$/, jd: /京$/, douyin: /抖$/, kuaishou: /快$/, pdd: /多$/ };

const isCode = (s: string) => (/[0-9]/.test(s) && /[A-Za-z]/.test(s)) || (s.length >= 8 && /[a-z]/.test(s) && /[A-Z]/.test(s));

export function tokenFindings(text: string, platform: string, out: Candidate[]): void {
  // Folded one unit for one unit (full width, traditional, case) so offsets stay those of the text.
  const folded = foldString(text);
  const t = folded.length === text.length ? folded : text;
  const lower = t.toLowerCase();
  let opensOwn = false;
  let opensOther = false;
  const spans: [number, number][] = [];
  let searches = false;
  for (const m of lower.matchAll(OPEN_SEARCH)) {
    const app = APPS[m[1]!] ?? '';
    if (!app || app !== platform) searches = true;
  }
  for (const m of [...lower.matchAll(COPY_OPEN), ...lower.matchAll(NAMED_APP_COPY)]) {
    const app = APPS[m[1]!] ?? '';
    if (app && app === platform) opensOwn = true;
    else {
      opensOther = true;
      spans.push([m.index!, m.index! + m[0].length]);
    }
  }
  const bracketed = searches || (opensOther && COPIES.test(t));
  for (const re of bracketed ? [WRAPPED, NAMED, BRACKETED] : [WRAPPED, NAMED]) {
    for (const m of t.matchAll(re)) {
      const code = (re === WRAPPED ? m[2]! : (m[1] ?? m[2] ?? '')).replace(/[ \u3000#-]/g, '');
      if (code.length < 6 || code.length > 20) continue;
      if (re !== NAMED && ACCOUNTED.test(t.slice(Math.max(0, m.index! - 8), m.index!))) continue;
      // A named 口令 may be digits only (搜索口令 88372611); a wrapped code needs letters and digits.
      if (!isCode(code) && !(re === NAMED && /^[0-9]{6,}$/.test(code))) continue;
      // A token of this workbench's own app, with nothing pointing elsewhere, is its own share.
      if (platform === 'taobao' && re === WRAPPED && !opensOther) continue;
      // A 口令 named for this workbench's own app (淘口令 on Taobao, 京口令 on JD) is its own share.
      if (re === NAMED && !opensOther && m[1] !== undefined && OWN_KOULING[platform]?.test(t.slice(Math.max(0, m.index! - 2), m.index!))) continue;
      if (re === BRACKETED && !isCode(code)) continue;
      if (opensOwn && !opensOther) continue;
      spans.push([m.index!, m.index! + m[0].length]);
    }
  }
  // A WeChat mini program's share link (#小程序://优选好物/aB3dE5) opens WeChat, never a workbench.
  for (const m of t.matchAll(MINI_PROGRAM)) spans.push([m.index!, m.index! + m[0].length]);
  for (const [start, end] of spans) out.push({ rule: TOKEN, start, end, viewStart: -1, viewEnd: -1, negatable: false });
}
