// Our page for people who use a screen reader, a keyboard, large text or a Spanish phone, and for someone in an emergency:
// axe-core finds nothing (start, after a conversation, with a failed message, in dark mode); the first paint already
// helps; emergencies stand out with a call link; the controls follow the conversation's language; 200 % zoom and
// the largest Android font keep Quick exit on screen with no sideways scrolling; Quick exit blanks the page at once.
// Usage: node webchat/accessibility.mjs <baseUrl> <screenshot dir>
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launch, report, axe } from './browser.mjs';

const [baseUrl, screenshots = '.'] = process.argv.slice(2);
const EXIT_URL = 'https://www.google.com/search?q=weather';
const shot = (page, name) => page.screenshot({ path: path.join(screenshots, `a11y-${name}.png`) });
const bots = (page) => page.locator('#log .bot');

async function phone(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: 'en-US', ...options });
  await context.route(EXIT_URL, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>weather</title><p>Weather</p>' }));
  const page = await context.newPage();
  return { context, page };
}

async function open(page) {
  const response = await page.goto(baseUrl);
  await bots(page).first().waitFor({ timeout: 30000 });
  await page.locator('#actions button').first().waitFor({ timeout: 20000 });
  return response;
}

async function ask(page, text) {
  const before = await bots(page).count();
  const input = page.locator('#input');
  await input.fill(text);
  await input.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('#log .bot').length > n, before, { timeout: 20000 });
  return bots(page).nth(before);
}

/** Nothing wider than the screen, and the Quick exit button whole on it. */
const fitsTheScreen = (page) => page.evaluate(() => {
  const exit = document.getElementById('exit').getBoundingClientRect();
  const root = document.documentElement;
  return root.scrollWidth <= root.clientWidth && exit.left >= 0 && exit.right <= root.clientWidth && exit.top >= 0 && exit.height >= 44;
});

