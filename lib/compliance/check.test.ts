import { describe, expect, it } from 'vitest';
import { check, type CheckOptions } from './check';
import { DEFAULT_COMPLIANCE_SETTINGS, DEFAULT_SEVERITIES } from './defaults';
import { loadComplianceSettings } from './settings';
import type { Category } from './types';

const run = (text: string, options: CheckOptions = {}) => check(text, { platform: 'pdd', ...options });
const categories = (text: string, options?: CheckOptions) =>
  [...new Set(run(text, options).findings.map((f) => f.category))].sort();

/** Messages with a violation of one category only. (Numbers are invented: 1xx0000xxxx.) */
const POSITIVES: Record<Exclude<Category, 'qr-code' | 'shop-word'>, string[]> = {
  'third-party-link': ['详情看 www.haowu-shop.cn', '去 https://pan.baidu.com/s/1abc 下载', '官网 abcmall.com', 'kefu点com 找我们'],
  'off-platform-contact': ['加我微信 kefu_88', 'QQ：12345678', '打我电话 13800001234', '邮箱 kefu@163.com', '加V详聊', '加我好友吧'],
  'off-platform-payment': ['可以私下转账给我', '走线下交易便宜', '卡号 6222000000000000129', '支付宝：13800006789', '收款码发你'],
  'store-address': ['实体店地址在中山路88号', '欢迎到店自提', '门店在杭州市西湖区文三路88号'],
  'review-inducement': ['好评返现5元', '晒图返现', '我们可以刷单', '麻烦把差评删了', '评价写好一点，返您5元红包'],
  abuse: ['傻逼', '你有病吧', '滚蛋', '再给差评你等着瞧', '滚！'],
  prohibited: ['代开发票', '稳赚不赔拉人头', '冰毒有货'],
  disparaging: ['拼多多太坑了', '别家都是假货', '其他家都是贴牌的垃圾货'],
  impersonation: ['我是拼多多官方客服', '平台客服通知您：订单异常', '这里是平台售后中心'],
  'absolute-claim': ['全网最低价', '行业第一品牌', '国家级工艺', '最受欢迎的款式'],
  'poor-service': ['爱买不买', '你自己看说明书'],
};

/** Ordinary seller language and look-alikes that must stay quiet. */
const HARD_NEGATIVES = [
  '亲，我们支持微信支付',
  '最近发货很快，收到后第一时间检查哦',
  '订单号：240615-123456789012345',
  '顺丰单号 SF1234567890123',
  '快递员电话 13800001122，他说下午到',
  '商品ID：13800009876',
  '价格 ¥1380.00，两件 138 元',
  '商品链接 https://mobile.yangkeduo.com/goods.html?goods_id=1',
  '退货地址：浙江省杭州市余杭区文一西路1000号 售后组收',
  '伊利QQ星有货，企鹅玩偶也有',
  'V领和圆领都有',
  '垃圾袋加厚款',
  '滚筒洗衣机专用',
  '坚果的最佳赏味期是三个月',
  '平台不允许加微信，在这里沟通就好',
  '我们没有好评返现活动',
  '能不能给个真实评价呀，谢谢',
  '您可以联系平台客服核实',
  '退款会退到您的微信零钱',
];

describe.each(Object.entries(POSITIVES))('%s', (category, samples) => {
  it.each(samples)('finds %s', (text) => {
    expect(categories(text)).toEqual([category]);
  });

  it("stays quiet on the other categories' positives", () => {
    for (const [other, texts] of Object.entries(POSITIVES)) {
      if (other === category) continue;
      for (const text of texts) expect({ text, found: categories(text) }).toEqual({ text, found: [other] });
    }
  });

  it('stays quiet on the hard negatives', () => {
    for (const text of HARD_NEGATIVES) expect({ text, found: categories(text) }).toEqual({ text, found: [] });
  });
});

describe('disguise families', () => {
  // [family, message, category, the span as typed]
  const cases: [string, string, Category, string][] = [
    ['separators', '加我 微 信 kefu_88', 'off-platform-contact', '加我 微 信 kefu_88'],
    ['separators', '好~评~返~现', 'review-inducement', '好~评~返~现'],
    ['separators', '138-0000-3333', 'off-platform-contact', '138-0000-3333'],
    ['separators', '微💗信 kefu_22', 'off-platform-contact', '微💗信 kefu_22'],
    ['separators', '加vx\u200bkefu99', 'off-platform-contact', '加vx\u200bkefu99'],
    ['homophones', '加威信 kefu_ab', 'off-platform-contact', '加威信 kefu_ab'],
    ['homophones', '好平返现', 'review-inducement', '好平返现'],
    ['homophones', '扣扣 87654321', 'off-platform-contact', '扣扣 87654321'],
    ['homophones', '煞笔', 'abuse', '煞笔'],
    ['latin-abbrev', 'vx：kefu_01', 'off-platform-contact', 'vx：kefu_01'],
    ['latin-abbrev', 'zfb转我', 'off-platform-payment', 'zfb转我'],
    ['latin-abbrev', 'hp返现', 'review-inducement', 'hp返现'],
    ['full-width', 'ＶＸ：ｓｈｏｐ１２３', 'off-platform-contact', 'ＶＸ：ｓｈｏｐ１２３'],
    ['full-width', 'ｗｗｗ．ａｂｃ．ｃｏｍ', 'third-party-link', 'ｗｗｗ．ａｂｃ．ｃｏｍ'],
    ['chinese-numerals', '电话一三八零零零零一二三四', 'off-platform-contact', '电话一三八零零零零一二三四'],
    ['chinese-numerals', '幺三八零零零零五五五五', 'off-platform-contact', '幺三八零零零零五五五五'],
    ['circled-digits', '①③⑧⓪⓪⓪⓪①②③④', 'off-platform-contact', '①③⑧⓪⓪⓪⓪①②③④'],
    ['circled-digits', 'QQ：①②③④⑤⑥⑦⑧', 'off-platform-contact', 'QQ：①②③④⑤⑥⑦⑧'],
    ['traditional', '加我微信號 kefu_tw', 'off-platform-contact', '加我微信號 kefu_tw'],
    ['traditional', '好評返現', 'review-inducement', '好評返現'],
    ['spelled-domains', 'shop88点cn', 'third-party-link', 'shop88点cn'],
    ['spelled-domains', 'abc dot com', 'third-party-link', 'abc dot com'],
  ];
  it.each(cases)('%s: %s', (_, text, category, span) => {
    const findings = run(text).findings.filter((f) => f.category === category);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    // The highlight covers what the agent typed, separators and all.
    expect(text.slice(f!.start, f!.end)).toBe(span);
    expect(f!.text).toBe(span);
  });

  // The same families, where the disguise-reading must not invent a finding.
  const negatives: [string, string][] = [
    ['separators', '我们不刷，单价十元'],
    ['separators', '尺码 150 160 170 180 都有'],
    ['homophones', '他在村里很有威信'],
    ['homophones', '卫星锅支架有货'],
    ['latin-abbrev', 'vivo手机壳，V领毛衣，TV支架'],
    ['latin-abbrev', 'wxyz 型号'],
    ['full-width', '订单号：２４０６１５－１２３４５６７８９０１２３４５'],
    ['chinese-numerals', '一二三四五件起批，三五天到'],
    ['circled-digits', '①号仓库发货，②号线地铁'],
    ['traditional', '支持微信支付（微信支付）'],
    ['spelled-domains', '下午3点com不了，明天再说'],
  ];
  it.each(negatives)('%s: %s stays quiet', (_, text) => {
    expect(run(text)).toEqual({ verdict: 'ok', findings: [] });
  });
});

