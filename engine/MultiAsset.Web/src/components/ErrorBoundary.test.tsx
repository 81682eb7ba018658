import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import ErrorBoundary from './ErrorBoundary';

function Broken(): never {
  throw new Error('no accounts');
}

describe('ErrorBoundary', () => {
  it('shows a failing panel as an error and leaves its neighbours alone', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(<div><ErrorBoundary name="AssetAllocationChart"><Broken /></ErrorBoundary><p>neighbour</p></div>);
    expect(screen.getByTestId('error-AssetAllocationChart')).toHaveTextContent('This panel failed to render: no accounts');
    expect(screen.getByText('neighbour')).toBeInTheDocument();
  });
});
