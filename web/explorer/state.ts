// The query lives in the URL so that a view can be shared, and each run is a history entry:
//   ?shock=boj-policy-rate&dir=UP&hops=3&min=0.05&paths=100
//   ?scenario=boj-hike&hops=3&min=0.05&paths=100
// plus, optionally, horizon=<days> and a counterfactual: disable=<entity-id>,<entity-id>
// and disableEdges=<edge-id>,<edge-id>. Unknown or out-of-range values fall back to the
// defaults, so a hand-edited URL still loads. Pure: the history controller does the
// reading and writing of window.location.

import { inRange, LIMITS } from '../../src/domain/limits/argument-limits';
import type { Direction } from './model';

export interface QueryState {
  /** Entity id of the single shock; ignored when `scenario` is set. */
  shock: string | null;
  scenario: string | null;
  direction: Direction;
  hops: number;
  minStrength: number;
  horizonDays: number | null;
  /** How many of the strongest paths to list and draw (the API's topPaths). */
  topPaths: number;
  disableEntities: string[];
  disableEdges: string[];
}

export const DEFAULTS: QueryState = {
  shock: null,
  scenario: null,
  direction: 'UP',
  hops: LIMITS.propagate.maxHops.default,
  minStrength: LIMITS.propagate.minStrength.default,
  horizonDays: null,
  topPaths: 100,
  disableEntities: [],
  disableEdges: [],
};

/** The API's ranges, from the one table the server validates with (src/domain/limits). */
export const HOPS_RANGE = LIMITS.propagate.maxHops;
export const TOP_PATHS_RANGE = LIMITS.propagate.topPaths;
export const MIN_STRENGTH_RANGE = LIMITS.propagate.minStrength;
export const HORIZON_RANGE = LIMITS.propagate.horizonDays;
/** The choices the "paths drawn" control offers; a URL may name any count in the range. */
export const TOP_PATHS_CHOICES = [25, 50, 100, 250, 500, 1000] as const;

export function clampHops(value: number): number {
  if (!Number.isFinite(value)) return DEFAULTS.hops;
  return Math.min(HOPS_RANGE.max, Math.max(HOPS_RANGE.min, Math.round(value)));
}

/** A whole number within the API's range, else the default. */
export function validTopPaths(value: number): number {
  return Number.isInteger(value) && value >= TOP_PATHS_RANGE.min && value <= TOP_PATHS_RANGE.max ? value : DEFAULTS.topPaths;
}

/** minStrength as the API allows it. */
export function validMinStrength(value: number): boolean {
  return inRange(value, MIN_STRENGTH_RANGE);
}

export function hasQuery(state: QueryState): boolean {
  return Boolean(state.scenario || state.shock);
}

function list(value: string | null): string[] {
  if (!value) return [];
  return [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function readState(search: string): QueryState {
  const params = new URLSearchParams(search);
  const dir = params.get('dir')?.toUpperCase();
  const hops = params.has('hops') ? clampHops(Number(params.get('hops'))) : DEFAULTS.hops;
  const min = Number(params.get('min'));
  const horizon = Number(params.get('horizon'));
  return {
    shock: params.get('shock')?.trim() || null,
    scenario: params.get('scenario')?.trim() || null,
    direction: dir === 'DOWN' ? 'DOWN' : 'UP',
    hops,
    minStrength: params.has('min') && validMinStrength(min) ? min : DEFAULTS.minStrength,
    horizonDays: params.get('horizon') && Number.isInteger(horizon) && horizon >= 0 ? horizon : null,
    topPaths: params.has('paths') ? validTopPaths(Number(params.get('paths'))) : DEFAULTS.topPaths,
    disableEntities: list(params.get('disable')),
    disableEdges: list(params.get('disableEdges')),
  };
}

/** The query string for a state, in a fixed key order so equal views give equal URLs. */
export function toSearch(state: QueryState): string {
  const params = new URLSearchParams();
  if (state.scenario) {
    params.set('scenario', state.scenario);
  } else if (state.shock) {
    params.set('shock', state.shock);
    params.set('dir', state.direction);
  }
  params.set('hops', String(state.hops));
  params.set('min', String(state.minStrength));
  if (state.horizonDays != null) params.set('horizon', String(state.horizonDays));
  params.set('paths', String(state.topPaths));
  if (state.disableEntities.length) params.set('disable', state.disableEntities.join(','));
  if (state.disableEdges.length) params.set('disableEdges', state.disableEdges.join(','));
  // URLSearchParams escapes commas; ids are kebab-case, so plain commas read better when shared.
  return `?${params.toString().replace(/%2C/g, ',')}`;
}

export function sameQuery(a: QueryState | null, b: QueryState | null): boolean {
  return a === b || (a !== null && b !== null && toSearch(a) === toSearch(b));
}
