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

/**
 * A new edge (revision 1) and the revision that records its creation: ACTIVE, or PROPOSED
 * awaiting review; a proposed change to an active edge names the edge it would supersede.
 */
export function createEdge(
  id: string,
  input: EdgeInput,
  stamp: WriteStamp,
  status: 'ACTIVE' | 'PROPOSED' = 'ACTIVE',
  supersedes?: { readonly id: string; readonly reason?: string | null },
): Revised<CausalEdge> {
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
  if (supersedes) changes.push({ field: SUPERSEDES, from: null, to: JSON.stringify(supersedes.id) });
  const reason = supersedes?.reason?.trim();
  return {
    record: { ...claim, status, revision: 1, createdBy: stamp.by, createdAt: stamp.at },
    revision: { revision: 1, at: stamp.at, by: stamp.by, action: 'CREATED', changes, ...(reason ? { reason } : {}) },
  };
}

/** The history field a proposed change to an active edge names that edge in. */
export const SUPERSEDES = 'supersedes';

/** The edge a proposal would replace when accepted, from its creation revision; undefined for a new claim. */
export function supersededBy(history: readonly EdgeRevision[]): string | undefined {
  const change = history.find((r) => r.action === 'CREATED')?.changes.find((c) => c.field === SUPERSEDES);
  return change?.to ? (JSON.parse(change.to) as string) : undefined;
}

/** The claim an edge makes after a patch, as the input of a new edge (a proposed change). */
export function patchedInput(edge: CausalEdge, patch: EdgePatch): EdgeInput {
  const known = new Set(edge.evidence.map((e) => `${e.sourceId}\u0000${e.quote}`));
  return {
    from: edge.fromId,
    to: edge.toId,
    polarity: patch.polarity ?? edge.polarity,
    weight: patch.weight ?? edge.weight,
    confidence: patch.confidence ?? edge.confidence,
    lagDays: patch.lagDays ?? edge.lagDays,
    mechanism: patch.mechanism ?? edge.mechanism,
    evidence: [...edge.evidence, ...(patch.addEvidence ?? []).filter((e) => !known.has(`${e.sourceId}\u0000${e.quote}`))],
  };
}

/** A proposal accepted by a reviewer: PROPOSED → ACTIVE. */
export function acceptEdge(edge: CausalEdge, stamp: WriteStamp, reason?: string | null): Revised<CausalEdge> {
  if (edge.status !== 'PROPOSED') throw new ConflictError(`edge ${edge.id} is ${edge.status}; only PROPOSED edges can be accepted`);
  return revise({ ...edge, status: 'ACTIVE' }, edge, stamp, 'ACCEPTED', [{ field: 'status', from: '"PROPOSED"', to: '"ACTIVE"' }], reason);
}

/** A proposal turned down by a reviewer: PROPOSED → REJECTED, with a reason. */
export function rejectEdge(edge: CausalEdge, stamp: WriteStamp, reason: string): Revised<CausalEdge> {
  if (edge.status !== 'PROPOSED') throw new ConflictError(`edge ${edge.id} is ${edge.status}; only PROPOSED edges can be rejected`);
  return revise(
    { ...edge, status: 'REJECTED' },
    edge,
    stamp,
    'REJECTED',
    [{ field: 'status', from: '"PROPOSED"', to: '"REJECTED"' }],
    reason,
  );
}

/** The edge after a patch, one revision later; refuses a patch that changes nothing or touches a retracted edge. */
export function patchEdge(edge: CausalEdge, patch: EdgePatch, stamp: WriteStamp, reason?: string | null): Revised<CausalEdge> {
  if (edge.status === 'RETRACTED') throw new ConflictError(`edge ${edge.id} is retracted; add a new edge instead`);
  if (edge.status === 'REJECTED') throw new ConflictError(`edge ${edge.id} was rejected; propose a new edge instead`);
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
  if (edge.status !== 'ACTIVE') {
    throw new ConflictError(`edge ${edge.id} is ${edge.status}; only ACTIVE edges are retracted (a proposal is rejected with rejectEdge)`);
  }
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
