import { ConflictError, InvalidArgumentError, NotFoundError } from '../domain/errors';
import type { CausalEdge, Entity, Source } from '../domain/model/graph.model';
import {
  acceptEdge,
  createEdge,
  edgeIdFor,
  patchEdge,
  patchedInput,
  rejectEdge,
  retractEdge,
  supersededBy,
  type WriteStamp,
} from '../domain/write/revise-edge';
import { QuoteSourceCache, sourceTextProblem, textSha256 } from '../domain/provenance/source-text';
import { prepareQuoteSource, type QuoteSource } from '../domain/provenance/quote-source';
import { findQuote } from '../domain/provenance/find-quote';
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
import type { RecordRevision } from '../domain/model/graph.model';
import { LIMITS } from '../domain/limits/argument-limits';
import { ForbiddenError, hasRole, requireRole, type Actor } from './access';
import type { GraphReads } from './ports/graph-reads.port';
import type { GraphWrites, IdempotencyKey } from './ports/graph-writes.port';

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
 *
 * Review (DOMAIN.md, "Provenance and review"): an admin's edges are ACTIVE at once; a
 * researcher's or a reviewer's are PROPOSED until a reviewer (never their author, unless an
 * admin) accepts or rejects them. A researcher's change to an ACTIVE edge's sign or weight
 * becomes a new PROPOSED edge that supersedes it when accepted; the edge stays as it was
 * meanwhile. Other corrections, and evidence added to an ACTIVE edge, apply at once: they
 * change no analysis, and every added quote citing a source with text is checked verbatim.
 */
