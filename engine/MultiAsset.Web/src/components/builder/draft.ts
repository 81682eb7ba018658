import type { AllocationBand, AssetClass, ClassLimit, StrategyDoc, StrategyView, ValidationError } from '../../api/types';

export const STRATEGY_TYPES = ['Momentum', 'MeanReversion', 'Pairs', 'Correlation', 'Arbitrage', 'SmaCross'];
export const REBALANCE_TYPES = ['Threshold', 'Time', 'Volatility', 'Momentum'];
export const REBALANCE_ACTIONS = ['Rebalance', 'HedgeRisk', 'TakeProfit'];

export interface Draft extends StrategyDoc {
  id: string;
  account: string;
}

export function emptyDraft(account = 'default'): Draft {
  return {
    id: 'my-strategy', name: 'My strategy', type: 'Correlation', account, assetClasses: [], instruments: [],
    allocation: [], riskParameters: { assetClassLimits: {} }, executionRules: [], rebalancingRules: [],
  };
}

/** An existing strategy as the start of a new draft: its document fields only, under a new id. */
export function fromTemplate(s: StrategyView): Draft {
  return {
    id: `${s.id}-copy`, name: `${s.name} (copy)`, type: s.type, account: s.account,
    assetClasses: [...s.assetClasses], instruments: [...(s.instruments ?? [])],
    allocation: s.allocation.map((b) => ({ ...b })),
    riskParameters: { assetClassLimits: JSON.parse(JSON.stringify(s.riskParameters?.assetClassLimits ?? {})) },
    executionRules: s.executionRules.map((r) => ({ ...r })),
    rebalancingRules: s.rebalancingRules.map((r) => ({ ...r })),
    ...(s.parameters ? { parameters: JSON.parse(JSON.stringify(s.parameters)) } : {}),
  };
}

/** Drops null / NaN members: the strategy views carry `rebalanceThreshold: null`, which create refuses. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v)))) as T;
}

/** The JSON a script would POST to /strategies (and /strategies/validate). */
export function toDocument(d: Draft): StrategyDoc & { id: string; account: string } {
  const limits: Partial<Record<AssetClass, ClassLimit>> = {};
  for (const [c, l] of Object.entries(d.riskParameters.assetClassLimits ?? {})) if (l) limits[c as AssetClass] = defined(l);
  const doc: StrategyDoc & { id: string; account: string } = {
    id: d.id, name: d.name, type: d.type, account: d.account, assetClasses: d.assetClasses,
    allocation: d.allocation.map(defined), riskParameters: { ...d.riskParameters, assetClassLimits: limits },
    executionRules: d.executionRules, rebalancingRules: d.rebalancingRules.map(defined),
  };
  if (d.instruments && d.instruments.length) doc.instruments = d.instruments;
  if (d.parameters && Object.keys(d.parameters).length) doc.parameters = d.parameters;
  return doc;
}

/** Selecting a class adds a band (and a limits row); deselecting removes them. */
export function setClasses(d: Draft, classes: AssetClass[]): Draft {
  const allocation: AllocationBand[] = classes.map((c) =>
    d.allocation.find((b) => b.assetClass === c) ?? { assetClass: c, targetWeight: 0, minWeight: 0, maxWeight: 100, rebalanceThreshold: 5 });
  const limits: Partial<Record<AssetClass, ClassLimit>> = {};
  for (const c of classes) limits[c] = d.riskParameters.assetClassLimits?.[c] ?? { maxAllocation: 100, maxDrawdown: 10, maxLeverage: 1, stopLossThreshold: 5 };
  return { ...d, assetClasses: classes, allocation, riskParameters: { ...d.riskParameters, assetClassLimits: limits } };
}

