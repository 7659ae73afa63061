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
  window.WebChat.renderWebChat({
    directLine: window.WebChat.createDirectLine({ domain: settings.domain, token: settings.token }),
    store,
    styleOptions: settings.styleOptions
  }, document.getElementById('webchat'));
</script></body></html>`;
}

// The styleOptions of the README's snippet, as a partner site copies them.
const README_STYLE_OPTIONS = {
  hideUploadButton: true,
  suggestedActionLayout: 'stacked',
  suggestedActionsStackedLayoutButtonTextWrap: true,
  suggestedActionHeight: 44,
  autoScrollSnapOnPage: true
};

await report({ client: 'botframework-webchat' }, async (checks, result) => {
  const html = page({ domain, token: await token(), styleOptions: README_STYLE_OPTIONS });
  // The same site with Web Chat's default paperclip, for someone who sends a photo anyway.
  const withUpload = page({ domain, token: await token(), styleOptions: { ...README_STYLE_OPTIONS, hideUploadButton: false } });
  const site = createServer((request, response) => {
    if (request.url === '/webchat.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle);
    } else {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(request.url === '/upload.html' ? withUpload : html);
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
    checks.noUploadButton = (await page.locator('.webchat__upload-button, input[type="file"]').count()) === 0;
    // Stacked: every option on screen at once, at least 44 px tall, long labels wrapped rather than cut off.
    const buttons = await suggested.evaluateAll((all) => all.map((b) => {
      const box = b.getBoundingClientRect();
      return { height: box.height, width: box.width, right: box.right, fits: b.scrollWidth <= b.clientWidth + 1 };
    }));
    result.suggestedActions = buttons;
    checks.suggestedActionsStackedAtLeast44px = buttons.length > 1 && buttons.every((b) => b.height >= 44 && b.right <= 420 && b.fits);
    // Scrolling stops at the top of a new answer, so its key (bold) line is on screen.
    // (Web Chat scrolls smoothly: first wait until the transcript has not moved between two looks half a second apart.)
    await page.waitForFunction(() => {
      const top = document.querySelector('.webchat__basic-transcript__scrollable').scrollTop;
      const resting = window.lastScrollTop === top;
      window.lastScrollTop = top;
      return resting;
    }, null, { polling: 500, timeout: 10000 });
    checks.newAnswerTopIsOnScreen = await answer.evaluate((e) =>
      e.getBoundingClientRect().top >= document.querySelector('.webchat__basic-transcript__scrollable').getBoundingClientRect().top - 1);
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

    // A photo sent anyway, with a question typed beside it: the photo is dropped unread, the bot says it cannot see
    // photos, and the question is still answered (not "Send failed").
    const upload = await browser.newPage({ viewport: { width: 420, height: 800 } });
    await upload.goto(new URL('/upload.html', siteUrl).href);
    await upload.locator('.webchat__basic-transcript').getByText(/anonymous/i).first().waitFor({ timeout: 20000 });
    const uploadBefore = await upload.locator(botBubbles).count();
    await upload.locator('input[type="file"]').setInputFiles({ name: 'wound.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(200 * 1024, 7) });
    // Web Chat attaches the file a moment later (it makes a thumbnail first); sending before that would send the text alone.
    await upload.locator('.webchat__attachment-icon--checked').waitFor({ timeout: 10000 });
    const uploadBox = upload.locator('[data-id="webchat-sendbox-input"]');
    await uploadBox.fill('how do i clean a wound');
    await uploadBox.press('Enter');
    await upload.waitForFunction(([selector, n]) => document.querySelectorAll(selector).length > n + 1, [botBubbles, uploadBefore], { timeout: 20000 })
      .catch(async (error) => {
        result.uploadTranscript = await upload.locator('.webchat__basic-transcript').innerText();
        await upload.screenshot({ path: path.join(screenshots, 'official-webchat-upload-failed.png') });
        throw error;
      });
    const replies = await upload.locator(botBubbles).evaluateAll((all, n) => all.slice(n).map((b) => b.innerText), uploadBefore);
    result.uploadReplies = replies;
    checks.uploadAnsweredCannotSeePhotos = /can['’]t see photos here: describe it in words/i.test(replies[0] ?? '');
    checks.uploadQuestionStillAnswered = replies.slice(1).some((r) => /wash|wound|soap/i.test(r));
    checks.uploadNotFailed = (await upload.getByText(/send failed|could not send/i).count()) === 0;
    await upload.screenshot({ path: path.join(screenshots, 'official-webchat-upload.png') });
  } finally {
    await browser.close();
    site.close();
  }
});
