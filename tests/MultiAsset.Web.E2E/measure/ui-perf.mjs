// Measures the web UI against issue 17's performance goals on a real host (not a test: figures for the README).
//   node tests/MultiAsset.Web.E2E/measure/ui-perf.mjs [--seconds 15] [--rounds 2]
// 1. first paint and first meaningful paint (the strategy grid filled) of /monitor with the key already in the tab;
// 2. live updates per second reaching the page and dropped frames (frames > 50 ms) with 49 instruments and 10 strategies;
// 3. the engine's events/s (engine.fast.json: the feed as fast as it goes) with no browser and with three browsers open
//    on the monitor, alternating, from the mae_pipeline_stage_events_total counter.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Host, keys, repoDir } from '../support/host.mjs';
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

/** Reads GET /stream?interval=1000 as a browser does (fetch, body drained), until aborted. */
function openStream(host) {
  const controller = new AbortController();
  (async () => {
    const response = await fetch(`${host.url}/api/multi-asset/stream?interval=1000`, { headers: { 'X-Api-Key': keys.viewer }, signal: controller.signal });
    for await (const chunk of response.body) void chunk;
  })().catch(() => {});
  return controller;
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

// More strategies from the shipped documents (config/strategies/*.json) under new ids.
async function addStrategies(host, count) {
  const folder = join(repoDir, 'config/strategies');
  const files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
  for (let i = 0; i < count; i++) {
    const doc = JSON.parse(readFileSync(join(folder, files[i % files.length]), 'utf8'));
    const id = `${doc.id ?? files[i % files.length].replace('.json', '')}-x${i}`;
    await host.api('/strategies', keys.admin, { method: 'POST', body: JSON.stringify({ ...doc, id, name: `${doc.name} x${i}` }) });
    await host.api(`/strategies/${id}/deploy`, keys.admin, { method: 'PUT' });
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
    const withStreams = [];
    const withThree = [];
    for (let r = 0; r < rounds; r++) {
      without.push(await eventsPerSecond(fast));
      // The server's side alone: three stream readers as the browsers' (same reads, same rate), no rendering here.
      const streams = [openStream(fast), openStream(fast), openStream(fast)];
      withStreams.push(await eventsPerSecond(fast));
      streams.forEach((s) => s.abort());
      const pages = [await openMonitor(browser, fast), await openMonitor(browser, fast), await openMonitor(browser, fast)];
      withThree.push(await eventsPerSecond(fast));
      for (const p of pages) await p.context.close();
    }
    const f = (xs) => `${xs.map((x) => `${(x / 1e6).toFixed(2)} M`).join(', ')} (median ${(median(xs) / 1e6).toFixed(2)} M)`;
    console.log(`engine events/s, no client: ${f(without)}; three stream readers: ${f(withStreams)}; three Chromium pages on the monitor on the same 2 cores: ${f(withThree)}`);
  } finally {
    await fast.dispose();
  }
} finally {
  await browser.close();
}
