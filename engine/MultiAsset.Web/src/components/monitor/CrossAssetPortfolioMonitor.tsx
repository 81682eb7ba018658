import AssetAllocationChart from './AssetAllocationChart';
import RiskMetricsDashboard from './RiskMetricsDashboard';
import StrategyPerformanceGrid from './StrategyPerformanceGrid';
import CrossAssetCorrelationMatrix from './CrossAssetCorrelationMatrix';
import ExecutionQualityAnalyzer from './ExecutionQualityAnalyzer';
import OrdersFillsBlotter from './OrdersFillsBlotter';
import { useLive } from '../../state/live';
import ErrorBoundary from '../ErrorBoundary';

/** The seed's CrossAssetPortfolioMonitor: every panel reads the live store (REST at start, then the stream). */
export default function CrossAssetPortfolioMonitor() {
  const { data } = useLive(['status']);
  return (
    <div data-testid="CrossAssetPortfolioMonitor">
      <p className="muted">Engine: <b data-testid="engine-status">{data.status?.engine ?? '—'}</b> · strategies {data.status?.strategies ?? '—'}, deployed {data.status?.deployed ?? '—'}</p>
      <ErrorBoundary name="RiskMetricsDashboard"><RiskMetricsDashboard /></ErrorBoundary>
      <ErrorBoundary name="StrategyPerformanceGrid"><StrategyPerformanceGrid /></ErrorBoundary>
      <div className="grid2">
        <ErrorBoundary name="AssetAllocationChart"><AssetAllocationChart /></ErrorBoundary>
        <ErrorBoundary name="ExecutionQualityAnalyzer"><ExecutionQualityAnalyzer /></ErrorBoundary>
      </div>
      <ErrorBoundary name="CrossAssetCorrelationMatrix"><CrossAssetCorrelationMatrix /></ErrorBoundary>
      <ErrorBoundary name="OrdersFillsBlotter"><OrdersFillsBlotter /></ErrorBoundary>
    </div>
  );
}
