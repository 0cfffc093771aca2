/*
 * Kefu Pilot test simulator — an INVENTED stand-in for the Pinduoduo (拼多多) seller chat workbench.
 * Structure follows lib/adapters/pdd/DOM.md; every name, message and id here is made up.
 * Only PDD's markup and composer: state, messages, timing and window.sim come from the shared engine
 * (../kit/engine.js, window.SimKit), loaded first. API: see README.md.
 */
(function () {
  'use strict';

  var K = window.SimKit;
  var esc = K.esc, p2 = K.p2, cn = K.cn, cnDay = K.cnDay, hm = K.hm;
  var OVER_SEC = 180;          // waiting badge switches to "over time" at 3 minutes
  var app = document.getElementById('app');
  var kit = null;              // the engine (set by init)
  var mk = null;               // markup variant of the current scenario
  var composing = false;       // IME composition in progress

  // ---------------------------------------------------------------- helpers
  function normKey(k) {
    k = String(k || '').toLowerCase().replace(/\s+/g, '+');
    return k === 'enter' ? 'enter' : (k === 'ctrl+enter' || k === 'ctrlenter') ? 'ctrl+enter' : null;
  }
  function fullTime(ts) {
    var d = cn(ts);
    return d.getUTCFullYear() + '年' + p2(d.getUTCMonth() + 1) + '月' + p2(d.getUTCDate()) + '日 ' +
      p2(d.getUTCHours()) + ':' + p2(d.getUTCMinutes()) + ':' + p2(d.getUTCSeconds());
  }
  function shortTime(ts) {
    var d = cn(ts);
    return p2(d.getUTCMonth() + 1) + '-' + p2(d.getUTCDate()) + ' ' + p2(d.getUTCHours()) + ':' + p2(d.getUTCMinutes());
  }
  function waitText(sec) { return '已等待' + K.duration(sec); }
  function groupOf(b, now) { return b.waitingSince == null ? 'all' : kit.waitSec(b, now) < OVER_SEC ? 'unTimeout' : 'unRead'; }
  function preview(b) {
    var m = kit.lastMsg(b);
    if (!m) return '';
    return m.card ? '[商品] ' + m.card.name : m.text;
  }
  function badge(b, now, cls, overCls) {
    if (b.waitingSince == null) return '';
    var s = kit.waitSec(b, now);
    return '<span class="' + (s < OVER_SEC ? cls : overCls) + '">' + waitText(s) + '</span>';
  }
  function $(sel) { return app.querySelector(sel); }

  // ---------------------------------------------------------------- markup variants
  var ROLE = { buyer: 'buyer-item', agent: 'cs-item isread', robot: 'cs-item callback' };
  var STATUS = '<div class="cs-status"><i></i>在线接待中</div><div class="cs-user">客服 · 小橙子</div>';
  var MARKUP = {
    // The platform's markup as described in lib/adapters/pdd/DOM.md.
    normal: {
      skeleton:
        '<div class="header-box"><div class="pdd-logo">拼多多<em>商家客服工作台</em></div>' +
        '<div class="mall-info"><span class="mall-name"></span></div><span class="conv-today"></span>' + STATUS + '</div>' +
        '<div class="chat-list-box"><div class="chat-list-tabs"></div><div class="list-scroll">' +
        '<div class="list-title">未回复</div><ul class="already-unreply"></ul>' +
        '<div class="list-title">最近联系</div><ul class="chat-list"></ul></div></div>' +
        '<div class="chat-window"><div class="chatWindowHeader"><div class="base-info"><span class="name"></span></div></div>' +
        '<div id="msgListContainer" class="msg-pane"><ul class="msg-list"></ul></div>' +
        '<div class="load-tip">加载中…</div><div class="reply-slot"></div></div><div class="side-info"></div>',
      shop: '.mall-name', today: '.conv-today', tabs: '.chat-list-tabs', unreply: 'ul.already-unreply', all: 'ul.chat-list',
      list: '.chat-list-box', rowSel: '.chat-item-box', title: '.chatWindowHeader .base-info .name',
      pane: '#msgListContainer', ul: 'ul.msg-list',
      todayText: function (n) { return '今日接待(' + n + ')'; },
      keyOf: function (el) { return (el.getAttribute('data-random') || '').split('-')[0]; },
      row: function (b, group, active, now) {
        return '<li class="chat-item"><div class="chat-item-box transition' + (active ? ' active' : '') +
          '" data-random="' + esc(b.uid) + '-0-' + group + '">' +
          '<div class="chat-detail"><div class="chat-nickname"><span class="nickname-span">' + esc(b.nickname) + '</span></div>' +
          '<div class="bottom-message"><span class="chat-message-content">' + esc(preview(b)) + '</span></div></div>' +
          '<div class="chat-time"><span class="item-note">' + hm(kit.lastAt(b)) + '</span></div>' +
          badge(b, now, 'chat-unreply-time', 'chat-unreply-over-time') + '</div></li>';
      },
      msg: function (m, showTime) {
        var body = m.sender === 'system'
          ? '<div class="system-msg-1"><span>' + esc(m.text) + '</span></div>'
          : '<div class="' + ROLE[m.sender] + '"><div currentuid="' + esc(m.uid) + '">' + (m.card
            ? '<div class="msg-content good-card"><p class="good-name">' + esc(m.card.name) + '</p><img alt=""></div>'
            : '<div class="msg-content"><p class="msg-content-box">' + esc(m.text) + '</p></div>') + '</div></div>';
        return '<li class="clearfix onemsg" id="middlePanel_list_' + m.id + '"><div class="merchantMessage">' +
          (showTime ? '<p class="message-time">' + fullTime(m.at) + '</p>' : '') + body + '</div></li>';
      }
    },
    // "The platform changed its markup": nothing the adapter knows, except the composer.
    broken: {
      skeleton:
        '<div class="top-bar"><div class="pdd-logo">拼多多<em>商家客服工作台</em></div>' +
        '<div class="shop-box"><b class="shop-title"></b></div><span class="today-count"></span>' + STATUS + '</div>' +
        '<div class="session-panel"><div class="session-tabs"></div><div class="list-scroll">' +
        '<div class="list-title">待回复</div><ul class="pending-list"></ul>' +
        '<div class="list-title">全部会话</div><ul class="session-list"></ul></div></div>' +
        '<div class="conv-window"><div class="session-header"><span class="title"></span></div>' +
        '<div id="msgListWrap" class="msg-pane"><ul class="message-list"></ul></div>' +
        '<div class="load-tip">加载中…</div><div class="reply-slot"></div></div><div class="side-info"></div>',
      shop: '.shop-title', today: '.today-count', tabs: '.session-tabs', unreply: 'ul.pending-list', all: 'ul.session-list',
      list: '.session-panel', rowSel: '.conv-card', title: '.session-header .title',
      pane: '#msgListWrap', ul: 'ul.message-list',
      todayText: function (n) { return '今日咨询 ' + n; },
      keyOf: function (el) { return el.getAttribute('data-key') || ''; },
      row: function (b, group, active, now) {
        return '<li class="session-row"><div class="conv-card' + (active ? ' is-current' : '') + '" data-key="' + esc(b.uid) + '">' +
          '<div class="conv-main"><div class="conv-name">' + esc(b.nickname) + '</div>' +
          '<div class="conv-preview">' + esc(preview(b)) + '</div></div>' +
          '<div class="conv-time">' + hm(kit.lastAt(b)) + '</div>' + badge(b, now, 'wait-tag', 'wait-tag is-over') + '</div></li>';
      },
      msg: function (m, showTime) {
        var side = { buyer: 'left', agent: 'right', robot: 'bot' }[m.sender];
        var body = m.sender === 'system'
          ? '<div class="notice-line">' + esc(m.text) + '</div>'
          : '<div class="bubble bubble-' + side + '" data-peer="' + esc(m.uid) + '">' + (m.card
            ? '<div class="card-box"><div class="card-title">' + esc(m.card.name) + '</div><img alt=""></div>'
            : '<div class="bubble-text">' + esc(m.text) + '</div>') + '</div>';
        return '<li class="msg-row" data-msg-id="' + m.id + '"><div class="msg-wrap">' +
          (showTime ? '<div class="msg-stamp">' + shortTime(m.at) + '</div>' : '') + body + '</div></li>';
      }
    }
  };

  // ---------------------------------------------------------------- composer (persists across resets)
  var replyBox = document.createElement('div');
  replyBox.className = 'reply-box';
  replyBox.innerHTML =
    '<div class="reply-tools"><span class="tool" title="表情">☺ 表情</span><span class="tool">图片</span>' +
    '<span class="tool">快捷短语</span><span class="tool">推荐商品</span>' +
    '<label class="send-key">发送快捷键 <select class="send-key-select">' +
    '<option value="enter">Enter 发送</option><option value="ctrl+enter">Ctrl+Enter 发送</option></select></label></div>' +
    '<textarea id="replyTextarea" maxlength="500"></textarea><div class="send-btn">发送</div>';
  var ta = replyBox.querySelector('#replyTextarea');
  var sendBtn = replyBox.querySelector('.send-btn');
  var keySelect = replyBox.querySelector('.send-key-select');

  ta.addEventListener('compositionstart', function () { composing = true; });
  ta.addEventListener('compositionend', function () { composing = false; });
  ta.addEventListener('blur', function () { composing = false; });
  // Ordinary bubbling listeners: an extension's capture-phase listener runs first and may cancel.
  ta.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' && e.keyCode !== 13) return;
    if (e.defaultPrevented) return;
    if (e.isComposing || e.keyCode === 229 || composing) return;
    var mod = e.ctrlKey || e.metaKey;
    if (kit.sendKey() === 'enter') {
      if (e.shiftKey) return;                                  // native newline
      e.preventDefault();
      if (mod || e.altKey) insertNewline(); else doSend();
    } else if (mod) {
      e.preventDefault();
      doSend();
    }                                                          // plain Enter: native newline
  });
  sendBtn.addEventListener('click', function (e) { if (!e.defaultPrevented) doSend(); });
  keySelect.addEventListener('change', function () { kit.setSendKey(keySelect.value); });

  function insertNewline() {
    ta.setRangeText('\n', ta.selectionStart, ta.selectionEnd, 'end');
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }
  function showSendKey(v) {
    keySelect.value = v;
    ta.placeholder = v === 'enter' ? '请输入回复内容，Enter 发送，Shift+Enter 换行' : '请输入回复内容，Ctrl+Enter 发送，Enter 换行';
  }
  function doSend() {
    var text = ta.value;
    if (!kit.S || !text.trim()) return null;
    var b = kit.openBuyer();
    if (!b) return null;
    var rec = kit.commitSend(b, text).rec;
    ta.value = '';                                             // as Vue's v-model: no input event
    return rec;
  }

  // ---------------------------------------------------------------- rendering
  function buildSkeleton() {
    mk = kit.S.scenario === 'broken' ? MARKUP.broken : MARKUP.normal;
    app.innerHTML = mk.skeleton;                               // replyBox survives: only detached
    $('.reply-slot').replaceWith(replyBox);
    var pane = $(mk.pane);
    pane.addEventListener('scroll', function () {
      var S = kit.S;
      if (S && S.openUid && !S.paneLoading && S.paneFrom > 0 && pane.scrollTop <= 0) kit.loadOlder();
    });
    $(mk.list).addEventListener('click', function (e) {
      var row = e.target.closest(mk.rowSel);
      if (!row) return;
      var uid = mk.keyOf(row);
      if (uid && uid !== kit.S.openUid) kit.open(uid);
    });
  }
  function renderHeader() {
    var S = kit.S;
    $(mk.shop).textContent = S.shop;
    document.title = (S.shop ? S.shop + ' - ' : '') + '拼多多商家后台 - 客服工作台';
  }
  function renderList() {
    var S = kit.S, now = Date.now(), bs = kit.buyers();
    var waiting = bs.filter(function (b) { return b.waitingSince != null; })
      .sort(function (a, b) { return a.waitingSince - b.waitingSince; });
    var all = bs.slice().sort(function (a, b) { return (kit.lastAt(b) || 0) - (kit.lastAt(a) || 0); });
    // Assigning innerHTML replaces every row node, as a Vue re-render would.
    $(mk.unreply).innerHTML = waiting.map(function (b) { return mk.row(b, groupOf(b, now), b.uid === S.openUid, now); }).join('');
    $(mk.all).innerHTML = all.map(function (b) { return mk.row(b, 'all', b.uid === S.openUid, now); }).join('');
    var today = cnDay(now);
    var served = bs.filter(function (b) { return b.msgs.some(function (m) { return m.sender === 'buyer' && cnDay(m.at) === today; }); }).length;
    $(mk.today).textContent = mk.todayText(served);
    $(mk.tabs).innerHTML = '<span class="tab-item on">未回复 <b>' + waiting.length + '</b></span>' +
      '<span class="tab-item">全部 <b>' + all.length + '</b></span><span class="tab-item">星标</span>';
    return waiting.length + all.length;
  }
  function renderChrome(b) {
    $(mk.title).textContent = b ? b.nickname : '';
    $(mk.pane).classList.toggle('is-empty', !b);
    $('.side-info').innerHTML = b
      ? '<div class="side-title">买家信息</div><div class="side-row"><span>昵称</span>' + esc(b.nickname) + '</div>' +
        '<div class="side-row"><span>买家编号</span>' + esc(b.uid) + '</div><div class="side-row"><span>会员等级</span>普通会员</div>' +
        '<div class="side-title">最近订单</div><div class="side-order">暂无可展示的订单信息<br><small>（模拟数据）</small></div>'
      : '<div class="side-title">买家信息</div><div class="side-order">未选择会话</div>';
  }

  // ---------------------------------------------------------------- scenarios
  // [secondsAgo, sender, text | {card: name}]
  function defaultData(k) {
    k.S.shop = '糖果小铺旗舰店';
    k.seed('8801234', '小雨点', [
      [10800, 'buyer', '在吗？想问下这款水果硬糖'], [10790, 'robot', '亲，在的哦~ 有什么可以帮您？'],
      [10740, 'buyer', { card: '什锦水果硬糖 500g 罐装' }], [10700, 'agent', '亲，这款是我们家的爆款哦，现货充足'],
      [10650, 'buyer', '是独立包装的吗'], [10620, 'agent', '是的亲，每颗都是独立小包装，方便携带'],
      [10580, 'buyer', '保质期多久呀'], [10550, 'agent', '保质期18个月，都是近期生产的'],
      [10500, 'buyer', '小朋友能吃吗'], [10470, 'agent', '可以的亲，三岁以下宝宝建议在大人看护下食用哦'],
      [10400, 'buyer', '好的，有优惠吗'], [10380, 'agent', '现在下单满39减5，还送一小包棉花糖～'],
      [10300, 'buyer', '那我拍两罐'], [10280, 'agent', '好的亲，拍下后我们会尽快安排发货'],
      [10200, 'system', '买家已下单，订单待发货'], [10150, 'buyer', '拍好了'],
      [10120, 'agent', '收到～感谢亲的支持，有问题随时找我们哦'], [5400, 'system', '订单已发货，快递：圆通速递'],
      [5300, 'buyer', '看到发货了，大概几天到？'], [5280, 'robot', '亲，一般发货后2-4天送达，偏远地区会稍慢一些哦'],
      [5200, 'buyer', '好的谢谢'], [5150, 'agent', '不客气亲，祝您生活愉快～'],
      [3000, 'buyer', '对了，再问一下'], [2950, 'agent', '亲请说～'],
      [2900, 'buyer', '你们家有没有无糖的款'], [2860, 'agent', '有的亲，木糖醇薄荷糖是无糖的，我发给您看看'],
      [2850, 'agent', { card: '木糖醇无糖薄荷糖 60粒' }],
      [40, 'buyer', '这个薄荷糖还有现货吗？'], [37, 'robot', '亲，您好~ 客服正在快马加鞭赶来，请稍等哦']
    ]);
    k.seed('8805678', '橘子汽水', [
      [7300, 'buyer', '老板，软糖有草莓味的吗'], [7280, 'robot', '亲，在的哦~ 有什么可以帮您？'],
      [7200, 'agent', '有的亲，草莓味和葡萄味都有'], [7100, 'buyer', { card: 'QQ果汁软糖 草莓味 250g' }],
      [7050, 'agent', '就是这款哦，今天下单今天发'], [1800, 'system', '买家已下单，订单待发货'],
      [1750, 'agent', '亲，订单已收到，会在今天下午发出'], [240, 'buyer', '请问什么时候发货呀？'],
      [236, 'robot', '亲，您好~ 客服正在快马加鞭赶来，请稍等哦'], [200, 'buyer', '比较急用，能加急吗']
    ]);
    k.seed('8803141', '星星不眨眼', [
      [14400, 'buyer', { card: '手工牛轧糖礼盒 蔓越莓味' }], [14350, 'buyer', '这个礼盒可以写贺卡吗'],
      [14300, 'agent', '可以的亲，下单时备注贺卡内容就好'], [14200, 'buyer', '好的'],
      [3600, 'system', '买家已收货'], [3500, 'buyer', '收到啦，包装很好看'],
      [3450, 'agent', '谢谢亲的喜欢～方便的话给个好评哦']
    ]);
    k.seed('8807777', '爱吃糖的猫', [
      [9000, 'buyer', '店铺券在哪里领'], [8990, 'robot', '亲，店铺首页顶部就可以领取优惠券哦'],
      [8900, 'buyer', '领到了，可以和满减一起用吗'], [8850, 'agent', '可以叠加使用的亲'],
      [1200, 'buyer', '我刚下单了，帮我备注多放点橘子味的'], [1100, 'agent', '好的亲，已经帮您备注了']
    ]);
    k.seed('8809090', '暴躁小蘑菇', [
      [20000, 'buyer', '巧克力夏天会不会化'], [19950, 'agent', '亲，夏季我们会加冰袋和保温袋发货，请放心'],
      [19000, 'buyer', '那给我发快一点的快递'], [18900, 'agent', '亲，满99元可以免费升级顺丰哦'],
      [6000, 'system', '订单已发货，快递：顺丰速运'], [900, 'buyer', '收到了，没有化，点赞'],
      [850, 'agent', '太好啦～欢迎下次光临']
    ]);
    return '8801234';
  }

  K.install({
    sendKeys: ['enter', 'ctrl+enter'],
    normKey: normKey,
    openDelay: 80,               // "loading" delay when opening a conversation
    olderDelay: 100,             // delay when loading older messages
    defaultAutoReply: { enabled: false, delayMs: 3000, text: '亲，您好~ 客服正在快马加鞭赶来，请稍等哦' },
    scenarios: {
      'default': defaultData,
      empty: function (k) { k.S.shop = '糖果小铺旗舰店'; return null; },
      broken: defaultData
    },
    init: function (k) { kit = k; },
    onReset: function () { composing = false; ta.value = ''; },
    setSendKey: function (k, v) { showSendKey(v); },
    send: function () { return doSend(); },
    type: function (k, text) {
      ta.focus();
      ta.value = String(text == null ? '' : text);
      ta.dispatchEvent(new Event('input', { bubbles: true }));
      return ta.value;
    },
    groupOf: function (k, b, now) { return groupOf(b, now); },
    preview: function (k, b) { return preview(b); },
    build: function () { buildSkeleton(); },
    renderShop: function () { renderHeader(); },
    renderChrome: function (k, b) { renderChrome(b); },
    renderList: function () { return renderList(); },
    pane: function () { return $(mk.pane); },
    ul: function () { return $(mk.ul); },
    msgHtml: function (k, m, showTime) { return mk.msg(m, showTime); },
    setLoading: function (k, on) { $('.load-tip').classList.toggle('show', !!on); }
  });
})();
