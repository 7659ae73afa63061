// Shared by the browser scripts: headless Debian Chromium through playwright-core, with no network beyond what a test allows.
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const axeSource = await readFile(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

export const launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

/** Runs the checks, prints one JSON line, and exits 0 only when every check passed. */
export async function report(result, work) {
  result.checks = {};
  try {
    await work(result.checks, result);
  } catch (error) {
    result.error = String(error?.stack ?? error);
  }
  const names = Object.keys(result.checks);
  result.ok = !result.error && names.length > 0 && names.every((name) => result.checks[name] === true);
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(result.ok ? 0 : 1);
}

/**
 * axe-core on the page as it is now: WCAG 2.0, 2.1 and 2.2, levels A and AA, plus axe's best practices. The script is
 * evaluated through the DevTools protocol, so the page's Content-Security-Policy stays as strict as it is.
 * Returns the violations as short strings ("rule: target").
 */
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(axeSource);
  }
  const results = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'] },
    resultTypes: ['violations'],
  }));
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}