export class GraphWriterService {
  private readonly quoteSources = new QuoteSourceCache();

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
    const { created, current } = await this.store.addSource(source, revision, input.text ?? undefined);
    if (!created && reviseSource(current, source, this.stamp(who)) !== undefined) {
      throw new ConflictError(
        `source ${input.id} already exists with other values; sources are not edited in place (set its text with setSourceText)`,
      );
    }
    return current;
  }

  /**
   * Gives a source its text, or replaces it: a new revision in the source's history. Quotes
   * already citing the source are checked against the new text first; the text is refused
   * (naming the first quote it lacks) rather than leave a claim unverifiable.
   */
  async setSourceText(
    actor: Actor | undefined,
    id: string,
    text: string,
    expectedRevision: number,
    reason?: string | null,
  ): Promise<Source> {
    const who = requireRole(actor, 'researcher', 'setSourceText');
    check('text', sourceTextProblem(text));
    validateReason('reason', reason, false);
    if (!Number.isInteger(expectedRevision) || expectedRevision < 1) {
      throw new InvalidArgumentError(
        'expectedRevision',
        `must be the source's current revision, a whole number ≥ 1 (got ${expectedRevision})`,
      );
    }
    const [current] = await this.store.getSources([id]);
    if (!current) throw new NotFoundError(`no source with id "${id}"`);
    if (current.revision !== expectedRevision) {
      throw new ConflictError(
        `source ${id} is at revision ${current.revision}, not ${expectedRevision}: reload it and apply your change again`,
      );
    }
    const sha = textSha256(text);
    if (current.textSha256 === sha) return current;
    const prepared = prepareQuoteSource(text);
    for (const { edgeId, quote } of await this.store.quotesCiting(id)) {
      if (!findQuote(prepared, quote).found) {
        throw new InvalidArgumentError(
          'text',
          `lacks a quote edge ${edgeId} cites from source ${id} ("${quote.length > 80 ? `${quote.slice(0, 80)}…` : quote}"); a text must contain every quote citing it`,
        );
      }
    }
    const revised = reviseSource(current, { ...current, textSha256: sha }, this.stamp(who), reason?.trim() || undefined)!;
    const outcome = await this.store.saveSource(revised.record, revised.revision, expectedRevision, text);
    if (outcome.kind === 'stale') {
      throw new ConflictError(`source ${id} was changed by another write meanwhile; reload it and apply your change again`);
    }
    return outcome.record;
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
    const expiresBefore = new Date(Date.parse(this.stamp(who).at) - IDEMPOTENCY_KEY_HOURS * 3_600_000).toISOString();
    const key = idempotencyKey ? { key: `${who.name}:${idempotencyKey}`, payloadDigest: digest(input), expiresBefore } : undefined;
    return this.create(input, who, key, idempotencyKey);
  }

  /** A new edge: ACTIVE when an admin writes it, else PROPOSED (optionally superseding an active edge). */
  private async create(
    input: EdgeInput,
    who: Actor,
    key?: IdempotencyKey,
    idempotencyKey?: string | null,
    supersedes?: { id: string; reason?: string | null },
  ): Promise<CausalEdge> {
    const stamp = this.stamp(who);
    const status = hasRole(who, 'admin') ? 'ACTIVE' : 'PROPOSED';
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const id = input.id ?? edgeIdFor(input, attempt);
      const created = createEdge(id, input, stamp, status, supersedes);
      const outcome = await this.store.addEdge(created.record, created.revision, key, supersedes?.id);
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
    if (!hasRole(who, 'admin')) {
      const [current] = await this.store.getEdges([id]);
      const changesClaim =
        current !== undefined &&
        ((patch.polarity != null && patch.polarity !== current.polarity) || (patch.weight != null && patch.weight !== current.weight));
      if (current?.status === 'ACTIVE' && changesClaim) {
        checkRevision(id, expectedRevision, current.revision);
        return this.create(patchedInput(current, patch), who, undefined, undefined, { id, reason });
      }
    }
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

  /**
   * A reviewer accepts a proposal: it becomes ACTIVE (and the edge it supersedes, if any and
   * still ACTIVE, is retracted in the same write). A reviewer may not accept their own.
   */
  async acceptEdge(actor: Actor | undefined, id: string, expectedRevision: number, reason?: string | null): Promise<CausalEdge> {
    const who = requireRole(actor, 'reviewer', 'acceptEdge');
    validateReason('reason', reason, false);
    const [current] = await this.store.getEdges([id]);
    if (!current) throw new NotFoundError(`no causal edge with id "${id}"`);
    checkRevision(id, expectedRevision, current.revision);
    this.checkNotOwn(who, current, 'accept');
    const accepted = acceptEdge(current, this.stamp(who), reason);
    const [history] = await this.store.getEdgeHistories([id]);
    const replacedId = supersededBy(history);
    const [replaced] = replacedId ? await this.store.getEdges([replacedId]) : [undefined];
    const changes = [{ next: accepted.record, revision: accepted.revision, expectedRevision }];
    if (replaced?.status === 'ACTIVE') {
      const retracted = retractEdge(
        replaced,
        this.stamp(who),
        `superseded by ${id}, accepted${reason?.trim() ? `: ${reason.trim()}` : ''}`,
      );
      changes.push({ next: retracted.record, revision: retracted.revision, expectedRevision: replaced.revision });
    }
    return this.apply(id, expectedRevision, changes);
  }

  /** A reviewer turns a proposal down, with a reason; it stays readable by id with its history. */
  async rejectEdge(actor: Actor | undefined, id: string, expectedRevision: number, reason: string): Promise<CausalEdge> {
    const who = requireRole(actor, 'reviewer', 'rejectEdge');
    validateReason('reason', reason, true);
    return this.revise(id, expectedRevision, (edge) => {
      this.checkNotOwn(who, edge, 'reject');
      return rejectEdge(edge, this.stamp(who), reason);
    });
  }

  private checkNotOwn(who: Actor, edge: CausalEdge, verb: string): void {
    if (edge.status === 'PROPOSED' && edge.createdBy === who.name && !hasRole(who, 'admin')) {
      throw new ForbiddenError(`${who.name} proposed edge ${edge.id}; another reviewer must ${verb} it`);
    }
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
    return this.apply(id, expectedRevision, [{ next: next.record, revision: next.revision, expectedRevision }]);
  }

  private async apply(
    id: string,
    expectedRevision: number,
    changes: Array<{ next: CausalEdge; revision: RecordRevision; expectedRevision: number }>,
  ): Promise<CausalEdge> {
    const outcome = await this.store.replaceEdges(changes);
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
    const known = sources.filter((s): s is Source => s !== undefined);
    const knownSources = new Set(known.map((s) => s.id));
    const texts = await this.textsOf(known);
    return {
      entity: (id) => byId.get(id),
      hasSource: (id) => knownSources.has(id),
      hasEdges: (id) => withEdges.has(id),
      quoteSource: (id) => texts.get(id),
    };
  }

  /** The texts of the sources that carry one, prepared for quote checks (each read and indexed once per text). */
  private async textsOf(sources: readonly Source[]): Promise<Map<string, QuoteSource>> {
    const withText = sources.filter((s) => s.textSha256 !== undefined);
    const missing = withText.filter((s) => !this.quoteSources.has(s.textSha256!));
    const read = missing.length > 0 ? await this.store.getSourceTexts(missing.map((s) => s.id)) : [];
    const fetched = new Map(missing.map((s, i) => [s.textSha256!, read[i]]));
    const prepared = new Map<string, QuoteSource>();
    for (const source of withText) {
      const text = fetched.get(source.textSha256!);
      if (!this.quoteSources.has(source.textSha256!) && text === undefined) continue;
      prepared.set(
        source.id,
        this.quoteSources.get(source.textSha256!, () => text!),
      );
    }
    return prepared;
  }
}

/** A digest of what an addEdge asked for: a retried request has the same one. */
function digest(input: EdgeInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

function checkRevision(id: string, expected: number, current: number): void {
  if (!Number.isInteger(expected) || expected < 1) {
    throw new InvalidArgumentError('expectedRevision', `must be the edge's current revision, a whole number ≥ 1 (got ${expected})`);
  }
  if (current !== expected) throw stale(id, expected, current);
}

function check(argument: string, problem: string | undefined): void {
  if (problem) throw new InvalidArgumentError(argument, problem);
}

function stale(id: string, expected: number, current: number): ConflictError {
  return new ConflictError(`edge ${id} is at revision ${current}, not ${expected}: reload it and apply your change again`);
}
