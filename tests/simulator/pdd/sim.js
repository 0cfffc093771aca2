/*
 * Kefu Pilot test simulator — an INVENTED stand-in for the Pinduoduo (拼多多) seller chat workbench.
 * Structure follows lib/adapters/pdd/DOM.md; every name, message and id here is made up.
 * Plain browser JS: no build step, no framework, no network. All time comes from Date.now().
 * API: window.sim (see README.md).
 */
(function () {
  'use strict';

  var OVER_SEC = 180;          // waiting badge switches to "over time" at 3 minutes
  var GAP_MS = 5 * 60e3;       // time line when > 5 minutes after the previous message
  var PAGE = 20;               // messages per history page
  var OPEN_DELAY = 80;         // "loading" delay when opening a conversation
  var OLDER_DELAY = 100;       // delay when loading older messages
  var DEFAULT_AUTO = { enabled: false, delayMs: 3000, text: '亲，您好~ 客服正在快马加鞭赶来，请稍等哦' };
  var SENDERS = { buyer: 1, agent: 1, robot: 1, system: 1 };

  var query = parseQuery();
  var app = document.getElementById('app');
  var S = null;                // scenario state (replaced on reset)
  var usedIds = new Set();     // message ids in use (epoch ms, +1 on collision)
  var sent = [];               // {uid, text, ts} for every message sent from the composer
  var composing = false;       // IME composition in progress
  var openToken = 0;           // invalidates stale open / loadOlder timers
  var sendKey = normKey(query.sendKey) || 'enter';
  var autoReply = Object.assign({}, DEFAULT_AUTO);

  // ---------------------------------------------------------------- helpers
  function parseQuery() {
    var out = {}, parts = [location.search.slice(1)], h = location.hash, i = h.indexOf('?');
    if (i >= 0) parts.push(h.slice(i + 1));
    parts.forEach(function (p) {
      p.split('&').forEach(function (kv) {
        if (!kv) return;
        var j = kv.indexOf('=');
        try { out[decodeURIComponent(j < 0 ? kv : kv.slice(0, j))] = j < 0 ? '' : decodeURIComponent(kv.slice(j + 1)); } catch (e) { /* ignore */ }
      });
    });
    return out;
  }
  function normKey(k) {
    k = String(k || '').toLowerCase().replace(/\s+/g, '+');
    return k === 'enter' ? 'enter' : (k === 'ctrl+enter' || k === 'ctrlenter') ? 'ctrl+enter' : null;
  }
  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function p2(n) { return (n < 10 ? '0' : '') + n; }
  // China time (UTC+8, no DST) computed by hand so the machine's zone never matters.
  function cn(ts) { return new Date(ts + 8 * 3600e3); }
  function fullTime(ts) {
    var d = cn(ts);
    return d.getUTCFullYear() + '年' + p2(d.getUTCMonth() + 1) + '月' + p2(d.getUTCDate()) + '日 ' +
      p2(d.getUTCHours()) + ':' + p2(d.getUTCMinutes()) + ':' + p2(d.getUTCSeconds());
  }
  function shortTime(ts) {
    var d = cn(ts);
    return p2(d.getUTCMonth() + 1) + '-' + p2(d.getUTCDate()) + ' ' + p2(d.getUTCHours()) + ':' + p2(d.getUTCMinutes());
  }
  function hm(ts) { if (ts == null) return ''; var d = cn(ts); return p2(d.getUTCHours()) + ':' + p2(d.getUTCMinutes()); }
  function cnDay(ts) { return Math.floor((ts + 8 * 3600e3) / 86400e3); }
  function waitSec(b, now) { return Math.max(0, Math.floor((now - b.waitingSince) / 1000)); }
  function waitText(sec) {
    if (sec < 60) return '已等待' + sec + '秒';
    var m = Math.floor(sec / 60);
    if (m < 60) return '已等待' + m + '分钟';
    var h = Math.floor(m / 60), r = m % 60;
    return '已等待' + h + '小时' + (r ? r + '分钟' : '');
  }
  function groupOf(b, now) { return b.waitingSince == null ? 'all' : waitSec(b, now) < OVER_SEC ? 'unTimeout' : 'unRead'; }
  function lastMsg(b) { return b.msgs[b.msgs.length - 1] || null; }
  function lastAt(b) { var m = lastMsg(b); return m ? m.at : null; }
  function preview(b) {
    var m = lastMsg(b);
    if (!m) return '';
    return m.card ? '[商品] ' + m.card.name : m.text;
  }
  function badge(b, now, cls, overCls) {
    if (b.waitingSince == null) return '';
    var s = waitSec(b, now);
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
          '<div class="chat-time"><span class="item-note">' + hm(lastAt(b)) + '</span></div>' +
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
          '<div class="conv-time">' + hm(lastAt(b)) + '</div>' + badge(b, now, 'wait-tag', 'wait-tag is-over') + '</div></li>';
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
  function M() { return S && S.broken ? MARKUP.broken : MARKUP.normal; }

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
    if (sendKey === 'enter') {
      if (e.shiftKey) return;                                  // native newline
      e.preventDefault();
      if (mod || e.altKey) insertNewline(); else doSend();
    } else if (mod) {
      e.preventDefault();
      doSend();
    }                                                          // plain Enter: native newline
  });
  sendBtn.addEventListener('click', function (e) { if (!e.defaultPrevented) doSend(); });
  keySelect.addEventListener('change', function () { setSendKey(keySelect.value); });

  function insertNewline() {
    ta.setRangeText('\n', ta.selectionStart, ta.selectionEnd, 'end');
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }
  function setSendKey(k) {
    var v = normKey(k);
    if (!v) throw new Error('sim.setSendKey: expected "enter" or "ctrl+enter", got ' + k);
    sendKey = v;
    keySelect.value = v;
    ta.placeholder = v === 'enter' ? '请输入回复内容，Enter 发送，Shift+Enter 换行' : '请输入回复内容，Ctrl+Enter 发送，Enter 换行';
    return v;
  }
  function doSend() {
    var text = ta.value;
    if (!S || !text.trim()) return null;
    var b = S.openUid && S.buyers.get(S.openUid);
    if (!b) return null;
    var at = Date.now();
    addMessage(b, 'agent', text, at, null);
    ta.value = '';
    var rec = { uid: b.uid, text: text, ts: at };
    sent.push(rec);
    return rec;
  }

  // ---------------------------------------------------------------- data
  function uniqueId(at) {
    var id = Math.floor(at);
    while (usedIds.has(id)) id++;
    usedIds.add(id);
    return id;
  }
  function recomputeWaiting(b) {
    var w = null;
    for (var i = 0; i < b.msgs.length; i++) {
      var m = b.msgs[i];
      if (m.sender === 'agent') w = null;
      else if (m.sender === 'buyer' && w == null) w = m.at;   // robot / system do not clear waiting
    }
    b.waitingSince = w;
  }
  function makeMsg(b, sender, text, at, card) {
    if (!SENDERS[sender]) throw new Error('sim: unknown sender ' + sender);
    at = at == null ? Date.now() : Number(at);
    return { id: uniqueId(at), uid: b.uid, sender: sender, text: text == null ? '' : String(text), at: at,
      card: card ? { name: String(card.name || '') } : null };
  }
  function ensureBuyer(uid, nickname) {
    uid = String(uid);
    var b = S.buyers.get(uid);
    if (!b) {
      b = { uid: uid, nickname: nickname || ('买家' + uid.slice(-4)), msgs: [], waitingSince: null };
      S.buyers.set(uid, b);
      S.order.push(uid);
    } else if (nickname) b.nickname = String(nickname);
    return b;
  }
  function addBuyer(o) {
    if (!o || o.uid == null) throw new Error('sim.addBuyer: uid required');
    var b = ensureBuyer(o.uid, o.nickname);
    (o.history || []).forEach(function (h) { b.msgs.push(makeMsg(b, h.sender || 'buyer', h.text, h.at, h.card)); });
    b.msgs.sort(function (x, y) { return x.at - y.at || x.id - y.id; });
    recomputeWaiting(b);
    if (b.uid === S.openUid && !S.paneLoading) { S.paneFrom = Math.max(0, b.msgs.length - PAGE); renderPane(); }
    renderList();
    return summary(b, Date.now());
  }
  function addMessage(b, sender, text, at, card) {
    var m = makeMsg(b, sender, text, at, card);
    var i = b.msgs.length;
    while (i > 0 && b.msgs[i - 1].at > m.at) i--;
    b.msgs.splice(i, 0, m);
    recomputeWaiting(b);
    if (b.uid === S.openUid && !S.paneLoading) {
      if (i === b.msgs.length - 1) {
        paneUl().insertAdjacentHTML('beforeend', msgHtml(b, i));
        scrollBottom();
      } else if (i < S.paneFrom) S.paneFrom++;                 // older than what is shown
      else renderPane();
    }
    renderList();
    return { id: m.id, uid: b.uid, sender: m.sender, at: m.at };
  }
  function maybeAutoReply(b) {
    if (!autoReply.enabled) return;
    var st = S, uid = b.uid;
    setTimeout(function () {
      if (S === st && S.buyers.has(uid)) addMessage(S.buyers.get(uid), 'robot', autoReply.text, Date.now(), null);
    }, Math.max(0, Number(autoReply.delayMs) || 0));
  }
  function summary(b, now) {
    var w = b.waitingSince != null;
    return { uid: b.uid, nickname: b.nickname, messages: b.msgs.length, waiting: w, waitingSince: b.waitingSince,
      waitingSec: w ? waitSec(b, now) : null, group: groupOf(b, now), preview: preview(b), lastAt: lastAt(b) };
  }

  // ---------------------------------------------------------------- rendering
  function buildSkeleton() {
    app.innerHTML = M().skeleton;                              // replyBox survives: only detached
    $('.reply-slot').replaceWith(replyBox);
    var pane = $(M().pane);
    pane.addEventListener('scroll', function () {
      if (S && S.openUid && !S.paneLoading && S.paneFrom > 0 && pane.scrollTop <= 0) loadOlder();
    });
    $(M().list).addEventListener('click', function (e) {
      var row = e.target.closest(M().rowSel);
      if (!row) return;
      var uid = M().keyOf(row);
      if (uid && uid !== S.openUid) open(uid);
    });
  }
  function renderHeader() {
    $(M().shop).textContent = S.shop;
    document.title = (S.shop ? S.shop + ' - ' : '') + '拼多多商家后台 - 客服工作台';
  }
  function renderList() {
    if (!S) return 0;
    var now = Date.now(), mk = M(), bs = S.order.map(function (u) { return S.buyers.get(u); });
    var waiting = bs.filter(function (b) { return b.waitingSince != null; })
      .sort(function (a, b) { return a.waitingSince - b.waitingSince; });
    var all = bs.slice().sort(function (a, b) { return (lastAt(b) || 0) - (lastAt(a) || 0); });
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
  function paneUl() { return $(M().ul); }
  function msgHtml(b, i) {
    var m = b.msgs[i];
    return M().msg(m, i === 0 || m.at - b.msgs[i - 1].at > GAP_MS);
  }
  function renderPane() {
    var b = S.openUid && S.buyers.get(S.openUid), html = '';
    if (b) for (var i = S.paneFrom; i < b.msgs.length; i++) html += msgHtml(b, i);
    paneUl().innerHTML = html;
    scrollBottom();
  }
  function scrollBottom() { var p = $(M().pane); p.scrollTop = p.scrollHeight; }
  function setLoading(on) { $('.load-tip').classList.toggle('show', !!on); }
  function renderChrome(b) {
    $(M().title).textContent = b ? b.nickname : '';
    $(M().pane).classList.toggle('is-empty', !b);
    $('.side-info').innerHTML = b
      ? '<div class="side-title">买家信息</div><div class="side-row"><span>昵称</span>' + esc(b.nickname) + '</div>' +
        '<div class="side-row"><span>买家编号</span>' + esc(b.uid) + '</div><div class="side-row"><span>会员等级</span>普通会员</div>' +
        '<div class="side-title">最近订单</div><div class="side-order">暂无可展示的订单信息<br><small>（模拟数据）</small></div>'
      : '<div class="side-title">买家信息</div><div class="side-order">未选择会话</div>';
  }

  // ---------------------------------------------------------------- open / history
  function open(uid) {
    if (!S) return Promise.reject(new Error('sim: not ready'));
    uid = String(uid);
    var b = S.buyers.get(uid);
    if (!b) return Promise.reject(new Error('sim.open: unknown uid ' + uid));
    if (uid === S.openUid && S.openPromise) return S.openPromise;
    var tok = ++openToken, st = S;
    S.openUid = uid;
    S.paneLoading = true;
    S.paneFrom = b.msgs.length;
    paneUl().innerHTML = '';                                   // pane cleared, history follows
    renderChrome(b);
    setLoading(true);
    renderList();
    S.openPromise = new Promise(function (resolve) {
      setTimeout(function () {
        if (tok !== openToken || S !== st) { resolve({ uid: uid, superseded: true, rendered: 0 }); return; }
        S.paneFrom = Math.max(0, b.msgs.length - PAGE);
        S.paneLoading = false;
        setLoading(false);
        renderPane();
        resolve({ uid: uid, rendered: b.msgs.length - S.paneFrom, total: b.msgs.length });
      }, OPEN_DELAY);
    });
    return S.openPromise;
  }
  function loadOlder() {
    if (!S || !S.openUid) return Promise.resolve(0);
    if (S.olderPromise) return S.olderPromise;
    if (S.paneLoading) return S.openPromise.then(function () { return loadOlder(); });
    if (S.paneFrom <= 0) return Promise.resolve(0);
    var tok = openToken, st = S;
    setLoading(true);
    S.olderPromise = new Promise(function (resolve) {
      setTimeout(function () {
        st.olderPromise = null;
        if (tok !== openToken || S !== st) { resolve(0); return; }
        setLoading(false);
        var b = S.buyers.get(S.openUid), from = Math.max(0, S.paneFrom - PAGE), html = '';
        for (var i = from; i < S.paneFrom; i++) html += msgHtml(b, i);
        var pane = $(M().pane), oldH = pane.scrollHeight, oldTop = pane.scrollTop;
        paneUl().insertAdjacentHTML('afterbegin', html);
        var n = S.paneFrom - from;
        S.paneFrom = from;
        pane.scrollTop = pane.scrollHeight - oldH + oldTop;    // keep the reader's position
        resolve(n);
      }, OLDER_DELAY);
    });
    return S.olderPromise;
  }

  // ---------------------------------------------------------------- scenarios
  // seed(uid, nickname, [[secondsAgo, sender, text | {card: name}], ...])
  function seed(uid, nickname, steps) {
    var now = seedNow;
    addBuyer({ uid: uid, nickname: nickname, history: steps.map(function (s) {
      var card = s[2] && typeof s[2] === 'object' ? { name: s[2].card } : null;
      return { sender: s[1], text: card ? '' : s[2], at: now - s[0] * 1000, card: card };
    }) });
  }
  function defaultData() {
    S.shop = '糖果小铺旗舰店';
    seed('8801234', '小雨点', [
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
    seed('8805678', '橘子汽水', [
      [7300, 'buyer', '老板，软糖有草莓味的吗'], [7280, 'robot', '亲，在的哦~ 有什么可以帮您？'],
      [7200, 'agent', '有的亲，草莓味和葡萄味都有'], [7100, 'buyer', { card: 'QQ果汁软糖 草莓味 250g' }],
      [7050, 'agent', '就是这款哦，今天下单今天发'], [1800, 'system', '买家已下单，订单待发货'],
      [1750, 'agent', '亲，订单已收到，会在今天下午发出'], [240, 'buyer', '请问什么时候发货呀？'],
      [236, 'robot', '亲，您好~ 客服正在快马加鞭赶来，请稍等哦'], [200, 'buyer', '比较急用，能加急吗']
    ]);
    seed('8803141', '星星不眨眼', [
      [14400, 'buyer', { card: '手工牛轧糖礼盒 蔓越莓味' }], [14350, 'buyer', '这个礼盒可以写贺卡吗'],
      [14300, 'agent', '可以的亲，下单时备注贺卡内容就好'], [14200, 'buyer', '好的'],
      [3600, 'system', '买家已收货'], [3500, 'buyer', '收到啦，包装很好看'],
      [3450, 'agent', '谢谢亲的喜欢～方便的话给个好评哦']
    ]);
    seed('8807777', '爱吃糖的猫', [
      [9000, 'buyer', '店铺券在哪里领'], [8990, 'robot', '亲，店铺首页顶部就可以领取优惠券哦'],
      [8900, 'buyer', '领到了，可以和满减一起用吗'], [8850, 'agent', '可以叠加使用的亲'],
      [1200, 'buyer', '我刚下单了，帮我备注多放点橘子味的'], [1100, 'agent', '好的亲，已经帮您备注了']
    ]);
    seed('8809090', '暴躁小蘑菇', [
      [20000, 'buyer', '巧克力夏天会不会化'], [19950, 'agent', '亲，夏季我们会加冰袋和保温袋发货，请放心'],
      [19000, 'buyer', '那给我发快一点的快递'], [18900, 'agent', '亲，满99元可以免费升级顺丰哦'],
      [6000, 'system', '订单已发货，快递：顺丰速运'], [900, 'buyer', '收到了，没有化，点赞'],
      [850, 'agent', '太好啦～欢迎下次光临']
    ]);
    return '8801234';
  }
  var SCENARIOS = {
    'default': defaultData,
    broken: defaultData,
    empty: function () { S.shop = '糖果小铺旗舰店'; return null; }
  };

  // A reload shows the same messages at the same times, as the real page does: the scenario's base
  // time is kept in sessionStorage (per tab) and reused by the first reset after a reload.
  var seedNow = 0;
  function baseTime(name, reuse) {
    var key = 'kefu-sim-base-' + name, kept = null;
    try { kept = reuse ? Number(sessionStorage.getItem(key)) || null : null; } catch (e) { kept = null; }
    var base = kept || Date.now();
    try { sessionStorage.setItem(key, String(base)); } catch (e) { /* file:// or storage off */ }
    return base;
  }

  function reset(name, reuseBase) {
    name = name || 'default';
    seedNow = baseTime(name, reuseBase === true);
    if (!SCENARIOS[name]) throw new Error('sim.reset: unknown scenario ' + name + ' (default | empty | broken)');
    openToken++;
    S = { scenario: name, broken: name === 'broken', shop: '', buyers: new Map(), order: [], openUid: null,
      paneFrom: 0, paneLoading: false, openPromise: null, olderPromise: null };
    usedIds.clear();
    sent.length = 0;
    composing = false;
    autoReply = Object.assign({}, DEFAULT_AUTO);
    ta.value = '';
    setSendKey(normKey(query.sendKey) || 'enter');
    buildSkeleton();
    var openUid = SCENARIOS[name]();
    renderHeader();
    renderChrome(null);
    renderList();
    return openUid ? open(openUid) : Promise.resolve(null);
  }

  // ---------------------------------------------------------------- badge tick (the only interval)
  setInterval(function () {
    if (!S) return;
    for (var b of S.buyers.values()) if (b.waitingSince != null) { renderList(); return; }
  }, 1000);

  // ---------------------------------------------------------------- public API
  function buyerOrThrow(uid) {
    var b = S.buyers.get(String(uid));
    if (!b) throw new Error('sim: unknown uid ' + uid);
    return b;
  }
  window.sim = {
    reset: reset,
    setShop: function (name) { S.shop = String(name); renderHeader(); return S.shop; },
    addBuyer: addBuyer,
    buyerSays: function (uid, text, opts) {
      opts = opts || {};
      var b = ensureBuyer(uid);
      var r = addMessage(b, 'buyer', opts.card ? '' : text, opts.at, opts.card);
      maybeAutoReply(b);
      return r;
    },
    robotSays: function (uid, text, opts) { return addMessage(buyerOrThrow(uid), 'robot', text, (opts || {}).at, null); },
    systemSays: function (uid, text, opts) { return addMessage(buyerOrThrow(uid), 'system', text, (opts || {}).at, null); },
    agentSays: function (uid, text, opts) {
      opts = opts || {};
      return addMessage(buyerOrThrow(uid), 'agent', opts.card ? '' : text, opts.at, opts.card);
    },
    open: open,
    loadOlder: loadOlder,
    type: function (text) {
      ta.focus();
      ta.value = String(text == null ? '' : text);
      ta.dispatchEvent(new Event('input', { bubbles: true }));
      return ta.value;
    },
    send: function () { return doSend(); },
    setSendKey: setSendKey,
    setAutoReply: function (o) {
      o = o || {};
      if ('enabled' in o) autoReply.enabled = !!o.enabled;
      if (o.delayMs != null) autoReply.delayMs = Number(o.delayMs);
      if (o.text != null) autoReply.text = String(o.text);
      return Object.assign({}, autoReply);
    },
    rerenderList: function () { return renderList(); },
    state: function () {
      var now = Date.now(), buyers = S.order.map(function (u) { return summary(S.buyers.get(u), now); });
      var ob = S.openUid && S.buyers.get(S.openUid);
      return {
        scenario: S.scenario, shop: S.shop, sendKey: sendKey, autoReply: Object.assign({}, autoReply),
        openUid: S.openUid, loading: S.paneLoading, buyers: buyers,
        waiting: buyers.filter(function (b) { return b.waiting; }).map(function (b) { return b.uid; }),
        messages: paneUl().children.length, openTotal: ob ? ob.msgs.length : 0,
        olderAvailable: ob && !S.paneLoading ? S.paneFrom : 0, sent: sent.length
      };
    },
    sent: sent
  };

  var initial = SCENARIOS[query.scenario] ? query.scenario : 'default';
  reset(initial, true).then(function () {
    window.simReady = true;
    window.dispatchEvent(new CustomEvent('sim:ready'));
  });
})();
