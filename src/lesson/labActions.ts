/**
 * Carrying out a LabAction on a backend. Scenario setups, solutions, share-link replays
 * and the lab panels all go through here, so "the same action" means the same thing
 * everywhere. Batches are made deterministically from a seed and the stored history.
 */
import type { ClosedCandle } from '../core/domain/candle';
import { nextCandles, overlappingBatch } from '../core/lab/candleGenerator';
import type { LabBackend } from '../core/lab/labBackend';
import { HISTORY_START } from '../core/lab/labPresets';
import type { RepairProgress, RunTrace } from '../core/lab/runTrace';
import type { BatchRecipe, LabAction } from './lessonTypes';

export interface ActionContext {
  /** Seed for generated batches; bumped after each batch so two batches differ. */
  seed: number;
  onRepairProgress?: (p: RepairProgress) => void;
}

export async function makeBatch(backend: LabBackend, seriesId: string, recipe: BatchRecipe, seed: number): Promise<ClosedCandle[]> {
  const history = await backend.candles.all(seriesId);
  if (recipe.kind === 'next') return nextCandles(seriesId, history[history.length - 1], recipe.count, seed, HISTORY_START);
  return overlappingBatch(seriesId, history, recipe.overlap, recipe.fresh, seed);
}

/** Runs one action; returns the trace of the request it sent, if it sent one. */
export async function runLabAction(backend: LabBackend, action: LabAction, ctx: ActionContext): Promise<RunTrace | null> {
  switch (action.do) {
    case 'ingest': {
      const candles = await makeBatch(backend, action.series_id, action.batch, ctx.seed++);
      return backend.send({ method: 'POST', path: '/api/market/ingest/candles_closed_batch', body: { series_id: action.series_id, candles } });
    }
    case 'ingest_candles':
      return backend.send({ method: 'POST', path: '/api/market/ingest/candles_closed_batch', body: { series_id: action.series_id, candles: action.candles } });
    case 'ingest_multi_candles':
      return backend.send({ method: 'POST', path: '/lab/pipeline/run', body: { batches: action.batches } });
    case 'ingest_multi': {
      const batches: Record<string, ClosedCandle[]> = {};
      for (const b of action.batches) batches[b.series_id] = await makeBatch(backend, b.series_id, b.batch, ctx.seed++);
      return backend.send({ method: 'POST', path: '/lab/pipeline/run', body: { batches } });
    }
    case 'arm_fault':
      backend.faults.arm(action.fault);
      return null;
    case 'disarm_all':
      backend.faults.clear();
      return null;
    case 'restart':
      await backend.restart({ ...backend.env, ...action.env });
      return null;
    case 'draw_read':
      return backend.send({ method: 'GET', path: '/api/draw/delta', query: { series_id: action.series_id } });
    case 'repair': {
      const body = action.to_time === undefined ? { series_id: action.series_id } : { series_id: action.series_id, to_time: action.to_time };
      const options = ctx.onRepairProgress ? { onRepairProgress: ctx.onRepairProgress } : {};
      return backend.send({ method: 'POST', path: '/api/dev/repair/overlay', body }, options);
    }
    case 'tamper_overlay':
      await backend.tamperOverlay(action.series_id, action.how);
      return null;
  }
}
