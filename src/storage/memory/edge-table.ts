import {
  curatedHistory,
  SEED_AUTHOR,
  SEED_CREATED_AT,
  type CausalEdge,
  type EdgeRecord,
  type EdgeRevision,
  type Evidence,
} from '../../domain/model/graph.model';
import { compareIds, indexOfId, type CausalLink } from '../../domain/propagation/causal-graph';

const NEGATIVE = 1;
const RETRACTED = 2;

/**
 * Every causal edge of the embedded store, retracted ones included.
 *
 * The edges a store is loaded with sit in columns — typed arrays, and string tables for
 * the text, each distinct string kept once — sorted by id: about 100 bytes per edge instead
 * of the kilobyte a graph of objects costs. A `CausalEdge` object is built only when a read
 * asks for that edge. Edges written later (few, next to a loaded graph) are kept as objects
 * in an overlay that shadows the columns.
 */
export class EdgeTable {
  /** Loaded edge ids, ascending: a row's position. */
  private readonly ids: string[];
  private readonly strings: string[];
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly flags: Uint8Array;
  private readonly weight: Float64Array;
  private readonly confidence: Float64Array;
  private readonly lag: Int32Array;
  private readonly revision: Int32Array;
  private readonly mechanism: Int32Array;
  private readonly createdBy: Int32Array;
  private readonly createdAt: Int32Array;
  /** Row r's evidence: entries evidenceAt[r] .. evidenceAt[r + 1]. */
  private readonly evidenceAt: Int32Array;
  private readonly evidenceSource: Int32Array;
  private readonly evidenceQuote: Int32Array;
  /** -1 when the evidence gives no figure. */
  private readonly evidenceFigure: Int32Array;
  /** Rows whose history is not the curated default. */
  private readonly histories = new Map<number, readonly EdgeRevision[]>();
  /** Edges written since loading, by id; they shadow loaded rows with the same id. */
  private readonly overlay = new Map<string, CausalEdge>();

  constructor(records: readonly EdgeRecord[]) {
    const order = Array.from(records.keys()).sort((a, b) => compareIds(records[a].id, records[b].id));
    const m = records.length;
    const interned = new Map<string, number>();
    this.strings = [];
    const intern = (text: string) => {
      let at = interned.get(text);
      if (at === undefined) {
        at = this.strings.length;
        this.strings.push(text);
        interned.set(text, at);
      }
      return at;
    };
    this.ids = new Array<string>(m);
    this.from = new Int32Array(m);
    this.to = new Int32Array(m);
    this.flags = new Uint8Array(m);
    this.weight = new Float64Array(m);
    this.confidence = new Float64Array(m);
    this.lag = new Int32Array(m);
    this.revision = new Int32Array(m);
    this.mechanism = new Int32Array(m);
    this.createdBy = new Int32Array(m);
    this.createdAt = new Int32Array(m);
    this.evidenceAt = new Int32Array(m + 1);
    let evidenceCount = 0;
    for (const record of records) evidenceCount += record.evidence.length;
    this.evidenceSource = new Int32Array(evidenceCount);
    this.evidenceQuote = new Int32Array(evidenceCount);
    this.evidenceFigure = new Int32Array(evidenceCount);
    let e = 0;
    for (let row = 0; row < m; row++) {
      const record = records[order[row]];
      if (row > 0 && this.ids[row - 1] === record.id) throw new Error(`duplicate causal edge id ${record.id}`);
      const by = record.createdBy ?? SEED_AUTHOR;
      const at = record.createdAt ?? SEED_CREATED_AT;
      this.ids[row] = record.id;
      this.from[row] = intern(record.fromId);
      this.to[row] = intern(record.toId);
      this.flags[row] = (record.polarity === 'NEGATIVE' ? NEGATIVE : 0) | (record.status === 'RETRACTED' ? RETRACTED : 0);
      this.weight[row] = record.weight;
      this.confidence[row] = record.confidence;
      this.lag[row] = record.lagDays;
      this.revision[row] = record.revision ?? 1;
      this.mechanism[row] = intern(record.mechanism);
      this.createdBy[row] = intern(by);
      this.createdAt[row] = intern(at);
      if (record.history && record.history !== curatedHistory(by, at)) this.histories.set(row, record.history);
      this.evidenceAt[row] = e;
      for (const evidence of record.evidence) {
        this.evidenceSource[e] = intern(evidence.sourceId);
        this.evidenceQuote[e] = intern(evidence.quote);
        this.evidenceFigure[e] = evidence.figure === undefined ? -1 : intern(evidence.figure);
        e++;
      }
    }
    this.evidenceAt[m] = e;
  }

