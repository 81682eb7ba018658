import '@testing-library/jest-dom/vitest';
import { afterEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';

// ECharts needs a canvas; jsdom has none. Charts are replaced by a div carrying the option's series, so tests can
// still assert what would be drawn.
vi.mock('../charts/EChart', () => ({
  default: ({ option, testId, ariaLabel }: { option: { series?: { name?: string; data?: unknown[] }[] }; testId?: string; ariaLabel?: string }) => {
    const series = (option.series ?? []).map((s) => ({ name: s.name, n: s.data?.length ?? 0 }));
    return <div data-testid={testId ?? 'echart'} aria-label={ariaLabel} data-series={JSON.stringify(series)} />;
  },
}));

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

// CodeMirror measures text; jsdom has no layout.
if (!document.createRange().getClientRects) {
  Range.prototype.getClientRects = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => ({ x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON() {} }) as DOMRect;
}
