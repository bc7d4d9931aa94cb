/**
 * Time comes into the simulation through a Clock, never from Date.now directly, so a
 * test (or a share link) replays with the same durations and event times.
 */
export interface Clock {
  /** Milliseconds since the unix epoch. */
  nowMs(): number;
}

/** The page's clock. The only place in the core that reads the real time. */
export const systemClock: Clock = {
  nowMs: () => Date.now(),
};

/**
 * A clock for tests and replays: starts at `startMs` and moves forward by `tickMs`
 * each time it is read, so every step of a run has a small, predictable duration.
 */
export class ManualClock implements Clock {
  private current: number;
  constructor(
    startMs = Date.UTC(2026, 0, 1),
    private readonly tickMs = 1,
  ) {
    this.current = startMs;
  }
  nowMs(): number {
    const now = this.current;
    this.current += this.tickMs;
    return now;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