/** The allocation rules the API applies: each band 0 ≤ min ≤ target ≤ max ≤ 100, one band per selected class, targets sum to 100. */
export function validateAllocation(d: Pick<Draft, 'allocation' | 'assetClasses'>): ValidationError[] {
  const errs: ValidationError[] = [];
  d.allocation.forEach((b, i) => {
    const f = `allocation[${i}]`;
    for (const k of ['minWeight', 'targetWeight', 'maxWeight'] as const) {
      if (!Number.isFinite(b[k])) errs.push({ field: `${f}.${k}`, message: `${b.assetClass}: ${k} must be a number` });
      else if (b[k] < 0 || b[k] > 100) errs.push({ field: `${f}.${k}`, message: `${b.assetClass}: ${k} must be within 0–100 %` });
    }
    if (b.minWeight > b.targetWeight) errs.push({ field: `${f}.minWeight`, message: `${b.assetClass}: min ${b.minWeight} % is above target ${b.targetWeight} %` });
    if (b.targetWeight > b.maxWeight) errs.push({ field: `${f}.maxWeight`, message: `${b.assetClass}: target ${b.targetWeight} % is above max ${b.maxWeight} %` });
    if (!d.assetClasses.includes(b.assetClass)) errs.push({ field: `${f}.assetClass`, message: `${b.assetClass} is not a selected asset class` });
  });
  for (const c of d.assetClasses) if (!d.allocation.some((b) => b.assetClass === c)) errs.push({ field: 'allocation', message: `no band for ${c}` });
  const sum = d.allocation.reduce((s, b) => s + (Number.isFinite(b.targetWeight) ? b.targetWeight : 0), 0);
  if (d.allocation.length > 0 && Math.abs(sum - 100) > 1e-6) errs.push({ field: 'allocation', message: `targets sum to ${+sum.toFixed(4)} %, not 100 %` });
  return errs;
}

export function validateLimits(d: Draft): ValidationError[] {
  const errs: ValidationError[] = [];
  for (const [c, l] of Object.entries(d.riskParameters.assetClassLimits ?? {})) {
    for (const [k, v] of Object.entries(l ?? {})) {
      if (v === null || v === undefined) continue;
      if (!Number.isFinite(v) || v < 0) errs.push({ field: `riskParameters.assetClassLimits.${c}.${k}`, message: `${c} ${k} must be a number ≥ 0` });
      else if (k !== 'maxLeverage' && v > 100) errs.push({ field: `riskParameters.assetClassLimits.${c}.${k}`, message: `${c} ${k} is a percent (0–100)` });
    }
  }
  return errs;
}

/** Instrument weights (fractions) from POST /optimize summed by asset class, in percent, rounded so they sum to 100. */
export function weightsByClass(weights: Record<string, number>, classOf: (symbol: string) => string | undefined): Record<string, number> {
  const sums: Record<string, number> = {};
  let total = 0;
  for (const [sym, w] of Object.entries(weights)) {
    const c = classOf(sym);
    if (!c || !Number.isFinite(w)) continue;
    sums[c] = (sums[c] ?? 0) + Math.max(0, w);
    total += Math.max(0, w);
  }
  if (total <= 0) return {};
  const out: Record<string, number> = {};
  for (const [c, v] of Object.entries(sums)) out[c] = Math.round((v / total) * 10000) / 100;
  const keys = Object.keys(out);
  const diff = Math.round((100 - keys.reduce((s, k) => s + out[k], 0)) * 100) / 100;
  if (keys.length && diff !== 0) {
    const big = keys.reduce((a, b) => (out[a] >= out[b] ? a : b));
    out[big] = Math.round((out[big] + diff) * 100) / 100;
  }
  return out;
}

/** Optimiser targets into the bands: target = weight; a band that would not contain it is widened to it. */
export function applyWeights(d: Draft, byClass: Record<string, number>): Draft {
  return {
    ...d,
    allocation: d.allocation.map((b) => {
      const t = byClass[b.assetClass] ?? 0;
      return { ...b, targetWeight: t, minWeight: Math.min(b.minWeight, t), maxWeight: Math.max(b.maxWeight, t) };
    }),
  };
}

/**
 * Errors in a create (or validate) problem's detail: lines such as
 * "strategy: executionRules[0].trigger: 2:2: unknown symbol 'FOO'" become {field, line, column, message}.
 */
export function errorsFromProblemDetail(detail: string | undefined, field?: string): ValidationError[] {
  if (!detail) return [];
  const out: ValidationError[] = [];
  for (const raw of detail.split('\n')) {
    const line = raw.replace(/^\s*-\s*/, '').replace(/^strategy:\s*/, '').trim();
    if (!line || /^\d+ configuration errors?:?$/.test(line)) continue;
    const m = /^([A-Za-z][\w.]*(?:\[\d+\][\w.]*)*):\s*(?:(\d+):(\d+):\s*)?(.*)$/.exec(line);
    if (m) out.push({ field: m[1], line: m[2] ? +m[2] : null, column: m[3] ? +m[3] : null, message: m[4] });
    else out.push({ field: field ?? '$', message: line });
  }
  return out;
}
