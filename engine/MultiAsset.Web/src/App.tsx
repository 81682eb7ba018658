import { lazy, Suspense, useEffect } from 'react';
import { AuthProvider, useAuth } from './state/auth';
import { LiveProvider } from './state/live';
import SignIn from './components/SignIn';
import ConnectionBadge from './components/ConnectionBadge';
import ErrorBoundary from './components/ErrorBoundary';
import { navigate, usePath } from './router';

const CrossAssetPortfolioMonitor = lazy(() => import('./components/monitor/CrossAssetPortfolioMonitor'));
const MultiAssetStrategyBuilder = lazy(() => import('./components/builder/MultiAssetStrategyBuilder'));
const RiskDashboard = lazy(() => import('./components/risk/RiskDashboard'));

const PAGES = [
  { path: '/monitor', label: 'Portfolio monitor', testId: 'nav-monitor' },
  { path: '/builder', label: 'Strategy builder', testId: 'nav-builder' },
  { path: '/risk', label: 'Risk dashboard', testId: 'nav-risk' },
];

function Shell() {
  const { who, signOut, whoamiFallback, checking } = useAuth();
  const path = usePath();
  useEffect(() => {
    if (who && !PAGES.some((p) => p.path === path)) navigate('/monitor');
  }, [who, path]);
  if (!who) return checking ? <p className="muted pad">Checking key…</p> : <SignIn />;
  return (
    <LiveProvider scopeAccounts={who.accounts}>
      <header className="top">
        <strong className="brand">MultiAsset.Engine</strong>
        <nav>
          {PAGES.map((p) => (
            <a key={p.path} href={p.path} data-testid={p.testId} className={path === p.path ? 'active' : ''}
              onClick={(e) => { e.preventDefault(); navigate(p.path); }}>
              {p.label}
            </a>
          ))}
        </nav>
        <span className="spacer" />
        <ConnectionBadge />
        <span className="who" data-testid="whoami">
          {who.caller} · <b data-testid="role">{who.role}</b>
          {who.accounts ? ` · accounts: ${who.accounts.join(', ')}` : ''}
        </span>
        <button className="link" data-testid="signout" onClick={signOut}>Sign out</button>
      </header>
      {whoamiFallback && <p className="note">⚠ This host has no /whoami yet: role taken from /status; account scope unknown (the server still enforces it).</p>}
      <main>
        <ErrorBoundary name={path} key={path}>
          <Suspense fallback={<p className="muted pad">Loading…</p>}>
            {path === '/builder' ? <MultiAssetStrategyBuilder /> : path === '/risk' ? <RiskDashboard /> : <CrossAssetPortfolioMonitor />}
          </Suspense>
        </ErrorBoundary>
      </main>
    </LiveProvider>
  );
}

export default function App() {
  return (
    <AuthProvider>
      <Shell />
    </AuthProvider>
  );
}
