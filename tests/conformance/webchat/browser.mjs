// Shared by the browser scripts: headless Debian Chromium through playwright-core, with no network beyond what a test allows.
import { chromium } from 'playwright-core';

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
