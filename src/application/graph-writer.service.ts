import { ConflictError, InvalidArgumentError, NotFoundError } from '../domain/errors';
import type { CausalEdge, Entity, Source } from '../domain/model/graph.model';
import { createEdge, edgeIdFor, patchEdge, retractEdge, type WriteStamp } from '../domain/write/revise-edge';
import {
  validateEdgeInput,
  validateEdgePatch,
  validateEntityInput,
  validateReason,
  validateSourceInput,
  type WriteLookups,
} from '../domain/write/validate-write';
import {
  entityFromInput,
  sourceFromInput,
  type EdgeInput,
  type EdgePatch,
  type EntityInput,
  type SourceInput,
} from '../domain/write/write-inputs';
import { createHash } from 'node:crypto';
import { reviseEntity, reviseSource, type Revised } from '../domain/write/revise-record';
import { LIMITS } from '../domain/limits/argument-limits';
import { requireRole, type Actor } from './access';
import type { GraphReads } from './ports/graph-reads.port';
import type { GraphWrites } from './ports/graph-writes.port';

const MAX_ID_ATTEMPTS = 20;
/** How long an addEdge idempotency key is remembered; after that the key may be used afresh. */
export const IDEMPOTENCY_KEY_HOURS = 24;

/** Every string in a write's input, in Unicode NFC: the same text stored and compared one way. */
export function nfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(nfc) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfc(v)])) as T;
  }
  return value;
}

/**
 * Researchers' writes: check the role, validate everything against the graph as it
 * stands, compute the new record and its history, and let the store apply it atomically.
 * Nothing is written unless every check passes.
 */
export class GraphWriterService {
  constructor(
    private readonly store: GraphReads & GraphWrites,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates an entity, or records its next revision; a write that changes nothing makes no revision. */
  async upsertEntity(actor: Actor | undefined, raw: EntityInput): Promise<Entity> {
    const who = requireRole(actor, 'researcher', 'upsertEntity');
    const input = nfc(raw);
    const lookups = await this.lookups([input.id, input.partOf ?? input.id], []);
    validateEntityInput(input, lookups);
    if (input.partOf != null) await this.refusePartOfCycle(input.id, input.partOf);
    const current = lookups.entity(input.id);
    const revised = reviseEntity(current, entityFromInput(input), this.stamp(who));
    if (!revised) return current!;
    const outcome = await this.store.saveEntity(revised.record, revised.revision, current?.revision ?? null);
    if (outcome.kind === 'stale') {
      throw new ConflictError(`entity ${input.id} was changed by another write meanwhile; reload it and apply your change again`);
    }
    return outcome.record;
  }

  async addSource(actor: Actor | undefined, raw: SourceInput): Promise<Source> {
    const who = requireRole(actor, 'researcher', 'addSource');
    const input = nfc(raw);
    validateSourceInput(input);
    const source = sourceFromInput(input);
    const { revision } = reviseSource(undefined, source, this.stamp(who))!;
    const { created, current } = await this.store.addSource(source, revision);
    if (!created && reviseSource(current, source, this.stamp(who)) !== undefined) {
      throw new ConflictError(`source ${input.id} already exists with other values; sources are not edited in place`);
    }
    return current;
  }

  async addEdge(actor: Actor | undefined, raw: EdgeInput, rawKey?: string | null): Promise<CausalEdge> {
    const who = requireRole(actor, 'researcher', 'addEdge');
    const input = nfc(raw);
    const idempotencyKey = nfc(rawKey);
    const maxKey = LIMITS.writes.idempotencyKey.max;
    if (idempotencyKey != null && (idempotencyKey.trim() === '' || idempotencyKey.length > maxKey)) {
      throw new InvalidArgumentError('idempotencyKey', `must be 1 to ${maxKey} characters when given`);
    }
    validateEdgeInput(
      input,
      await this.lookups(
        [input.from, input.to],
        input.evidence.map((e) => e.sourceId),
      ),
    );
    const stamp = this.stamp(who);
    const expiresBefore = new Date(Date.parse(stamp.at) - IDEMPOTENCY_KEY_HOURS * 3_600_000).toISOString();
    const key = idempotencyKey ? { key: `${who.name}:${idempotencyKey}`, payloadDigest: digest(input), expiresBefore } : undefined;
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const id = input.id ?? edgeIdFor(input, attempt);
      const created = createEdge(id, input, stamp);
      const outcome = await this.store.addEdge(created.record, created.revision, key);
      switch (outcome.kind) {
        case 'created':
        case 'replayed':
          return outcome.edge;
        case 'key-reused':
          throw new ConflictError(
            `idempotencyKey "${idempotencyKey}" was used before for a different edge; use a new key for a new request`,
          );
        case 'duplicate':
          throw new InvalidArgumentError(
            'input',
            `makes the same claim (from, to, polarity) as active edge ${outcome.existingId}; add your evidence to it with updateEdge`,
          );
        case 'id-taken':
          if (input.id != null) throw new InvalidArgumentError('input.id', `is taken by another edge (got "${input.id}")`);
      }
    }
    throw new ConflictError(`no free id for this claim after ${MAX_ID_ATTEMPTS} attempts`);
  }