describe('offsets', () => {
  it('are UTF-16 offsets in the text as typed, also after emoji', () => {
    const text = '😊😊 亲，加我 v 信：ｋｅｆｕ＿８８ 哦';
    const [f] = run(text).findings;
    expect(f).toMatchObject({ category: 'off-platform-contact', rule: 'contact.wechat' });
    expect(text.slice(f!.start, f!.end)).toBe('加我 v 信：ｋｅｆｕ＿８８');
    expect(f!.start).toBe(text.indexOf('加'));
  });

  it('order findings by position', () => {
    const text = '好评返现，加我微信 kefu_1，傻逼';
    const starts = run(text).findings.map((f) => f.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(run(text).findings.map((f) => f.category)).toEqual(['review-inducement', 'off-platform-contact', 'abuse']);
  });

  it('join overlapping findings of one category into one highlight', () => {
    const text = '我的电话13800001234';
    expect(run(text).findings).toEqual([expect.objectContaining({ start: 0, end: text.length, rule: 'contact.phone' })]);
  });
});

describe('verdict and severities', () => {
  it('is the highest severity found', () => {
    expect(run('').verdict).toBe('ok');
    expect(run('亲，在的').verdict).toBe('ok');
    expect(run('全网最低价').verdict).toBe('warn');
    expect(run('全网最低价，加我微信 kefu_1').verdict).toBe('block');
    expect(run('可能吧', { complaint: true }).verdict).toBe('tip');
  });

  it('takes each category’s severity from the settings, and off drops it', () => {
    const settings = loadComplianceSettings({ severities: { 'absolute-claim': 'block', 'off-platform-contact': 'off' } });
    expect(run('全网最低价', { settings })).toMatchObject({ verdict: 'block', findings: [{ severity: 'block' }] });
    expect(run('加我微信 kefu_1', { settings })).toEqual({ verdict: 'ok', findings: [] });
    expect(DEFAULT_COMPLIANCE_SETTINGS.severities).toEqual(DEFAULT_SEVERITIES);
  });

  it('gives every finding a reason and a suggestion in both languages', () => {
    for (const texts of Object.values(POSITIVES)) {
      for (const text of texts) {
        for (const f of run(text).findings) {
          expect(f.reason).toMatch(/\p{Script=Han}/u);
          expect(f.suggestion).toMatch(/\p{Script=Han}/u);
          expect(f.reason_en).toMatch(/^[\x20-\x7e]+$/);
          expect(f.suggestion_en).toMatch(/^[\x20-\x7e“”]+$/);
        }
      }
    }
  });
});

describe('shop words and allow-list', () => {
  const settings = loadComplianceSettings({
    shopWords: [
      { word: '竞品A', severity: 'block' },
      { word: 'Ｘ-100', severity: 'warn' },
    ],
    allowList: ['QQ星', 'vx-pro'],
  });

  it('finds the shop’s own words, normalised like the text, with their own severity', () => {
    expect(run('别买竞品a', { settings })).toMatchObject({ verdict: 'block', findings: [{ category: 'shop-word', text: '竞品a', rule: 'shop.word' }] });
    expect(run('型号 x 100 有货', { settings })).toMatchObject({ verdict: 'warn', findings: [{ category: 'shop-word', text: 'x 100' }] });
  });

  it('drops findings inside an allowed word', () => {
    expect(run('加QQ星会员群', { settings }).findings.filter((f) => f.category === 'off-platform-contact')).toEqual([]);
    expect(run('VX-PRO 耳机有货', { settings }).verdict).toBe('ok');
    expect(run('VX-PRO 耳机有货').verdict).toBe('block');
  });

  it('keeps findings that only overlap an allowed word', () => {
    expect(run('QQ星会员群，加我QQ 12345678', { settings }).verdict).toBe('block');
  });
});

describe('platforms', () => {
  it.each([
    ['pdd', 'https://mobile.yangkeduo.com/goods.html', 'https://item.taobao.com/item.htm?id=1'],
    ['taobao', 'm.tb.cn/h.abc 领券', 'https://mobile.yangkeduo.com/goods.html'],
    ['jd', 'https://item.jd.com/1.html', 'https://haohuo.jinritemai.com/x'],
    ['douyin', 'https://haohuo.jinritemai.com/x', 'https://app.kwaixiaodian.com/x'],
    ['kuaishou', 'https://app.kwaixiaodian.com/x', 'https://item.jd.com/1.html'],
  ])('%s allows its own links, not the others', (platform, own, other) => {
    expect(check(own, { platform }).verdict).toBe('ok');
    expect(check(other, { platform }).findings.map((f) => f.category)).toEqual(['third-party-link']);
  });

  it('generic allows every marketplace’s own links, nothing else', () => {
    expect(check('https://item.taobao.com/item.htm?id=1').verdict).toBe('ok');
    expect(check('https://abc.com').verdict).toBe('block');
  });

  it('reads another app as another platform, except on its own workbench', () => {
    expect(check('抖音搜我们店名', { platform: 'pdd' }).verdict).toBe('block');
    expect(check('抖音搜我们店名', { platform: 'douyin' }).verdict).toBe('ok');
  });
});

describe('complaint context', () => {
  it('turns on the denial and vagueness tips only when answering a complaint', () => {
    expect(run('不可能，我们包装很严实').verdict).toBe('ok');
    expect(run('不可能，我们包装很严实', { replyTo: '收到的杯子碎了' })).toMatchObject({
      verdict: 'tip',
      findings: [{ category: 'poor-service', text: '不可能', rule: 'service.denial' }],
    });
    expect(run('可能快递慢吧', { replyTo: '怎么还没发货' }).findings[0]).toMatchObject({ text: '可能', rule: 'service.vague' });
    expect(run('可能快递慢吧', { replyTo: '这款有红色吗' }).verdict).toBe('ok');
    expect(run('也许是操作不对', { complaint: true }).verdict).toBe('tip');
  });

  it('gives the dismissive tip in any reply', () => {
    expect(run('爱买不买').findings[0]).toMatchObject({ severity: 'tip', rule: 'service.dismissive' });
  });

  it('leaves a constructive answer to a complaint alone', () => {
    expect(run('非常抱歉，马上给您补发，不行的话给您退款', { replyTo: '东西坏了' }).verdict).toBe('ok');
  });
});

describe('negation', () => {
  it.each([
    '不要加微信哦',
    '平台禁止私下交易',
    '刷单是违规的',
    '请勿相信任何要求私下转账的人',
    '我们不会让您私下转账',
    '好评返现这种活动我们没有',
  ])('%s stays quiet', (text) => {
    expect(run(text).verdict).toBe('ok');
  });

  it('does not read an A-not-A question as a negation', () => {
    expect(run('能不能改成好评呀').verdict).toBe('block');
  });

  it('does not negate insults', () => {
    expect(run('我不是说你傻逼').verdict).toBe('block');
  });
});

describe('split messages', () => {
  it('holds the message that completes a contact sent in pieces, highlighting the part typed now', () => {
    const r = check('kefu2024', { platform: 'pdd', history: ['v', 'x'] });
    expect(r.verdict).toBe('block');
    expect(r.findings.map((f) => [f.category, f.text])).toEqual([['off-platform-contact', 'kefu2024']]);
    expect(check('kefu2024', { platform: 'pdd' }).verdict).toBe('ok');
  });

  it('does not repeat what the earlier messages held on their own', () => {
    expect(check('好的亲', { platform: 'pdd', history: ['加我微信 kefu_88'] }).verdict).toBe('ok');
  });
});

describe('warnings and rules quoted', () => {
  it('lets an agent warn the buyer about a scam, keeping the words as a tip', () => {
    const r = run('正规的平台客服不会要您把钱转到安全账户，遇到请举报');
    expect(r.verdict).toBe('tip');
    expect(r.findings.map((f) => [f.category, f.severity])).toContainEqual(['impersonation', 'tip']);
    expect(run('平台客服提醒：请您把钱转到安全账户').verdict).toBe('block');
  });

  it.each(['平台不会以账户冻结为由让您转账，这种都是诈骗', '有人自称平台客服说您的白条要注销，这是骗局，别理', '客服不会索要您的验证码，请勿泄露'])('%s stays unblocked', (text) => {
    expect(run(text).verdict).not.toBe('block');
  });

  it('does not take a denial for a warning (我们不是骗子)', () => {
    expect(run('我们不是骗子，您的账户已被冻结，请按提示操作解冻').verdict).toBe('block');
  });
});

describe('absolute claims of forever, only and the lowest ever', () => {
  it.each(['永久不褪色，洗一百次都跟新的一样', '永久保修，终身免费换新', '这个价格是历史最低了', '这个手机壳是市面上最耐摔的', '这是市场上唯一一款通过这种认证的产品', '这款锅永不粘'])('%s is warned', (text) => {
    expect(categories(text)).toContain('absolute-claim');
  });

  it.each(['目前最新的款是这个', '现在最多能优惠10元', '这款最小号是S码', '最好先手洗一下', '保修期是一年'])('%s passes', (text) => {
    expect(run(text).verdict).toBe('ok');
  });
});

describe('money moved off the platform in new words', () => {
  it.each(['多付的钱我用支付宝红包还您', '补偿您20块，发个红包给你', '这单别拍了，钱直接给我就行', '我让送货的师傅直接收您现金', '云闪付扫一下这个码'])('%s is held', (text) => {
    expect(categories(text)).toContain('off-platform-payment');
  });

  it.each(['下单后平台会给您发红包', '退款原路退回给您，请注意查收', '您扫一下这个码可以查看物流'])('%s passes', (text) => {
    expect(run(text).verdict).toBe('ok');
  });
});

describe('diversion and visits in new words', () => {
  it.each([
    ['我们在五角场那边有个体验店，您周末过去看实物更放心', 'store-address'],
    ['这单你先取消，私下找我拿货，价格给你再低20', 'off-platform-payment'],
    ['您在淘宝上拍一样的，发货更快', 'off-platform-contact'],
    ['去我们网站下单吧，比这里便宜', 'off-platform-contact'],
    ['你去微店搜我们店，那边没有平台抽成', 'off-platform-contact'],
  ])('%s is %s', (text, category) => {
    expect(categories(text)).toContain(category);
  });

  it.each(['您是在淘宝上拍的吗', '在京东上看到的也是我们家的吗', '这款试穿效果很好', '官网上可以查防伪'])('%s passes', (text) => {
    expect(run(text).verdict).toBe('ok');
  });
});

describe('a marketplace misspelt by sound with one of its own characters kept', () => {
  it.each(['我们桃宝店有更多款式，去搜店名就行', '小红薯搜我们店名'])('%s is a diversion', (text) => {
    expect(categories(text)).toContain('off-platform-contact');
  });

  it.each(['掏包的时候小心', '这件是天帽同款吗'])('%s passes', (text) => {
    expect(run(text).verdict).toBe('ok');
  });

  it('asks for the buyer’s Alipay account as for a card', () => {
    expect(categories('亲，退款我给您走支付宝，您把支付宝账号发我一下')).toContain('off-platform-payment');
  });
});

describe('words reported in quotes, refusals and the courier’s phone', () => {
  it.each([
    '您朋友说的『淘宝更便宜』那家不是我们，我们只在这里开店',
    '您刚才那句『傻X客服』我们就当没看见哈',
    '按广告法，详情页里『国家级』『最高级』这些字我们都删掉了',
    '没法给您私下转账退款哦，只能走平台，钱会原路退回',
    '平台禁止引导线下交易，所以现金付款这个真帮不了您',
    '没办法跟您保证百分百有效，每个人体质不一样',
    '快递派件员电话 13700002468，您可以直接跟他约时间',
  ])('%s is not held', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });

  it.each(['你就是个『傻X』', '『全网最低价』，放心买', '有问题打我电话13700002468', '店名就叫“橙子手机壳”，去淘宝搜'])('%s still is', (text) => {
    expect(['warn', 'block']).toContain(run(text).verdict);
  });
});

describe('absolute claims and disparaging typed in pinyin', () => {
  it.each(['quan wang zui di jia le qin', 'wǒmen shì dì yī pǐn pái', '这款jue dui shi zui hao de', 'pdd tai la ji le'])('%s is found', (text) => {
    expect(['warn', 'block']).toContain(run(text).verdict);
  });
});

describe('round14-fresh6’s kinds, by general words', () => {
  it.each([
    ['我们家的蜂蜜是最纯的，绝无添加', 'absolute-claim'],
    ['你脑子瓦特了吧', 'abuse'],
    ['你家里人的电话我也有，想好了再评价', 'abuse'],
    ['这单走私单吧，价格给你最低', 'off-platform-payment'],
    ['拍下后申请仅退款，我们另外在微信上结', 'off-platform-payment'],
    ['晒单有礼，晒完联系我', 'review-inducement'],
    ['联系方式不方便在这发，看我个签', 'off-platform-contact'],
  ])('%s is %s', (text, category) => {
    expect(categories(text)).toContain(category);
  });

  it.each([
    '去死皮的磨砂膏，每周用一到两次',
    '如对处理结果不满意，可以在订单页申请拼多多官方介入',
    "您说的那个'淘宝官方小二'打来的电话是假的，淘宝不会打电话要求您转账",
  ])('%s is not held', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });
});

describe('a warning tells of the act, unless it holds the real thing', () => {
  it.each([
    '如有人冒充我们店让您扫码领补偿，请及时举报',
    '您刚才提到对方让您转账到银行卡，这是典型诈骗，请立即停止并报警',
    '平台禁止商家提供实体店地址引导线下交易，所以我们只能在线上为您服务',
    '不要扫陌生人的二维码加好友',
  ])('%s is not held', (text) => {
    expect(run(text).verdict).not.toBe('block');
  });

  it('still holds an id, a number or an insult inside a warning', () => {
    expect(run('平台客服不会帮你，直接加我微信 abc_12345').verdict).toBe('block');
    expect(run('谨防骗子，有事打我电话 13900001234').verdict).toBe('block');
    expect(run('骗子才给差评，你个傻逼').verdict).toBe('block');
  });
});

describe('declining to give a contact', () => {
  it.each(['不好意思没有微信，有事这边说', '私下没有微信的，都在平台聊'])('%s stays quiet', (text) => {
    expect(run(text).verdict).toBe('ok');
  });
});

describe('insults half typed in pinyin', () => {
  it.each(['去si吧你', '你个蠢huo', '王八dan东西'])('%s is abuse', (text) => {
    expect(categories(text)).toContain('abuse');
  });

  it('reads only the insult’s own characters around the pinyin', () => {
    expect(run('这款sha发很舒服').verdict).toBe('ok');
    expect(run('尺码选si码就好').verdict).toBe('ok');
  });
});

describe('pinyin with tones typed as digits, and with a channel’s letters inside', () => {
  it.each(['wei1 xin4 hao4: lucky_2088，jia yi xia', 'QQ hao: qi si yi ling ling er wu ba jiu', 'jia ge QQ ba, hao lian xi', 'wo shi pdd guanfang de ren'])('%s is held', (text) => {
    expect(run(text).verdict).toBe('block');
  });

  it('reads each message on its own: what was read before never changes a result', () => {
    const texts = ['rnm，退钱是不可能的', 'ni ma de sha bi', 'qqhao:741002589', 'kefu12345', 'wo shi pdd guanfang de ren', 'lucky_2088 发货了', 'xiaoqi ni hao'];
    const alone = texts.map((t) => JSON.stringify(run(t)));
    for (const before of texts) {
      texts.forEach((t, i) => {
        run(before);
        expect(JSON.stringify(run(t))).toBe(alone[i]);
      });
    }
  });

  it.each(['qq飞车点券充值秒到', '尺码是 m1 号', 'kefu12345 是订单备注'])('%s passes', (text) => {
    expect(run(text).verdict).not.toBe('block');
  });
});