  get size(): number {
    let shadowed = 0;
    for (const id of this.overlay.keys()) if (this.rowOf(id) >= 0) shadowed++;
    return this.ids.length - shadowed + this.overlay.size;
  }

  get(id: string): CausalEdge | undefined {
    const written = this.overlay.get(id);
    if (written) return written;
    const row = this.rowOf(id);
    return row < 0 ? undefined : this.build(row);
  }

  has(id: string): boolean {
    return this.overlay.has(id) || this.rowOf(id) >= 0;
  }

  /** Stores an edge's new state (a write). */
  set(edge: CausalEdge): void {
    this.overlay.set(edge.id, edge);
  }

  /** Every edge as an object, in no particular order (exports; builds them all). */
  *values(): IterableIterator<CausalEdge> {
    for (let row = 0; row < this.ids.length; row++) if (!this.overlay.has(this.ids[row])) yield this.build(row);
    yield* this.overlay.values();
  }

  /**
   * The active edges as the propagation index needs them, in id order, without building
   * whole edges: one small object each, dropped once the index is built.
   */
  activeLinks(): CausalLink[] {
    const written = [...this.overlay.values()].sort((a, b) => compareIds(a.id, b.id));
    const links: CausalLink[] = [];
    let w = 0;
    const pushWritten = (edge: CausalEdge) => {
      if (edge.status === 'ACTIVE') links.push(edge);
    };
    for (let row = 0; row < this.ids.length; row++) {
      const id = this.ids[row];
      while (w < written.length && written[w].id < id) pushWritten(written[w++]);
      if (w < written.length && written[w].id === id) {
        pushWritten(written[w++]);
        continue;
      }
      if ((this.flags[row] & RETRACTED) !== 0) continue;
      links.push({
        id,
        fromId: this.strings[this.from[row]],
        toId: this.strings[this.to[row]],
        polarity: (this.flags[row] & NEGATIVE) !== 0 ? 'NEGATIVE' : 'POSITIVE',
        weight: this.weight[row],
        lagDays: this.lag[row],
      });
    }
    while (w < written.length) pushWritten(written[w++]);
    return links;
  }

  private rowOf(id: string): number {
    return indexOfId(this.ids, id);
  }

  private build(row: number): CausalEdge {
    const s = this.strings;
    const evidence: Evidence[] = [];
    for (let e = this.evidenceAt[row]; e < this.evidenceAt[row + 1]; e++) {
      const figure = this.evidenceFigure[e];
      evidence.push(
        figure < 0
          ? { sourceId: s[this.evidenceSource[e]], quote: s[this.evidenceQuote[e]] }
          : { sourceId: s[this.evidenceSource[e]], quote: s[this.evidenceQuote[e]], figure: s[figure] },
      );
    }
    const createdBy = s[this.createdBy[row]];
    const createdAt = s[this.createdAt[row]];
    return {
      id: this.ids[row],
      fromId: s[this.from[row]],
      toId: s[this.to[row]],
      polarity: (this.flags[row] & NEGATIVE) !== 0 ? 'NEGATIVE' : 'POSITIVE',
      weight: this.weight[row],
      confidence: this.confidence[row],
      lagDays: this.lag[row],
      mechanism: s[this.mechanism[row]],
      evidence,
      status: (this.flags[row] & RETRACTED) !== 0 ? 'RETRACTED' : 'ACTIVE',
      revision: this.revision[row],
      createdBy,
      createdAt,
      history: this.histories.get(row) ?? curatedHistory(createdBy, createdAt),
    };
  }
}
