/**
 * A fake notice typed into the chat (【京东物流】您的快件在分拣中心破损丢失，我司将为您办理理赔…): a message
 * that opens on a sender in brackets, as a text message from the platform, a courier, a bank or an
 * authority does, and goes on to what scam notices are about (a claim paid out, an account frozen, an
 * identity to check). A shop's own bracketed headings (【发货通知】, 【温馨提示】, 【XX旗舰店】) name no such
 * sender, and are none.
 */
import type { Candidate } from '../hits';
import { ruleIndex } from '../lexicon';

const SCAM = ruleIndex('impersonation.scam');
/** A bracketed sender at the start of the message (after an opener such as 亲). */
const HEADER = /^\s*(?:亲[，,\s]*)?[【\[［〖]([^】\]］〗]{2,14})[】\]］〗]/;
/** Senders a shop is not: the marketplaces, couriers, banks, payment services and authorities. */
const SENDER =
  /官方|物流|快递|快运|速运|速递|邮政|菜鸟|丰巢|驿站|理赔|中心|保障|权益|风控|银行|银联|白条|花呗|借呗|金融|支付宝|微信支付|财付通|市场监|监管|公安|法院|税务|消协|消费者协会|12315|平台|小二/;
/** What the shop's own headings are (旗舰店, 专卖店, 店铺 …): a shop naming itself. */
const SHOP = /店|铺|工作室|通知|提示|提醒|公告|活动|福利|上新|预售|发货|优惠/;
/** What a scam notice goes on to (理赔, 冻结, 核实身份 …). */
const SCAM_WORDS =
  /理赔|赔付|丢件|丢失|遗失|破损|冻结|解冻|核实|身份|认证|征信|专员|年审|扣费|违规|异常|关闭|注销|退税|补贴|领取|赔偿|风险|管控|公安|逾期|配合|资格/;

export function noticeFindings(text: string, out: Candidate[]): void {
  const m = HEADER.exec(text);
  if (!m) return;
  const sender = m[1]!;
  if (!SENDER.test(sender) || (SHOP.test(sender) && !/官方|物流|快递|理赔|银行|平台/.test(sender))) return;
  if (!SCAM_WORDS.test(text.slice(m.index + m[0].length))) return;
  const start = m.index + m[0].search(/[【\[［〖]/);
  out.push({ rule: SCAM, start, end: m.index + m[0].length, viewStart: -1, viewEnd: -1, negatable: false });
}