describe('insults in dialect, abbreviations and English', () => {
  it.each(['你是nt吗', 'jb玩意', '沙雕', '瓜娃子', '智商欠费了吧', 'idiot', 'f**k you', '爬！', '老子不卖了'])('%s is abuse', (text) => {
    expect(categories(text)).toContain('abuse');
  });

  it.each(['土鳖虫10克', '变态辣鸡翅', '西瓜皮很厚', '这个二货架很结实', '小猪一样可爱的抱枕', '我们这边爬楼送货要加钱吗'])('%s passes', (text) => {
    expect(run(text).verdict).toBe('ok');
  });
});

describe('insults in pictographs and homophones', () => {
  it.each(['🐶东西，爱买不买', '你🐎死了，天天来找事', '你个🐷', '神经兵一个'])('%s is abuse', (text) => {
    expect(categories(text)).toContain('abuse');
  });

  it.each(['可爱的🐶狗窝，包邮', '🐎上发货哦', '今天去购东西', '这个价格二百五十元', '🐷猪存钱罐有现货'])('%s passes', (text) => {
    expect(run(text).verdict).toBe('ok');
  });
});

describe('a code to scan, sent in words', () => {
  it.each(['扫一下我发的二维码加我好友', '长按识别图中二维码进群领福利', '扫我的收款码付款就行'])('%s is a QR-code finding', (text) => {
    expect(categories(text)).toContain('qr-code');
    expect(run(text).verdict).toBe('block');
  });

  it.each(['扫描包装上的二维码可以查看防伪信息', '扫快递单上的二维码就能查物流', '用拼多多APP扫码领券', '我们的店铺二维码在首页，扫码可以关注店铺'])('%s passes', (text) => {
    expect(run(text).verdict).toBe('ok');
  });
});

describe('threats of harm to the buyer', () => {
  it.each(['再差评我让你身败名裂', '不改评价你全家都别想安宁', '走夜路的时候小心点'])('%s is abuse', (text) => {
    expect(categories(text)).toContain('abuse');
  });
});

describe('scam scripts and requests for secrets', () => {
  it.each([
    '您的账号已被冻结，需要转账到指定账户解冻',
    '您开通的会员每月扣费，需要按提示操作关闭',
    '发货前需要先缴纳认证费',
    '请回复您收到的短信验证码',
  ])('%s is impersonation', (text) => {
    expect(categories(text)).toContain('impersonation');
  });

  it.each(['运费险理赔由平台处理，不用您操作', '验证码不要告诉任何人哦'])('%s stays quiet', (text) => {
    expect(run(text).verdict).toBe('ok');
  });
});

describe('diversion without a link', () => {
  it('finds a search for a quoted shop name right after another marketplace', () => {
    expect(categories('您直接淘宝搜“小鹿家居”就行')).toEqual(['off-platform-contact']);
    expect(run('淘宝搜不到我们的店').verdict).toBe('ok');
  });

  it('takes an order asked for in another shop as a payment off the platform too, not a search alone', () => {
    expect(categories('别在这拍了，去淘宝搜我们店名下单')).toEqual(['off-platform-contact', 'off-platform-payment']);
    expect(categories('您直接淘宝搜“小鹿家居”就行')).toEqual(['off-platform-contact']);
    expect(run('平台规定不能引导您去淘宝下单，请在本店拍').verdict).not.toBe('block');
  });

  it('finds the brand’s own site or mini program as a place to order', () => {
    expect(categories('您去我们官网下单更便宜')).toEqual(['off-platform-contact', 'off-platform-payment']);
    expect(run('可以去官网查询防伪码').verdict).toBe('ok');
  });

  it('finds cash handed over outside the platform, not a refusal of it', () => {
    expect(categories('到了给师傅现金就行')).toEqual(['off-platform-payment']);
    expect(run('我们不收现金，都在平台付款').verdict).toBe('ok');
  });

  it('reads a pick-up from the warehouse as a visit, a return to it as none', () => {
    expect(categories('着急的话来仓库自取，地址嘉定区曹安公路2000号')).toContain('store-address');
    expect(run('退货寄到仓库：嘉定区曹安公路2000号').verdict).toBe('ok');
  });
});

describe('diversion: what is told of, and what still sends', () => {
  it('does not take a purchase or a search told of for a diversion', () => {
    expect(run('您在淘宝买的那单我们查不到，这边只能查本店的订单').verdict).toBe('ok');
    expect(run('京东上卖的是旧款，我们这是新款').verdict).toBe('ok');
    expect(categories('京东那边买的话更便宜，搜我们店名')).toEqual(['off-platform-contact', 'off-platform-payment']);
  });

  it('reads 要不 as "how about", not as a negation', () => {
    expect(categories('您要不去淘宝拍吧，我们那边便宜')).toEqual(['off-platform-contact', 'off-platform-payment']);
  });

  it('lets a marketplace word like 京东自营 through unless the buyer is sent there', () => {
    expect(run('京东物流发货，有现货').verdict).toBe('ok');
    expect(categories('京东自营店有现货，您去那边下单更快')).toEqual(['off-platform-contact', 'off-platform-payment']);
  });
});

describe('pinyin typed with spaces', () => {
  it.each(['ni nao can ba', 'wo zhi dao ni zhu na'])('reads %s syllable by syllable as typed', (text) => {
    expect(categories(text)).toContain('abuse');
  });
});

describe('review changes paid for', () => {
  it('finds a deleted bad review paid for across the agent’s messages', () => {
    expect(check('删了我给你补偿20块', { platform: 'pdd', history: ['差评删了吧亲'] }).verdict).toBe('block');
    expect(check('我们给您补偿20块', { platform: 'pdd', history: ['您好'] }).verdict).toBe('ok');
  });
});

describe('profile pointers: a place of the profile and a contact, or an invitation to look there', () => {
  it.each([
    ['看下我朋友圈，更多款式都在那', '您可以把商品链接分享到朋友圈'],
    ['我们店铺简介里留了售后电话，您打那个', '麻烦把收件人名字和电话核对一下'],
    ['我的个人主页有我的vx', '进店铺首页可以看到其他款式'],
    ['具体私聊，资料卡上有', '具体尺码在详情页，您看一下'],
  ])('finds %s, lets %s through', (caught, passes) => {
    expect(categories(caught)).toContain('off-platform-contact');
    expect(run(passes).verdict).not.toBe('block');
  });

  it('lets through a pointer that the agent warns about', () => {
    expect(run('看到头像里留联系方式的店铺要小心，那是违规的').verdict).not.toBe('block');
    expect(run('头像里留了联系方式，加一下').verdict).toBe('block');
  });
});

describe('a review paid for, in either order and in homophones', () => {
  it.each([
    ['给个好平，返两元', '给个好评，谢谢亲'],
    ['评价完发给我看看，给你补点零花钱', '评价是您的权利，按实际感受写就行'],
    ['晒买家秀返三元', '买家秀里的颜色和实物一样'],
    ['追加评论送运费险补贴', '追加评论可以上传视频哦'],
  ])('finds %s, lets %s through', (caught, passes) => {
    expect(categories(caught)).toContain('review-inducement');
    expect(run(passes).verdict).toBe('ok');
  });

  it('takes 都是违规 after a reward for a review as a rule quoted', () => {
    expect(run('别人说给五星就返钱的，都是违规操作').verdict).toBe('ok');
    expect(categories('给五星就返钱的，截图发我')).toContain('review-inducement');
  });
});

describe('impersonation in plain words and in pinyin', () => {
  it.each([
    ['本人是拼多多总部的，专门负责纠纷', '本人是店铺的售后，专门负责纠纷'],
    ['我是平台仲裁部门的，这个纠纷我来判', '平台仲裁的结果出来后我们会配合'],
    ['以平台的名义通知您，本次退款需要您先确认', '平台的退款通知您应该已经收到了'],
    ['wo shi ping tai guan fang ke fu', 'wo shi dian pu ke fu'],
    ['我是平台的人，您的订单我来处理', '我是店里的人，您的订单我来处理'],
    ['wo shi tian mao guan fang ke fu', '我们是平台认证的商家'],
    ['我是平台的，您的订单需要核实', '我们是平台的金牌店铺'],
  ])('finds %s, lets %s through', (caught, passes) => {
    expect(categories(caught)).toContain('impersonation');
    expect(run(passes).verdict).toBe('ok');
  });

  it('finds a notice in the platform’s name, and lets a warning about one through', () => {
    expect(categories('【抖音官方】您的保证金即将被扣除，请尽快联系专员处理')).toContain('impersonation');
    expect(run('如有人以平台名义让您缴纳保证金，请立即举报').verdict).not.toBe('block');
  });
});

describe('threats, insults and claims in new phrasings', () => {
  it.each([
    ['我认识你们小区的人，别太嚣张', '我们小区门口有快递柜'],
    ['我把你的信息发给所有同行', '我们把您的信息发给快递了'],
    ['删掉差评，不然你的个人信息明天就满网都是', '您的个人信息我们会保密'],
  ])('finds the threat %s, lets %s through', (caught, passes) => {
    expect(categories(caught)).toContain('abuse');
    expect(run(passes).verdict).not.toBe('block');
  });

  it.each([
    ['你个沙雕，自己不会看吗', '这个沙发垫不会起球'],
    ['闭嘴，烦死了', '闭合拉链后再清洗'],
  ])('finds the insult %s, lets %s through', (caught, passes) => {
    expect(categories(caught)).toContain('abuse');
    expect(run(passes).verdict).toBe('ok');
  });

  it.each([
    ['全球首款这种面料', '这是今年首款秋装'],
    ['效果第一，没有之一', '第一次用效果就不错'],
    ['质量最优，性价比之王', '性价比很高，质量也不错'],
  ])('warns of the claim %s, lets %s through', (caught, passes) => {
    expect(categories(caught)).toContain('absolute-claim');
    expect(run(passes).verdict).toBe('ok');
  });
});

describe('a warning that calls scammers what they are', () => {
  it('lowers 都是骗子 said of those posing as the platform, not of other shops', () => {
    expect(run('温馨提示：凡是自称平台客服要您转账的都是骗子').verdict).toBe('tip');
    expect(run('别家都是骗子').verdict).toBe('warn');
  });
});

describe('round 15: threats by what is done to the buyer, and authorities claimed', () => {
  it.each([
    ['敢打一星，你的照片我就发到你们业主群', '您的照片我们不会外传，放心'],
    ['你再逼逼，看你怎么办', '您再等等，看看明天能不能到'],
    ['我把你的电话号码卖给别人', '我把您的电话发给快递员了，方便派送'],
  ])('finds the threat %s, lets %s through', (caught, passes) => {
    expect(categories(caught)).toContain('abuse');
    expect(run(passes).verdict).not.toBe('block');
  });

  it.each([
    ['我这边是快递理赔中心的，给您办理赔付', '快递丢件的话我们这边给您申请理赔'],
    ['这里是市场监管局，请配合调查', '如有疑问可以拨打市场监管局的电话咨询'],
    ['平台提示您的账号异地登录，请按我的指引操作', '您按说明书的步骤操作一下就能配网'],
    ['系统显示您的花呗每月会从您账户扣费，需要关闭', '花呗分期的话平台每月会自动还款'],
  ])('finds the scam %s, lets %s through', (caught, passes) => {
    expect(categories(caught)).toContain('impersonation');
    expect(run(passes).verdict).not.toBe('block');
  });
});

