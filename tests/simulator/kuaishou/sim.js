/*
 * Kefu Pilot test simulator — an INVENTED stand-in for the Kuaishou 快手小店 快语客服 workbench
 * (https://im.kwaixiaodian.com/workbench). Structure and class names follow
 * /work/shared/design/platforms/kuaishou.md §1–§9, §12 and §13; every nickname, message, product, price
 * and id here is made up. Only the page's markup (antd component classes), its Quill 2 composer,
 * window.__chat_sdk and the scenarios live here: state, messages, timing and window.sim come from the
 * shared engine (/_kit/engine.js, window.SimKit), loaded first, after /_vendor/quill.js. API: README.md.
 */
(function () {
  'use strict';

  var K = window.SimKit;
  var esc = K.esc, p2 = K.p2, cn = K.cn, hms = K.hms;
  // The real page bundles Quill: no global. Keep the constructor private and take the global away.
  var Quill = window.Quill;
  try { delete window.Quill; } catch (e) { window.Quill = undefined; }
  if (!Quill) throw new Error('kuaishou sim: /_vendor/quill.js did not load');
  var Delta = Quill.import('delta');

  var SHOP = '竹影小铺';
  var SHOP_ID = 98760001;                       // invented
  var AGENT_USER_ID = 87650012;                 // invented: the logged-in agent (sub-account)
  var OVER = 180;                               // the page's 3-minute reply window
  var GREETING = '您好，我是智能客服，很高兴为您服务，请问有什么可以帮您？';
  var P = 'kwaishop-cs-LayoutDefaultWrapper', M = 'kwaishop-cs-LayoutMiddleWrapper';
  var GROUPS = [
    { key: 'waitReply', name: '请在3分钟内回复', bracket: 'full' },
    { key: 'overtime', name: '已超时', bracket: 'half' },
    { key: 'replied', name: '已回复', bracket: 'full' }         // invented: the note knows only the first two
  ];
  var STATUSES = [
    { key: 'online', tag: '在线', item: '在线' },
    { key: 'busy', tag: '挂起', item: '忙碌' },
    { key: 'offline', tag: '离线', item: '离线' }
  ];
  var CARD_MENU = ['置顶会话', '标为未读', '结束会话'];       // inert items of a card's dropdown
  var REASONS = ['无原因直接转移', '买家咨询售后问题', '其他原因'];
  var SDK_FORBIDDEN = ['sendMessage', 'sendTextMessage', 'markSessionRead', 'closeSession', 'transferSession', 'changeStatus'];

  var kit = null, O = null;                     // engine, platform options
  var R = {};                                   // element refs of the current skeleton
  var cardKeys = [];                            // uid | 'official' of every rendered card, in DOM order
  var titleKeys = [];                           // group key of every rendered group title, in DOM order
  var expanded = {};                            // group key → expanded
  var menuKey = null;                           // the card whose dropdown is open
  var hoverKey = null;                          // the card under the mouse (SessionStarCard-TagWrap)
  var official = null;                          // the official-account session (not a buyer)
  var status = 'online';
  var modal = null;                             // {kind: 'status', to} | {kind: 'transfer'} | {kind: 'login'}
  var loginLost = false;
  var statusMenuOpen = false;
  var drafts = {};                              // uid → Quill contents kept while another conversation is open
  var composerUid = null;
  var model = { text: '\n', images: [] };       // the page's own model: Quill's contents at the last text-change
  var uploads = [];                             // image reads in flight (paste / drop)
  var sdkCalls = [];
  var sdk = null;

  // ---------------------------------------------------------------- scenario broken
  // "Kuaishou changed its markup": the component classes the note lists as hooks are renamed, except
  // `.new-workbench-container` (the page is recognised) and the composer `.SendBox …` (sending works).
  var TOKENS = [
    [/^SessionListGroup/, 'ConvFolder'], [/^SessionStarCard/, 'ConvStarCard'], [/^SessionBaseCard/, 'ConvCard'],
    [/^AllSessionList/, 'ConvAllList'], [/^SessionTab$/, 'ConvTab'], [/^TargetUserHeader/, 'ChatPeerHeader'],
    [/^LoginUserInfo/, 'PeerInfo'], [/^ChatMessageList/, 'MsgStream'], [/^kwaishop-cs-LayoutDefaultWrapper/, 'kwaishop-cs-MsgRow'],
    [/^kwaishop-cs-LayoutMiddleWrapper/, 'kwaishop-cs-MsgCenter'], [/^kwaishop-cs-[Bb]iz/, 'kwaishop-cs-Card'],
    [/^colorHighLight$/, 'isActiveCard'], [/^colorLowLight$/, 'isIdleCard'], [/^OrderCard/, 'TradeCard'],
    [/^oid$/, 'trade-no'], [/^pay-tag$/, 'trade-pay'], [/^order-tag$/, 'trade-state'],
    [/^cs-common-message-list-item/, 'cs-msg-row']
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
      .replace(/ id="0_/g, ' id="m0-').replace(/ id="cs-common-message-list-item-/g, ' id="cs-msg-row-');
  }
  function q(cls) { return document.querySelector('.' + C(cls)); }

  // ---------------------------------------------------------------- pictures (data: URIs, no network)
  // Each picture's SVG carries a <title>, so avatars have `uhead` in their URL and header icons their
  // icon name (`icon-session-transfer`), as the live page's CDN paths do.
  var COLORS = ['#ff5000', '#3f9ae8', '#f59a23', '#5ab88d', '#9b7be0', '#4cb6c4', '#d96f9a', '#e0a03c'];
  var FONT = 'WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif';
  function svg(tag, body, w, h) {
    return 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="' + w +
      '" height="' + h + '" viewBox="0 0 ' + w + ' ' + h + '"><title>' + tag + '</title>' + body + '</svg>');
  }
  function hashOf(s) { var h = 7; for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 1000003; return h; }
  function avatarPic(tag, ch, bg) {
    return svg(tag, '<rect width="64" height="64" rx="32" fill="' + bg + '"/><text x="32" y="42" font-size="26" text-anchor="middle" ' +
      'fill="#fff" font-family="' + FONT + '">' + esc(ch) + '</text>', 64, 64);
  }
  // Not the uid: a hash of it, like a CDN file name (two buyers with one nickname get different pictures).
  function buyerAvatar(b) {
    var h = hashOf(b.uid);
    return avatarPic('uhead/AB' + (h * 7919 % 1000003).toString(36) + '.jpg', (shownNick(b) || '客').charAt(0), COLORS[h % COLORS.length]);
  }
  var AGENT_AVATAR = avatarPic('uhead/cs-agent.jpg', '竹', '#ff5000');
  var ROBOT_AVATAR = avatarPic('uhead/cs-robot.jpg', '智', '#3f9ae8');
  var OFFICIAL_AVATAR = avatarPic('uhead/official-guarantee.jpg', '官', '#e1251b');
  function icon(name, body) { return svg(name, body, 20, 20); }
  var ICONS = [
    { title: '标星', src: icon('icon-session-star', '<path d="M10 2l2.4 5 5.4.6-4 3.7 1.1 5.4L10 14l-4.9 2.7 1.1-5.4-4-3.7 5.4-.6z" fill="none" stroke="#666" stroke-width="1.4"/>'), act: 'star' },
    { title: '转移会话', src: icon('icon-session-transfer', '<path d="M3 7h12l-3-3M17 13H5l3 3" fill="none" stroke="#666" stroke-width="1.6"/>'), act: 'transfer' },
    { title: '结束会话', src: icon('icon-session-close', '<circle cx="10" cy="10" r="7" fill="none" stroke="#666" stroke-width="1.4"/><path d="M7 7l6 6M13 7l-6 6" stroke="#666" stroke-width="1.4"/>'), act: 'close' }
  ];
  var PHOTO = svg('chat-image', '<defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#d8ecd2"/><stop offset="1" stop-color="#5b8f4e"/></linearGradient></defs>' +
    '<rect width="180" height="130" rx="6" fill="url(#g)"/><rect x="55" y="30" width="70" height="72" rx="10" fill="#fff" opacity=".85"/>' +
    '<text x="90" y="74" font-size="16" text-anchor="middle" fill="#3d6b39" font-family="' + FONT + '">杯子</text>', 180, 130);
  var SHIP_PHOTO = svg('chat-image', '<rect width="160" height="110" rx="6" fill="#f3efe6"/><rect x="18" y="18" width="124" height="74" rx="4" fill="#fff" stroke="#d9cfbd"/>' +
    '<text x="80" y="60" font-size="14" text-anchor="middle" fill="#8a6d3b" font-family="' + FONT + '">发货单</text>', 160, 110);
  function goodsPic(name) {
    return svg('goods-pic', '<rect width="60" height="60" rx="4" fill="' + COLORS[hashOf(name) % COLORS.length] + '"/><text x="30" y="37" font-size="15" ' +
      'text-anchor="middle" fill="#fff" font-family="' + FONT + '">' + esc(String(name || '商').charAt(0)) + '</text>', 60, 60);
  }
  var SPIN = '<div class="ant-spin ant-spin-spinning"><span class="ant-spin-dot ant-spin-dot-spin"><i class="ant-spin-dot-item"></i>' +
    '<i class="ant-spin-dot-item"></i><i class="ant-spin-dot-item"></i><i class="ant-spin-dot-item"></i></span></div>';

  // ---------------------------------------------------------------- time texts (China time)
  // `M-D HH:MM:SS` (month and day without leading zeros): the _beforeMsgBody time.
  function mdhms(ts) { var d = cn(ts); return (d.getUTCMonth() + 1) + '-' + d.getUTCDate() + ' ' + hms(ts); }
  // The page's own idea of how long a buyer has waited: the true wait plus ?clockSkew=.
  function pageWait(since, now) { return since == null ? null : Math.floor((now - since) / 1000) + O.clockSkew; }
  function countdown(rem) {
    var m = Math.floor(rem / 60), s = rem % 60;
    return m && s ? m + '分' + s + '秒后超时' : m ? m + '分后超时' : s + '秒后超时';
  }
  function age(sec) {
    if (sec < 60) return '刚刚';
    if (sec < 3600) return Math.floor(sec / 60) + '分钟';
    if (sec < 86400) return Math.floor(sec / 3600) + '小时';
    return Math.floor(sec / 86400) + '天';
  }
  function timerText(since, lastAt, now) {
    var w = pageWait(since, now);
    if (w != null) return w < OVER ? countdown(OVER - w) : '已超时';
    return lastAt == null ? '' : age(Math.max(0, Math.floor((now - lastAt) / 1000)));
  }
  function groupOfSince(since, now) {
    var w = pageWait(since, now);
    return w == null ? 'replied' : w < OVER ? 'waitReply' : 'overtime';
  }

  // ---------------------------------------------------------------- data helpers
  function later(ms, fn) { var st = kit.S; setTimeout(function () { if (kit.S === st) fn(); }, Math.max(0, ms)); }
  // A nickname first shows as the numeric id, then the nickname text (when the user info "arrives").
  function shownNick(b) { return b.nickAt && Date.now() < b.nickAt ? b.uid : b.nickname; }
  function numericFirst(b, ms) {
    if (!(ms > 0)) { b.nickAt = 0; return; }
    b.nickAt = Date.now() + ms;
    later(ms, function () {
      kit.renderList();
      if (b.uid === kit.S.openUid) {
        renderHead(b);
        b.msgs.forEach(function (m) { if (m.sender === 'buyer') kit.patchMessage(b, m); });
      }
    });
  }
  function mine(m) { return m.sender === 'agent' || m.sender === 'robot'; }
  function preview(b) {
    var m = b.msgs[b.msgs.length - 1];
    if (!m) return '';
    if (m.sender === 'system') return '[系统消息]';
    if (m.sender === 'robot') return '[系统自动回复消息]';
    if (m.biz === 'image') return '[图片]';
    if (m.biz === 'goods') return '[商品]';
    if (m.biz === 'order') return '[订单]';
    if (m.biz === 'notice') return '[通知] ' + (m.title || m.text);
    return m.text.replace(/\s*\n\s*/g, ' ');
  }
  function unreadOf(b) {
    if (b.uid === kit.S.openUid) return 0;
    var n = 0;
    for (var i = b.msgs.length - 1; i >= 0 && b.msgs[i].sender !== 'agent'; i--) if (b.msgs[i].sender === 'buyer') n++;
    return n;
  }

  // ---------------------------------------------------------------- skeleton
  function buildSkeleton() {
    document.title = '快语客服';
    var grouped = O.list !== 'flat';
    var root = document.getElementById('main_root');
    root.innerHTML = out(
      '<main><div class="new-workbench-container">' +
      '<nav class="workbench-nav"><div class="workbench-logo"><b>快语</b>客服</div>' +
      '<div class="statusTag"><i class="statusTag-dot"></i><span class="statusTag-text"></span></div>' +
      '<div class="workbench-navItem workbench-navItem-active">会话</div><div class="workbench-navItem">数据</div>' +
      '<div class="workbench-navItem">工具</div><div class="workbench-navItem">设置</div></nav>' +
      '<div class="leftContent">' +
      '<div class="ant-tabs ant-tabs-top SessionTabs"><div class="ant-tabs-nav" role="tablist"><div class="ant-tabs-nav-wrap"><div class="ant-tabs-nav-list">' +
      '<div class="ant-tabs-tab ant-tabs-tab-active"><div class="ant-tabs-tab-btn" role="tab" aria-selected="true">消息列表</div></div>' +
      '<div class="ant-tabs-tab"><div class="ant-tabs-tab-btn" role="tab" aria-selected="false">联系人</div></div>' +
      '<div class="ant-tabs-ink-bar ant-tabs-ink-bar-animated"></div></div></div></div></div>' +
      '<div class="ImSearch"><div class="ant-select ant-select-single ant-select-show-search"><div class="ant-select-selector">' +
      '<span class="ant-select-selection-search"><input type="search" autocomplete="off" class="ant-select-selection-search-input" role="combobox"></span>' +
      '<span class="ant-select-selection-placeholder">搜索买家昵称/订单号</span></div></div></div>' +
      '<div class="leftBottom"><div class="tabs"><div class="SessionTab"><div class="tabItem tabItem-active">当前会话</div>' +
      '<div class="tabItem">排队中(0)</div></div></div>' +
      (grouped ? '<div class="SessionListGroup"><div class="SessionListGroup-FolderSessions"></div></div>'
        : '<div class="AllSessionList"><div class="AllSessionList-Sessions"></div></div>') +
      '</div></div>' +
      '<section class="chatArea"><div class="TargetUserHeader"></div>' +
      '<div class="ChatMessageList"><div class="ChatMessageList-ContentWrap"></div></div>' +
      '<div class="ChatMessageList-loading">' + SPIN + '</div>' +
      '<div class="EmptyConversation"><div class="EmptyConversation-text">暂无会话，请从左侧选择买家</div></div></section>' +
      '<aside class="CustomerPanel"><div class="ant-tabs ant-tabs-top"><div class="ant-tabs-nav"><div class="ant-tabs-nav-wrap"><div class="ant-tabs-nav-list">' +
      '<div class="ant-tabs-tab ant-tabs-tab-active"><div class="ant-tabs-tab-btn" role="tab">买家信息</div></div>' +
      '<div class="ant-tabs-tab"><div class="ant-tabs-tab-btn" role="tab">订单</div></div>' +
      '<div class="ant-tabs-tab"><div class="ant-tabs-tab-btn" role="tab">商品</div></div></div></div></div></div>' +
      '<div class="CustomerPanel-body"></div></aside>' +
      '</div></main>');
    R = {
      container: root.querySelector('.new-workbench-container'),
      status: root.querySelector('.statusTag'), left: root.querySelector('.leftBottom'),
      list: grouped ? q('SessionListGroup') : q('AllSessionList'),
      chat: root.querySelector('.chatArea'), head: q('TargetUserHeader'), pane: q('ChatMessageList'),
      wrap: q('ChatMessageList-ContentWrap'), loading: q('ChatMessageList-loading'),
      empty: root.querySelector('.EmptyConversation'), panel: root.querySelector('.CustomerPanel-body')
    };
    R.left.addEventListener('click', onListClick);
    R.left.addEventListener('mouseover', onListHover);
    R.left.addEventListener('mouseleave', function () { if (hoverKey) { hoverKey = null; kit.renderList(); } });
    R.status.addEventListener('click', function (e) { e.stopPropagation(); statusMenuOpen = !statusMenuOpen; closeCardMenu(); renderMenus(); });
    // Pictures finish loading after a render: a pane that was at the bottom stays there.
    var stick = true;
    R.pane.addEventListener('load', function (e) {
      if (e.target && e.target.tagName === 'IMG' && stick) R.pane.scrollTop = R.pane.scrollHeight;
    }, true);
    R.pane.addEventListener('scroll', function () {
      stick = R.pane.scrollHeight - R.pane.scrollTop - R.pane.clientHeight < 40;
      var S = kit.S;
      if (S && S.openUid && !S.paneLoading && S.paneFrom > 0 && R.pane.scrollTop <= 0) kit.loadOlder();
    });
    R.head.addEventListener('click', function (e) {
      var img = e.target.closest('img[data-act]');
      if (!img) return;
      if (img.getAttribute('data-act') === 'transfer') { modal = { kind: 'transfer' }; renderModal(); }
    });
    renderStatus();
  }

  // ---------------------------------------------------------------- conversation list
  function item(b, now) {
    return { key: b.uid, nick: shownNick(b), orders: b.orders || 0, since: b.waitingSince, lastAt: kit.lastAt(b),
      preview: preview(b), unread: unreadOf(b) > 0, active: b.uid === kit.S.openUid, avatar: buyerAvatar(b), group: groupOfSince(b.waitingSince, now) };
  }
  function officialItem(now) {
    var since = official.waiting ? official.since : null;
    return { key: 'official', nick: official.nick, orders: 0, since: since, lastAt: official.at, preview: official.text,
      unread: official.unread > 0, active: false, avatar: OFFICIAL_AVATAR, group: groupOfSince(since, now) };
  }
  function items(now) {
    var all = kit.buyers().map(function (b) { return item(b, now); });
    if (official) all.push(officialItem(now));
    return all;
  }
  function byUrgency(a, b) { return a.since - b.since || (b.lastAt || 0) - (a.lastAt || 0); }
  function byRecent(a, b) { return (b.lastAt || 0) - (a.lastAt || 0); }
  function cardHtml(o, now) {
    var w = pageWait(o.since, now);
    return '<div class="SessionStarCard">' +
      '<div class="SessionBaseCard ant-dropdown-trigger ' + (o.active ? 'colorHighLight' : 'colorLowLight') + (menuKey === o.key ? ' ant-dropdown-trigger-open' : '') + '">' +
      '<div class="SessionBaseCard-Static">' +
      '<div class="SessionBaseCard-avatar"><img src="' + o.avatar + '"></div>' +
      (o.unread ? '<span class="SessionBaseCard-unread-rot"></span>' : '') +
      '<div class="SessionBaseCard-info"><div class="SessionBaseCard-topHead">' +
      '<div class="SessionBaseCard-topHeadName">' + esc(o.nick) + (o.orders ? '<span class="SessionBaseCard-orderCount">下单数(' + o.orders + ')</span>' : '') + '</div>' +
      '<span class="SessionBaseCard-topHeadTime' + (w != null ? (w < OVER ? ' SessionBaseCard-topHeadTime-countdown' : ' SessionBaseCard-topHeadTime-over') : '') + '">' +
      esc(timerText(o.since, o.lastAt, now)) + '</span></div>' +
      '<div class="SessionBaseCard-lastMessage">' + esc(o.preview) + '</div></div></div></div>' +
      (hoverKey === o.key ? '<div class="SessionStarCard-TagWrap"><span class="SessionStarCard-tag">标星</span><span class="SessionStarCard-tag">备注</span></div>' : '') +
      '</div>';
  }
  function bracket(g, n) {
    var full = O.brackets === 'full' || (O.brackets === 'mixed' && g.bracket === 'full');
    return full ? '（' + n + '）' : '(' + n + ')';
  }
  function listHtml(now) {
    var all = items(now), html = '';
    cardKeys = [];
    titleKeys = [];
    function cards(list) {
      return list.map(function (o) { cardKeys.push(o.key); return cardHtml(o, now); }).join('');
    }
    if (O.list === 'flat') {
      var waiting = all.filter(function (o) { return o.since != null; }).sort(byUrgency);
      var rest = all.filter(function (o) { return o.since == null; }).sort(byRecent);
      html = '<div class="AllSessionList"><div class="AllSessionList-Sessions">' +
        (all.length ? '<div class="ant-checkbox-group">' + cards(waiting.concat(rest)) + '</div>' : '') + '</div></div>';
      return html;
    }
    html = '<div class="SessionListGroup"><div class="SessionListGroup-FolderSessions">';
    GROUPS.forEach(function (g) {
      var list = all.filter(function (o) { return o.group === g.key; }).sort(g.key === 'replied' ? byRecent : byUrgency);
      // A collapsed group holds at most one card: the open conversation's if it is in the group, else its first.
      var open = !!expanded[g.key], act = list.filter(function (o) { return o.active; });
      var shown = open ? list : act.length ? act : list.slice(0, 1);
      titleKeys.push(g.key);
      html += '<div class="SessionListGroupItem ' + (open ? 'SessionListGroupItem-expand' : 'SessionListGroupItem-fold') + '">' +
        '<div class="SessionListGroupItem-title"><i class="SessionListGroupItem-arrow"></i>' +
        '<span class="SessionListGroupItem-groupName">' + g.name + '</span>' +
        '<span class="SessionListGroupItem-count">' + bracket(g, list.length) + '</span></div>' +
        (shown.length ? '<div class="ant-checkbox-group">' + cards(shown) + '</div>' : '') + '</div>';
    });
    return html + '</div></div>';
  }
  function renderList() {
    if (!R.list || !kit.S) return 0;
    var now = Date.now();
    // Patched in place by position, as a re-render does: a card node can show another buyer next time.
    R.list = K.morph(R.list, K.fromHtml(out(listHtml(now))));
    renderMenus();
    renderPanel();
    return cardKeys.length;
  }
  function cardKeyOf(card) {
    var all = R.list.querySelectorAll('.' + C('SessionBaseCard'));
    return cardKeys[Array.prototype.indexOf.call(all, card)];
  }
  function onListClick(e) {
    var title = e.target.closest('.' + C('SessionListGroupItem-title'));
    if (title) {
      var titles = R.list.querySelectorAll('.' + C('SessionListGroupItem-title'));
      var g = titleKeys[Array.prototype.indexOf.call(titles, title)];
      if (g) { expanded[g] = !expanded[g]; kit.renderList(); }
      return;
    }
    var card = e.target.closest('.' + C('SessionBaseCard'));
    if (!card) return;
    var key = cardKeyOf(card);
    if (!key) return;
    // The outer element is the dropdown trigger; its Static part (avatar, info, topHead) opens the chat.
    if (e.target.closest('.' + C('SessionBaseCard-Static'))) {
      closeCardMenu();
      statusMenuOpen = false;
      if (key !== 'official' && key !== kit.S.openUid) kit.open(key);
      kit.renderList();
      return;
    }
    e.stopPropagation();
    statusMenuOpen = false;
    menuKey = menuKey === key ? null : key;
    kit.renderList();
  }
  function onListHover(e) {
    var star = e.target.closest('.' + C('SessionStarCard'));
    var key = null;
    if (star) {
      var card = star.querySelector('.' + C('SessionBaseCard'));
      key = card ? cardKeyOf(card) || null : null;
    }
    if (key !== hoverKey) { hoverKey = key; kit.renderList(); }
  }

  // ---------------------------------------------------------------- dropdowns (portals in <body>) and modals
  var portals = { card: null, status: null, modal: null };
  var portalHtml = { card: '', status: '' };
  function setPortal(name, html) {                                // only touched when it changes
    var el = portal(name);
    if (portalHtml[name] !== html || !el.firstChild) { el.innerHTML = html; portalHtml[name] = html; }
  }
  function portal(name) {
    if (!portals[name] || !portals[name].isConnected) {
      portals[name] = document.createElement('div');
      document.body.appendChild(portals[name]);
    }
    return portals[name];
  }
  function closeCardMenu() { if (menuKey) { menuKey = null; } }
  function dropdownAt(el, html, cls) {
    var r = el.getBoundingClientRect();
    return '<div class="ant-dropdown ' + cls + ' ant-dropdown-placement-bottomLeft" style="left: ' + Math.round(r.left + 8) + 'px; top: ' +
      Math.round(r.bottom - 4) + 'px;">' + html + '</div>';
  }
  function renderMenus() {
    // Card menu: antd keeps the portal after the first open and hides it.
    var cardEl = null;
    if (menuKey) {
      var i = cardKeys.indexOf(menuKey);
      cardEl = i >= 0 ? R.list.querySelectorAll('.' + C('SessionBaseCard'))[i] : null;
      if (!cardEl) menuKey = null;
    }
    if (menuKey && cardEl) {
      setPortal('card', dropdownAt(cardEl, '<ul class="ant-dropdown-menu ant-dropdown-menu-root ant-dropdown-menu-vertical ant-dropdown-menu-light" role="menu">' +
        CARD_MENU.map(function (t) { return '<li class="ant-dropdown-menu-item" role="menuitem"><span class="ant-dropdown-menu-title-content">' + t + '</span></li>'; }).join('') +
        '</ul>', 'SessionCardMenu'));
    } else if (portals.card) {
      portalHtml.card = '';
      var d = portals.card.querySelector('.ant-dropdown');
      if (d) d.classList.add('ant-dropdown-hidden');
    }
    if (statusMenuOpen && R.status) {
      setPortal('status', dropdownAt(R.status, '<ul class="ant-menu ant-menu-root ant-menu-vertical ant-menu-light" role="menu">' +
        STATUSES.map(function (s) {
          return '<li class="ant-menu-item ant-menu-item-only-child' + (s.key === status ? ' ant-menu-item-selected' : '') + '" role="menuitem">' +
            '<span class="ant-menu-title-content">' + s.item + '</span></li>';
        }).join('') + '</ul>', 'StatusMenu'));
    } else if (portals.status) {
      portalHtml.status = '';
      var s = portals.status.querySelector('.ant-dropdown');
      if (s) s.classList.add('ant-dropdown-hidden');
    }
  }
  function btn(label, primary, act) {
    // antd puts a space between the two characters of a two-character Chinese label.
    var text = /^[\u4e00-\u9fff]{2}$/.test(label) ? label.charAt(0) + ' ' + label.charAt(1) : label;
    return '<button type="button" class="ant-btn ' + (primary ? 'ant-btn-primary' : 'ant-btn-default') + '" data-act="' + act + '"><span>' + text + '</span></button>';
  }
  function renderModal() {
    var el = portal('modal');
    if (!modal) { el.innerHTML = ''; return; }
    var inner;
    if (modal.kind === 'transfer') {
      inner = '<div role="document" class="ant-modal TransferModal" style="width: 480px;"><div class="ant-modal-content">' +
        '<button type="button" aria-label="Close" class="ant-modal-close" data-act="cancel"><span class="ant-modal-close-x">×</span></button>' +
        '<div class="ant-modal-header"><div class="ant-modal-title">转移会话</div></div><div class="ant-modal-body">' +
        '<span class="ant-input-affix-wrapper"><input class="ant-input" type="text" placeholder="请输入客服昵称" value=""></span>' +
        '<div class="reasonList">' + REASONS.map(function (r, i) {
          return '<div class="reasonItem' + (i === modal.reason ? ' reasonItem-active' : '') + '" data-reason="' + i + '">' + r + '</div>';
        }).join('') + '</div></div>' +
        '<div class="ant-modal-footer">' + btn('取消', false, 'cancel') + btn('确定', true, 'ok') + '</div></div></div>';
    } else {
      var title = modal.kind === 'login' ? '提示' : '切换接待状态';
      var text = modal.kind === 'login' ? '登录信息已经失效，请重新登录' :
        '确定将接待状态切换为「' + STATUSES.filter(function (s) { return s.key === modal.to; })[0].item + '」吗？';
      inner = '<div role="document" class="ant-modal ant-modal-confirm ' + (modal.kind === 'login' ? 'ant-modal-confirm-warning' : 'ant-modal-confirm-confirm') +
        '" style="width: 416px;"><div class="ant-modal-content"><div class="ant-modal-body"><div class="ant-modal-confirm-body-wrapper">' +
        '<div class="ant-modal-confirm-body"><span role="img" class="anticon anticon-exclamation-circle">!</span>' +
        '<span class="ant-modal-confirm-title">' + title + '</span><div class="ant-modal-confirm-content">' + text + '</div></div>' +
        '<div class="ant-modal-confirm-btns">' + (modal.kind === 'login' ? '' : btn('取消', false, 'cancel')) + btn('确定', true, 'ok') + '</div>' +
        '</div></div></div></div>';
    }
    el.innerHTML = '<div class="ant-modal-root"><div class="ant-modal-mask"></div><div tabindex="-1" class="ant-modal-wrap ant-modal-centered" role="dialog">' +
      inner + '</div></div>';
  }
  function onModalClick(e) {
    var reason = e.target.closest('.reasonItem');
    if (reason) { modal.reason = Number(reason.getAttribute('data-reason')); renderModal(); return; }
    var b = e.target.closest('button[data-act]');
    if (!b) return;
    var act = b.getAttribute('data-act');
    if (modal.kind === 'login') return;                           // the live page goes to the login page; here it stays
    if (act === 'ok' && modal.kind === 'status') setStatus(modal.to);
    modal = null;                                                 // transfer: inert (nobody is transferred)
    renderModal();
  }
  function onDocClick(e) {
    if (portals.modal && portals.modal.contains(e.target)) { onModalClick(e); return; }
    if (portals.status && portals.status.contains(e.target)) {
      var li = e.target.closest('.ant-menu-item');
      if (li) {
        var s = STATUSES[Array.prototype.indexOf.call(li.parentNode.children, li)];
        statusMenuOpen = false;
        renderMenus();
        if (s && s.key !== status) { modal = { kind: 'status', to: s.key }; renderModal(); }
      }
      return;
    }
    if (portals.card && portals.card.contains(e.target)) {
      if (e.target.closest('.ant-dropdown-menu-item')) { menuKey = null; kit.renderList(); }   // items are inert
      return;
    }
    var changed = !!menuKey || statusMenuOpen;
    menuKey = null;
    statusMenuOpen = false;
    if (changed && kit.S) kit.renderList();
  }
  function renderStatus() {
    if (!R.status) return;
    var s = STATUSES.filter(function (x) { return x.key === status; })[0];
    R.status.className = 'statusTag statusTag-' + s.key;
    R.status.querySelector('.statusTag-text').textContent = s.tag;
  }
  function normStatus(v) {
    v = String(v == null ? '' : v);
    for (var i = 0; i < STATUSES.length; i++) if (STATUSES[i].key === v || STATUSES[i].tag === v || STATUSES[i].item === v) return STATUSES[i].key;
    return null;
  }
  function setStatus(v) {
    var k = normStatus(v);
    if (!k) throw new Error('sim.setStatus: expected "online", "busy" or "offline" (在线 / 忙碌 / 挂起 / 离线), got ' + v);
    status = k;
    renderStatus();
    return status;
  }

  // ---------------------------------------------------------------- header and side panel
  function renderHead(b) {
    if (!b) { R.head.innerHTML = ''; return; }
    var html = out('<div class="TargetUserHeader"><div class="LoginUserInfo"><img class="LoginUserInfo-avatar" src="' + buyerAvatar(b) + '">' +
      '<div class="LoginUserInfo-mainTitle"><span class="LoginUserInfo-mainTitle-text">' + esc(shownNick(b)) + '</span></div></div>' +
      '<div class="TargetUserHeaderRight">' + ICONS.map(function (i) {
        return '<img class="TargetUserHeaderRight-icon" title="' + i.title + '" data-act="' + i.act + '" src="' + i.src + '">';
      }).join('') + '</div></div>');
    K.morph(R.head, K.fromHtml(html));                            // patched: an unchanged header is not touched
  }
  function renderPanel() {
    if (!R.panel) return;
    var b = kit.openBuyer();
    var html = !b ? '<div class="CustomerPanel-empty">暂无买家信息</div>' :
      '<div class="CustomerPanel-row"><span>累计下单</span><b>' + (b.orders || 0) + ' 笔</b></div>' +
      '<div class="CustomerPanel-row"><span>进店来源</span><b>' + (b.msgs.some(function (m) { return m.biz === 'lead'; }) ? '商品详情页' : '店铺首页') + '</b></div>' +
      '<div class="CustomerPanel-row"><span>会话状态</span><b>' + (b.waitingSince != null ? '待回复' : '已回复') + '</b></div>';
    if (R.panel.innerHTML !== html) R.panel.innerHTML = html;
  }
  function renderChrome(b) {
    renderHead(b);
    R.empty.style.display = b ? 'none' : '';
    R.chat.classList.toggle('chatArea-empty', !b);
    var uid = b ? b.uid : null;
    if (composerUid !== uid) {                                    // a draft per conversation
      if (composerUid) drafts[composerUid] = quill.getContents();
      composerUid = uid;
      quill.setContents(uid && drafts[uid] ? drafts[uid] : new Delta(), 'silent');
      syncModel();
    }
    if (b) { if (box.parentNode !== R.chat) R.chat.insertBefore(box, R.empty); } else if (box.parentNode) box.parentNode.removeChild(box);
    renderPanel();
  }

  // ---------------------------------------------------------------- messages
  function bodyHtml(m) {
    switch (m.biz) {
      case 'image':
        return '<div class="kwaishop-cs-BizImageCard"><img class="kwaishop-cs-BizImageCard-img" src="' +
          (typeof m.image === 'string' ? esc(m.image) : m.sender === 'buyer' ? PHOTO : SHIP_PHOTO) + '"></div>';
      case 'goods':
        return '<div class="kwaishop-cs-BizGoodsCard"><img class="kwaishop-cs-BizGoodsCard-pic" src="' + goodsPic(m.card.name) + '">' +
          '<div class="kwaishop-cs-BizGoodsCard-info"><div class="kwaishop-cs-BizGoodsCard-title">' + esc(m.card.name) + '</div>' +
          '<div class="kwaishop-cs-BizGoodsCard-price">¥' + esc(m.card.price || '0.00') + '</div></div></div>';
      case 'marketing': {
        var g = m.goods || {};
        return '<div class="kwaishop-cs-BizGoodsCard kwaishop-cs-BizMarketingCard"><img class="kwaishop-cs-BizGoodsCard-pic" src="' + goodsPic(g.name || '商品') + '">' +
          '<div class="kwaishop-cs-BizGoodsCard-info"><div class="kwaishop-cs-BizGoodsCard-title">' + esc(g.name || m.text) + '</div>' +
          '<div class="kwaishop-cs-BizMarketingCard-price"><span class="price-now">券后价¥' + esc(g.price || '0.00') + '</span>' +
          '<span class="price-save">立省' + esc(g.save || '0') + '元</span></div>' +
          (g.newcomer === false ? '' : '<div class="kwaishop-cs-BizMarketingCard-tag">支持新人特权</div>') + '</div></div>';
      }
      case 'order': {
        var o = m.order || {};
        return '<div class="kwaishop-cs-BizOrderCard OrderCard"><div class="OrderCard-head"><span class="OrderCard-label">订单号</span>' +
          '<span class="oid">' + esc(o.oid || '') + '</span><span class="pay-tag">' + esc(o.pay || '已付款') + '</span></div>' +
          '<div class="OrderCard-goods"><img class="OrderCard-pic" src="' + goodsPic(o.goods || '订单') + '"><div class="OrderCard-info">' +
          '<div class="OrderCard-title">' + esc(o.goods || '') + '</div><div class="OrderCard-price">¥' + esc(o.price || '0.00') + ' ×' + esc(o.count || 1) + '</div></div></div>' +
          '<div class="order-tag">' + esc(o.state || '待发货') + '</div></div>';
      }
      case 'notice':
        return '<div class="kwaishop-cs-BizNoticeCard"><div class="kwaishop-cs-BizNoticeCard-title">' + esc(m.title || '通知') + '</div>' +
          '<div class="kwaishop-cs-BizNoticeCard-content">' + esc(m.text) + '</div></div>';
      case 'template':
        return '<div class="kwaishop-cs-BizTemplateCard"><div class="kwaishop-cs-BizTemplateCard-title">' + esc(m.title || '') + '</div>' +
          '<div class="kwaishop-cs-BizTemplateCard-content">' + esc(m.text) + '</div></div>';
      default:
        return '<div class="kwaishop-cs-BizTextCard">' + esc(m.text) + '</div>';
    }
  }
  function middleHtml(m) {
    var inner;
    if (m.biz === 'lead') {
      inner = '<div class="kwaishop-cs-bizBuyerFromCard"><span class="kwaishop-cs-bizBuyerFromCard-text">' + esc(m.text) + '</span></div>';
    } else if (m.biz === 'template') {
      inner = bodyHtml(m);
    } else if (m.biz === 'assistant') {
      inner = '<div class="kwaishop-cs-BizAssistantCard"><span class="kwaishop-cs-BizAssistantCard-title">' + esc(m.title || '智能快捷回复助手') + '</span>' +
        '<span class="kwaishop-cs-BizAssistantCard-text">' + esc(m.text) + '</span><a class="kwaishop-cs-BizAssistantCard-link">立即配置</a></div>';
    } else {
      inner = '<span class="kwaishop-cs-BizSystemText">' + esc(m.text) + '</span>';
    }
    return '<div class="' + M + '_msgMain"><div class="' + M + '_msgBody">' + inner + '</div></div>';
  }
  function rowHtml(m, b) {
    var ours = mine(m), mod = P + (ours ? '__isMine' : '__notMe');
    var nick = ours ? m.nick : shownNick(b);
    var avatar = !ours ? buyerAvatar(b) : m.sender === 'robot' && m.nick === O.robotNick ? ROBOT_AVATAR : AGENT_AVATAR;
    return '<div class="' + P + '_msgMain' + (O.side === 'row' ? ' ' + mod : '') + '">' +
      '<div class="' + P + '_lrWrapper' + (O.side === 'wrapper' ? ' ' + mod : '') + '">' +
      '<img class="' + P + '_avatar" src="' + avatar + '">' +
      '<div class="' + P + '_msgContent"><div class="' + P + '_beforeMsgBody">' +
      '<span class="' + P + '_sendItem ' + P + '_nickName">' + esc(nick) + '</span>' +
      '<span class="' + P + '_sendItem ' + P + '__time">' + mdhms(m.at) + '</span></div>' +
      '<div class="' + P + '_msgBody">' + bodyHtml(m) + '</div></div></div></div>';
  }
  function msgHtml(m, b) {
    return '<div id="0_' + esc(b.uid) + '_' + m.id + '" class="ChatMessageList-item"><div id="cs-common-message-list-item-' + m.id +
      '" class="cs-common-message-list-item">' + (m.sender === 'system' ? middleHtml(m) : rowHtml(m, b)) + '</div></div>';
  }

  // ---------------------------------------------------------------- window.__chat_sdk (main world)
  function sessionMap() {
    var map = new Map(), now = Date.now();
    if (!kit || !kit.S) return map;
    kit.buyers().forEach(function (b) {
      var last = kit.lastMsg(b);
      map.set('0_' + b.uid, {
        sessionId: '0_' + b.uid, targetUser: { userId: b.uid, nickName: b.nickname }, unreadCount: unreadOf(b),
        sessionShowTag: b.waitingSince != null ? (groupOfSince(b.waitingSince, now) === 'waitReply' ? 12 : 13) : 0,
        latestMessage: last ? { timestampMs: last.at, content: preview(b) } : null
      });
    });
    return map;
  }
  function installSdk() {
    if (O.sdk === 'absent' || sdk) return;
    sdk = {
      appInfo: { appId: 'kwaishop-cs-pc', env: 'production', extraLoginInfo: { shopId: SHOP_ID, userId: AGENT_USER_ID, shopName: kit.S ? kit.S.shop : SHOP } },
      sessionModel: { sessionAllModel: {} },
      currentSessionMessageListStore: {}
    };
    Object.defineProperty(sdk.sessionModel.sessionAllModel, 'allSessionMap', { enumerable: true, get: sessionMap });
    Object.defineProperty(sdk.currentSessionMessageListStore, 'sessionId', { enumerable: true, get: function () {
      return kit.S && kit.S.openUid ? '0_' + kit.S.openUid : '';
    } });
    Object.defineProperty(sdk.currentSessionMessageListStore, 'messageList', { enumerable: true, get: function () {
      var b = kit.openBuyer();
      if (!b || kit.S.paneLoading) return [];
      return b.msgs.slice(kit.S.paneFrom).map(function (m) {
        return { messageId: String(m.id), fromUserId: m.sender === 'buyer' ? b.uid : m.sender === 'system' ? '0' : String(AGENT_USER_ID),
          timestampMs: m.at, msgType: m.biz, content: m.text };
      });
    } });
    SDK_FORBIDDEN.forEach(function (name) {
      sdk[name] = function () {
        sdkCalls.push({ method: name, ts: Date.now() });
        throw new Error('__chat_sdk.' + name + ': the simulator does not allow this call (it would change the workbench)');
      };
    });
    window.__chat_sdk = sdk;
  }

  // ---------------------------------------------------------------- composer: a real Quill 2 editor
  var box = document.createElement('div');
  var quill = null, sendBtn = null;
  function buildComposer() {
    var old = O.composer === 'old';
    box.className = 'SendBox' + (old ? ' SendBox-legacy' : '');
    box.innerHTML =
      '<div class="SendBox-toolbar"><span class="SendBox-toolItem" title="表情">☺</span><span class="SendBox-toolItem" title="图片">图片</span>' +
      '<span class="SendBox-toolItem" title="商品">商品</span><span class="SendBox-toolItem" title="订单">订单</span>' +
      '<span class="SendBox-toolItem" title="快捷短语">快捷短语</span></div>' +
      (old ? '<div class="SendBox-input"><div id="esim-editor5678"></div></div>' : '<div class="SendBox-Editor"><div class="SendBox-EditorInner"></div></div>') +
      '<div class="SendBox-footer"><div class="SendBox-buttonLeft"><span class="SendBox-tip">Enter 发送，Shift+Enter 换行</span></div>' +
      '<div class="SendBox-buttonRight"><button type="button" class="ant-btn ant-btn-primary" disabled><span>' +
      (O.sendLabel === 'paren' ? '发送(Enter)' : '发送 Enter') + '</span></button></div></div>';
    var holder = document.createElement('div');
    holder.style.display = 'none';
    document.body.appendChild(holder);
    holder.appendChild(box);
    quill = new Quill(box.querySelector(old ? '#esim-editor5678' : '.SendBox-EditorInner'), {
      formats: ['image'],
      placeholder: '请输入消息，按Enter发送',
      modules: {
        toolbar: false,
        // The page's own send keys, as Quill keyboard bindings (Quill's bubbling keydown listener on
        // .ql-editor: a capture-phase listener above it runs first and may cancel the event).
        keyboard: { bindings: {
          kpSend: { key: 'Enter', handler: onEnterKey },
          kpSendCtrl: { key: 'Enter', ctrlKey: true, handler: onEnterKey },
          kpSendMeta: { key: 'Enter', metaKey: true, handler: onEnterKey }
        } },
        uploader: { mimetypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'], handler: uploadImages }
      }
    });
    sendBtn = box.querySelector('.SendBox-buttonRight .ant-btn-primary');
    quill.on('text-change', syncModel);
    sendBtn.addEventListener('click', function (e) {
      if (e.defaultPrevented) return;
      doSend();
      quill.focus();
    });
    holder.removeChild(box);
    document.body.removeChild(holder);
  }
  function onEnterKey() {
    if (quill.composition && quill.composition.isComposing) return true;   // IME: leave it to Quill
    doSend();
    return false;                                                // Quill prevents the default; no newline
  }
  // Quill's own uploader, as its default does (FileReader → image embeds), with the reads tracked.
  function uploadImages(range, files) {
    var p = Promise.all(files.map(function (file) {
      return new Promise(function (resolve) {
        var fr = new FileReader();
        fr.onload = function () { resolve(String(fr.result)); };
        fr.onerror = function () { resolve(null); };
        fr.readAsDataURL(file);
      });
    })).then(function (urls) {
      var d = new Delta().retain(range.index).delete(range.length), n = 0;
      urls.forEach(function (u) { if (u) { d = d.insert({ image: u }); n++; } });
      quill.updateContents(d, 'user');
      quill.setSelection(range.index + n, 'silent');
    });
    uploads.push(p);
    p.then(function () { uploads.splice(uploads.indexOf(p), 1); });
  }
  function syncModel() {
    var text = '', images = [];
    quill.getContents().ops.forEach(function (op) {
      if (typeof op.insert === 'string') text += op.insert;
      else if (op.insert && op.insert.image) images.push(op.insert.image);
    });
    model = { text: text, images: images };
    // Disabled while the model holds nothing to send.
    sendBtn.disabled = !(text.trim() || images.length);
  }
  function modelText() { return model.text.replace(/\n$/, ''); }
  function doSend() {
    var b = kit.S && kit.openBuyer();
    if (!b) return null;
    var text = modelText(), images = model.images.slice();
    if (!text.trim() && !images.length) return null;
    quill.setContents(new Delta(), 'user');                      // text-change: the model empties, the button disables
    drafts[b.uid] = null;
    var rec = null;
    if (text.trim()) rec = kit.commitSend(b, text, {}).rec;
    images.forEach(function (src) {
      if (!rec) rec = kit.commitSend(b, '', { image: src }).rec;
      else kit.addMessage(b, 'agent', '', Date.now(), null, { image: src });
    });
    rec.images = images.length;
    return rec;
  }

  // ---------------------------------------------------------------- scenarios
  function D(days) { return days * 86400; }
  function defaultData(k) {
    k.S.shop = SHOP;
    var DAY = 86400;
    k.seed('3386012457', '林间小鹿', [
      [2 * DAY + 600, 'system', { biz: 'lead', text: '当前用户来自「竹影 青竹茶杯 360ml」商品详情页' }],
      [2 * DAY + 590, 'buyer', '你好，这个杯子能装开水吗'],
      [2 * DAY + 585, 'robot', GREETING],
      [2 * DAY + 570, 'system', { biz: 'assistant', title: '智能快捷回复助手', text: '常见问题回答可自动发送，开启后买家咨询高频问题时自动回复' }],
      [2 * DAY + 540, 'agent', '可以的亲，杯身是高硼硅玻璃，耐热到120度'],
      [2 * DAY + 500, 'buyer', { image: true }],
      [2 * DAY + 495, 'buyer', '是这个颜色吗'],
      [2 * DAY + 450, 'agent', '是的亲，这款是竹青色'],
      [2 * DAY + 400, 'robot', { biz: 'marketing', text: '竹影 青竹茶杯 360ml', goods: { name: '竹影 青竹茶杯 360ml', price: '29.90', save: '10' } }],
      [2 * DAY + 300, 'system', '【防诈贴士】平台不会以任何理由要求买家添加私人联系方式或线下转账，请谨防诈骗'],
      [2 * DAY - 1200, 'system', { text: '买家超时未回复，会话关闭', closes: true }],
      [DAY + 3000, 'buyer', { biz: 'order', order: { oid: '2505200012345678', pay: '已付款', goods: '竹影 青竹茶杯 360ml 竹青色', price: '29.90', count: 1, state: '待发货' } }],
      [DAY + 2990, 'buyer', '我下单了，什么时候发货'],
      [DAY + 2980, 'robot', { biz: 'template', title: '猜你想问', text: '什么时候发货？ / 发什么快递？ / 可以修改地址吗？' }],
      [DAY + 2700, 'system', { text: '客服超时未回复，会话关闭', closes: true }],
      [DAY + 1000, 'buyer', '？？在吗'],
      [DAY + 900, 'agent', '抱歉亲，刚才在忙，今天下午就发出'],
      [DAY + 850, 'system', { biz: 'template', title: '核对订单提醒', text: '请与买家核对收货地址与规格' }],
      [DAY + 800, 'system', { biz: 'template', title: '发货验收提醒', text: '商家已发货，请提醒买家签收时当面验收' }],
      [DAY + 700, 'agent', { image: true }],
      [DAY + 650, 'agent', '亲，这是发货单，请查收~'],
      [DAY + 600, 'robot', { biz: 'template', title: '评价邀请', text: '亲，收到宝贝后满意的话给个好评吧~' }],
      [DAY + 500, 'buyer', { biz: 'notice', title: '买家已确认收货', text: '订单 2505200012345678 已确认收货' }],
      [DAY + 400, 'agent', '感谢亲的支持~'],
      [3600, 'buyer', '你好，杯盖有点松，盖不紧'],
      [3590, 'robot', '亲，请稍等，人工客服马上为您服务'],
      [3500, 'agent', '亲，可以拍个照片给我看看吗'],
      [3400, 'buyer', { image: true }],
      [3300, 'agent', '收到，给您补发一个杯盖\n收货电话是13900001234吗？'],
      [3250, 'buyer', '对的'],
      [3200, 'agent', '好的，已经安排了'],
      [300, 'system', '【防诈贴士】请勿相信"刷单返现"等信息，以平台订单为准'],
      [40, 'buyer', '补发的杯盖发货了吗'],
      [35, 'robot', '亲，人工客服正在赶来，请稍候~'],
      [12, 'buyer', '麻烦查一下单号']
    ]);
    k.seed('3386019902', 'momo2024', [
      [D(3), 'buyer', { card: { name: '竹影 手作陶瓷杯 礼盒装', price: '59.00' } }],
      [D(3) - 60, 'agent', '亲，这款现货，今天拍明天发'],
      [95, 'buyer', '礼盒可以写贺卡吗']
    ]);
    k.seed('3386052206', '小雨', [
      [130, 'buyer', '这个杯子送人合适吗'],
      [120, 'robot', GREETING]
    ]);
    k.seed('3386068873', '阿杰', [[20, 'buyer', '你好']]);
    k.seed('3386027715', '橘子汽水', [
      [1800, 'buyer', '快递到了，谢谢'], [1750, 'agent', '不客气亲~'],
      [250, 'buyer', '再问一下，能开发票吗']
    ]);
    k.seed('3386073391', '晚风', [
      [1500, 'buyer', '保温杯保温多久'], [1495, 'robot', '亲，人工客服正在赶来，请稍候~']
    ]);
    k.seed('3386031148', '快乐的大鹅', [
      [D(5), 'buyer', { biz: 'order', order: { oid: '2505150098765432', pay: '已付款', goods: '竹影 竹制杯垫 4片装', price: '19.90', count: 2, state: '已签收' } }],
      [D(5) - 100, 'agent', '亲，已经签收了哦'],
      [700, 'buyer', '再买两个一样的可以一起发吗'], [600, 'agent', '可以的亲，拍下后备注就行']
    ]);
    k.seed('3386045530', '小雨', [
      [2400, 'buyer', '杯子有几种颜色'], [2300, 'agent', '有竹青、月白、墨黑三种哦']
    ]);
    k.seed('3386080014', '王姐', [
      [3 * 3600 + 600, 'buyer', '周末发货吗'], [3 * 3600 + 500, 'agent', '周末也发货的亲'],
      [3 * 3600 - 3000, 'system', { text: '买家超时未回复，会话关闭', closes: true }]
    ]);
    k.S.buyers.get('3386031148').orders = 2;
    k.S.buyers.get('3386012457').orders = 1;
    numericFirst(k.S.buyers.get('3386068873'), O.nickDelay);
    official = { nick: '官方极致保障', text: '【极致保障】您的店铺已开通极致保障服务，点击查看权益', at: k.seedNow() - 30e3,
      waiting: O.official === 'waiting', since: k.seedNow() - 60e3, unread: 1 };
    k.renderList();
    return '3386012457';
  }
  var MANY_NICKS = ['山野', '星河', '青柠', '小满', '阿木', '知夏', '南风', '柚子', '暖阳', '白露', '听雨', '松子', '木槿', '小橙', '可乐',
    '海盐', '芒种', '云朵', '鹿鸣', '栗子'];
  function manyData(k) {
    k.S.shop = SHOP;
    for (var i = 0; i < 48; i++) {
      var uid = String(3387000000 + i * 137), nick = MANY_NICKS[i % MANY_NICKS.length] + (i >= MANY_NICKS.length ? String(i) : '');
      var steps = [[D(1) + i * 60, 'buyer', '在吗，第' + (i + 1) + '个问题'], [D(1) + i * 60 - 30, 'agent', '在的亲']];
      if (i % 4 === 0) steps.push([10 + i * 4, 'buyer', '还有货吗']);                 // 请在3分钟内回复 / 已超时
      else if (i % 9 === 0) steps.push([400 + i * 10, 'buyer', '发货了吗']);          // 已超时
      else steps.push([i * 300, 'buyer', '好的谢谢'], [i * 300 - 10, 'agent', '不客气~']);
      k.seed(uid, nick, steps);
    }
    official = { nick: '官方极致保障', text: '【极致保障】本周服务报告已生成', at: k.seedNow() - 90e3, waiting: false, since: null, unread: 0 };
    k.renderList();
    return '3387000000';
  }

  K.install({
    sendKeys: ['enter'],
    normKey: function (k) { return String(k || '').toLowerCase().replace(/\s+/g, '') === 'enter' ? 'enter' : null; },
    openDelay: function () { return O.openDelay; },
    olderDelay: function () { return 200 + Math.floor(Math.random() * 201); },
    defaultAutoReply: { enabled: false, delayMs: 3000, text: GREETING },
    msgFields: ['nick', 'image', 'biz', 'title', 'order', 'goods', 'closes'],
    defaultNickname: function (uid) { return '快手用户' + String(uid).slice(-6); },
    options: function (q) {
      function num(v, d, min) { var n = Number(v); return v != null && v !== '' && isFinite(n) && (min == null || n >= min) ? n : d; }
      var collapsed = q.collapsed == null ? ['replied'] : q.collapsed === 'none' || q.collapsed === '' ? [] : q.collapsed.split(',');
      return {
        list: q.list === 'flat' ? 'flat' : 'grouped',
        collapsed: collapsed,
        brackets: { half: 1, full: 1 }[q.brackets] ? q.brackets : 'mixed',
        side: q.side === 'row' ? 'row' : 'wrapper',
        nickDelay: num(q.nickDelay, 1500, 0),
        clockSkew: Math.round(num(q.clockSkew, 0)),
        robotNick: q.robotNick || '智能客服', agentNick: q.agentNick || '客服小周',
        composer: q.composer === 'old' ? 'old' : 'quill',
        sendLabel: q.sendLabel === 'paren' ? 'paren' : 'space',
        sdk: q.sdk === 'absent' ? 'absent' : 'present',
        sdkDelay: num(q.sdkDelay, 300, 0),
        official: q.official === 'waiting' ? 'waiting' : 'replied',
        openDelay: num(q.openDelay, 300, 0),
        status: normStatus(q.status) || 'online'
      };
    },
    scenarios: {
      'default': defaultData,
      empty: function (k) { k.S.shop = SHOP; return null; },
      broken: defaultData,
      many: manyData,
      loggedOut: function (k) {
        k.S.shop = SHOP;
        loginLost = true;
        modal = { kind: 'login' };
        renderModal();
        return null;
      }
    },
    validate: function (k, m) {
      if (!m.biz) m.biz = m.image ? 'image' : m.card ? 'goods' : m.sender === 'system' ? 'system' : 'text';
      if (m.biz === 'goods' && !m.card) throw new Error('sim: a goods card needs card: {name, price}');
      if (m.sender === 'system' && !{ system: 1, lead: 1, assistant: 1, template: 1 }[m.biz]) throw new Error('sim: a system message cannot be ' + m.biz);
      if (m.sender !== 'system' && { system: 1, lead: 1, assistant: 1 }[m.biz]) throw new Error('sim: ' + m.biz + ' is a centred (system) item');
      // Our side: the agent's nickname; the robot's for robot text; automated cards carry the agent's.
      if (m.sender === 'robot') m.nick = m.nick || (m.biz === 'text' ? O.robotNick : O.agentNick);
      else if (m.sender === 'agent') m.nick = m.nick || O.agentNick;
      else delete m.nick;
      if (m.card && m.card.price == null) m.card.price = '0.00';
    },
    init: function (k) {
      kit = k; O = k.opts;
      status = O.status;
      buildComposer();
      document.addEventListener('click', onDocClick);
      document.addEventListener('keydown', function (e) {
        if (e.key === 'Escape' && (menuKey || statusMenuOpen)) { menuKey = null; statusMenuOpen = false; kit.renderList(); }
      });
      setTimeout(installSdk, O.sdkDelay);                        // the page's SDK object appears shortly after load
    },
    onReset: function () {
      drafts = {}; composerUid = null; menuKey = null; hoverKey = null; official = null; statusMenuOpen = false;
      modal = null; loginLost = false;
      renderModal();
      expanded = {};
      GROUPS.forEach(function (g) { expanded[g.key] = O.collapsed.indexOf(g.key) < 0; });
      quill.setContents(new Delta(), 'silent');
      syncModel();
      if (box.parentNode) box.parentNode.removeChild(box);
    },
    setSendKey: function () {},
    send: function () { return doSend(); },
    type: function (k, text) {
      quill.setText(String(text == null ? '' : text), 'user');
      if (box.isConnected) quill.setSelection(quill.getLength() - 1, 0, 'silent');
      return modelText();
    },
    groupOf: function (k, b, now) { return groupOfSince(b.waitingSince, now); },
    preview: function (k, b) { return preview(b); },
    resultOf: function (k, m) { return { domId: '0_' + m.uid + '_' + m.id }; },
    onAddBuyer: function (k, b, o) {
      if (o.orders != null) b.orders = Number(o.orders) || 0;
      if (b.nickAt === undefined) b.nickAt = 0;
      if (o.numericFirst) numericFirst(b, typeof o.numericFirst === 'number' ? o.numericFirst : O.nickDelay);
    },
    onMessage: function (k, b) {
      if (b.nickAt === undefined) numericFirst(b, O.nickDelay);    // a buyer who just appeared: user info still loading
      if (b.uid === k.S.openUid) later(0, function () { if (b.uid === kit.S.openUid) renderPanel(); });
    },
    onTick: function (k) {
      // The engine re-renders every second while a buyer waits; the relative times of the others too.
      if (!k.buyers().some(function (b) { return b.waitingSince != null; })) k.renderList();
    },
    build: function () { buildSkeleton(); },
    renderShop: function (k) { if (sdk) sdk.appInfo.extraLoginInfo.shopName = k.S.shop; },   // no DOM place (§8)
    renderChrome: function (k, b) { renderChrome(b); },
    renderList: function () { return renderList(); },
    rerenderList: function () { if (R.list) R.list.innerHTML = ''; return renderList(); },
    pane: function () { return R.pane; },
    ul: function () { return R.wrap; },
    msgHtml: function (k, m, showTime, b) { return out(msgHtml(m, b)); },
    setLoading: function (k, on) { R.loading.style.display = on ? 'flex' : 'none'; },
    api: function (k) {
      return {
        setStatus: setStatus,
        expireLogin: function () { loginLost = true; modal = { kind: 'login' }; renderModal(); return true; },
        setGroupExpanded: function (key, on) {
          if (!GROUPS.some(function (g) { return g.key === key; })) {
            throw new Error('sim.setGroupExpanded: expected ' + GROUPS.map(function (g) { return '"' + g.key + '"'; }).join(' | ') + ', got ' + key);
          }
          expanded[key] = on !== false;
          return k.renderList();
        },
        setClockSkew: function (sec) {
          var n = Number(sec);
          if (!isFinite(n)) throw new Error('sim.setClockSkew: expected a number of seconds, got ' + sec);
          O.clockSkew = Math.round(n);
          return k.renderList();
        },
        closeConversation: function (uid, who) {
          var text = who === 'agent' ? '客服超时未回复，会话关闭' : '买家超时未回复，会话关闭';
          return k.addMessage(k.buyerOrThrow(uid), 'system', text, null, null, { closes: true });
        },
        officialSays: function (text, opts) {
          opts = opts || {};
          var now = Date.now();
          official = { nick: '官方极致保障', text: String(text == null ? '' : text), at: opts.at != null ? Number(opts.at) : now,
            waiting: !!opts.waiting, since: opts.at != null ? Number(opts.at) : now, unread: 1 };
          return k.renderList();
        },
        pasteImage: function (src) {
          if (!k.openBuyer()) return Promise.reject(new Error('sim.pasteImage: no conversation open'));
          var dt = new DataTransfer();
          dt.items.add(SimKit.dataUrlFile(src || SimKit.samplePng('#ff5000'), 'paste.png'));
          quill.focus();
          if (!quill.getSelection()) quill.setSelection(quill.getLength() - 1, 0, 'silent');
          var before = uploads.length;
          quill.root.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
          var p = uploads.length > before ? uploads[uploads.length - 1] : Promise.resolve();
          return p.then(function () { return quill.root.querySelectorAll('img').length; });
        },
        sdkCalls: function () { return sdkCalls.slice(); },
        view: function () {
          var b = k.openBuyer(), now = Date.now();
          var cards = [];
          if (R.list) {
            Array.prototype.forEach.call(R.list.querySelectorAll('.' + C('SessionBaseCard')), function (el, i) {
              var name = el.querySelector('.' + C('SessionBaseCard-topHeadName'));
              var time = el.querySelector('.' + C('SessionBaseCard-topHeadTime'));
              cards.push({ key: cardKeys[i], name: name ? name.textContent : '', time: time ? time.textContent : '' });
            });
          }
          return {
            list: O.list, side: O.side, brackets: O.brackets, collapsed: GROUPS.filter(function (g) { return !expanded[g.key]; }).map(function (g) { return g.key; }),
            nickDelay: O.nickDelay, clockSkew: O.clockSkew, robotNick: O.robotNick, agentNick: O.agentNick, official: official ? Object.assign({}, official) : null,
            status: status, statusMenuOpen: statusMenuOpen, menuKey: menuKey, modal: modal ? modal.kind : null, loginLost: loginLost,
            sdk: !!sdk, sdkCalls: sdkCalls.slice(), cards: cards,
            groups: GROUPS.map(function (g) {
              return { key: g.key, name: g.name, expanded: !!expanded[g.key],
                count: items(now).filter(function (o) { return o.group === g.key; }).length };
            }),
            nicknames: k.buyers().map(function (x) { return { uid: x.uid, shown: shownNick(x), nickname: x.nickname }; }),
            composer: { variant: O.composer, attached: !!box.parentNode, uid: b ? b.uid : null, html: quill.root.innerHTML, text: modelText(),
              images: model.images.length, disabled: sendBtn.disabled, label: sendBtn.textContent },
            drafts: Object.keys(drafts).filter(function (u) { return drafts[u]; })
          };
        }
      };
    }
  });
})();
