/**
 * One start of the simulated backend process: the flags it read at start and everything
 * built from them. A restart builds a new one; the stores (IndexedDB) outlive it.
 */
import type { Clock } from '../clock';
import type { DebugHub } from '../debug/debugHub';
import { Metrics } from '../debug/metrics';
import { FactorOrchestrator } from '../factor/factorOrchestrator';
import type { FaultInjector } from '../faults/faultInjector';
import type { RuntimeFlags } from '../flags/runtimeFlags';
import { OverlayOrchestrator } from '../overlay/overlayOrchestrator';
import type { CandleHub, PublishMode } from '../pipeline/candleHub';
import { IngestPipeline } from '../pipeline/ingestPipeline';
import type { CandleStore, FactorStore, OverlayStore } from '../ports';
import { DrawReadService } from '../services/drawReadService';
import { MarketIngestService } from '../services/marketIngestService';
import { RepairService } from '../services/repairService';

export interface ServiceDeps {
  candles: CandleStore;
  factors: FactorStore;
  overlays: OverlayStore;
  faults: FaultInjector;
  debug: DebugHub;
  hub: CandleHub;
  clock: Clock;
  publishMode: PublishMode;
}

export class SimulatedService {
  readonly metrics = new Metrics();
  readonly factor: FactorOrchestrator;
  readonly overlay: OverlayOrchestrator;
  readonly pipeline: IngestPipeline;
  readonly ingest: MarketIngestService;
  readonly draw: DrawReadService;
  readonly repair: RepairService;

  constructor(
    readonly flags: RuntimeFlags,
    deps: ServiceDeps,
  ) {
    const { candles, factors, overlays, faults, debug, hub, clock, publishMode } = deps;
    this.factor = new FactorOrchestrator({ candles, factors, flags, debug, faults });
    this.overlay = new OverlayOrchestrator({ factors, overlays, flags, faults });
    this.pipeline = new IngestPipeline({ candles, factor: this.factor, overlay: this.overlay, flags, faults, hub, clock, publishMode });
    this.ingest = new MarketIngestService(this.pipeline, debug, this.metrics);
    this.draw = new DrawReadService(candles, factors, overlays, flags, debug);
    this.repair = new RepairService({ candles, factors, overlays, pipeline: this.pipeline, overlay: this.overlay, flags, debug });
  }
}