describe('round 15: reviews changed for something, and stars in a row', () => {
  it.each([
    ['您撤销一下中评，我这边补偿您10元', '中评我们已经看到了，会改进包装'],
    ['确认收货后给个⭐⭐⭐⭐⭐，截图领五元券', '⭐新品上市⭐ 今天下单送运费险'],
  ])('finds %s, lets %s through', (caught, passes) => {
    expect(categories(caught)).toContain('review-inducement');
    expect(run(passes).verdict).toBe('ok');
  });

  it('still reads a lone star as a separator', () => {
    expect(categories('⭐微⭐信⭐：shop_after88')).toContain('off-platform-contact');
  });
});

describe('round 15: tokens, pinyin read as words, and answers that say no', () => {
  it.each([
    ['【淘宝】 5💰tB3mQ8sLp1💰 复制整段打开', 'third-party-link', '订单号#A123456#请核对一下'],
    ['👉 ￥ Cw6 Tz9 Ep2 ￥ 👈 复制整条，打开📱淘宝', 'third-party-link', '型号 *SN12345* 的配件有货'],
    ['打开闲鱼搜这个码：【XY88KK2】', 'third-party-link', '您的取件码是【A1B2C3】，到驿站取'],
    ['wo men shi ti dian zai wen san lu 88 hao', 'store-address', 'wo men mei you shi ti dian'],
    ['zhuan dao wo yin hang ka', 'off-platform-payment', 'yin hang ka bu yong ti gong'],
    ['这边库存没了，微店还有几件，搜“小满童装”', 'off-platform-contact', '您在淘宝上拍的那单，店名叫“小鹿”吗？'],
    ['货到了把钱给快递小哥就行，现金', 'off-platform-payment', '运费给快递员吗？不用的，已经包邮了'],
    ['再拉5个人就能升总代', 'prohibited', '邀请好友拼单可以更便宜'],
    ['您下载一下向日葵，我远程帮您操作退款', 'impersonation', '向日葵图案的抱枕有现货'],
  ])('finds %s (%s), lets %s through', (caught, category, passes) => {
    expect(categories(caught)).toContain(category);
    // The rules' reading of the negative; the learned reader is tested in model.test.ts (it reads
    // yin hang ka … as money at p ≈ 0.95, on the edge of its threshold).
    expect(['ok', 'tip']).toContain(run(passes, { settings: { ...DEFAULT_COMPLIANCE_SETTINGS, learned: false } }).verdict);
  });

  it('reads a scam message the buyer received, quoted, as reported', () => {
    expect(['ok', 'tip']).toContain(run('您转发的那条“淘宝官方通知账户冻结”短信不是真的').verdict);
    expect(categories('淘宝官方通知：账户冻结，请联系专员')).toContain('impersonation');
  });

  it('takes a return warehouse for a return address, and a visit it cannot arrange as declined', () => {
    expect(run('售后仓地址：河北省廊坊市固安县工业园区南区8号 刘女士 13500003456，顺丰中通都可以').verdict).toBe('ok');
    expect(run('上门看货我们这边安排不了，可以给您拍实物视频').verdict).toBe('ok');
    expect(run('加QQ吧，平台不允许发图').verdict).toBe('block');
  });
});

describe('round 15: ids between separators, over lines and in pictures', () => {
  it.each([
    ['q*q：2*0*0*0*0*1*3*5*7*9', '您的手机号138****5678已登记'],
    ['有事qq我，20000156', '平台会扣我们的保证金'],
    ['邮\n箱\nann.kf@\nqq.com\n发这里', '发票开好后\n会发到您的订单里'],
    ['详情页最后一张图右下角有我号，加一下', '详情页最后一张图是尺码表，您看下'],
    ['客服名字那里括号里的就是手机号', '您的电话在订单里，括号里是收件人'],
    ['ks同名店铺，直接搜', '尺码选ks还是m'],
  ])('finds %s, lets %s through', (caught, passes) => {
    expect(categories(caught)).toContain('off-platform-contact');
    expect(['ok', 'tip']).toContain(run(passes).verdict);
  });

  it('reads a word in characters typed next to pinyin with it', () => {
    expect(categories('我是pin duo duo guan fang ke fu，您的订单有异常')).toContain('impersonation');
    expect(run('我是店铺客服，您的订单有异常我帮您查').verdict).toBe('ok');
  });
});

describe('round 15: a message that completes the last one', () => {
  it.each([
    [['加个QQ吧'], '2000013579', 'off-platform-contact'],
    [['链接发您', 'www.qingmu'], '-shop.cn', 'third-party-link'],
    [['复制下面这串去某宝搜'], 'Hq3Ws9Ed7R', 'third-party-link'],
  ])('after %j, finds %s', (history, text, category) => {
    const result = check(text, { history });
    expect(result.findings.map((f) => f.category)).toContain(category);
    expect(result.verdict).toBe('block');
  });

  it('lets an order number through after a declined contact', () => {
    expect(check('2023120188 是您的订单号吗', { history: ['不能加微信哦，平台聊就行'] }).verdict).toBe('ok');
    expect(check('SF1234567890 是您的快递单号', { history: ['微信支付也可以的'] }).verdict).toBe('ok');
  });
});

describe('round 15: declines and the buyer’s words told back', () => {
  it.each([
    ['微信我们这边不方便加，有问题您直接在这里说就行', '微信我，发你图'],
    ['现金交易不了哈，只能平台下单', '现金交易更便宜哈'],
    ['您说的支付宝扫码，我们这边不支持', '您说的对，加我微信吧'],
  ])('lets %s through, finds %s', (passes, caught) => {
    expect(['ok', 'tip']).toContain(run(passes).verdict);
    expect(run(caught).verdict).toBe('block');
  });
});

describe('round 16: the platform’s own groups and after-sales, and reviews paid in kind', () => {
  it.each([
    ['群的话只有抖音里的店铺粉丝群哈，店铺主页就能申请加入', 'douyin'],
    ['天猫官方售后会跟进，您在订单里点“申请售后”就好', 'tmall'],
    ['天猫超市有我们的小包装，满 88 包邮', 'tmall'],
    ['咱不留电话，老铁有啥事快手上说，我天天在', 'kuaishou'],
    ['这款加长V领打底衫，里面搭吊带都好看', 'pdd'],
    ['广告法不让用“国家级”“最高级”这样的词，我只能说通过了新一级能效认证', 'jd'],
  ])('lets %s through on %s', (text, platform) => {
    expect(['ok', 'tip']).toContain(check(text, { platform }).verdict);
  });

  it.each([
    ['亲，五⭐+带图，截图过来有🧧', 'review-inducement'],
    ['改个好评，我再给你补发一斤', 'review-inducement'],
    ['亲亲 好评+带图=再来一份半价✨', 'review-inducement'],
    ['加V领红包', 'off-platform-contact'],
    ['您的京东账户被冒用办理了贷款，请先下载一个云会议 App', 'impersonation'],
  ])('finds %s', (text, category) => {
    expect(categories(text)).toContain(category);
  });
});

describe('round 17: fresh-7’s kinds, by general rules', () => {
  it.each([
    ['差的30块运费打这张卡上：6222 0000 0000 0009 户名张小明', 'off-platform-payment', '订单金额 6222 0000 0000 0009 元是系统显示的吗'],
    ['sao yi xia tu li de er wei ma jin qun', 'qr-code', 'sao ma cha kan wu liu xin xi'],
    ['wei1xin4: meihao668', 'off-platform-contact', 'mei hao de yi tian'],
    ['打开得物，粘贴口令 DW#8XkQ2 就能跳到我们鞋子', 'third-party-link', '型号DW-8XK的鞋盒在包裹里'],
    ['您多付的钱我用云闪付转回去哈', 'off-platform-payment', '您多付的钱平台会原路退回'],
    ['充电宝里容量最大的就是这款了，续航天花板', 'absolute-claim', '这款充电宝容量是两万毫安'],
    ['这边是拼多多商家保障部，您的订单需要重新认证身份', 'impersonation', '这边是店铺售后，您的订单我来跟进'],
    ['不改好评就每天给你寄一箱空包裹', 'abuse', '您的包裹明天送到'],
  ])('finds %s (%s), lets %s through', (caught, category, passes) => {
    expect(categories(caught)).toContain(category);
    expect(['ok', 'tip']).toContain(run(passes).verdict);
  });

  it('takes a 400 hotline and a numbered warehouse in a park for a return address', () => {
    expect(run('寄回仓库：河北省廊坊市广阳区万庄镇物流园一号仓 退货组 电话400-000-1234').verdict).toBe('ok');
    expect(run('您要自己寄回的话：天津市武清区京滨工业园C区2号 售后 15000001212').verdict).toBe('ok');
    expect(run('有问题打我电话 15000001212').verdict).toBe('block');
  });
});

describe('round 18: complaints answered badly, threats to the family, claims and quotes corrected', () => {
  it.each([
    ['毛衣洗了一次就起球了，什么质量', '这个正常，你自己洗的方法不对', '这个起球可以用去球器处理，我给您寄一个'],
    ['收到的杯子碎了两个', '快递弄的，你找快递去', '非常抱歉，我马上给您补发两个'],
    ['奶粉罐子凹进去一大块', '不影响喝，介意就别买', '抱歉，给您换一罐新的'],
  ])('after 「%s」 tips %s, not %s', (buyer, caught, passes) => {
    expect(check(caught, { replyTo: buyer }).findings.map((f) => f.category)).toContain('poor-service');
    expect(check(passes, { replyTo: buyer }).verdict).toBe('ok');
  });

  it.each([
    ['xiao xin dian ni de jia ren', '您的家人也可以用这款'],
    ['你的个人信息可都在我手里', '你的订单我这边都能查到'],
    ['你已经被我们共享到全网商家黑名单了', '您已经是我们的老客户了'],
  ])('finds the threat %s, lets %s through', (caught, passes) => {
    expect(categories(caught)).toContain('abuse');
    expect(run(passes).verdict).toBe('ok');
  });

  it.each([
    '亲，“好评返现”这种我们店不做的，平台查到要处罚',
    '“永久保修”这个说法是不对的，保修期是一年',
    '之前那个让您“加企鹅群领补偿”的人不是我们',
    '您问能不能线下交易，不好意思这个不支持的哦',
    '全部走平台发货的',
    '发票号码 08823657，开票日期 2024-05-20',
    'WX-300 加湿器现在有货',
    '维修寄回：广东省中山市古镇镇东岸北路灯都大厦旁 明亮灯饰售后 许工 15300004812',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });

  it.each([
    ['永久保色，洗一百次都不会掉', 'absolute-claim'],
    ['绝对不会过敏，孕妇宝宝都能放心用', 'absolute-claim'],
    ['麻烦亲把评价改成5⭐，我这边马上给您返现', 'review-inducement'],
    ['不走平台，直接转我', 'off-platform-payment'],
    ['WX kefu_88 加我', 'off-platform-contact'],
  ])('finds %s', (text, category) => {
    expect(categories(text)).toContain(category);
  });
});

