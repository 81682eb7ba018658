// An operator's whole day in the browser, against a real host: build a strategy from scratch (a rule error shown
// inline at its line:column, then fixed), backtest it, create and deploy it, watch it trade in the monitor, run the
// stress tests and halt the desk with the kill switch. Screenshots of every page go to test-results/screenshots.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Host, keys, repoDir } from '../support/host.mjs';
import { hostAndBrowser, newPage, screenshot } from '../support/browser.mjs';
import { eventually, openPage, signIn, typeInEditor } from '../support/session.mjs';

const SEED_MONITOR = ['CrossAssetPortfolioMonitor', 'AssetAllocationChart', 'RiskMetricsDashboard', 'StrategyPerformanceGrid',
  'CrossAssetCorrelationMatrix', 'ExecutionQualityAnalyzer'];
const SEED_BUILDER = ['MultiAssetStrategyBuilder', 'AssetClassSelector', 'AllocationOptimizer', 'RiskParameterConfig',
  'ExecutionRuleBuilder', 'BacktestingEngine', 'StrategyDeployment'];

const shared = hostAndBrowser(Host);
// One page for the whole day, opened by the first test (the file's hooks have started the host and browser by then).
let host;
let page;

test('the monitor shows every seed component on live data', async () => {
  host = shared.host;
  page = await newPage(shared.browser);
  await signIn(page, host, keys.admin, 'admin');
  for (const id of SEED_MONITOR) await page.getByTestId(id).waitFor();
  // The shipped strategies trade: the grid lists them and the blotter fills up with their orders.
  await page.getByTestId('perf-row-crypto-tech-momentum').waitFor();
  await eventually(async () => (await page.getByTestId('blotter-row').count()) > 0, 'the blotter shows no orders');
  await page.locator('[data-testid="CrossAssetCorrelationMatrix"] canvas').first().waitFor();
  await screenshot(page, 'monitor-admin');
});

test('a strategy built from scratch: rule error inline, fixed, backtested, created, deployed, trading', async () => {
  await openPage(page, 'builder');
  for (const id of SEED_BUILDER) await page.getByTestId(id).waitFor();
  await page.getByTestId('builder-template').selectOption('__empty');
  await page.getByTestId('builder-id').fill('e2e-btc');
  await page.getByTestId('builder-name').fill('E2E BTC');
  await page.getByTestId('builder-type').selectOption('Correlation');
  await page.getByTestId('builder-instruments').fill('BTCUSD');
  await page.getByTestId('asset-class-CRYPTO').click();
  await page.getByTestId('band-CRYPTO-targetWeight').fill('100');
  await page.getByTestId('rule-add').click();

  // A typo: the validation endpoint answers as create would, and the editor marks the error where it is.
  await typeInEditor(page, 'rule-editor-0-trigger', 'BTCUSD zscore(1m) >> 0');
  await typeInEditor(page, 'rule-editor-0-action', 'Buy BTCUSD');
  // (The empty rule's own errors show first, then the typed trigger's, debounced.)
  const error = page.getByTestId('validate-error').filter({ hasText: /executionRules\[0\]\.trigger 1:\d+:/ }).first();
  await error.waitFor({ timeout: 15_000 });
  assert.match(await error.textContent(), /1:(1[89]|2\d): /);
  await screenshot(page, 'builder-rule-error');
  await typeInEditor(page, 'rule-editor-0-trigger', 'BTCUSD zscore(1m) > -10');
  await eventually(async () => (await page.getByTestId('validate-error').count()) === 0, 'the fixed rule still shows an error', 15_000);

  // The draft's backtest on the example minute bars, with progress, then its metrics and curves.
  await page.getByTestId('backtest-data').fill(`${repoDir}/docs/examples/backtests/bars/crypto-1m.csv`);
  await page.getByTestId('backtest-run').click();
  await eventually(async () => /succeeded/i.test(await page.getByTestId('backtest-status').textContent()), 'the backtest did not succeed', 120_000);
  await page.getByTestId('backtest-metrics').waitFor();
  await screenshot(page, 'builder-backtest');

  await page.getByTestId('strategy-create').click();
  await eventually(async () => /created/i.test((await page.getByTestId('deploy-result').textContent().catch(() => '')) ?? ''), 'create did not succeed', 15_000);
  await page.getByTestId('strategy-deploy').click();
  await eventually(async () => /deployed/i.test((await page.getByTestId('deploy-result').textContent().catch(() => '')) ?? ''), 'deploy did not succeed', 15_000);
  const created = await host.api('/strategies/e2e-btc', keys.viewer);
  assert.equal(created.status, 'Deployed');

  // It trades: its row in the performance grid counts orders (from the live stream).
  await openPage(page, 'monitor');
  const row = page.getByTestId('perf-row-e2e-btc');
  await row.waitFor({ timeout: 30_000 });
  await eventually(async () => {
    const orders = await host.api('/orders?strategy=e2e-btc', keys.viewer);
    return (Array.isArray(orders) ? orders : orders.orders ?? []).length > 0;
  }, 'the deployed strategy placed no order');
  await screenshot(page, 'monitor-after-deploy');
});

test('the risk dashboard: VaR, limits, stress tests, and the kill switch halts the desk', async () => {
  await openPage(page, 'risk');
  for (const id of ['RiskDashboard', 'VarPanel', 'LimitUsage', 'StressTests', 'AlertsPanel', 'KillSwitch']) await page.getByTestId(id).waitFor();
  await page.getByTestId('stress-run').click();
  await eventually(async () => (await page.getByTestId('stress-row').count()) > 0, 'no stress results');
  await screenshot(page, 'risk-admin');

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('kill-switch-button').click();
  await eventually(async () => (await host.api('/risk/analysis', keys.viewer)).globalKillSwitch === true, 'the kill switch did not halt the desk', 15_000);
  await eventually(async () => (await page.getByTestId('kill-switch-state').textContent()) === 'ON', 'the page does not show the halt', 15_000);
  await screenshot(page, 'risk-halted');
  assert.deepEqual(page.consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});
