// The response with feedback (`response`): where each entity settles, its path over the days
// (lags and first-order adjustment), the day it peaks, and a 90% band from Monte-Carlo draws
// of the weights. The chart draws the chosen entities (the largest at first, up to 8); a day
// slider, or Play, moves a cursor along the days and reads the levels there.

import { LIMITS } from '../../../src/domain/limits/argument-limits';
import { fetchResponse } from '../api';
import { CHART_MAX, defaultChartIds, formatShare, formatSigned, levelsOn, toggleChartId } from '../answer-views';
import type { TabView } from '../controllers/tabs';
import { h } from '../dom';
import type { Answer, ExplorerState } from '../machine';
import type { EntityResponse, ResponseAnswer, ResponseArgs } from '../model';
import { drawResponseChart, SERIES_COLORS } from '../response-chart';
import type { TabContext } from './context';

export const RESPONSE_TAB = 'response';
/** Monte-Carlo draws per answer: enough for stable 5th and 95th percentiles, well under a second. */
export const RESPONSE_SAMPLES = 500;
const DEFAULT_HORIZON = LIMITS.response.horizonDays.default;

type View =
  | { status: 'idle' }
  | { status: 'loading'; answer: Answer }
  | { status: 'ready'; answer: Answer; response: ResponseAnswer }
  | { status: 'failed'; answer: Answer; message: string };

function argsFor(answer: Answer): ResponseArgs {
  const q = answer.query;
  const disable =
    q.disableEntities.length || q.disableEdges.length
      ? {
          ...(q.disableEntities.length ? { entities: q.disableEntities } : {}),
          ...(q.disableEdges.length ? { edges: q.disableEdges } : {}),
        }
      : undefined;
  return {
    ...(q.scenario ? { scenario: q.scenario } : { shocks: [{ entityId: q.shock!, direction: q.direction }] }),
    disable,
    horizonDays: Math.min(LIMITS.response.horizonDays.max, q.horizonDays ?? DEFAULT_HORIZON),
    samples: RESPONSE_SAMPLES,
    seed: 1,
  };
}

/** A band as an error bar on the −1..1 scale: the 90% interval, the median and the steady state. */
function bandBar(entity: EntityResponse): HTMLElement {
  const pos = (v: number) => `${((v + 1) / 2) * 100}%`;
  const bar = h('span', {
    class: 'band-bar',
    title: entity.band ? `90% of draws: ${formatSigned(entity.band.p05)} to ${formatSigned(entity.band.p95)}` : '',
  });
  bar.append(h('span', { class: 'band-zero' }));
  if (entity.band) {
    const left = Math.min(entity.band.p05, entity.band.p95);
    const right = Math.max(entity.band.p05, entity.band.p95);
    bar.append(h('span', { class: 'band-range', style: `left:${pos(left)};width:calc(${pos(right)} - ${pos(left)})` }));
  }
  bar.append(h('span', { class: `band-level ${entity.level >= 0 ? 'up' : 'down'}`, style: `left:${pos(entity.level)}` }));
  return bar;
}