describe('round 19: fresh-8’s kinds, by general rules', () => {
  it.each([
    ['shou ji 13800009876 zhi jie lian xi wo', 'off-platform-contact', 'SF13800009876 是您的快递单号'],
    ['QQ：Ⅲ Ⅶ Ⅴ Ⅱ Ⅰ Ⅷ Ⅸ', 'off-platform-contact', '第Ⅲ章的说明书在包装里'],
    ['老铁 你手机刚收到个六位数字没，念给我听一下', 'impersonation', '收到没？有问题随时说'],
    ['老铁这单退你一半，我转你QQ钱包', 'off-platform-payment', '退款会原路退回您的QQ钱包'],
    ['宝贝 我粉丝团名字就是我的薇 复制去搜', 'off-platform-contact', '加入粉丝团可以领店铺券'],
    ['这个锅100%不粘，用十年都不会坏', 'absolute-claim', '这个锅是不粘涂层，注意别用钢丝球'],
    ['我们有你的收货地址，别逼我们', 'abuse', '我们有你要的尺码，放心拍'],
  ])('finds %s (%s), lets %s through', (caught, category, passes) => {
    expect(categories(caught)).toContain(category);
    expect(['ok', 'tip']).toContain(run(passes).verdict);
  });

  it.each([
    '这款是单车链条清洁刷，也可以用来刷单车轮毂',
    '老铁 你看到的「加V领福利」不是咱家发的，咱不搞这个',
    '笨死了我，又把您的门牌号抄错了，马上改过来',
    '开票信息：抬头**科技有限公司，税号9144**********12X，您确认一下',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });
});

describe('round 20: scans for a benefit, places on the goods, quotes in ASCII marks', () => {
  it.each([
    ['说明书背面有个码，您用手机扫一下，会有专人给您退差价', 'qr-code', '这款电饭煲支持微信扫码配网，手机上就能预约'],
    ['快递盒上贴的那张黄色便签有我号，收到记得加', 'off-platform-contact', '快递盒上贴的是面单，有您的订单号'],
    ['gzh搜"暖居家居"，关注后私信我', 'off-platform-contact', '公众号文章里有使用教程'],
    ['某东自营也没啥保障，我们家比他们靠谱多了', 'disparaging', '京东自营的发京东快递'],
  ])('finds %s (%s), lets %s through', (caught, category, passes) => {
    expect(categories(caught)).toContain(category);
    expect(['ok', 'tip']).toContain(run(passes).verdict);
  });

  it.each([
    "刚才您问能不能'加Q'，这个真不行，所有售后都在天猫这边处理",
    "'最高级''最佳'这种词我们详情页都删了，广告法有规定的",
    '私人群没有哈，抖音里有店铺粉丝群，在店铺主页就能加',
    '旺仔QQ糖加水果软糖的混装大礼包',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });
});

describe('round 21: visits, notices and places of a contact, in new words', () => {
  it.each([
    ['您在广州的话可以来白云区的仓库自提，省运费', 'store-address', '仓库已经发货了，您注意查收'],
    ['普洱茶仓在勐海县城，路过可以来喝两泡', 'store-address', '我们没有门店，来这里下单就行'],
    ['抖音小店官方审核组：您提交的差评已被判定为恶意评价', 'impersonation', '您提交的售后申请我们审核通过了'],
    ['我这边是税务局的，您开的这张发票需要核对一下', 'impersonation', '发票开好后会发到您的订单里'],
    ['包裹里那张感谢信背面有手机号，以后买茶直接找我', 'off-platform-contact', '型号 A2849，序列号在包装背面'],
  ])('finds %s (%s), lets %s through', (caught, category, passes) => {
    expect(categories(caught)).toContain(category);
    expect(['ok', 'tip']).toContain(run(passes).verdict);
  });

  it.each([
    '直接来厂里拿货？抱歉不接受上门提货，只发快递',
    '太委屈了亲，我们真的没有发空包，仓库监控都拍着呢，我调出来给您看',
    '不好意思漏发了，单独给您补寄一包螺丝，明天就发',
    '加好友这个真没法加，平台不允许，有事直接找我',
    'VX系列后视镜，型号VX-88，对应车型看图片',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });
});

describe('product words that hold a contact’s letters or a weapon’s characters', () => {
  it.each(['这款加V领的毛衣', '加Q弹的果冻', '这款扫码枪支持二维码', '支持扫码支付的收银机', 'vx7型号手表'])('lets %s through', (text) => {
    expect(run(text).verdict).toBe('ok');
  });

  it.each(['加V领红包', 'vx7 加我'])('still finds %s', (text) => {
    expect(categories(text)).toContain('off-platform-contact');
  });
});

describe('round 23: names called, threats by allies, claims and disparaging in more words', () => {
  it.each([
    ['你个铸币，地址都填不对', 'abuse', '这枚纪念币的铸币工艺是精铸'],
    ['跟个巨婴似的，什么都要人教', 'abuse', '这款婴儿车适合0到3岁的宝宝'],
    ['文盲一个，说明书写得清清楚楚', 'abuse', '这是傻瓜式操作，插电就能用'],
    ['伞兵一个，懒得回你', 'abuse', '伞兵靴有现货，42码'],
    ['我兄弟就在你们那片，你自己掂量', 'abuse', '我们仓库就在你们那片，明天能到'],
    ['差评不删，咱们慢慢玩', 'abuse', '这款桌游可以全家一起慢慢玩'],
    ['别家的东西也就那样，谁买谁后悔', 'disparaging', '别家的我们不评价，您对比参数就好'],
    ['这款是学生党天花板，闭眼入', 'absolute-claim', '吸顶灯装在天花板上，带安装配件'],
    ['售后卡上有个二维码，扫一下就能找到我', 'qr-code', '售后卡上有保修期限，扫码可以查真伪'],
  ])('finds %s (%s), lets %s through', (caught, category, passes) => {
    expect(categories(caught)).toContain(category);
    expect(['ok', 'tip']).toContain(run(passes).verdict);
  });

  it.each([
    '“永久不掉色”这个我们没法承诺，正常洗护一年没问题',
    '您说的“全网第一”，这个我们不能写',
    '这个饭盒可以微波炉加热，记得把盖子打开',
    '万能胶粘木头和塑料都可以',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });
});

describe('a shop’s name to search for elsewhere, unquoted', () => {
  it.each(['tb有同款，搜木子家居', 'xhs搜 木子家纺官方号 那边有客服', '小红书搜小鹿童装就是我们'])('finds %s', (text) => {
    expect(categories(text)).toContain('off-platform-contact');
  });

  it.each(['淘宝搜到的那家不是我们', '京东搜同款的话会贵一些', '这个搜索框可以输入店铺名'])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });
});

describe('quotes in a list, officials by title, product names', () => {
  it.each([
    '平台明确规定不能"线下交易"和"私下转账"，咱们都走平台',
    'Nike SB Dunk 这双42码有货',
    '这是沙雕风的手机壳，图案很搞笑',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });

  it.each([
    ['我们可以"线下交易"和"私下转账"', 'off-platform-payment'],
    ['我是抖音小店官方审核员，您这单要重新核实', 'impersonation'],
    ['差评不改，以后我都盯着你', 'abuse'],
  ])('finds %s (%s)', (text, category) => {
    expect(categories(text)).toContain(category);
  });
});

describe('round 24: a superlative whatever its adjective, cures promised, effects without limit', () => {
  it.each([
    ['这款围巾是我们家最保暖的', '围巾最好冷水手洗，别用热水'],
    ['手机壳我们做得最防摔', '最快明天就能到，最多两天'],
    ['zui好的羊绒衫就是这件', '哪款最适合您呢？我帮您挑'],
    ['你放心，这是最顺滑的面料', '你是今天遇到的最暖心的客人'],
    ['枇杷膏能治咳嗽，比糖浆还灵', '咳嗽得厉害的话建议去医院看看'],
    ['苦荞茶可以降血压，老人天天喝', '这款茶叶是普通食品，不能代替药物'],
    ['减肥茶绝对不反弹', '正常洗涤一般不会掉色，掉色可以退'],
    ['驱蚊液驱蚊率100%', '30天价保，降价了可以申请'],
  ])('warns on %s, lets %s through', (claim, fine) => {
    expect(categories(claim)).toContain('absolute-claim');
    expect(['ok', 'tip']).toContain(run(fine).verdict);
  });

  it.each([
    '最大承重150斤，最低温度零下10度',
    '原包装有的话最好用原包装寄回',
    '“最”字我们不敢乱用，只能说这款卖得还不错',
    '抱歉同事刚才说了“最好的”，用词不严谨',
    '“降血压”是药品才能宣传的，我们这个是普通食品',
    '“加个QQ”就不用啦，在这里聊也有记录',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });
});

describe('round 24: shops in a market by its trade, platforms as their officials', () => {
  it.each([
    ['展厅在佛山乐从家具城，样品都能看', 'store-address'],
    ['手机可以到华强北我们的柜台来当面验货', 'store-address'],
    ['这里是抖音电商官方，您的评价已被判定违规', 'impersonation'],
    ['抖音这个平台抽成黑得要命', 'disparaging'],
  ])('finds %s (%s)', (text, category) => {
    expect(categories(text)).toContain(category);
  });

  it('lets the platform’s own mall through', () => {
    expect(['ok', 'tip']).toContain(run('您可以在抖音商城搜店铺名找到我们', { platform: 'douyin' }).verdict);
  });
});

describe('round 25: goods sold under the counter, codes to the shop’s own app, service brushed off', () => {
  it.each([
    ['弩也有，钢珠的，不走这个链接，价格另外说', 'prohibited', '弹弓玩具是塑料的，适合8岁以上'],
    ['灰鹦鹉有，没证的便宜一半', 'prohibited', '鹦鹉螺化石摆件，有证书'],
    ['不实名的手机卡我们也有', 'prohibited', '手机卡需要实名认证后才能用'],
    ['扫码入会送五十积分，码就在包装袋背面', 'qr-code', 'QQ音乐会员兑换码已发送到订单里'],
    ['外箱贴纸上有个二维码，扫进去是我们自己的售后小程序', 'qr-code', '用淘宝app扫一扫包装上的码可以查真伪'],
  ])('finds %s (%s), lets %s through', (caught, category, passes) => {
    expect(categories(caught)).toContain(category);
    expect(['ok', 'tip']).toContain(run(passes).verdict);
  });

  it.each([
    ['物流的事我们也管不了，您再等等吧', '都五天了物流还没动，能不能帮我催一下'],
    ['开发票要排队的，您催也没用', '我要的发票一直没开'],
  ])('tips on %s answering %s', (reply, buyer) => {
    expect(categories(reply, { replyTo: buyer })).toContain('poor-service');
  });

  it.each([
    '亲，私下转账不支持的，您在页面领券下单',
    '抱歉哈，我们只能在平台下单付款，货到给现金这种不做的',
    '维修寄这里：深圳市宝安区某某路46号 维修组，不要寄平邮',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });
});

describe('round 26: visits by how the sentence is built, service brushed off, goods by street names', () => {
  it.each([
    ['来实体店买吧，比线上便宜', 'store-address', '仓库来货了明天就发'],
    ['鸡蛋是自家养的，来鸡场看看就知道', 'store-address', '明天到仓库就发出'],
    ['样品都在展厅，展厅在厦门湖里区', 'store-address', '展厅里的样品都是实拍图'],
    ['干货在市场B区12号摊位，来了直接尝', 'store-address', '这款是12号色，偏暖'],
    ['要飞叶子的话另外问我', 'prohibited', '这款溜冰鞋适合初学者'],
    ['您把邮箱发我，我发电子版给您', 'off-platform-contact', '电子版说明书在商品详情页可以下载'],
  ])('finds %s (%s), lets %s through', (caught, category, passes) => {
    expect(categories(caught)).toContain(category);
    expect(['ok', 'tip']).toContain(run(passes).verdict);
  });

  it.each([
    ['才三个而已，这点事也要找', '鸡蛋碎了三个'],
    ['下单前不看清楚，现在找我有什么用', '刹车片型号不对，装不上'],
    ['这不是回你了吗，急什么', '我问了三遍了你们都不回'],
  ])('tips on %s answering %s', (reply, buyer) => {
    expect(categories(reply, { replyTo: buyer })).toContain('poor-service');
  });

});

