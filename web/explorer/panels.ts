// The lists of the tabs: ranked paths, impacts, the counterfactual comparison and feedback
// loops. Each renderer replaces its container's content and reports clicks through
// callbacks, so the tab views (tabs/*.tab.ts) decide what a click does.

import { formatShare, formatSigned } from './answer-views';
import { arrow, formatStrength, h } from './dom';
import { pathMoves } from './drawing';
import type { LoopsState } from './machine';
import type { ChangeKind, CutPath, Direction, EdgeDetails, Impact, ImpactChange, TransmissionPath } from './model';

export interface ChainHandlers {
  /** Hovering (preview) or clicking (pin) a chain; null when the pointer leaves. */
  onPreview: (nodeIds: string[] | null, edgeIds: string[]) => void;
  onPin: (key: string, nodeIds: string[], edgeIds: string[]) => void;
  onEntity: (id: string) => void;
  onEdge: (id: string) => void;
}

function directionBadge(direction: Direction): HTMLElement {
  return h(
    'span',
    { class: `badge ${direction.toLowerCase()}`, title: direction === 'UP' ? 'moves up' : 'moves down' },
    `${arrow(direction)} ${direction}`,
  );
}

function entityLink(id: string, name: string, onEntity: (id: string) => void): HTMLElement {
  return h('button', { type: 'button', class: 'link entity-link', 'data-entity-id': id, onclick: () => onEntity(id) }, name);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Hover previews a chain in the graph, a click pins it; both ignore clicks on inner controls. */
function bindChain(el: HTMLElement, key: string, nodeIds: string[], edgeIds: string[], handlers: ChainHandlers): void {
  el.dataset.chain = key;
  el.addEventListener('mouseenter', () => handlers.onPreview(nodeIds, edgeIds));
  el.addEventListener('mouseleave', () => handlers.onPreview(null, []));
  el.addEventListener('click', (event) => {
    if ((event.target as HTMLElement).closest('button, a, summary, details')) return;
    handlers.onPin(key, nodeIds, edgeIds);
  });
}

export interface PathHandlers extends ChainHandlers {
  /** The details of a path's edges, for its steps (mechanism and first quote of each). */
  edges(ids: string[]): Promise<(EdgeDetails | null)[]>;
}

/** A path's steps, built when they are first opened: most paths are never opened. */
function stepsOf(path: TransmissionPath, edges: (EdgeDetails | null)[], handlers: PathHandlers): HTMLElement[] {
  const moves = pathMoves(
    path.direction,
    path.edges.map((e) => e.polarity),
  );
  return path.edges.map((edge, i) => {
    const details = edges[i];
    const from = details?.from ?? { id: path.entities[i].id, name: path.entities[i].id };
    const to = details?.to ?? { id: path.entities[i + 1].id, name: path.entities[i + 1].id };
    return h(
      'li',
      { class: 'step' },
      h(
        'div',
        { class: 'step-head' },
        entityLink(from.id, from.name, handlers.onEntity),
        h('span', { class: `move ${moves[i].toLowerCase()}` }, arrow(moves[i])),
        h('span', { class: `edge-sign ${edge.polarity.toLowerCase()}`, title: edge.polarity }, edge.polarity === 'NEGATIVE' ? '⊣' : '→'),
        entityLink(to.id, to.name, handlers.onEntity),
        h('span', { class: `move ${moves[i + 1].toLowerCase()}` }, arrow(moves[i + 1])),
      ),
      details ? h('p', { class: 'step-mechanism' }, details.mechanism) : h('p', { class: 'muted' }, 'This edge is no longer in the graph.'),
      details?.evidence[0] ? h('blockquote', { class: 'step-quote' }, details.evidence[0].quote) : null,
      h(
        'button',
        { type: 'button', class: 'link step-edge', 'data-edge-id': edge.id, onclick: () => handlers.onEdge(edge.id) },
        `Edge ${edge.id} · weight ${edge.weight} · evidence →`,
      ),
    );
  });
}

export function renderPaths(container: HTMLElement, paths: TransmissionPath[], totalPaths: number, handlers: PathHandlers): void {
  if (!paths.length) {
    container.replaceChildren(h('li', { class: 'empty' }, 'No path reaches the threshold. Lower it or allow more hops.'));
    return;
  }
  const items = paths.map((path, index) => {
    const nodeIds = path.entities.map((e) => e.id);
    const edgeIds = path.edges.map((e) => e.id);
    const hops = path.edges.length;
    const list = h('ol', {}, h('li', { class: 'empty' }, 'Loading the steps…'));
    const steps = h('details', { class: 'path-steps' }, h('summary', {}, `${plural(hops, 'step')} with mechanism and quote`), list);
    let loaded = false;
    steps.addEventListener('toggle', () => {
      if (!steps.open || loaded) return;
      loaded = true;
      handlers
        .edges(edgeIds)
        .then((edges) => list.replaceChildren(...stepsOf(path, edges, handlers)))
        .catch(() => {
          loaded = false;
          list.replaceChildren(h('li', { class: 'empty' }, 'Could not load the steps: close and open again to retry.'));
        });
    });
    const item = h(
      'li',
      { class: 'path', 'data-index': index, 'data-direction': path.direction },
      h(
        'div',
        { class: 'path-head' },
        h('span', { class: 'rank' }, `#${index + 1}`),
        directionBadge(path.direction),
        h('span', { class: 'strength', title: 'strength: magnitude × product of the weights' }, formatStrength(path.strength)),
        h('span', { class: 'meta' }, `${plural(hops, 'hop')} · ${path.lagDays === 0 ? 'same day' : `${plural(path.lagDays, 'day')}`}`),
      ),
      h('p', { class: 'path-explanation' }, path.explanation.text),
      steps,
    );
    bindChain(item, `path:${index}`, nodeIds, edgeIds, handlers);
    return item;
  });
  const note =
    totalPaths > paths.length
      ? h('li', { class: 'list-note' }, `The ${paths.length} strongest of ${totalPaths} paths above the threshold.`)
      : null;
  container.replaceChildren(...items, ...(note ? [note] : []));
}

export function renderImpacts(
  container: HTMLElement,
  impacts: Impact[],
  undrawn: ReadonlySet<string>,
  onEntity: (id: string) => void,
): void {
  if (!impacts.length) {
    container.replaceChildren(h('li', { class: 'empty' }, 'Nothing is reached above the threshold.'));
    return;
  }
  container.replaceChildren(
    ...impacts.map((impact) =>
      h(
        'li',
        {
          class: `impact ${impact.direction.toLowerCase()}`,
          'data-entity-id': impact.entity.id,
          'data-drawn': String(!undrawn.has(impact.entity.id)),
          tabindex: 0,
          onclick: () => onEntity(impact.entity.id),
          onkeydown: (event: Event) => {
            if ((event as KeyboardEvent).key === 'Enter') onEntity(impact.entity.id);
          },
        },
        h('span', { class: `move ${impact.direction.toLowerCase()}` }, arrow(impact.direction)),
        h(
          'span',
          { class: 'impact-name' },
          impact.entity.name,
          impact.mixed ? h('span', { class: 'tag mixed', title: 'paths of both directions end here' }, 'mixed') : null,
          undrawn.has(impact.entity.id)
            ? h('span', { class: 'tag undrawn', title: 'its strongest path could not be fetched, so the graph leaves it out' }, 'not drawn')
            : null,
        ),
        h(
          'span',
          { class: 'bar', title: `strength ${impact.strength}` },
          h('span', { class: 'bar-fill', style: `width:${Math.max(2, Math.round(impact.strength * 100))}%` }),
        ),
        h('span', { class: 'strength' }, formatStrength(impact.strength)),
        h(
          'span',
          {
            class: `net ${impact.netEffect > 0 ? 'up' : impact.netEffect < 0 ? 'down' : ''}`,
            'data-net': impact.netEffect,
            title: 'net effect: the signed sum over every path that ends here',
          },
          `net ${formatSigned(impact.netEffect)}`,
        ),
        h(
          'span',
          { class: 'agreement', 'data-agreement': impact.agreement, title: 'agreement: |net effect| / the sum of the paths’ strengths' },
          `agree ${formatShare(impact.agreement)}`,
        ),
        h(
          'span',
          { class: 'meta' },
          `${plural(impact.hops, 'hop')} · ${plural(impact.pathCount, 'path')} · ${impact.earliestArrivalDays === 0 ? 'day 0' : `day ${impact.earliestArrivalDays}`}`,
        ),
      ),
    ),
  );
}

const CHANGE_ORDER: { kind: ChangeKind; title: string; hint: string }[] = [
  { kind: 'VANISHED', title: 'Vanished', hint: 'reached before, not any more' },
  { kind: 'FLIPPED', title: 'Flipped', hint: 'reached both times, opposite directions' },
  { kind: 'WEAKENED', title: 'Weakened', hint: 'same direction, weaker' },
  { kind: 'APPEARED', title: 'Appeared', hint: 'reached only without what was removed' },
  { kind: 'STRENGTHENED', title: 'Strengthened', hint: 'same direction, stronger' },
];

function impactText(impact: ImpactChange['before']): string {
  return impact ? `${arrow(impact.direction)} ${formatStrength(impact.strength)}` : '—';
}

export interface ComparisonView {
  removed: string[];
  changes: ImpactChange[];
  cutPaths: CutPath[];
}

export function renderComparison(container: HTMLElement, view: ComparisonView | null, handlers: ChainHandlers): void {
  if (!view) {
    container.replaceChildren(
      h(
        'p',
        { class: 'empty' },
        'A counterfactual runs the shock as if an entity (or an edge) did not exist. Pick one in “Remove”, or use “Remove in counterfactual” on an entity’s details, then Run.',
      ),
    );
    return;
  }
  const sections: HTMLElement[] = [
    h(
      'p',
      { class: 'comparison-summary' },
      `Without ${view.removed.join(', ')}: ${plural(view.changes.length, 'impact')} change, ${plural(view.cutPaths.length, 'top path')} cut.`,
    ),
  ];
  for (const { kind, title, hint } of CHANGE_ORDER) {
    const changes = view.changes.filter((c) => c.kind === kind);
    if (!changes.length) continue;
    sections.push(
      h(
        'section',
        { class: `change-group ${kind.toLowerCase()}`, 'data-kind': kind },
        h('h3', {}, `${title} `, h('span', { class: 'count' }, String(changes.length)), h('span', { class: 'hint' }, hint)),
        h(
          'ul',
          {},
          ...changes.map((change) =>
            h(
              'li',
              { class: 'change', 'data-kind': change.kind, 'data-entity-id': change.entity.id },
              entityLink(change.entity.id, change.entity.name, handlers.onEntity),
              h('span', { class: 'change-values' }, `${impactText(change.before)} → ${impactText(change.after)}`),
            ),
          ),
        ),
      ),
    );
  }
  if (!view.changes.length) sections.push(h('p', { class: 'empty' }, 'No impact changes.'));
  if (view.cutPaths.length) {
    sections.push(
      h(
        'section',
        { class: 'cut-paths' },
        h(
          'h3',
          {},
          'Cut paths ',
          h('span', { class: 'count' }, String(view.cutPaths.length)),
          h('span', { class: 'hint' }, 'top paths that ran through what was removed'),
        ),
        h(
          'ol',
          {},
          ...view.cutPaths.map((path, index) => {
            const item = h(
              'li',
              { class: 'cut-path' },
              h(
                'div',
                { class: 'path-head' },
                directionBadge(path.direction),
                h('span', { class: 'strength' }, formatStrength(path.strength)),
              ),
              h('p', { class: 'cut-path-explanation' }, path.entities.map((e) => e.name).join(' → ')),
            );
            bindChain(
              item,
              `cut:${index}`,
              path.entities.map((e) => e.id),
              path.edges.map((e) => e.id),
              handlers,
            );
            return item;
          }),
        ),
      ),
    );
  }
  container.replaceChildren(...sections);
}

export function renderLoops(container: HTMLElement, header: HTMLElement, view: LoopsState, onLoop: (index: number) => void): void {
  if (!view.through) {
    header.textContent = 'Feedback loops';
    container.replaceChildren(h('li', { class: 'empty' }, 'Run a shock or select an entity to see the loops through it.'));
    return;
  }
  header.replaceChildren('Loops through ', h('strong', {}, view.through.name));
  if (view.status === 'loading' || view.status === 'idle') {
    container.replaceChildren(h('li', { class: 'empty' }, 'Loading…'));
    return;
  }
  if (!view.loops.length) {
    container.replaceChildren(
      h(
        'li',
        { class: 'empty' },
        view.status === 'failed' ? 'Could not load the loops.' : 'No feedback loop of up to 6 edges runs through it.',
      ),
    );
    return;
  }
  container.replaceChildren(
    ...view.loops.map((loop, index) => {
      const chain = [...loop.entities.map((e) => e.name), loop.entities[0]?.name].join(' → ');
      return h(
        'li',
        {
          class: `loop${index === view.active ? ' active' : ''}`,
          'data-kind': loop.kind,
          'data-index': index,
          tabindex: 0,
          onclick: () => onLoop(index),
          onkeydown: (event: Event) => {
            if ((event as KeyboardEvent).key === 'Enter') onLoop(index);
          },
        },
        h(
          'div',
          { class: 'path-head' },
          h('span', { class: `badge ${loop.kind === 'REINFORCING' ? 'reinforcing' : 'balancing'}` }, loop.kind),
          h('span', { class: 'strength', title: 'product of the weights around the loop' }, formatStrength(loop.strength)),
          h('span', { class: 'meta' }, plural(loop.length, 'edge')),
        ),
        h('p', { class: 'loop-chain' }, chain),
      );
    }),
  );
}
