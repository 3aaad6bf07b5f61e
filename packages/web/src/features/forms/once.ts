import { useEffect, useRef, useState } from 'react';

/**
 * A fresh request key for the server's idempotent creates (the `Idempotency-Key` header): a
 * repeat of a request with the same key gets the first answer instead of a second record.
 * getRandomValues, unlike randomUUID, works on a plain-http intranet address too.
 */
export function newRequestKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The header that carries a request key. */
export function requestKeyHeaders(key: string | undefined): Record<string, string> {
  return key ? { 'Idempotency-Key': key } : {};
}

/**
 * Save a form once: one request key per opening of the form (sent with its create, so that a
 * double click or a retry makes one record on the server), and no second save while one is under
 * way — a ref, because a second click can come before React shows the button as loading.
 */
export function useSaveOnce(open: boolean) {
  const key = useRef(newRequestKey());
  const busy = useRef(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) key.current = newRequestKey();
  }, [open]);
  const run = async (save: (requestKey: string) => Promise<void>): Promise<void> => {
    if (busy.current) return;
    busy.current = true;
    setSaving(true);
    try {
      await save(key.current);
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };
  return { run, saving };
}
