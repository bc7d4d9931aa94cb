/**
 * The lab's candle chart on lightweight-charts: history candles, a strip under them that
 * marks the last batch (bar height says new / overwrote / rolled back, colour only
 * repeats it), faded ghost candles for rolled-back rows, and the stored overlay (pivot
 * markers at their stored price, the pen polyline). Appends go through `series.update`.
 */
import {
  CandlestickSeries,
  ColorType,
  HistogramSeries,
  LineSeries,
  createChart,
  createSeriesMarkers,
  type CandlestickData,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { ClosedCandle } from '../../core';
import type { BatchMarks } from './batchMarks';
import type { ChartTheme } from './chartTheme';
import type { OverlayDrawing } from './overlayDrawing';

/** Strip bar heights: the shape carries the meaning, not only the colour. */
export const STRIP_HEIGHT = { new: 3, overwritten: 2, rolled_back: 1 } as const;

export interface ChartLabels {
  rolledBack: string;
  overlayHead: string;
}

const ts = (t: number) => t as UTCTimestamp;
const toBar = (c: ClosedCandle): CandlestickData<Time> => ({ time: ts(c.candle_time), open: c.open, high: c.high, low: c.low, close: c.close });
const same = (a: ClosedCandle, b: ClosedCandle) =>
  a.candle_time === b.candle_time && a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close;

export class LabChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly ghosts: ISeriesApi<'Candlestick'>;
  private readonly strip: ISeriesApi<'Histogram'>;
  private readonly pen: ISeriesApi<'Line'>;
  private readonly overlayMarkers: ISeriesMarkersPluginApi<Time>;
  private readonly ghostMarkers: ISeriesMarkersPluginApi<Time>;
  private readonly stripMarkers: ISeriesMarkersPluginApi<Time>;
  private shown: ClosedCandle[] = [];
  private focusedRun: number | null = null;
  private theme: ChartTheme;

  constructor(el: HTMLElement, theme: ChartTheme) {
    this.theme = theme;
    this.chart = createChart(el, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: theme.background }, textColor: theme.text, attributionLogo: false },
      grid: { vertLines: { color: theme.grid }, horzLines: { color: theme.grid } },
      timeScale: { timeVisible: true, secondsVisible: false, rightOffset: 3, lockVisibleTimeRangeOnResize: true },
      rightPriceScale: { scaleMargins: { top: 0.08, bottom: 0.18 } },
    });
    this.ghosts = this.chart.addSeries(CandlestickSeries, { priceLineVisible: false, lastValueVisible: false });
    this.candles = this.chart.addSeries(CandlestickSeries, { priceLineVisible: false });
    this.pen = this.chart.addSeries(LineSeries, { lineWidth: 2, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false });
    this.strip = this.chart.addSeries(HistogramSeries, {
      priceScaleId: 'batch',
      priceLineVisible: false,
      lastValueVisible: false,
      // A fixed range, so bar height always means the same kind of mark.
      autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: STRIP_HEIGHT.new } }),
    });
    this.chart.priceScale('batch').applyOptions({ scaleMargins: { top: 0.88, bottom: 0 }, visible: false });
    this.overlayMarkers = createSeriesMarkers(this.candles, []);
    this.ghostMarkers = createSeriesMarkers(this.ghosts, []);
    this.stripMarkers = createSeriesMarkers(this.strip, []);
    this.applyTheme(theme);
  }

  applyTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.chart.applyOptions({
      layout: { background: { type: ColorType.Solid, color: theme.background }, textColor: theme.text },
      grid: { vertLines: { color: theme.grid }, horzLines: { color: theme.grid } },
    });
    this.candles.applyOptions({ upColor: theme.up, downColor: theme.down, borderUpColor: theme.up, borderDownColor: theme.down, wickUpColor: theme.up, wickDownColor: theme.down });
    // Ghosts: hollow, faded candles.
    this.ghosts.applyOptions({
      upColor: 'rgba(0,0,0,0)',
      downColor: 'rgba(0,0,0,0)',
      borderUpColor: theme.ghost,
      borderDownColor: theme.ghost,
      wickUpColor: theme.ghost,
      wickDownColor: theme.ghost,
    });
    this.pen.applyOptions({ color: theme.pen });
  }

  /** Appends with `update` when the new data only changes or extends the tail; else `setData`. */
  setCandles(next: readonly ClosedCandle[]): void {
    const prev = this.shown;
    const prevTimes = new Set(prev.map((c) => c.candle_time));
    const lastPrev = prev[prev.length - 1]?.candle_time ?? -Infinity;
    const keepsAll = prev.length > 0 && next.length >= prev.length && prev.every((c, i) => next[i]?.candle_time === c.candle_time);
    if (keepsAll && next.slice(prev.length).every((c) => c.candle_time > lastPrev)) {
      next.forEach((c, i) => {
        if (i < prev.length) {
          if (!same(c, prev[i]!)) this.candles.update(toBar(c), true);
        } else if (!prevTimes.has(c.candle_time)) this.candles.update(toBar(c));
      });
    } else {
      this.candles.setData(next.map(toBar));
      if (prev.length === 0) this.chart.timeScale().fitContent();
    }
    this.shown = [...next];
  }

  setBatch(marks: BatchMarks, overlayHeadBehind: number | null, labels: ChartLabels): void {
    const t = this.theme;
    const bars = [
      ...marks.newTimes.map((time) => ({ time: ts(time), value: STRIP_HEIGHT.new, color: t.newBar })),
      ...marks.overwrittenTimes.map((time) => ({ time: ts(time), value: STRIP_HEIGHT.overwritten, color: t.overwrittenBar })),
      ...marks.rolledBack.map((c) => ({ time: ts(c.candle_time), value: STRIP_HEIGHT.rolled_back, color: t.ghost })),
    ].sort((a, b) => a.time - b.time);
    this.strip.setData(bars);
    this.ghosts.setData(marks.rolledBack.map(toBar));
    const first = marks.rolledBack[0];
    this.ghostMarkers.setMarkers(first ? [{ time: ts(first.candle_time), position: 'aboveBar', shape: 'square', color: t.ghost, text: labels.rolledBack }] : []);
    this.stripMarkers.setMarkers(
      overlayHeadBehind !== null ? [{ time: ts(overlayHeadBehind), position: 'aboveBar', shape: 'arrowDown', color: t.head, text: labels.overlayHead }] : [],
    );
    // A new batch: bring the recent bars into view, so its candles are big enough to see.
    if (marks.run_id !== null && marks.run_id !== this.focusedRun) this.focusRecent(marks.rolledBack.length);
    this.focusedRun = marks.run_id;
  }

  /** Shows the last bars, about one per 9 px of width (the user can still zoom out). */
  private focusRecent(extraBars: number): void {
    const bars = this.shown.length + extraBars;
    const width = this.chart.timeScale().width() || 600;
    const visible = Math.max(30, Math.min(90, Math.round(width / 9)));
    this.chart.timeScale().setVisibleLogicalRange({ from: Math.max(0, bars - visible), to: bars + 5 });
  }

  setOverlay(drawing: OverlayDrawing): void {
    const t = this.theme;
    const markers: SeriesMarker<Time>[] = drawing.markers.map((m) => ({
      time: ts(m.time),
      position: m.position === 'above' ? 'atPriceTop' : 'atPriceBottom',
      price: m.price,
      shape: m.shape === 'arrow_down' ? 'arrowDown' : m.shape === 'arrow_up' ? 'arrowUp' : 'circle',
      color: m.level === 'major' ? t.major : t.minor,
      size: m.level === 'major' ? 1 : 0.6,
      text: m.text,
      id: m.instruction_id,
    }));
    this.overlayMarkers.setMarkers(markers);
    this.pen.setData(drawing.polyline.map((p) => ({ time: ts(p.time), value: p.value })));
  }

  fit(): void {
    this.chart.timeScale().fitContent();
  }

  destroy(): void {
    this.chart.remove();
  }
}
