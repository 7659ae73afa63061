// Time to greeting on the built-in page over DevTools' "Slow 3G" profile (2,000 ms latency, 50,000 B/s each way)
// with the CPU slowed 4x, on a 360x740 phone. Not a test: it prints the numbers for docs/performance.md.
// Usage: node perf/time-to-greeting.mjs <baseUrl> [runs=5]
// Prints one JSON line: first contentful paint, first paint that names the emergency number, and the greeting, per run
// and as medians, all on the page's clock (ms since navigation start).
import { launch } from '../webchat/browser.mjs';

const [baseUrl, runsArg = '5'] = process.argv.slice(2);
const runs = Number(runsArg);
const median = (values) => { const s = [...values].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const browser = await launch();
const results = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: 'en-US' });
    const page = await context.newPage();
    // Watches the page from its first byte: when a bot message, and when text naming the emergency number, first show.
    await page.addInitScript(() => {
      window.timings = {};
      new MutationObserver(() => {
        if (!window.timings.greeting && document.querySelector('#log .bot, #log li')) { window.timings.greeting = performance.now(); }
        if (!window.timings.emergencyLine && /911/.test(document.body?.innerText ?? '')) { window.timings.emergencyLine = performance.now(); }
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 2000, downloadThroughput: 50000, uploadThroughput: 50000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(baseUrl, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.timings.greeting, null, { timeout: 120000, polling: 100 });
    const run = await page.evaluate(() => ({
      firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      emergencyLine: window.timings.emergencyLine,
      greeting: window.timings.greeting,
    }));
    results.push(Object.fromEntries(Object.entries(run).map(([k, v]) => [k, Math.round(v)])));
    await context.close();
  }
} finally {
  await browser.close();
}

const keys = ['firstContentfulPaint', 'emergencyLine', 'greeting'];
process.stdout.write(JSON.stringify({ baseUrl, runs: results, median: Object.fromEntries(keys.map((k) => [k, median(results.map((r) => r[k]))])) }) + '\n');
