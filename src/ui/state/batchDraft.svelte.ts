/**
 * The batch composer's draft: a request body the learner generates (append the next N,
 * or overlap history) for one or several series, then edits as a table or as JSON.
 * JSON syntax is checked here; everything else is checked by the route, whose 422
 * messages name the field (`candles[3].high: …`) and are shown next to it.
 */
import { makeBatch } from '../../lesson/labActions';
import type { BatchRecipe, LabAction } from '../../lesson/lessonTypes';
import type { ClosedCandle, HttpRequest, LabBackend } from '../../core';
import { requestBatches } from './requestBatches';

export type ComposeMode = 'next' | 'overlap';
export type DraftView = 'table' | 'json';
export const CANDLE_FIELDS = ['candle_time', 'open', 'high', 'low', 'close', 'volume'] as const;
export type CandleField = (typeof CANDLE_FIELDS)[number];

export const SINGLE_ROUTE = '/api/market/ingest/candles_closed_batch';
/** The lab's route for one pipeline run over several series (the ingest supervisor's path). */
export const MULTI_ROUTE = '/lab/pipeline/run';

export interface FieldError {
  loc: string;
  msg: string;
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** Where a 422 location points in the table: series, row and (optionally) field. */
export interface CellRef {
  series_id: string | null;
  index: number;
  field: string | null;
}

export function cellOf(loc: string, singleSeries: string | null): CellRef | null {
  const m = /^(?:candles|batches\.(.+?))\[(\d+)\](?:\.(\w+))?$/.exec(loc);
  if (!m) return null;
  return { series_id: m[1] ?? singleSeries, index: Number(m[2]), field: m[3] ?? null };
}

export class BatchDraft {
  mode = $state<ComposeMode>('next');
  count = $state(5);
  overlap = $state(3);
  fresh = $state(3);
  series = $state<string[]>([]);
  view = $state<DraftView>('table');
  text = $state('');
  /** Times each series held when the batch was generated: rows there will overwrite. */
  existing = $state.raw<Record<string, number[]>>({});
  /** Messages from the last 422 answer, for the fields they name. */
  fieldErrors = $state.raw<FieldError[]>([]);
  private seed = 5000;

  parsed: Parsed = $derived.by(() => {
    if (this.text.trim() === '') return { ok: false, error: 'empty' };
    try {
      return { ok: true, value: JSON.parse(this.text) as unknown };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  });

  /** The request the draft makes: several series go through the multi-series route. */
  request: HttpRequest | null = $derived.by(() => {
    if (!this.parsed.ok) return null;
    const body = this.parsed.value;
    const multi = typeof body === 'object' && body !== null && 'batches' in body;
    return { method: 'POST', path: multi ? MULTI_ROUTE : SINGLE_ROUTE, body };
  });

  batches: Record<string, ClosedCandle[]> = $derived(this.request ? requestBatches(this.request) : {});

  singleSeries: string | null = $derived.by(() => {
    const body = this.parsed.ok ? (this.parsed.value as Record<string, unknown> | null) : null;
    return body && typeof body.series_id === 'string' ? body.series_id : null;
  });

  /** Errors the table cannot place on a row (series_id, body shape…). */
  generalErrors = $derived(this.fieldErrors.filter((e) => !cellOf(e.loc, this.singleSeries)));

  recipe(): BatchRecipe {
    return this.mode === 'next' ? { kind: 'next', count: this.count } : { kind: 'overlap', overlap: this.overlap, fresh: this.fresh };
  }

  /** Generates candles from the stored history of each chosen series. */
  async generate(backend: LabBackend): Promise<void> {
    const chosen = [...this.series].sort();
    if (chosen.length === 0) return;
    const batches: Record<string, ClosedCandle[]> = {};
    const existing: Record<string, number[]> = {};
    for (const id of chosen) {
      batches[id] = await makeBatch(backend, id, this.recipe(), this.seed++);
      existing[id] = (await backend.candles.all(id)).map((c) => c.candle_time);
    }
    const body = chosen.length === 1 ? { series_id: chosen[0], candles: batches[chosen[0]!], publish_ws: true } : { batches };
    this.existing = existing;
    this.fieldErrors = [];
    this.text = JSON.stringify(body, null, 2);
  }

  /**
   * This send as a lesson action, with the exact candles (generated or edited), so a share
   * link replays exactly what the learner sent. Batches too large for a link have none.
   */
  action(): LabAction | undefined {
    if (!this.parsed.ok) return undefined;
    const body = $state.snapshot(this.parsed.value) as { series_id?: string; candles?: ClosedCandle[]; batches?: Record<string, ClosedCandle[]> };
    const fits = (cs: unknown) => Array.isArray(cs) && cs.length >= 1 && cs.length <= 500;
    if (body.batches && Object.values(body.batches).every(fits)) return { do: 'ingest_multi_candles', batches: body.batches };
    if (typeof body.series_id === 'string' && fits(body.candles)) return { do: 'ingest_candles', series_id: body.series_id, candles: body.candles! };
    return undefined;
  }

  /** A table edit: writes the cell into the JSON text (null when the input is empty). */
  setCell(seriesId: string, index: number, field: CandleField, value: number | null): void {
    if (!this.parsed.ok) return;
    const body = structuredClone($state.snapshot(this.parsed.value)) as Record<string, unknown>;
    const list = (this.request?.path === MULTI_ROUTE ? (body.batches as Record<string, unknown[]>)[seriesId] : body.candles) as Record<string, unknown>[] | undefined;
    const row = list?.[index];
    if (!row) return;
    row[field] = value;
    this.text = JSON.stringify(body, null, 2);
    this.fieldErrors = this.fieldErrors.filter((e) => {
      const c = cellOf(e.loc, this.singleSeries);
      return !(c && (c.series_id ?? seriesId) === seriesId && c.index === index && (c.field === field || c.field === null));
    });
  }

  errorsAt(seriesId: string, index: number, field: string | null): FieldError[] {
    return this.fieldErrors.filter((e) => {
      const c = cellOf(e.loc, this.singleSeries);
      return c !== null && c.series_id === seriesId && c.index === index && c.field === field;
    });
  }

  isExisting(seriesId: string, time: number): boolean {
    return this.existing[seriesId]?.includes(time) ?? false;
  }
}
