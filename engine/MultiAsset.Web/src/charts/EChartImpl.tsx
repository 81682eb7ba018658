import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption } from './echarts';

/** One ECharts instance bound to a div; the option is applied (merged) on every change, resized with the box. */
export default function EChart({ option, height = 280, testId, ariaLabel }: {
  option: EChartsCoreOption; height?: number; testId?: string; ariaLabel?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    if (!el.current) return;
    let ro: ResizeObserver | undefined;
    try {
      chart.current = echarts.init(el.current, undefined, { renderer: 'canvas' });
      if (typeof ResizeObserver !== 'undefined') {
        ro = new ResizeObserver(() => chart.current?.resize());
        ro.observe(el.current);
      }
    } catch {
      chart.current = null; // e.g. no canvas (tests): the figures are in the tables beside every chart
    }
    return () => {
      ro?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  const last = useRef('');
  useEffect(() => {
    // Live data re-creates the option every second; redraw only when what it draws changed.
    const key = JSON.stringify(option);
    if (key === last.current && chart.current) return;
    last.current = key;
    try {
      // Live charts redraw every second or so: no transition animations (they would keep the main thread busy).
      chart.current?.setOption({ animation: false, ...option }, { notMerge: true, lazyUpdate: true });
    } catch {
      /* ignore a bad frame; the next update replaces it */
    }
  }, [option]);

  return <div ref={el} className="chart" style={{ height }} data-testid={testId} role="img" aria-label={ariaLabel} />;
}
