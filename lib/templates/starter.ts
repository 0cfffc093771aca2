import { COLLECTION_VERSION, type TemplateCollection, type TemplateGroup } from './model';

/**
 * The zh-CN starter pack: what a shop answers every day, written in plain seller language.
 *
 * Rules the pack follows (checked by `starter.test.ts`):
 * - after-sales scenarios each have a FIRST offer (tag `first`) and a FALLBACK offer (tag
 *   `fallback`) for when the buyer does not accept the first;
 * - no 不行 / 不可能 / 从来没听说过, and no vague 可能 / 也许 — a buyer with a complaint gets a
 *   definite next step;
 * - no off-platform contact (WeChat, QQ, phone), no links, nothing about reviews or cash-back for
 *   reviews (好评返现); refunds and compensation go through the platform;
 * - only the variables of `variables.ts`; amounts, dates and courier numbers are fill-in fields
 *   (`{填写:…}`) the agent types, so the pack makes no promise the shop did not choose.
 * Shortcuts are pinyin of the topic (`tuihuo`); the fallback of a pair ends in 2 (`tuihuo2`).
 */

export interface StarterTemplate {
  shortcut: string;
  group: StarterGroupId;
  title: string;
  body: string;
  tags: string[];
}

export const STARTER_GROUPS = [
  { id: 'starter-greet', name: '问候' },
  { id: 'starter-presale', name: '售前咨询' },
  { id: 'starter-pay', name: '催付' },
  { id: 'starter-ship', name: '发货物流' },
  { id: 'starter-after', name: '售后' },
  { id: 'starter-close', name: '结束语' },
  { id: 'starter-handover', name: '交接班' },
] as const;
export type StarterGroupId = (typeof STARTER_GROUPS)[number]['id'];

/** After-sales scenarios that must each have a first and a fallback offer (tags). */
export const AFTER_SALES_SCENARIOS = ['differs', 'damaged', 'wrong-item', 'exchange', 'return', 'refund', 'delay'] as const;

