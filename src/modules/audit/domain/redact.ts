/** Keys whose values never reach the operation log: passwords, tokens, keys, secrets, signatures. */
const SENSITIVE_KEY = /pass(word|wd)?|secret|token|authorization|cookie|signature|private_?key|api_?v3_?key|session_?key|api_?key|credential|check_?word|^key$|^code$/i;

const MAX_DEPTH = 6;
const MAX_STRING = 500;
const MAX_ARRAY = 50;
export const MAX_BODY_JSON = 16_000;

export const REDACTED = '[redacted]';

/** A copy of a request body safe to keep: sensitive keys redacted at any depth, long values shortened. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ARRAY).map((v) => redact(v, depth + 1));
    if (value.length > MAX_ARRAY) items.push(`[${value.length - MAX_ARRAY} more]`);
    return items;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = SENSITIVE_KEY.test(key) ? REDACTED : redact(v, depth + 1);
  }
  return out;
}

/** The redacted body as JSON text, or null when there was no body. */
export function redactedJson(body: unknown): string | null {
  if (body === undefined || body === null || (typeof body === 'object' && Object.keys(body as object).length === 0)) return null;
  const json = JSON.stringify(redact(body));
  return json.length > MAX_BODY_JSON ? JSON.stringify({ truncated: true, size: json.length }) : json;
}
