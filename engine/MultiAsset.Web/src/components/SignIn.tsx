import { useState, type FormEvent } from 'react';
import { useAuth } from '../state/auth';

/** Sign-in: an API key, kept in sessionStorage only (gone when the tab closes), checked against /whoami. */
export default function SignIn() {
  const { signIn, checking, error } = useAuth();
  const [key, setKey] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (key.trim()) void signIn(key.trim());
  };
  return (
    <div className="signin" data-testid="SignIn">
      <form onSubmit={submit} className="card">
        <h1>MultiAsset.Engine</h1>
        <p className="muted">Sign in with a control-API key. It is held for this browser tab only (sessionStorage) and sent as <code>X-Api-Key</code> on every call.</p>
        <label>
          API key
          <input data-testid="signin-key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} autoFocus />
        </label>
        <button data-testid="signin-submit" type="submit" disabled={checking || !key.trim()}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
        {error && <p className="error" data-testid="signin-error" role="alert">{error}</p>}
      </form>
    </div>
  );
}
