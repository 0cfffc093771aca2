import { describe, expect, it } from 'vitest';
import { check } from '../check';

const rules = (text: string, platform = 'pdd') => check(text, { platform }).findings.map((f) => `${f.rule}:${f.text}`);

describe('phone numbers', () => {
  it.each([
    ['13800001234', '13800001234'],
    ['+86 138 0000 1234', '86 138 0000 1234'],
    ['1 3 8 0 0 0 0 1 2 3 4', '1 3 8 0 0 0 0 1 2 3 4'],
    ['138.0000.1234 找我', '138.0000.1234'],
    ['一三八零零零零一二三四', '一三八零零零零一二三四'],
    ['①③⑧⓪⓪⓪⓪①②③④', '①③⑧⓪⓪⓪⓪①②③④'],
    ['１３８００００１２３４', '１３８００００１２３４'],
  ])('%s', (text, span) => {
    expect(rules(text)).toEqual([`contact.phone:${span}`]);
  });

  it.each([
    ['订单号 13800001234', 'an order number'],
    ['快递单号 13800005678', 'a tracking number'],
    ['商品ID：13800009876', 'an item id'],
    ['快递员电话 13800001122', "the courier's phone"],
    ['13800001234 是快递员的号码', "the courier's phone, named after it"],
    ['¥13800000000 是写错了', 'a price'],
    ['SF13800001234', 'a code with letters'],
    ['12800001234', 'not a mobile prefix'],
    ['1380000123', 'ten digits'],
    ['138000012345', 'twelve digits'],
    ['2024-06-15 13:00', 'a date and time'],
    ['尺码 150 160 170 180', 'sizes'],
  ])('%s is not a phone (%s)', (text) => {
    expect(rules(text)).toEqual([]);
  });

  it("counts the agent's own number even next to 快递", () => {
    expect(rules('快递到了联系我 13800001234')).toEqual(['contact.phone:13800001234']);
  });

  it('reads a landline only after a phone word', () => {
    expect(rules('座机 0571-88880000 找我')).toEqual(['contact.phone:座机 0571-88880000']);
    expect(rules('编号 0571-88880000')).toEqual([]);
  });

  it('takes a number after 支付宝 for a payment account', () => {
    expect(rules('支付宝：13800006789')).toEqual(['payment.account:支付宝：13800006789']);
  });
});

describe('bank cards', () => {
  it('finds Luhn-valid numbers with a card prefix, grouped or not', () => {
    expect(rules('6222 0000 0000 0000 129')).toEqual(['payment.card:6222 0000 0000 0000 129']);
    expect(rules('4367000000000017')).toEqual(['payment.card:4367000000000017']);
  });

  it('needs a card word when the number is not Luhn-valid', () => {
    expect(rules('6222000000000000128')).toEqual([]);
    expect(rules('卡号 6222000000000000128')).toEqual(['payment.card:卡号 6222000000000000128']);
  });

  it('leaves order numbers alone, Luhn-valid or not', () => {
    expect(rules('订单编号为 4367000000000017')).toEqual([]);
    expect(rules('2406151234567890123')).toEqual([]); // 19 digits: no Mastercard is that long
    expect(rules('5206151234567891')).toEqual(['payment.card:5206151234567891']); // without words, a card
    expect(rules('240615-123456789012345')).toEqual([]);
  });
});

describe('contact keywords', () => {
  it.each([
    ['加微信', 'contact.wechat:加微信'],
    ['微信号 abc_123', 'contact.wechat:微信号 abc_123'],
    ['我微信是 shop_88', 'contact.wechat:我微信是 shop_88'],
    ['vx', 'contact.wechat:vx'],
    ['加q 55667788', 'contact.qq:加q 55667788'],
    ['企鹅号：10012345', 'contact.qq:企鹅号：10012345'],
    ['转到我支付宝', 'payment.account:转到我支付宝'],
    ['微信转我', 'payment.account:微信转我'],
    ['闲鱼搜我们店', 'contact.divert:闲鱼搜我们店'],
  ])('%s', (text, expected) => {
    expect(rules(text)).toEqual([expected]);
  });

  it.each(['微信支付', '用微信付款', '企鹅玩偶', 'QQ糖', 'V领', '支付宝付款也支持', '退回您的支付宝账户', '这个vivo手机'])('%s stays quiet', (text) => {
    expect(rules(text)).toEqual([]);
  });
});

