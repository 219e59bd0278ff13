import type { PathOrder } from './path-order';
import { agreementOf, directionIndex, netEffectOf } from './path-rule';
import { fillPath, PathTable } from './path-table';
import type { NumericImpact } from './propagation.model';

// The 32-byte state of one entity, as Float64 offsets (0–2) and Uint32 offsets (6–7). One
// record fits half a cache line: records of more than 32 bytes straddle lines and cost a
// fifth of the walk's speed on a graph whose state does not fit the cache.
const RECORD_F64 = 4;
const RECORD_U32 = 8;
const F_BEST_STRENGTH = 0;
const F_UP = 1; // Σ strength of the paths arriving UP; F_UP + 1: of those arriving DOWN
const U_EARLIEST = 6;
// Bits 0–3: the fewest hops (0 while unreached: a path has at least one hop); bit 4: a path
// arrives UP; bit 5: one arrives DOWN; bit 6: the first in path order arrives DOWN; bits
// 7–31: the path count modulo 2^25 (its carries are kept in `countCarries`).
const U_PACKED = 7;
const HOPS_MASK = 0xf;
const ARRIVES_UP = 0x10;
const ARRIVES_DOWN = 0x20;
const FIRST_DOWN = 0x40;
const COUNT_ONE = 0x80;
const COUNT_WRAP = 2 ** 25;

/**
 * The per-entity accumulation of a walk (DOMAIN.md's impacts): for every entity a surviving
 * path ends at, the first of its paths in path order, its fewest hops, its count, its
 * earliest arrival, its directions, and the sums behind its net effect and agreement.
 * Every surviving path updates its end entity, so an entity's state is one 32-byte record;
 * the first path's entities and slots, which change rarely, live in a table of rows that
 * grows with the entities reached.
 *
 * Sums are taken in the order the walk finds paths, which is the same on every backend
 * (shocks in id order, each entity's edges in id order), so net effects agree to the bit.
 */
export class ReachedEntities {
  private readonly f64: Float64Array;
  private readonly u32: Uint32Array;
  /** Entity → its row in the best-path table, in order of first arrival. */
  private readonly rowOf: Int32Array;
  /** Entity → how many times its 25-bit path count wrapped (a walk of tens of millions of paths to one entity). */
  private readonly countCarries = new Map<number, number>();
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
    this.u32 = new Uint32Array(state);
    this.rowOf = new Int32Array(entityCount);
    this.best = new PathTable(16, maxHops);
  }

  /**
   * Adds a surviving path to the entity it ends at, `node`. The path's numbers come as
   * arguments; its entities and slots are entry 0 of `path` (a walk's current path), whose
   * numbers are filled in only in the rare case that it becomes the entity's first path.
   */
  record(node: number, hops: number, strength: number, sign: number, lag: number, path: PathTable): void {
    const { f64, u32 } = this;
    const f = node * RECORD_F64;
    const u = node * RECORD_U32;
    let packed = u32[u + U_PACKED];
    const minHops = packed & HOPS_MASK;
    if (minHops === 0) {
      packed |= hops;
      u32[u + U_EARLIEST] = lag;
      this.rowOf[node] = this.addRow(node);
      packed = this.setBest(node, fillPath(path, hops, strength, sign, lag), 0, packed);
    } else {
      if (hops < minHops) packed = (packed & ~HOPS_MASK) | hops;
      if (lag < u32[u + U_EARLIEST]) u32[u + U_EARLIEST] = lag;
      // Most paths are weaker than the entity's first: one comparison rejects them.
      if (
        strength >= f64[f + F_BEST_STRENGTH] &&
        this.order.compare(fillPath(path, hops, strength, sign, lag), 0, this.best, this.rowOf[node]) < 0
      ) {
        packed = this.setBest(node, path, 0, packed);
      }
    }
    packed = (packed + COUNT_ONE) >>> 0;
    if (packed < COUNT_ONE) this.countCarries.set(node, (this.countCarries.get(node) ?? 0) + 1);
    // ARRIVES_UP for +1, ARRIVES_DOWN (the next bit) for −1, without a branch on the sign.
    u32[u + U_PACKED] = packed | (ARRIVES_UP << ((1 - sign) >> 1));
    f64[f + F_UP + directionIndex(sign)] += strength;
  }

  /** One impact per reached entity: strongest first, then by entity id. */
  toImpacts(): NumericImpact[] {
    const { f64, u32, rows, entity } = this;
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
      const packed = u32[node * RECORD_U32 + U_PACKED];
      return {
        node,
        sign: (packed & FIRST_DOWN) === 0 ? 1 : -1,
        strength: f64[f + F_BEST_STRENGTH],
        hops: packed & HOPS_MASK,
        pathCount: (this.countCarries.get(node) ?? 0) * COUNT_WRAP + (packed >>> 7),
        mixed: (packed & (ARRIVES_UP | ARRIVES_DOWN)) === (ARRIVES_UP | ARRIVES_DOWN),
        earliestArrivalDays: u32[node * RECORD_U32 + U_EARLIEST],
        netEffect: netEffectOf(f64[f + F_UP], f64[f + F_UP + 1]),
        agreement: agreementOf(f64[f + F_UP], f64[f + F_UP + 1]),
      };
    });
  }

  /** Makes path `at` of `paths` the entity's first; returns its packed word with the first path's direction. */
  private setBest(node: number, paths: PathTable, at: number, packed: number): number {
    this.f64[node * RECORD_F64 + F_BEST_STRENGTH] = paths.strength[at];
    this.best.copy(this.rowOf[node], paths, at);
    return paths.sign[at] > 0 ? packed & ~FIRST_DOWN : packed | FIRST_DOWN;
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
