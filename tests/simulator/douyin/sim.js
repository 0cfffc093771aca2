/*
 * Kefu Pilot test simulator — an INVENTED stand-in for the Douyin 抖店 飞鸽 (Feige) seller workspace
 * (https://im.jinritemai.com/pc_seller_v2/main/workspace). Structure follows
 * /work/shared/design/platforms/douyin.md §12–13 (hooks, layouts 2026-06 / 2026-09); every name,
 * message and id here is made up. Only Feige's markup and composer: state, messages, timing and
 * window.sim come from the shared engine (/pc_seller_v2/_kit/engine.js, window.SimKit), loaded first.
 * API: see README.md.
 */
(function () {
  'use strict';

  var K = window.SimKit;
  var esc = K.esc, p2 = K.p2, cn = K.cn, cnDay = K.cnDay, hm = K.hm, hms = K.hms;
  var OVER_SEC = 180;
  var ROW_H = 68, TITLE_H = 32, LIST_H = 560;   // virtual list: fixed heights (px)
  var AGENT = '小茶';                            // the agent's own nickname (「客服小茶接入」)
  var GREETING = '亲亲，在哒~很高兴为您服务，请问有什么可以帮您？';
  var ROBOT_KINDS = { 'platform-bot': 1, 'shop-robot': 1, 'shop-config': 1 };
  var root = document.getElementById('root');
  var kit = null, O = null;                    // engine, platform options
  var R = {};                                  // element refs of the current skeleton
  var VL = { items: [], first: 0, last: 0, tops: [], total: 0 };
  var slotKind = new WeakMap();                // list node → 'row' | 'head' (the sim's own bookkeeping)
  var tab = 'current';                         // 'current' (当前会话) | 'recent' (最近联系)
  var drafts = {};                             // uid → composer text (the React state)
  var lastSent = {};                           // uid → {text, ts} for the duplicate interceptor
  var failNext = false;
  var waitNotice = { enabled: false, afterSec: 30 };
  var composing = false;
  var popupTimer = 0;

  // ---------------------------------------------------------------- hashed class names
  // CSS-module style: <name>-<6 random chars>, a new suffix for every class on every load.
  var ALPH = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', H = {};
  function c(name) {
    if (!H[name]) {
      var s = '';
      for (var i = 0; i < 6; i++) s += ALPH.charAt(Math.floor(Math.random() * ALPH.length));
      H[name] = name + '-' + s;
    }
    return H[name];
  }
  function cls() { return Array.prototype.map.call(arguments, c).join(' '); }

  // "Feige changed its markup" (scenario broken): every documented hook renamed, composer untouched.
  var BREAK = [
    [/data-qa-id="qa-/g, 'data-tea-id="tea-'], [/data-qa-message-id=/g, 'data-tea-message-id='],
    [/data-kora=/g, 'data-kind='], [/data-btm-id=/g, 'data-log-id='], [/data-btm=/g, 'data-log='],
    [/ data-id=/g, ' data-key='], [/ title="/g, ' data-tip="'],
    [/id="topbar-left-info"/g, 'id="peerInfoBar"'], [/id="chantListScrollArea"/g, 'id="sessionListArea"'],
    [/id="workStation"/g, 'id="sidePanel"'], [/id="workspace-chat"/g, 'id="chatPanel"'],
    [/id="qa-order-refresh-icon"/g, 'id="orderRefresh"'],
    [/id="rc-tabs-(\d)-tab-(\w+)"/g, 'id="tabs$1_$2"'], [/aria-controls="rc-tabs-(\d)-panel-(\w+)"/g, 'aria-controls="tabs$1_$2_panel"'],
    [/role="tab"/g, 'role="menuitem"'], [/alt="头像"/g, 'alt="avatar"'], [/alt="图片"/g, 'alt="pic"'],
    [/style="flex-direction: row-reverse"/g, 'data-dir="rtl"'], [/style="flex-direction: row"/g, 'data-dir="ltr"'],
    [/msgItemWrap/g, 'chatLine'], [/messageIsMe/g, 'bubbleSelf'], [/messageNotMe/g, 'bubblePeer'],
    [/leaveMessageWrapper/g, 'peerWrap'], [/leaveMessage/g, 'peerMsg'],
    [/pigeonChatNotScrollBox/g, 'pigeonListFixed'], [/pigeonChatScrollBox/g, 'pigeonListScroll'],
    [/chatd-card/g, 'goods-card'], [/auxo-badge-count/g, 'auxo-badge-num'],
    [/msgContent-/g, 'lastText-'], [/nameLine-/g, 'peerName-'], [/NameContent-/g, 'NameText-'],
    [/timerParticular-/g, 'waitClock-'], [/needReply-/g, 'pending-'], [/messageCard-/g, 'msgBody-'],
    [/userLabel-/g, 'tagList-'], [/selectedNew-/g, 'current-'], [/tabItem/g, 'panelTab'],
    [/workStation-/g, 'sideBox-'], [/WorkStation-/g, 'SideBox-'],
    [/scroller_content/g, 'vlist_content'], [/list_items/g, 'vlist_items'], [/scroll_holder/g, 'vlist_holder'],
    [/class="scroller\b/g, 'class="vlist'], [/messageList/g, 'chatThread']
  ];
  function broken() { return kit.S && kit.S.scenario === 'broken'; }
  function out(html) {
    if (!broken()) return html;
    for (var i = 0; i < BREAK.length; i++) html = html.replace(BREAK[i][0], BREAK[i][1]);
    return html;
  }

  // ---------------------------------------------------------------- pictures (data: URIs, no network)
  var COLORS = ['#f59a23', '#3f9ae8', '#e8684a', '#5ab88d', '#9b7be0', '#e0a03c', '#4cb6c4', '#d96f9a'];
  function svg(body, w, h) {
    return 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="' + w +
      '" height="' + h + '" viewBox="0 0 ' + w + ' ' + h + '">' + body + '</svg>');
  }
  function avatarPic(ch, bg) {
    return svg('<rect width="64" height="64" rx="32" fill="' + bg + '"/><text x="32" y="42" font-size="28" text-anchor="middle" ' +
      'fill="#fff" font-family="WenQuanYi Micro Hei, sans-serif">' + esc(ch) + '</text>', 64, 64);
  }
  var SHOP_AVATAR = avatarPic('茶', '#3b7d4f');
  var BOT_AVATAR = avatarPic('智', '#1966ff');
  var SYS_AVATAR = avatarPic('通', '#8c96a8');
  var ARROW = svg('<path d="M2 4l4 4 4-4" stroke="#666" stroke-width="1.5" fill="none"/>', 12, 12);
  var PHOTO = svg('<defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#f6d9a8"/><stop offset="1" stop-color="#b5794a"/></linearGradient></defs>' +
    '<rect width="180" height="130" rx="6" fill="url(#g)"/><rect x="55" y="40" width="70" height="60" rx="8" fill="#fff" opacity=".75"/>' +
    '<text x="90" y="77" font-size="16" text-anchor="middle" fill="#8a5a2b" font-family="WenQuanYi Micro Hei, sans-serif">礼盒</text>', 180, 130);
  function hashOf(s) { var h = 0; for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 100003; return h; }
  function buyerAvatar(b) { return avatarPic(b.nickname.charAt(0) || '用', COLORS[hashOf(b.uid) % COLORS.length]); }
  var THUMBS = ['#c9502f, #f2b37a', '#5d8c3a, #c5e09a', '#a0672e, #f1cf96', '#d4a13d, #f7e3a3', '#b5523b, #f0a07e', '#6b4a8f, #d6b8ef'];

  var PRODUCTS = [
    { name: '正山小种红茶 250g 罐装', price: '59.90' }, { name: '明前龙井绿茶 小包装 30袋', price: '89.00' },
    { name: '每日坚果B款 不含花生 25g×30包', price: '79.90' }, { name: '手工芝麻薄脆 300g', price: '19.90' },
    { name: '桂花乌龙冷泡茶 12袋', price: '29.90' }, { name: '长辈茶礼盒 普洱+白茶 双罐装', price: '198.00' }
  ];

  // ---------------------------------------------------------------- time texts (China time)
  function msgTime(ts, now) {
    var d = cn(ts), day = cnDay(ts), today = cnDay(now), t = hms(ts);
    if (day === today) return t;                                       // 14:02:11
    if (day === today - 1) return '昨天 ' + t;                          // 昨天 12:29:13
    return (d.getUTCMonth() + 1) + '月' + d.getUTCDate() + '日' + t;    // 6月14日16:21:05
  }
  function sepTime(ts, now) {
    var d = cn(ts), day = cnDay(ts), today = cnDay(now), t = hm(ts);
    if (day === today) return t;
    if (day === today - 1) return '昨天 ' + t;
    return (d.getUTCMonth() + 1) + '月' + d.getUTCDate() + '日' + t;
  }
  function rowTime(ts, now) {
    if (ts == null) return '';
    if (cnDay(ts) === cnDay(now)) return hm(ts);                       // 14:02
    var d = cn(ts);
    return p2(d.getUTCMonth() + 1) + '/' + p2(d.getUTCDate());         // 06/29
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
  function groupOf(b, now) {
    if (isClosed(b)) return 'recent';
    if (b.waitingSince == null) return 'replied';
    return kit.waitSec(b, now) < OVER_SEC ? 'waitReply' : 'overtime';
  }
  function preview(b) {
    var m = kit.lastMsg(b);
    if (!m) return '';
    return m.card ? '[商品]' : m.image ? '[图片]' : m.video ? '[视频]' : m.order ? '[订单]' : m.text;
  }
  function rowPreview(b) {
    var d = drafts[b.uid];
    return d && b.uid !== kit.S.openUid ? '[草稿]' + d : preview(b);
  }
  function mine(m) { return m.sender === 'agent' || m.sender === 'robot'; }
  function hex(n, len) { var s = Math.floor(n).toString(16); while (s.length < len) s = '0' + s; return s.slice(-len); }
  // The page's message ids: UUID-like for the buyer, 19 digits for our side, prefixes for notices and cards.
  function dataId(m) {
    if (m.pendingId) return '';
    var u = m.uid, t = String(m.id);
    if (m.card || m.order) return t + u.slice(-6) + (m.card ? '_goods' : '_order') + '_template';
    if (m.sender === 'system') {
      if (m.closes || /关闭会话/.test(m.text)) return 'cs_close_conversation_' + t;
      if (/接入$/.test(m.text)) return t + '_CsAssign_' + u.slice(-6);
      if (/^您好，现在是人工客服/.test(m.text)) return t + '_Welcome_' + u.slice(-6);
      if (/转移/.test(m.text)) return 'transfer_staff_' + t;
      return t + '_SysNotice_' + u.slice(-6);
    }
    if (m.sender === 'buyer') {
      return hex(m.id / 65536, 8) + '-' + hex(m.id % 65536, 4) + '-4' + u.slice(0, 3) + '-8' + u.slice(3, 6) + '-' + u.slice(-12);
    }
    var n = t; while (n.length < 13) n = '0' + n;
    return '7' + n.slice(-13) + u.slice(-5);
  }

  // ---------------------------------------------------------------- skeleton
  function buildSkeleton() {
    var L09 = O.layout === '2026-09';
    document.title = '抖店 - 飞鸽';
    root.innerHTML = out(
      '<div id="rootContainer" class="chatd-root ' + c('appRoot') + '">' +
      '<div id="garfishModuleInfo" hidden>app:@ecom-vmok/pigeon-im-pc</div>' +
      '<header class="' + c('appHeader') + '"><div class="' + c('logo') + '"><b>抖店</b><span>飞鸽</span></div>' +
      '<div class="' + c('realtime') + '"><span>飞鸽平均响应时长 <b>18秒</b></span><span>3分钟人工回复率 <b>92.6%</b></span>' +
      '<span>今日接待人数 <b class="' + c('served') + '">0</b></span></div>' +
      '<div class="' + c('account') + '"><img alt="头像" class="' + c('accountAvatar') + '" src="' + SHOP_AVATAR + '"><span>' + AGENT +
      '</span><span class="' + c('online') + '"><i></i>在线<img alt="下箭头" src="' + ARROW + '"></span></div></header>' +
      '<nav class="' + c('leftNav') + '"><div data-qa-id="qa-chat-tab" class="' + cls('navItem', 'navItemActive') + '"><i></i>会话</div>' +
      '<div class="' + c('navItem') + '"><i></i>历史</div><div class="' + c('navItem') + '"><i></i>订单</div>' +
      '<div class="' + c('navItem') + '"><i></i>设置</div></nav>' +
      '<aside class="' + c('sider') + '"><div class="' + c('tabStrip') + '"></div>' +
      '<div class="' + c('listSetting') + '"><span>列表设置</span><span>/</span><span>等待时长</span><span>/</span><span>' +
      (L09 ? '不分组' : '已分组') + ' ›</span></div>' +
      '<div id="chantListScrollArea" class="' + c('listArea') + '"><div class="' + c('listBox') + '">' +
      '<div class="scroller ' + c('listScroller') + '"><div class="scroller_content ' + c('listContent') + '">' +
      '<div data-name="scroll_holder"></div><div class="list_items ' + c('listItems') + '"></div></div></div></div></div>' +
      '<div class="' + c('siderFooter') + '"><span>接待上限 <b>30</b></span><span>自动回复 <b>已开启</b></span></div></aside>' +
      '<main id="workspace-chat" class="' + c('chatMain') + '"><div class="' + c('chatHeader') + '"></div>' +
      '<div class="messageList ' + c('thread') + '"><div class="' + c('loadingTip') + '">加载中…</div>' +
      '<div class="scroller ' + c('threadScroller') + '"></div></div>' +
      '<div class="' + c('composerSlot') + '"></div><div class="' + c('emptyState') + '"><i></i>暂无会话，请从左侧选择用户</div></main>' +
      '<div id="workStation" class="' + cls('workStation', 'newWorkStation', 'station') + '"></div></div>');
    function q(name) { return root.getElementsByClassName(c(name))[0]; }
    R = { tabs: q('tabStrip'), box: q('listBox'), scroller: q('listScroller'), content: q('listContent'), items: q('listItems'),
      header: q('chatHeader'), pane: q('threadScroller'), loading: q('loadingTip'), slot: q('composerSlot'),
      empty: q('emptyState'), side: q('station'), served: q('served'), main: q('chatMain') };
    R.scroller.style.height = LIST_H + 'px';
    R.scroller.addEventListener('scroll', function () { renderList(); });
    R.scroller.addEventListener('click', onListClick);
    R.tabs.addEventListener('click', function (e) {
      var t = e.target.closest('.auxo-tabs-tab');
      if (t) showTab(t.parentNode.firstElementChild === t ? 'current' : 'recent');
    });
    R.pane.addEventListener('scroll', function () {
      var S = kit.S;
      if (S && S.openUid && !S.paneLoading && S.paneFrom > 0 && R.pane.scrollTop <= 0) kit.loadOlder();
    });
    R.side.addEventListener('click', function (e) {
      var t = e.target.closest('[class*="tabItem"], [class*="panelTab"]');
      if (t) { sideTab = t.textContent.trim() === '订单' ? 'order' : 'goods'; renderSide(); }
    });
  }

  // ---------------------------------------------------------------- conversation list (virtual)
  var SYS_ROWS = [
    { nick: '智能客服', preview: '挽单方案配置', ago: 3600, avatar: BOT_AVATAR, label: '系统通知', unread: 1 },
    { nick: '系统通知', preview: '您有1条新的平台规则通知', ago: 7200, avatar: SYS_AVATAR, label: '', unread: 0 }
  ];
  function listItems(now) {
    var items = [], L09 = O.layout === '2026-09';
    var bs = kit.buyers(), current = bs.filter(function (b) { return !isClosed(b); });
    function byWait(a, b) { return a.waitingSince - b.waitingSince; }
    function byLast(a, b) { return (kit.lastAt(b) || 0) - (kit.lastAt(a) || 0); }
    function rows(list, btm, timers) { list.forEach(function (b) { items.push({ type: 'row', b: b, btm: L09 ? 'recent' : btm, timer: timers && b.waitingSince != null }); }); }
    function sys() { SYS_ROWS.forEach(function (s) { items.push({ type: 'system', s: s, btm: L09 ? 'recent' : 'systemConv' }); }); }
    if (tab === 'current') {
      var wait = current.filter(function (b) { return b.waitingSince != null && kit.waitSec(b, now) < OVER_SEC; }).sort(byWait);
      var over = current.filter(function (b) { return b.waitingSince != null && kit.waitSec(b, now) >= OVER_SEC; }).sort(byWait);
      var rest = current.filter(function (b) { return b.waitingSince == null; }).sort(byLast);
      sys();
      if (L09) rows(over.concat(wait, rest), 'current', true);
      else {
        items.push({ type: 'title', label: '3分钟内待回复', btm: 'message_group_name_waitReply', count: wait.length });
        rows(wait, 'current', true);
        items.push({ type: 'title', label: '已超时待回复', btm: 'message_group_name_' + O.overtimeMarker, count: over.length });
        rows(over, 'current', true);
        items.push({ type: 'title', label: '已回复', btm: 'message_group_name_replied', count: rest.length });
        rows(rest, 'current', true);
      }
    } else {
      items.push({ type: 'section', label: '系统通知' });
      sys();
      ['最近搜索(0)', '星标用户(0/200)', '今日咨询未下单(0)', '今日咨询下单未付款(0)'].forEach(function (l) { items.push({ type: 'section', label: l }); });
      items.push({ type: 'section', label: '最近联系人' });
      rows(bs.slice().sort(byLast), 'recent', false);
    }
    return items;
  }
  function itemHtml(it, now) {
    if (it.type === 'title') {
      return '<div class="' + c('groupTitle') + '"><span data-btm="' + it.btm + '">' + it.label + '</span> (' + it.count + ')</div>';
    }
    if (it.type === 'section') return '<div class="' + c('sectionTitle') + '"><span>' + esc(it.label) + '</span><i>›</i></div>';
    var S = kit.S, sys = it.type === 'system', b = it.b;
    var nick = sys ? it.s.nick : b.nickname, unread = sys ? it.s.unread : b.unread || 0;
    var label = sys ? it.s.label : b.label || '';
    var active = !sys && b.uid === S.openUid;
    var time = sys ? rowTime(kit.seedNow() - it.s.ago * 1000, now)
      : it.timer ? K.duration(kit.waitSec(b, now)) : rowTime(kit.lastAt(b), now);
    var text = sys ? it.s.preview : rowPreview(b);
    return '<div class="auxo-dropdown-trigger"><div data-qa-id="qa-conversation-chat-item" data-kora="conversation" ' +
      'data-btm-id="a9034.b39122.c2622.' + it.btm + '" data-cid="" data-seq="" class="' + c('convCard') +
      (it.timer ? ' ' + c('needReply') : '') + (active ? ' ' + cls('selectedNew', 'selected') : '') + '">' +
      '<div class="' + c('convStatus') + '"></div>' +
      '<span class="auxo-badge auxo-badge-top-right"><img alt="头像" class="' + c('convAvatar') + '" src="' + (sys ? it.s.avatar : buyerAvatar(b)) + '">' +
      (unread ? '<sup class="auxo-scroll-number auxo-badge-count" title="' + unread + '"><span class="auxo-scroll-number-only">' +
        (unread > 99 ? '99+' : unread) + '</span></sup>' : '') + '</span>' +
      '<div class="' + c('convBody') + '"><div class="' + c('nameLine') + '" title="' + esc(nick) + '"><span class="' + c('newNameContent') + '"' +
      (O.nickQa ? ' data-qa-id="qa-conversation-nickname"' : '') + '>' + esc(nick) + '</span>' +
      (label ? '<div class="' + c('userLabel') + '"><span>' + esc(label) + '</span></div>' : '') +
      '<div class="' + c('timerParticular') + (it.timer && kit.waitSec(b, now) >= OVER_SEC ? ' ' + c('timerOver') : '') + '">' + time + '</div></div>' +
      '<div data-btm="d089038"><div class="' + c('msgContent') + '"><span>' + esc(text) + '</span></div></div></div></div></div>';
  }
  function renderTabs() {
    var n = kit.buyers().filter(function (b) { return !isClosed(b); }).length, ix = O.layout === '2026-09' ? 2 : 0;
    function one(id, qa, text, on) {
      return '<div class="auxo-tabs-tab' + (on ? ' auxo-tabs-tab-active' : '') + '"><div role="tab" aria-selected="' + on +
        '" class="auxo-tabs-tab-btn" tabindex="' + (on ? 0 : -1) + '" id="rc-tabs-' + ix + '-tab-' + id + '" aria-controls="rc-tabs-' + ix +
        '-panel-' + id + '"><span data-qa-id="' + qa + '">' + text + '</span></div></div>';
    }
    var html = out('<div class="auxo-tabs auxo-tabs-top ' + c('chatTabs') + '"><div role="tablist" class="auxo-tabs-nav"><div class="auxo-tabs-nav-list">' +
      one('current', 'qa-active-chat-tab', '当前会话(' + n + ')', tab === 'current') + one('history', 'qa-last-chat-tab', '最近联系', tab === 'recent') +
      '<div class="auxo-tabs-ink-bar"></div></div></div></div>');
    if (R.tabs.firstElementChild) K.morph(R.tabs.firstElementChild, K.fromHtml(html));
    else R.tabs.innerHTML = html;
  }
  function renderList() {
    if (!R.items) return 0;
    var now = Date.now(), items = listItems(now), tops = [], hs = [], y = 0;
    items.forEach(function (it) { tops.push(y); hs.push(it.type === 'title' || it.type === 'section' ? TITLE_H : ROW_H); y += hs[hs.length - 1]; });
    R.content.style.height = y + 'px';
    R.box.className = c('listBox') + ' ' + out(tab === 'current' && O.layout !== '2026-09' ? 'pigeonChatNotScrollBox' : 'pigeonChatScrollBox');
    var st = R.scroller.scrollTop, vh = R.scroller.clientHeight || LIST_H, first = 0, last;
    while (first < items.length && tops[first] + hs[first] <= st) first++;
    for (last = first; last < items.length && tops[last] < st + vh;) last++;
    R.items.style.transform = 'translateY(' + (first < items.length ? tops[first] : 0) + 'px)';
    // Row nodes are a pool handed out in order (titles likewise): scrolling gives the same nodes to
    // other conversations, as a virtual list recycles its cells.
    var pool = { row: [], head: [] }, kids = Array.prototype.slice.call(R.items.children);
    kids.forEach(function (el) { (slotKind.get(el) === 'row' ? pool.row : pool.head).push(el); });
    for (var k = first; k < last; k++) {
      var kind = items[k].type === 'row' || items[k].type === 'system' ? 'row' : 'head';
      var el = K.fromHtml(out(itemHtml(items[k], now))), old = pool[kind].shift();
      if (old) el = K.morph(old, el);
      slotKind.set(el, kind);
      var at = R.items.children[k - first];
      if (at !== el) R.items.insertBefore(el, at || null);
    }
    pool.row.concat(pool.head).forEach(function (el) { el.remove(); });
    VL = { items: items, first: first, last: last, tops: tops, total: y };
    renderTabs();
    var today = cnDay(now);
    R.served.textContent = String(kit.buyers().filter(function (b) {
      return b.msgs.some(function (m) { return m.sender === 'buyer' && cnDay(m.at) === today; });
    }).length);
    return last - first;
  }
  function onListClick(e) {
    var slot = e.target.closest('.' + c('listItems') + ' > *');
    if (!slot) return;
    var it = VL.items[VL.first + Array.prototype.indexOf.call(R.items.children, slot)];
    if (it && it.type === 'row' && it.b.uid !== kit.S.openUid) kit.open(it.b.uid);
  }
  function showTab(t) {
    if (t !== 'current' && t !== 'recent') throw new Error('sim.showTab: expected "current" or "recent", got ' + t);
    if (t !== tab) { tab = t; R.scroller.scrollTop = 0; }
    renderList();
    return tab;
  }
  function listInfo() {
    return {
      tab: tab, scrollTop: R.scroller.scrollTop, height: LIST_H, total: VL.total, items: VL.items.length,
      first: VL.first, rendered: VL.last - VL.first,
      rows: VL.items.slice(VL.first, VL.last).map(function (it) {
        return it.type === 'row' ? { type: 'row', uid: it.b.uid, nickname: it.b.nickname }
          : it.type === 'system' ? { type: 'system', nickname: it.s.nick } : { type: it.type, label: it.label };
      })
    };
  }

  // ---------------------------------------------------------------- header, side panel
  var sideTab = 'goods';
  function renderChrome(b) {
    R.header.innerHTML = b ? out(
      '<div id="topbar-left-info" class="' + c('peerInfo') + '"><img alt="头像" class="' + c('peerAvatar') + '" src="' + buyerAvatar(b) + '">' +
      '<div class="' + c('peerTitle') + '" data-btm-id="a9034.b39122.c0467.d4350">' + esc(b.nickname) + '</div>' +
      '<span class="' + c('remark') + '">添加备注</span><i class="' + c('star') + '" data-btm-id="a9034.b39122.c0467.d6168"></i></div>' +
      '<div class="' + c('headerActions') + '"><span data-qa-id="qa-transfer-conversation" role="button" class="' + c('headerBtn') + '">转接</span>' +
      '<span role="button" class="' + c('headerBtn') + '">结束会话</span></div>') : '';
    R.main.classList.toggle(c('noChat'), !b);
    if (b) { if (inputBox.parentNode !== R.slot) R.slot.appendChild(inputBox); } else if (inputBox.parentNode) inputBox.parentNode.removeChild(inputBox);
    renderComposer();
    renderSide();
  }
  function renderSide() {
    var b = kit.openBuyer();
    var tabs = '<div class="' + c('sideTabs') + '"><div class="' + c('tabItem') + (sideTab === 'goods' ? ' ' + c('tabItemActive') : '') + '">商品</div>' +
      '<div class="' + c('tabItem') + (sideTab === 'order' ? ' ' + c('tabItemActive') : '') + '">订单</div></div>';
    var body;
    if (!b) body = '<div class="' + c('sideEmpty') + '">未选择会话</div>';
    else if (sideTab === 'goods') {
      body = '<div class="auxo-tabs ' + c('goodsTabs') + '"><div role="tab" aria-selected="true" id="rc-tabs-1-tab-combination">咨询宝贝</div>' +
        '<div role="tab" aria-selected="false" id="rc-tabs-1-tab-footprint">浏览足迹</div><div role="tab" aria-selected="false" id="rc-tabs-1-tab-hot_product">爆品推荐</div></div>' +
        PRODUCTS.slice(0, 4).map(function (p, i) {
          return '<div class="' + c('sideGoods') + '"><div class="' + c('sideThumb') + '" style="background-image: linear-gradient(135deg, ' + THUMBS[i] + ')"></div>' +
            '<div class="' + c('sideGoodsText') + '"><div>' + esc(p.name) + '</div><b>¥' + p.price + '</b></div><span role="button" class="' + c('sideSend') + '">发送</span></div>';
        }).join('');
    } else {
      body = '<div class="' + c('orderSearch') + '"><input data-qa-id="qa-user-order-search" placeholder="搜索订单号/商品"><i id="qa-order-refresh-icon">⟳</i></div>' +
        '<div class="ecom-collapse ' + c('orderBox') + '"><div class="ecom-collapse-header">订单 6931052784411203581 <em>已发货</em></div>' +
        '<div class="' + c('orderLine') + '">正山小种红茶 250g 罐装 ×1</div><div class="' + c('orderLine') + '">实付 ¥59.90 · 中通快递</div></div>';
    }
    R.side.innerHTML = out(tabs + body);
  }

  // ---------------------------------------------------------------- messages
  function meta(m, now) {
    return '<div class="' + c('msgMeta') + '"><span class="' + c('msgTime') + '">' + msgTime(m.at, now) + '</span>' +
      (mine(m) ? '<span data-qa-id="qa-message-read-mark" class="' + c('readMark') + '">' + (m.read === false ? '' : '已读') + '</span>' : '') + '</div>';
  }
  function productCard(m, ours) {
    var p = m.card, price = String(p.price || '0.00').split('.'), t = THUMBS[hashOf(p.name) % THUMBS.length];
    return '<div class="chatd-card chatd-card--platform-pc"><div class="chatd-card-main" platform="mobile">' +
      (ours ? '<div class="chatd-card-header">来自电商小助手的推荐</div>' : '') +
      '<div class="chatd-card-body"><div class="chatd-card-thumb" style="background-image: linear-gradient(135deg, ' + t + ')"></div>' +
      '<div class="pigeon-card-place-holder-text"><div class="content max-line"><span>' + esc(p.name) + '</span></div>' +
      '<div class="chatd-price"><span class="chatd-price-currency">¥</span><span class="chatd-price-price-inter">' + esc(price[0]) +
      '</span><span class="chatd-price-price-decimal">.' + esc(price[1] || '00') + '</span></div></div></div>' +
      (ours ? '<div class="pigeon-card-button-list"><div role="button" class="' + c('cardBtn') + '">邀请下单</div></div>' : '') + '</div></div>';
  }
  function orderCard(m) {
    var o = m.order;
    return '<div class="' + c('orderCard') + '"><div class="' + c('orderNo') + '">订单号：' + esc(o.no || '') + '</div>' +
      '<div class="' + c('orderGoods') + '">' + esc(o.name || '') + '</div><div class="' + c('orderStatus') + '">' + esc(o.status || '') + '</div></div>';
  }
  function msgHtml(m, showTime, b, i) {
    var now = Date.now(), inner;
    if (m.sender === 'system') inner = '<div class="' + c('systemMsg') + '"><span>' + esc(m.text) + '</span></div>';
    else {
      var ours = mine(m), prev = b.msgs[i - 1];
      var avatar = ours || showTime || !prev || prev.sender !== 'buyer'
        ? '<img alt="头像" class="' + c('msgAvatar') + '" src="' + (!ours ? buyerAvatar(b) : m.kind === 'platform-bot' ? BOT_AVATAR : SHOP_AVATAR) + '">'
        : '<div class="' + c('avatarHolder') + '"></div>';
      var row = '<div class="' + c('bubbleRow') + '" style="flex-direction: ' + (ours ? 'row-reverse' : 'row') + '">' + avatar;
      if (m.image || m.video) {
        // media: a direct child of the row, no text bubble
        row += m.image ? '<img alt="图片" class="auxo-dropdown-trigger ' + c('imageMsg') + '" src="' + PHOTO + '">'
          : '<div class="auxo-dropdown-trigger ' + c('videoMsg') + '"><i></i><span>0:12</span></div>';
        row += meta(m, now);
      } else {
        var body = m.card ? productCard(m, ours) : m.order ? orderCard(m)
          : ours ? '<div class="' + c('bubble') + ' messageIsMe"><pre><span>' + esc(m.text) + '</span></pre></div>'
            : '<div class="auxo-dropdown-trigger leaveMessageWrapper"><div class="' + c('bubble') + ' messageNotMe leaveMessage"><pre><span>' +
              esc(m.text) + '</span></pre></div></div>';
        row += '<div class="' + c('bubbleCol') + '">' + (m.kind === 'platform-bot' ? '<div class="' + c('senderLabel') + '">智能客服</div>' : '') +
          body + meta(m, now) +
          (m.kind === 'platform-bot' ? '<div class="' + c('botFooter') + '">抖音电商智能客服发送</div>'
            : m.kind === 'shop-robot' ? '<div class="' + c('autoTip') + '">此消息由机器人自动回复</div>'
              : m.kind === 'shop-config' ? '<div class="' + c('autoTip') + '">商家配置发送</div>' : '') + '</div>';
      }
      inner = row + '</div>';
    }
    return out('<div data-qa-id="qa-message-warpper" data-qa-message-id="" class="msgItemWrap ' + c('msgItem') + '">' +
      (showTime ? '<div class="' + c('timeDivider') + '"><span>' + sepTime(m.at, now) + '</span></div>' : '') +
      '<div data-id="' + dataId(m) + '" class="' + c('messageCard') + '">' + inner + '</div></div>');
  }

  // ---------------------------------------------------------------- composer (React-style, persists across resets)
  var inputBox = document.createElement('div');
  inputBox.id = 'im-input-box';
  inputBox.className = c('inputBox');
  inputBox.innerHTML =
    '<div class="' + c('toolbar') + '"><span class="' + c('tool') + '" title="表情">☺</span>' +
    '<label class="' + c('tool') + '" title="图片">图片<input type="file" multiple accept=".png,.jpg,.jpeg,.gif" hidden></label>' +
    '<span class="' + c('tool') + '" title="快捷短语">快捷短语</span><span class="' + c('tool') + '" title="商品">商品</span>' +
    '<span class="' + c('tool') + '" title="邀请评价">邀请评价</span></div>' +
    '<textarea data-qa-id="qa-send-message-textarea" class="' + c('textArea') + '" maxlength="1000"></textarea>' +
    '<div class="' + c('inputFooter') + '"><span class="' + c('inputHint') + '">Enter 发送，Shift+Enter 换行</span>' +
    '<div data-qa-id="qa-send-message-button" role="button" class="' + c('sendBtn') + '">发送</div></div>';
  var ta = inputBox.querySelector('textarea');
  var sendBtn = inputBox.querySelector('[role=button]');
  var NATIVE = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value');
  var tracked = '';                              // React's value tracker: the last value React wrote or saw
  function domValue() { return NATIVE.get.call(ta); }
  function writeDom(v) { if (domValue() !== v) NATIVE.set.call(ta, v); tracked = v; }

  // The React re-render of the composer: class, placeholder and value all come from state.
  function renderComposer() {
    var b = kit.openBuyer();
    ta.className = c('textArea') + (b ? ' inputArea_' + b.uid : '');
    ta.placeholder = b ? '发送给 ' + b.nickname + '，使用Enter 发送消息' : '';
    writeDom(b ? drafts[b.uid] || '' : '');
  }
  ta.addEventListener('input', function () {
    var v = domValue();
    if (O.tracker && v === tracked) return;      // React sees no change: the write went through the tracked setter
    tracked = v;
    var b = kit.openBuyer();
    if (!b) return;
    drafts[b.uid] = v;
    renderComposer();
  });
  ta.addEventListener('compositionstart', function () { composing = true; });
  ta.addEventListener('compositionend', function () { composing = false; });
  ta.addEventListener('blur', function () { composing = false; });
  // Ordinary bubbling listeners: an extension's capture-phase listener runs first and may cancel.
  ta.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' && e.keyCode !== 13) return;
    if (e.defaultPrevented) return;
    if (e.isComposing || e.keyCode === 229 || composing) return;
    if (e.shiftKey) return;                      // native newline (then an input event)
    e.preventDefault();
    doSend();
  });
  sendBtn.addEventListener('click', function (e) { if (!e.defaultPrevented) doSend(); });

  // ---------------------------------------------------------------- image preview (douyin.md §7: the file
  // input, then a preview confirmed with qa-send-img-popup-submit; its other markup is invented, antd-like)
  var fileInput = inputBox.querySelector('input[type=file]');
  var sentImages = [];                           // what the preview sent: { uid, count }
  function closeImagePopup() {
    var old = root.querySelector('.sim-img-popup');
    if (old) old.remove();
  }
  function showImagePopup(files) {
    var b = kit.openBuyer();
    var list = [].slice.call(files || []).filter(function (f) { return /^image\//.test(f.type); });
    if (!b || !list.length) return false;
    closeImagePopup();
    var pop = K.fromHtml('<div class="auxo-modal-root sim-img-popup"><div class="auxo-modal-mask"></div>' +
      '<div class="auxo-modal-wrap" role="dialog"><div class="auxo-modal ' + c('imgModal') + '"><div class="auxo-modal-content">' +
      '<div class="auxo-modal-header"><div class="auxo-modal-title">发送图片</div></div>' +
      '<div class="auxo-modal-body"><div class="' + c('imgPreviewList') + '"></div></div>' +
      '<div class="auxo-modal-footer"><div role="button" class="auxo-btn ' + c('imgCancel') + '">取消</div>' +
      '<div data-qa-id="qa-send-img-popup-submit" role="button" class="auxo-btn auxo-btn-primary ' + c('imgSubmit') + '">发送(' + list.length + ')</div>' +
      '</div></div></div></div></div>');
    var box = pop.querySelector('[class*="imgPreviewList"]');
    list.forEach(function (f) {
      var img = document.createElement('img');
      img.alt = '预览';
      img.className = c('imgPreviewItem');
      img.src = URL.createObjectURL(f);
      box.appendChild(img);
    });
    pop.querySelector('[class*="imgCancel"]').addEventListener('click', closeImagePopup);
    pop.querySelector('[data-qa-id="qa-send-img-popup-submit"]').addEventListener('click', function (e) {
      if (e.defaultPrevented) return;
      var to = kit.openBuyer();
      closeImagePopup();
      if (!to) return;
      sentImages.push({ uid: to.uid, count: list.length });
      list.forEach(function () { kit.addMessage(to, 'agent', '', Date.now(), null, { image: true }); });
    });
    root.appendChild(pop);
    return true;
  }
  fileInput.addEventListener('change', function () { showImagePopup(fileInput.files); fileInput.value = ''; });
  ta.addEventListener('paste', function (e) {
    var files = e.clipboardData ? e.clipboardData.files : null;
    if (files && files.length && showImagePopup(files)) e.preventDefault();
  });

  function showRepeatPopup() {
    var old = root.querySelector('.repeat-interceptor-popup');
    if (old) old.remove();
    var p = K.fromHtml('<div class="repeat-interceptor-popup ' + c('repeatPopup') + '"><div class="' + c('popupTitle') + '">发送失败</div>' +
      '<div>相同内容请勿在短时间内重复发送</div><div role="button" class="' + c('popupBtn') + '">知道了</div></div>');
    p.lastElementChild.addEventListener('click', function () { p.remove(); });
    root.appendChild(p);
    clearTimeout(popupTimer);
    popupTimer = setTimeout(function () { p.remove(); }, 3000);
  }
  function doSend() {
    var S = kit.S, b = kit.openBuyer();
    if (!S || !b) return null;
    var text = drafts[b.uid] || '';              // the state, not the textarea's raw value
    if (!text.trim()) return null;
    if (failNext) {                              // the box clears, nothing arrives
      failNext = false;
      drafts[b.uid] = '';
      renderComposer();
      return null;
    }
    var last = lastSent[b.uid], now = Date.now();
    if (last && last.text === text && now - last.ts < 10e3) { showRepeatPopup(); return null; }
    drafts[b.uid] = '';
    renderComposer();
    var r = kit.commitSend(b, text, { pendingId: true, read: false }), m = r.msg;
    lastSent[b.uid] = { text: text, ts: r.rec.ts };
    later(100 + Math.floor(Math.random() * 401), function () { m.pendingId = false; kit.patchMessage(b, m); });
    var link = /haohuo\.jinritemai\.com\/\S*[?&]id=(\d+)/.exec(text);
    if (link) {
      later(1500, function () {
        var p = PRODUCTS[Number(link[1].slice(-6)) % PRODUCTS.length];
        m.card = { name: p.name, price: p.price };
        kit.patchMessage(b, m);
        kit.renderList();
      });
    }
    return r.rec;
  }
  function later(ms, fn) { var st = kit.S; setTimeout(function () { if (kit.S === st) fn(); }, ms); }

  // ---------------------------------------------------------------- scenarios
  function P(i) { return { card: PRODUCTS[i] }; }
  function bot(text) { return { text: text, kind: 'platform-bot' }; }
  function defaultData(k) {
    k.S.shop = '山野茶食铺';
    var ORDER = '6931052784411203581';
    k.seed('3918204756120358', '测试买家甲', [
      [345900, 'system', '客服' + AGENT + '接入'], [345880, 'buyer', '你好，这款红茶是今年的新茶吗？'], [345875, 'robot', bot(GREETING)],
      [345800, 'buyer', P(0)], [345760, 'agent', '是今年的春茶哦，四月采摘，四月底封罐'], [345700, 'buyer', '好的我考虑一下'],
      [345650, 'agent', '好的亲，有问题随时找我～'], [344700, 'system', { text: '用户超时未回复，系统关闭会话', closes: true }],
      [87000, 'buyer', '在吗，前几天问的红茶'], [86995, 'robot', { text: '您好，欢迎光临山野茶食铺，下单后48小时内发货~', kind: 'shop-robot' }],
      [86950, 'system', '客服' + AGENT + '接入'],
      [86945, 'system', '您好，现在是人工客服为您服务。为了更高效地帮您解决问题，请您详细描述遇到的问题~'],
      [86900, 'agent', '在的亲，您说'], [86850, 'buyer', '我刚下单了，帮我看下什么时候发'],
      [86840, 'buyer', { order: { no: ORDER, status: '订单待发货', name: '正山小种红茶 250g 罐装 ×1' } }],
      [86800, 'agent', '今天下午就会发出哦'], [86700, 'buyer', { image: true }], [86680, 'buyer', '能不能换成这种礼盒包装'],
      [86600, 'agent', '可以的，我给您备注礼盒包装'], [86550, 'robot', { text: '感谢您的支持，关注店铺可领取5元无门槛券~', kind: 'shop-config' }],
      [5400, 'buyer', { order: { no: ORDER, status: '订单已发货', name: '正山小种红茶 250g 罐装 ×1' } }],
      [5380, 'buyer', '物流两天没动了'], [5375, 'robot', bot('亲亲，物流信息一般在揽收后24小时内更新，请您耐心等待哦~')],
      [5300, 'system', '客服' + AGENT + '接入'], [5280, 'agent', '亲，我帮您查一下物流'], [5200, 'agent', '已经联系快递了，今天会更新的'],
      [5100, 'buyer', '好的谢谢'], [3700, 'buyer', { video: true }], [3690, 'buyer', '收到了，罐子有点压扁了'],
      [3600, 'agent', '非常抱歉亲，给您补发一个新罐子可以吗？'], [3550, 'buyer', '可以'], [3500, 'agent', P(5)],
      [3480, 'agent', '这款礼盒送长辈也很合适，您可以看看～'],
      [45, 'buyer', '对了，你们家有没有适合送长辈的茶礼盒？'], [42, 'robot', bot(GREETING)],
      [14, 'system', '用户已等待超30秒，请尽快回复'], [10, 'buyer', '预算两百左右']
    ]);
    k.seed('5520713846092214', '小芒果', [
      [900, 'buyer', '绿茶和红茶哪个适合夏天喝？'], [895, 'robot', bot(GREETING)], [820, 'agent', '夏天推荐绿茶哦，清爽解暑'],
      [815, 'agent', P(1)], [250, 'buyer', '龙井有小包装的吗'],
      [245, 'robot', { text: '您好，欢迎光临山野茶食铺，下单后48小时内发货~', kind: 'shop-robot' }], [200, 'buyer', '想买来送同事']
    ]);
    k.seed('7708125593640127', '小芒果', [
      [2400, 'buyer', '坚果礼盒有没有不含花生的'], [2390, 'robot', bot(GREETING)], [2350, 'agent', '有的亲，每日坚果B款不含花生'],
      [2340, 'agent', P(2)], [2200, 'buyer', '好的，我下单了'], [2150, 'agent', '收到～今天就给您发出']
    ]);
    k.seed('2046619375508841', '用户7305218', [
      [1300, 'buyer', P(3)], [1290, 'robot', bot(GREETING)], [1200, 'agent', '这款现在第二件半价哦'],
      [1150, 'buyer', '那我拍两件'], [1100, 'agent', '好的亲～']
    ]);
    k.seed('8137702264915530', '茶香满屋', [
      [9000, 'buyer', '冷泡茶怎么泡？'], [8950, 'agent', '冷水冲泡，放冰箱4小时即可'], [8900, 'buyer', '好的，谢谢'], [8880, 'agent', '不客气亲～']
    ]);
    k.seed('6402957318864021', '测试买家乙', [
      [90000, 'buyer', '芝麻薄脆是咸的还是甜的'], [89950, 'agent', '是微甜的哦'],
      [89900, 'robot', { text: '感谢您的支持，关注店铺可领取5元无门槛券~', kind: 'shop-config' }]
    ]);
    k.seed('4285910637752298', '爱喝茶的猫', [
      [15000, 'buyer', '乌龙茶有没有试喝装'], [14900, 'agent', '有的，5g 试喝装 9.9 元包邮'], [14800, 'buyer', { image: true }],
      [14700, 'agent', '这个就是试喝装哦']
    ]);
    k.seed('1593386240715574', '用户5921864', [
      [600, 'buyer', '发什么快递？'], [590, 'robot', bot('亲亲，默认发中通快递，偏远地区发邮政哦~')], [560, 'agent', '默认中通，需要顺丰可以补邮费']
    ]);
    k.seed('5068841293307716', '秋天的栗子', [
      [20000, 'buyer', '板栗酥是现烤的吗'], [19950, 'agent', '是的亲，每天现烤现发'], [19900, 'buyer', '好的'],
      [19880, 'agent', '有需要随时联系哦～']
    ]);
    k.seed('2719930458126683', '橙子汽水', [
      [26000, 'buyer', { image: true }], [25990, 'buyer', '这个是你们家的吗'], [25950, 'agent', '是的亲，这是我们家的桂花乌龙'],
      [25940, 'agent', P(4)]
    ]);
    k.seed('9031175526480319', '晴天', [
      [200000, 'buyer', '你好'], [199990, 'robot', bot(GREETING)], [199000, 'system', { text: '用户超时未回复，系统关闭会话', closes: true }]
    ]);
    k.seed('3357209914862207', '大橘子', [
      [7000, 'buyer', '到货了，茶很香'], [6990, 'agent', '谢谢亲的认可～'], [5000, 'system', { text: '用户超时未回复，系统关闭会话', closes: true }]
    ]);
    var labels = { '3918204756120358': '老客', '5520713846092214': '重复来访', '2046619375508841': '新客', '4285910637752298': '老客' };
    Object.keys(labels).forEach(function (u) { k.S.buyers.get(u).label = labels[u]; });
    k.renderList();
    return '3918204756120358';
  }

  K.install({
    sendKeys: ['enter'],                                     // Feige's only documented send key
    normKey: function (k) { return String(k || '').toLowerCase() === 'enter' ? 'enter' : null; },
    openDelay: function () { return 250 + Math.floor(Math.random() * 551); },   // row click → thread 250–800 ms
    olderDelay: function () { return 300 + Math.floor(Math.random() * 301); },
    defaultAutoReply: { enabled: false, delayMs: 3000, text: GREETING },
    autoFields: { kind: 'platform-bot' },
    robotFields: { kind: 'platform-bot' },
    msgFields: ['kind', 'image', 'video', 'order', 'closes', 'pendingId', 'read'],
    defaultNickname: function (uid) { return '用户' + uid.slice(-7); },
    options: function (q) {
      var layout = q.layout === '2026-09' ? '2026-09' : '2026-06';
      return { layout: layout, nickQa: layout === '2026-06' && q.nickQa === '1',
        overtimeMarker: q.overtimeMarker === 'overtime' ? 'overtime' : 'overThreemins', tracker: q.tracker !== '0' };
    },
    scenarios: {
      'default': defaultData,
      empty: function (k) { k.S.shop = '山野茶食铺'; return null; },
      broken: defaultData
    },
    validate: function (k, m) {
      if (m.sender === 'robot') {
        m.kind = m.kind || 'platform-bot';
        if (!ROBOT_KINDS[m.kind]) throw new Error('sim: unknown robot kind ' + m.kind + ' (platform-bot | shop-robot | shop-config)');
      } else delete m.kind;
      if (m.card && m.card.price == null) m.card.price = '0.00';
    },
    init: function (k) {
      kit = k; O = k.opts;
      // React's value tracker: an instance setter that remembers what was written. A value set through
      // it (a main-world `ta.value = …`) looks unchanged to the next input event and is ignored; the
      // prototype's native setter (what an extension's isolated world uses) is seen.
      if (O.tracker) {
        Object.defineProperty(ta, 'value', { configurable: true, enumerable: true,
          get: function () { return NATIVE.get.call(this); },
          set: function (v) { tracked = String(v); NATIVE.set.call(this, v); } });
      }
    },
    onReset: function () {
      tab = 'current'; drafts = {}; lastSent = {}; failNext = false; composing = false;
      waitNotice = { enabled: false, afterSec: 30 };
      var p = root.querySelector('.repeat-interceptor-popup');
      if (p) p.remove();
      writeDom('');
      closeImagePopup(); sentImages = [];
    },
    setSendKey: function () { /* nothing on the page shows it */ },
    send: function () { return doSend(); },
    type: function (k, text) {
      ta.focus();
      NATIVE.set.call(ta, String(text == null ? '' : text));
      ta.dispatchEvent(new Event('input', { bubbles: true }));
      return domValue();
    },
    groupOf: function (k, b, now) { return groupOf(b, now); },
    preview: function (k, b) { return preview(b); },
    resultOf: function (k, m) { return { dataId: dataId(m) }; },
    onAddBuyer: function (k, b, o) {
      if (o.label != null) b.label = String(o.label);
      if (o.unread != null) b.unread = Number(o.unread);
      else {
        var n = 0;
        for (var i = b.msgs.length - 1; i >= 0 && b.msgs[i].sender !== 'agent'; i--) if (b.msgs[i].sender === 'buyer') n++;
        b.unread = b.uid === k.S.openUid || isClosed(b) ? 0 : n;
      }
    },
    onMessage: function (k, b, m) {
      if (m.sender === 'buyer') b.unread = b.uid === k.S.openUid ? 0 : (b.unread || 0) + 1;
      else if (m.sender === 'agent') b.unread = 0;
      if (mine(m) && m.read !== true) { m.read = false; later(1000, function () { m.read = true; k.patchMessage(b, m); }); }
    },
    onOpen: function (k, b) { b.unread = 0; },
    onTick: function (k) {
      if (!waitNotice.enabled) return;
      var now = Date.now(), sec = waitNotice.afterSec;
      k.buyers().forEach(function (b) {
        if (b.waitingSince == null || isClosed(b) || b.noticeFor === b.waitingSince || k.waitSec(b, now) < sec) return;
        b.noticeFor = b.waitingSince;
        k.addMessage(b, 'system', '用户已等待超' + (sec < 60 ? sec + '秒' : Math.floor(sec / 60) + '分钟') + '，请尽快回复', now, null, null);
      });
    },
    build: function () { buildSkeleton(); },
    renderShop: function () { /* no DOM location of the shop name is known: state only */ },
    renderChrome: function (k, b) { renderChrome(b); },
    renderList: function () { return renderList(); },
    rerenderList: function () { if (R.items) R.items.innerHTML = ''; return renderList(); },
    pane: function () { return R.pane; },
    ul: function () { return R.pane; },
    msgHtml: function (k, m, showTime, b, i) { return msgHtml(m, showTime, b, i); },
    setLoading: function (k, on) { R.loading.classList.toggle(c('show'), !!on); },
    api: function (k) {
      return {
        showTab: showTab,
        scrollList: function (px) { R.scroller.scrollTop = Math.max(0, Number(px) || 0); renderList(); return listInfo(); },
        failNextSend: function () { failNext = true; return true; },
        /** What the image preview sent: [{ uid, count }]. */
        sentImages: function () { return sentImages.map(function (x) { return Object.assign({}, x); }); },
        closeConversation: function (uid, text) {
          return k.addMessage(k.buyerOrThrow(uid), 'system', text || '用户超时未回复，系统关闭会话', null, null, { closes: true });
        },
        setWaitNotice: function (o) {
          o = o || {};
          if ('enabled' in o) waitNotice.enabled = !!o.enabled;
          if (o.afterSec != null) waitNotice.afterSec = Number(o.afterSec);
          return Object.assign({}, waitNotice);
        },
        view: function () {
          var b = k.openBuyer(), unread = {};
          k.buyers().forEach(function (x) { unread[x.uid] = x.unread || 0; });
          return {
            layout: O.layout, nickQa: O.nickQa, overtimeMarker: O.overtimeMarker, tracker: O.tracker,
            classes: Object.assign({}, H), list: listInfo(), unread: unread, drafts: Object.assign({}, drafts),
            composer: { attached: !!inputBox.parentNode, value: domValue(), draft: b ? drafts[b.uid] || '' : '', inputArea: b ? b.uid : null,
              placeholder: ta.placeholder },
            popup: !!root.querySelector('.repeat-interceptor-popup'), failNext: failNext,
            imagePopup: !!root.querySelector('.sim-img-popup')
          };
        }
      };
    }
  });
})();
