// Tabs: the list views under (or beside) the graph. Each view is a TabView in its own module
// (tabs/*.tab.ts), registered once in main.ts; the controller builds its tab and panel,
// switches between them on `tab-changed`, and lets each view render and react to events.
// A new view is a new module and one line in main.ts: neither the state machine nor this
// controller changes.

import { h } from '../dom';
import type { Answer, ExplorerEvent, ExplorerState } from '../machine';
import type { ExplorerStore } from './types';

export interface TabView {
  /** Used in the state (`tab`) and the element ids: `<id>-tab`, `<id>-panel`, `<id>-count`. */
  readonly id: string;
  readonly label: string;
  /** Fills the panel once, when the view is registered. */
  mount?(panel: HTMLElement): void;
  /** Called after every event; compare with `previous` to redraw only what changed. */
  render(state: ExplorerState, previous: ExplorerState | null): void;
  /** The count badge beside the label ('' for none). */
  count?(state: ExplorerState): string;
  /** Effects of the view's own (its requests), after every event. */
  react?(state: ExplorerState, event: ExplorerEvent, previous: ExplorerState): void;
  /**
   * Whether the view comes forward for a new answer (Compare does for a counterfactual). A view
   * that has this and says no for an answer is left for the first tab when it was showing.
   */
  claims?(answer: Answer): boolean;
}

export class TabController {
  private readonly buttons = new Map<string, HTMLButtonElement>();
  private readonly panels = new Map<string, HTMLElement>();
  private readonly counts = new Map<string, HTMLElement>();

  constructor(
    private readonly store: ExplorerStore,
    private readonly strip: HTMLElement,
    private readonly panelHost: HTMLElement,
    private readonly views: TabView[],
  ) {
    strip.setAttribute('role', 'tablist');
    for (const view of views) this.add(view);
    strip.addEventListener('keydown', (event) => this.onKey(event));
    store.subscribe((state, event, previous) => this.update(state, event, previous));
    this.show(store.state.tab);
    for (const view of views) view.render(store.state, null);
  }

  private add(view: TabView): void {
    const count = h('span', { class: 'count', id: `${view.id}-count` });
    const button = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `${view.id}-tab`,
        class: 'tab',
        'data-tab': view.id,
        'aria-controls': `${view.id}-panel`,
        onclick: () => this.store.dispatch({ type: 'tab-changed', tab: view.id }),
      },
      view.label,
      ' ',
      count,
    );
    const panel = h('div', { class: 'tab-panel', role: 'tabpanel', id: `${view.id}-panel`, 'aria-labelledby': `${view.id}-tab` });
    view.mount?.(panel);
    this.strip.append(button);
    this.panelHost.append(panel);
    this.buttons.set(view.id, button);
    this.panels.set(view.id, panel);
    this.counts.set(view.id, count);
  }

  private show(tab: string): void {
    const known = this.buttons.has(tab) ? tab : this.views[0].id;
    for (const [id, button] of this.buttons) {
      const active = id === known;
      button.setAttribute('aria-selected', String(active));
      button.tabIndex = active ? 0 : -1;
      button.classList.toggle('active', active);
      this.panels.get(id)!.hidden = !active;
    }
  }

  private update(state: ExplorerState, event: ExplorerEvent, previous: ExplorerState): void {
    if (state.tab !== previous.tab) this.show(state.tab);
    if (event.type === 'run-succeeded' && state.answer === event.answer) this.chooseFor(state, event.answer);
    for (const view of this.views) {
      view.render(state, previous);
      view.react?.(state, event, previous);
      const count = this.counts.get(view.id)!;
      const text = view.count?.(state) ?? '';
      if (count.textContent !== text) count.textContent = text;
    }
  }

  private chooseFor(state: ExplorerState, answer: Answer): void {
    const claiming = this.views.find((v) => v.claims?.(answer));
    const current = this.views.find((v) => v.id === state.tab);
    if (claiming) this.store.dispatch({ type: 'tab-changed', tab: claiming.id });
    else if (current?.claims && !current.claims(answer)) this.store.dispatch({ type: 'tab-changed', tab: this.views[0].id });
  }

  /** Arrow keys move between tabs, as the ARIA tabs pattern has it. */
  private onKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const ids = this.views.map((v) => v.id);
    const index = ids.indexOf(this.store.state.tab);
    const next = ids[(index + (event.key === 'ArrowRight' ? 1 : ids.length - 1)) % ids.length];
    this.store.dispatch({ type: 'tab-changed', tab: next });
    this.buttons.get(next)?.focus();
  }
}
