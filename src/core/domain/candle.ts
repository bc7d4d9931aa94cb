/** A closed candle as the backend stores it; `candle_time` is its open time in unix seconds. */
export interface ClosedCandle {
  candle_time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** A stored candle row: the candle plus the series it belongs to. */
export interface CandleRow extends ClosedCandle {
  series_id: string;
}

export function toCandleRow(seriesId: string, c: ClosedCandle): CandleRow {
  return {
    series_id: seriesId,
    candle_time: c.candle_time,
    open: c.open,
    high: c.high,
    low: c.low,
    close: c.close,
    volume: c.volume,
  };
}

export function toClosedCandle(row: CandleRow): ClosedCandle {
  return {
    candle_time: row.candle_time,
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
  };
}
