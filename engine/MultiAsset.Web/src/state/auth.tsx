import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, getApiKey, setApiKey } from '../api/client';
import type { Role, WhoAmI } from '../api/types';

export interface AuthState {
  who: WhoAmI | null;
  /** True when the host has no /whoami yet and the role came from /status. */
  whoamiFallback: boolean;
  checking: boolean;
  error: string | null;
  signIn(key: string): Promise<boolean>;
  signOut(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function roleCaps(role: Role): { canTrade: boolean; canAdmin: boolean } {
  return { canTrade: role === 'trader' || role === 'admin', canAdmin: role === 'admin' };
}

/** Asks the host who the key is: /whoami, or /status (caller, role) on a host that has no /whoami yet. */
export async function whoAmI(key: string): Promise<{ who: WhoAmI; fallback: boolean }> {
  try {
    const who = await api<WhoAmI>('/whoami', { key });
    return { who, fallback: false };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  const s = await api<{ caller: string; role: Role }>('/status', { key });
  return { who: { caller: s.caller, role: s.role, accounts: null, ...roleCaps(s.role) }, fallback: true };
}

export function AuthProvider({ children, initial }: { children: ReactNode; initial?: WhoAmI }) {
  const [who, setWho] = useState<WhoAmI | null>(initial ?? null);
  const [fallback, setFallback] = useState(false);
  const [checking, setChecking] = useState(!initial && !!getApiKey());
  const [error, setError] = useState<string | null>(null);

  const signIn = useCallback(async (key: string) => {
    setChecking(true);
    setError(null);
    try {
      const r = await whoAmI(key);
      setApiKey(key);
      setWho(r.who);
      setFallback(r.fallback);
      return true;
    } catch (e) {
      setApiKey(null);
      setWho(null);
      setError(e instanceof ApiError && e.status === 401 ? 'The host does not know this key (401).' : e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setChecking(false);
    }
  }, []);

  const signOut = useCallback(() => {
    setApiKey(null);
    setWho(null);
  }, []);

  useEffect(() => {
    if (initial) return;
    const key = getApiKey();
    if (key) void signIn(key);
  }, [initial, signIn]);

  const value = useMemo(() => ({ who, whoamiFallback: fallback, checking, error, signIn, signOut }), [who, fallback, checking, error, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}

/** Capabilities of the signed-in key; a viewer gets neither. */
export function useCaps(): { canTrade: boolean; canAdmin: boolean; accounts: string[] | null } {
  const { who } = useAuth();
  if (!who) return { canTrade: false, canAdmin: false, accounts: null };
  return { canTrade: !!who.canTrade, canAdmin: !!who.canAdmin, accounts: who.accounts };
}
