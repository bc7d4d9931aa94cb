/**
 * Overlay drawing instructions, as the overlay store keeps them: append-only versions.
 * A marker per pivot, one polyline for the pens.
 */
export interface MarkerDefinition {
  time: number;
  position: 'above' | 'below';
  shape: 'arrow_down' | 'arrow_up' | 'circle';
  level: 'major' | 'minor';
  price: number;
  text: string;
}

export interface PolylineDefinition {
  points: { time: number; value: number }[];
}

export type OverlayKind = 'marker' | 'polyline';

export interface OverlayInstruction {
  instruction_id: string;
  kind: OverlayKind;
  visible_time: number;
  definition: MarkerDefinition | PolylineDefinition;
}

/** A stored version. `version_id` is the store's auto-increment key. */
export interface OverlayVersionRow extends OverlayInstruction {
  version_id?: number;
  series_id: string;
}

/** Canonical JSON of a definition: key order fixed, so equal drawings compare equal. */
export function definitionKey(def: OverlayInstruction['definition']): string {
  return canonicalJson(def);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
