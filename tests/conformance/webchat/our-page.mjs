// Our own chat page (GET /) in headless Chromium, as a visitor on a slow phone uses it.
// Usage: node webchat/our-page.mjs <baseUrl> <screenshot dir>
// Every request is intercepted: anything for another origin is refused and reported, except the quick-exit
// destination, which is answered locally so no real network is needed.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { launch, report } from './browser.mjs';

const [baseUrl, screenshots = '.'] = process.argv.slice(2);
const origin = new URL(baseUrl).origin;
const EXIT_URL = 'https://www.google.com/search?q=weather';
const QUESTION = 'where can i get narcan for free';
// A partner site that shows our page in an iframe: another origin (another loopback port) that the server under test
// lists in WebChat:FrameAncestors. It is a real local server because Chromium keeps public pages from framing local ones.
const partner = createServer((request, response) => response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
  .end(`<!doctype html><title>Partner</title><h1>Partner site</h1><iframe src="${baseUrl}" title="Anonymous chat" width="360" height="600"></iframe>`));
await new Promise((resolve) => partner.listen(0, '127.0.0.1', resolve));
const PARTNER_URL = `http://127.0.0.1:${partner.address().port}/`;

const shot = (page, name) => page.screenshot({ path: path.join(screenshots, `our-page-${name}.png`), fullPage: false });

/** A phone-sized context whose traffic is watched: foreign requests are refused and remembered. */
async function phone(browser, watch) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(EXIT_URL)) {
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>weather</title><p>Weather</p>' });
    }
    if (new URL(url).origin === origin || url === PARTNER_URL || url.startsWith('data:')) {
      return route.continue();
    }
    watch.foreign.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => watch.errors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') { watch.errors.push(message.text()); } });
  page.on('websocket', (socket) => watch.sockets.push(socket.url()));
  page.on('response', async (response) => {
    const headers = await response.allHeaders();
    if (headers['set-cookie']) { watch.cookies.push(`${response.url()}: ${headers['set-cookie']}`); }
  });
  return { context, page };
}

const bots = (page) => page.locator('#log .bot');

/** Types a question and returns the first bot message that came after it. */
async function ask(page, text) {
  const before = await bots(page).count();
  const input = page.getByLabel('Your question');
  await input.fill(text);
  await input.press('Enter');
  return nextBotMessage(page, before);
}

async function nextBotMessage(page, before) {
  await page.waitForFunction((n) => document.querySelectorAll('#log .bot').length > n, before, { timeout: 20000 });
  return bots(page).nth(before);
}

