// The built-in chat page: a Direct Line 3.0 client in plain JavaScript. Nothing is stored in the browser,
// every message is built with DOM nodes and textContent (never HTML), and nothing is loaded from another origin.
(function () {
  'use strict';

  var EXIT_URL = 'https://www.google.com/search?q=weather';
  var API = '/v3/directline';
  var $ = function (id) { return document.getElementById(id); };
  var log = $('log'), form = $('composer'), input = $('input'), actionsBar = $('actions'), typing = $('typing'), statusLine = $('status');

  var token = null, conversationId = null, watermark = '';
  var socket = null, polling = false, socketFailures = 0, retryDelay = 1000;
  var retryTimer = 0, pollTimer = 0, refreshTimer = 0, typingTimer = 0, fastPollUntil = 0, restarts = 0;
  var leaving = false, ready = null;
  var seen = {}, pending = {};

  // Quick exit: leave for a neutral page and take this one out of the history. Inside another site's iframe the
  // whole tab leaves (browsers allow that on a click); should the browser refuse, the frame itself still goes blank.
  function quickExit() {
    leaving = true;
    if (socket) { try { socket.close(); } catch (e) { /* leaving anyway */ } }
    log.textContent = '';
    actionsBar.textContent = '';
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

  function setStatus(text) { statusLine.textContent = text; }

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

  // Start: an anonymous token from this site, a conversation, the stream, then "join" so the bot says hello.
  function start() {
    setStatus('Connecting…');
    watermark = '';
    ready = api('POST', '/api/directline/token', null, null).then(function (issued) {
      token = issued.token;
      conversationId = issued.conversationId;
      return api('POST', API + '/conversations', {}, token);
    }).then(function (conversation) {
      scheduleRefresh(conversation.expires_in);
      connect(conversation.streamUrl);
      return postActivity({ type: 'event', name: 'webchat/join', value: { language: navigator.language } });
    });
    ready.catch(function () {
      setStatus('Could not connect. Trying again…');
      later(start);
    });
    return ready;
  }

  function later(fn) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(fn, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }

  // A lost token or an expired conversation starts a fresh one (a few times, not forever).
  function restart() {
    if (leaving || restarts++ > 3) { setStatus('The chat ended. Reload the page to start again.'); return; }
    closeSocket();
    stopPolling();
    addNotice('The connection was reset. This is a new conversation.');
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
    if (!window.WebSocket || socketFailures >= 2) { startPolling(); return; }
    var opened = false;
    var ws = socket = new WebSocket(streamUrl);
    ws.onopen = function () {
      opened = true;
      socketFailures = 0;
      retryDelay = 1000;
      setStatus('');
      stopPolling();
    };
    ws.onmessage = function (event) { if (event.data) { receive(JSON.parse(event.data)); } };
    ws.onclose = function () {
      if (socket !== ws) { return; }
      socket = null;
      if (leaving) { return; }
      if (!opened && ++socketFailures >= 2) { startPolling(); return; }
      setStatus('Reconnecting…');
      later(reconnect);
    };
  }

  function closeSocket() {
    var ws = socket;
    socket = null;
    if (ws) { try { ws.close(); } catch (e) { /* already closed */ } }
  }

  function reconnect() {
    if (leaving || socket || polling) { return; }
    if (navigator.onLine === false) { return; } // the "online" event brings us back
    api('GET', conversationPath('?watermark=' + encodeURIComponent(watermark)), null, token).then(function (conversation) {
      token = conversation.token;
      connect(conversation.streamUrl);
    }, function (error) {
      if (error.status === 403 || error.status === 404) { restart(); } else { later(reconnect); }
    });
  }

  window.addEventListener('online', function () {
    retryDelay = 1000;
    if (polling) { poll(); } else if (!socket && conversationId) { reconnect(); }
  });

  function startPolling() {
    polling = true;
    setStatus('');
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
      setStatus('');
      receive(set);
      nextPoll();
    }, function (error) {
      if (error.status === 403 || error.status === 404) { restart(); return; }
      setStatus('Reconnecting…');
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
      var shown = clientId && pending[clientId];
      if (shown) {
        shown.classList.remove('pending');
        delete pending[clientId];
      } else {
        addMessage('user', activity.text || '');
      }
      return;
    }
    hideTyping();
    addMessage('bot', activity.text || '', activity.textFormat);
    showActions(activity.suggestedActions);
  }

  function addMessage(role, text, format) {
    var item = document.createElement('li');
    item.className = 'msg ' + role;
    var who = document.createElement('span');
    who.className = 'sr';
    who.textContent = role === 'user' ? 'You said: ' : 'Bot: ';
    item.appendChild(who);
    if (role === 'bot' && format !== 'plain') {
      renderMarkdown(text, item);
    } else if (role === 'bot') {
      text.split(/\n{2,}/).forEach(function (part) { var p = document.createElement('p'); p.textContent = part; item.appendChild(p); });
    } else {
      item.appendChild(document.createTextNode(text));
    }
    log.appendChild(item);
    item.scrollIntoView({ block: 'nearest' });
    return item;
  }

  function addNotice(text) {
    var item = document.createElement('li');
    item.className = 'status';
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
      button.addEventListener('click', function () {
        var text = action.type === 'messageBack' ? (action.text || action.displayText || title)
          : typeof action.value === 'string' ? action.value : title;
        send(text);
        input.focus();
      });
      actionsBar.appendChild(button);
    });
  }

  function showTyping(ms) {
    typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, ms);
  }

  function hideTyping() {
    typing.hidden = true;
    clearTimeout(typingTimer);
  }

  function postActivity(activity) {
    activity.channelId = 'webchat';
    activity.locale = navigator.language;
    return api('POST', conversationPath('/activities'), activity, token);
  }

  function send(text) {
    var clientId = 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2);
    var item = addMessage('user', text);
    item.classList.add('pending');
    pending[clientId] = item;
    showActions(null);
    showTyping(15000);
    deliver(text, clientId, item);
  }

  function deliver(text, clientId, item) {
    fastPollUntil = Date.now() + 30000;
    (ready || start()).then(function () {
      return postActivity({ type: 'message', text: text, textFormat: 'plain', channelData: { clientActivityID: clientId } });
    }).then(function () {
      if (polling) { setTimeout(poll, 200); }
    }, function (error) {
      hideTyping();
      item.classList.add('failed');
      var retry = document.createElement('button');
      retry.type = 'button';
      retry.className = 'retry';
      retry.textContent = 'Not sent. Try again';
      retry.addEventListener('click', function () {
        item.classList.remove('failed');
        item.removeChild(retry);
        showTyping(15000);
        deliver(text, clientId, item);
      });
      item.appendChild(retry);
      if (error.status === 403 || error.status === 404) { restart(); }
    });
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

  function safeUrl(value) {
    if (typeof value !== 'string') { return null; }
    try {
      var url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(label, href, plain) {
    var a = document.createElement('a');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    if (plain) { a.textContent = label; } else { inline(label, a); }
    return a;
  }

  start();
}());
