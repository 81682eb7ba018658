import { useEffect, useRef, useState } from 'react';
import { api, ApiError, errorText } from '../../api/client';
import type { ValidationError, ValidationResult } from '../../api/types';
import { errorsFromProblemDetail, toDocument, type Draft } from './draft';

/** Validates the draft on the server as it changes (debounced): POST /strategies/validate → errors with line:column. */
export function useValidation(draft: Draft, enabled = true, delayMs = 300): { errors: ValidationError[]; note: string | null; validating: boolean; valid: boolean | null } {
  const [errors, setErrors] = useState<ValidationError[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [validating, setValidating] = useState(false);
  const [valid, setValid] = useState<boolean | null>(null);
  const unavailable = useRef(false);
  const seq = useRef(0);

  useEffect(() => {
    if (!enabled) {
      setNote('Validation as you type is a trader operation (POST /strategies/validate): this key can read rules but not check them.');
      return;
    }
    if (unavailable.current) return;
    const n = ++seq.current;
    const t = setTimeout(async () => {
      setValidating(true);
      try {
        const r = await api<ValidationResult>('/strategies/validate', { method: 'POST', body: toDocument(draft) });
        if (n !== seq.current) return;
        setErrors(r.errors ?? []);
        setValid(r.valid);
        setNote(null);
      } catch (e) {
        if (n !== seq.current) return;
        if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
          unavailable.current = true;
          setNote('This host has no /strategies/validate yet: rule errors appear when you create the strategy.');
        } else if (e instanceof ApiError && e.status === 400) {
          // A validator that answers 400 problem+json instead of {valid:false}: read the errors out of its detail.
          setErrors(errorsFromProblemDetail(e.problem.detail, e.problem.field));
          setValid(false);
        } else {
          setNote(`Validation failed: ${errorText(e)}`);
        }
      } finally {
        if (n === seq.current) setValidating(false);
      }
    }, delayMs);
    return () => clearTimeout(t);
  }, [draft, delayMs, enabled]);

  return { errors, note, validating, valid };
}
