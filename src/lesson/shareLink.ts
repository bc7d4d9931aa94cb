/**
 * Share links: a scenario (or a sandbox setup) plus the actions taken, encoded in the URL
 * hash as base64url JSON. Replaying a link sets up the same start and runs the same
 * actions, so it ends in the same state. A link is checked completely before anything
 * runs: a broken or hostile one gets a clear message and changes nothing.
 */
import * as v from 'valibot';
import { describeIssues } from './describeIssues';
import { LabActionSchema, ScenarioSetupSchema } from './lessonSchema';
import type { LabAction, ScenarioSetup } from './lessonTypes';

export const SHARE_PREFIX = '#/share/';
export const MAX_SHARE_CHARS = 16_000;

export type SharedLab =
  | { v: 1; kind: 'scenario'; scenario: string; actions: LabAction[] }
  | { v: 1; kind: 'sandbox'; setup: ScenarioSetup; actions: LabAction[] };

const SharedLabSchema = v.variant('kind', [
  v.strictObject({
    v: v.literal(1),
    kind: v.literal('scenario'),
    scenario: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,64}$/, 'scenario: expected a scenario id')),
    actions: v.pipe(v.array(LabActionSchema), v.maxLength(100, 'actions: at most 100')),
  }),
  v.strictObject({
    v: v.literal(1),
    kind: v.literal('sandbox'),
    setup: ScenarioSetupSchema,
    actions: v.pipe(v.array(LabActionSchema), v.maxLength(100, 'actions: at most 100')),
  }),
]);

export class ShareLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareLinkError';
  }
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(code: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(code)) throw new ShareLinkError('the link contains characters a share link never has');
  const bin = atob(code.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

export function encodeShareLink(shared: SharedLab): string {
  return SHARE_PREFIX + toBase64Url(JSON.stringify(shared));
}

/** Parses and validates a hash; throws ShareLinkError with a message for the learner. */
export function decodeShareLink(hash: string, knownScenarios: ReadonlySet<string>): SharedLab {
  if (!hash.startsWith(SHARE_PREFIX)) throw new ShareLinkError('this is not a share link');
  const code = hash.slice(SHARE_PREFIX.length);
  if (code.length === 0) throw new ShareLinkError('the share link is empty');
  if (code.length > MAX_SHARE_CHARS) throw new ShareLinkError(`the share link is too long (${code.length} characters, at most ${MAX_SHARE_CHARS})`);
  let json: unknown;
  try {
    json = JSON.parse(fromBase64Url(code));
  } catch (e) {
    if (e instanceof ShareLinkError) throw e;
    throw new ShareLinkError('the share link is damaged: it does not decode to lab data (was it cut off?)');
  }
  const result = v.safeParse(SharedLabSchema, json);
  if (!result.success) throw new ShareLinkError(`the share link is not valid: ${describeIssues(result.issues)}`);
  const shared = result.output as SharedLab;
  if (shared.kind === 'scenario' && !knownScenarios.has(shared.scenario)) {
    throw new ShareLinkError(`the share link names an unknown scenario "${shared.scenario}"`);
  }
  return shared;
}
