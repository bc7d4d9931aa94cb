/**
 * The in-page stand-in for the backend's websocket hub: after a successful run the
 * pipeline publishes each series' candles (one candle: a single event; several: one
 * batch event) and a `factor.rebuild` system event per rebuilt series.
 */
import type { ClosedCandle } from '../domain/candle';

export type PublishedEvent =
  | { type: 'candle_closed'; series_id: string; candle: ClosedCandle }
  | { type: 'candles_closed_batch'; series_id: string; candles: ClosedCandle[] }
  | { type: 'system'; event: 'factor.rebuild'; series_id: string };

export type Subscriber = (event: PublishedEvent) => void;

export class CandleHub {
  private readonly subscribers = new Set<Subscriber>();

  subscribe(fn: Subscriber): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  publish(event: PublishedEvent): void {
    for (const fn of this.subscribers) fn(event);
  }
}

/**
 * How publishing failures are handled: `best_effort` swallows each series' error and
 * goes on with the next; `strict` raises the first one.
 */
export type PublishMode = 'best_effort' | 'strict';
