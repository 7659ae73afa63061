// The built-in chat page: a Direct Line 3.0 client in plain JavaScript. Nothing is stored in the browser,
// every message is built with DOM nodes and textContent (never HTML), and nothing is loaded from another origin.
(function () {
  'use strict';

  var EXIT_URL = 'https://www.google.com/search?q=weather';
  var API = '/v3/directline';
  var STILL_SENDING_MS = 5000;
  var $ = function (id) { return document.getElementById(id); };
  var log = $('log'), conversation = $('conversation'), form = $('composer'), input = $('input');
  var actionsBar = $('actions'), typing = $('typing'), statusLine = $('status');

  // The page's own words in English and Spanish (messages.yaml, page-*), and the numbers to call, from the server.
  var page = JSON.parse($('page-strings').textContent);
  var lang = page.lang;

  var token = null, conversationId = null, watermark = '';
  var socket = null, polling = false, socketFailures = 0, retryDelay = 1000, sendDelay = 2000;
  var retryTimer = 0, pollTimer = 0, refreshTimer = 0, typingTimer = 0, sendTimer = 0, fastPollUntil = 0, restarts = 0;
  var leaving = false, ready = null, networkDown = false, connection = 'page-connecting', sending = false;
  var seen = {}, echoes = {}, urgentShown = {};
  // Messages the server has not taken yet, oldest first: { text, clientId, item, state: queued|sending|failed }.
  var outbox = [];
  var lastPointer = '';

  function t(key) {
    var strings = page.strings[lang] || page.strings.en;
    return strings[key] || page.strings.en[key] || '';
  }

  function numbers() { return page.numbers[lang] || page.numbers.en; }

  function languageOf(locale) {
    var primary = typeof locale === 'string' ? locale.split('-')[0].toLowerCase() : '';
    return page.strings[primary] ? primary : null;
  }

  function validLocale(locale) { return typeof locale === 'string' && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(locale) ? locale : null; }

  // Text with the emergency and crisis numbers as tap-to-call links.
  function fillText(element, text) {
    element.textContent = '';
    var nums = numbers(), wanted = [nums.emergency, nums.crisis].filter(Boolean);
    var last = 0, pattern = /\d{2,6}/g, match;
    while ((match = pattern.exec(text)) !== null) {
      var before = text.charAt(match.index - 1), after = text.charAt(match.index + match[0].length);
      if (wanted.indexOf(match[0]) < 0 || /[\w./-]/.test(before) || /[\w/-]/.test(after)) { continue; }
      element.appendChild(document.createTextNode(text.slice(last, match.index)));
      element.appendChild(telLink(match[0], match[0]));
      last = match.index + match[0].length;
    }
    element.appendChild(document.createTextNode(text.slice(last)));
  }

  // The page's controls follow the conversation's language.
  function setLanguage(next) {
    if (!next || next === lang) { return; }
    lang = next;
    document.documentElement.lang = lang;
    Array.prototype.forEach.call(document.querySelectorAll('[data-s]'), function (element) { fillText(element, t(element.getAttribute('data-s'))); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-s-label]'), function (element) { element.setAttribute('aria-label', t(element.getAttribute('data-s-label'))); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-s-placeholder]'), function (element) { element.placeholder = t(element.getAttribute('data-s-placeholder')); });
    outbox.forEach(showState);
    renderStatus();
  }

  // Quick exit: blank the page at once (the next one may take seconds on a slow network), then leave for a neutral page
  // and take this one out of the back/forward history. Inside another site's iframe the whole tab leaves (browsers allow
  // that on a click); should the browser refuse, the frame itself still goes blank.
  function quickExit() {
    leaving = true;
    input.value = '';
    document.documentElement.classList.add('leaving');
    document.title = '';
    log.textContent = '';
    actionsBar.textContent = '';
    if (socket) { try { socket.close(); } catch (e) { /* leaving anyway */ } }
    [retryTimer, pollTimer, refreshTimer, typingTimer, sendTimer].forEach(clearTimeout);
    if (window.top !== window.self) {
      try { window.top.location.replace(EXIT_URL); } catch (e) { /* refused: the frame goes below */ }
    }
    location.replace(EXIT_URL);
  }
  $('exit').addEventListener('click', quickExit);
  var lastEscape = 0;
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape' && e.key !== 'Esc') { return; }
    var now = Date.now();
    if (now - lastEscape < 1500) { quickExit(); }
    lastEscape = now;
  });

  // The status line above the box: no signal first (with the emergency number), else how the connection is doing.
  function setConnection(key) {
    connection = key;
    renderStatus();
  }

  function renderStatus() {
    var offline = networkDown || navigator.onLine === false;
    var key = offline ? 'page-offline' : connection;
    if (statusLine.getAttribute('data-key') === key + lang) { return; }
    statusLine.setAttribute('data-key', key + lang);
    if (key) { fillText(statusLine, t(key)); } else { statusLine.textContent = ''; }
  }

  function api(method, path, body, bearer) {
    var headers = { Accept: 'application/json' };
    if (bearer) { headers.Authorization = 'Bearer ' + bearer; }
    if (body) { headers['Content-Type'] = 'application/json'; }
    return fetch(path, {
      method: method, headers: headers, body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer'
    }).then(function (response) {
      if (!response.ok) { var error = new Error('HTTP ' + response.status); error.status = response.status; throw error; }
      return response.status === 204 ? null : response.json();
    });
  }

  function conversationPath(suffix) { return API + '/conversations/' + encodeURIComponent(conversationId) + (suffix || ''); }

  // Start: one call gets the token, starts the conversation and brings the greeting; then the stream opens.
  function start() {
    if (ready) { return ready; }
    setConnection('page-connecting');
    watermark = '';
    ready = api('POST', '/api/directline/token', { start: true, locale: navigator.language }, null).then(function (issued) {
      token = issued.token;
      conversationId = issued.conversationId;
      networkDown = false;
      scheduleRefresh(issued.expires_in);
      receive({ activities: issued.activities || [], watermark: issued.watermark });
      connect(issued.streamUrl);
      flush();
    });
    ready.catch(function (error) {
      ready = null;
      if (leaving) { return; }
      if (!error.status) { networkDown = true; }
      setConnection('page-could-not-connect');
      later(start);
    });
    return ready;
  }

  function later(fn) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(fn, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }

  // A lost token or an expired conversation starts a fresh one (a few times, not forever); unsent messages go there.
  function restart() {
    if (leaving) { return; }
    if (restarts++ > 3) { setConnection('page-ended'); return; }
    closeSocket();
    stopPolling();
    conversationId = null;
    ready = null;
    addNotice(t('page-reset-notice'));
    start();
  }

  function scheduleRefresh(seconds) {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(function () {
      api('POST', API + '/tokens/refresh', null, token).then(function (issued) {
        token = issued.token;
        scheduleRefresh(issued.expires_in);
      }, function (error) {
        if (error.status === 403 || error.status === 404) { restart(); } else { scheduleRefresh(60); }
      });
    }, Math.max(30, (seconds || 1800) / 2) * 1000);
  }

  // The stream: a WebSocket, falling back to polling when sockets do not get through.
  function connect(streamUrl) {
    if (leaving) { return; }
    if (!window.WebSocket || !streamUrl || socketFailures >= 2) { startPolling(); return; }
    var opened = false;
    var ws = socket = new WebSocket(streamUrl);
    ws.onopen = function () {
      opened = true;
      socketFailures = 0;
      retryDelay = 1000;
      networkDown = false;
      setConnection('');
      stopPolling();
      flush();
    };
    ws.onmessage = function (event) { if (event.data) { receive(JSON.parse(event.data)); } };
    ws.onclose = function () {
      if (socket !== ws) { return; }
      socket = null;
      if (leaving) { return; }
      if (!opened && ++socketFailures >= 2) { startPolling(); return; }
      setConnection('page-reconnecting');
      later(reconnect);
    };
  }

  function closeSocket() {
    var ws = socket;
    socket = null;
    if (ws) { try { ws.close(); } catch (e) { /* already closed */ } }
  }

  function reconnect() {
    if (leaving || socket || polling || !conversationId) { return; }
    if (navigator.onLine === false) { return; } // the "online" event brings us back
    api('GET', conversationPath('?watermark=' + encodeURIComponent(watermark)), null, token).then(function (started) {
      token = started.token;
      connect(started.streamUrl);
    }, function (error) {
      if (error.status === 403 || error.status === 404) { restart(); } else { later(reconnect); }
    });
  }

  window.addEventListener('offline', renderStatus);
  window.addEventListener('online', function () {
    retryDelay = 1000;
    sendDelay = 2000;
    networkDown = false;
    renderStatus();
    if (!conversationId) { start(); return; }
    if (polling) { poll(); } else if (!socket) { reconnect(); }
    flush();
  });

  function startPolling() {
    polling = true;
    setConnection('');
    poll();
  }

  function stopPolling() {
    polling = false;
    clearTimeout(pollTimer);
  }

  function poll() {
    clearTimeout(pollTimer);
    if (leaving || !polling) { return; }
    api('GET', conversationPath('/activities?watermark=' + encodeURIComponent(watermark)), null, token).then(function (set) {
      networkDown = false;
      setConnection('');
      receive(set);
      nextPoll();
      flush();
    }, function (error) {
      if (error.status === 403 || error.status === 404) { restart(); return; }
      if (!error.status) { networkDown = true; }
      setConnection('page-reconnecting');
      nextPoll();
    });
  }

  // Often while an answer is on its way, rarely otherwise: every request costs on a slow phone plan.
  function nextPoll() {
    if (polling) { pollTimer = setTimeout(poll, Date.now() < fastPollUntil ? 1000 : 4000); }
  }

  function receive(set) {
    if (set.watermark) { watermark = set.watermark; }
    (set.activities || []).forEach(handle);
  }

  function handle(activity) {
    var fromUser = activity.from && activity.from.role === 'user';
    if (activity.type === 'typing') {
      if (!fromUser) { showTyping(5000); }
      return;
    }
    if (activity.type !== 'message') { return; }
    if (activity.id) {
      if (seen[activity.id]) { return; }
      seen[activity.id] = true;
    }
    if (fromUser) {
      var clientId = activity.channelData && activity.channelData.clientActivityID;
      if (clientId && echoes[clientId]) {
        // The echo may come before or after the server's answer to the post (a stream reopening replays it late).
        if (echoes[clientId].state !== 'sent') { delivered(echoes[clientId]); }
      } else {
        log.appendChild(message('user', activity.text || '', 'plain', validLocale(activity.locale)));
      }
      return;
    }
    hideTyping();
    var urgency = activity.channelData && activity.channelData.urgency;
    var item = message('bot', activity.text || '', activity.textFormat, validLocale(activity.locale));
    if (urgency === 'emergency' || urgency === 'crisis') { markUrgent(item, urgency, activity.replyToId || activity.id); }
    log.appendChild(item);
    item.scrollIntoView({ block: 'nearest' });
    showActions(activity.suggestedActions);
    setLanguage(languageOf(activity.locale));
  }

  // A message as a list item; its language is marked so screen readers read it with the right voice.
  function message(role, text, format, locale) {
    var item = document.createElement('li');
    item.className = 'msg ' + role;
    if (locale) { item.lang = locale; }
    var who = document.createElement('span');
    who.className = 'sr';
    who.lang = lang;
    who.textContent = t(role === 'user' ? 'page-you-said' : 'page-bot-said') + ' ';
    item.appendChild(who);
    if (role === 'bot' && format !== 'plain') {
      renderMarkdown(text, item);
    } else if (role === 'bot') {
      text.split(/\n{2,}/).forEach(function (part) { var p = document.createElement('p'); p.textContent = part; item.appendChild(p); });
    } else {
      item.appendChild(document.createTextNode(text));
    }
    return item;
  }

  // The first emergency (or crisis) message of a reply stands out: announced at once, with a big call button.
  function markUrgent(item, urgency, replyTo) {
    item.classList.add('urgent');
    var key = urgency + '|' + replyTo;
    if (urgentShown[key]) { return; }
    urgentShown[key] = true;
    var messageLang = languageOf(item.lang) || lang;
    var nums = page.numbers[messageLang] || page.numbers.en;
    var number = urgency === 'crisis' ? nums.crisis : nums.emergency;
    var alert = document.createElement('div');
    alert.setAttribute('role', 'alert');
    while (item.childNodes.length > 1) { alert.appendChild(item.childNodes[1]); }
    if (number) {
      var label = (page.strings[messageLang] || page.strings.en)[urgency === 'crisis' ? 'page-call-crisis' : 'page-call-emergency'];
      var call = telLink(label, number);
      call.className = 'call';
      alert.insertBefore(call, alert.firstChild);
    }
    item.appendChild(alert);
  }

  function addNotice(text) {
    var item = document.createElement('li');
    item.className = 'notice';
    item.textContent = text;
    log.appendChild(item);
  }

  // Suggested actions belong to the newest bot message and go away when the person writes.
  function showActions(suggested) {
    actionsBar.textContent = '';
    ((suggested && suggested.actions) || []).forEach(function (action) {
      var title = action.title || (typeof action.value === 'string' ? action.value : '');
      if (!title) { return; }
      if (action.type === 'openUrl') {
        var url = safeUrl(action.value);
        if (url) { actionsBar.appendChild(link(title, url, true)); }
        return;
      }
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = title;
      button.addEventListener('click', function (e) {
        var text = action.type === 'messageBack' ? (action.text || action.displayText || title)
          : typeof action.value === 'string' ? action.value : title;
        send(text);
        // A tap keeps the soft keyboard closed, so the answer is not covered; the keyboard and mouse go back to the box.
        if (e.detail === 0 || lastPointer === 'mouse') { input.focus(); } else { conversation.focus({ preventScroll: true }); }
      });
      actionsBar.appendChild(button);
    });
  }
  document.addEventListener('pointerdown', function (e) { lastPointer = e.pointerType; }, true);

  function showTyping(ms) {
    typing.hidden = false;
    typing.scrollIntoView({ block: 'nearest' });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, ms);
  }

  function hideTyping() {
    typing.hidden = true;
    clearTimeout(typingTimer);
  }

  function postActivity(activity) {
    activity.channelId = 'webchat';
    activity.locale = userLocale();
    return api('POST', conversationPath('/activities'), activity, token);
  }

  function userLocale() {
    return languageOf(navigator.language) === lang ? navigator.language : lang;
  }

  // Sending: a message waits in the outbox until the server has it. Without signal it waits for the signal and goes by
  // itself; only a refusal by the server asks the person to try again.
  function send(text) {
    var entry = { text: text, clientId: 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2), state: 'queued' };
    entry.item = message('user', text, 'plain', userLocale());
    log.appendChild(entry.item);
    entry.item.scrollIntoView({ block: 'nearest' });
    echoes[entry.clientId] = entry;
    outbox.push(entry);
    showActions(null);
    showState(entry);
    flush();
  }

  function flush() {
    if (sending || leaving) { return; }
    var entry = null;
    for (var i = 0; i < outbox.length && !entry; i++) { if (outbox[i].state === 'queued') { entry = outbox[i]; } }
    if (!entry) { return; }
    if (navigator.onLine === false || !conversationId) {
      renderStatus();
      if (conversationId === null && !ready) { start(); }
      return;
    }
    sending = true;
    entry.state = 'sending';
    entry.slow = false;
    showState(entry);
    showTyping(15000);
    fastPollUntil = Date.now() + 30000;
    var slowTimer = setTimeout(function () { if (entry.state === 'sending') { entry.slow = true; showState(entry); } }, STILL_SENDING_MS);
    postActivity({ type: 'message', text: entry.text, textFormat: 'plain', channelData: { clientActivityID: entry.clientId } }).then(function (posted) {
      if (posted && posted.id) { seen[posted.id] = true; }
      clearTimeout(slowTimer);
      sending = false;
      sendDelay = 2000;
      networkDown = false;
      renderStatus();
      delivered(entry);
      if (polling) { setTimeout(poll, 200); }
      flush();
    }, function (error) {
      clearTimeout(slowTimer);
      sending = false;
      hideTyping();
      if (leaving) { return; }
      if (!error.status || error.status === 429 || error.status >= 500 && error.status !== 502) {
        // No signal, or the server is busy: keep it and send it again when the signal is back (or in a little while).
        if (!error.status) { networkDown = true; }
        entry.state = 'queued';
        showState(entry);
        renderStatus();
        clearTimeout(sendTimer);
        sendTimer = setTimeout(flush, sendDelay);
        sendDelay = Math.min(sendDelay * 2, 30000);
        return;
      }
      if (error.status === 403 || error.status === 404) {
        entry.state = 'queued';
        showState(entry);
        restart();
        return;
      }
      entry.state = 'failed';
      showState(entry);
      flush();
    });
  }

  function delivered(entry) {
    var index = outbox.indexOf(entry);
    if (index >= 0) { outbox.splice(index, 1); }
    entry.state = 'sent';
    showState(entry);
  }

  // What a message waiting in the outbox shows: a dashed edge and a line of text, or a big "try again" button.
  function showState(entry) {
    var item = entry.item;
    var old = item.querySelector('.state, .retry');
    if (old) { item.removeChild(old); }
    item.classList.toggle('pending', entry.state === 'queued' || entry.state === 'sending');
    item.classList.toggle('failed', entry.state === 'failed');
    var waiting = entry.state === 'queued' && (networkDown || navigator.onLine === false || !conversationId);
    if (waiting || entry.state === 'sending' && entry.slow) {
      var note = document.createElement('span');
      note.className = 'state';
      note.textContent = t(waiting ? 'page-waiting' : 'page-still-sending');
      item.appendChild(note);
    } else if (entry.state === 'failed') {
      var retry = document.createElement('button');
      retry.type = 'button';
      retry.className = 'retry';
      retry.textContent = t('page-not-sent');
      retry.addEventListener('click', function () {
        entry.state = 'queued';
        showState(entry);
        flush();
      });
      item.appendChild(retry);
      item.scrollIntoView({ block: 'nearest' });
    }
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = '';
    send(text);
  });

  // Markdown, the safe way: paragraphs, lists, **bold**, *italics* and [links](https://...), built as DOM nodes.
  function renderMarkdown(text, into) {
    var paragraph = null, lists = [];
    text.replace(/\r\n?/g, '\n').split('\n').forEach(function (line) {
      var item = /^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$/.exec(line);
      if (item) {
        paragraph = null;
        var indent = item[1].replace(/\t/g, '    ').length, ordered = /\d/.test(item[2]);
        while (lists.length && indent < lists[lists.length - 1].indent) { lists.pop(); }
        var top = lists[lists.length - 1];
        if (top && indent === top.indent && ordered !== (top.list.tagName === 'OL')) {
          lists.pop(); // same level, other kind of list: a new list beside it
          top = null;
        }
        if (!top || indent > top.indent) {
          var parent = lists[lists.length - 1];
          var list = document.createElement(ordered ? 'ol' : 'ul');
          if (ordered && parseInt(item[2], 10) > 1) { list.start = parseInt(item[2], 10); }
          (parent ? parent.list.lastElementChild || parent.list : into).appendChild(list);
          top = { indent: indent, list: list };
          lists.push(top);
        }
        var li = document.createElement('li');
        inline(item[3], li);
        top.list.appendChild(li);
        return;
      }
      if (!line.trim()) { paragraph = null; lists = []; return; }
      if (lists.length && /^\s/.test(line)) {
        var last = lists[lists.length - 1].list.lastElementChild;
        last.appendChild(document.createTextNode(' '));
        inline(line.trim(), last);
        return;
      }
      lists = [];
      var heading = /^#{1,6}\s+(.*)$/.exec(line);
      if (heading) {
        paragraph = null;
        var h = document.createElement('p');
        var strong = document.createElement('strong');
        inline(heading[1], strong);
        h.appendChild(strong);
        into.appendChild(h);
        return;
      }
      if (paragraph) {
        paragraph.appendChild(document.createElement('br'));
      } else {
        paragraph = document.createElement('p');
        into.appendChild(paragraph);
      }
      inline(line.trim(), paragraph);
    });
  }

  function inline(text, into) {
    var pattern = /\*\*(.+?)\*\*|__(.+?)__|\[([^\]]+)\]\(([^)\s]+)\)|\*([^*\s](?:[^*]*[^*\s])?)\*|\b_([^_\s](?:[^_]*[^_\s])?)_\b/g;
    var last = 0, match;
    while ((match = pattern.exec(text)) !== null) {
      into.appendChild(document.createTextNode(text.slice(last, match.index)));
      if (match[1] !== undefined || match[2] !== undefined) {
        var strong = document.createElement('strong');
        inline(match[1] !== undefined ? match[1] : match[2], strong);
        into.appendChild(strong);
      } else if (match[3] !== undefined) {
        var url = safeUrl(match[4]);
        if (url) { into.appendChild(link(match[3], url)); } else { into.appendChild(document.createTextNode(match[3])); }
      } else {
        var em = document.createElement('em');
        inline(match[5] !== undefined ? match[5] : match[6], em);
        into.appendChild(em);
      }
      last = match.index + match[0].length;
    }
    into.appendChild(document.createTextNode(text.slice(last)));
  }

  // Web links, and tel: links that are only a phone number.
  function safeUrl(value) {
    if (typeof value !== 'string') { return null; }
    if (/^tel:\+?[0-9]{2,15}$/.test(value)) { return value; }
    try {
      var url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(label, href, plain) {
    if (href.indexOf('tel:') === 0) { return telLink(label, href.slice(4)); }
    var a = document.createElement('a');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    if (plain) { a.textContent = label; } else { inline(label, a); }
    return a;
  }

  function telLink(label, number) {
    var a = document.createElement('a');
    a.href = 'tel:' + number.replace(/[^0-9+]/g, '');
    a.textContent = label;
    return a;
  }

  renderStatus();
  start();
}());
