import { lazy, Suspense } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

// ECharts is the largest chunk (≈ 214 KB gz): pages render their tables first and the charts when it has loaded.
const EChartImpl = lazy(() => import('./EChartImpl'));

export interface EChartProps {
  option: EChartsCoreOption;
  height?: number;
  testId?: string;
  ariaLabel?: string;
}

export default function EChart(props: EChartProps) {
  const height = props.height ?? 280;
  return (
    <Suspense fallback={<div className="chart chart-loading" style={{ height }} aria-label={props.ariaLabel} />}>
      <EChartImpl {...props} />
    </Suspense>
  );
}