describe('round 27: pictographs for characters, mini program links, payment by top-up', () => {
  it.each([
    ['差评？🔪等着', 'abuse'],
    ['你🐴没教过你怎么说话？', 'abuse'],
    ['🍑宝搜同名店，那边包邮', 'off-platform-contact'],
    ['#小程序://优选好物/aB3dE5 直接下单', 'third-party-link'],
    ['不用拍了，充Q币给我也行', 'off-platform-payment'],
    ['多付的运费我转回你微信零钱', 'off-platform-payment'],
    ['写个好评，邮费我补给你', 'review-inducement'],
  ])('finds %s (%s)', (text, category) => {
    expect(categories(text)).toContain(category);
  });

  it.each(['进小程序就能预约安装', '微信零钱支付也可以，在收银台选', '这把菜刀🔪很锋利'])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });
});

describe('rounds 28 and 29: rules explained, declines after the words, goods sold hidden', () => {
  it.each([
    '晒图送红包这种我们不搞的哈，您愿意晒就晒',
    '我们这边不接待上门自提哈，都是仓库统一发快递',
    '亲，平台规定客服不能发微信号、QQ号、手机号这些联系方式，有问题在这里说',
    '这款最大做到4XL，您说一下身高体重，我帮您看看选哪个码',
    '可以开增值税专用发票的，下单后在订单里申请发票，填写公司名称、税号、开户行和账号就行',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });

  it.each([
    ['平台规定，退款需要您先开通备用金功能', 'impersonation'],
    ['亲，我发您一张二维码图片，长按识别加一下我们售后顾问', 'qr-code'],
    ['象牙的也有，不能挂店里，你要的话我单独发图', 'prohibited'],
    ['一比一复刻，专柜都验不出来', 'prohibited'],
    ['姐妹，那个一星差不多能改了吧，都给你补发了', 'review-inducement'],
    ['别家主播都是托，说的话一句都别信', 'disparaging'],
  ])('finds %s (%s)', (text, category) => {
    expect(categories(text)).toContain(category);
  });

  it.each([
    ['发货前都测过是好的，到你手里坏了那我也没办法', '手机用了两天就自动关机'],
    ['新床垫都有味，放一个月就好了，这也要投诉？', '床垫有一股很重的味道'],
  ])('tips on %s answering %s', (reply, buyer) => {
    expect(categories(reply, { replyTo: buyer })).toContain('poor-service');
  });
});

describe('a courier named in the clause before, a flagship store named as itself', () => {
  it('lets a courier’s number through after the courier is named', () => {
    expect(['ok', 'tip']).toContain(run('派件员是李师傅，电话15600001234，他说下午送到').verdict);
    expect(categories('有事加我微信，电话15600001234')).toContain('off-platform-contact');
  });

  it('lets a Tmall flagship say what it is, not a stranger posing as Tmall', () => {
    expect(['ok', 'tip']).toContain(run('我们是天猫官方旗舰店，发票是品牌公司开的', { platform: 'tmall' }).verdict);
    expect(categories('我是天猫官方客服，您的订单异常', { platform: 'tmall' })).toContain('impersonation');
  });
});

describe('round 30: numerals of other scripts, market nicknames, payment in other currencies', () => {
  it.each([
    ['手机 ١٣٨٠٠٠٠١٢٣٤', 'off-platform-contact'],
    ['号码 〡〣〨〇〇〇〇〤〤〥〥', 'off-platform-contact'],
    ['去小黄鱼找我，那边私聊方便', 'off-platform-contact'],
    ['用 PayPal 或者 USDT 打给我也行', 'off-platform-payment'],
    ['把 yzm 发我，两分钟搞定', 'impersonation'],
    ['🔪已经磨好了，等你', 'abuse'],
    ['👉9Rk2PzX0👈 复制整段去淘tao打开', 'third-party-link'],
  ])('finds %s (%s)', (text, category) => {
    expect(categories(text)).toContain(category);
  });

  it.each(['您刚才发的那个 QQ 号我们不能加，麻烦在平台沟通', '东东这个名字是我们店的吉祥物', '👉点这里查看商品详情👈'])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });
});

describe('round 31: a violation buried in a long friendly reply', () => {
  it.each([
    ['老铁，这个鱼竿质量没毛病。你要是晚上去野钓，我这还有电鱼机，私下问我。', 'prohibited'],
    ['亲，售后这块您放心，我们自己就能处理。淘宝小二处理问题慢得要死，找他们没什么用。', 'disparaging'],
    ['宝，这单是福袋价拍的，很划算了。不给好评的话下次福袋就不给你留了。', 'review-inducement'],
  ])('finds %s (%s)', (text, category) => {
    expect(categories(text)).toContain(category);
  });

  it('lets a long reply about the platform’s own refund, price protection and tracking through', () => {
    expect(['ok', 'tip']).toContain(run('亲，退款会原路退回到您的支付账户，价保在订单里申请就行，物流单号SF0000012345在订单详情可以查。').verdict);
  });
});

describe('rounds 33 and 34: curt answers, secrets read back masked, refunds to the buyer’s own account', () => {
  it.each([
    ['页面写着呢，我就不重复了', '你们的保修到底几年'],
    ['谁答应你的你找谁，我这没有记录', '答应我的优惠券呢'],
    ['咨询的人多，您要是着急可以去别家买', '你们客服回复好慢'],
  ])('tips on %s answering %s', (reply, buyer) => {
    expect(categories(reply, { replyTo: buyer })).toContain('poor-service');
  });

  it('takes no tip on a reply that apologises and helps', () => {
    expect(categories('抱歉让您久等了，我马上帮您查一下物流', { replyTo: '你们客服回复好慢' })).not.toContain('poor-service');
  });

  it.each([
    '海外购订单需要实名清关，系统里登记的身份证号是 3301**********1234',
    '您这单有运费险，退货寄出后会自动理赔，赔付的钱会退到您的支付宝账户。',
    '谢谢您，但我们不能收银行卡转账，只能在平台下单',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text, { platform: 'tmall' }).verdict);
  });

  it('still holds a request for the whole ID number', () => {
    expect(categories('请把身份证号发我一下')).toContain('impersonation');
  });
});

describe('words in quotes that the rest of the message disowns', () => {
  it.each([
    '“稳赚不赔”这类承诺我们不做的，亲',
    '商品页里的“第一品牌”几个字已经删掉了',
    '页面上“国家级”三个字已经删掉了，谢谢提醒',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });

  it.each([
    ['“全网最低”，就在今天', 'absolute-claim'],
    ['加我“vx”：abc12345，不会骗你', 'off-platform-contact'],
    ['“走着瞧”，我记住你了', 'abuse'],
  ])('still finds %s (%s): nothing outside the quotes disowns it, or it holds an id', (text, category) => {
    const r = run(text);
    expect(r.findings.some((f) => f.category === category && f.severity !== 'tip')).toBe(true);
  });
});

describe('round 37: letters and digits that name no channel and no insult', () => {
  it.each([
    ['这个加热杯是12V和220V两用的', 'off-platform-contact'],
    ['视频链接 https://v.douyin.com/aB3dE9/ 点开就能看', 'off-platform-contact'],
    ['这个型号是KS-2025A，和KS-2024B比多了定时', 'abuse'],
    ['显示器型号27G2SP，和27G2比多了升降支架', 'abuse'],
  ])('%s has no %s finding', (text, category) => {
    expect(check(text, { platform: 'douyin' }).findings.map((f) => f.category)).not.toContain(category);
  });

  it.each([
    ['加v：kefu2088', 'off-platform-contact'],
    ['v.kefu2088 加一下', 'off-platform-contact'],
    ['你个2比', 'abuse'],
    ['你真是个sb', 'abuse'],
  ])('%s still has its %s finding', (text, category) => {
    expect(categories(text)).toContain(category);
  });
});

describe('round 36: declines after the words, buyers told back, quotes reached into', () => {
  it.each([
    'vx、QQ、手机号都没法给您哈，见谅',
    '自提就算了哈，我们只发快递',
    '站外的转账方式一律不支持，请在订单里付款',
    '您说想来工厂看看，不好意思我们不接待参观',
    '买家秀里那个“加我领红包”的留言是广告，已经举报了',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });

  it.each([
    ['验证码发一下嘛，不然没法给您退款', 'impersonation'],
    ['加我vx：kefu_2088，QQ没法给', 'off-platform-contact'],
    ['想要便宜就来我们工厂看看', 'store-address'],
  ])('still finds %s (%s)', (text, category) => {
    expect(categories(text)).toContain(category);
  });
});

describe('round 37: a service at the buyer’s door is no threat', () => {
  it.each(['快递员今天会送到你家门口，记得留意', '安装师傅明天上午到你家门口给您装'])('lets %s through', (text) => {
    expect(categories(text)).not.toContain('abuse');
  });
  it.each(['我到你家门口了，出来', '再给差评我就去你家门口堵你'])('still holds %s', (text) => {
    expect(categories(text)).toContain('abuse');
  });
});

describe('round 40: a decline that closes the clause right after the words', () => {
  it.each(['私下转账不行哈，直接拍就好', '见面交易这种我们真不做，请在平台下单', '私人微信不给哈，在这里聊就行', '好评送礼品这个我们提供不了'])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });
  it.each([
    ['私下交易不收手续费，划算', 'off-platform-payment'],
    ['加微信不行吗？我给你优惠', 'off-platform-contact'],
    ['加我vx：kefu_2088 不行就算了', 'off-platform-contact'],
  ])('still finds %s (%s)', (text, category) => {
    expect(categories(text)).toContain(category);
  });
});

describe('round 42: declines over a list, inside the words, in the next clause; insults said of scammers', () => {
  it.each([
    '亲，银行转账、支付宝转账、微信转账都不收哦，您放心直接拍。',
    'vx就不加了哈，聊天记录在平台里才有保障',
    '线下转账咱不做啊，钱一定要走平台',
    '好评返现平台查得严，我们不做～',
    '“发个QQ号”这个要求我们没法满足哈，有问题直接在这里问',
    '客服不能在聊天里发“微信号”“手机号”这类联系方式，我们都在平台上沟通',
    '凡是让你扫码退款的都是骗子，我们退款只走拼多多的售后流程',
    '谁跟您说“要进群才能退款”那都是骗子，退款直接在拼多多订单里申请',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text, { settings: { ...DEFAULT_COMPLIANCE_SETTINGS, learned: false } }).verdict);
  });
  it.each([
    ['好评返现5元，我们不做假的', 'review-inducement'],
    ['银行转账、支付宝转账都可以，便宜点', 'off-platform-payment'],
    ['加我vx，不加不发货', 'off-platform-contact'],
    ['拼多多就是骗子平台，别在这买', 'disparaging'],
    ['风格拿不准的话，去我们淘宝店「木语家居」看实景图，那边客服就是我本人', 'off-platform-contact'],
  ])('still finds %s (%s)', (text, category) => {
    expect(categories(text, { settings: { ...DEFAULT_COMPLIANCE_SETTINGS, learned: false } })).toContain(category);
  });
});

