/*
 * Kefu Pilot test simulators — the engine shared by every workbench simulator (window.SimKit).
 * Platform-neutral: scenario state, buyers and messages, unique ids, waiting computation, auto-reply,
 * the sent log, the base time kept in sessionStorage across reloads, opening conversations and
 * history pages, and the public API `window.sim`. Each platform's sim.js supplies only its markup and
 * composer (see README.md next to this file). Plain browser JS: no build step, no framework, no
 * network. All time comes from Date.now() / setTimeout / one setInterval(…, 1000).
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------- helpers (also exported)
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
  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function p2(n) { return (n < 10 ? '0' : '') + n; }
  // China time (UTC+8, no DST) computed by hand so the machine's zone never matters: read with getUTC*.
  function cn(ts) { return new Date(ts + 8 * 3600e3); }
  function cnDay(ts) { return Math.floor((ts + 8 * 3600e3) / 86400e3); }
  function hm(ts) { if (ts == null) return ''; var d = cn(ts); return p2(d.getUTCHours()) + ':' + p2(d.getUTCMinutes()); }
  function hms(ts) { var d = cn(ts); return hm(ts) + ':' + p2(d.getUTCSeconds()); }
  // 35秒 · 2分钟 · 1小时 · 1小时5分钟
  function duration(sec) {
    if (sec < 60) return sec + '秒';
    var m = Math.floor(sec / 60);
    if (m < 60) return m + '分钟';
    var h = Math.floor(m / 60), r = m % 60;
    return h + '小时' + (r ? r + '分钟' : '');
  }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  // The first element of an HTML string, detached.
  function fromHtml(html) {
    var t = document.createElement('template');
    t.innerHTML = html;
    return t.content.firstElementChild;
  }
  /*
   * Make `from` look like `to` while keeping as many of its nodes as possible, the way React or Vue
   * patch a render: same tag → attributes and children updated in place; otherwise replaced. Children
   * are matched by position (no keys), so a node can end up showing something else. Returns the node
   * now in the document.
   */
  function morph(from, to) {
    if (from.nodeType !== to.nodeType || from.nodeName !== to.nodeName) {
      from.parentNode.replaceChild(to, from);
      return to;
    }
    if (from.nodeType !== 1) {
      if (from.nodeValue !== to.nodeValue) from.nodeValue = to.nodeValue;
      return from;
    }
    var i, a;
    for (i = from.attributes.length - 1; i >= 0; i--) {
      a = from.attributes[i];
      if (!to.hasAttribute(a.name)) from.removeAttribute(a.name);
    }
    for (i = 0; i < to.attributes.length; i++) {
      a = to.attributes[i];
      if (from.getAttribute(a.name) !== a.value) from.setAttribute(a.name, a.value);
    }
    var f = from.firstChild, t = to.firstChild;
    while (t) {
      var nextT = t.nextSibling;
      if (!f) from.appendChild(t);
      else { var nextF = f.nextSibling; morph(f, t); f = nextF; }
      t = nextT;
    }
    while (f) { var n = f.nextSibling; from.removeChild(f); f = n; }
    return from;
  }

  /*
   * install(spec) builds window.sim for one platform. spec (functions get the kit as first argument):
   *   scenarios    {name: fn(kit) → uid to open | null}, must include 'default'; key order is the
   *                order named in the unknown-scenario error
   *   sendKeys     accepted send keys, e.g. ['enter', 'ctrl+enter']; normKey(k) → one of them | null
   *   groupOf(kit, b, now) → the row group name; preview(kit, b) → the row preview text
   *   build(kit)   rebuild the page skeleton (each reset); renderShop(kit); renderChrome(kit, b | null)
   *   renderList(kit) → number of rows; pane(kit) scroll element; ul(kit) element whose children are
   *                the messages; msgHtml(kit, m, showTime, b, i) → one child's HTML; setLoading(kit, on)
   *   init(kit)    once, before the first reset (create the composer); onReset(kit) each reset, before
   *                the skeleton; setSendKey(kit, key) show the key; send(kit) → sent record | null (use
   *                kit.commitSend); type(kit, text) → textarea value
   *   optional: options(query) → platform options (kit.opts); api(kit) → extra window.sim methods;
   *   onAddBuyer(kit, b, o); onMessage(kit, b, m, index) after a live message is stored;
   *   onOpen(kit, b) before the list re-renders; onTick(kit) each second; resultOf(kit, m) → extra
   *   fields of a message call's result; validate(kit, m) may throw; defaultNickname(uid);
   *   rerenderList(kit) → rows, for sim.rerenderList (default: renderList); msgFields extra message
   *   fields taken from history entries / opts; robotFields / autoFields defaults of robotSays / the
   *   auto-reply; defaultAutoReply; openDelay / olderDelay (ms or fn); overSec (180), gapMs (5 min),
   *   page (20).
   */
  function install(spec) {
    var OVER_SEC = spec.overSec || 180;
    var GAP_MS = spec.gapMs || 5 * 60e3;
    var PAGE = spec.page || 20;
    var OPEN_DELAY = spec.openDelay == null ? 80 : spec.openDelay;
    var OLDER_DELAY = spec.olderDelay == null ? 100 : spec.olderDelay;
    var DEFAULT_AUTO = spec.defaultAutoReply || { enabled: false, delayMs: 3000, text: '' };
    var SENDERS = { buyer: 1, agent: 1, robot: 1, system: 1 };
    var FIELDS = spec.msgFields || [];

    var query = parseQuery();
    var S = null;                // scenario state (replaced on reset)
    var usedIds = new Set();     // message ids in use (epoch ms, +1 on collision)
    var sent = [];               // {uid, text, ts} for every message sent from the composer
    var openToken = 0;           // invalidates stale open / loadOlder timers
    var sendKey = spec.normKey(query.sendKey) || 'enter';
    var autoReply = Object.assign({}, DEFAULT_AUTO);
    var seedNow = 0;

    var kit = {
      S: null, query: query, opts: spec.options ? spec.options(query) : {}, sent: sent,
      OVER_SEC: OVER_SEC, GAP_MS: GAP_MS, PAGE: PAGE,
      esc: esc, p2: p2, cn: cn, cnDay: cnDay, hm: hm, hms: hms, duration: duration, fromHtml: fromHtml, morph: morph,
      waitSec: waitSec, lastMsg: lastMsg, lastAt: lastAt, isWaiting: function (b) { return b.waitingSince != null; },
      buyers: function () { return S ? S.order.map(function (u) { return S.buyers.get(u); }) : []; },
      openBuyer: function () { return S && S.openUid ? S.buyers.get(S.openUid) || null : null; },
      sendKey: function () { return sendKey; },
      seedNow: function () { return seedNow; },
      addBuyer: addBuyer, addMessage: addMessage, ensureBuyer: ensureBuyer, buyerOrThrow: buyerOrThrow,
      seed: seed, open: open, loadOlder: loadOlder, renderList: renderList, renderPane: renderPane,
      scrollBottom: scrollBottom, setSendKey: setSendKey, commitSend: commitSend, msgNode: msgNode,
      patchMessage: patchMessage, summary: summary
    };

    function delay(d) { return typeof d === 'function' ? d() : d; }
    function waitSec(b, now) { return Math.max(0, Math.floor((now - b.waitingSince) / 1000)); }
    function lastMsg(b) { return b.msgs[b.msgs.length - 1] || null; }
    function lastAt(b) { var m = lastMsg(b); return m ? m.at : null; }

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
        if (m.sender === 'agent' || m.closes) w = null;        // a closed conversation waits for nobody
        else if (m.sender === 'buyer' && w == null) w = m.at;   // robot / system do not clear waiting
      }
      b.waitingSince = w;
    }
    function makeMsg(b, sender, text, at, card, extra) {
      if (!SENDERS[sender]) throw new Error('sim: unknown sender ' + sender);
      at = at == null ? Date.now() : Number(at);
      var m = { id: 0, uid: b.uid, sender: sender, text: text == null ? '' : String(text), at: at,
        card: card ? Object.assign({}, card, { name: String(card.name || '') }) : null };
      if (extra) FIELDS.forEach(function (f) { if (extra[f] != null) m[f] = extra[f]; });
      if (spec.validate) spec.validate(kit, m);
      m.id = uniqueId(at);
      return m;
    }
    function ensureBuyer(uid, nickname) {
      uid = String(uid);
      var b = S.buyers.get(uid);
      if (!b) {
        b = { uid: uid, nickname: nickname || (spec.defaultNickname ? spec.defaultNickname(uid) : '买家' + uid.slice(-4)),
          msgs: [], waitingSince: null };
        S.buyers.set(uid, b);
        S.order.push(uid);
      } else if (nickname) b.nickname = String(nickname);
      return b;
    }
    function addBuyer(o) {
      if (!o || o.uid == null) throw new Error('sim.addBuyer: uid required');
      var b = ensureBuyer(o.uid, o.nickname);
      (o.history || []).forEach(function (h) { b.msgs.push(makeMsg(b, h.sender || 'buyer', h.text, h.at, h.card, h)); });
      b.msgs.sort(function (x, y) { return x.at - y.at || x.id - y.id; });
      recomputeWaiting(b);
      if (spec.onAddBuyer) spec.onAddBuyer(kit, b, o);
      if (b.uid === S.openUid && !S.paneLoading) { S.paneFrom = Math.max(0, b.msgs.length - PAGE); renderPane(); }
      renderList();
      return summary(b, Date.now());
    }
    function addMessage(b, sender, text, at, card, extra) {
      var m = makeMsg(b, sender, text, at, card, extra);
      var i = b.msgs.length;
      while (i > 0 && b.msgs[i - 1].at > m.at) i--;
      b.msgs.splice(i, 0, m);
      recomputeWaiting(b);
      if (spec.onMessage) spec.onMessage(kit, b, m, i);
      if (b.uid === S.openUid && !S.paneLoading) {
        if (i === b.msgs.length - 1) {
          ul().insertAdjacentHTML('beforeend', msgHtml(b, i));
          scrollBottom();
        } else if (i < S.paneFrom) S.paneFrom++;                 // older than what is shown
        else renderPane();
      }
      renderList();
      var r = { id: m.id, uid: b.uid, sender: m.sender, at: m.at };
      return spec.resultOf ? Object.assign(r, spec.resultOf(kit, m)) : r;
    }
    // A message sent from the platform's composer: stored, shown, logged in `sent`.
    function commitSend(b, text, extra) {
      var at = Date.now();
      var r = addMessage(b, 'agent', text, at, null, extra);
      var rec = { uid: b.uid, text: text, ts: at };
      sent.push(rec);
      return { rec: rec, msg: b.msgs.filter(function (m) { return m.id === r.id; })[0], result: r };
    }
    function maybeAutoReply(b) {
      if (!autoReply.enabled) return;
      var st = S, uid = b.uid;
      setTimeout(function () {
        if (S === st && S.buyers.has(uid)) addMessage(S.buyers.get(uid), 'robot', autoReply.text, Date.now(), null, spec.autoFields || null);
      }, Math.max(0, Number(autoReply.delayMs) || 0));
    }
    function summary(b, now) {
      var w = b.waitingSince != null;
      return { uid: b.uid, nickname: b.nickname, messages: b.msgs.length, waiting: w, waitingSince: b.waitingSince,
        waitingSec: w ? waitSec(b, now) : null, group: spec.groupOf(kit, b, now), preview: spec.preview(kit, b), lastAt: lastAt(b) };
    }
    // seed(uid, nickname, [[secondsAgo, sender, text | {text?, card?: name | {name, …}, …fields}], …]):
    // history relative to the scenario's base time.
    function seed(uid, nickname, steps) {
      var now = seedNow;
      return addBuyer({ uid: uid, nickname: nickname, history: steps.map(function (s) {
        var o = s[2] && typeof s[2] === 'object' ? s[2] : { text: s[2] };
        var card = o.card == null ? null : typeof o.card === 'object' ? o.card : { name: o.card };
        return Object.assign({}, o, { sender: s[1], text: card ? '' : o.text, at: now - s[0] * 1000, card: card });
      }) });
    }

    // ---------------------------------------------------------------- rendering
    function renderList() { return S ? spec.renderList(kit) : 0; }
    function ul() { return spec.ul(kit); }
    function msgHtml(b, i) {
      var m = b.msgs[i];
      return spec.msgHtml(kit, m, i === 0 || m.at - b.msgs[i - 1].at > GAP_MS, b, i);
    }
    function renderPane() {
      var b = S.openUid && S.buyers.get(S.openUid), html = '';
      if (b) for (var i = S.paneFrom; i < b.msgs.length; i++) html += msgHtml(b, i);
      ul().innerHTML = html;
      scrollBottom();
    }
    function scrollBottom() { var p = spec.pane(kit); p.scrollTop = p.scrollHeight; }
    // The node showing message m, if its conversation is open and the message is rendered.
    function msgNode(b, m) {
      if (!S || b.uid !== S.openUid || S.paneLoading) return null;
      var i = b.msgs.indexOf(m);
      if (i < S.paneFrom) return null;
      return ul().children[i - S.paneFrom] || null;
    }
    // Re-render one message in place (attributes and text patched, as a framework would).
    function patchMessage(b, m) {
      var node = msgNode(b, m);
      if (!node) return null;
      return morph(node, fromHtml(msgHtml(b, b.msgs.indexOf(m))));
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
      ul().innerHTML = '';                                       // pane cleared, history follows
      spec.renderChrome(kit, b);
      spec.setLoading(kit, true);
      if (spec.onOpen) spec.onOpen(kit, b);
      renderList();
      S.openPromise = new Promise(function (resolve) {
        setTimeout(function () {
          if (tok !== openToken || S !== st) { resolve({ uid: uid, superseded: true, rendered: 0 }); return; }
          S.paneFrom = Math.max(0, b.msgs.length - PAGE);
          S.paneLoading = false;
          spec.setLoading(kit, false);
          renderPane();
          resolve({ uid: uid, rendered: b.msgs.length - S.paneFrom, total: b.msgs.length });
        }, delay(OPEN_DELAY));
      });
      return S.openPromise;
    }
    function loadOlder() {
      if (!S || !S.openUid) return Promise.resolve(0);
      if (S.olderPromise) return S.olderPromise;
      if (S.paneLoading) return S.openPromise.then(function () { return loadOlder(); });
      if (S.paneFrom <= 0) return Promise.resolve(0);
      var tok = openToken, st = S;
      spec.setLoading(kit, true);
      S.olderPromise = new Promise(function (resolve) {
        setTimeout(function () {
          st.olderPromise = null;
          if (tok !== openToken || S !== st) { resolve(0); return; }
          spec.setLoading(kit, false);
          var b = S.buyers.get(S.openUid), from = Math.max(0, S.paneFrom - PAGE), html = '';
          for (var i = from; i < S.paneFrom; i++) html += msgHtml(b, i);
          var pane = spec.pane(kit), oldH = pane.scrollHeight, oldTop = pane.scrollTop;
          ul().insertAdjacentHTML('afterbegin', html);
          var n = S.paneFrom - from;
          S.paneFrom = from;
          pane.scrollTop = pane.scrollHeight - oldH + oldTop;    // keep the reader's position
          resolve(n);
        }, delay(OLDER_DELAY));
      });
      return S.olderPromise;
    }

    // ---------------------------------------------------------------- send key
    function setSendKey(k) {
      var v = spec.normKey(k);
      if (!v) throw new Error('sim.setSendKey: expected ' + spec.sendKeys.map(function (x) { return '"' + x + '"'; }).join(' or ') + ', got ' + k);
      sendKey = v;
      spec.setSendKey(kit, v);
      return v;
    }

    // ---------------------------------------------------------------- scenarios
    // A reload shows the same messages at the same times, as the real page does: the scenario's base
    // time is kept in sessionStorage (per tab and origin) and reused by the first reset after a reload.
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
      if (!has(spec.scenarios, name)) throw new Error('sim.reset: unknown scenario ' + name + ' (' + Object.keys(spec.scenarios).join(' | ') + ')');
      openToken++;
      S = kit.S = { scenario: name, shop: '', buyers: new Map(), order: [], openUid: null,
        paneFrom: 0, paneLoading: false, openPromise: null, olderPromise: null };
      usedIds.clear();
      sent.length = 0;
      autoReply = Object.assign({}, DEFAULT_AUTO);
      spec.onReset(kit);
      setSendKey(spec.normKey(query.sendKey) || 'enter');
      spec.build(kit);
      var openUid = spec.scenarios[name](kit);
      spec.renderShop(kit);
      spec.renderChrome(kit, null);
      renderList();
      return openUid ? open(openUid) : Promise.resolve(null);
    }

    // ---------------------------------------------------------------- the one interval (timers, badges)
    setInterval(function () {
      if (!S) return;
      if (spec.onTick) spec.onTick(kit);
      for (var b of S.buyers.values()) if (b.waitingSince != null) { renderList(); return; }
    }, 1000);

    // ---------------------------------------------------------------- public API
    function buyerOrThrow(uid) {
      var b = S.buyers.get(String(uid));
      if (!b) throw new Error('sim: unknown uid ' + uid);
      return b;
    }
    var sim = {
      reset: reset,
      setShop: function (name) { S.shop = String(name); spec.renderShop(kit); return S.shop; },
      addBuyer: addBuyer,
      buyerSays: function (uid, text, opts) {
        opts = opts || {};
        var b = ensureBuyer(uid);
        var r = addMessage(b, 'buyer', opts.card ? '' : text, opts.at, opts.card, opts);
        maybeAutoReply(b);
        return r;
      },
      robotSays: function (uid, text, opts) {
        opts = opts || {};
        return addMessage(buyerOrThrow(uid), 'robot', text, opts.at, null, Object.assign({}, spec.robotFields, opts));
      },
      systemSays: function (uid, text, opts) { opts = opts || {}; return addMessage(buyerOrThrow(uid), 'system', text, opts.at, null, opts); },
      agentSays: function (uid, text, opts) {
        opts = opts || {};
        return addMessage(buyerOrThrow(uid), 'agent', opts.card ? '' : text, opts.at, opts.card, opts);
      },
      open: open,
      loadOlder: loadOlder,
      type: function (text) { return spec.type(kit, text); },
      send: function () { return spec.send(kit); },
      setSendKey: setSendKey,
      setAutoReply: function (o) {
        o = o || {};
        if ('enabled' in o) autoReply.enabled = !!o.enabled;
        if (o.delayMs != null) autoReply.delayMs = Number(o.delayMs);
        if (o.text != null) autoReply.text = String(o.text);
        return Object.assign({}, autoReply);
      },
      rerenderList: function () { return S ? (spec.rerenderList ? spec.rerenderList(kit) : renderList()) : 0; },
      state: function () {
        var now = Date.now(), buyers = S.order.map(function (u) { return summary(S.buyers.get(u), now); });
        var ob = S.openUid && S.buyers.get(S.openUid);
        return {
          scenario: S.scenario, shop: S.shop, sendKey: sendKey, autoReply: Object.assign({}, autoReply),
          openUid: S.openUid, loading: S.paneLoading, buyers: buyers,
          waiting: buyers.filter(function (b) { return b.waiting; }).map(function (b) { return b.uid; }),
          messages: ul().children.length, openTotal: ob ? ob.msgs.length : 0,
          olderAvailable: ob && !S.paneLoading ? S.paneFrom : 0, sent: sent.length
        };
      },
      sent: sent
    };
    var extra = spec.api ? spec.api(kit) : {};
    Object.keys(extra).forEach(function (k) { sim[k] = extra[k]; });
    window.sim = sim;
    kit.sim = sim;

    spec.init(kit);
    var initial = query.scenario && has(spec.scenarios, query.scenario) ? query.scenario : 'default';
    reset(initial, true).then(function () {
      window.simReady = true;
      window.dispatchEvent(new CustomEvent('sim:ready'));
    });
    return sim;
  }

  // A small picture for `sim.pasteImage()` when the test gives none (an editor composer's paste).
  function samplePng(color) {
    var cv = document.createElement('canvas');
    cv.width = 120; cv.height = 80;
    var g = cv.getContext('2d');
    g.fillStyle = color || '#4f8a4a'; g.fillRect(0, 0, 120, 80);
    g.fillStyle = '#fff'; g.fillRect(30, 20, 60, 40);
    return cv.toDataURL('image/png');
  }
  // A data: URL as a File, for a synthetic paste's DataTransfer.
  function dataUrlFile(url, name) {
    var m = /^data:([^;,]+)(;base64)?,(.*)$/.exec(url);
    if (!m) throw new Error('sim.pasteImage: expected a data: URL');
    var raw = m[2] ? atob(m[3]) : decodeURIComponent(m[3]), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return new File([bytes], name || 'image.png', { type: m[1] });
  }

  window.SimKit = {
    install: install,
    parseQuery: parseQuery, esc: esc, p2: p2, cn: cn, cnDay: cnDay, hm: hm, hms: hms, duration: duration,
    fromHtml: fromHtml, morph: morph, samplePng: samplePng, dataUrlFile: dataUrlFile
  };
})();