export const STARTER_TEMPLATES: StarterTemplate[] = [
  // 问候 ---------------------------------------------------------------------------------------
  {
    shortcut: 'huanying',
    group: 'starter-greet',
    title: '欢迎语',
    body: '{问候语}，{买家昵称}，欢迎光临{店铺名}！我是客服{客服昵称}，很高兴为您服务，请问有什么可以帮您？{光标}',
    tags: ['greeting'],
  },
  {
    shortcut: 'zaide',
    group: 'starter-greet',
    title: '在的',
    body: '在的亲，{客服昵称}一直在，您请说～{光标}',
    tags: ['greeting'],
  },
  {
    shortcut: 'shaodeng',
    group: 'starter-greet',
    title: '请稍等',
    body: '亲，麻烦稍等一下，我马上帮您查询，请不要走开哦～',
    tags: ['greeting', 'wait'],
  },
  {
    shortcut: 'jiudeng',
    group: 'starter-greet',
    title: '久等致歉',
    body: '让您久等了，非常抱歉！刚才咨询的亲比较多，现在就为您处理：{光标}',
    tags: ['greeting', 'wait', 'apology'],
  },
  {
    shortcut: 'yejian',
    group: 'starter-greet',
    title: '夜间留言',
    body: '{问候语}，现在是夜间值班时间，您先留言，{客服昵称}看到后第一时间回复您，感谢耐心等待～',
    tags: ['greeting'],
  },

  // 售前咨询 -------------------------------------------------------------------------------------
  {
    shortcut: 'chima',
    group: 'starter-presale',
    title: '尺码推荐',
    body: '亲，麻烦告诉我您的身高和体重，平时穿什么码，我帮您推荐合适的尺码～',
    tags: ['size', 'presale'],
  },
  {
    shortcut: 'chima2',
    group: 'starter-presale',
    title: '尺码建议',
    body: '按您的身高体重，建议选{填写:尺码}码；如果平时喜欢宽松一点，可以再大一码。{光标}',
    tags: ['size', 'presale'],
  },
  {
    shortcut: 'youhuo',
    group: 'starter-presale',
    title: '有现货',
    body: '亲，这款目前有现货，今天{填写:截单时间}前付款，当天就安排发出～',
    tags: ['presale', 'stock', 'shipping'],
  },
  {
    shortcut: 'quehuo',
    group: 'starter-presale',
    title: '暂时缺货',
    body: '亲，您看中的这个颜色/尺码暂时缺货，非常抱歉。同款的{填写:替代款}有现货，您看看喜不喜欢？',
    tags: ['presale', 'stock'],
  },
  {
    shortcut: 'youhui',
    group: 'starter-presale',
    title: '优惠说明',
    body: '亲，店铺现在的优惠都展示在商品页面，领取店铺优惠券后下单会自动抵扣，您下单时留意一下哦～',
    tags: ['discount', 'presale'],
  },
  {
    shortcut: 'yijia',
    group: 'starter-presale',
    title: '议价回复',
    body: '理解您想更实惠一些～这款已经是活动价了，领取店铺优惠券还能再省一点，品质方面您放心，收到不满意随时找我～',
    tags: ['discount', 'presale'],
  },
  {
    shortcut: 'baoyou',
    group: 'starter-presale',
    title: '运费说明',
    body: '亲，本店大部分地区包邮，个别偏远地区需要补运费，下单页面会显示实际运费哦～',
    tags: ['discount', 'shipping', 'presale'],
  },
  {
    shortcut: 'caizhi',
    group: 'starter-presale',
    title: '材质说明',
    body: '亲，这款的材质是{填写:材质}，详情页有成分说明和实拍图，您可以放大看看细节～',
    tags: ['presale', 'material'],
  },
  {
    shortcut: 'kuaidi',
    group: 'starter-presale',
    title: '发什么快递',
    body: '亲，我们默认发{填写:快递公司}，发货后一般{填写:天数}天左右送达，具体以物流信息为准～',
    tags: ['logistics', 'presale'],
  },
  {
    shortcut: 'fahuoshijian',
    group: 'starter-presale',
    title: '发货时间',
    body: '亲，付款后{填写:发货时效}内发货，发货后在订单详情里就能看到物流进度～',
    tags: ['shipping', 'presale'],
  },
  {
    shortcut: 'fapiao',
    group: 'starter-presale',
    title: '开发票',
    body: '亲，可以开发票的～请在这里把发票抬头和税号发给我（个人发票只需要抬头），我们在{填写:开票时效}内开好，电子发票在订单详情里查看～',
    tags: ['invoice'],
  },

  // 催付 ----------------------------------------------------------------------------------------
  {
    shortcut: 'cuifu',
    group: 'starter-pay',
    title: '催付-有疑问吗',
    body: '{问候语}，{买家昵称}，看到您拍下了宝贝还没有付款，是有什么疑问吗？有问题随时问我，{客服昵称}帮您解答～',
    tags: ['payment'],
  },
  {
    shortcut: 'cuifu2',
    group: 'starter-pay',
    title: '催付-发货时间',
    body: '亲，您拍下的宝贝还没有付款哦，今天{填写:截单时间}前付款当天就能发出，早付款早收到～',
    tags: ['payment', 'shipping'],
  },
  {
    shortcut: 'cuifu3',
    group: 'starter-pay',
    title: '催付-优惠券',
    body: '亲，您拍下的宝贝还没有付款，店铺优惠券还在有效期内，付款时记得勾选使用，能省{填写:优惠金额}元～',
    tags: ['payment', 'discount'],
  },
  {
    shortcut: 'gaidizhi',
    group: 'starter-pay',
    title: '修改地址',
    body: '亲，订单还没发货的话，可以在订单详情里直接修改收货地址；如果页面改不了，请在这里把新地址发给我，我帮您备注～',
    tags: ['address', 'shipping'],
  },

  // 发货物流 ------------------------------------------------------------------------------------
  {
    shortcut: 'yifahuo',
    group: 'starter-ship',
    title: '已发货',
    body: '亲，您的订单{订单号}已经发货啦，物流信息可以在订单详情里查看，请留意查收～',
    tags: ['shipping', 'logistics'],
  },
  {
    shortcut: 'danhao',
    group: 'starter-ship',
    title: '快递单号',
    body: '亲，您的快递单号是{填写:快递单号}，在订单页面可以随时查看物流进度哦～',
    tags: ['logistics'],
  },
  {
    shortcut: 'cuifa',
    group: 'starter-ship',
    title: '催发货',
    body: '亲，非常理解您着急用，我已经帮您催仓库优先打包，预计{填写:发货时间}发出，发出后订单页面就能看到物流～',
    tags: ['shipping', 'urge'],
  },
  {
    shortcut: 'wuliu',
    group: 'starter-ship',
    title: '物流没更新',
    body: '亲，我帮您查了一下，包裹目前在{填写:物流节点}，物流信息有时会延迟更新，我这边持续跟进，有新进展第一时间告诉您～',
    tags: ['logistics', 'delay', 'urge'],
  },
  {
    shortcut: 'yanwu',
    group: 'starter-ship',
    title: '快递延误-首选方案',
    body: '非常抱歉让您久等了！我已经联系快递公司加急处理，给您的订单登记了催件，预计{填写:预计送达}前送到，我会一直帮您盯着～',
    tags: ['delay', 'logistics', 'urge', 'first'],
  },
  {
    shortcut: 'yanwu2',
    group: 'starter-ship',
    title: '快递延误-备选方案',
    body: '给您添麻烦了，真的很抱歉。如果{填写:截止日期}前还没有收到，我们马上为您重新补发一件；您也可以直接在订单页面申请退款，我这边优先处理～',
    tags: ['delay', 'logistics', 'urge', 'fallback'],
  },
  {
    shortcut: 'qianshou',
    group: 'starter-ship',
    title: '显示签收未收到',
    body: '亲，先别着急，显示签收但没收到的话，麻烦先看看门卫、快递柜或驿站；我这边同时联系快递员核实，{填写:答复时间}内给您答复～',
    tags: ['logistics', 'delay'],
  },

  // 售后 ----------------------------------------------------------------------------------------
  {
    shortcut: 'sechai',
    group: 'starter-after',
    title: '与图片不符-首选方案',
    body: '非常抱歉让您失望了！麻烦在自然光下拍一张实物照片发给我，我们核实后马上处理。确实与描述不符的，为您办理退货退款，来回运费由我们承担～',
    tags: ['differs', 'first'],
  },
  {
    shortcut: 'sechai2',
    group: 'starter-after',
    title: '与图片不符-备选方案',
    body: '理解您的感受～如果您愿意留下宝贝，我们通过平台给您补偿{填写:补偿金额}元；不想要的话也支持退货退款，您看哪种方式更方便？',
    tags: ['differs', 'fallback'],
  },
  {
    shortcut: 'posun',
    group: 'starter-after',
    title: '破损故障-首选方案',
    body: '非常抱歉宝贝出现了问题，给您添麻烦了！麻烦拍一下问题部位和外包装的照片发给我，核实后马上为您补发一件新的，问题件不用寄回～',
    tags: ['damaged', 'quality', 'first'],
  },
  {
    shortcut: 'posun2',
    group: 'starter-after',
    title: '破损故障-备选方案',
    body: '如果您不想等补发，可以直接在订单页面申请退款，我们核实照片后尽快同意；您愿意留下商品的话，我们通过平台补偿您{填写:补偿金额}元，您看怎么处理更合适？',
    tags: ['damaged', 'quality', 'refund', 'fallback'],
  },
  {
    shortcut: 'shaofa',
    group: 'starter-after',
    title: '少发漏发-首选方案',
    body: '实在抱歉，是我们打包时疏忽了！麻烦拍一下收到的全部商品和快递面单，我核实后马上为您补发缺少的{填写:商品}，运费由我们承担～',
    tags: ['wrong-item', 'first'],
  },
  {
    shortcut: 'facuo',
    group: 'starter-after',
    title: '发错货-首选方案',
    body: '非常抱歉给您发错了！麻烦拍一下收到的商品和吊牌，我们马上为您补发正确的款式，发错的商品我们安排快递上门取件，运费由我们承担～',
    tags: ['wrong-item', 'first'],
  },
  {
    shortcut: 'facuo2',
    group: 'starter-after',
    title: '发错漏发-备选方案',
    body: '给您带来不便真的很抱歉。不想等补发的话，您可以在订单页面申请退款，我们核实后尽快同意；发错的商品您正好用得上也可以留下，我们通过平台补偿您{填写:补偿金额}元～',
    tags: ['wrong-item', 'refund', 'fallback'],
  },
  {
    shortcut: 'huanhuo',
    group: 'starter-after',
    title: '换货-首选方案',
    body: '可以换的亲～请在订单页面申请换货，选好要换的{填写:尺码或颜色}，商品寄回后我们收到就马上给您发新的～',
    tags: ['exchange', 'size', 'first'],
  },
  {
    shortcut: 'huanhuo2',
    group: 'starter-after',
    title: '换货-备选方案',
    body: '您要换的{填写:尺码或颜色}目前缺货，非常抱歉。您可以换成{填写:替代款}，或者办理退货退款后再按需要下单，您看哪种更方便？',
    tags: ['exchange', 'fallback'],
  },
  {
    shortcut: 'tuihuo',
    group: 'starter-after',
    title: '退货-首选方案',
    body: '{买家昵称}您好，支持七天无理由退货的～请在订单页面点「申请售后」选择「退货退款」，按页面上的地址寄回，我们收到后尽快为您退款。{光标}',
    tags: ['return', 'first'],
  },
  {
    shortcut: 'tuihuo2',
    group: 'starter-after',
    title: '退货-备选方案',
    body: '理解您的想法～如果您愿意留下宝贝，我们通过平台补偿您{填写:补偿金额}元，省去来回寄件的麻烦；您还是想退的话，随时在订单页面申请，我们马上处理～',
    tags: ['return', 'fallback'],
  },
  {
    shortcut: 'tuihuoyunfei',
    group: 'starter-after',
    title: '退货运费说明',
    body: '亲，商品质量问题的退货，来回运费由我们承担；个人原因退货的，寄回运费需要您承担，订单带退货包运费的话可以直接抵扣～',
    tags: ['return'],
  },
  {
    shortcut: 'tuikuan',
    group: 'starter-after',
    title: '退款-首选方案',
    body: '亲，您的退款申请我们已经收到了，会在{填写:处理时效}内处理完毕，退款原路退回到您的支付账户，请留意查收～',
    tags: ['refund', 'first'],
  },
  {
    shortcut: 'tuikuan2',
    group: 'starter-after',
    title: '退款-备选方案',
    body: '非常抱歉让您等了这么久。我已经把您的退款标记为加急并提交主管审核，{填写:时限}内给您结果，进度在订单页面也能随时查看～',
    tags: ['refund', 'urge', 'fallback'],
  },
  {
    shortcut: 'weifahuotuikuan',
    group: 'starter-after',
    title: '未发货退款',
    body: '亲，订单还没发货的话，您在订单页面直接申请退款就好，我们看到后马上同意～',
    tags: ['refund'],
  },
  {
    shortcut: 'daozhang',
    group: 'starter-after',
    title: '退款到账时间',
    body: '亲，平台显示退款已经成功，原路退回一般需要{填写:到账时间}，退到银行卡的会稍慢一些，请留意查收～',
    tags: ['refund'],
  },
  {
    shortcut: 'zhiliang',
    group: 'starter-after',
    title: '质量问题安抚',
    body: '非常抱歉宝贝让您不满意！麻烦描述一下具体问题，再拍几张照片发给我，我一定帮您处理好～',
    tags: ['quality', 'damaged'],
  },

  // 结束语 -------------------------------------------------------------------------------------
  {
    shortcut: 'jieshu',
    group: 'starter-close',
    title: '结束语',
    body: '感谢您的耐心～还有其他问题随时找我哦，{店铺名}祝您生活愉快！',
    tags: ['closing'],
  },
  {
    shortcut: 'shouhuo',
    group: 'starter-close',
    title: '收货提醒',
    body: '宝贝收到后有任何问题，随时在这里找我们，我们一定帮您处理好，祝您购物愉快～',
    tags: ['closing'],
  },
  {
    shortcut: 'daoqian',
    group: 'starter-close',
    title: '致歉结束',
    body: '今天的事情给您添麻烦了，再次向您道歉。后续进展我会在这里第一时间告诉您，感谢您的理解～',
    tags: ['closing', 'apology'],
  },
  {
    shortcut: 'xiaci',
    group: 'starter-close',
    title: '欢迎再来',
    body: '感谢光临{店铺名}～期待您下次再来，{客服昵称}随时为您服务！',
    tags: ['closing'],
  },

  // 交接班 -------------------------------------------------------------------------------------
  {
    shortcut: 'jiaoban',
    group: 'starter-handover',
    title: '交班说明',
    body: '亲，我是{客服昵称}，现在要交接班了，您的问题我已经详细记录并交给下一位同事，他会继续为您跟进，不用您再重复说明～',
    tags: ['handover'],
  },
  {
    shortcut: 'jieban',
    group: 'starter-handover',
    title: '接班问候',
    body: '{问候语}，我是接班的客服{客服昵称}，前面的聊天记录我都看过了，您的{填写:问题}我来继续为您处理～',
    tags: ['handover'],
  },
  {
    shortcut: 'xiaban',
    group: 'starter-handover',
    title: '下班留言',
    body: '亲，客服现在已经下班了，您的留言我们都会看到，明天{填写:上班时间}上班后第一时间回复您～',
    tags: ['handover'],
  },
];

/** Stable id of a starter template (re-adding the pack finds the same ids as duplicates). */
export const starterId = (shortcut: string): string => `starter-${shortcut}`;

/**
 * The starter pack as a document (without search keys: the options page runs `ensureSearchKeys`
 * from `index-build.ts` before storing it).
 */
export function starterCollection(now: number): TemplateCollection {
  const groups: TemplateGroup[] = STARTER_GROUPS.map((g, i) => ({ id: g.id, name: g.name, order: i }));
  const perGroup = new Map<string, number>();
  const templates = STARTER_TEMPLATES.map((s) => {
    const order = perGroup.get(s.group) ?? 0;
    perGroup.set(s.group, order + 1);
    return {
      id: starterId(s.shortcut),
      title: s.title,
      body: s.body,
      group: s.group,
      shortcut: s.shortcut,
      tags: [...s.tags],
      usageCount: 0,
      order,
      createdAt: now,
      updatedAt: now,
    };
  });
  return { version: COLLECTION_VERSION, templates, groups };
}