describe('round 42: after-sales words that are no threat, no scam and no request for a card', () => {
  const off = { settings: { ...DEFAULT_COMPLIANCE_SETTINGS, learned: false } };
  it.each([
    '不客气老铁～🥰 用得好的话记得再来，有问题随时找我！',
    '淘宝这边退货可以选上门取件，在退货页面选预约时间，快递小哥会上门来拿的',
    '空调安装已经预约了，辅材收费标准在服务单里可以看到哦',
    '退到抖音支付账户一般几分钟，退到银行卡1-3天，我截图给您看进度～',
    '这个退货地址是系统自动带出来的，你在售后详情页复制就行',
    '您可以直接拒收，拒收后包裹退回我们这边，马上给您退款。',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text, { ...off, platform: 'douyin' }).verdict);
  });
  it.each([
    ['给你三天时间删差评，不然别怪我不客气', 'abuse'],
    ['您开通了百万保障服务，下个月开始每月收费500元', 'impersonation'],
    ['把银行卡号截图发我，给您办理退款', 'impersonation'],
    ['备用联系方式放在店铺公告最后一行了，复制就行', 'off-platform-contact'],
    ['退款我直接转给您，您把支付宝账号发我', 'off-platform-payment'],
  ])('still finds %s (%s)', (text, category) => {
    expect(categories(text, off)).toContain(category);
  });
});

describe('rounds 43 and 44: secrets read back by their last digits, model codes, in-app groups, declines', () => {
  const off = { settings: { ...DEFAULT_COMPLIANCE_SETTINGS, learned: false } };
  it.each([
    ['宝子，这单是跨境商品，清关用的身份证后四位是203X，您确认下是本人的吗', 'pdd'],
    ['实名信息显示：曹*，身份证后四位0431，与收货人一致', 'jd'],
    ['手机型号是V2309A，8+256G，电池5000mAh', 'pdd'],
    ['加湿器型号 WX-200，容量3升', 'pdd'],
    ['这个吹风机最高档位是2000W，冷热风都有三档', 'pdd'],
    ['亲，这款台卡是放收款码用的，透明亚克力双面，不带码哦', 'pdd'],
    ['亲，店铺粉丝群在淘宝APP里，进店铺首页点“群聊”就能加入', 'taobao'],
    ['亲，空气炸锅做炸鸡180度15分钟，中间翻一下面，外酥里嫩', 'pdd'],
    ['vx真没有，不是不给，是平台规定不让，理解一下哈', 'pdd'],
    ['v信没有哈亲', 'pdd'],
    ['亲 京东上下单就有保障，私下转账的话出了问题谁都说不清，这个我们不做的', 'jd'],
    ['亲，晒图返现活动我们店没有，谢谢您的理解～', 'pdd'],
    ['老铁，见面交易不整哈，咱都是顺丰发', 'kuaishou'],
    ['亲，返现卡我们不放的，包裹里要是有卡片让加微信领红包，那不是我们放的哦', 'pdd'],
    ['不好意思亲，规定不让客服给私人联系方式，咱们就在拼多多这边沟通吧', 'pdd'],
  ])('lets %s through (%s)', (text, platform) => {
    expect(['ok', 'tip']).toContain(run(text, { ...off, platform }).verdict);
  });
  it.each([
    ['请提供身份证后六位核实身份', 'impersonation'],
    ['亲 您尾号0009的银行卡被冻结 请提供完整卡号解冻', 'impersonation'],
    ['加我微信型号123，便宜点', 'off-platform-contact'],
    ['直播间右下角贴片上那个号，加了拉你进粉丝群', 'off-platform-contact'],
    ['五星好评返5元，截图发我', 'review-inducement'],
    ['你🐴没了', 'abuse'],
    ['老铁，收到一个验证码没，发给我一下，我帮你绑定赠品', 'impersonation'],
  ])('still finds %s (%s)', (text, category) => {
    expect(categories(text, off)).toContain(category);
  });
});

describe('round 45: insults and threats in new words, shops run down in new words, notices in the platform’s name', () => {
  const off = { settings: { ...DEFAULT_COMPLIANCE_SETTINGS, learned: false } };
  it.each([
    ['请您说话注意点，别跟个泼妇一样。', 'abuse'],
    ['有毛病就去治，别在这发疯', 'abuse'],
    ['您是来搞笑的吧🤡🤡🤡 小丑竟是您自己', 'abuse'],
    ['退款可以，拿命来换', 'abuse'],
    ['您的姓名、工作单位我们都查到了，建议您撤回投诉。', 'abuse'],
    ['再投诉一次，您单位领导会收到一封关于您的信。', 'abuse'],
    ['您好，对面那家店服务差到离谱，发货还经常发错。', 'disparaging'],
    ['抖音这平台审核跟智障一样，我们也很无奈', 'disparaging'],
    ['京东客服总部提醒您，您的白条额度即将到期。', 'impersonation'],
    ['宝子需要你做个人脸识别，我这边发起，你对着摄像头眨眨眼就行', 'impersonation'],
    ['您好，请把yhk号发我，我直接退款给您。', 'impersonation'],
    ['您好，刻字定制业务请到我们的微店“匠心刻字”咨询。', 'off-platform-contact'],
    ['出售实名电话卡，不用本人去营业厅，一张80', 'prohibited'],
    ['您好，如您愿意将中评调整为好评，我们将赠送一份精美礼品。', 'review-inducement'],
  ])('finds %s (%s)', (text, category) => {
    expect(categories(text, { ...off, platform: 'jd' })).toContain(category);
  });
  it('reads a buyer who got another colour as a complaint: 不可能发错 is poor service', () => {
    expect(categories('不可能发错', { ...off, replyTo: '拍的蓝色发来的是灰色' })).toContain('poor-service');
  });
  it.each([
    '不存在什么刷单兼职哦老铁，看到这种都是骗子，别信',
    '别担心，我们不会把您的姓名和电话给任何人',
    '对面那家店我们不评价，您对比参数就好',
    '您收到的是蓝色对吧？我马上给您补发灰色',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text, off).verdict);
  });
});

describe('round 46: 俺 for 我, warnings that begin a threat, and farm, stream and second-hand sellers’ words', () => {
  const off = { settings: { ...DEFAULT_COMPLIANCE_SETTINGS, learned: false } };
  it.each([
    ['老铁你这羊肉要的多 俺给你打电话说 你把手机号发俺', 'off-platform-contact'],
    ['老铁 俺其实是快手平台派来的审核员 现在来查你这一单', 'impersonation'],
    ['小心点 别让我在线下碰到你 打断你的腿', 'abuse'],
    ['你小孩在哪上学我都查得到 想清楚再评价', 'abuse'],
    ['你可真是个大聪明 狗绳都能买成猫绳 脑子让驴踢了吧', 'abuse'],
    ['亲，这个实木餐桌永久不开裂，传给孙子都没问题', 'absolute-claim'],
    ['宝子 隔壁直播间那个主播卖的猫粮吃死过猫 你敢买吗', 'disparaging'],
    ['您好，大额订单走对私账户，到账快，还省手续费', 'off-platform-payment'],
    ['老铁 俺这小本买卖 你ZFB给俺就行 收到就发', 'off-platform-payment'],
    ['这单走蓝色软件转账就好，不用点付款，我这边直接给你发顺丰', 'off-platform-payment'],
    ['宝 你把刚才收到的那条短信截图给我 上面有个码 我这边要录入', 'impersonation'],
    ['老铁 想看狗子本尊 直接来犬舍 河北省廊坊市固安县柳泉镇幸福村东头第三家', 'store-address'],
  ])('finds %s (%s)', (text, category) => {
    expect(categories(text, { ...off, platform: 'kuaishou' })).toContain(category);
  });
  it('reads a buyer whose cat litter will not clump as a complaint: 应该是吧 is poor service', () => {
    expect(categories('应该是吧，您多倒一点试试', { ...off, replyTo: '猫砂根本不结团，全是粉' })).toContain('poor-service');
  });
  it.each(['小心骗子，别信陌生人发的链接', '俺家的羊肉都是现杀的，顺丰冷链发货', '这款泡澡球是小苏打做的，不是真炸弹哈'])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text, { ...off, platform: 'kuaishou' }).verdict);
  });
});

describe('rounds 47 and 48: complaints in more words, more claims, brushed orders, 侬 for 你, spaces for commas', () => {
  const off = { settings: { ...DEFAULT_COMPLIANCE_SETTINGS, learned: false } };
  it.each([
    ['不可能，我们发货前都检查过', '收到的苹果有一半是烂的'],
    ['宝子 应该是发了吧', '直播间说送赠品，我没收到'],
    ['从来没人说过有味道啊', '味道很大 根本没法用'],
    ['不可能的亲，出厂都检查过的', '衣柜门板有裂缝'],
  ])('answers the complaint in %s as poor service (buyer: %s)', (text, buyer) => {
    expect(categories(text, { ...off, replyTo: buyer })).toContain('poor-service');
  });
  it.each([
    ['老铁们 咱这个酱牛肉 全东北最好吃 不服来辩', 'absolute-claim'],
    ['老铁 这二手苹果100%原装未拆修', 'absolute-claim'],
    ['亲 需要bu单的私我 本金秒返 佣金另算', 'review-inducement'],
    ['铁子 那个叫大刚的主播 他家羊肉全是鸭肉冒充的', 'disparaging'],
    ['不好意思啊，我刚才态度不好……但你确实是个废物，连签收都不会', 'abuse'],
    ['侬再烦我 我叫人寻到侬屋里厢去', 'abuse'],
    ['您好～差评不删的话，您的个人信息我们可就不保证不外泄了哦', 'abuse'],
    ['家人们 有冰有K 价格好说 老规矩暗号下单', 'prohibited'],
    ['私下zz 便宜你20', 'off-platform-payment'],
    ['您好，您扫一下发票上的二维码进入我们企业服务号，那边可以办理以旧换新', 'qr-code'],
  ])('finds %s (%s)', (text, category) => {
    expect(categories(text, off)).toContain(category);
  });
  it.each([
    '宝子 微信号这边没法给的 抖音私信里啥都能问',
    '亲 “全网最低”这种话我们不敢说哈 现在有店铺券能减10元 您可以比比',
    '您选的是多多买菜，商品明天会送到您选的自提点，去自提点报码就能拿',
    '直播间有人刷“去别的地方买更便宜”，那是别家引流，别信',
    '这是个傻瓜相机，操作很简单',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text, { ...off, platform: 'douyin' }).verdict);
  });
});

