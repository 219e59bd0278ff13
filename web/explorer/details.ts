// The #details side panel: an entity, an edge with its evidence, or a summary of the run.

import type { Direction, EdgeDetails, EntityDetails, Impact, Scenario } from './model';
import { formatShare, formatSigned } from './answer-views';
import { disagreementLine, type DisagreeingEdge } from './disagreements';
import { arrow, formatStrength, h } from './dom';

export interface EntityActions {
  onShock(entity: EntityDetails): void;
  onRemove(entity: EntityDetails): void;
  onLoops(entity: EntityDetails): void;
}

export interface EdgeActions {
  onEntity(id: string): void;
  onDisableEdge(edge: EdgeDetails): void;
}

export class DetailsPanel {
  constructor(private readonly root: HTMLElement) {}

  private show(kind: string, ...children: (HTMLElement | null)[]): void {
    this.root.dataset.kind = kind;
    // An entity or an edge gets the larger share of the sidebar; summaries the smaller one.
    this.root.parentElement?.classList.toggle('focus-details', kind === 'entity' || kind === 'edge');
    this.root.replaceChildren(...children.filter((c): c is HTMLElement => c !== null));
    this.root.scrollTop = 0;
  }

  loading(what: string): void {
    this.show('loading', h('p', { class: 'muted' }, `Loading ${what}…`));
  }

  message(text: string): void {
    this.show('message', h('p', { class: 'muted' }, text));
  }

  intro(examples: { label: string; href: string }[]): void {
    this.show(
      'intro',
      h('h2', {}, 'Where does a shock travel?'),
      h(
        'p',
        {},
        'Pick an entity to shock (English names, abbreviations and Chinese names in either script all work) or a scenario from the sources, then Run. ',
        'The graph shows every entity the shock reaches, the strongest transmission paths and the evidence behind each causal edge.',
      ),
      h('p', { class: 'muted' }, 'Try:'),
      h('ul', { class: 'examples' }, ...examples.map((e) => h('li', {}, h('a', { href: e.href }, e.label)))),
    );
  }

  summary(input: {
    scenario: Scenario | null;
    shocks: { name: string; direction: Direction }[];
    impacts: number;
    paths: number;
    removed: string[];
  }): void {
    const { scenario } = input;
    this.show(
      'summary',
      h('div', { class: 'details-kind' }, scenario ? 'Scenario' : 'Shock'),
      h('h2', {}, scenario ? scenario.title : input.shocks.map((s) => `${s.name} ${arrow(s.direction)}`).join(', ')),
      scenario ? h('p', {}, scenario.description) : null,
      scenario ? h('blockquote', { class: 'scenario-quote' }, scenario.quote) : null,
      scenario ? h('p', { class: 'cite' }, `— ${scenario.source.title}`) : null,
      scenario
        ? h('p', { class: 'muted' }, `Shocks: ${scenario.shocks.map((s) => `${s.entity.name} ${arrow(s.direction)}`).join(', ')}`)
        : null,
      h(
        'p',
        { class: 'muted' },
        `${input.impacts} entities reached, ${input.paths} paths listed.${input.removed.length ? ` Counterfactual without ${input.removed.join(', ')}.` : ''} `,
        'Click a node or an edge for its details.',
      ),
    );
  }

