/**
 * Where a fault can be injected. The fault panel renders this registry; a new fault point
 * is one entry here plus one `faults.hit(...)` call where the backend does that thing.
 */
export const FAULT_POINTS = [
  {
    id: 'store.upsert_many_closed',
    kind: 'raise',
    where: { en: 'Candle store, before the write', zh: 'candle store，写入之前' },
    effect: {
      en: 'The store step raises before writing: nothing is written, nothing needs compensating.',
      zh: 'store 步骤在写入前抛错：什么都没写，也无需补偿。',
    },
  },
  {
    id: 'store.upsert_many_closed.mid_transaction',
    kind: 'raise',
    where: { en: 'Candle store, halfway through the write transaction', zh: 'candle store，写事务进行到一半' },
    effect: {
      en: 'Half the rows are written, then the transaction aborts: IndexedDB keeps none of them.',
      zh: '写了一半的行后事务中止：IndexedDB 一行也不会留下。',
    },
  },
  {
    id: 'factor.ingest_closed',
    kind: 'raise',
    where: { en: 'Factor step', zh: 'factor 步骤' },
    effect: { en: 'The factor step raises; candles of this batch are already stored.', zh: 'factor 步骤抛错；本批 candle 已经落库。' },
  },
  {
    id: 'overlay.ingest_closed',
    kind: 'raise',
    where: { en: 'Overlay step', zh: 'overlay 步骤' },
    effect: { en: 'The overlay step raises after factors were computed.', zh: 'overlay 步骤在 factor 算完之后抛错。' },
  },
  {
    id: 'overlay.reset_series',
    kind: 'raise',
    where: { en: 'overlay.reset_series (compensation, rebuild, repair)', zh: 'overlay.reset_series（补偿、重建、修复都会调用）' },
    effect: { en: 'Resetting the overlay fails wherever it is called.', zh: '任何地方调用 overlay reset 都会失败。' },
  },
  {
    id: 'store.delete_closed_times',
    kind: 'raise',
    where: { en: 'Candle compensation delete', zh: 'candle 补偿删除' },
    effect: { en: 'Deleting new_candle_times fails: reported in compensation_error.', zh: '删除 new_candle_times 失败：记入 compensation_error。' },
  },
  {
    id: 'publish',
    kind: 'raise',
    where: { en: 'Publishing candles to subscribers', zh: '向订阅者发布 candle' },
    effect: {
      en: 'Publishing fails after everything was written: swallowed when best-effort, raised when strict.',
      zh: '全部写完后发布失败：best-effort 模式吞掉，strict 模式抛出。',
    },
  },
  {
    id: 'crash.after_store',
    kind: 'crash',
    where: { en: 'Crash between store and factor', zh: '在 store 与 factor 之间崩溃' },
    effect: {
      en: 'The process dies after the candles are stored: no error, no compensation, the client gets no answer.',
      zh: '进程在 candle 落库后死掉：没有结构化错误，没有补偿，客户端收不到响应。',
    },
  },
  {
    id: 'crash.after_factor',
    kind: 'crash',
    where: { en: 'Crash between factor and overlay', zh: '在 factor 与 overlay 之间崩溃' },
    effect: {
      en: 'The process dies after factors moved: the overlay head stays behind.',
      zh: '进程在 factor 推进后死掉：overlay head 落在后面。',
    },
  },
] as const;

export type FaultPointId = (typeof FAULT_POINTS)[number]['id'];
export const FAULT_POINT_IDS = FAULT_POINTS.map((p) => p.id) as FaultPointId[];

export function isFaultPointId(value: unknown): value is FaultPointId {
  return typeof value === 'string' && (FAULT_POINT_IDS as string[]).includes(value);
}
