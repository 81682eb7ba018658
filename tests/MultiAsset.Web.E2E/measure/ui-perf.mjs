// Measures the web UI against issue 17's performance goals on a real host (not a test: figures for the README).
//   node tests/MultiAsset.Web.E2E/measure/ui-perf.mjs [--seconds 15] [--rounds 2]
// 1. first paint and first meaningful paint (the strategy grid filled) of /monitor with the key already in the tab;
// 2. live updates per second reaching the page and dropped frames (frames > 50 ms) with 49 instruments and 10 strategies;
// 3. the engine's events/s (engine.fast.json: the feed as fast as it goes) with no browser and with three browsers open
//    on the monitor, alternating, from the mae_pipeline_stage_events_total counter.
import { parseArgs } from 'node:util';
import { Host, keys } from '../support/host.mjs';
import { launchBrowser } from '../support/browser.mjs';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, rounds: { type: 'string', default: '2' } } });
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function openMonitor(browser, host) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript((key) => sessionStorage.setItem('mae.apiKey', key), keys.viewer);
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(`${host.url}/monitor`);
  await page.locator('[data-testid^="perf-row-"]').first().waitFor({ timeout: 60_000 });
  const meaningful = Date.now() - start;
  const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  return { context, page, meaningful, paint };
}

async function engineEvents(host) {
  const text = await (await fetch(`${host.url}/metrics`, { headers: { 'X-Api-Key': keys.viewer } })).text();
  const line = text.split('\n').find((l) => l.startsWith('mae_pipeline_stage_events_total') && l.includes('stage="engine"'));
  return Number(line.split(' ').at(-1));
}

async function eventsPerSecond(host) {
  const a = await engineEvents(host);
  const t = Date.now();
  await sleep(seconds * 1000);
  return (await engineEvents(host) - a) / ((Date.now() - t) / 1000);
}

async function addStrategies(host, count) {
  const shipped = await host.api('/strategies', keys.admin);
  for (let i = 0; i < count; i++) {
    const s = shipped[i % shipped.length];
    const doc = { id: `${s.id}-x${i}`, name: `${s.name} x${i}`, type: s.type, account: s.account, assetClasses: s.assetClasses,
      allocation: s.allocation.map((b) => Object.fromEntries(Object.entries(b).filter(([, v]) => v !== null))),
      riskParameters: s.riskParameters, executionRules: s.executionRules,
      rebalancingRules: s.rebalancingRules.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null))),
      ...(s.instruments ? { instruments: s.instruments } : {}), ...(s.parameters ? { parameters: s.parameters } : {}) };
    await host.api('/strategies', keys.admin, { method: 'POST', body: JSON.stringify(doc) });
    await host.api(`/strategies/${doc.id}/deploy`, keys.admin, { method: 'PUT' });
  }
}

const browser = await launchBrowser();
try {
  // 1 and 2: the shipped desk (49 instruments, 7 strategies) plus 3 more = 10 strategies.
  const desk = await Host.start();
  try {
    await addStrategies(desk, 3);
    const cold = await openMonitor(browser, desk);
    await cold.context.close();
    const warm = await openMonitor(browser, desk);
    console.log(`first contentful paint ${warm.paint?.toFixed(0)} ms; strategy grid filled ${warm.meaningful} ms after navigation (first load ${cold.meaningful} ms)`);
    const live = await warm.page.evaluate(async (ms) => {
      const grid = document.querySelector('[data-testid="StrategyPerformanceGrid"]');
      let mutations = 0;
      let lastBatch = 0;
      const batches = [];
      new MutationObserver(() => {
        const now = performance.now();
        if (now - lastBatch > 100) { batches.push(now); lastBatch = now; }
        mutations++;
      }).observe(grid, { subtree: true, childList: true, characterData: true });
      let frames = 0, long = 0, last = performance.now();
      const end = last + ms;
      await new Promise((done) => {
        const tick = (now) => { frames++; if (now - last > 50) long++; last = now; if (now < end) requestAnimationFrame(tick); else done(); };
        requestAnimationFrame(tick);
      });
      return { updatesPerSecond: batches.length / (ms / 1000), frames, long, seconds: ms / 1000 };
    }, seconds * 1000);
    const strategies = (await desk.api('/strategies', keys.viewer)).length;
    console.log(`${strategies} strategies: grid updated ${live.updatesPerSecond.toFixed(2)} times/s; ${live.frames} frames in ${live.seconds} s, ${live.long} longer than 50 ms`);
    await warm.context.close();
  } finally {
    await desk.dispose();
  }

  // 3: the engine as fast as it goes, with and without three browsers on the monitor.
  const fast = await Host.start({ configName: 'engine.fast.json' });
  try {
    await sleep(3000);
    const without = [];
    const withThree = [];
    for (let r = 0; r < rounds; r++) {
      without.push(await eventsPerSecond(fast));
      const pages = [await openMonitor(browser, fast), await openMonitor(browser, fast), await openMonitor(browser, fast)];
      withThree.push(await eventsPerSecond(fast));
      for (const p of pages) await p.context.close();
    }
    const f = (x) => `${(x / 1e6).toFixed(2)} M`;
    console.log(`engine events/s, no browser: ${without.map(f).join(', ')} (median ${f(median(without))}); three browsers on the monitor: ${withThree.map(f).join(', ')} (median ${f(median(withThree))})`);
  } finally {
    await fast.dispose();
  }
} finally {
  await browser.close();
}
