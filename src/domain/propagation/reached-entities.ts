import type { PathOrder } from './path-order';
import { signedStrength, agreementOf } from './path-rule';
import { fillPath, PathTable } from './path-table';
import type { NumericImpact } from './propagation.model';

// The 48-byte state of one entity, as Float64 offsets (0–3) and Int32 offsets (8–11).
const RECORD_F64 = 6;
const RECORD_I32 = 12;
const F_BEST_STRENGTH = 0;
const F_COUNT = 1;
const F_NET = 2; // Σ signed strength
const F_TOTAL = 3; // Σ strength
const I_MIN_HOPS = 8; // 0 while unreached: a path has at least one hop
const I_EARLIEST = 9;
const I_FLAGS = 10; // bit 0: a path arrives UP; bit 1: one arrives DOWN; bit 2: the first in path order arrives DOWN
const I_ROW = 11; // the entity's row in the best-path table, in order of first arrival

/**
 * The per-entity accumulation of a walk (DOMAIN.md's impacts): for every entity a surviving
 * path ends at, the first of its paths in path order, its fewest hops, its count, its
 * earliest arrival, its directions, and the sums behind its net effect and agreement.
 * Every surviving path updates its end entity, so an entity's state is one 48-byte record;
 * the first path's entities and slots, which change rarely, live in a table of rows that
 * grows with the entities reached.
 *
 * Sums are taken in the order the walk finds paths, which is the same on every backend
 * (shocks in id order, each entity's edges in id order), so net effects agree to the bit.
 */
export class ReachedEntities {
  private readonly f64: Float64Array;
  private readonly i32: Int32Array;
  private rows = 0;
  /** Row → entity number. */
  private entity = new Int32Array(16);
  private readonly best: PathTable;

  constructor(
    entityCount: number,
    maxHops: number,
    private readonly order: PathOrder,
  ) {
    const state = new ArrayBuffer(8 * RECORD_F64 * entityCount);
    this.f64 = new Float64Array(state);
    this.i32 = new Int32Array(state);
    this.best = new PathTable(16, maxHops);
  }

  /**
   * Adds a surviving path to the entity it ends at, `node`. The path's numbers come as
   * arguments; its entities and slots are entry 0 of `path` (a walk's current path), whose
   * numbers are filled in only in the rare case that it becomes the entity's first path.
   */
  record(node: number, hops: number, strength: number, sign: number, lag: number, path: PathTable): void {
    const { f64, i32 } = this;
    const f = node * RECORD_F64;
    const i = node * RECORD_I32;
    const minHops = i32[i + I_MIN_HOPS];
    if (minHops === 0) {
      i32[i + I_MIN_HOPS] = hops;
      i32[i + I_EARLIEST] = lag;
      i32[i + I_ROW] = this.addRow(node);
      this.setBest(node, fillPath(path, hops, strength, sign, lag), 0);
    } else {
      if (hops < minHops) i32[i + I_MIN_HOPS] = hops;
      if (lag < i32[i + I_EARLIEST]) i32[i + I_EARLIEST] = lag;
      // Most paths are weaker than the entity's first: one comparison rejects them.
      if (
        strength >= f64[f + F_BEST_STRENGTH] &&
        this.order.compare(fillPath(path, hops, strength, sign, lag), 0, this.best, i32[i + I_ROW]) < 0
      ) {
        this.setBest(node, path, 0);
      }
    }
    f64[f + F_COUNT]++;
    f64[f + F_NET] += signedStrength(strength, sign);
    f64[f + F_TOTAL] += strength;
    i32[i + I_FLAGS] |= sign > 0 ? 1 : 2;
  }

  /** One impact per reached entity: strongest first, then by entity id. */
  toImpacts(): NumericImpact[] {
    const { f64, i32, rows, entity } = this;
    // Sort row numbers on a dense copy of the keys: the per-entity records are spread over
    // the whole graph, and a comparator reaching into them misses the cache at every call.
    const strength = new Float64Array(rows);
    for (let r = 0; r < rows; r++) strength[r] = f64[entity[r] * RECORD_F64 + F_BEST_STRENGTH];
    const order = new Uint32Array(rows);
    for (let r = 0; r < rows; r++) order[r] = r;
    const rank = this.order.entityRank;
    order.sort((a, b) => strength[b] - strength[a] || rank[entity[a]] - rank[entity[b]]);
    return Array.from(order, (row): NumericImpact => {
      const node = entity[row];
      const f = node * RECORD_F64;
      const i = node * RECORD_I32;
      const flags = i32[i + I_FLAGS];
      return {
        node,
        sign: (flags & 4) === 0 ? 1 : -1,
        strength: f64[f + F_BEST_STRENGTH],
        hops: i32[i + I_MIN_HOPS],
        pathCount: f64[f + F_COUNT],
        mixed: (flags & 3) === 3,
        earliestArrivalDays: i32[i + I_EARLIEST],
        netEffect: f64[f + F_NET],
        agreement: agreementOf(f64[f + F_NET], f64[f + F_TOTAL]),
      };
    });
  }

  private setBest(node: number, paths: PathTable, at: number): void {
    const i = node * RECORD_I32;
    this.f64[node * RECORD_F64 + F_BEST_STRENGTH] = paths.strength[at];
    this.i32[i + I_FLAGS] = (this.i32[i + I_FLAGS] & 3) | (paths.sign[at] > 0 ? 0 : 4);
    this.best.copy(this.i32[i + I_ROW], paths, at);
  }

  private addRow(node: number): number {
    const row = this.rows++;
    if (row === this.entity.length) {
      const next = new Int32Array(row * 2);
      next.set(this.entity);
      this.entity = next;
    }
    this.best.ensure(row + 1);
    this.entity[row] = node;
    return row;
  }
}
