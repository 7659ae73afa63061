// Holds a conversation with our Direct Line server through the official botframework-directlinejs client.
// Usage: node directline/conversation.mjs <baseUrl> <websocket|polling> [anonymous|secret=<DirectLine secret>]
// Prints one JSON object; exits 0 when every check passed, 1 otherwise.
import directLineJs from 'botframework-directlinejs';
import rxjs from 'rxjs/Observable.js';
import WebSocket from 'ws';

const { DirectLine, ConnectionStatus } = directLineJs;
// The client only chooses WebSocket when the platform has one (Node 20 does not), so lend it ws.
globalThis.WebSocket ??= WebSocket;
const { Observable } = rxjs;
const [baseUrl, mode = 'websocket', credential = 'anonymous'] = process.argv.slice(2);
const domain = new URL('v3/directline', baseUrl.endsWith('/') ? baseUrl : baseUrl + '/').href;
const question = 'where can i get narcan for free';

// Node has no XMLHttpRequest; the client takes its HTTP transport as a service, so we hand it fetch.
function ajax(request) {
  return Observable.create((subscriber) => {
    const body = request.body === undefined || typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    fetch(request.url, { method: request.method || 'GET', headers: request.headers, body })
      .then(async (response) => {
        const text = await response.text();
        const result = { status: response.status, response: text ? JSON.parse(text) : null, xhr: { getResponseHeader: (h) => response.headers.get(h) } };
        if (response.status >= 400) { subscriber.error(result); } else { subscriber.next(result); subscriber.complete(); }
      }, (error) => subscriber.error({ status: 0, error }));
  });
}

async function getToken() {
  if (credential.startsWith('secret=')) {
    const response = await fetch(`${domain}/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${credential.slice(7)}` } });
    if (!response.ok) { throw new Error(`tokens/generate answered ${response.status}`); }
    return (await response.json()).token;
  }
  const response = await fetch(new URL('/api/directline/token', baseUrl), { method: 'POST', headers: { Origin: new URL(baseUrl).origin } });
  if (!response.ok) { throw new Error(`/api/directline/token answered ${response.status}`); }
  return (await response.json()).token;
}

function client(options) {
  const directLine = new DirectLine({ domain, webSocket: mode === 'websocket', pollingInterval: 250, ajax, WebSocket, ...options });
  const received = [];
  const statuses = [];
  const waiters = new Set();
  directLine.connectionStatus$.subscribe((status) => statuses.push(status));
  directLine.activity$.subscribe((activity) => {
    received.push(activity);
    for (const waiter of waiters) { waiter(); }
  });
  const waitFor = (description, predicate, ms = 15000) => new Promise((resolve, reject) => {
    const check = () => {
      const found = received.find(predicate);
      if (found) { waiters.delete(check); clearTimeout(timer); resolve(found); }
    };
    const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`timed out waiting for ${description}`)); }, ms);
    waiters.add(check);
    check();
  });
  const post = (activity) => new Promise((resolve, reject) => directLine.postActivity(activity).subscribe(resolve, reject));
  return { directLine, received, statuses, waitFor, post };
}

const userIdOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).user;
const checks = {};
const result = { mode, credential: credential.split('=')[0], checks };
const failed = (name) => !checks[name];
try {
  const token = await getToken();
  const userId = userIdOf(token);
  const first = client({ token });

  await first.post({ type: 'event', name: 'webchat/join', from: { id: 'someone-else' }, value: { language: 'en-US' } });
  const welcome = await first.waitFor('the welcome', (a) => a.type === 'message' && a.from?.role === 'bot');
  checks.connected = first.statuses.includes(ConnectionStatus.Online);
  checks.welcomeSaysAnonymousAndEmergency = /anonymous/i.test(welcome.text) && /emergency/i.test(welcome.text);
  const welcomeActions = await first.waitFor('the welcome menu', (a) => a.type === 'message' && a.suggestedActions?.actions?.length > 0);
  checks.welcomeHasSuggestedActions = welcomeActions.suggestedActions.actions.every((a) => a.type === 'imBack' && a.title);

  const clientActivityID = `conformance-${Date.now()}`;
  const id = await first.post({ type: 'message', text: question, from: { id: 'someone-else' }, channelData: { clientActivityID } });
  checks.postReturnedId = typeof id === 'string' && id.startsWith(first.directLine.conversationId);
  const echo = await first.waitFor('the echo', (a) => a.channelData?.clientActivityID === clientActivityID);
  checks.echoHasServerIdAndClientActivityId = echo.id === id && echo.text === question;
  checks.senderIsTheTokensUser = echo.from?.id === userId && userId.startsWith('dl_') && echo.from?.role === 'user';
  const answer = await first.waitFor('the answer', (a) => a.type === 'message' && a.replyToId === id && a.from?.role === 'bot');
  checks.answerIsAboutNaloxone = /naloxone/i.test(answer.text) && answer.textFormat === 'markdown';
  checks.answerHasSuggestedActions = (answer.suggestedActions?.actions?.length ?? 0) > 0;
  result.answer = { text: answer.text.slice(0, 200), actions: answer.suggestedActions?.actions?.map((a) => a.title) };
  checks.usedTheRequestedTransport = first.directLine.webSocket === (mode === 'websocket');
  checks.typingOnlyOnWebSocket = mode === 'websocket'
    ? first.received.some((a) => a.type === 'typing' && a.from?.role === 'bot')
    : !first.received.some((a) => a.type === 'typing');

  // Resume the same conversation with a second client from a watermark: everything after it comes again.
  const resumeFrom = welcomeActions.id.split('|')[1];
  const watermark = String(Number(resumeFrom));
  const second = client({ token: first.directLine.token, conversationId: first.directLine.conversationId, watermark });
  const replayed = await second.waitFor('the replayed answer', (a) => a.id === answer.id);
  checks.resumeReplaysFromWatermark = replayed.text === answer.text && !second.received.some((a) => a.id === welcome.id);
  checks.resumeSeesTheEcho = second.received.some((a) => a.id === echo.id);
  second.directLine.end();
  first.directLine.end();
} catch (error) {
  result.error = String(error?.message ?? error?.status ?? error);
}

result.ok = !result.error && Object.keys(checks).length > 0 && Object.keys(checks).every((name) => !failed(name));
process.stdout.write(JSON.stringify(result) + '\n');
process.exit(result.ok ? 0 : 1);
