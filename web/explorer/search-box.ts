// Entity search with suggestions, used for the shock and for the counterfactual. The API
// does the matching (ids, English names, aliases in Simplified or Traditional Chinese), so
// the box only debounces, cancels stale requests and renders what comes back.

import { searchEntities } from './api';
import type { EntitySuggestion } from './model';
import { debounce, h } from './dom';

export interface SearchBoxOptions {
  input: HTMLInputElement;
  /** The element that receives the `.suggestion` items (a listbox). */
  list: HTMLElement;
  onChoose(entity: EntitySuggestion): void;
  /** Called when the user types, i.e. the text no longer names the chosen entity. */
  onEdit?(): void;
  /** Called when a search fails (e.g. the API is down). */
  onError?: (error: Error) => void;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** The alias worth showing next to a suggestion: the one the user typed, if it is one. */
function matchingAlias(entity: EntitySuggestion, query: string): string | null {
  const q = query.trim().toLowerCase();
  if (!q || entity.name.toLowerCase().includes(q)) return null;
  const direct = entity.aliases.find((a) => a.toLowerCase().includes(q));
  if (direct) return direct;
  // The server folds Traditional to Simplified; the browser cannot, so show the Chinese names.
  if (CJK.test(q))
    return (
      entity.aliases
        .filter((a) => CJK.test(a))
        .slice(0, 2)
        .join(' · ') || null
    );
  return null;
}

export class SearchBox {
  private items: EntitySuggestion[] = [];
  private active = -1;
  /** Bumped by every search and close: an answer to an older search is dropped. (Not
   * aborted: an aborted fetch looks like a failed request in the browser's network log.) */
  private generation = 0;
  /** The text a choice put in the box: focusing it again does not search for it. */
  private chosenText: string | null = null;

  constructor(private readonly options: SearchBoxOptions) {
    const { input, list } = options;
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    list.setAttribute('role', 'listbox');
    list.hidden = true;

    const search = debounce((text: string) => void this.search(text), 180);
    input.addEventListener('input', () => {
      options.onEdit?.();
      search(input.value);
    });
    input.addEventListener('keydown', (event) => this.onKey(event));
    input.addEventListener('focus', () => {
      if (input.value.trim() && input.value !== this.chosenText) search(input.value);
    });
    // Delay the close so that a click on a suggestion lands before the list disappears. The
    // items go too: only the list being used ever holds `.suggestion` elements.
    input.addEventListener('blur', () =>
      window.setTimeout(() => {
        if (document.activeElement !== input) this.close();
      }, 150),
    );
    list.addEventListener('mousedown', (event) => event.preventDefault());
  }

  private async search(text: string): Promise<void> {
    const generation = ++this.generation;
    if (!text.trim()) {
      this.items = [];
      this.render(text);
      return;
    }
    try {
      const items = await searchEntities(text.trim());
      if (generation !== this.generation) return;
      this.items = items;
      this.active = items.length ? 0 : -1;
      this.render(text);
    } catch (error) {
      if (generation !== this.generation) return;
      this.options.onError?.(error as Error);
    }
  }

  private render(query: string): void {
    const { list, input } = this.options;
    list.replaceChildren(
      ...this.items.map((entity, index) => {
        const alias = matchingAlias(entity, query);
        return h(
          'li',
          {
            class: `suggestion${index === this.active ? ' active' : ''}`,
            role: 'option',
            id: `${list.id}-${index}`,
            'aria-selected': String(index === this.active),
            'data-entity-id': entity.id,
            onclick: () => this.choose(index),
          },
          h('span', { class: 'suggestion-name' }, entity.name),
          alias ? h('span', { class: 'suggestion-alias' }, alias) : null,
          h('span', { class: 'suggestion-id' }, entity.id),
        );
      }),
    );
    if (!this.items.length && query.trim()) {
      list.append(h('li', { class: 'suggestion-empty' }, `No entity matches “${query.trim()}”`));
    }
    if (query.trim() && document.activeElement === input) this.show();
    else this.hide();
  }

  private onKey(event: KeyboardEvent): void {
    const open = !this.options.list.hidden;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!this.items.length) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.items.length) % this.items.length;
      this.render(this.options.input.value);
    } else if (event.key === 'Enter' && open && this.active >= 0) {
      // Enter on an open list chooses; otherwise it falls through to the form (Run).
      event.preventDefault();
      this.choose(this.active);
    } else if (event.key === 'Escape') {
      this.hide();
    }
  }

  private choose(index: number): void {
    const entity = this.items[index];
    if (!entity) return;
    this.close();
    this.options.onChoose(entity);
    this.chosenText = this.options.input.value;
  }

  /** Hides the list and forgets its items (and any search still in flight). */
  close(): void {
    this.generation++;
    this.items = [];
    this.active = -1;
    this.options.list.replaceChildren();
    this.hide();
  }

  /** The best suggestion for the current text, fetched now if need be (Run without choosing). */
  async resolve(): Promise<EntitySuggestion | null> {
    const text = this.options.input.value.trim();
    if (!text) return null;
    const items = await searchEntities(text);
    return items[0] ?? null;
  }

  show(): void {
    this.options.list.hidden = false;
    this.options.input.setAttribute('aria-expanded', 'true');
    const active = this.active >= 0 ? `${this.options.list.id}-${this.active}` : '';
    this.options.input.setAttribute('aria-activedescendant', active);
  }

  hide(): void {
    this.options.list.hidden = true;
    this.options.input.setAttribute('aria-expanded', 'false');
  }

  clear(): void {
    this.options.input.value = '';
    this.chosenText = null;
    this.close();
  }
}
