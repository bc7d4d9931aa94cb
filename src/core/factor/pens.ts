/**
 * Pens: lines joining alternating major pivots (high → low → high …).
 *
 * Consecutive pivots of the same direction merge into the more extreme one. A pen from
 * X to Y is final once a pivot of the opposite direction follows Y: until then a more
 * extreme pivot could still replace Y. Its `visible_time` is the confirmation time of
 * that first opposite pivot, so an incremental run and a full run agree.
 */
import type { PenEvent, PivotEvent } from '../domain/factorEvent';

interface Slot {
  pivot: Pick<PivotEvent, 'direction' | 'candle_time' | 'price' | 'visible_time'>;
  /** Visible time of the first pivot that filled this slot (replacements keep it). */
  first_seen: number;
}

function moreExtreme(a: Slot['pivot'], b: Slot['pivot']): boolean {
  return a.direction === 'high' ? a.price > b.price : a.price < b.price;
}

/**
 * Pens made final by `pivots` (major pivots after `anchor`, ascending by time). `anchor`
 * is the end of the last pen already stored: it is fixed and cannot be replaced.
 */
export function buildPens(anchor: Slot['pivot'] | undefined, pivots: readonly PivotEvent[]): PenEvent[] {
  const slots: Slot[] = anchor ? [{ pivot: anchor, first_seen: anchor.visible_time }] : [];
  for (const p of pivots) {
    const last = slots[slots.length - 1];
    if (last && last.pivot.direction === p.direction) {
      const isAnchor = anchor !== undefined && slots.length === 1;
      if (!isAnchor && moreExtreme(p, last.pivot)) last.pivot = p;
      continue;
    }
    slots.push({ pivot: p, first_seen: p.visible_time });
  }
  const pens: PenEvent[] = [];
  for (let i = 0; i + 2 < slots.length; i++) {
    const from = slots[i]!.pivot;
    const to = slots[i + 1]!.pivot;
    pens.push({
      kind: 'pen',
      direction: to.direction === 'high' ? 'up' : 'down',
      start_time: from.candle_time,
      start_price: from.price,
      end_time: to.candle_time,
      end_price: to.price,
      visible_time: slots[i + 2]!.first_seen,
      candle_time: from.candle_time,
    });
  }
  return pens;
}

/** The end pivot of a stored pen, as the anchor for the next incremental run. */
export function penEndAnchor(pen: PenEvent): Slot['pivot'] {
  return {
    direction: pen.direction === 'up' ? 'high' : 'low',
    candle_time: pen.end_time,
    price: pen.end_price,
    visible_time: pen.visible_time,
  };
}

/**
 * Whether a pivot comes after `anchor` in the order pens are built from: by candle time,
 * and within one candle the high before the low (the order detectPivots reports them in).
 */
export function comesAfter(p: Pick<PivotEvent, 'direction' | 'candle_time'>, anchor: Slot['pivot']): boolean {
  if (p.candle_time !== anchor.candle_time) return p.candle_time > anchor.candle_time;
  return anchor.direction === 'high' && p.direction === 'low';
}
