// The answer as files: CSV of the impacts and of the paths, JSON of the whole answer. Pure;
// download.ts turns the text into a download.

import type { Answer } from './machine';
import { toSearch, type QueryState } from './state';

export type Cell = string | number | boolean | null | undefined;

/**
 * One CSV cell (RFC 4180). A text that starts with = + - @ (or a tab or carriage return) is
 * read as a formula by spreadsheets, and entity names and explanations come from the graph,
 * which researchers write: such a cell gets a leading single quote so it stays text.
 */
export function csvCell(value: Cell): string {
  if (value == null) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Every reached entity, strongest first, and whether the graph draws it. */
export function impactsCsv(answer: Answer, drawn: ReadonlySet<string>): string {
  return toCsv(
    [
      'rank',
      'entity_id',
      'entity_name',
      'direction',
      'strength',
      'hops',
      'path_count',
      'mixed',
      'earliest_arrival_days',
      'net_effect',
      'agreement',
      'drawn',
    ],
    answer.propagation.impacts.map((impact, i) => [
      i + 1,
      impact.entity.id,
      impact.entity.name,
      impact.direction,
      impact.strength,
      impact.hops,
      impact.pathCount,
      impact.mixed,
      impact.earliestArrivalDays,
      impact.netEffect,
      impact.agreement,
      drawn.has(impact.entity.id),
    ]),
  );
}

/** The listed paths, strongest first; entities and edges as ids joined by " > ". */
export function pathsCsv(answer: Answer): string {
  return toCsv(
    ['rank', 'strength', 'direction', 'hops', 'lag_days', 'entity_ids', 'edge_ids', 'explanation'],
    answer.propagation.paths.map((path, i) => [
      i + 1,
      path.strength,
      path.direction,
      path.edges.length,
      path.lagDays,
      path.entities.map((e) => e.id).join(' > '),
      path.edges.map((e) => e.id).join(' > '),
      path.explanation.text,
    ]),
  );
}

/** The query (with its shareable query string), the impacts, the paths and any comparison. */
export function answerJson(answer: Answer): string {
  const { query, propagation } = answer;
  return `${JSON.stringify(
    {
      query: { ...query, search: toSearch(query) },
      shocks: answer.shocks,
      impacts: propagation.impacts,
      paths: propagation.paths.map((p) => ({ ...p, hops: p.edges.length })),
      connectingPaths: answer.connecting,
      comparison: propagation.comparison,
    },
    null,
    2,
  )}\n`;
}

/** e.g. "boj-policy-rate-up-3-hops-impacts.csv", "srf-stealth-qe-4-hops.json". */
export function exportFileName(query: QueryState, what: string | null, extension: string): string {
  const subject = query.scenario ?? `${query.shock ?? 'query'}-${query.direction.toLowerCase()}`;
  const counterfactual = query.disableEntities.length || query.disableEdges.length ? '-counterfactual' : '';
  const base = `${subject}-${query.hops}-hops${counterfactual}${what ? `-${what}` : ''}`;
  return `${base.replace(/[^A-Za-z0-9._-]+/g, '-')}.${extension}`;
}