describe('links and e-mail', () => {
  it.each([
    ['http://192.168.1.10/coupon', 'link.url:http://192.168.1.10/coupon'],
    ['看 www.abc.com，谢谢', 'link.url:www.abc.com'],
    ['abc.com.cn/x?y=1', 'link.url:abc.com.cn/x?y=1'],
    ['w w w . a b c . c o m', 'link.url:w w w . a b c . c o m'],
    ['kefu点com', 'link.url:kefu点com'],
    ['kefu@163.com', 'contact.email:kefu@163.com'],
    ['kefu#qq.com', 'contact.email:kefu#qq.com'],
    ['kefu艾特qq点com', 'contact.email:kefu艾特qq点com'],
  ])('%s', (text, expected) => {
    expect(rules(text)).toEqual([expected]);
  });

  it.each(['1.5kg 装', 'v2.0 版本', '说明书.pdf', '下午3点com不了', '图片.jpg 发您了', 'a.b'])('%s is not a link', (text) => {
    expect(rules(text)).toEqual([]);
  });

  it('ends a link where a space was typed', () => {
    expect(rules('https://mobile.yangkeduo.com ok')).toEqual([]);
  });
});

describe('addresses', () => {
  it('reads a street address as offered to the buyer, and starts it at the place', () => {
    expect(rules('门店在杭州市西湖区文三路88号')).toEqual(['address.store:门店在', 'address.street:杭州市西湖区文三路88号']);
    expect(rules('地址：中山大道3段99号2楼')).toEqual(['address.street:中山大道3段99号2楼']);
  });

  it('leaves return addresses alone', () => {
    expect(rules('退货地址：杭州市余杭区文一西路1000号')).toEqual([]);
    expect(rules('请寄回：苏州市吴中区金山路66号3楼 售后部')).toEqual([]);
  });

  it('needs a street number', () => {
    expect(rules('我们在杭州市西湖区')).toEqual([]);
  });
});

describe('numbers typed in groups with commas', () => {
  it.each([
    ['150，0000，8888', 'contact.phone:150，0000，8888'],
    ['一五零，零零零零，八八八八', 'contact.phone:一五零，零零零零，八八八八'],
    ['yao wu ba, ling ling ling ling, si san er yao', 'contact.phone:yao wu ba, ling ling ling ling, si san er yao'],
  ])('%s is one phone number', (text, finding) => {
    expect(rules(text)).toEqual([finding]);
  });

  it.each([
    ['尺码有150，160，170三种', 'sizes'],
    ['价格分别是199，299，399', 'prices'],
    ['订单号 150，0000，8888', 'an order number'],
    ['138，****，5678 是您留的号码吧', 'a masked number'],
  ])('%s is not a phone (%s)', (text) => {
    expect(rules(text).filter((r) => r.startsWith('contact.phone'))).toEqual([]);
  });
});

describe('money moving off the platform (roles: route, to you / to me, sum)', () => {
  it.each([
    ['差价我这边用微信转您', 'money sent by a private route'],
    ['退款我们走支付宝直接打给您', 'a refund by Alipay, not the platform'],
    ['会员年费88元，直接转我就行', 'a fee paid to the agent'],
    ['定金200先转到我卡上', "paid into the agent's card"],
    ['补偿的10块钱我私下发您', 'a private compensation'],
    ['您先交50激活费，到账后一起返给您', 'an advance fee'],
  ])('%s (%s) is held', (text) => {
    expect(check(text, { platform: 'pdd' }).findings.map((f) => f.category)).toContain('off-platform-payment');
  });

  it.each([
    ['退款会原路退回到您的支付宝', 'a refund the way it was paid'],
    ['运费我们给您补，您拍下补运费的链接就行', 'through a link on the platform'],
    ['差价会在售后通过平台退给您', 'through the platform'],
    ['您可以用微信支付或者支付宝付款，拍下就行', 'the checkout'],
    ['收到破损的话拍几张照片给我，补发或者退款都可以', 'photos sent to the agent'],
    ['我们不会让您私下转账给我', 'declined'],
  ])('%s (%s) passes', (text) => {
    expect(check(text, { platform: 'pdd' }).findings.filter((f) => f.category === 'off-platform-payment')).toEqual([]);
  });
});

