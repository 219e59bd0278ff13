// Review: the queue of PROPOSED edges, each with its evidence shown in its source's text,
// and accept / reject with a reviewer's token (kept in this tab only, never stored). Loaded
// when the tab is shown and after each decision; the graph's answers change once a proposal
// is accepted (the next run walks it).

import { decideProposal, fetchReviewQueue, fetchSourceText, type Proposal } from '../api';
import type { TabView } from '../controllers/tabs';
import { h } from '../dom';
import type { ExplorerState } from '../machine';

export const REVIEW_TAB = 'review';

/** Characters of the source's text shown on each side of a quote. */
const CONTEXT = 120;

export function reviewTab(): TabView {
  const token = h('input', { id: 'review-token', type: 'password', placeholder: 'reviewer token', autocomplete: 'off' });
  const status = h('p', { id: 'review-status', class: 'panel-header', role: 'status' }, 'Proposals awaiting review');
  const list = h('ul', { id: 'review-queue', class: 'loop-list' });
  let count = '';
  const texts = new Map<string, Promise<string | null>>();

  const load = async () => {
    try {
      const queue = await fetchReviewQueue();
      count = String(queue.totalCount);
      list.replaceChildren(...(queue.nodes.length === 0 ? [h('li', { class: 'empty' }, 'Nothing awaits review.')] : queue.nodes.map(item)));
      status.textContent = `${queue.totalCount} proposal(s) awaiting review`;
    } catch (error) {
      status.textContent = (error as Error).message;
    }
  };

  const item = (p: Proposal): HTMLElement => {
    const reason = h('input', { class: 'review-reason', type: 'text', placeholder: 'reason (required to reject)' });
    const decide = (decision: 'accept' | 'reject') => () => void settle(decision);
    const settle = async (decision: 'accept' | 'reject') => {
      try {
        const done = await decideProposal(decision, p.id, p.revision, reason.value.trim(), token.value.trim());
        await load();
        status.textContent = `${done.id} is ${done.status}`;
      } catch (error) {
        status.textContent = (error as Error).message;
      }
    };
    const sign = p.polarity === 'POSITIVE' ? '+' : '−';
    return h(
      'li',
      { class: 'proposal', 'data-edge': p.id },
      h('strong', {}, `${p.from.name} –(${sign})→ ${p.to.name}`),
      h('span', {}, ` weight ${p.weight}, by ${p.createdBy}`),
      h('p', {}, p.mechanism),
      ...p.evidence.map((ev) => evidence(ev)),
      reason,
      h('button', { type: 'button', class: 'accept', onclick: decide('accept') }, 'Accept'),
      h('button', { type: 'button', class: 'reject', onclick: decide('reject') }, 'Reject'),
    );
  };

  const evidence = (ev: Proposal['evidence'][number]): HTMLElement => {
    const block = h('blockquote', { class: 'evidence' }, h('cite', {}, ev.source.title), ': «', ev.quote, '»');
    if (!ev.source.hasText) {
      block.append(h('small', {}, ' (the source has no text to check against)'));
      return block;
    }
    if (!texts.has(ev.source.id)) texts.set(ev.source.id, fetchSourceText(ev.source.id));
    void texts.get(ev.source.id)!.then((text) => block.append(inText(text ?? '', ev.quote)));
    return block;
  };

  return {
    id: REVIEW_TAB,
    label: 'Review',
    mount: (panel) => panel.append(h('label', {}, 'Token ', token), status, list),
    count: () => count,
    render: () => {},
    react(state: ExplorerState, _event, previous) {
      if (state.tab === REVIEW_TAB && previous.tab !== REVIEW_TAB) void load();
    },
  };
}

/** The quote in its source's text, with some text on each side; whitespace runs compared as one, as the API does. */
function inText(text: string, quote: string): HTMLElement {
  const pattern = quote
    .normalize('NFC')
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  const match = new RegExp(pattern).exec(text.normalize('NFC'));
  if (!match) return h('p', { class: 'evidence-context missing' }, 'Not found verbatim in the source text.');
  const start = Math.max(0, match.index - CONTEXT);
  const end = Math.min(text.length, match.index + match[0].length + CONTEXT);
  return h(
    'p',
    { class: 'evidence-context' },
    start > 0 ? '…' : '',
    text.slice(start, match.index),
    h('mark', {}, match[0]),
    text.slice(match.index + match[0].length, end),
    end < text.length ? '…' : '',
  );
}
