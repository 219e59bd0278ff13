// From the shock to one entity: the channels (the strongest paths that end there), their net
// effect and agreement, and the edges the answer hinges on (`channels` with contributions).
// The channels are drawn and highlighted in the graph, whatever part of them the propagation
// left out included; hovering a channel or an edge brings it out, a click keeps it.

import { fetchChannels } from '../api';
import { channelTarget, formatShare, formatSigned } from '../answer-views';
import type { TabView } from '../controllers/tabs';
import { arrow, formatStrength, h } from '../dom';
import type { Answer, ExplorerState } from '../machine';
import type { Channels, ChannelPath, ChannelsArgs, EdgeContribution, ShockInput } from '../model';
import type { ChainShape, TabContext } from './context';

export const CHANNELS_TAB = 'channels';
/** Channels listed and drawn. */
const TOP_CHANNELS = 10;

type View =
  | { status: 'idle' }
  | { status: 'loading'; key: string }
  | { status: 'ready'; key: string; channels: Channels }
  | { status: 'failed'; key: string; message: string };

/** The shocks a channels query can start from: the form's, or the scenario's (with magnitudes). */
function shockInputs(answer: Answer): (ShockInput & { name: string })[] {
  if (answer.scenario) {
    return answer.scenario.shocks.map((s) => ({
      entityId: s.entity.id,
      direction: s.direction,
      magnitude: s.magnitude,
      name: s.entity.name,
    }));
  }
  return answer.shocks.map((s) => ({ entityId: s.id, direction: s.direction, name: s.name }));
}

function pathChain(path: ChannelPath): ChainShape {
  return {
    entities: path.entities,
    edges: path.edges.map((edge, i) => ({ ...edge, from: { id: path.entities[i].id }, to: { id: path.entities[i + 1].id } })),
  };
}

function contributionChain(c: EdgeContribution): ChainShape {
  return { entities: [c.edge.from, c.edge.to], edges: [{ ...c.edge, from: { id: c.edge.from.id }, to: { id: c.edge.to.id } }] };
}

/** Every channel's entities and edges at once (each counted once). */
function unionChain(paths: ChannelPath[]): ChainShape {
  const entities = new Map<string, ChainShape['entities'][number]>();
  const edges = new Map<string, ChainShape['edges'][number]>();
  for (const path of paths) {
    const chain = pathChain(path);
    for (const e of chain.entities) entities.set(e.id, e);
    for (const e of chain.edges) edges.set(e.id, e);
  }
  return { entities: [...entities.values()], edges: [...edges.values()] };
}