export function responseTab(ctx: TabContext): TabView {
  let view: View = { status: 'idle' };
  let active = false;
  let chosen: string[] = [];
  let day = 0;
  let timer: number | undefined;
  const colors = new Map<string, string>();

  const summary = h('div', { id: 'response-summary', class: 'response-summary', 'aria-live': 'polite' });
  const chartHost = h('div', { id: 'response-chart', class: 'response-chart-host' });
  const slider = h('input', { id: 'response-day', type: 'range', min: 0, max: DEFAULT_HORIZON, value: 0, step: 1, 'aria-label': 'Day' });
  const dayLabel = h('output', { id: 'response-day-label', for: 'response-day' }, 'day 0');
  const play = h(
    'button',
    { type: 'button', id: 'response-play', class: 'secondary', title: 'Move the day cursor from day 0 to the horizon' },
    'Play',
  );
  const dayRow = h('div', { class: 'response-day', hidden: true }, play, slider, dayLabel);
  const readout = h('ul', { id: 'response-readout', class: 'response-readout' });
  const list = h('ul', { id: 'response-list', class: 'response-list' });
  const root = h(
    'div',
    { id: 'response-view' },
    h(
      'p',
      { class: 'empty', id: 'response-empty' },
      'Run a shock, then open this tab: where each entity settles with feedback, when it peaks, and how sure that is.',
    ),
    summary,
    chartHost,
    dayRow,
    readout,
    list,
  );

  const stop = () => {
    window.clearInterval(timer);
    timer = undefined;
    play.textContent = 'Play';
  };
  slider.addEventListener('input', () => {
    stop();
    setDay(Number(slider.value));
  });
  play.addEventListener('click', () => {
    if (timer !== undefined) return stop();
    const last = Number(slider.max);
    if (day >= last) setDay(0);
    play.textContent = 'Pause';
    // About four seconds for the whole horizon.
    const step = Math.max(1, Math.round(last / 60));
    timer = window.setInterval(() => {
      if (day >= last || view.status !== 'ready') return stop();
      setDay(Math.min(last, day + step));
    }, 66);
  });

  function drawnEntities(response: ResponseAnswer): EntityResponse[] {
    const byId = new Map(response.entities.map((e) => [e.entity.id, e]));
    return chosen.map((id) => byId.get(id)).filter((e): e is EntityResponse => Boolean(e));
  }

  function assignColors(): void {
    for (const id of [...colors.keys()]) if (!chosen.includes(id)) colors.delete(id);
    const used = new Set(colors.values());
    for (const id of chosen) {
      if (colors.has(id)) continue;
      const free = SERIES_COLORS.find((c) => !used.has(c)) ?? SERIES_COLORS[0];
      colors.set(id, free);
      used.add(free);
    }
  }

  function setDay(next: number): void {
    day = next;
    slider.value = String(day);
    dayLabel.textContent = `day ${day}`;
    if (view.status !== 'ready') return;
    const drawn = drawnEntities(view.response);
    drawChart();
    readout.replaceChildren(
      ...levelsOn(drawn, day).map(({ id, level }) =>
        h(
          'li',
          { 'data-entity-id': id },
          h('span', { class: 'swatch', style: `background:${colors.get(id)}` }),
          `${drawn.find((e) => e.entity.id === id)!.entity.name} `,
          h('strong', {}, formatSigned(level)),
        ),
      ),
    );
  }

  function drawChart(): void {
    if (view.status !== 'ready' || !active) return;
    const drawn = drawnEntities(view.response);
    if (!drawn.length) {
      chartHost.replaceChildren(h('p', { class: 'empty' }, 'Tick entities below to draw their paths over the days.'));
      return;
    }
    drawResponseChart(chartHost, drawn, { width: chartHost.clientWidth || 320, colors, day });
  }

  function draw(): void {
    const empty = root.querySelector<HTMLElement>('#response-empty')!;
    empty.hidden = view.status !== 'idle';
    dayRow.hidden = view.status !== 'ready';
    if (view.status !== 'ready') {
      stop();
      chartHost.replaceChildren();
      readout.replaceChildren();
      list.replaceChildren();
      summary.replaceChildren(
        view.status === 'loading'
          ? h('p', { class: 'empty' }, `Computing the response with ${RESPONSE_SAMPLES} Monte-Carlo draws…`)
          : view.status === 'failed'
            ? h('p', { class: 'error-inline' }, `Could not compute the response: ${view.message}`)
            : '',
      );
      return;
    }
    const { response } = view;
    const horizon = Math.max(0, (response.entities[0]?.series.length ?? 1) - 1);
    slider.max = String(horizon);
    if (day > horizon) day = horizon;
    summary.replaceChildren(
      h(
        'p',
        {},
        response.converged
          ? `Settles in ${response.steps} steps; ${response.entities.length} entities move. Days 0–${horizon}; bands are the 5th–95th percentiles of ${RESPONSE_SAMPLES} draws of the weights (Beta, from each edge's confidence).`
          : `Did not settle within ${response.steps} steps: the levels are the last step's.`,
      ),
    );
    assignColors();
    setDay(day);
    list.replaceChildren(
      h(
        'li',
        { class: 'response-head', 'aria-hidden': 'true' },
        h('span', {}, ''),
        h('span', {}, 'Entity · 90% band of the end level (−1 … +1)'),
        h('span', {}, 'End'),
        h('span', {}, 'Peak'),
      ),
      ...response.entities.map((entity) => {
        const id = entity.entity.id;
        const on = chosen.includes(id);
        const box = h('input', {
          type: 'checkbox',
          'aria-label': `Draw ${entity.entity.name}`,
          checked: on,
          onchange: () => {
            chosen = toggleChartId(chosen, id);
            draw();
          },
        });
        return h(
          'li',
          {
            class: `response-row${on ? ' drawn' : ''}`,
            'data-entity-id': id,
            'data-level': entity.level,
            'data-peak-day': entity.peakDay,
          },
          h('label', { class: 'response-pick' }, box, on ? h('span', { class: 'swatch', style: `background:${colors.get(id)}` }) : null),
          h(
            'button',
            { type: 'button', class: 'link entity-link', onclick: () => ctx.dispatch({ type: 'entity-selected', id, centre: true }) },
            entity.entity.name,
          ),
          h('span', { class: `level ${entity.level >= 0 ? 'up' : 'down'}` }, formatSigned(entity.level)),
          h('span', { class: 'peak-day' }, `day ${entity.peakDay}`),
          h(
            'span',
            { class: 'band-cell' },
            bandBar(entity),
            entity.band
              ? h(
                  'span',
                  { class: 'band-text', 'data-p05': entity.band.p05, 'data-p95': entity.band.p95 },
                  `${formatSigned(entity.band.p05)} … ${formatSigned(entity.band.p95)} · same way in ${formatShare(entity.band.sameSign)}`,
                )
              : null,
          ),
        );
      }),
    );
    const note = chosen.length >= CHART_MAX ? h('li', { class: 'list-note' }, `At most ${CHART_MAX} entities are drawn at once.`) : null;
    if (note) list.append(note);
  }

  function load(answer: Answer): void {
    view = { status: 'loading', answer };
    draw();
    fetchResponse(argsFor(answer))
      .then((response) => {
        if (view.status !== 'loading' || view.answer !== answer) return;
        const selected = ctx.selectedEntity();
        chosen = defaultChartIds(response.entities, selected);
        day = Math.max(...response.entities.filter((e) => chosen.includes(e.entity.id)).map((e) => e.peakDay), 0);
        view = { status: 'ready', answer, response };
        draw();
      })
      .catch((error: Error) => {
        if (view.status !== 'loading' || view.answer !== answer) return;
        view = { status: 'failed', answer, message: error.message };
        draw();
      });
  }

  return {
    id: RESPONSE_TAB,
    label: 'Response',
    mount: (panel) => panel.append(root),
    render() {},
    react(state: ExplorerState) {
      const wasActive = active;
      active = state.tab === RESPONSE_TAB;
      if (!state.answer) {
        if (view.status !== 'idle') {
          view = { status: 'idle' };
          draw();
        }
        return;
      }
      const current = view.status === 'idle' ? null : view.answer;
      if (active && current !== state.answer) load(state.answer);
      else if (active && !wasActive) drawChart();
      if (!active && wasActive) stop();
    },
  };
}
