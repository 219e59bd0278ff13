// The query form: shock search or scenario, direction, hops, threshold, horizon, and the
// counterfactual's removed entities and edges (shown as chips), plus the "paths drawn"
// control under the graph. It reads into and writes from a QueryState; running is the run
// controller's business.

import { byId, h } from './dom';
import type { EntityDetails, EntityRef, Scenario } from './model';
import { SearchBox } from './search-box';
import {
  clampHops,
  HOPS_RANGE,
  HORIZON_RANGE,
  MIN_STRENGTH_RANGE,
  TOP_PATHS_CHOICES,
  validMinStrength,
  validTopPaths,
  type QueryState,
} from './state';

export interface ControlsOptions {
  /** Looks an entity up by id, to show names for ids that came from a URL. */
  entity(id: string): Promise<EntityDetails | null>;
  onSubmit(): void;
  /** The number of paths drawn was changed. */
  onTopPaths: () => void;
  onError: (error: Error) => void;
}

export class Controls {
  private readonly form = byId<HTMLFormElement>('controls');
  private readonly shockInput = byId<HTMLInputElement>('shock-search');
  private readonly scenario = byId<HTMLSelectElement>('scenario');
  private readonly direction = byId<HTMLSelectElement>('direction');
  private readonly hops = byId<HTMLInputElement>('hops');
  private readonly minStrength = byId<HTMLInputElement>('min-strength');
  private readonly horizon = byId<HTMLInputElement>('horizon');
  private readonly topPaths = byId<HTMLSelectElement>('top-paths');
  private readonly chips = byId('disabled-chips');
  private readonly shockBox: SearchBox;
  private readonly disableBox: SearchBox;

  private shockChoice: EntityRef | null = null;
  private removedEntities: EntityRef[] = [];
  private removedEdges: string[] = [];

  constructor(private readonly options: ControlsOptions) {
    // The inputs' bounds come from the same table the API validates with.
    Object.assign(this.hops, { min: String(HOPS_RANGE.min), max: String(HOPS_RANGE.max) });
    Object.assign(this.minStrength, { min: String(MIN_STRENGTH_RANGE.min) });
    Object.assign(this.horizon, { min: String(HORIZON_RANGE.min), max: String(HORIZON_RANGE.max) });
    this.shockBox = new SearchBox({
      input: this.shockInput,
      list: byId('shock-suggestions'),
      onChoose: (entity) => this.chooseShock(entity),
      onEdit: () => {
        this.shockChoice = null;
        if (this.scenario.value) this.setScenario('');
      },
      onError: options.onError,
    });
    this.disableBox = new SearchBox({
      input: byId<HTMLInputElement>('disable-search'),
      list: byId('disable-suggestions'),
      onChoose: (entity) => {
        this.addRemovedEntity(entity);
        this.disableBox.clear();
      },
      onError: options.onError,
    });
    this.scenario.addEventListener('change', () => {
      this.setScenario(this.scenario.value);
      if (this.scenario.value) {
        this.shockChoice = null;
        this.shockBox.clear();
      }
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      options.onSubmit();
    });
    this.setTopPaths(100);
    this.topPaths.addEventListener('change', () => options.onTopPaths());
  }

  /** The choices, plus the URL's count when it is not one of them. */
  private setTopPaths(count: number): void {
    const choices: number[] = [...TOP_PATHS_CHOICES];
    if (!choices.includes(count)) choices.push(count);
    choices.sort((a, b) => a - b);
    if ([...this.topPaths.options].map((o) => Number(o.value)).join() !== choices.join()) {
      this.topPaths.replaceChildren(...choices.map((n) => h('option', { value: n }, String(n))));
    }
    this.topPaths.value = String(count);
  }

  /** The shocked entity the form names (not a scenario's). */
  get shock(): EntityRef | null {
    return this.shockChoice;
  }

  /** What the counterfactual removes, for display. */
  removedLabels(): string[] {
    return [...this.removedEntities.map((e) => e.name), ...this.removedEdges.map((id) => `edge ${id}`)];
  }

  closeSuggestions(): void {
    this.shockBox.close();
    this.disableBox.close();
  }

  populateScenarios(list: Scenario[]): void {
    const selectedId = this.scenario.value;
    this.scenario.replaceChildren(
      h('option', { value: '' }, '— none —'),
      ...list.map((s) => h('option', { value: s.id, title: s.description }, s.title)),
    );
    if (selectedId) this.setScenario(selectedId);
  }

  chooseShock(entity: EntityRef): void {
    this.shockChoice = { id: entity.id, name: entity.name };
    this.shockInput.value = entity.name;
    this.shockInput.title = entity.id;
    this.setScenario('');
    // A shocked entity cannot also be removed.
    this.removedEntities = this.removedEntities.filter((e) => e.id !== entity.id);
    this.renderChips();
  }