export function channelsTab(ctx: TabContext): TabView {
  let answer: Answer | null = null;
  let fromIndex = 0;
  let target: string | null = null;
  let view: View = { status: 'idle' };
  let active = false;
  /** What the graph shows while this tab is active: all channels, or the one clicked. */
  let kept: ChainShape | null = null;

  const fromSelect = h('select', { id: 'channels-from', 'aria-label': 'From (the shock)' });
  const toSelect = h('select', { id: 'channels-to', 'aria-label': 'To (a reached entity)' });
  const controls = h(
    'div',
    { class: 'channels-controls' },
    h('label', { class: 'channels-from' }, 'From ', fromSelect),
    h('label', {}, 'To ', toSelect),
  );
  const summary = h('div', { id: 'channels-summary', class: 'channels-summary', 'aria-live': 'polite' });
  const list = h('ol', { id: 'channels', class: 'path-list channel-list' });
  const hinges = h('ul', { id: 'contributions', class: 'contribution-list' });
  const hingesHeader = h('h3', { class: 'section-title', hidden: true }, 'The edges it hinges on');
  const root = h(
    'div',
    { id: 'channels-view' },
    h('p', { class: 'empty', id: 'channels-empty' }, 'Run a shock, then pick a reached entity to see the channels that carry it there.'),
    controls,
    summary,
    list,
    hingesHeader,
    hinges,
  );

  fromSelect.addEventListener('change', () => {
    fromIndex = Number(fromSelect.value);
    load();
  });
  toSelect.addEventListener('change', () => {
    target = toSelect.value || null;
    load();
  });

  const show = (chain: ChainShape | null) => ctx.showChain(active ? chain : null);

  function args(): ChannelsArgs | null {
    if (!answer || !target) return null;
    const from = shockInputs(answer)[fromIndex];
    if (!from) return null;
    const { name: _name, ...shock } = from;
    return {
      from: shock,
      to: target,
      maxHops: answer.query.hops,
      minStrength: answer.query.minStrength,
      topPaths: TOP_CHANNELS,
      avoid: answer.query.disableEntities,
    };
  }

  function load(): void {
    const a = args();
    if (!a) {
      view = { status: 'idle' };
      draw();
      return;
    }
    const key = JSON.stringify(a);
    if (view.status !== 'idle' && view.key === key) return;
    view = { status: 'loading', key };
    draw();
    fetchChannels(a)
      .then((channels) => {
        if (view.status === 'loading' && view.key === key) view = { status: 'ready', key, channels };
      })
      .catch((error: Error) => {
        if (view.status === 'loading' && view.key === key) view = { status: 'failed', key, message: error.message };
      })
      .finally(draw);
  }

  function fillSelects(): void {
    if (!answer) return;
    const shocks = shockInputs(answer);
    fromSelect.replaceChildren(...shocks.map((s, i) => h('option', { value: i }, `${s.name} ${arrow(s.direction)}`)));
    fromSelect.value = String(fromIndex);
    (fromSelect.parentElement as HTMLElement).hidden = shocks.length < 2;
    const shockIds = new Set(shocks.map((s) => s.entityId));
    const reached = answer.propagation.impacts.filter((i) => !shockIds.has(i.entity.id));
    toSelect.replaceChildren(
      ...reached.map((i) => h('option', { value: i.entity.id }, `${i.entity.name} (${arrow(i.direction)} ${formatStrength(i.strength)})`)),
    );
    if (target) toSelect.value = target;
  }

  function draw(): void {
    const empty = root.querySelector<HTMLElement>('#channels-empty')!;
    const hasTarget = Boolean(answer && target);
    empty.hidden = hasTarget;
    if (answer && !target) empty.textContent = 'Nothing is reached above the threshold, so there is no channel to show.';
    controls.hidden = !hasTarget;
    if (view.status !== 'ready') {
      list.replaceChildren();
      hinges.replaceChildren();
      hingesHeader.hidden = true;
      summary.replaceChildren(
        view.status === 'loading'
          ? h('p', { class: 'empty' }, 'Loading the channels…')
          : view.status === 'failed'
            ? h('p', { class: 'error-inline' }, `Could not load the channels: ${view.message}`)
            : '',
      );
      kept = null;
      show(null);
      return;
    }
    const { channels } = view;
    const name = toSelect.selectedOptions[0]?.textContent?.replace(/ \(.*\)$/, '') ?? target!;
    const notes: string[] = [];
    if (answer!.query.disableEdges.length) notes.push('Removed edges are not left out here (channels take entities to avoid, not edges).');
    summary.replaceChildren(
      h(
        'p',
        { class: 'channels-figures' },
        h(
          'span',
          { class: `net ${channels.netEffect > 0 ? 'up' : channels.netEffect < 0 ? 'down' : ''}`, 'data-net': channels.netEffect },
          `Net ${formatSigned(channels.netEffect)}`,
        ),
        h('span', { class: 'agreement', 'data-agreement': channels.agreement }, `agreement ${formatShare(channels.agreement)}`),
        h(
          'span',
          { class: 'meta', 'data-path-count': channels.pathCount },
          `${channels.pathCount} path${channels.pathCount === 1 ? '' : 's'} to ${name}`,
        ),
      ),
      channels.pathCount > channels.paths.length
        ? h(
            'p',
            { class: 'list-note' },
            `The ${channels.paths.length} strongest are listed and drawn; the net effect counts all ${channels.pathCount}.`,
          )
        : '',
      ...notes.map((n) => h('p', { class: 'list-note' }, n)),
    );
    list.replaceChildren(
      ...channels.paths.map((path, index) => {
        const chain = pathChain(path);
        const item = h(
          'li',
          { class: 'path channel', 'data-index': index, 'data-direction': path.direction, tabindex: 0 },
          h(
            'div',
            { class: 'path-head' },
            h('span', { class: 'rank' }, `#${index + 1}`),
            h('span', { class: `badge ${path.direction.toLowerCase()}` }, `${arrow(path.direction)} ${path.direction}`),
            h('span', { class: 'strength' }, formatStrength(path.strength)),
            h(
              'span',
              { class: 'meta' },
              `${path.edges.length} hop${path.edges.length === 1 ? '' : 's'} · ${path.lagDays === 0 ? 'same day' : `${path.lagDays} day${path.lagDays === 1 ? '' : 's'}`}`,
            ),
          ),
          h('p', { class: 'path-explanation' }, path.entities.map((e) => e.name).join(' → ')),
        );
        item.addEventListener('mouseenter', () => ctx.showChain(chain));
        item.addEventListener('mouseleave', () => show(kept));
        item.addEventListener('click', () => {
          const again = item.classList.contains('pinned');
          for (const other of list.querySelectorAll('.pinned')) other.classList.remove('pinned');
          item.classList.toggle('pinned', !again);
          kept = again ? unionChain(channels.paths) : chain;
          show(kept);
        });
        return item;
      }),
    );
    hingesHeader.hidden = channels.contributions.length === 0;
    const largest = Math.max(1e-12, ...channels.contributions.map((c) => Math.abs(c.contribution)));
    hinges.replaceChildren(
      ...channels.contributions.map((c) => {
        const item = h(
          'li',
          { class: 'contribution', 'data-edge-id': c.edge.id, 'data-contribution': c.contribution },
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              title: 'The edge and its evidence',
              onclick: () => ctx.dispatch({ type: 'edge-selected', id: c.edge.id }),
            },
            `${c.edge.from.name} ${c.edge.polarity === 'NEGATIVE' ? '⊣' : '→'} ${c.edge.to.name}`,
          ),
          h(
            'span',
            { class: 'bar', title: `contribution ${c.contribution}` },
            h('span', {
              class: `bar-fill ${c.contribution >= 0 ? 'up' : 'down'}`,
              style: `width:${Math.max(2, Math.round((Math.abs(c.contribution) / largest) * 100))}%`,
            }),
          ),
          h('span', { class: `net ${c.contribution >= 0 ? 'up' : 'down'}` }, formatSigned(c.contribution)),
          h('span', { class: 'meta' }, `${c.pathCount} path${c.pathCount === 1 ? '' : 's'}`),
        );
        item.addEventListener('mouseenter', () => ctx.showChain(contributionChain(c)));
        item.addEventListener('mouseleave', () => show(kept));
        return item;
      }),
    );
    kept = unionChain(channels.paths);
    show(kept);
  }

  return {
    id: CHANNELS_TAB,
    label: 'Channels',
    mount: (panel) => panel.append(root),
    render() {},
    react(state: ExplorerState, event, previous) {
      const wasActive = active;
      active = state.tab === CHANNELS_TAB;
      if (state.answer !== answer) {
        answer = state.answer;
        fromIndex = 0;
        view = { status: 'idle' };
        const shockIds = new Set(answer ? shockInputs(answer).map((s) => s.entityId) : []);
        target = answer
          ? channelTarget(answer.propagation.impacts, shockIds, state.selection?.kind === 'entity' ? state.selection.id : null)
          : null;
        fillSelects();
        draw();
      }
      // Selecting a reached entity while the tab is open asks for the channels to it.
      if (active && event.type === 'entity-selected' && state.selection?.id !== previous.selection?.id && answer) {
        if (answer.propagation.impacts.some((i) => i.entity.id === event.id) && event.id !== target) {
          target = event.id;
          toSelect.value = target;
        }
      }
      if (active) load();
      if (active && !wasActive) show(kept);
      if (!active && wasActive) ctx.showChain(null);
    },
  };
}
