import type { RiskAccount } from '../../api/types';

export interface LimitUsage {
  account: string;
  assetClass: string;
  measure: 'allocation' | 'leverage' | 'drawdown';
  value: number; // fraction (allocation, drawdown) or × (leverage)
  limit: number;
  usage: number; // value / limit
}

/**
 * Limit usage per account and class from /risk/analysis: allocation = class gross exposure ÷ equity against
 * maxAllocation (fraction), class leverage the same ratio against maxLeverage (×), the account's drawdown (fraction of
 * peak) against each class's maxDrawdown. Near-limit is ≥ 80 % of a limit.
 */
export function limitUsage(accounts: RiskAccount[]): LimitUsage[] {
  const out: LimitUsage[] = [];
  for (const a of accounts) {
    for (const [cls, lim] of Object.entries(a.assetClassLimits ?? {})) {
      if (!lim) continue;
      const exp = Math.abs(a.exposureByAssetClass?.[cls] ?? 0);
      const share = a.equity > 0 ? exp / a.equity : 0;
      if (lim.maxAllocation) out.push({ account: a.account, assetClass: cls, measure: 'allocation', value: share, limit: lim.maxAllocation, usage: share / lim.maxAllocation });
      if (lim.maxLeverage) out.push({ account: a.account, assetClass: cls, measure: 'leverage', value: share, limit: lim.maxLeverage, usage: share / lim.maxLeverage });
      if (lim.maxDrawdown) out.push({ account: a.account, assetClass: cls, measure: 'drawdown', value: a.drawdown, limit: lim.maxDrawdown, usage: a.drawdown / lim.maxDrawdown });
    }
  }
  return out;
}

export const NEAR_LIMIT = 0.8;