  entity(entity: EntityDetails, impact: Impact | null, shocked: Direction | null, actions: EntityActions): void {
    this.show(
      'entity',
      h('div', { class: 'details-kind' }, `Entity · ${entity.kind.replaceAll('_', ' ').toLowerCase()}`),
      h('h2', {}, entity.name),
      h('div', { class: 'details-id' }, entity.id),
      shocked
        ? h(
            'p',
            { class: 'impact-summary' },
            h('span', { class: `badge ${shocked.toLowerCase()}` }, `${arrow(shocked)} shocked ${shocked}`),
          )
        : impact
          ? h(
              'p',
              { class: 'impact-summary' },
              h('span', { class: `badge ${impact.direction.toLowerCase()}` }, `${arrow(impact.direction)} ${impact.direction}`),
              ` strongest path ${formatStrength(impact.strength)} · net ${formatSigned(impact.netEffect)} · agreement ${formatShare(impact.agreement)} · ${impact.hops} hop${impact.hops === 1 ? '' : 's'} · ${impact.pathCount} path${impact.pathCount === 1 ? '' : 's'} · earliest day ${impact.earliestArrivalDays}`,
              impact.mixed ? h('span', { class: 'tag mixed' }, 'mixed') : null,
            )
          : null,
      h('h3', {}, 'Measure'),
      h('p', { class: 'details-measure' }, entity.measure ?? 'No measure: the entity takes no part in causal edges.'),
      entity.description ? h('h3', {}, 'Description') : null,
      entity.description ? h('p', { class: 'details-description' }, entity.description) : null,
      entity.aliases.length ? h('h3', {}, 'Aliases') : null,
      entity.aliases.length ? h('ul', { class: 'aliases' }, ...entity.aliases.map((a) => h('li', { class: 'alias' }, a))) : null,
      h(
        'div',
        { class: 'details-actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => actions.onShock(entity) }, 'Shock this entity'),
        shocked
          ? null
          : h('button', { type: 'button', class: 'secondary', onclick: () => actions.onRemove(entity) }, 'Remove in counterfactual'),
        h('button', { type: 'button', class: 'secondary', onclick: () => actions.onLoops(entity) }, 'Loops through it'),
      ),
    );
  }

  /** `opposites`: the edges that contradict this one (same entities, other polarity), if any. */
  edge(edge: EdgeDetails, actions: EdgeActions, opposites: readonly DisagreeingEdge[] = []): void {
    const fact = (label: string, value: string, cls = '') => [h('dt', {}, label), h('dd', { class: cls }, value)];
    this.show(
      'edge',
      h('div', { class: 'details-kind' }, 'Causal edge'),
      h(
        'h2',
        { class: 'edge-title' },
        h('button', { type: 'button', class: 'link', onclick: () => actions.onEntity(edge.from.id) }, edge.from.name),
        h('span', { class: `edge-sign ${edge.polarity.toLowerCase()}` }, edge.polarity === 'NEGATIVE' ? ' ⊣ ' : ' → '),
        h('button', { type: 'button', class: 'link', onclick: () => actions.onEntity(edge.to.id) }, edge.to.name),
      ),
      h('div', { class: 'details-id' }, edge.id),
      h('p', { class: 'details-mechanism' }, edge.mechanism),
      opposites.length
        ? h(
            'p',
            { class: 'disagreement-note', role: 'note', 'data-opposites': opposites.map((o) => o.id).join(' ') },
            disagreementLine(opposites),
          )
        : null,
      h(
        'dl',
        { class: 'facts' },
        ...fact(
          'Polarity',
          edge.polarity === 'POSITIVE' ? 'POSITIVE (same way)' : 'NEGATIVE (opposite way)',
          `polarity ${edge.polarity.toLowerCase()}`,
        ),
        ...fact('Weight', String(edge.weight)),
        ...fact('Confidence', String(edge.confidence)),
        ...fact('Lag', edge.lagDays === 0 ? 'same day' : `${edge.lagDays} day${edge.lagDays === 1 ? '' : 's'}`),
      ),
      h('h3', {}, `Evidence (${edge.evidence.length})`),
      h(
        'ul',
        { class: 'evidence' },
        ...edge.evidence.map((evidence) =>
          h(
            'li',
            { class: 'evidence-item' },
            // The quote alone, verbatim, in its own element: the source's language helps fonts.
            h('blockquote', { class: 'evidence-quote', lang: evidence.source.language }, evidence.quote),
            evidence.figure ? h('p', { class: 'evidence-figure' }, `Figure: ${evidence.figure}`) : null,
            h(
              'p',
              { class: 'cite' },
              h('cite', { lang: evidence.source.language }, evidence.source.title),
              [evidence.source.author, evidence.source.publishedOn].filter(Boolean).length
                ? ` — ${[evidence.source.author, evidence.source.publishedOn].filter(Boolean).join(', ')}`
                : '',
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'details-actions' },
        h(
          'button',
          { type: 'button', class: 'secondary', onclick: () => actions.onDisableEdge(edge) },
          'Remove this edge in counterfactual',
        ),
      ),
    );
  }
}
