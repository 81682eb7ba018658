import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import App from './App';
import { mockFetch, fixtures } from './test/helpers';

const reads = {
  'GET /status': () => ({ body: fixtures.status }),
  'GET /strategies': () => ({ body: fixtures.strategies }),
  'GET /accounts': () => ({ body: fixtures.accounts }),
  'GET /orders': () => ({ body: fixtures.orders }),
  'GET /fills': () => ({ body: fixtures.fills }),
  'GET /risk/analysis': () => ({ body: fixtures.risk }),
  'GET /risk/correlation': () => ({ body: fixtures.correlation }),
  'GET /execution/quality': () => ({ body: fixtures.execution }),
};

describe('sign-in and shell', () => {
  it('signs in with a key kept in sessionStorage, shows the role, and signs out', { timeout: 20000 }, async () => {
    const { calls } = mockFetch({ ...reads, 'GET /whoami': () => ({ body: { caller: 'dev-viewer', role: 'viewer', accounts: null, canTrade: false, canAdmin: false } }) });
    render(<App />);
    fireEvent.change(screen.getByTestId('signin-key'), { target: { value: 'mae-dev-viewer-key' } });
    fireEvent.click(screen.getByTestId('signin-submit'));
    await waitFor(() => expect(screen.getByTestId('role')).toHaveTextContent('viewer'));
    expect(sessionStorage.getItem('mae.apiKey')).toBe('mae-dev-viewer-key');
    expect(localStorage.length).toBe(0);
    expect(calls.every((c) => c.headers['X-Api-Key'] === 'mae-dev-viewer-key')).toBe(true);
    await waitFor(() => expect(screen.getByTestId('CrossAssetPortfolioMonitor')).toBeInTheDocument(), { timeout: 8000 }); // lazy chunk
    // the stream answered 404 in this mock: the badge says so, the page polls
    await waitFor(() => expect(screen.getByTestId('connection-state')).toHaveAttribute('data-state', 'unavailable'));
    expect(screen.queryByTestId('kill-switch-button')).toBeNull();
    fireEvent.click(screen.getByTestId('nav-risk'));
    await waitFor(() => expect(screen.getByTestId('RiskDashboard')).toBeInTheDocument(), { timeout: 8000 }); // lazy chunk
    expect(screen.queryByTestId('kill-switch-button')).toBeNull();
    fireEvent.click(screen.getByTestId('signout'));
    expect(screen.getByTestId('signin-key')).toBeInTheDocument();
    expect(sessionStorage.getItem('mae.apiKey')).toBeNull();
  });

  it('falls back to /status for the role when the host has no /whoami, and says so', async () => {
    mockFetch({ ...reads });
    render(<App />);
    fireEvent.change(screen.getByTestId('signin-key'), { target: { value: 'mae-dev-admin-key' } });
    fireEvent.click(screen.getByTestId('signin-submit'));
    await waitFor(() => expect(screen.getByTestId('role')).toHaveTextContent('admin'));
    expect(screen.getByText(/no \/whoami yet/)).toBeInTheDocument();
  });

  it('refuses an unknown key with a message', async () => {
    mockFetch({ 'GET /whoami': () => ({ status: 401, body: { title: 'Unauthorized', status: 401 } }) });
    render(<App />);
    fireEvent.change(screen.getByTestId('signin-key'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByTestId('signin-submit'));
    await waitFor(() => expect(screen.getByTestId('signin-error')).toHaveTextContent('401'));
    expect(sessionStorage.getItem('mae.apiKey')).toBeNull();
  });
});
