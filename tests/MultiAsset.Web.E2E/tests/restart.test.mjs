// The UI after a host restart: the stream drops, the badge says so, and when the host is back (a new process: a new
// instance id in the stream's hello) the page reconnects by itself and resynchronises — nobody reloads it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Host, keys } from '../support/host.mjs';
import { hostAndBrowser, newPage, screenshot } from '../support/browser.mjs';
import { eventually, signIn } from '../support/session.mjs';

const shared = hostAndBrowser(Host);

test('the page reconnects and resynchronises after a host restart', async () => {
  const page = await newPage(shared.browser);
  await signIn(page, shared.host, keys.admin, 'admin');
  await page.getByTestId('perf-row-crypto-tech-momentum').waitFor();

  await shared.host.stop();
  await eventually(async () => (await page.getByTestId('connection-state').getAttribute('data-state')) !== 'live', 'the badge still says live with the host down', 30_000);
  await shared.host.launch();
  // Back on the new process: the badge says the host restarted and the page resynchronised.
  await eventually(async () => /restarted/.test(await page.getByTestId('connection-state').textContent()), 'the page did not notice the restart', 60_000);
  assert.match(await page.getByTestId('connection-state').getAttribute('data-state'), /^(restarted|live)$/);
  // Still signed in, and the data is the new process's (the grid is filled again from the stream).
  await page.getByTestId('perf-row-crypto-tech-momentum').waitFor();
  await screenshot(page, 'monitor-after-restart');
});
