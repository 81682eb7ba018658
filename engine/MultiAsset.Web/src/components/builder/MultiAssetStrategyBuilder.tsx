import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Completions, ValidationError } from '../../api/types';
import { useLive } from '../../state/live';
import { useCaps } from '../../state/auth';
import AssetClassSelector from './AssetClassSelector';
import AllocationOptimizer from './AllocationOptimizer';
import RiskParameterConfig from './RiskParameterConfig';
import ExecutionRuleBuilder from './ExecutionRuleBuilder';
import BacktestingEngine from './BacktestingEngine';
import StrategyDeployment from './StrategyDeployment';
import { useValidation } from './useValidation';
import { emptyDraft, fromTemplate, setClasses, STRATEGY_TYPES, validateAllocation, validateLimits, type Draft } from './draft';

const FALLBACK_INDICATORS = ['price', 'mid', 'spread', 'return', 'momentum', 'volatility', 'zscore', 'vwap', 'correlation'];

/** Completions from the host, or (host without the endpoint) from the correlation universe and the documented language. */
export function useCompletions(): { completions: Completions | null; note: string | null } {
  const { data } = useLive(['correlation']);
  const [c, setC] = useState<Completions | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    api<Completions>('/strategies/completions').then(setC).catch(() => setMissing(true));
  }, []);
  const fallback = useMemo<Completions | null>(() => {
    if (!missing) return null;
    const corr = data.correlation;
    return {
      symbols: (corr?.instruments ?? []).map((s, i) => ({ symbol: s, assetClass: corr?.assetClasses?.[i] ?? '' })),
      indicators: FALLBACK_INDICATORS.map((name) => ({ name })),
      timeframes: ['1s', '1m', '1h', '1d'], keywords: ['AND', 'OR', 'NOT'],
      actions: [
        { verb: 'Increase', template: 'Increase ASSET_CLASS allocation by N%' }, { verb: 'Decrease', template: 'Decrease ASSET_CLASS allocation by N%' },
        { verb: 'Set', template: 'Set ASSET_CLASS allocation to N%' }, { verb: 'Initiate', template: 'Initiate carry trade [with ASSET_CLASS hedge]' },
        { verb: 'Buy', template: 'Buy SYMBOL' }, { verb: 'Sell', template: 'Sell SYMBOL' }, { verb: 'Close', template: 'Close SYMBOL | Close all' },
      ],
      assetClasses: ['STOCK', 'FOREX', 'CRYPTO'],
    };
  }, [missing, data.correlation]);
  return { completions: c ?? fallback, note: missing ? 'No /strategies/completions on this host: completions from the live correlation universe and the documented language.' : null };
}

/** The seed's MultiAssetStrategyBuilder: a draft built step by step, every step an API call a script could make. */
export default function MultiAssetStrategyBuilder() {
  const { data } = useLive(['accounts', 'strategies', 'correlation']);
  const { canTrade, accounts: scope } = useCaps();
  const accounts = (data.accounts ?? []).map((a) => a.key).filter((a) => !scope || scope.includes(a));
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(scope?.[0] ?? 'default'));
  const [serverErrors, setServerErrors] = useState<ValidationError[]>([]);
  const { completions, note: compNote } = useCompletions();
  const v = useValidation(draft, canTrade);
  const ruleErrors = v.note ? serverErrors : v.errors;
  const classOf = useMemo(() => {
    const m = new Map<string, string>();
    completions?.symbols.forEach((s) => m.set(s.symbol, s.assetClass.toUpperCase()));
    data.correlation?.instruments.forEach((s, i) => { const c = data.correlation?.assetClasses?.[i]; if (c && !m.has(s)) m.set(s, c); });
    return (s: string) => m.get(s);
  }, [completions, data.correlation]);
  const blockers = validateAllocation(draft).length + validateLimits(draft).length + (v.note ? 0 : v.errors.length);
  const templates = (data.strategies ?? []).filter((s) => !scope || scope.includes(s.account));

  const update = (d: Draft) => { setDraft(d); setServerErrors([]); };

  return (
    <div data-testid="MultiAssetStrategyBuilder">
      <section className="panel">
        <h2>Strategy</h2>
        <div className="row">
          <label>Start from <select data-testid="builder-template" value="" onChange={(e) => {
            const s = templates.find((t) => t.id === e.target.value);
            update(s ? fromTemplate(s) : emptyDraft(accounts[0] ?? 'default'));
          }}>
            <option value="">choose…</option>
            <option value="__empty">an empty draft</option>
            {templates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select></label>
        </div>
        <div className="row">
          <label>Id <input data-testid="builder-id" value={draft.id} onChange={(e) => update({ ...draft, id: e.target.value })} /></label>
          <label>Name <input data-testid="builder-name" value={draft.name} onChange={(e) => update({ ...draft, name: e.target.value })} /></label>
          <label>Type <select data-testid="builder-type" value={draft.type} onChange={(e) => update({ ...draft, type: e.target.value })}>{STRATEGY_TYPES.map((t) => <option key={t}>{t}</option>)}</select></label>
          <label>Account <select data-testid="builder-account" value={draft.account} onChange={(e) => update({ ...draft, account: e.target.value })}>
            {[...new Set([draft.account, ...accounts])].map((a) => <option key={a}>{a}</option>)}
          </select></label>
          <label>Instruments <input data-testid="builder-instruments" style={{ width: 260 }} value={(draft.instruments ?? []).join(', ')}
            onChange={(e) => update({ ...draft, instruments: e.target.value.split(/[,\s]+/).map((s) => s.trim().toUpperCase()).filter(Boolean) })} placeholder="BTCUSD, QQQ (optional)" /></label>
        </div>
        {compNote && <p className="note">⚠ {compNote}</p>}
      </section>
      <AssetClassSelector value={draft.assetClasses} onChange={(c) => update(setClasses(draft, c))} />
      <div className="grid2">
        <AllocationOptimizer draft={draft} setDraft={update} classOf={classOf} canTrade={canTrade} />
        <RiskParameterConfig draft={draft} setDraft={update} />
      </div>
      <ExecutionRuleBuilder draft={draft} setDraft={update} errors={ruleErrors} completions={completions} note={v.note} validating={v.validating} />
      <BacktestingEngine draft={draft} canRun={canTrade} />
      <StrategyDeployment draft={draft} canTrade={canTrade} blockers={blockers} onServerErrors={setServerErrors} />
    </div>
  );
}
