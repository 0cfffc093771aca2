import { fold } from './keys';
import type { IndexEntry, SearchableTemplate, SearchIndex, SearchOptions } from './search';

/**
 * Suggestions: from the buyer's last message, the templates most likely to answer it.
 *
 * Data: {@link INTENTS}, a keyword table. Each intent names the template tags that answer it (the
 * starter pack is tagged; tags are editable). A message's intents are those with a keyword in it;
 * an intent's strength is its weight × the number of its keywords found (at most 3).
 *
 * Score of a template = Σ over the message's intents of strength × (10 when the template carries one
 * of the intent's tags, 13 when its title also contains one of the intent's keywords; else 6 when
 * only its title does; else, for a template without any tags (imported ones), 3 when its body does)
 * — so untagged templates are still found by their words — then, for templates that matched,
 * + min(4, 2·log10(1 + usage count)) for the agent's own habits, and − 1 for a `fallback` offer so
 * the first offer comes first at equal footing. Ties: usage count, then input order (pass templates in display order).
 */

export interface Intent {
  id: string;
  /** What the chip says the buyer asked about. */
  label: string;
  keywords: string[];
  /** Template tags that answer it. */
  tags: string[];
  /** Relative strength; greetings are weak so that 你好，快递到哪了 is about the courier. */
  weight: number;
}

export const INTENTS: Intent[] = [
  { id: 'greeting', label: '问候', weight: 0.5, tags: ['greeting'], keywords: ['在吗', '在不在', '在么', '有人吗', '你好', '您好', 'hello', '客服'] },
  { id: 'shipping', label: '发货', weight: 1, tags: ['shipping'], keywords: ['发货', '什么时候发', '啥时候发', '几时发', '多久发', '还没发', '发了吗', '发出', '能发', '今天发'] },
  { id: 'logistics', label: '快递/物流', weight: 1, tags: ['logistics'], keywords: ['快递', '物流', '单号', '到哪了', '到哪里', '派送', '签收', '顺丰', '中通', '圆通', '韵达', '申通', '极兔', '邮政', '驿站'] },
  { id: 'urge', label: '催单', weight: 1, tags: ['urge', 'delay'], keywords: ['催', '怎么还没', '还没到', '还没收到', '太慢', '好慢', '几天了', '一直没', '没动', '不动', '着急', '急用'] },
  { id: 'refund', label: '退款', weight: 1.2, tags: ['refund'], keywords: ['退款', '退钱', '钱退', '仅退款', '退回', '到账', '退差价'] },
  { id: 'return', label: '退货', weight: 1.2, tags: ['return'], keywords: ['退货', '寄回', '退回去', '七天无理由', '7天无理由', '无理由', '退掉', '不想要'] },
  { id: 'exchange', label: '换货', weight: 1.2, tags: ['exchange'], keywords: ['换货', '换一个', '换个', '调换', '换码', '换尺码', '换颜色', '换大', '换小', '能换'] },
  { id: 'size', label: '尺码', weight: 1, tags: ['size'], keywords: ['尺码', '码数', '多大码', '什么码', '几码', '身高', '体重', '偏大', '偏小', '穿多大', '大码', '小码', '斤'] },
  { id: 'damaged', label: '破损/故障', weight: 1.2, tags: ['damaged'], keywords: ['坏了', '破损', '破了', '坏的', '不能用', '用不了', '故障', '碎了', '漏了', '压坏', '不工作', '没反应'] },
  { id: 'quality', label: '质量问题', weight: 1.1, tags: ['quality'], keywords: ['质量', '有问题', '瑕疵', '开线', '掉色', '起球', '划痕', '脏', '异味', '味道'] },
  { id: 'discount', label: '优惠', weight: 1, tags: ['discount'], keywords: ['优惠', '便宜', '券', '打折', '折扣', '活动', '包邮', '少点', '能少', '减', '赠品', '送点'] },
  { id: 'differs', label: '与描述不符', weight: 1.2, tags: ['differs'], keywords: ['色差', '不一样', '和图片', '跟图片', '与图片', '和描述', '不符', '图片不', '实物', '颜色不对', '货不对板'] },
  { id: 'wrong-item', label: '少发/发错', weight: 1.3, tags: ['wrong-item'], keywords: ['少发', '漏发', '发错', '少了', '缺了', '少一', '错了', '不是我买的', '没有收到赠品'] },
  { id: 'invoice', label: '发票', weight: 1, tags: ['invoice'], keywords: ['发票', '开票', '税号', '抬头'] },
  { id: 'payment', label: '付款', weight: 0.8, tags: ['payment'], keywords: ['付款', '支付', '付不了', '拍下', '怎么拍', '改价'] },
  { id: 'address', label: '改地址', weight: 1, tags: ['address'], keywords: ['地址', '改地址', '收货人', '电话填错'] },
  { id: 'stock', label: '库存', weight: 0.8, tags: ['stock'], keywords: ['有货', '有没有货', '现货', '缺货', '还有吗', '补货'] },
  { id: 'material', label: '材质', weight: 0.8, tags: ['material'], keywords: ['材质', '面料', '什么料', '纯棉', '成分'] },
  { id: 'closing', label: '结束', weight: 0.4, tags: ['closing'], keywords: ['谢谢', '好的', '知道了', '收到了', '感谢', '辛苦'] },
];

