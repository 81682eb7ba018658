import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLive } from '../../state/live';
import { useCaps } from '../../state/auth';
import { price, qty, money, time } from '../../format';
import type { Fill, Order } from '../../api/types';

export interface BlotterFilter { account: string; strategy: string; symbol: string; status: string; side: string }
const NONE: BlotterFilter = { account: '', strategy: '', symbol: '', status: '', side: '' };

export function filterRows<T extends { account: string; strategy: string | null; symbol: string; side: string; status?: string }>(rows: T[], f: BlotterFilter): T[] {
  const sym = f.symbol.trim().toUpperCase();
  return rows.filter((r) =>
    (!f.account || r.account === f.account) && (!f.strategy || (r.strategy ?? 'operator') === f.strategy) &&
    (!sym || r.symbol.toUpperCase().includes(sym)) && (!f.side || r.side === f.side) && (!f.status || r.status === f.status));
}

const ROW_H = 26;
const ORDER_COLS = '60px 150px 44px 170px 80px 36px 100px 100px 100px 110px 110px 170px';
const FILL_COLS = '60px 60px 150px 170px 80px 44px 100px 100px 110px 110px 60px 170px';

/** Orders and fills, newest first, filtered, virtualised (only the visible window of rows is in the DOM). */
export default function OrdersFillsBlotter({ orders: ordersProp, fills: fillsProp, height = 420 }: { orders?: Order[]; fills?: Fill[]; height?: number }) {
  const live = useLive(['orders', 'fills']);
  const { accounts: scope } = useCaps();
  const orders = ordersProp ?? live.data.orders;
  const fills = fillsProp ?? live.data.fills;
  const [tab, setTab] = useState<'orders' | 'fills'>('orders');
  const [f, setF] = useState<BlotterFilter>(NONE);
  const all = tab === 'orders' ? orders : fills;
  const scoped = useMemo(() => (scope ? (all as (Order | Fill)[]).filter((r) => scope.includes(r.account)) : all), [all, scope]);
  const rows = useMemo(() => filterRows(scoped as (Order & Fill)[], tab === 'fills' ? { ...f, status: '' } : f), [scoped, f, tab]);
  const options = useMemo(() => {
    const uniq = (k: (r: Order | Fill) => string | null | undefined) => [...new Set((scoped as (Order | Fill)[]).map(k).filter(Boolean) as string[])].sort();
    return { accounts: uniq((r) => r.account), strategies: uniq((r) => r.strategy ?? 'operator'), statuses: uniq((r) => (r as Order).status) };
  }, [scoped]);

  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: rows.length, getScrollElement: () => parent.current, estimateSize: () => ROW_H, overscan: 10,
    initialRect: { width: 1200, height },
    // The box has a fixed height; where layout reports none (jsdom, a hidden tab) use it rather than render no rows.
    observeElementRect: (instance, cb) => {
      const el = instance.scrollElement as HTMLElement | null;
      if (!el) return undefined;
      const report = () => {
        const r = el.getBoundingClientRect();
        cb({ width: r.width || 1200, height: r.height || height });
      };
      report();
      if (typeof ResizeObserver === 'undefined') return undefined;
      const ro = new ResizeObserver(report);
      ro.observe(el);
      return () => ro.disconnect();
    },
  });
  const set = (k: keyof BlotterFilter) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const cols = tab === 'orders' ? ORDER_COLS : FILL_COLS;

  return (
    <section className="panel" data-testid="OrdersFillsBlotter">
      <h2>Blotter <span className="unit">quantities in units, prices in the quote currency, fees in the fee currency, times UTC</span></h2>
      <div className="row tabs">
        <button data-testid="blotter-tab-orders" className={tab === 'orders' ? 'active' : ''} onClick={() => setTab('orders')}>Orders ({orders.length})</button>
        <button data-testid="blotter-tab-fills" className={tab === 'fills' ? 'active' : ''} onClick={() => setTab('fills')}>Fills ({fills.length})</button>
        <select data-testid="filter-account" value={f.account} onChange={set('account')}><option value="">all accounts</option>{options.accounts.map((a) => <option key={a}>{a}</option>)}</select>
        <select data-testid="filter-strategy" value={f.strategy} onChange={set('strategy')}><option value="">all strategies</option>{options.strategies.map((a) => <option key={a}>{a}</option>)}</select>
        <input data-testid="filter-symbol" placeholder="symbol" value={f.symbol} onChange={set('symbol')} style={{ width: 90 }} />
        {tab === 'orders' && <select data-testid="filter-status" value={f.status} onChange={set('status')}><option value="">all statuses</option>{options.statuses.map((a) => <option key={a}>{a}</option>)}</select>}
        <select data-testid="filter-side" value={f.side} onChange={set('side')}><option value="">both sides</option><option value="buy">buy</option><option value="sell">sell</option></select>
        <span className="muted" data-testid="blotter-count">{rows.length} rows</span>
      </div>
      <div className="blotter" ref={parent} style={{ height }} data-testid="blotter-scroll">
        <div className="vhead" style={{ gridTemplateColumns: cols }}>
          {tab === 'orders'
            ? ['Id', 'Account', 'Side', 'Strategy', 'Symbol', 'Cls', 'Qty', 'Filled', 'Avg price', 'Status', 'Fees', 'Created'].map((h) => <span key={h}>{h}</span>)
            : ['Id', 'Order', 'Account', 'Strategy', 'Symbol', 'Side', 'Qty', 'Price', 'Fee', 'Venue', 'Liq.', 'Time'].map((h) => <span key={h}>{h}</span>)}
        </div>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((vi) => {
            const r = rows[vi.index];
            const style = { transform: `translateY(${vi.start}px)`, height: ROW_H, gridTemplateColumns: cols };
            if (tab === 'orders') {
              const o = r as Order;
              return (
                <div key={o.id} className="vrow" style={style} data-testid="blotter-row">
                  <span>{o.id}</span><span>{o.account}</span><span className={o.side === 'buy' ? 'pos' : 'neg'}>{o.side}</span><span>{o.strategy ?? 'operator'}</span>
                  <span>{o.symbol}</span><span>{o.assetClass?.slice(0, 2)}</span><span>{qty(o.quantity)}</span><span>{qty(o.filledQuantity)}</span>
                  <span>{price(o.averagePrice)}</span><span>{o.status}</span><span>{money(o.fees)} {o.currency}</span><span>{time(o.createdAt)}</span>
                </div>
              );
            }
            const x = r as Fill;
            return (
              <div key={x.id} className="vrow" style={style} data-testid="blotter-row">
                <span>{x.id}</span><span>{x.orderId}</span><span>{x.account}</span><span>{x.strategy ?? 'operator'}</span><span>{x.symbol}</span>
                <span className={x.side === 'buy' ? 'pos' : 'neg'}>{x.side}</span><span>{qty(x.quantity)}</span><span>{price(x.price)}</span>
                <span>{money(x.fee)} {x.currency}</span><span>{x.venue}</span><span>{x.liquidity}</span><span>{time(x.time)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
