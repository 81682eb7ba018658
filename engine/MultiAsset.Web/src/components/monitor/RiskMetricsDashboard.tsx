import { useLive } from '../../state/live';
import { money0, pctFrac, num, int } from '../../format';
import Note from '../Note';

/** The headline risk figures: firm (or the key's accounts) VaR, ES, correlation and concentration risk, kill switches. */
export default function RiskMetricsDashboard() {
  const { data, notes } = useLive(['risk', 'accounts']);
  const r = data.risk;
  const firm = r?.firm?.portfolioRisk;
  const ccy = r?.firm?.currency ?? r?.accounts?.[0]?.baseCurrency ?? '';
  const sum = (f: (a: NonNullable<typeof r>['accounts'][number]) => number | undefined) =>
    (r?.accounts ?? []).reduce((s, a) => s + (f(a) ?? 0), 0);
  const varTotal = firm?.totalVaR ?? sum((a) => a.portfolioRisk?.totalVaR);
  const es = firm?.expectedShortfall ?? sum((a) => a.portfolioRisk?.expectedShortfall);
  const refused = r?.verdicts ? Object.entries(r.verdicts).filter(([k]) => k !== 'Accepted').reduce((s, [, v]) => s + v, 0) : undefined;
  const conf = r?.riskModel?.confidence;
  const horizon = r?.riskModel ? `${num(r.riskModel.horizonSeconds / 86400, 2)} d` : '';
  const equity = (data.accounts ?? []).reduce((s, a) => s + (a.baseCurrency === 'USD' ? a.equity : 0), 0);
  return (
    <section className="panel" data-testid="RiskMetricsDashboard">
      <h2>Risk summary <span className="unit">{firm ? 'firm, USD' : 'sum over your accounts, base currency'} · {r?.riskModel?.method ?? ''} {conf ? pctFrac(conf, 0) : ''} {horizon}</span></h2>
      <Note text={notes.risk} />
      <div className="kpis">
        <div className="kpi"><div className="v" data-testid="kpi-var">{money0(varTotal)}</div><div className="l">VaR ({ccy})</div></div>
        <div className="kpi"><div className="v" data-testid="kpi-es">{money0(es)}</div><div className="l">Expected shortfall ({ccy})</div></div>
        <div className="kpi"><div className="v">{money0(firm?.correlationRisk)}</div><div className="l">Correlation risk ({ccy}, VaR at ρ = 1 − VaR)</div></div>
        <div className="kpi"><div className="v">{num(firm?.concentrationRisk, 3)}</div><div className="l">Concentration (HHI by instrument, 0–1)</div></div>
        <div className="kpi"><div className="v">{money0(equity || undefined)}</div><div className="l">Equity of USD accounts (USD)</div></div>
        <div className="kpi"><div className="v" data-testid="kpi-killswitch">{r ? (r.globalKillSwitch ? 'ON' : 'off') : '—'}</div><div className="l">Global kill switch</div></div>
        <div className="kpi"><div className="v">{r ? (r.haltedAccounts?.length ? r.haltedAccounts.join(', ') : 'none') : '—'}</div><div className="l">Halted accounts</div></div>
        <div className="kpi"><div className="v">{int(r?.verdicts?.Accepted)} / {int(refused)}</div><div className="l">Risk verdicts: accepted / refused (orders)</div></div>
      </div>
    </section>
  );
}