describe('requests for identity or secrets (roles: secret, request, in either order)', () => {
  it.each([
    ['麻烦提供一下您的身份证号码和开户行'],
    ['验证码是多少？报一下我帮您操作'],
    ['请您把手机收到的六位验证码告诉我'],
    ['您的银行卡号发我一下'],
  ])('%s is held', (text) => {
    expect(rules(text).some((r) => r.startsWith('impersonation.sensitive'))).toBe(true);
  });

  it.each([
    ['为了您的账户安全，请勿向任何人透露验证码'],
    ['跨境商品清关需要您在订单里填写身份证号'],
    ['验证码收不到的话请重新获取'],
    ['这款密码锁支持指纹和密码开锁'],
    ['验证码不要告诉任何人哦'],
  ])('%s passes', (text) => {
    expect(rules(text).filter((r) => r.startsWith('impersonation.sensitive'))).toEqual([]);
  });
});

describe('a request for the buyer’s bank card (roles: card, request): a secret, and money moving off the platform', () => {
  it.each([['您把银行卡号发我，我这边直接打款'], ['要退款的话，请把储蓄卡卡号发过来'], ['麻烦拍一下银行卡正反面发我']])('%s is a payment finding too', (text) => {
    const ids = rules(text).map((r) => r.split(':')[0]);
    expect(ids).toEqual(expect.arrayContaining(['impersonation.sensitive', 'payment.card-request']));
  });

  it.each([['验证码报一下'], ['身份证号码发我一下']])('%s asks for no card', (text) => {
    expect(rules(text).map((r) => r.split(':')[0])).not.toContain('payment.card-request');
  });

  it('is lowered in a warning like the secrets it goes with', () => {
    expect(check('我们不会以任何理由索要您的验证码和银行卡密码，请注意防骗').verdict).not.toBe('block');
  });
});

describe('threats to a buyer (roles: an act aimed at the buyer, a condition, knowing where they live)', () => {
  it.each([
    ['你要是敢给差评，我就把你的手机号发到群里'],
    ['再举报一次试试，你的住址我们都知道'],
    ['你的照片我已经存了，小心我发出去'],
  ])('%s is held', (text) => {
    expect(check(text, { platform: 'pdd' }).findings.map((f) => f.category)).toContain('abuse');
  });

  it.each([
    ['我们会严格保护您的隐私，信息不会公开'],
    ['快递员明天会上门取件，请您在家'],
    ['你家宝宝穿多大码？'],
    ['我们不会曝光任何买家的信息，请放心'],
    ['您好，XX已发货，单号稍后同步'],
  ])('%s passes', (text) => {
    expect(check(text, { platform: 'pdd' }).findings.filter((f) => f.category === 'abuse')).toEqual([]);
  });
});

describe('a reward for a review (roles: a review act, something given for it)', () => {
  it.each([
    ['追评带三张图的，下次购物直接减5块'],
    ['收到后给个五星，私信我截图领2元'],
    ['好评后联系客服，有惊喜小礼物'],
  ])('%s is held', (text) => {
    expect(check(text, { platform: 'pdd' }).findings.map((f) => f.category)).toContain('review-inducement');
  });

  it.each([
    ['亲，我们店铺好评很多的，下单送运费险'],
    ['亲，这款好评率很高，买二送一'],
    ['五星好评是对我们最大的鼓励，下单满99包邮'],
    ['现在拍下送收纳袋，评价区可以看看其他买家的反馈'],
  ])('%s passes', (text) => {
    expect(check(text, { platform: 'pdd' }).findings.filter((f) => f.category === 'review-inducement')).toEqual([]);
  });
});
