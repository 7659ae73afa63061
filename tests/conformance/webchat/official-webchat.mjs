// The official Web Chat bundle (botframework-webchat on npm), unmodified, on a page of another origin, pointed at our
// Direct Line server the way a partner site embeds it: createDirectLine({ domain, token }).
// Usage: node webchat/official-webchat.mjs <baseUrl> <DirectLine secret> <screenshot dir>
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { launch, report } from './browser.mjs';

const [baseUrl, secret, screenshots = '.'] = process.argv.slice(2);
const domain = new URL('/v3/directline', baseUrl).href;
// The published browser bundle, as a site would load it (the package's exports map does not list it, so by path).
const bundle = await readFile(fileURLToPath(new URL('../node_modules/botframework-webchat/dist/webchat.js', import.meta.url)));

// A partner site's backend trades the secret for a token; the browser only ever sees the token.
async function token() {
  const response = await fetch(`${domain}/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } });
  if (!response.ok) { throw new Error(`tokens/generate answered ${response.status}`); }
  return (await response.json()).token;
}

function page(settings) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner site</title>
<style>html, body, #webchat { height: 100%; margin: 0; }</style></head>
<body><div id="webchat" role="main"></div>
<script src="/webchat.js"></script>
<script>
  const settings = ${JSON.stringify(settings)};
  // The usual welcome pattern: when Web Chat connects, post the "webchat/join" event.
  const store = window.WebChat.createStore({}, ({ dispatch }) => (next) => (action) => {
    if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
      dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { language: 'en-US' } } });
    }
    return next(action);
  });
  window.WebChat.renderWebChat({ directLine: window.WebChat.createDirectLine({ domain: settings.domain, token: settings.token }), store },
    document.getElementById('webchat'));
</script></body></html>`;
}

await report({ client: 'botframework-webchat' }, async (checks, result) => {
  const html = page({ domain, token: await token() });
  const site = createServer((request, response) => {
    if (request.url === '/webchat.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle);
    } else {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    }
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  const siteUrl = `http://127.0.0.1:${site.address().port}/`;
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 420, height: 800 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const corsFailures = [];
    page.on('requestfailed', (request) => corsFailures.push(`${request.method()} ${request.url()} ${request.failure()?.errorText}`));
    await page.goto(siteUrl);
    checks.siteIsAnotherOrigin = new URL(siteUrl).origin !== new URL(baseUrl).origin;

    const transcript = page.locator('.webchat__basic-transcript');
    await transcript.getByText(/anonymous/i).first().waitFor({ timeout: 20000 });
    checks.welcomeShown = true;

    const botBubbles = '.webchat__bubble:not(.webchat__bubble--from-user)';
    const nextBotMessage = async (before) => {
      await page.waitForFunction(([selector, n]) => document.querySelectorAll(selector).length > n, [botBubbles, before], { timeout: 20000 });
      return page.locator(botBubbles).nth(before);
    };

    const sendBox = page.locator('[data-id="webchat-sendbox-input"]');
    let before = await page.locator(botBubbles).count();
    await sendBox.fill('where can i get narcan for free');
    await sendBox.press('Enter');
    const answer = await nextBotMessage(before);
    checks.answerShown = /naloxone/i.test(await answer.innerText());

    const suggested = page.locator('.webchat__suggested-actions button.webchat__suggested-action');
    await suggested.first().waitFor({ timeout: 10000 });
    checks.suggestedActionsRendered = (await suggested.allInnerTexts()).some((t) => t.trim().length > 0);
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'official-webchat-answer.png') });

    before = await page.locator(botBubbles).count();
    const picked = (await suggested.first().innerText()).trim();
    await suggested.first().click();
    const followUp = await nextBotMessage(before);
    checks.suggestedActionAnswered = (await followUp.innerText()).trim().length > 0;
    checks.suggestedActionSentItsTitle = (await page.locator('.webchat__bubble--from-user').last().innerText()).includes(picked);
    await followUp.scrollIntoViewIfNeeded();

    const sent = page.locator('.webchat__bubble--from-user');
    checks.userMessagesShownAsSent = (await sent.count()) >= 2 && (await page.getByText(/send failed|could not send/i).count()) === 0;
    checks.noCorsOrNetworkFailures = corsFailures.length === 0;
    checks.noPageErrors = errors.length === 0;
    result.failures = [...corsFailures, ...errors];
    await page.screenshot({ path: path.join(screenshots, 'official-webchat-follow-up.png') });
  } finally {
    await browser.close();
    site.close();
  }
});
