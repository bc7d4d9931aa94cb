/**
 * The lab's two default series, as the lesson names them. Series run in ascending id
 * order inside one pipeline run, and 'binance:futures:BTC/USDT:1m' < 'binance:futures:ETH/USDT:1m',
 * so BTC is always the first series of a multi-series batch.
 */
export const BTC = 'binance:futures:BTC/USDT:1m';
export const ETH = 'binance:futures:ETH/USDT:1m';

export const INGEST_BATCH = '/api/market/ingest/candles_closed_batch';
export const PIPELINE_RUN = '/lab/pipeline/run';
export const DRAW_DELTA = '/api/draw/delta';
export const REPAIR = '/api/dev/repair/overlay';

/** The detail a client gets when a step fails: stable, short, no cause inside. */
export const detailFor = (step: string, seriesId: string) => `ingest_pipeline_failed:${step}:${seriesId}`;
