// One set of number formats for the whole UI (en-US grouping, fixed decimals), each figure labelled with its unit.

const cache = new Map<string, Intl.NumberFormat>();
function nf(min: number, max: number): Intl.NumberFormat {
  const k = `${min}:${max}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max });
    cache.set(k, f);
  }
  return f;
}

const DASH = '—';
const ok = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Money in a currency: 1,234.56 USD (2 decimals). */
export function money(v: number | null | undefined, ccy?: string): string {
  if (!ok(v)) return DASH;
  return ccy ? `${nf(2, 2).format(v)} ${ccy}` : nf(2, 2).format(v);
}
/** Money without decimals for large figures (VaR, exposure). */
export function money0(v: number | null | undefined, ccy?: string): string {
  if (!ok(v)) return DASH;
  return ccy ? `${nf(0, 0).format(v)} ${ccy}` : nf(0, 0).format(v);
}
/** A fraction shown as a percent: 0.1234 → 12.34 %. */
export function pctFrac(v: number | null | undefined, digits = 2): string {
  if (!ok(v)) return DASH;
  return `${nf(digits, digits).format(v * 100)} %`;
}
/** A value already in percent: 12.3 → 12.30 %. */
export function pct(v: number | null | undefined, digits = 2): string {
  if (!ok(v)) return DASH;
  return `${nf(digits, digits).format(v)} %`;
}
export function bps(v: number | null | undefined): string {
  if (!ok(v)) return DASH;
  return `${nf(2, 2).format(v)} bps`;
}
export function num(v: number | null | undefined, digits = 2): string {
  if (!ok(v)) return DASH;
  return nf(digits, digits).format(v);
}
export function qty(v: number | null | undefined): string {
  if (!ok(v)) return DASH;
  return nf(0, 8).format(v);
}
export function int(v: number | null | undefined): string {
  if (!ok(v)) return DASH;
  return nf(0, 0).format(v);
}
export function price(v: number | null | undefined): string {
  if (!ok(v)) return DASH;
  const abs = Math.abs(v);
  return abs >= 1000 ? nf(2, 2).format(v) : abs >= 1 ? nf(2, 5).format(v) : nf(4, 8).format(v);
}
export function micros(v: number | null | undefined): string {
  if (!ok(v)) return DASH;
  return v >= 1000 ? `${nf(1, 1).format(v / 1000)} ms` : `${nf(0, 0).format(v)} µs`;
}
export function time(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().replace('T', ' ').slice(0, 19) + 'Z';
}
export function signClass(v: number | null | undefined): string {
  return !ok(v) || v === 0 ? '' : v > 0 ? 'pos' : 'neg';
}
