/**
 * A threat spread over plain sentences (the `menace` detector of roles.json): 你一个人住吧？地址我这里有，
 * 懂我意思吧. No sentence of it is a threat alone, so no pair of words finds it; what makes it one is
 * that it names the buyer's own life (住的小区, 在哪上班, 手机尾号, 你爸妈), claims to know or reach it
 * (记下了, 一查就知道, 开盒), presses (再闹试试, 别怪我没提醒) and promises a harm (出不了门, 上门, 网暴).
 * Three of those four anywhere in the message are a threat; so is the buyer's life beyond the order
 * (住哪个小区, 在哪上班, 车牌) with a claim to know it or with pressure, and pressure and a harm in one
 * sentence. A word of the platform's own service (核对, 发货, 快递员 …) anywhere clears it: that is an
 * address read back to be checked, or a courier at the door.
 */
import { type Candidate, cutsNumber, fromView, hasBreak, type Hit, type Scan } from '../hits';
import { ROLE_DETECTORS } from '../lexicon';

const MENACE = ROLE_DETECTORS.findIndex((d) => d.id === 'menace');
const DETECTOR = MENACE >= 0 ? ROLE_DETECTORS[MENACE]! : null;
const LIFE = DETECTOR?.bits.life ?? 0;
const KNOW = DETECTOR?.bits.know ?? 0;
const PRESS = DETECTOR?.bits.press ?? 0;
const HARM = DETECTOR?.bits.harm ?? 0;
const PRIVATE = DETECTOR?.bits.private ?? 0;
const OK = DETECTOR?.ok ?? 0;
const FAMILIES = [LIFE, KNOW, PRESS, HARM, PRIVATE];
/** Bits of `present`, one per family, in the order of FAMILIES. */
const HAS_LIFE = 1;
const HAS_KNOW = 2;
const HAS_PRESS = 4;
const HAS_PRIVATE = 16;

/** 不, 没, 唔 (Cantonese 不): 不知道 is no claim to know, unless 以为 comes before it (别以为我不知道). */
const NOT_CODES = new Set([0x4e0d, 0x6ca1, 0x5514]);
const THINK = 0x4ee5; // 以 of 以为
function deniedKnowing(codes: Uint16Array, start: number): boolean {
  if (start === 0 || !NOT_CODES.has(codes[start - 1]!)) return false;
  for (let i = Math.max(0, start - 6); i < start - 1; i++) if (codes[i] === THINK && codes[i + 1] === 0x4e3a) return false;
  return true;
}

/** Hits of the detector, per family, reused from call to call. */
const byFamily: Hit[][] = FAMILIES.map(() => []);

export function menaceFindings(scan: Scan, out: Candidate[]): void {
  if (!DETECTOR) return;
  const { view } = scan;
  for (const list of byFamily) list.length = 0;
  let present = 0;
  for (const h of scan.roles) {
    if (h.p.group !== MENACE) continue;
    if ((h.p.groups & OK) !== 0) return;
    if (cutsNumber(view, h)) continue;
    if ((h.p.groups & KNOW) !== 0 && deniedKnowing(view.codes, h.start)) continue;
    for (let f = 0; f < FAMILIES.length; f++) {
      if ((h.p.groups & FAMILIES[f]!) === 0) continue;
      byFamily[f]!.push(h);
      present |= 1 << f;
    }
  }
  // The buyer's private life counts as their life among the four.
  if (present & HAS_PRIVATE) present |= HAS_LIFE;
  let families = 0;
  for (let f = 0; f < 4; f++) if (present & (1 << f)) families++;
  // The buyer's life beyond the order, with a claim to know it or pressure: 你车牌号我都记下了.
  if (families >= 3 || ((present & HAS_PRIVATE) !== 0 && (present & (HAS_KNOW | HAS_PRESS)) !== 0)) {
    let start = view.length;
    let end = 0;
    for (const list of byFamily)
      for (const h of list) {
        if (h.start < start) start = h.start;
        if (h.end > end) end = h.end;
      }
    out.push(fromView(view, DETECTOR.rule, start, end, true));
    return;
  }
  // Pressure and a harm in one sentence: 再嘴硬，我让你出不了门.
  const press = byFamily[2]!;
  const harm = byFamily[3]!;
  for (const p of press)
    for (const h of harm) {
      if (p.start < h.end && h.start < p.end) continue;
      const from = Math.min(p.end, h.end);
      const to = Math.max(p.start, h.start);
      if (to - from > 16 || hasBreak(view, from, to, true, false)) continue;
      out.push(fromView(view, DETECTOR.rule, Math.min(p.start, h.start), Math.max(p.end, h.end), true));
      return;
    }
}
