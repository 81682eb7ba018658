// What a viewer and an account-scoped trader see: the UI never offers what the server would refuse, and a scoped key
// sees only its own accounts (the server enforces both regardless of the UI: checked here through the API too).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Host, keys, scopedAccount } from '../support/host.mjs';
import { hostAndBrowser, newPage, screenshot } from '../support/browser.mjs';
import { eventually, openPage, signIn } from '../support/session.mjs';

const shared = hostAndBrowser(Host);

test('a viewer sees the desk but no order, deploy, stop, flatten or kill-switch control', async () => {
  const page = await newPage(shared.browser);
  await signIn(page, shared.host, keys.viewer, 'viewer');
  await page.getByTestId('StrategyPerformanceGrid').waitFor();
  await page.getByTestId('perf-row-crypto-tech-momentum').waitFor();
  assert.equal(await page.locator('[data-testid^="stop-"], [data-testid^="flatten-"], [data-testid^="deploy-"]').count(), 0);
  await screenshot(page, 'monitor-viewer');

  await openPage(page, 'risk');
  await page.getByTestId('VarPanel').waitFor();
  assert.equal(await page.getByTestId('kill-switch-button').count(), 0);
  assert.equal(await page.getByTestId('stress-run').count(), 0);
  await screenshot(page, 'risk-viewer');

  await openPage(page, 'builder');
  await page.getByTestId('MultiAssetStrategyBuilder').waitFor();
  assert.equal(await page.getByTestId('strategy-create').count(), 0);
  assert.equal(await page.getByTestId('strategy-deploy').count(), 0);
  await screenshot(page, 'builder-viewer');

  // The server refuses a viewer's command whatever the UI shows.
  const refused = await fetch(`${shared.host.url}/api/multi-asset/kill-switch`, {
    method: 'POST', headers: { 'X-Api-Key': keys.viewer, 'Content-Type': 'application/json' }, body: JSON.stringify({ enabled: true }),
  });
  assert.equal(refused.status, 403);
});

test('a scoped key sees only its accounts', async () => {
  const page = await newPage(shared.browser);
  await signIn(page, shared.host, keys.scoped, 'trader');
  assert.match(await page.getByTestId('whoami').textContent(), new RegExp(`accounts: ${scopedAccount}`));
  const options = await eventually(async () => {
    const values = await page.getByTestId('allocation-account').locator('option').allTextContents();
    return values.length > 0 ? values : null;
  }, 'no account in the allocation chart', 30_000);
  assert.deepEqual(options, [scopedAccount]);
  await eventually(async () => (await page.getByTestId('blotter-row').count()) > 0, 'the scoped blotter is empty');
  const accounts = await page.getByTestId('blotter-row').evaluateAll((rows) => rows.map((r) => r.textContent));
  assert.ok(accounts.every((text) => text.includes(scopedAccount)), `a row of another account: ${accounts.find((t) => !t.includes(scopedAccount))}`);
  assert.deepEqual((await shared.host.api('/accounts', keys.scoped)).map((a) => a.key), [scopedAccount]);
  await screenshot(page, 'monitor-scoped');
});
