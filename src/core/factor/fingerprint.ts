/**
 * The factor fingerprint: a hash of the factor settings and the logic version. When the
 * stored fingerprint differs from the current one, the stored factors were computed under
 * another definition and must be rebuilt.
 */
import type { RuntimeFlags } from '../flags/runtimeFlags';

/** The logic version of this simulation's factor code; `TRADE_CANVAS_FACTOR_LOGIC_VERSION` overrides it. */
export const FACTOR_LOGIC_VERSION = 'pivot_pen_v1';

export function factorFingerprint(flags: Pick<RuntimeFlags, 'factor_logic_version' | 'pivot_window_major' | 'pivot_window_minor'>): string {
  const settings = JSON.stringify({
    logic_version: flags.factor_logic_version || FACTOR_LOGIC_VERSION,
    pivot_window_major: flags.pivot_window_major,
    pivot_window_minor: flags.pivot_window_minor,
  });
  return fnv1a32(settings);
}

/** FNV-1a, 32 bits, as 8 hex digits: small, stable, enough to tell settings apart. */
function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
