/**
 * A curt answer to a complaint, read from what the reply does rather than from a list of bad phrases:
 * it offers nothing (no apology, no fix, no help: 抱歉, 马上, 给您补发, 帮您核实 …) and it hands the
 * problem back to the buyer or waves it off (您自己…, 别要求那么多, 往上翻翻, 有事说事, 急什么,
 * 可以去别家买 …). A tip, like every poor-service finding, and only in answer to a buyer's message.
 */
import { type Candidate, fromView, type Scan } from '../hits';
import { ruleIndex } from '../lexicon';
import { viewString } from '../views';

const CURT_RULE = ruleIndex('service.curt');

/** What a reply that takes the complaint on holds. */
const CARE =
  /抱歉|不好意思|对不起|马上|立刻|这就|尽快|稍等|给(?:您|你)(?:补|换|退|安排|处理|核实|申请|查|联系|发|重新|登记|反馈)|帮(?:您|你)|为(?:您|你)|我们(?:来|会|这就|马上)?(?:处理|安排|补发|重发|核实|联系|负责|承担|跟进)|补发|重发|退款|换货|赔|申请售后|登记|反馈|核实|理解您|辛苦|麻烦您|感谢/;
/** What hands the problem back to the buyer or waves it off. */
const CURT =
  /(?:您|你)(?:自己|要是|就别|别|先说说|急什么|这也|还想|买之前|下单前)|自己(?:去|看|查|复制|跟|问|研究|弄|不看)|别(?:要求|问|催|急)|往上翻|不重复|有事说事|就知道了|这也要|怎么用的|不会用|谁答应|找谁|我也没法|没法一步步|去别家|随便投|我们没做错|要求也太高|挺狠|不归我们管|改不了|谁也保证不了|怕就别|就该想到|不在售后范围|仅供参考|正常情况|呗[，。！!？?]?$/;

export function curtFindings(scan: Scan, answering: boolean, out: Candidate[]): void {
  if (!answering) return;
  const { view } = scan;
  if (view.length === 0 || view.length > 120) return;
  const text = viewString(view, 0, view.length);
  if (CARE.test(text)) return;
  const m = CURT.exec(text);
  if (!m) return;
  out.push(fromView(view, CURT_RULE, m.index, m.index + m[0].length, false));
}