await report({ client: 'our page' }, async (checks, result) => {
  await mkdir(screenshots, { recursive: true });
  const watch = { foreign: [], errors: [], sockets: [], cookies: [] };
  const browser = await launch();
  try {
    // 1. A visit on a 2G-like connection: the page loads, welcomes, answers and follows a suggested action.
    const { context, page } = await phone(browser, watch);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 35000, uploadThroughput: 32000 });
    const loading = [];
    page.on('requestfinished', (request) => loading.push(request.sizes().then((sizes) => ({
      url: new URL(request.url()), bytes: sizes.responseBodySize + sizes.responseHeadersSize,
    }))));
    const response = await page.goto(baseUrl, { waitUntil: 'load' });
    const headers = response.headers();
    checks.cspIsStrict = /default-src 'self'/.test(headers['content-security-policy'] ?? '')
      && !/unsafe-inline|unsafe-eval/.test(headers['content-security-policy']) && /frame-ancestors/.test(headers['content-security-policy']);
    checks.noSniffAndNoReferrer = headers['x-content-type-options'] === 'nosniff' && headers['referrer-policy'] === 'no-referrer';

    const welcome = bots(page).filter({ hasText: /anonymous/i }).first();
    await welcome.waitFor({ timeout: 30000 });
    checks.welcomeSaysAnonymousAutomatedAndEmergency = /automated/i.test(await welcome.innerText()) && /emergency/i.test(await welcome.innerText());
    await page.locator('#actions button').first().waitFor();
    checks.welcomeOffersTopicsAsButtons = (await page.locator('#actions button').count()) > 1;
    // Everything the page itself needs, in bytes on the wire (headers included), not counting the chat's own API calls.
    const files = (await Promise.all(loading)).filter((l) => l.url.origin === origin && !l.url.pathname.startsWith('/api/') && !l.url.pathname.startsWith('/v3/'));
    result.pageBytes = files.reduce((sum, l) => sum + l.bytes, 0);
    result.pageFiles = files.map((l) => `${l.url.pathname} ${l.bytes}`);
    checks.pageUnder50KB = result.pageBytes > 0 && result.pageBytes < 50 * 1024;
    checks.pageIsThreeFiles = files.length === 3;
    await shot(page, 'welcome');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    // Keyboard: the quick exit comes first, then the question box is reachable and labelled.
    await page.keyboard.press('Tab');
    checks.quickExitIsFirstInTabOrder = await page.evaluate(() => document.activeElement?.id === 'exit');
    checks.quickExitVisible = await page.getByRole('button', { name: 'Quick exit' }).isVisible();
    checks.logIsALiveRegion = await page.evaluate(() => {
      const log = document.getElementById('log').closest('[role="log"]');
      return log !== null && log.getAttribute('aria-live') === 'polite';
    });

    const answer = await ask(page, QUESTION);
    checks.answerShown = /naloxone/i.test(await answer.innerText());
    checks.ownMessageConfirmedByEcho = await page.locator('#log .user').last().evaluate((e) => !e.classList.contains('pending'));
    checks.markdownRendered = (await answer.locator('strong').count()) > 0 && (await answer.locator('ol > li, ul > li').count()) > 1;
    const links = await answer.locator('a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), rel: a.rel, target: a.target })));
    checks.linksAreSafe = links.some((l) => /^https?:/.test(l.href)) && links.every((l) => /^tel:\+?[0-9]+$/.test(l.href)
      || (/^https?:/.test(l.href) && l.rel === 'noopener noreferrer' && l.target === '_blank'));
    const buttons = await page.locator('#actions button').allInnerTexts();
    checks.followUpsAsButtons = buttons.length > 0;
    await shot(page, 'answer');

    const before = await bots(page).count();
    await page.locator('#actions button').first().click();
    const followUp = await nextBotMessage(page, before);
    checks.suggestedActionAnswered = (await followUp.innerText()).trim().length > 0;
    checks.suggestedActionShownAsOwnMessage = (await page.locator('#log .user').last().innerText()).includes(buttons[0].trim());
    await shot(page, 'follow-up');

    // What a person types is shown as text, never as markup.
    const markup = '<img src=x onerror="window.pwned=1"><b>bold?</b>';
    await ask(page, markup);
    checks.typedMarkupStaysText = (await page.locator('#log .user').last().innerText()).includes(markup)
      && (await page.locator('#log img, #log b').count()) === 0
      && (await page.evaluate(() => window.pwned)) === undefined;

    checks.usedWebSocket = watch.sockets.some((url) => url.startsWith(origin.replace(/^http/, 'ws')) && url.includes('/stream?t='));
    checks.noCookies = watch.cookies.length === 0 && (await page.evaluate(() => document.cookie)) === '';
    checks.nothingStoredInTheBrowser = await page.evaluate(() => localStorage.length === 0 && sessionStorage.length === 0);

    // 2. Quick exit: the button leaves for the neutral page and the chat is not in the history.
    await page.getByRole('button', { name: 'Quick exit' }).click();
    await page.waitForURL(EXIT_URL);
    await shot(page, 'quick-exit');
    checks.quickExitLands = page.url() === EXIT_URL;
    await page.goBack().catch(() => null);
    checks.quickExitLeavesNoHistory = !page.url().startsWith(origin);
    await context.close();

    // 3. Escape pressed twice does the same.
    const second = await phone(browser, watch);
    await second.page.goto(baseUrl);
    await bots(second.page).first().waitFor({ timeout: 20000 });
    await second.page.keyboard.press('Escape');
    await second.page.keyboard.press('Escape');
    await second.page.waitForURL(EXIT_URL);
    checks.escapeTwiceExits = true;
    await second.context.close();

    // 3b. In a partner's iframe, the quick exit takes the whole tab away, not just the frame.
    const framed = await phone(browser, watch);
    await framed.page.goto(PARTNER_URL);
    const chat = framed.page.frameLocator('iframe');
    await chat.locator('#log .bot').first().waitFor({ timeout: 20000 });
    checks.pageCanBeFramedByAllowedSites = true;
    await chat.getByRole('button', { name: 'Quick exit' }).click();
    await framed.page.waitForURL(EXIT_URL);
    checks.quickExitInAnIframeLeavesTheWholeTab = framed.page.url() === EXIT_URL;
    await framed.context.close();

    // 4. Markdown from the server is built as DOM nodes: only bold, italics, lists, paragraphs and http(s) links survive.
    const third = await phone(browser, watch);
    let injectInto = null;
    await third.page.routeWebSocket(/\/stream\?/, (socket) => {
      socket.connectToServer();
      injectInto = socket;
    });
    await third.page.goto(baseUrl);
    await bots(third.page).first().waitFor({ timeout: 20000 });
    injectInto.send(JSON.stringify({
      watermark: '0',
      activities: [{
        type: 'message', id: 'injected|1', from: { id: 'bot', role: 'bot' }, textFormat: 'markdown',
        text: '**Bold** and *italic* <script>window.pwned=1</script><img src=x onerror="window.pwned=1">\n\n'
          + '- [safe](https://example.org/a)\n- [evil](javascript:window.pwned=1)\n- <a href="javascript:1">raw</a>',
      }],
    }));
    const injected = bots(third.page).filter({ hasText: 'Bold' }).last();
    await injected.waitFor();
    checks.markdownKeepsOnlySafeElements = await injected.evaluate((e) => {
      const tags = new Set([...e.querySelectorAll('*')].map((n) => n.tagName.toLowerCase()));
      const allowed = new Set(['span', 'p', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'br']);
      return [...tags].every((t) => allowed.has(t)) && tags.has('strong') && tags.has('em')
        && [...e.querySelectorAll('a')].every((a) => a.href.startsWith('https:'))
        && e.querySelectorAll('a').length === 1 && e.textContent.includes('<script>');
    });
    checks.injectedMarkupDidNotRun = (await third.page.evaluate(() => window.pwned)) === undefined;
    await shot(third.page, 'safe-markdown');
    await third.context.close();

    // 5. Network loss: the socket drops while the phone is offline; back online, the page reconnects and answers.
    const fourth = await phone(browser, watch);
    const opened = [];
    await fourth.page.routeWebSocket(/\/stream\?/, (socket) => {
      const server = socket.connectToServer();
      opened.push({ socket, server });
    });
    await fourth.page.goto(baseUrl);
    await bots(fourth.page).first().waitFor({ timeout: 20000 });
    await fourth.context.setOffline(true);
    opened[0].socket.close({ code: 1001, reason: 'network lost' });
    opened[0].server.close();
    await fourth.page.locator('#status').getByText('No connection').waitFor({ timeout: 5000 });
    checks.showsNoConnection = true;
    await fourth.context.setOffline(false);
    const afterReconnect = await ask(fourth.page, 'how do i use the nasal spray');
    checks.answersAfterReconnecting = /naloxone|spray|nostril/i.test(await afterReconnect.innerText());
    checks.reconnectsAfterNetworkLoss = opened.length >= 2;
    await fourth.context.close();

    // 6. No WebSocket gets through (a proxy that blocks them): the page falls back to polling and still answers.
    const fifth = await phone(browser, watch);
    const polled = [];
    fifth.page.on('request', (request) => { if (/\/activities\?watermark=/.test(request.url())) { polled.push(request.url()); } });
    await fifth.page.routeWebSocket(/\/stream\?/, (socket) => socket.close({ code: 1011, reason: 'blocked' }));
    await fifth.page.goto(baseUrl);
    await bots(fifth.page).filter({ hasText: /anonymous/i }).first().waitFor({ timeout: 30000 });
    const polledAnswer = await ask(fifth.page, QUESTION);
    checks.answersOverPolling = /naloxone/i.test(await polledAnswer.innerText());
    checks.fallsBackToPolling = polled.length > 0;
    await shot(fifth.page, 'polling');
    await fifth.context.close();

    checks.nothingFromAnotherOrigin = watch.foreign.length === 0;
    checks.noScriptErrors = watch.errors.filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED|Failed to load resource/i.test(e)).length === 0;
    result.foreign = watch.foreign;
    result.consoleErrors = watch.errors;
  } finally {
    await browser.close();
    partner.close();
  }
});
