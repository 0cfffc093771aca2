/**
 * A visit offered, read from how the sentence is built rather than from a list of phrases: a verb of
 * coming (来, 到, 去, 拿到 …) to a place that is a physical one (门店, 展厅, 厂里, 摊位, 鸡场, 茶园 …),
 * with the agent's own (我们的…, 我家…) or with what the buyer would do there (看, 挑, 买, 提货, 换
 * …): 来门店换货, 去我们朝阳区的展厅看样, 拿到我们维修点来, 来鸡场看看. Or such a place said to be
 * somewhere (展厅在厦门湖里区), a shop said to exist offline (线下有体验店), a numbered stall (12号摊位).
 * Never in a message about sending goods back (as the `visit` detector); negatable (不接受到店自提).
 */
import { type Candidate, fromView, type Scan } from '../hits';
import { ruleIndex } from '../lexicon';
import { viewString } from '../views';

const STORE = ruleIndex('address.store');

const PLACE =
  '(?:实体店|门店|体验店|专卖店|线下店|快闪店|直营店|展厅|展馆|样板间|样品间|工厂|厂里|厂房|车间|仓库|档口|摊位|柜台|门市|维修点|回收点|工作室|汽修店|试听间|园子|药房|[\\u4e00-\\u9fff]{0,2}(?:鸡场|猪场|牛场|羊场|农场|牧场|渔场|养殖场|果园|茶园|菜园|基地|茶山|茶厂|酒厂|工厂))';
const COME = '(?:过来|来|到|去|拿到|送到|开车来|开车过来|路过)';
const OWN = '(?:我们|我家|咱们|咱家|俺家|俺们|我的|我们的)';
const DO = '(?:里|上|这边|那边|这|那)?(?:来)?(?:看|挑|买|拿|提|取|试|尝|坐|玩|逛|换|修|体验|选|参观|验|订|定|喝|自提)';
const WHERE = '(?:在|位于|就在|开在)(?=[\\u4e00-\\u9fff]{1,8}(?:省|市|区|县|镇|乡|村|路|街|巷|城|广场|大厦|市场|中心|楼|站|园))';

const FRAMES = [
  // 来门店换货, 来鸡场看看, 去我们朝阳区的展厅看样
  new RegExp(`${COME}${OWN}?的?[\\u4e00-\\u9fff]{0,4}?${PLACE}${DO}`, 'gu'),
  // 来我们汽修店, 拿到我们维修点来
  new RegExp(`${COME}${OWN}[\\u4e00-\\u9fff]{0,4}?${PLACE}`, 'gu'),
  // 展厅在厦门湖里区
  new RegExp(`${PLACE}${WHERE}`, 'gu'),
  // 线下有体验店, 线下也开了家店
  /(?:线下|实体)(?:有|也有|开了|还有)(?:个|家|一家|一个)?(?:店|体验店|门店|实体店|铺子|档口|店面)/gu,
  // 市场B区12号摊位
  /(?:[0-9]+|[一二三四五六七八九十]+)号(?:摊位|档口|铺位|铺|门面|柜台)/gu,
];

/** Words that make the place an online one (店铺首页, 直播间) or the platform's own (京东自提点). */
const ONLINE = /直播间|店铺首页|网店|线上|自提点|驿站|菜鸟/;

export function visitFindings(scan: Scan, out: Candidate[]): void {
  if (scan.sendBack > 0) return;
  const { view } = scan;
  if (view.length < 3) return;
  const text = viewString(view, 0, view.length);
  for (const frame of FRAMES) {
    frame.lastIndex = 0;
    for (let m = frame.exec(text); m; m = frame.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (ONLINE.test(text.slice(Math.max(0, start - 2), Math.min(text.length, end + 2)))) continue;
      out.push(fromView(view, STORE, start, end, true));
    }
  }
}
