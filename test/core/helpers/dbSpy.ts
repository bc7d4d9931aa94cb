/**
 * A Dexie DBCore middleware that records every operation that reaches IndexedDB: which
 * table, what kind (point reads, range queries, cursors, counts, writes) and which keys or
 * ranges. Used to prove that the write chain's candle lookups touch only the batch's keys.
 */
import type { DBCore, DBCoreKeyRange, DBCoreMutateRequest } from 'dexie';
import { LabDatabase } from '../../../src/core/storage/dexie/labDatabase';

export interface RecordedOp {
  table: string;
  kind: 'get' | 'getMany' | 'query' | 'openCursor' | 'count' | 'mutate';
  /** For mutate: add, put, delete or deleteRange. */
  mutate?: DBCoreMutateRequest['type'];
  keys?: unknown[];
  index?: string | null;
  range?: DBCoreKeyRange;
  /** For query: whether whole rows were read (false: keys only). */
  values?: boolean;
}

export async function openSpiedDatabase(name: string): Promise<{ db: LabDatabase; ops: RecordedOp[] }> {
  const db = new LabDatabase(name);
  const ops: RecordedOp[] = [];
  db.use({
    stack: 'dbcore',
    name: 'test-spy',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (tableName) => {
        const t = down.table(tableName);
        const pk = t.schema.primaryKey;
        return {
          ...t,
          get: (req) => (ops.push({ table: tableName, kind: 'get', keys: [req.key] }), t.get(req)),
          getMany: (req) => (ops.push({ table: tableName, kind: 'getMany', keys: [...req.keys] }), t.getMany(req)),
          query: (req) => (ops.push({ table: tableName, kind: 'query', index: req.query.index.name, range: req.query.range, values: !!req.values }), t.query(req)),
          openCursor: (req) => (ops.push({ table: tableName, kind: 'openCursor', index: req.query.index.name, range: req.query.range }), t.openCursor(req)),
          count: (req) => (ops.push({ table: tableName, kind: 'count', index: req.query.index.name, range: req.query.range }), t.count(req)),
          mutate: (req) => {
            const op: RecordedOp = { table: tableName, kind: 'mutate', mutate: req.type };
            if (req.type === 'deleteRange') op.range = req.range;
            else if (req.type === 'delete') op.keys = [...req.keys];
            else op.keys = req.keys ? [...req.keys] : req.values.map((v) => (pk.extractKey ? pk.extractKey(v) : undefined));
            ops.push(op);
            return t.mutate(req);
          },
        };
      },
    }),
  });
  await db.open();
  return { db, ops };
}
