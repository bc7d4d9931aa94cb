/**
 * A series id such as `binance:futures:BTC/USDT:1m`; its last segment is the timeframe.
 */
export const TIMEFRAME_SECONDS = {
  '1m': 60,
  '5m': 300,
  '15m': 900,
  '1h': 3600,
  '4h': 14400,
  '1d': 86400,
} as const;

export type Timeframe = keyof typeof TIMEFRAME_SECONDS;
export const TIMEFRAMES = Object.keys(TIMEFRAME_SECONDS) as Timeframe[];

export function isTimeframe(value: string): value is Timeframe {
  return Object.prototype.hasOwnProperty.call(TIMEFRAME_SECONDS, value);
}

/** The timeframe of a series id, or undefined when its last segment is not one. */
export function timeframeOf(seriesId: string): Timeframe | undefined {
  const last = seriesId.split(':').pop() ?? '';
  return isTimeframe(last) ? last : undefined;
}

export function timeframeSecondsOf(seriesId: string): number {
  const tf = timeframeOf(seriesId);
  if (!tf) throw new Error(`unknown timeframe in series_id ${seriesId}`);
  return TIMEFRAME_SECONDS[tf];
}

/** True when `candleTime` (unix seconds) lies on the series' timeframe grid. */
export function isOnGrid(seriesId: string, candleTime: number): boolean {
  const tf = timeframeOf(seriesId);
  return tf !== undefined && Number.isInteger(candleTime) && candleTime % TIMEFRAME_SECONDS[tf] === 0;
}
