/*
 * Kefu Pilot test simulator — an INVENTED stand-in for the JD 京东咚咚 (Dongdong) web workbench
 * (https://dongdong.jd.com/). Structure follows /work/shared/design/platforms/jd.md §3–§9 and §14–§15;
 * every name, pin, message, number and id here is made up. Only Dongdong's markup, its pell-style
 * composer and window.session: state, messages, timing and window.sim come from the shared engine
 * (./_kit/engine.js, window.SimKit), loaded first. API: see README.md.
 */
(function () {
  'use strict';

  var K = window.SimKit;
  var esc = K.esc, p2 = K.p2, cn = K.cn, cnDay = K.cnDay, hm = K.hm, hms = K.hms;
  var VENDER_ID = '7700231';                    // invented shop id (the row ids' last part)
  var SHOP = '山茶小铺';
  var AGENT_PIN = 'shancha-xiaolin';            // the agent's own pin (session.pin)
  var COLLEAGUE = { pin: 'shancha-xiaozhou', name: '客服小周' };
  var GREETING = '您好，我是京小智，很高兴为您服务~ 请问有什么可以帮您？';
  var IMG_DELAY = 500;                          // image "download" time (ms): .message_img_loading first
  var READ_DELAY = 1000;                        // 已读 appears this long after one of our messages
  var TABS = [
    { key: 'current', title: '正在咨询' }, { key: 'history', title: '历史咨询' },
    { key: 'contacts', title: '常用联系人' }, { key: 'groups', title: '群聊' }, { key: 'org', title: '组织架构' }
  ];
  var root = document.querySelector('.root');
  var kit = null, O = null;                     // engine, platform options
  var R = {};                                   // element refs of the current skeleton
  var tab = 'current';
  var status = 'receiving';                     // 接待 | 挂起 ('suspended')
  var held = [];                                // buyer messages held while 挂起 (new consultations only)
  var colleague = null;                         // the internal row under 内部会话&群聊
  var rowUid = new Map();                       // row id → buyer uid (the simulator's own bookkeeping)
  var drafts = {};                              // uid → composer HTML kept while another conversation is open
  var model = '';                               // pell's content: editor.innerHTML as of the last input event
  var composerUid = null;                       // whose draft the editor holds
  var composing = false;
  var pending = [];                             // image inserts in flight (paste / drop / file picker)
  var sessionCalls = [];                        // calls of session methods that must never be called
  var transferOpen = false;

  // ---------------------------------------------------------------- styled-components wrappers
  // `sc-<6 chars> <6 chars>`: a new hash for every wrapper on every load (kept across reset).
  var MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', LOWER = 'abcdefghijklmnopqrstuvwxyz';
  function rnd(alph, n) { var s = ''; for (var i = 0; i < n; i++) s += alph.charAt(Math.floor(Math.random() * alph.length)); return s; }
  function scName() { return 'sc-' + rnd(MIXED, 6) + ' ' + rnd(LOWER, 6); }
  var SC = { chat: scName(), recent: scName(), head: scName(), foot: scName(), rail: scName() };

  // ---------------------------------------------------------------- scenario broken
  // "Dongdong changed its markup": every hand-written hook the note lists is renamed, except
  // `.panel-content .chat-wrap` (the page is still recognised) and the composer (sending works).
  var TOKENS = [
    [/^alluser-/, 'contact-'], [/^t-item-/, 't-row-'], [/^c_tabs/, 'x_tabs'], [/^c_cas-head$/, 'x_group-head'],
    [/^c_stream/, 'x_stream'], [/^user-none-reply-t$/, 'user-wait-t'], [/^chat-head/, 'conv-head'],
    [/^chatHead-/, 'convHead-'], [/^consult-type$/, 'consult-kind'], [/^message/, 'msg'], [/^c-wrap$/, 'x-wrap'],
    [/^c-c$/, 'x-c'], [/^Card/, 'Goods'], [/^ProductCard$/, 'GoodsCard'], [/^Error$/, 'Fail'],
    [/^last-chat-/, 'prev-chat-'], [/^recent-user-w$/, 'recent-contact-w'], [/^list-compatible$/, 'list-compat'],
    [/^chat-product$/, 'conv-product'], [/^chat-transfer/, 'conv-transfer'], [/^transfer-list-item$/, 'transfer-row']
  ];
  function broken() { return !!(kit && kit.S && kit.S.scenario === 'broken'); }
  function renameTok(t) {
    for (var i = 0; i < TOKENS.length; i++) if (TOKENS[i][0].test(t)) return t.replace(TOKENS[i][0], TOKENS[i][1]);
    return t;
  }
  function C(name) { return broken() ? name.split(' ').map(renameTok).join(' ') : name; }
  function out(html) {
    if (!broken()) return html;
    return html
      .replace(/class="([^"]*)"/g, function (m, v) { return 'class="' + v.split(' ').map(renameTok).join(' ') + '"'; })
      .replace(/id="t-alluser-wrap"/g, 'id="t-contact-wrap"').replace(/id="t-chat-scroll"/g, 'id="t-msg-scroll"')
      .replace(/ id="s_/g, ' id="m_').replace(/ id="u_/g, ' id="c_').replace(/ title="/g, ' data-tip="');
  }

  // ---------------------------------------------------------------- pictures (data: URIs, no network)
  var COLORS = ['#e8684a', '#3f9ae8', '#f59a23', '#5ab88d', '#9b7be0', '#4cb6c4', '#d96f9a', '#e0a03c'];
  function svg(body, w, h) {
    return 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="' + w +
      '" height="' + h + '" viewBox="0 0 ' + w + ' ' + h + '">' + body + '</svg>');
  }
  function avatarPic(ch, bg) {
    return svg('<rect width="64" height="64" rx="32" fill="' + bg + '"/><text x="32" y="42" font-size="26" text-anchor="middle" ' +
      'fill="#fff" font-family="WenQuanYi Micro Hei, sans-serif">' + esc(ch) + '</text>', 64, 64);
  }
  function hashOf(s) { var h = 0; for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 100003; return h; }
  function buyerAvatar(b) { return avatarPic((b.nickname || '顾').charAt(0), COLORS[hashOf(b.uid) % COLORS.length]); }
  var AGENT_AVATAR = avatarPic('林', '#0083ff');
  var ROBOT_AVATAR = avatarPic('智', '#e1251b');
  var COLLEAGUE_AVATAR = avatarPic('周', '#6b7a90');
  var SPINNER = svg('<g class="lds-spinner" fill="#b3b8bf">' + [0, 45, 90, 135, 180, 225, 270, 315].map(function (a, i) {
    return '<rect x="29" y="6" width="6" height="14" rx="3" opacity="' + (0.3 + i * 0.09).toFixed(2) + '" transform="rotate(' + a + ' 32 32)"/>';
  }).join('') + '</g>', 64, 64);
  var PHOTO = svg('<defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#cfe8c8"/><stop offset="1" stop-color="#4f8a4a"/></linearGradient></defs>' +
    '<rect width="180" height="130" rx="6" fill="url(#g)"/><rect x="50" y="38" width="80" height="58" rx="8" fill="#fff" opacity=".8"/>' +
    '<text x="90" y="74" font-size="16" text-anchor="middle" fill="#3d6b39" font-family="WenQuanYi Micro Hei, sans-serif">礼盒</text>', 180, 130);
  var CARD_PLACEHOLDER = svg('<rect width="60" height="60" fill="#eef0f3"/><path d="M18 40l8-10 6 7 5-5 7 8z" fill="#c3c8d0"/><circle cx="24" cy="22" r="4" fill="#c3c8d0"/>', 60, 60);
  var THUMBS = ['#7aa35a', '#c9a24b', '#a0672e', '#5d8c3a', '#b5523b', '#6b8f4a'];
  function cardCover(name) {
    return svg('<rect width="60" height="60" rx="4" fill="' + THUMBS[hashOf(name) % THUMBS.length] + '"/><text x="30" y="37" font-size="15" ' +
      'text-anchor="middle" fill="#fff" font-family="WenQuanYi Micro Hei, sans-serif">茶</text>', 60, 60);
  }

  // ---------------------------------------------------------------- time texts (China time)
  function ymd(ts) { var d = cn(ts); return d.getUTCFullYear() + '-' + p2(d.getUTCMonth() + 1) + '-' + p2(d.getUTCDate()); }
  function md(ts) { var d = cn(ts); return p2(d.getUTCMonth() + 1) + '-' + p2(d.getUTCDate()); }
  function year(ts) { return cn(ts).getUTCFullYear(); }
  // .message__time_str in the format chosen by ?timeFormat= (auto: by age).
  function msgTime(ts) {
    var f = O.timeFormat, now = Date.now();
    if (f === 'auto') f = cnDay(ts) === cnDay(now) ? 'hms' : year(ts) === year(now) ? 'mdhms' : 'ymdhms';
    return f === 'hms' ? hms(ts) : f === 'mdhms' ? md(ts) + ' ' + hms(ts) : ymd(ts) + ' ' + hms(ts);
  }
  function rowTime(ts) {
    if (ts == null) return '';
    var now = Date.now();
    return cnDay(ts) === cnDay(now) ? hm(ts) : year(ts) === year(now) ? md(ts) : ymd(ts);
  }

  // ---------------------------------------------------------------- data helpers
  function isClosed(b) {
    for (var i = b.msgs.length - 1; i >= 0; i--) {
      var m = b.msgs[i];
      if (m.closes) return true;
      if (m.sender === 'buyer' || m.sender === 'agent') return false;
    }
    return false;
  }
  function groupOf(b) { return isClosed(b) ? 'history' : b.leave ? 'leave' : 'consulting'; }
  function lastChat(b) {
    for (var i = b.msgs.length - 1; i >= 0; i--) if (b.msgs[i].sender !== 'system') return b.msgs[i];
    return null;
  }
  function preview(b) {
    var m = lastChat(b);
    if (!m) return '';
    return m.image ? '[图片]' : m.card ? '[商品]' : m.text;
  }
  // The history pane's marker: the buyer's message was the last word (robots do not answer).
  function unanswered(b) {
    for (var i = b.msgs.length - 1; i >= 0; i--) {
      if (b.msgs[i].sender === 'agent') return false;
      if (b.msgs[i].sender === 'buyer') return true;
    }
    return false;
  }
  function mine(m) { return m.sender === 'agent' || m.sender === 'robot'; }
  function rowId(pin, app) { return 'u_' + pin + app + VENDER_ID; }
  function later(ms, fn) { var st = kit.S; setTimeout(function () { if (kit.S === st) fn(); }, ms); }

  // ---------------------------------------------------------------- skeleton
  function buildSkeleton() {
    document.title = '京东咚咚';
    rowUid = new Map();
    root.innerHTML = out(
      '<div class="windows"><div class="container">' +
      '<header id="t-body_header" class="theme-back-img"><div class="' + SC.rail + '">' +
      '<div class="header-avatar"><img class="header-avatar-img" alt="" src="' + AGENT_AVATAR + '"><i class="header-avatar-dot"></i></div>' +
      '<div class="waiter-status"><span class="waiter-status-cur"></span>' +
      '<span class="waiter-status-btn">接待</span><span class="waiter-status-btn">挂起</span></div>' +
      '<div class="header-nav"><div class="header-nav-item header-nav-item_check"><i></i>聊天</div><div class="header-nav-item"><i></i>通讯录</div>' +
      '<div class="header-nav-item"><i></i>设置</div></div>' +
      '<div class="header-stat"><div class="header-stat-item"><b class="header-stat-today">0</b><span>今日咨询</span></div>' +
      '<div class="header-stat-item"><b>3</b><span>未下单</span></div><div class="header-stat-item"><b>1</b><span>待付款</span></div>' +
      '<div class="header-stat-item"><b>2</b><span>已付款</span></div></div></div></header>' +
      '<div class="panel-content">' +
      '<div class="ulist-wrap"><div id="t-ulist_search" class="search-wrap"><input class="search-input" placeholder="搜索联系人"></div>' +
      '<div id="t-alluser-wrap" class="alluser-wrap"><div class="c_tabs c_tabs-pos_top">' +
      '<div class="c_tabs-bar"><div class="c_tabs-nav-container">' + TABS.map(function (t, i) {
        return '<div class="c_tabs-tab' + (i === 0 ? ' c_tabs-tab_check' : '') + '" title="' + t.title + '">' +
          (t.key === 'history' ? '<i class="c_tabs-icon-clock"></i>' : '<span class="c_tabs-tab-text">' + t.title.slice(0, 2) + '</span>') + '</div>';
      }).join('') + '</div></div>' +
      '<div class="c_tabs-content">' +
      '<div class="c_tabs-tabpane"><div class="list-compatible"><div class="c_stream"><div class="c_stream-content"></div></div></div></div>' +
      '<div class="c_tabs-tabpane c_tabs-tab_inactive"><div class="recent-user-w"><div class="' + SC.recent + '"><div class="c_stream">' +
      '<div class="c_stream-content"></div></div></div></div></div>' +
      '<div class="c_tabs-tabpane c_tabs-tab_inactive"><div class="c_stream"><div class="c_stream-content"><div class="c_empty">暂无常用联系人</div></div></div></div>' +
      '<div class="c_tabs-tabpane c_tabs-tab_inactive"><div class="c_stream"><div class="c_stream-content"><div class="c_empty">暂无群聊</div></div></div></div>' +
      '<div class="c_tabs-tabpane c_tabs-tab_inactive"><div class="c_stream"><div class="c_stream-content"><div class="c_empty">山茶小铺 · 客服组</div></div></div></div>' +
      '</div></div></div></div>' +
      '<div class="panel-content-left"><div class="chat-wrap">' +
      '<div class="chat-head"></div>' +
      '<div class="chat-content-w">' +
      '<div id="t-chat-scroll" class="chat-scroll-wrap"><div class="' + SC.chat + '"><div class="c-wrap"><div class="c-c"></div></div></div>' +
      '<div class="chat-loading"><img alt="" src="' + SPINNER + '"></div></div>' +
      '<div class="editor-hori-divider"></div><div class="chat-foot-slot"></div>' +
      '<div class="chat-blank">暂无会话，请从左侧选择顾客</div></div></div></div>' +
      '<div class="phrase-wrap"><div class="phrase-head">快捷短语</div><div class="phrase-list">' + PHRASES.map(function (p) {
        return '<div class="phrase-item" title="' + esc(p) + '">' + esc(p) + '</div>';
      }).join('') + '</div></div>' +
      '</div>' +
      '<div class="plugin-wrap">' + ['顾客信息', '订单', '商品', '优惠券', '售后', '工单'].map(function (p) {
        return '<div class="plugin-item"><i></i><span>' + p + '</span></div>';
      }).join('') + '</div>' +
      '</div></div>');
    function q(cls) { return root.querySelector('.' + C(cls).split(' ')[0]); }
    var panes = root.querySelectorAll('.' + C('c_tabs-tabpane'));
    R = {
      status: root.querySelector('.waiter-status'), today: root.querySelector('.header-stat-today'),
      alluser: q('alluser-wrap'), nav: q('c_tabs-nav-container'), panes: panes,
      current: panes[0].querySelector('.' + C('c_stream-content')), history: panes[1].querySelector('.' + C('c_stream-content')),
      head: q('chat-head'), content: root.querySelector('.chat-content-w'), wrap: q('c-wrap'), cc: q('c-c'),
      loading: root.querySelector('.chat-loading'), slot: root.querySelector('.chat-foot-slot'),
      blank: root.querySelector('.chat-blank'), phrases: root.querySelector('.phrase-list'),
      staging: document.createElement('div')                       // receives the engine's clear while loading
    };
    R.alluser.addEventListener('click', onListClick);
    R.nav.addEventListener('click', function (e) {
      var t = e.target.closest('.' + C('c_tabs-tab'));
      if (t) showTab(TABS[Array.prototype.indexOf.call(R.nav.children, t)].key);
    });
    R.status.addEventListener('click', function (e) {
      var t = e.target.closest('.waiter-status-btn');
      if (t) setStatus(t.textContent === '挂起' ? 'suspended' : 'receiving');
    });
    R.wrap.addEventListener('scroll', function () {
      var S = kit.S;
      if (S && S.openUid && !S.paneLoading && S.paneFrom > 0 && R.wrap.scrollTop <= 0) kit.loadOlder();
    });
    R.head.addEventListener('click', function (e) {
      if (e.target.closest('.' + C('chat-transfer-tag'))) { transferOpen = !transferOpen; renderHead(kit.openBuyer()); return; }
      if (e.target.closest('.' + C('transfer-list-item'))) { transferOpen = false; renderHead(kit.openBuyer()); }
    });
    R.phrases.addEventListener('click', function (e) {
      var p = e.target.closest('.phrase-item');
      if (p && kit.openBuyer()) insertText(p.textContent);
    });
    renderRail();
  }
  var PHRASES = ['亲，在的，请问有什么可以帮您？', '亲，今天下单今天发货哦~', '默认发京东快递，一般1-3天送达',
    '亲，您可以在订单页申请电子发票', '感谢您的耐心等待，祝您生活愉快~'];

  function renderRail() {
    if (!R.status) return;
    R.status.querySelector('.waiter-status-cur').textContent = status === 'suspended' ? '挂起中' : '接待中';
    var btns = R.status.querySelectorAll('.waiter-status-btn');
    btns[0].className = 'waiter-status-btn' + (status === 'receiving' ? ' waiter-status-btn_check' : '');
    btns[1].className = 'waiter-status-btn' + (status === 'suspended' ? ' waiter-status-btn_check' : '');
    R.status.className = 'waiter-status ' + (status === 'suspended' ? 'waiter-status_suspend' : 'waiter-status_online');
    root.querySelector('.header-avatar-dot').className = 'header-avatar-dot' + (status === 'suspended' ? ' header-avatar-dot_suspend' : '');
  }

  // ---------------------------------------------------------------- conversation list
  function rowHtml(o) {
    return '<div class="c_stream-item-w"><div class="alluser-item-content">' +
      '<div class="alluser-item t-item-h alluser-item__normal  ' + (o.active ? 'alluser-item_check t-item-ck alluser-current' : '') +
      '" id="' + esc(o.id) + '">' +
      '<div class="alluser-item-avatar-w"><img class="alluser-item-avatar" alt="" src="' + o.avatar + '"></div>' +
      '<div class="alluser-item-brief-w"><div class="alluser-item-brief">' +
      '<div class="alluser-item-name-w"><span class="alluser-item-name over-elps t-color-2" title="' + esc(o.pin) + '">' + esc(o.name) + '</span>' +
      '<div class="alluser-item-icon-w">' + (o.waiting ? '<span class="user-none-reply-t"></span>' : '') + '</div></div>' +
      '<div class="alluser-item-date-w">' + esc(o.date) + '</div></div>' +
      '<div class="alluser-item-breifmsg-w"><span class="alluser-item-breifmsg">' +
      (o.leave ? '<span class="alluser-item-func alluser-item-leavemsg"></span>' : '') +
      '<span class="alluser-item-breifdesc" title="' + esc(o.desc) + '">' + esc(o.desc) + '</span></span></div></div></div></div></div>';
  }
  function buyerRow(b, waiting) {
    var id = rowId(b.uid, 'imcustomer');
    rowUid.set(out(' id="' + id + '"').slice(5, -1), b.uid);
    return rowHtml({ id: id, pin: b.uid, name: b.nickname, avatar: buyerAvatar(b), date: rowTime(kit.lastAt(b)), desc: preview(b),
      waiting: waiting, leave: !!b.leave && !isClosed(b), active: b.uid === kit.S.openUid });
  }
  function head(text) { return '<div class="c_cas-head">' + text + '</div>'; }
  function listHtml() {
    var bs = kit.buyers();
    function byLast(a, b) { return (kit.lastAt(b) || 0) - (kit.lastAt(a) || 0); }
    var consulting = bs.filter(function (b) { return groupOf(b) === 'consulting'; }).sort(byLast);
    var leave = bs.filter(function (b) { return groupOf(b) === 'leave'; }).sort(byLast);
    var cur = head('正在咨询(' + consulting.length + ')') +
      consulting.map(function (b) { return buyerRow(b, b.waitingSince != null); }).join('') +
      head('留言（' + leave.length + '）') + leave.map(function (b) { return buyerRow(b, b.waitingSince != null); }).join('') +
      head('内部会话&群聊(' + (colleague ? 1 : 0) + ')') + (colleague ? rowHtml({
        id: rowId(COLLEAGUE.pin, 'imwaiter'), pin: COLLEAGUE.pin, name: COLLEAGUE.name, avatar: COLLEAGUE_AVATAR,
        date: rowTime(colleague.at), desc: colleague.text, waiting: colleague.waiting, leave: false, active: false }) : '');
    // 历史咨询: every conversation (current ones again), newest first; the marker shows who had the last word.
    var all = bs.slice().sort(byLast), vip = all.filter(function (b) { return b.exclusive; });
    var hist = head('专享顾客(' + vip.length + ')') + vip.map(function (b) { return buyerRow(b, unanswered(b)); }).join('') +
      head('最近联系人（' + all.length + '）') + all.map(function (b) { return buyerRow(b, unanswered(b)); }).join('');
    return { current: cur, history: hist, rows: consulting.length + leave.length + (colleague ? 1 : 0) + vip.length + all.length };
  }
  function renderList() {
    if (!R.current) return 0;
    rowUid = new Map();
    var h = listHtml();
    // Patched in place by position, as a framework re-render does: a row node can show another buyer next time.
    K.morph(R.current, K.fromHtml(out('<div class="c_stream-content">' + h.current + '</div>')));
    K.morph(R.history, K.fromHtml(out('<div class="c_stream-content">' + h.history + '</div>')));
    var today = cnDay(Date.now());
    R.today.textContent = String(kit.buyers().filter(function (b) {
      return b.msgs.some(function (m) { return m.sender === 'buyer' && cnDay(m.at) === today; });
    }).length);
    return h.rows;
  }
  function onListClick(e) {
    var row = e.target.closest('.' + C('alluser-item'));
    if (!row) return;
    var uid = rowUid.get(row.id);
    if (uid && uid !== kit.S.openUid) kit.open(uid);              // colleague rows: nothing here
  }
  function showTab(t) {
    var i = -1;
    TABS.forEach(function (x, j) { if (x.key === t) i = j; });
    if (i < 0) throw new Error('sim.showTab: expected ' + TABS.map(function (x) { return '"' + x.key + '"'; }).join(' | ') + ', got ' + t);
    tab = t;
    Array.prototype.forEach.call(R.nav.children, function (el, j) { el.className = C('c_tabs-tab' + (j === i ? ' c_tabs-tab_check' : '')); });
    Array.prototype.forEach.call(R.panes, function (el, j) { el.className = C('c_tabs-tabpane' + (j === i ? '' : ' c_tabs-tab_inactive')); });
    return tab;
  }

  // ---------------------------------------------------------------- header
  function renderHead(b) {
    if (!b) { R.head.innerHTML = ''; return; }
    var card = null, html;
    for (var i = b.msgs.length - 1; i >= 0 && !card; i--) if (b.msgs[i].sender === 'buyer' && b.msgs[i].card && !b.msgs[i].card.error) card = b.msgs[i].card;
    var type = isClosed(b) ? '[历史咨询]' : b.leave ? '[留言]' : '[在线咨询]';
    html = out('<div class="chat-head">' +
      '<div class="' + SC.head + '"><div class="chat-head-title"><div class="chat-head-name"><span>' + esc(b.nickname) + '</span>' +
      '<span class="consult-type">' + type + '</span><span class="chatHead-entering">' + (b.typing ? '对方正在输入…' : '') + '</span></div>' +
      '<div class="chat-head-pin">' + esc(b.uid) + '</div></div>' +
      '<div class="chat-head-function"><div class="chat-transfer-tag"><span class="chat-transfer-desc">转接客户</span></div>' +
      (transferOpen ? '<div class="transfer-list">' + [COLLEAGUE.name, '客服小吴', '售后组'].map(function (n) {
        return '<div class="transfer-list-item"><span>' + n + '</span></div>';
      }).join('') + '</div>' : '') + '</div></div>' +
      (card ? '<div class="chat-product"><img alt="" src="' + cardCover(card.name) + '"><span class="name">' + esc(card.name) + '</span>' +
        '<span class="copy-link">复制链接</span></div>' : '') + '</div>');
    K.morph(R.head, K.fromHtml(html));                           // patched: an unchanged header is not touched
  }
  function renderChrome(b) {
    transferOpen = false;
    renderHead(b);
    R.blank.style.display = b ? 'none' : '';
    R.content.classList.toggle('chat-content-w_empty', !b);
    // The composer keeps a draft per conversation (the page's own state); a switch swaps it.
    var uid = b ? b.uid : null;
    if (composerUid !== uid) {
      if (composerUid) drafts[composerUid] = model;
      composerUid = uid;
      model = uid ? drafts[uid] || '' : '';
      editor.innerHTML = model || '<br>';
    }
    if (b) { if (foot.parentNode !== R.slot) R.slot.appendChild(foot); } else if (foot.parentNode) foot.parentNode.removeChild(foot);
    updateSession();
  }

  // ---------------------------------------------------------------- messages
  function linkify(html) {
    return html.replace(/https?:\/\/[^\s<]+/g, function (u) { return '<a class="msg-link editor-text" href="' + u + '" target="_blank" rel="noopener">' + u + '</a>'; });
  }
  function readStatus(m) {
    return m.read === false ? '<span class="message__read_status">未读</span>' : '<span class="message__read_status read">已读</span>';
  }
  function msgHtml(m, b) {
    var id = 's_' + m.id;
    if (m.sender === 'system') {
      if (m.divider) {
        return '<div class="message"><div class="message_center" id="' + id + '"><div class="message_componet-center"><div class="last-chat-divider-w">' +
          '<div class="last-chat-divider"><span class="last-chat-line-l"></span><span class="last-chat-text">' + esc(m.text) + '</span>' +
          '<span class="last-chat-line-r"></span></div></div></div></div></div>';
      }
      var sys = '<div class="message__system_wrap"><div class="message__system_box"><span class="message__system' +
        (m.place === 'left' ? ' message__system_custom' : '') + '">' + esc(m.text) + '</span></div></div>';
      if (m.place === 'bare') return '<div class="message">' + sys + '</div>';
      if (m.place === 'left') return '<div class="message"><div class="message_left" id="' + id + '">' + sys + '</div></div>';
      return '<div class="message"><div class="message_center" id="' + id + '">' + sys + '</div></div>';
    }
    var ours = mine(m), side = ours ? 'right' : 'left';
    var time = '<span class="message__time_str">' + msgTime(m.at) + '</span>';
    var nick = ours ? m.nick : b.nickname;
    var body;
    if (m.image) {
      var loading = m.imgLoaded !== true;
      body = '<div class="message__image-wrap message__image_' + side + '"><img class="message__image' + (loading ? ' message_img_loading' : '') +
        '" alt="" src="' + (loading ? SPINNER : typeof m.image === 'string' ? esc(m.image) : PHOTO) + '"></div>' + (ours ? readStatus(m) : '');
    } else if (m.card) {
      body = '<div class="message_componet-' + side + '"><div class="CardWrapper ProductCard">' + (m.card.error
        ? '<div class="Error"><img class="Error-img" alt="" src="' + CARD_PLACEHOLDER + '"><span class="Error-text">商品信息加载失败</span></div>'
        : '<div class="CardBody"><img class="CardCover" alt="" src="' + cardCover(m.card.name) + '"><div class="CardInfo">' +
          '<div class="CardTitle">' + esc(m.card.name) + '</div><div class="CardOperator"><span class="CardPrice">¥' + esc(m.card.price) + '</span>' +
          '<span class="CardBtn">查看</span></div></div></div>') + '</div></div>' + (ours ? readStatus(m) : '');
    } else {
      body = '<pre class="message__text message__text_' + side + ' t-sl-msg-' + side + '"><span class="message__content">' + linkify(esc(m.text)) + '</span>' +
        (ours ? readStatus(m) : '') + '</pre>';
    }
    return '<div class="message"><div class="message_' + side + '" id="' + id + '">' +
      '<img class="message__avatar" alt="" src="' + (!ours ? buyerAvatar(b) : m.sender === 'robot' ? ROBOT_AVATAR : AGENT_AVATAR) + '">' +
      '<div class="message__main"><div class="message__nickname">' + (ours ? time + esc(nick) : esc(nick) + time) + '</div>' + body + '</div></div></div>';
  }
  // Pictures load after they are rendered (history and live alike): spinner first, then the picture.
  function loadImages() {
    later(IMG_DELAY, function () {
      var b = kit.openBuyer();
      if (!b) return;
      b.msgs.forEach(function (m) {
        if (m.image && m.imgLoaded !== true && kit.msgNode(b, m)) { m.imgLoaded = true; kit.patchMessage(b, m); }
      });
    });
  }

  // ---------------------------------------------------------------- window.session (main world)
  var FORBIDDEN = ['send', 'sendPipe', 'createMessage', 'read', 'readAck', 'sendAck', 'receipt', 'setStatus', 'delSession',
    'transferToGroup', 'transferToClass', 'logout'];
  var session = { app: 'im.waiter', pin: AGENT_PIN, customer: null, messages: function () { return structuredList(); } };
  FORBIDDEN.forEach(function (name) {
    session[name] = function () {
      sessionCalls.push({ method: name, ts: Date.now() });
      throw new Error('session.' + name + ': the simulator does not allow this call (it would change the workbench)');
    };
  });
  window.session = session;
  function fullTime(ts) { return ymd(ts) + ' ' + hms(ts); }
  function fromOf(m, b) {
    if (m.sender === 'buyer') return { pin: b.uid, app: 'im.customer', clientType: 'android', art: '' };
    if (m.sender === 'robot') return { pin: AGENT_PIN, app: 'im.waiter', clientType: 'robot', art: 'robot' };
    return { pin: m.agentPin || AGENT_PIN, app: 'im.waiter', clientType: m.device || 'pc', art: 'imee' };
  }
  function structured(m, b) {
    var from = fromOf(m, b), to = m.sender === 'buyer' ? { pin: AGENT_PIN, app: 'im.waiter' } : { pin: b.uid, app: 'im.customer' };
    var body = m.image ? { type: 'image', url: typeof m.image === 'string' ? '(data url)' : '//img.example.invalid/chat/' + m.id + '.jpg', width: 180, height: 130 }
      : m.card ? { type: 'template2', data: { title: m.card.name, price: m.card.price || '', error: !!m.card.error } }
        : { type: 'text', content: m.text };
    body.chatinfo = { venderId: VENDER_ID, venderName: kit.S.shop };
    return { ver: '4.3', fromChannelId: 'cid-' + VENDER_ID, readFlag: m.read === false ? 0 : 1, mid: m.id, body: body, type: 'chat_message',
      clientTime: m.at, datetime: fullTime(m.at), len: 0, from: from, subType: body.type, id: 'msg-' + m.id, to: to, state: 0,
      lang: 'zh_CN', timestamp: m.at };
  }
  // The page's own store holds only the last 10 chat messages of the open conversation (the DOM shows up to 20).
  function structuredList() {
    var S = kit && kit.S, b = kit && kit.openBuyer(), list = [];
    if (b && !S.paneLoading) list = b.msgs.filter(function (m) { return m.sender !== 'system'; }).slice(-10).map(function (m) { return structured(m, b); });
    if (!O || !O.immutable) return list;
    return { size: list.length, toJS: function () { return list.slice(); }, toArray: function () { return list.slice(); },
      get: function (i) { return list[i]; } };
  }
  function updateSession() {
    var b = kit.openBuyer();
    if (!b) { session.customer = null; return; }
    var last = lastChat(b);
    session.customer = {
      id: b.uid + 'imcustomer' + VENDER_ID, consult: !isClosed(b), avatar: '', sessionType: b.leave ? 2 : 1,
      lastMsg: last ? structured(last, b) : null, lastReadMid: last ? last.id : 0, emsg: '', tag: b.exclusive ? '专享顾客' : '',
      timer: b.waitingSince || 0, unreadCount: b.unread || 0, timestamp: kit.lastAt(b) || 0, app: 'im.customer', pin: b.uid,
      name: b.nickname, order: null, newmsg: false, venderId: VENDER_ID, venderName: kit.S.shop, hasleavemsg: !!b.leave, fv: 0,
      transfer: false, sp: '', at: 0, check: true, cid: 'cid-' + hashOf(b.uid), lang: 'zh_CN'
    };
  }

  // ---------------------------------------------------------------- composer (pell-style, persists across resets)
  var foot = document.createElement('div');
  foot.className = 'chat-foot';
  foot.innerHTML =
    '<div class="EditorWrapper ' + SC.foot + '"><ul class="quick-emoji-w t-quick-emoji">' + ['😊', '👍', '🌹', '🙏', '😄', '🎉'].map(function (e) {
      return '<li>' + e + '</li>';
    }).join('') + '</ul>' +
    '<div class="chat-foot-tool"><span class="chat-foot-tool-item" title="表情">☺</span>' +
    '<label class="chat-foot-tool-item" title="图片">图片<input type="file" accept="image/*" multiple hidden></label>' +
    '<span class="chat-foot-tool-item" title="商品">商品</span><span class="chat-foot-tool-item" title="订单">订单</span>' +
    '<span class="chat-foot-tool-item" title="邀评">邀评</span></div>' +
    '<div class="pell-editor-wrapper"><div class="EditorContent " contenteditable="true"><br></div></div>' +
    '<div class="EditorFoot"><div class="SendButtonGroup"><span class="send-button">发送</span><span class="SendButton-icon"></span>' +
    '<div class="set-key-w" hidden><div class="set-key-item"><i class="set-key-check"></i>按 Enter 发送</div>' +
    '<div class="set-key-item"><i class="set-key-check"></i>按 Ctrl+Enter 发送</div></div></div></div></div>';
  var editor = foot.querySelector('.EditorContent');
  var sendBtn = foot.querySelector('.send-button');
  var keyIcon = foot.querySelector('.SendButton-icon');
  var keyMenu = foot.querySelector('.set-key-w');
  var fileInput = foot.querySelector('input[type=file]');
  var KEYS = ['enter', 'ctrl+enter'];

  // pell: the model is whatever the editor held at the last `input` event.
  editor.addEventListener('input', function () { model = editor.innerHTML; });
  editor.addEventListener('compositionstart', function () { composing = true; });
  editor.addEventListener('compositionend', function () { composing = false; });
  editor.addEventListener('blur', function () { composing = false; });
  // Ordinary bubbling listener: an extension's capture-phase listener runs first and may cancel.
  editor.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' && e.keyCode !== 13) return;
    if (e.defaultPrevented) return;
    if (e.isComposing || e.keyCode === 229 || composing) return;
    if (e.shiftKey || e.altKey) return;                            // native line break (then an input event)
    var mod = e.ctrlKey || e.metaKey;
    if (kit.sendKey() === 'enter') {
      e.preventDefault();
      if (mod) newline(); else doSend();
    } else if (mod) {
      e.preventDefault();
      doSend();
    }                                                              // Ctrl+Enter mode, plain Enter: native new <div>
  });
  sendBtn.addEventListener('click', function (e) { if (!e.defaultPrevented) doSend(); });
  keyIcon.addEventListener('click', function (e) { e.stopPropagation(); keyMenu.hidden = !keyMenu.hidden; });
  keyMenu.addEventListener('click', function (e) {
    var item = e.target.closest('.set-key-item');
    if (!item) return;
    e.stopPropagation();
    kit.setSendKey(KEYS[Array.prototype.indexOf.call(keyMenu.children, item)]);
    keyMenu.hidden = true;
  });
  document.addEventListener('click', function (e) { if (!keyMenu.hidden && !keyMenu.contains(e.target) && e.target !== keyIcon) keyMenu.hidden = true; });
  foot.querySelector('.quick-emoji-w').addEventListener('click', function (e) {
    var li = e.target.closest('li');
    if (li) insertText(li.textContent);
  });
  fileInput.addEventListener('change', function () {
    insertFiles(Array.prototype.slice.call(fileInput.files || []).filter(isImage), null);
    fileInput.value = '';
  });
  // Pasted or dropped picture files become inline <img src="data:…"> in the editor; pasted text goes in as text.
  editor.addEventListener('paste', function (e) {
    if (e.defaultPrevented || !e.clipboardData) return;
    var files = filesOf(e.clipboardData);
    e.preventDefault();
    if (files.length) { insertFiles(files, savedRange()); return; }
    var t = e.clipboardData.getData('text/plain');
    if (t) document.execCommand('insertText', false, t);
  });
  editor.addEventListener('dragover', function (e) { if (e.dataTransfer && filesOf(e.dataTransfer).length) e.preventDefault(); });
  editor.addEventListener('drop', function (e) {
    if (e.defaultPrevented || !e.dataTransfer) return;
    var files = filesOf(e.dataTransfer);
    if (!files.length) return;
    e.preventDefault();
    var r = document.caretRangeFromPoint ? document.caretRangeFromPoint(e.clientX, e.clientY) : null;
    insertFiles(files, r && editor.contains(r.startContainer) ? r : null);
  });

  function isImage(f) { return f && /^image\//.test(f.type); }
  function filesOf(dt) {
    var out = Array.prototype.slice.call(dt.files || []).filter(isImage);
    if (!out.length && dt.items) {
      Array.prototype.forEach.call(dt.items, function (it) { if (it.kind === 'file') { var f = it.getAsFile(); if (isImage(f)) out.push(f); } });
    }
    return out;
  }
  function savedRange() {
    var sel = document.getSelection();
    return sel && sel.rangeCount && editor.contains(sel.getRangeAt(0).startContainer) ? sel.getRangeAt(0).cloneRange() : null;
  }
  function caretTo(range) {
    editor.focus();
    var sel = document.getSelection();
    if (!range) { range = document.createRange(); range.selectNodeContents(editor); range.collapse(false); }
    sel.removeAllRanges();
    sel.addRange(range);
  }
  function readFile(f) {
    return new Promise(function (resolve) {
      var fr = new FileReader();
      fr.onload = function () { resolve(String(fr.result)); };
      fr.onerror = function () { resolve(null); };
      fr.readAsDataURL(f);
    });
  }
  function insertFiles(files, range) {
    var p = Promise.all(files.map(readFile)).then(function (urls) {
      if (!kit.openBuyer()) return;
      caretTo(range && editor.contains(range.startContainer) ? range : savedRange());
      urls.forEach(function (u) { if (u) document.execCommand('insertImage', false, u); });
      model = editor.innerHTML;                                   // the page's own handler updates its model
    });
    pending.push(p);
    p.then(function () { pending.splice(pending.indexOf(p), 1); });
    return p;
  }
  function insertText(text) {
    caretTo(savedRange());
    document.execCommand('insertText', false, text);              // fires input: the model follows
  }
  function newline() { document.execCommand('insertParagraph'); }
  function showSendKey(v) {
    Array.prototype.forEach.call(keyMenu.children, function (el, i) { el.className = 'set-key-item' + (KEYS[i] === v ? ' set-key-item_check' : ''); });
  }

  // The model's HTML as the page sends it: text (blocks and <br> are line breaks) and the pictures in it.
  function parseModel(html) {
    var t = document.createElement('template'), text = '', images = [];
    t.innerHTML = html;
    var BLOCK = { DIV: 1, P: 1, LI: 1 };
    function walk(node) {
      for (var c = node.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) text += c.nodeValue;
        else if (c.nodeType !== 1) continue;
        else if (c.nodeName === 'BR') { if (!(c === node.lastChild && BLOCK[node.nodeName] && node.childNodes.length > 1)) text += '\n'; }
        else if (c.nodeName === 'IMG') { if (c.getAttribute('src')) images.push(c.getAttribute('src')); }
        else if (BLOCK[c.nodeName]) {
          if (text && text.charAt(text.length - 1) !== '\n') text += '\n';
          walk(c);
          if (text.charAt(text.length - 1) !== '\n') text += '\n';
        } else walk(c);
      }
    }
    walk(t.content);
    return { text: text.replace(/\u00a0/g, ' ').replace(/^\s+|\s+$/g, ''), images: images };
  }
  function textToHtml(text) {
    var lines = String(text == null ? '' : text).split('\n');
    return esc(lines[0]) + lines.slice(1).map(function (l) { return '<div>' + (l ? esc(l) : '<br>') + '</div>'; }).join('') || '<br>';
  }
  function doSend() {
    var b = kit.S && kit.openBuyer();
    if (!b) return null;
    var c = parseModel(model);
    if (!c.text && !c.images.length) return null;
    model = '';
    drafts[b.uid] = '';
    editor.innerHTML = '<br>';
    var rec = null;
    if (c.text) rec = kit.commitSend(b, c.text, {}).rec;
    c.images.forEach(function (src) {
      if (!rec) rec = kit.commitSend(b, '', { image: src }).rec;
      else kit.addMessage(b, 'agent', '', Date.now(), null, { image: src });
    });
    rec.images = c.images.length;
    return rec;
  }

  // ---------------------------------------------------------------- status 接待 / 挂起
  function normStatus(s) {
    s = String(s || '');
    return s === 'receiving' || s === '接待' ? 'receiving' : s === 'suspended' || s === '挂起' ? 'suspended' : null;
  }
  function setStatus(s) {
    var v = normStatus(s);
    if (!v) throw new Error('sim.setStatus: expected "receiving" or "suspended", got ' + s);
    status = v;
    renderRail();
    if (v === 'receiving' && held.length) {
      var q = held;
      held = [];
      q.forEach(function (h) { engineBuyerSays(h.uid, h.text, h.opts); });
    }
    return status;
  }
  var engineBuyerSays = null;

  // ---------------------------------------------------------------- scenarios
  function C1(name, price) { return { card: { name: name, price: price } }; }
  function defaultData(k) {
    k.S.shop = SHOP;
    var DAY = 86400, OLD = 400 * DAY;
    k.seed('jd_tea_walker', '山间漫步', [
      [3 * DAY + 100, 'system', '客服小林接入会话'],
      [3 * DAY + 80, 'buyer', '你好，明前龙井还有货吗？'], [3 * DAY + 70, 'robot', GREETING],
      [3 * DAY, 'buyer', C1('明前龙井 特级 250g 礼盒装', '168.00')], [3 * DAY - 50, 'agent', '有货的亲，今年的新茶，四月初采摘'],
      [3 * DAY - 100, 'buyer', '礼盒可以开发票吗'], [3 * DAY - 140, 'agent', '可以的，下单后在订单页申请电子发票就行'],
      [3 * DAY - 200, 'buyer', '好的，我再看看'], [3 * DAY - 300, 'agent', '好的亲，有问题随时找我~'],
      [3 * DAY - 1200, 'system', { text: '本次会话已结束', closes: true }],
      [DAY + 4100, 'system', { text: '以上为历史消息', divider: true }],
      [DAY + 4000, 'buyer', '在吗，前几天问的龙井'], [DAY + 3995, 'robot', '亲，人工客服正在赶来，请稍候~'],
      [DAY + 3950, 'system', { text: '顾客来自 京东App 商品详情页', place: 'bare' }],
      [DAY + 3900, 'agent', '在的亲，您说'],
      [DAY + 3850, 'buyer', '我下单了，什么时候发货\n地址是公司，电话13800001234，工作日都有人'],
      [DAY + 3800, 'agent', '今天下午就发出哦\n工作日配送没问题'],
      [DAY + 3700, 'buyer', { image: true }], [DAY + 3690, 'buyer', '能换成这种包装吗'],
      [DAY + 3600, 'agent', '这是我们的新款礼盒，可以帮您换'], [DAY + 3500, 'agent', C1('山茶小铺 龙井礼盒（新款）', '188.00')],
      [DAY + 3400, 'buyer', { card: { name: '', error: true } }], [DAY + 3390, 'buyer', '这个链接怎么打不开'],
      [DAY + 3300, 'agent', '亲，这个商品已下架了，您看这款 https://item.jd.com/00000000.html'],
      [DAY + 3200, 'buyer', '好的谢谢'], [DAY + 3190, 'system', { text: '顾客已评价本次服务：满意', place: 'left' }],
      [3600, 'buyer', '到货了，包装很好'], [3550, 'agent', '谢谢亲的认可~'],
      [3500, 'robot', '感谢您的支持，关注店铺可领取5元无门槛券~'],
      [300, 'system', '客服小林接入会话'],
      [45, 'buyer', '请问还有小罐装的吗？'], [40, 'robot', GREETING], [12, 'buyer', '想买来送同事']
    ]);
    k.seed('jd_5c81e0a7b2', 'jd_5c81e0a7b2', [
      [1500, 'buyer', '这个茶叶保质期多久'], [1450, 'agent', '18个月哦，密封避光保存'],
      [260, 'buyer', '那冷藏还是常温保存'], [240, 'buyer', '急，在线等']
    ]);
    k.seed('xiaoyu_2046', '小雨', [
      [7200, 'buyer', C1('高山乌龙 125g 罐装', '59.00')], [7100, 'agent', '这款是今年的秋茶，回甘很好'],
      [7000, 'buyer', '好的，下单了'], [6900, 'agent', '收到，今天发货~']
    ]);
    k.seed('jd_orange_cat', '橘猫先生', [
      [600, 'buyer', '发什么快递'], [598, 'robot', '亲，默认发京东快递，一般1-3天送达哦~']
    ]);
    k.seed('jd_night_owl88', '夜猫子', [
      [30000, 'buyer', '晚上下单的明天能发吗'], [29990, 'robot', '亲，客服已下班，您的留言客服上线后会第一时间回复~']
    ]);
    k.seed('jd_d2e94f1130', '老顾客阿明', [
      [OLD, 'buyer', '去年买的茶还有吗'], [OLD - 60, 'agent', '有的亲，还是老味道'], [OLD - 3600, 'system', { text: '本次会话已结束', closes: true }]
    ]);
    k.seed('lvcha_fan', '绿茶粉', [
      [100000, 'buyer', '绿茶有试饮装吗'], [99000, 'system', { text: '本次会话已结束', closes: true }]
    ]);
    k.seed('jd_autumn_leaf', '秋叶', [
      [260000, 'buyer', '谢谢，收到了'], [259900, 'agent', '不客气~'], [259000, 'system', { text: '本次会话已结束', closes: true }]
    ]);
    k.S.buyers.get('jd_night_owl88').leave = true;
    k.S.buyers.get('xiaoyu_2046').exclusive = true;
    colleague = { text: '下午的发货单我来处理', at: k.seedNow() - 1800e3, waiting: false };
    k.renderList();
    return 'jd_tea_walker';
  }

  K.install({
    sendKeys: KEYS,
    normKey: function (k) {
      k = String(k || '').toLowerCase().replace(/\s+/g, '');
      return k === 'enter' ? 'enter' : k === 'ctrl+enter' || k === 'ctrlenter' ? 'ctrl+enter' : null;
    },
    openDelay: function () { return O.openDelay; },                 // row click → header at once, transcript later
    olderDelay: function () { return 200 + Math.floor(Math.random() * 201); },
    defaultAutoReply: { enabled: false, delayMs: 3000, text: GREETING },
    msgFields: ['nick', 'image', 'place', 'divider', 'closes', 'read', 'imgLoaded', 'device', 'agentPin'],
    defaultNickname: function (uid) { return uid; },               // JD shows the pin where there is no nickname
    options: function (q) {
      var d = Number(q.openDelay);
      return {
        timeFormat: { hms: 1, mdhms: 1, ymdhms: 1, auto: 1 }[q.timeFormat] ? q.timeFormat : 'auto',
        robotNick: q.robotNick || '京小智', agentNick: q.agentNick || '客服小林',
        openDelay: q.openDelay != null && q.openDelay !== '' && isFinite(d) && d >= 0 ? d : 300,
        oldTranscript: q.oldTranscript === 'clear' ? 'clear' : 'keep', immutable: q.immutable === '1',
        status: q.status === 'suspended' ? 'suspended' : 'receiving'
      };
    },
    scenarios: {
      'default': defaultData,
      empty: function (k) { k.S.shop = SHOP; colleague = null; return null; },
      broken: defaultData
    },
    validate: function (k, m) {
      if (m.sender === 'robot') m.nick = m.nick || O.robotNick;
      else if (m.sender === 'agent') m.nick = m.nick || O.agentNick;
      else delete m.nick;
      if (m.card && m.card.price == null) m.card.price = '0.00';
    },
    init: function (k) {
      kit = k; O = k.opts;
      // While 挂起 no new consultation arrives: a buyer not in 正在咨询 / 留言 is held until 接待.
      engineBuyerSays = k.sim.buyerSays;
      k.sim.buyerSays = function (uid, text, opts) {
        uid = String(uid);
        var b = kit.S.buyers.get(uid);
        if (status === 'suspended' && (!b || isClosed(b))) {
          var at = opts && opts.at != null ? Number(opts.at) : Date.now();
          held.push({ uid: uid, text: text, opts: Object.assign({}, opts, { at: at }) });
          return { id: null, uid: uid, sender: 'buyer', at: at, held: true };
        }
        return engineBuyerSays(uid, text, opts);
      };
    },
    onReset: function () {
      tab = 'current'; drafts = {}; model = ''; composerUid = null; composing = false; held = []; transferOpen = false;
      status = O.status;
      editor.innerHTML = '<br>';
      keyMenu.hidden = true;
      colleague = null;
      if (foot.parentNode) foot.parentNode.removeChild(foot);
    },
    setSendKey: function (k, v) { showSendKey(v); },
    send: function () { return doSend(); },
    type: function (k, text) {
      editor.focus();
      editor.innerHTML = textToHtml(text);
      editor.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
      return parseModel(model).text;
    },
    groupOf: function (k, b) { return groupOf(b); },
    preview: function (k, b) { return preview(b); },
    onAddBuyer: function (k, b, o) {
      if (o.leave != null) b.leave = !!o.leave;
      if (o.exclusive != null) b.exclusive = !!o.exclusive;
      if (o.unread != null) b.unread = Number(o.unread);
      else {                                                       // buyer messages since our last human reply
        var n = 0;
        for (var i = b.msgs.length - 1; i >= 0 && b.msgs[i].sender !== 'agent'; i--) if (b.msgs[i].sender === 'buyer') n++;
        b.unread = b.uid === k.S.openUid || isClosed(b) ? 0 : n;
      }
    },
    onMessage: function (k, b, m) {
      if (m.sender === 'buyer') b.unread = b.uid === k.S.openUid ? 0 : (b.unread || 0) + 1;
      else if (m.sender === 'agent') { b.unread = 0; b.leave = false; }
      if (mine(m) && m.read !== true) { m.read = false; later(READ_DELAY, function () { m.read = true; k.patchMessage(b, m); updateSession(); }); }
      if (m.image) { m.imgLoaded = false; loadImages(); }
      if (b.uid === k.S.openUid) { later(0, function () { if (b.uid === kit.S.openUid) { renderHead(b); updateSession(); } }); }
    },
    onOpen: function (k, b) { b.unread = 0; },
    build: function () { buildSkeleton(); },
    renderShop: function () { updateSession(); },                  // no DOM place: session.customer.venderName only
    renderChrome: function (k, b) { renderChrome(b); },
    renderList: function () { return renderList(); },
    rerenderList: function () { if (R.current) { R.current.innerHTML = ''; R.history.innerHTML = ''; } return renderList(); },
    pane: function () { return R.wrap; },
    // While a conversation loads the old transcript stays on screen (oldTranscript=keep): the engine's
    // clear goes to a detached node and the new messages replace the old ones when they arrive.
    ul: function (k) { return k.S && k.S.paneLoading && O.oldTranscript === 'keep' ? R.staging : R.cc; },
    msgHtml: function (k, m, showTime, b) { return out(msgHtml(m, b)); },
    setLoading: function (k, on) {
      R.loading.classList.toggle('show', !!on);
      if (!on) { loadImages(); later(0, updateSession); }
    },
    api: function (k) {
      return {
        showTab: function (t) { return showTab(t); },
        setStatus: setStatus,
        setOpenDelay: function (ms) {
          var d = Number(ms);
          if (!isFinite(d) || d < 0) throw new Error('sim.setOpenDelay: expected a number of ms ≥ 0, got ' + ms);
          O.openDelay = d;
          return d;
        },
        endConversation: function (uid, text) {
          return k.addMessage(k.buyerOrThrow(uid), 'system', text || '本次会话已结束', null, null, { closes: true });
        },
        colleagueSays: function (text, opts) {
          opts = opts || {};
          colleague = { text: String(text == null ? '' : text), at: opts.at != null ? Number(opts.at) : Date.now(), waiting: opts.waiting !== false };
          return k.renderList();
        },
        setTyping: function (uid, on) {
          var b = k.buyerOrThrow(uid);
          b.typing = !!on;
          if (b.uid === k.S.openUid) renderHead(b);
          return b.typing;
        },
        pasteImage: function (src) {
          if (!k.openBuyer()) return Promise.reject(new Error('sim.pasteImage: no conversation open'));
          var dt = new DataTransfer();
          dt.items.add(SimKit.dataUrlFile(src || SimKit.samplePng('#4f8a4a'), 'paste.png'));
          if (!savedRange()) caretTo(null);
          var before = pending.length;
          editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
          var p = pending.length > before ? pending[pending.length - 1] : Promise.resolve();
          return p.then(function () { return editor.querySelectorAll('img').length; });
        },
        sessionCalls: function () { return sessionCalls.slice(); },
        view: function () {
          var b = k.openBuyer(), unread = {};
          k.buyers().forEach(function (x) { unread[x.uid] = x.unread || 0; });
          var c = parseModel(model);
          return {
            tab: tab, status: status, held: held.map(function (h) { return { uid: h.uid, text: h.text, at: h.opts.at }; }),
            openDelay: O.openDelay, timeFormat: O.timeFormat, robotNick: O.robotNick, agentNick: O.agentNick,
            oldTranscript: O.oldTranscript, immutable: O.immutable, sc: Object.assign({}, SC), venderId: VENDER_ID,
            rowIds: k.buyers().map(function (x) { return rowId(x.uid, 'imcustomer'); }), unread: unread,
            composer: { attached: !!foot.parentNode, html: editor.innerHTML, model: model, text: c.text, images: c.images.length,
              uid: b ? b.uid : null, menuOpen: !keyMenu.hidden },
            drafts: Object.assign({}, drafts), sessionCalls: sessionCalls.slice()
          };
        }
      };
    }
  });
})();
