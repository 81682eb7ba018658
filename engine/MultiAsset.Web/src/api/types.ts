export type Role = 'viewer' | 'trader' | 'admin';
export type AssetClass = 'STOCK' | 'FOREX' | 'CRYPTO';
export const ASSET_CLASSES: AssetClass[] = ['STOCK', 'FOREX', 'CRYPTO'];

export interface WhoAmI {
  caller: string;
  role: Role;
  accounts: string[] | null;
  canTrade: boolean;
  canAdmin: boolean;
}

export interface AllocationBand {
  assetClass: AssetClass;
  targetWeight: number;
  minWeight: number;
  maxWeight: number;
  rebalanceThreshold?: number | null;
}

export interface ClassLimit {
  maxAllocation?: number | null;
  maxDrawdown?: number | null;
  maxLeverage?: number | null;
  stopLossThreshold?: number | null;
}

export interface ExecutionRule {
  trigger: string;
  action: string;
}

export interface RebalancingRule {
  type: string;
  condition: string;
  action: string;
  intervalSeconds?: number | null;
}

export interface StrategyDoc {
  id?: string;
  name: string;
  type: string;
  account?: string;
  assetClasses: AssetClass[];
  instruments?: string[];
  allocation: AllocationBand[];
  riskParameters: { assetClassLimits?: Partial<Record<AssetClass, ClassLimit>> };
  executionRules: ExecutionRule[];
  rebalancingRules: RebalancingRule[];
  parameters?: Record<string, unknown>;
}

export interface StrategyView extends StrategyDoc {
  id: string;
  account: string;
  status: string;
  capital?: { sharePercent: number; amount: number; canTrade: boolean; reason: string | null };
  stats?: Record<string, number>;
}

export interface PerformanceRow {
  strategy: string;
  name: string;
  account: string;
  status: string;
  baseCurrency: string;
  realised: number;
  unrealised: number;
  fees: number;
  total: number;
  grossExposure?: number | null;
  netExposure?: number | null;
  orders: number;
  fills: number;
  refusals: number;
  riskRefusals: number;
  venueRejects: number;
  capitalShare: number;
}

export interface Order {
  id: number;
  account: string;
  strategy: string | null;
  symbol: string;
  assetClass?: string;
  side: 'buy' | 'sell';
  quantity: number;
  type?: string;
  algorithm?: string;
  reason?: string;
  status: string;
  riskVerdict?: string;
  filledQuantity: number;
  remainingQuantity?: number;
  averagePrice: number | null;
  fees?: number;
  currency?: string;
  createdAt: string;
  updatedAt?: string;
}

export interface Fill {
  id: number;
  orderId: number;
  account: string;
  strategy: string | null;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  price: number;
  fee: number;
  currency: string;
  venue: string;
  liquidity?: string;
  time: string;
}

export interface Alert {
  id: number | string;
  time: string;
  kind: string;
  severity: string;
  account?: string | null;
  strategy?: string | null;
  message: string;
  values?: Record<string, unknown>;
}

export interface ComponentVaR {
  assetClass: string;
  componentVaR: number;
  share: number;
}

export interface PortfolioRisk {
  totalVaR?: number;
  expectedShortfall?: number;
  componentVaR?: ComponentVaR[];
  correlationRisk?: number;
  concentrationRisk?: number;
  method?: string;
  confidence?: number;
  horizon?: number;
  standaloneVaRSum?: number;
  diversificationBenefit?: number;
  byAssetClass?: { name: string; componentVaR: number; componentExpectedShortfall?: number; standaloneVaR?: number; grossExposure?: number }[];
  correlation?: { stressedCorrelation: number; currentVaR: number; stressedVaR: number; value: number };
  concentration?: {
    grossExposure: number;
    byInstrument?: { hhi: number; effectiveNumber: number; top: { name: string; share: number }[]; topShare: number };
    byAssetClass?: { hhi: number; effectiveNumber: number; top: { name: string; share: number }[]; topShare: number };
  };
}

export interface RiskAccount {
  account: string;
  baseCurrency: string;
  equity: number;
  grossExposure: number;
  leverage: number;
  drawdown: number;
  dailyPnl: number;
  exposureByAssetClass: Record<string, number>;
  halted: boolean;
  verdicts?: Record<string, number>;
  portfolioRisk?: PortfolioRisk | null;
  riskNote?: string;
  assetClassLimits?: Record<string, ClassLimit | null>;
}

export interface RiskReport {
  globalKillSwitch: boolean;
  haltedAccounts: string[];
  verdicts: Record<string, number>;
  accounts: RiskAccount[];
  strategies?: { strategy: string; account: string; capitalShare: number; capital: number; classes: Record<string, ClassLimit & { exposure: number; pnl: number }> }[];
  riskModel?: { method: string; confidence: number; horizonSeconds: number; covarianceIntervals?: number; asOf?: string };
  firm?: { currency: string; portfolioRisk?: PortfolioRisk | null };
}

export interface Correlation {
  asOf?: string;
  instruments: string[];
  assetClasses?: string[];
  correlation: (number | null)[][];
  warm?: boolean;
  breaks?: { a?: string; b?: string; [k: string]: unknown }[];
}

export interface QualityRow {
  key: string;
  orders: number;
  fills: number;
  orderedNotional?: number;
  filledNotional: number;
  fillRate: number;
  slippageVsArrivalBps: number | null;
  implementationShortfallBps: number | null;
  shortfall?: { delay: number; execution: number; fees: number; opportunity: number; total: number };
  latency?: { decisionToAck?: { p50Micros: number; p95Micros: number }; ackToFirstFill?: { p50Micros: number; p95Micros: number } };
}

export interface ExecutionQuality {
  overall: QualityRow;
  byStrategy: QualityRow[];
  byAssetClass: QualityRow[];
  byAlgorithm: QualityRow[];
  byVenue: QualityRow[];
}

export interface AccountView {
  id: number;
  key: string;
  name: string;
  baseCurrency: string;
  equity: number;
  grossExposure: number;
  netExposure: number;
  leverage: number;
  drawdown: number;
  dailyPnl: number;
  realisedPnl: number;
  unrealisedPnl: number;
  fees: number;
  exposureByAssetClass?: { assetClass: string; gross: number; net: number }[];
}

export interface CompletionAction {
  verb: string;
  template?: string;
  description?: string;
}

export interface Completions {
  symbols: { symbol: string; assetClass: string; tradable?: boolean }[];
  aliases?: { alias: string; symbol: string }[];
  indicators: { name: string; signature?: string; description?: string; aliases?: string[]; takesTimeframe?: boolean }[];
  timeframes: string[];
  defaultTimeframe?: string;
  keywords: string[];
  comparisons?: string[];
  /** The host sends {verb, template, description}; plain strings are accepted too. */
  actions: (string | CompletionAction)[];
  assetClasses: string[];
}

export interface ValidationError {
  field: string;
  line?: number | null;
  column?: number | null;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

export interface BacktestJob {
  id: string;
  status: string; // queued | running | succeeded | failed | cancelled
  progress?: number | null;
  createdAt?: string;
  error?: string | null;
  summary?: string | null;
  result?: Record<string, unknown> | null;
  [k: string]: unknown;
}
