// Our page without signal: a message typed offline waits, says so (with the emergency number), and goes by itself when
// the phone is back online; a message held by the network says "Still sending…"; axe finds nothing at every step; an echo
// of the person's message that comes late (a reopened stream replays it) does not show it twice.
// Usage: node webchat/offline.mjs <baseUrl> <screenshot dir>
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launch, report, axe } from './browser.mjs';

const [baseUrl, screenshots = '.'] = process.argv.slice(2);
const shot = (page, name) => page.screenshot({ path: path.join(screenshots, `offline-${name}.png`) });

await report({ client: 'our page, offline' }, async (checks, result) => {
  await mkdir(screenshots, { recursive: true });
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true, locale: 'en-US' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(baseUrl);
    await page.locator('#log .bot').first().waitFor({ timeout: 30000 });
    await page.locator('#status:empty').waitFor({ state: 'attached', timeout: 20000 });

    // 1. The signal goes. The person types anyway.
    await context.setOffline(true);
    const input = page.getByLabel('Your question');
    await input.fill('where can i get narcan for free');
    await input.press('Enter');
    const status = page.locator('#status');
    await status.getByText('No connection').waitFor({ timeout: 10000 });
    checks.offlineNoticeSaysItWillSendAndGivesTheEmergencyNumber = /send it when you're back/i.test(await status.innerText())
      && (await status.locator('a[href="tel:911"]').count()) === 1;
    const mine = page.locator('#log .user').last();
    await mine.getByText('Waiting for a connection').waitFor({ timeout: 10000 });
    checks.messageWaitsVisibly = await mine.evaluate((e) => e.classList.contains('pending'));
    checks.noRetryButtonNeededOffline = (await mine.locator('.retry').count()) === 0;
    result.axeOffline = await axe(page);
    checks.axeFindsNothingOffline = result.axeOffline.length === 0;
    await shot(page, 'waiting');

    // 2. The signal comes back: the message goes by itself and the answer shows.
    const botsBefore = await page.locator('#log .bot').count();
    await context.setOffline(false);
    await page.waitForFunction((n) => document.querySelectorAll('#log .bot').length > n, botsBefore, { timeout: 30000 });
    const answer = page.locator('#log .bot').nth(botsBefore);
    checks.answerArrivesAfterTheSignalIsBack = /naloxone/i.test(await answer.innerText());
    await mine.locator('.state').waitFor({ state: 'detached', timeout: 10000 });
    checks.messageNoLongerWaiting = await mine.evaluate((e) => !e.classList.contains('pending') && !e.classList.contains('failed'));
    checks.noticeGoneWhenBackOnline = !/No connection/.test(await status.innerText());
    checks.sentOnce = (await page.locator('#log .user').count()) === 1;
    result.axeBackOnline = await axe(page);
    checks.axeFindsNothingBackOnline = result.axeBackOnline.length === 0;
    await shot(page, 'back-online');

    // 3. "Lie-fi": the network holds the message; after a few seconds the page says it is still sending, then it arrives.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(/\/activities$/, async (route) => {
      await held;
      await route.continue();
    });
    const before = await page.locator('#log .bot').count();
    await input.fill('how do i use the nasal spray');
    await input.press('Enter');
    const slow = page.locator('#log .user').last();
    await slow.getByText('Still sending').waitFor({ timeout: 15000 });
    checks.saysStillSendingWhenTheNetworkHoldsIt = true;
    await shot(page, 'still-sending');
    release();
    await page.waitForFunction((n) => document.querySelectorAll('#log .bot').length > n, before, { timeout: 30000 });
    checks.heldMessageIsAnswered = /spray|nostril|naloxone/i.test(await page.locator('#log .bot').nth(before).innerText());
    await page.unroute(/\/activities$/);

    checks.noScriptErrors = errors.length === 0;
    result.errors = errors;
    await context.close();

    // 4. A stream that reopens replays the person's own message after the post was already answered (seen after a
    //    signal comes back): the message still shows once. Here the stream holds every echo until the post has returned.
    const late = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-US' });
    const latePage = await late.newPage();
    let echoesHeld = 0;
    await latePage.routeWebSocket(/\/stream/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((frame) => {
        const set = typeof frame === 'string' && frame ? JSON.parse(frame) : null;
        if (set?.activities?.some((a) => a.from?.role === 'user')) {
          echoesHeld++;
          setTimeout(() => ws.send(frame), 1500);
        } else {
          ws.send(frame);
        }
      });
    });
    await latePage.goto(baseUrl);
    await latePage.locator('#log .bot').first().waitFor({ timeout: 30000 });
    const posted = latePage.waitForResponse((r) => r.request().method() === 'POST' && /\/activities$/.test(r.url()));
    await latePage.getByLabel('Your question').fill('where can i get narcan for free');
    await latePage.getByLabel('Your question').press('Enter');
    await posted;
    await latePage.waitForFunction(() => document.querySelectorAll('#log .bot').length > 1, null, { timeout: 30000 });
    await latePage.waitForTimeout(2500);
    checks.aLateEchoWasReallyHeld = echoesHeld >= 1;
    checks.lateEchoShowsTheMessageOnce = (await latePage.locator('#log .user').count()) === 1;
    await late.close();
  } finally {
    await browser.close();
  }
});
