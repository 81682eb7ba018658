// Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work here). The flags keep
// Chromium off the network this machine does not have (background networking, component updates, sync).
import { mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { repoDir } from './host.mjs';

export const screenshotDir = join(repoDir, 'tests/MultiAsset.Web.E2E/test-results/screenshots');

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A fresh page (its own context: session storage is per context) that records console errors. */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (message) => { if (message.type() === 'error') page.consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => page.consoleErrors.push(String(error)));
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Registers before/after hooks for a test file that starts its own host and browser, and returns the object they
 * fill: `{ host, browser }` (read them inside the tests, after the hooks ran).
 */
export function hostAndBrowser(Host) {
  const shared = {};
  before(async () => {
    shared.host = await Host.start();
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.host?.dispose();
  });
  return shared;
}