export interface DetectedIntent {
  intent: Intent;
  hits: string[];
  strength: number;
}

/** The intents of a message, strongest first. */
export function detectIntents(message: string, intents: readonly Intent[] = INTENTS): DetectedIntent[] {
  const m = fold(message);
  const out: DetectedIntent[] = [];
  for (const intent of intents) {
    const hits = intent.keywords.filter((k) => m.includes(k));
    if (hits.length) out.push({ intent, hits, strength: intent.weight * Math.min(3, hits.length) });
  }
  return out.sort((a, b) => b.strength - a.strength);
}

export interface Suggestion<T extends SearchableTemplate = SearchableTemplate> {
  template: T;
  score: number;
  /** Ids of the intents this template answers. */
  intents: string[];
}

export interface SuggestOptions extends Omit<SearchOptions, 'group'> {
  /** Default 3. */
  limit?: number;
  intents?: readonly Intent[];
}

const inScope = (t: SearchableTemplate, o: SuggestOptions): boolean =>
  !(o.platform !== undefined && t.platform !== undefined && t.platform !== o.platform) &&
  !(o.shop !== undefined && t.shop !== undefined && t.shop !== o.shop);

function scoreEntry(e: IndexEntry, detected: DetectedIntent[], matched: string[]): number {
  let s = 0;
  for (const d of detected) {
    const tagged = d.intent.tags.some((tag) => e.tags.has(tag));
    const inTitle = d.intent.keywords.some((k) => e.title.includes(k));
    let f = tagged ? (inTitle ? 13 : 10) : inTitle ? 6 : 0;
    if (!f && e.tags.size === 0 && d.intent.keywords.some((k) => e.body.includes(k))) f = 3;
    if (f) {
      s += f * d.strength;
      matched.push(d.intent.id);
    }
  }
  return s;
}

/** Up to three (`limit`) templates for the buyer's last message; [] when nothing fits. */
export function suggest<T extends SearchableTemplate>(
  index: SearchIndex<T>,
  message: string,
  options: SuggestOptions = {},
): Suggestion<T>[] {
  const detected = detectIntents(message, options.intents);
  if (!detected.length) return [];
  const limit = options.limit ?? 3;
  const out: { s: Suggestion<T>; e: IndexEntry<T> }[] = [];
  for (const e of index.entries) {
    if (!inScope(e.template, options)) continue;
    const matched: string[] = [];
    let score = scoreEntry(e, detected, matched);
    if (score <= 0) continue;
    score += Math.min(4, 2 * Math.log10(1 + e.template.usageCount));
    if (e.tags.has('fallback')) score -= 1;
    out.push({ s: { template: e.template, score, intents: matched }, e });
  }
  out.sort(
    (a, b) =>
      b.s.score - a.s.score ||
      b.e.template.usageCount - a.e.template.usageCount ||
      a.e.index - b.e.index,
  );
  return out.slice(0, limit).map((x) => x.s);
}
