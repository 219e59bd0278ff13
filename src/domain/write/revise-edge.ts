import { ConflictError, InvalidArgumentError } from '../errors';
import type { CausalEdge, EdgeRevision, FieldChange } from '../model/graph.model';
import type { Revised } from './revise-record';
import { toEvidence, type EdgeInput, type EdgePatch } from './write-inputs';

/** Who writes, and when: every revision records both. */
export interface WriteStamp {
  readonly by: string;
  /** ISO-8601 */
  readonly at: string;
}

const CLAIM_FIELDS = ['fromId', 'toId', 'polarity', 'weight', 'confidence', 'lagDays', 'mechanism', 'evidence'] as const;

/** A readable id for a new claim: `<from>-lifts-<to>` or `<from>-lowers-<to>`, with `-2`, `-3`… when taken. */
export function edgeIdFor(input: Pick<EdgeInput, 'from' | 'to' | 'polarity'>, attempt: number): string {
  const base = `${input.from}-${input.polarity === 'POSITIVE' ? 'lifts' : 'lowers'}-${input.to}`;
  return attempt === 0 ? base : `${base}-${attempt + 1}`;
}

/** A new edge (revision 1) and the revision that records its creation. */
export function createEdge(id: string, input: EdgeInput, stamp: WriteStamp): Revised<CausalEdge> {
  const claim = {
    id,
    fromId: input.from,
    toId: input.to,
    polarity: input.polarity,
    weight: input.weight,
    confidence: input.confidence,
    lagDays: input.lagDays,
    mechanism: input.mechanism.trim(),
    evidence: input.evidence.map(toEvidence),
  };
  const changes = CLAIM_FIELDS.map((field): FieldChange => ({ field, from: null, to: JSON.stringify(claim[field]) }));
  return {
    record: { ...claim, status: 'ACTIVE', revision: 1, createdBy: stamp.by, createdAt: stamp.at },
    revision: { revision: 1, at: stamp.at, by: stamp.by, action: 'CREATED', changes },
  };
}

/** The edge after a patch, one revision later; refuses a patch that changes nothing or touches a retracted edge. */
export function patchEdge(edge: CausalEdge, patch: EdgePatch, stamp: WriteStamp, reason?: string | null): Revised<CausalEdge> {
  if (edge.status === 'RETRACTED') throw new ConflictError(`edge ${edge.id} is retracted; add a new edge instead`);
  const known = new Set(edge.evidence.map((e) => `${e.sourceId}\u0000${e.quote}`));
  const added = (patch.addEvidence ?? []).map(toEvidence).filter((e) => !known.has(`${e.sourceId}\u0000${e.quote}`));
  const next: CausalEdge = {
    ...edge,
    polarity: patch.polarity ?? edge.polarity,
    weight: patch.weight ?? edge.weight,
    confidence: patch.confidence ?? edge.confidence,
    lagDays: patch.lagDays ?? edge.lagDays,
    mechanism: patch.mechanism?.trim() ?? edge.mechanism,
    evidence: [...edge.evidence, ...added],
  };
  // Evidence only ever grows: its change lists the quotes added, not the whole list again,
  // so an edge's history grows with the work done on it, not quadratically.
  const changes = CLAIM_FIELDS.filter((f) => f !== 'evidence' && JSON.stringify(edge[f]) !== JSON.stringify(next[f])).map(
    (field): FieldChange => ({ field, from: JSON.stringify(edge[field]), to: JSON.stringify(next[field]) }),
  );
  if (added.length > 0) changes.push({ field: 'evidence', from: null, to: JSON.stringify(added) });
  if (changes.length === 0) throw new InvalidArgumentError('patch', `changes nothing: edge ${edge.id} already has these values`);
  return revise(next, edge, stamp, 'UPDATED', changes, reason);
}

export function retractEdge(edge: CausalEdge, stamp: WriteStamp, reason: string): Revised<CausalEdge> {
  if (edge.status === 'RETRACTED') throw new ConflictError(`edge ${edge.id} is already retracted`);
  return revise(
    { ...edge, status: 'RETRACTED' },
    edge,
    stamp,
    'RETRACTED',
    [{ field: 'status', from: '"ACTIVE"', to: '"RETRACTED"' }],
    reason,
  );
}

function revise(
  next: CausalEdge,
  previous: CausalEdge,
  stamp: WriteStamp,
  action: EdgeRevision['action'],
  changes: FieldChange[],
  reason?: string | null,
): Revised<CausalEdge> {
  const revision = previous.revision + 1;
  return {
    record: { ...next, revision },
    revision: { revision, at: stamp.at, by: stamp.by, action, changes, ...(reason ? { reason: reason.trim() } : {}) },
  };
}