await report({ client: 'our page, accessibility' }, async (checks, result) => {
  await mkdir(screenshots, { recursive: true });
  const browser = await launch();
  try {
    // 1. First paint, before any script has run: who we are and what to do in an emergency, in the HTML itself.
    const { context, page } = await phone(browser);
    await page.route(/\/chat\.js/, (route) => route.abort());
    const response = await page.goto(baseUrl);
    checks.pageIsNeverStored = response.headers()['cache-control'] === 'no-store';
    const intro = page.locator('.intro');
    checks.firstPaintSaysAnonymousAutomatedAndEmergency = /Anonymous and automated/.test(await intro.innerText())
      && (await intro.locator('a[href="tel:911"]').count()) === 1;
    checks.firstPaintIsHonestAboutHistory = /History still lists this site/.test(await intro.innerText());
    await shot(page, 'first-paint');
    await page.unroute(/\/chat\.js/);

    // 2. axe at the start, light.
    await open(page);
    result.axeStart = await axe(page);
    checks.axeFindsNothingAtStart = result.axeStart.length === 0;

    // 3. A tapped suggestion sends without opening the soft keyboard over the answer.
    const before = await bots(page).count();
    await page.locator('#actions button').nth(1).tap();
    await page.waitForFunction((n) => document.querySelectorAll('#log .bot').length > n, before, { timeout: 20000 });
    checks.tapDoesNotFocusTheInput = await page.evaluate(() => document.activeElement?.id !== 'input');
    // ...while the keyboard goes back to the box.
    await page.locator('#actions button').first().focus();
    const beforeKey = await bots(page).count();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('#log .bot').length > n, beforeKey, { timeout: 20000 });
    checks.keyboardGoesBackToTheInput = await page.evaluate(() => document.activeElement?.id === 'input');

    // 4. A conversation: an answer, a Spanish question (the controls follow), an emergency.
    await ask(page, 'how do i use narcan');
    const spanish = await ask(page, '¿dónde consigo naloxona gratis?');
    checks.spanishMessageMarkedSpanish = (await spanish.getAttribute('lang')) === 'es';
    checks.controlsFollowSpanish = (await page.locator('.send').innerText()).trim() === 'Enviar'
      && (await page.locator('html').getAttribute('lang')) === 'es'
      && (await page.locator('#input').getAttribute('placeholder')) === 'Escribe tu pregunta';
    await shot(page, 'spanish');
    const emergency = await ask(page, 'my friend is blue and not breathing');
    checks.englishMessageMarkedEnglish = (await emergency.getAttribute('lang')) === 'en';
    checks.controlsFollowBackToEnglish = (await page.locator('.send').innerText()).trim() === 'Send';
    checks.emergencyStandsOut = await emergency.evaluate((e) => e.classList.contains('urgent'));
    checks.emergencyAnnouncedAssertively = (await emergency.locator('[role="alert"]').count()) === 1;
    const call = emergency.locator('a.call');
    checks.emergencyHasABigCallButton = (await call.getAttribute('href')) === 'tel:911' && (await call.boundingBox()).height >= 44;
    checks.emergencyTextLinksTheNumber = (await emergency.locator('[role="alert"] p a[href="tel:911"]').count()) > 0;
    checks.onlyTheFirstEmergencyMessageHasTheButton = (await page.locator('#log a.call').count()) === 1;
    await emergency.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot(page, 'emergency');
    checks.pageItselfNeverScrolls = await page.evaluate(() => document.scrollingElement.scrollHeight <= window.innerHeight + 1);
    result.axeConversation = await axe(page);
    checks.axeFindsNothingAfterAConversation = result.axeConversation.length === 0;

    // 5. A message the server refuses: a big "try again" button, not under the box; axe in light and dark.
    await page.route(/\/activities$/, (route) => route.fulfill({ status: 400, contentType: 'application/json', body: '{"error":{"code":"BadArgument","message":"no"}}' }));
    await page.locator('#input').fill('is this thing on');
    await page.locator('#input').press('Enter');
    const retry = page.locator('#log .user .retry').last();
    await retry.waitFor({ timeout: 10000 });
    const [retryBox, composerBox] = [await retry.boundingBox(), await page.locator('#composer').boundingBox()];
    checks.retryIsAtLeast44pxTall = retryBox.height >= 44;
    checks.retryIsNotUnderTheComposer = retryBox.y + retryBox.height <= composerBox.y;
    await shot(page, 'failed');
    result.axeFailed = await axe(page);
    checks.axeFindsNothingWithAFailedMessage = result.axeFailed.length === 0;
    await page.emulateMedia({ colorScheme: 'dark' });
    result.axeFailedDark = await axe(page);
    checks.axeFindsNothingWithAFailedMessageInDarkMode = result.axeFailedDark.length === 0;
    await shot(page, 'failed-dark');
    await page.unroute(/\/activities$/);
    const beforeRetry = await bots(page).count();
    await retry.tap();
    await page.waitForFunction((n) => document.querySelectorAll('#log .bot').length > n, beforeRetry, { timeout: 20000 });
    checks.retrySends = (await page.locator('#log .user .retry').count()) === 0;
    await context.close();

    // 6. Dark mode from the start, and after an emergency.
    const dark = await phone(browser, { colorScheme: 'dark' });
    await open(dark.page);
    result.axeDarkStart = await axe(dark.page);
    checks.axeFindsNothingInDarkModeAtStart = result.axeDarkStart.length === 0;
    await ask(dark.page, 'she wont wake up and her lips are blue');
    result.axeDarkEmergency = await axe(dark.page);
    checks.axeFindsNothingInDarkModeAfterAnEmergency = result.axeDarkEmergency.length === 0;
    await shot(dark.page, 'dark-emergency');
    await dark.context.close();

    // 7. A Spanish phone: Spanish controls and greeting from the first paint.
    const es = await phone(browser, { locale: 'es-US' });
    await open(es.page);
    checks.spanishVisitorGetsSpanishControls = (await es.page.locator('html').getAttribute('lang')) === 'es'
      && (await es.page.locator('#exit').innerText()).trim() === 'Salida rápida'
      && /Emergencia: llama al 911/.test(await es.page.locator('.intro').innerText());
    checks.spanishVisitorIsGreetedInSpanish = (await bots(es.page).first().getAttribute('lang')) === 'es';
    result.axeSpanish = await axe(es.page);
    checks.axeFindsNothingInSpanish = result.axeSpanish.length === 0;
    await es.context.close();

    // 8. 200 % zoom on a 360 px phone (180 CSS px) and the largest Android font (32 px).
    const zoomed = await phone(browser, { viewport: { width: 180, height: 370 }, deviceScaleFactor: 4 });
    await open(zoomed.page);
    checks.zoom200KeepsQuickExitWholeAndNoSidewaysScroll = await fitsTheScreen(zoomed.page);
    await ask(zoomed.page, 'where can i get fentanyl test strips');
    checks.zoom200AnswerHasNoSidewaysScroll = await fitsTheScreen(zoomed.page);
    await shot(zoomed.page, 'zoom200');
    await zoomed.context.close();
    const bigFont = await phone(browser);
    const cdp = await bigFont.context.newCDPSession(bigFont.page);
    await cdp.send('Page.enable');
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    await open(bigFont.page);
    checks.largestFontKeepsQuickExitWholeAndNoSidewaysScroll = await fitsTheScreen(bigFont.page);
    await shot(bigFont.page, 'font200');
    await bigFont.context.close();

    // 9. Quick exit on a slow network: the page is blank and the half-typed text gone before the next page arrives.
    const slow = await phone(browser);
    let arrive;
    const exitLoads = new Promise((resolve) => { arrive = resolve; });
    await slow.context.unroute(EXIT_URL);
    await slow.context.route(EXIT_URL, async (route) => {
      await exitLoads;
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>weather</title><p>Weather</p>' });
    });
    await open(slow.page);
    await slow.page.locator('#input').fill('my boyfriend hits me when');
    // The click and the look at the page in one go: what is on screen right after the tap, while the next page loads.
    const blank = await slow.page.evaluate(() => {
      document.getElementById('exit').click();
      return {
        input: document.getElementById('input').value,
        hidden: getComputedStyle(document.body).visibility === 'hidden',
        messages: document.querySelectorAll('#log li').length,
      };
    });
    checks.quickExitBlanksAtOnce = blank.input === '' && blank.hidden && blank.messages === 0;
    arrive();
    await slow.page.waitForURL(EXIT_URL);
    await slow.context.close();
  } finally {
    await browser.close();
  }
});