describe('rounds 49 and 50: seals for hire, drugs and spyware, shops run down by name, scans to a brand page, 不 alone is no decline', () => {
  const off = { settings: { ...DEFAULT_COMPLIANCE_SETTINGS, learned: false } };
  it.each([
    ['方便留个微信不 以后有活动我单独跟你说', 'off-platform-contact'],
    ['宝子们 尺寸问题统一看这里哈 size-guide.xiaoyu.studio', 'third-party-link'],
    ['您好，检测报告和质检证书我们都能出，需要哪家机构的章都可以盖。', 'prohibited'],
    ['想发财的来 投一千返三千 每介绍一个人再奖五百 家人们冲', 'prohibited'],
    ['车子里程表可以帮你调回去，卖二手车好出手', 'prohibited'],
    ['茗仙阁的茶都是拿陈茶冒充新茶', 'disparaging'],
    ['拼夕夕的东西能好到哪去 这价格你还想要啥', 'disparaging'],
    ['姐妹 扫码看我们的真人试色合集 比详情页全多了', 'qr-code'],
    ['亲，评价里别提色差的事哈，写好看点，我给你补个运费', 'review-inducement'],
    ['差评不删是吧，你的收货地址我可都有', 'abuse'],
    ['亲，可以走对公给我们转过去，不用拍下付款', 'off-platform-payment'],
    ['您好，我们接到公安机关通知，您购买的这批商品涉案，请配合调查。', 'impersonation'],
  ])('finds %s (%s)', (text, category) => {
    expect(categories(text, off)).toContain(category);
  });
  it.each([
    ['不可能，发出去的时候都是活的', '收到的螃蟹死了一半'],
    ['可能师傅心情不好吧', '送货师傅态度特别差，还把门框磕了'],
  ])('answers the complaint in %s as poor service (buyer: %s)', (text, buyer) => {
    expect(categories(text, { ...off, replyTo: buyer })).toContain('poor-service');
  });
  it.each([
    '亲，收到“账户冻结”的短信不要点链接，那是诈骗',
    '别的平台我们没开店，小心有人冒充我们店名在外面卖',
    '我们是店铺自己的客服哈，不是“快手官方客服”，不能冒充平台的',
    '这款洗发水不含激素，孕妇也能用',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text, off).verdict);
  });
});

describe('rounds 51 and 52: codes the agent sent, returns brought in person, indirect money and spying devices', () => {
  const off = { settings: { ...DEFAULT_COMPLIANCE_SETTINGS, learned: false } };
  it.each([
    ['我给您发了个码，扫完按提示操作就能退运费', 'qr-code'],
    ['老铁 码给你发过去了 扫完能看到工厂实拍视频', 'qr-code'],
    ['亲，退货也可以直接送到我们门店：四川省成都市武侯区芳华街101号', 'store-address'],
    ['家人们 小黄车链接下了，想要的找我走账，还是老价格', 'off-platform-payment'],
    ['您好，团购订单统一线下对账，款项汇入我司账户后安排发货', 'off-platform-payment'],
    ['亲 这个定位器可以偷偷放老公车上，他去哪您都知道，完全不会被发现', 'prohibited'],
    ['亲，这边聊天记录有时候看不到，您留个常用的绿色软件的号，我主动来找您', 'off-platform-contact'],
    ['亲，您好，这边是拼多多售后仲裁组，已判定您这单为恶意退款', 'impersonation'],
    ['老铁们 那个卖羽绒服的大哥 鸭毛当鹅绒卖 良心都不要了', 'disparaging'],
    ['您好，评价写满100字并上传三张实拍，即可获赠一次免费延保', 'review-inducement'],
  ])('finds %s (%s)', (text, category) => {
    expect(categories(text, off)).toContain(category);
  });
  it('reads 不制冷 as a complaint: 可能是您家电压的问题 is poor service', () => {
    expect(categories('可能是您家电压的问题', { ...off, replyTo: '空调装好了不制冷' })).toContain('poor-service');
  });
  it.each([
    '您扫一下这个码可以查看物流',
    '有人给您发了个码让扫完退款？那是骗子，别扫',
    '宝子您说直播里讲了“第一品牌”，那是口误，我们已经更正了',
    '加厚款V字领毛衣，老铁们拍大一码',
    '我们是官方旗舰店，假一赔十',
    '退货地址：浙江省杭州市余杭区文一西路998号 售后部 收，请备注订单号',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text, off).verdict);
  });
});

describe('round 53: someone else’s words in quotes, declines of 招 and 挂钩', () => {
  const off = { settings: { ...DEFAULT_COMPLIANCE_SETTINGS, learned: false } };
  it.each([
    '亲，您反映快递员说您“神经病”，这太不应该了，我们已经向快递公司投诉',
    '老铁，您说快递员回了您一个“滚”字，这太不像话了，我们已经联系网点',
    '亲，您说我们“傻”，是我刚才没讲清楚，我重新给您说一遍退款流程好吗',
    '宝子，网上说我们是“假货”，这不是事实，我们有品牌授权书',
    '家人们，昨天直播我说“这是最后一批”，后来厂家又补了货，跟大家说明一下',
    '您好，您问我们招不招刷单兼职，我们不招，也不会找任何人刷单',
    '亲，“返现后再评价”这个我们不能做，评价和返现不能挂钩，请理解',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text, off).verdict);
  });
  it.each([
    ['你就是个“神经病”', 'abuse'],
    ['我说你“神经病”怎么了', 'abuse'],
    ['评价和返现挂钩，五星返5元', 'review-inducement'],
  ])('still finds %s (%s)', (text, category) => {
    expect(categories(text, off)).toContain(category);
  });
});

describe('round 55: secrets asked in other words, face and video checks, insults in emoji and dialect', () => {
  const off = { settings: { ...DEFAULT_COMPLIANCE_SETTINGS, learned: false } };
  it.each([
    ['老铁，收到的码念给我听一下，马上给你退', 'impersonation'],
    ['亲，把短信里的数字复制给我哈，验证完就能改地址', 'impersonation'],
    ['宝子，把你银行app的余额页面截个图发我，确认一下到账情况', 'impersonation'],
    ['您好，为防止冒领，请对着镜头完成一次刷脸', 'impersonation'],
    ['宝，下载一个远程协助的app，我帮你在手机上操作退款', 'impersonation'],
    ['宝子，卡背面那三位安全码发我，不然赔付打不过去', 'off-platform-payment'],
    ['您好，您是来搞笑的吗🤡🤡🤡', 'abuse'],
    ['你才💩，你全家都💩', 'abuse'],
    ['退锤子退，用成这样了还退', 'abuse'],
    ['您好，您的手机号我们已经发给催收公司了，等着接电话吧', 'abuse'],
    ['宝子，刷单的活你接不接，一单佣金8块', 'review-inducement'],
  ])('finds %s (%s)', (text, category) => {
    expect(categories(text, off)).toContain(category);
  });
  it.each([
    '猪猪女孩🐷今天穿这件，显瘦',
    '哈哈😂😂 好的亲，马上发',
    '验证码不要告诉任何人，包括我们客服',
    '亲，退款到账后支付宝余额里能看到，不用截图给我',
    '刷单我们不接，也不做',
  ])('lets %s through', (text) => {
    expect(['ok', 'tip']).toContain(run(text, off).verdict);
  });
});

describe('threats spread over plain sentences (the menace detector)', () => {
  it.each([
    '你孩子在哪上学我都打听清楚了',
    '你老家那条街我熟得很，别以为换个号我就找不到你',
    '再吵试试，我让你这辈子都睡不着',
  ])('%s is blocked as a threat', (text) => {
    const r = run(text);
    expect(r.verdict).toBe('block');
    expect(r.findings.map((f) => f.category)).toContain('abuse');
  });

  it.each([
    '您的收货地址是锦绣小区3栋，我们核对一下没问题就发货',
    '我知道您住的小区比较远，快递可能要多一天',
    '晚上下班路上注意安全哦，天黑路滑',
    '您先重启一下试试，还是不行的话我们安排师傅上门检测',
  ])('%s passes', (text) => {
    expect(run(text).verdict).toBe('ok');
  });
});

describe('fake notices and the shop’s own channels', () => {
  it('a notice typed as if from the platform’s payment service is impersonation', () => {
    const r = run('【支付宝安全中心】您的账户存在异常交易，已被临时冻结，请配合核实身份');
    expect(r.verdict).toBe('block');
    expect(r.findings[0]).toMatchObject({ category: 'impersonation', text: expect.stringContaining('【支付宝安全中心】') });
  });

  it('the shop’s own bracketed headings pass', () => {
    expect(run('【发货通知】亲，您的包裹今天已经发出，请留意物流').verdict).toBe('ok');
    expect(run('【温馨提示】下单请备注尺码').verdict).toBe('ok');
  });

  it('a channel of the shop’s own, named and then sent to, is off-platform contact', () => {
    expect(categories('我们有个小红书账号，天天更新穿搭，记得关注一下')).toEqual(['off-platform-contact']);
    expect(run('关注一下店铺，上新有提醒').verdict).toBe('ok');
  });
});

describe('the buyer’s words told back are not the agent’s', () => {
  it.each([
    '您说不给退就找人来店里，我们理解您的心情，售后会按流程处理',
    '有买家私信我说衣服起球，我们已经换了面料',
  ])('%s is at most a tip', (text) => {
    expect(['ok', 'tip']).toContain(run(text).verdict);
  });

  it('a jab of the agent’s own (你说你…) is still abuse', () => {
    expect(run('你说你是不是有病').verdict).toBe('block');
  });
});

describe('forms new writers used (rounds 60–61)', () => {
  it('a domain spelled with dian in pinyin is a link; a time said in pinyin is not', () => {
    expect(categories('wang zhi: lanhua-shop dian com, fu zhi dao liu lan qi')).toEqual(['third-party-link']);
    expect(run('wo men xia wu san dian fa huo').verdict).toBe('ok');
  });

  it('a plus between Chinese characters is a separator, not after a number', () => {
    expect(categories('加➕我➕微➕信 kefu_777')).toEqual(['off-platform-contact']);
    expect(run('满99+送一个收纳袋').verdict).toBe('ok');
  });

  it('a number sent in named halves over two lines is read whole', () => {
    expect(categories('号码上半截 177 0000\n下半截 3366')).toEqual(['off-platform-contact']);
  });

  it('a 淘口令 on Taobao is the platform’s own share; on Pinduoduo it sends the buyer away', () => {
    const text = '淘口令发你：￥Hk7YqW2bZpR￥ 打开手机淘宝就能看到这款';
    expect(run(text, { platform: 'taobao' }).verdict).toBe('ok');
    expect(categories(text, { platform: 'pdd' })).toContain('third-party-link');
  });

  it('a curt answer to a defect described in new words is a poor-service tip', () => {
    const r = run('应该没坏吧，你再试试', { replyTo: '吸奶器吸力很弱，跟没开一样' });
    expect(r.findings.map((f) => f.category)).toContain('poor-service');
  });
});

describe('the platform’s own chat and parcels', () => {
  it('a direct message inside the workbench’s own app passes; on another workbench it is an invitation', () => {
    const text = '不加好友哈，有问题在抖音私信我，一样第一时间回复';
    expect(run(text, { platform: 'douyin' }).verdict).toBe('ok');
    expect(run(text, { platform: 'pdd' }).verdict).toBe('block');
  });

  it('tracking the buyer’s parcel is no threat', () => {
    expect(run('你的快递我这边都能查到，在路上呢，今天晚上就到你们镇上').verdict).toBe('ok');
  });
});

describe('plain violations new writers typed (rounds 64–65)', () => {
  it('a code on the tag that opens the brand’s own site is a QR finding', () => {
    expect(categories('吊牌上的码您扫一扫，会打开我们的独立站，新品那边先上')).toContain('qr-code');
  });

  it('declining contact and pointing to this very chat passes', () => {
    expect(run('微信我就不加了哈，平台不让，你有啥问题就在这私信我，看到就回').verdict).toBe('ok');
  });

  it('a vague answer to a defect in new words is a poor-service tip', () => {
    const r = run('应该是正常的吧，可能是你家地不平', { replyTo: '洗衣机脱水的时候声音特别大，整个屋都在震' });
    expect(r.findings.map((f) => f.category)).toContain('poor-service');
  });
});
