// The staff page (GET /staff) in headless Chromium, as a staff member uses it: type the token, see the knowledge
// version served, the report and the review queue, and try a question in the test pane.
// Usage: node webchat/staff-page.mjs <baseUrl> <token> <screenshot dir>
import path from 'node:path';
import { launch, report } from './browser.mjs';

const [baseUrl, token, screenshots = '.'] = process.argv.slice(2);
const origin = new URL(baseUrl).origin;
const QUESTION = 'where can i get narcan';

await report({ script: 'staff-page' }, async (checks) => {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const foreign = [];
    const errors = [];
    const cookies = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) { return route.continue(); }
      foreign.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => { if (message.type() === 'error' && !message.text().includes('401')) { errors.push(message.text()); } });
    page.on('response', async (response) => {
      const headers = await response.allHeaders();
      if (headers['set-cookie']) { cookies.push(response.url()); }
    });

    const response = await page.goto(new URL('/staff', baseUrl).href);
    const csp = response.headers()['content-security-policy'] || '';
    checks.cspIsStrict = csp.includes("script-src 'self'") && csp.includes("default-src 'none'") && !csp.includes('unsafe');
    checks.lockedAtFirst = await page.locator('#staff').isHidden() && await page.getByLabel('Staff token').isVisible();

    // A wrong token: the page says so and shows nothing.
    await page.getByLabel('Staff token').fill('not-the-token-0123456789');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.locator('#unlock-error').waitFor({ state: 'visible', timeout: 10000 });
    checks.wrongTokenRefused = (await page.locator('#unlock-error').textContent()).includes('not right') && await page.locator('#staff').isHidden();

    // The right one: the knowledge version, the report and the review queue.
    await page.getByLabel('Staff token').fill(token);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.locator('#staff').waitFor({ state: 'visible', timeout: 10000 });
    await page.waitForFunction(() => /version [0-9a-f]{12}/.test(document.getElementById('serving').textContent), null, { timeout: 10000 });
    checks.knowledgeVersionShown = /entries, version [0-9a-f]{12} loaded /.test(await page.locator('#serving').textContent());
    checks.statusShown = (await page.locator('#status').textContent()) === 'Healthy';
    await page.waitForFunction(() => document.getElementById('report-text').textContent.startsWith('Gaps report'), null, { timeout: 10000 });
    checks.reportShown = true;
    await page.waitForFunction(() => document.getElementById('review-text').textContent.startsWith('Review queue'), null, { timeout: 10000 });
    checks.reviewQueueShown = true;
    checks.tokenFieldCleared = (await page.getByLabel('Staff token').inputValue()) === '';
    checks.tokenFormHidden = await page.locator('#unlock').isHidden();

    // The test pane.
    await page.getByRole('textbox', { name: 'Question' }).fill(QUESTION);
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.waitForFunction(() => document.getElementById('explanation').textContent.includes('decision:'), null, { timeout: 20000 });
    const reply = await page.locator('#reply').textContent();
    checks.replyShown = /naloxone/i.test(reply) && !reply.startsWith('Asking');
    const explanation = await page.locator('#explanation').textContent();
    checks.explanationShown = explanation.includes('read as: "where can i get naloxone"') && explanation.includes('decision: answer');
    checks.outcomeShown = (await page.locator('#outcome').textContent()).includes('answer: naloxone-where-to-get');
    await page.screenshot({ path: path.join(screenshots, 'staff-page.png'), fullPage: true });

    // Nothing kept in the browser; nothing from elsewhere; no CSP violations or script errors.
    checks.noCookies = cookies.length === 0 && (await context.cookies()).length === 0;
    checks.nothingStoredInTheBrowser = await page.evaluate(() => localStorage.length === 0 && sessionStorage.length === 0);
    checks.nothingFromAnotherOrigin = foreign.length === 0;
    checks.noErrors = errors.length === 0;
    if (errors.length) { console.error(errors.join('\n')); }

    // Lock forgets the token: the data goes away with it.
    await page.getByRole('button', { name: 'Lock' }).click();
    checks.lockForgets = await page.locator('#staff').isHidden() && (await page.locator('#reply').textContent()) === '';
  } finally {
    await browser.close();
  }
});