  async updateEdge(
    actor: Actor | undefined,
    rawId: string,
    rawPatch: EdgePatch,
    expectedRevision: number,
    rawReason?: string | null,
  ): Promise<CausalEdge> {
    const who = requireRole(actor, 'researcher', 'updateEdge');
    const [id, patch, reason] = [nfc(rawId), nfc(rawPatch), nfc(rawReason)];
    const lookups = await this.lookups(
      [],
      (patch.addEvidence ?? []).map((e) => e.sourceId),
    );
    validateEdgePatch(patch, lookups);
    validateReason('reason', reason, false);
    return this.revise(id, expectedRevision, (edge) => {
      // Checked again against the edge as it stands: the bound and duplicates count its quotes.
      validateEdgePatch(patch, lookups, edge.evidence);
      return patchEdge(edge, patch, this.stamp(who), reason);
    });
  }

  async retractEdge(actor: Actor | undefined, rawId: string, rawReason: string, expectedRevision: number): Promise<CausalEdge> {
    const who = requireRole(actor, 'admin', 'retractEdge');
    const [id, reason] = [nfc(rawId), nfc(rawReason)];
    validateReason('reason', reason, true);
    return this.revise(id, expectedRevision, (edge) => retractEdge(edge, this.stamp(who), reason));
  }

  private async revise(id: string, expectedRevision: number, change: (edge: CausalEdge) => Revised<CausalEdge>): Promise<CausalEdge> {
    if (!Number.isInteger(expectedRevision) || expectedRevision < 1) {
      throw new InvalidArgumentError(
        'expectedRevision',
        `must be the edge's current revision, a whole number ≥ 1 (got ${expectedRevision})`,
      );
    }
    const [current] = await this.store.getEdges([id]);
    if (!current) throw new NotFoundError(`no causal edge with id "${id}"`);
    if (current.revision !== expectedRevision) throw stale(id, expectedRevision, current.revision);
    const next = change(current);
    const outcome = await this.store.replaceEdge(next.record, next.revision, expectedRevision);
    switch (outcome.kind) {
      case 'replaced':
        return outcome.edge;
      case 'stale':
        throw stale(id, expectedRevision, outcome.currentRevision);
      case 'missing':
        throw new NotFoundError(`no causal edge with id "${id}"`);
      case 'duplicate':
        throw new InvalidArgumentError('patch.polarity', `would make the same claim as active edge ${outcome.existingId}`);
    }
  }

  /** Refuses a `partOf` that would make the entity part of itself, however many steps up. */
  private async refusePartOfCycle(id: string, partOf: string): Promise<void> {
    const seen = new Set<string>();
    let current: string | undefined = partOf;
    while (current !== undefined && !seen.has(current)) {
      if (current === id) {
        throw new InvalidArgumentError(
          'input.partOf',
          `would make a cycle: ${[id, ...seen, id].join(' → ')}; an entity cannot be part of itself`,
        );
      }
      seen.add(current);
      const [entity] = await this.store.getEntities([current]);
      current = entity?.partOf;
    }
  }

  private stamp(actor: Actor): WriteStamp {
    return { by: actor.name, at: this.now().toISOString() };
  }

  /** The records validation needs, fetched in two batch reads. */
  private async lookups(entityIds: readonly string[], sourceIds: readonly string[]): Promise<WriteLookups> {
    const ids = [...new Set(entityIds)];
    const [entities, sources, outgoing, incoming] = await Promise.all([
      this.store.getEntities(ids),
      this.store.getSources([...new Set(sourceIds)]),
      this.store.getOutgoing(ids),
      this.store.getIncoming(ids),
    ]);
    const byId = new Map(entities.filter((e): e is Entity => e !== undefined).map((e) => [e.id, e]));
    const withEdges = new Set(ids.filter((_, i) => outgoing[i].length + incoming[i].length > 0));
    const knownSources = new Set(sources.filter((s): s is Source => s !== undefined).map((s) => s.id));
    return { entity: (id) => byId.get(id), hasSource: (id) => knownSources.has(id), hasEdges: (id) => withEdges.has(id) };
  }
}

/** A digest of what an addEdge asked for: a retried request has the same one. */
function digest(input: EdgeInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

function stale(id: string, expected: number, current: number): ConflictError {
  return new ConflictError(`edge ${id} is at revision ${current}, not ${expected}: reload it and apply your change again`);
}