  addRemovedEntity(entity: EntityRef): void {
    if (!this.removedEntities.some((e) => e.id === entity.id)) this.removedEntities.push({ id: entity.id, name: entity.name });
    this.renderChips();
  }

  addRemovedEdge(id: string): void {
    if (!this.removedEdges.includes(id)) this.removedEdges.push(id);
    this.renderChips();
  }

  /** Puts a state into the form (on load from a URL, and after each run). */
  sync(state: QueryState): void {
    this.setScenario(state.scenario ?? '');
    if (state.scenario || !state.shock) {
      this.shockChoice = null;
      this.shockInput.value = '';
    } else if (this.shockChoice?.id !== state.shock) {
      // Show the id at once, then the name when it arrives.
      const id = state.shock;
      this.shockChoice = { id, name: id };
      this.shockInput.value = id;
      void this.options
        .entity(id)
        .then((entity) => {
          if (entity && this.shockChoice?.id === id && this.shockInput.value === id) this.chooseShock(entity);
        })
        .catch(() => undefined);
    }
    this.direction.value = state.direction;
    this.hops.value = String(state.hops);
    this.minStrength.value = String(state.minStrength);
    this.horizon.value = state.horizonDays == null ? '' : String(state.horizonDays);
    this.setTopPaths(state.topPaths);
    this.removedEntities = state.disableEntities.map((id) => this.removedEntities.find((e) => e.id === id) ?? { id, name: id });
    this.removedEdges = [...state.disableEdges];
    this.renderChips();
    for (const entity of this.removedEntities.filter((e) => e.name === e.id)) {
      void this.options
        .entity(entity.id)
        .then((found) => {
          if (!found) return;
          entity.name = found.name;
          this.renderChips();
        })
        .catch(() => undefined);
    }
  }

  /** Reads the form into a state; throws with a message for the user when it is incomplete. */
  async read(): Promise<QueryState> {
    const scenario = this.scenario.value || null;
    if (!scenario && !this.shockChoice) {
      // Typed but not chosen: take the API's best match, as the suggestion list would.
      const text = this.shockInput.value.trim();
      if (!text) throw new Error('Choose an entity to shock, or a scenario.');
      const best = await this.shockBox.resolve();
      if (!best) throw new Error(`No entity matches “${text}”.`);
      this.chooseShock(best);
    }
    const hops = Number(this.hops.value);
    if (!Number.isInteger(hops) || hops < 1 || hops > 8) throw new Error('Hops must be a whole number from 1 to 8.');
    const minStrength = Number(this.minStrength.value);
    if (this.minStrength.value.trim() === '' || !validMinStrength(minStrength))
      throw new Error('The threshold must be at least 0 and below 1.');
    const horizonText = this.horizon.value.trim();
    const horizon = Number(horizonText);
    if (horizonText && (!Number.isInteger(horizon) || horizon < 0 || horizon > 3650)) {
      throw new Error('The horizon must be a whole number of days from 0 to 3650.');
    }
    return {
      shock: scenario ? null : this.shockChoice!.id,
      scenario,
      direction: this.direction.value === 'DOWN' ? 'DOWN' : 'UP',
      hops: clampHops(hops),
      minStrength,
      horizonDays: horizonText ? horizon : null,
      topPaths: validTopPaths(Number(this.topPaths.value)),
      disableEntities: this.removedEntities.map((e) => e.id),
      disableEdges: [...this.removedEdges],
    };
  }

  private setScenario(id: string): void {
    this.scenario.value = id;
    // A scenario brings its own shocks and directions.
    this.direction.disabled = Boolean(id);
    this.direction.title = id ? 'The scenario sets its own directions' : '';
  }

  private renderChips(): void {
    const chip = (label: string, title: string, remove: () => void) =>
      h(
        'span',
        { class: 'chip', title },
        label,
        h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Put back ${label}`, onclick: remove }, '×'),
      );
    const any = this.removedEntities.length > 0 || this.removedEdges.length > 0;
    this.chips.replaceChildren(
      ...(any ? [h('span', { class: 'chips-label' }, 'Counterfactual without:')] : []),
      ...this.removedEntities.map((e) =>
        chip(e.name, e.id, () => {
          this.removedEntities = this.removedEntities.filter((x) => x.id !== e.id);
          this.renderChips();
        }),
      ),
      ...this.removedEdges.map((id) =>
        chip(`edge ${id}`, id, () => {
          this.removedEdges = this.removedEdges.filter((x) => x !== id);
          this.renderChips();
        }),
      ),
    );
    this.chips.hidden = !any;
  }
}
