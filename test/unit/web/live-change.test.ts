import { liveUrl, staleReason } from '../../../web/explorer/live-change';

describe('the stale-answer notice', () => {
  it('names the one change, by what it did and to which record', () => {
    expect(staleReason([{ version: '7', kind: 'EDGE_ADDED', edgeId: 'a-lifts-b' }])).toBe(
      'The graph changed since this answer (edge added: a-lifts-b).',
    );
    expect(staleReason([{ version: '8', kind: 'ENTITY_UPSERTED', entityId: 'gold' }])).toBe(
      'The graph changed since this answer (entity written: gold).',
    );
  });

  it('counts several and names the last; an import names nothing', () => {
    const changes = [
      { version: '7', kind: 'EDGE_ADDED', edgeId: 'a-lifts-b' },
      { version: '8', kind: 'IMPORTED' },
    ];
    expect(staleReason(changes)).toBe('The graph changed since this answer (2 changes, the last: bulk import).');
    expect(staleReason([])).toBe('');
  });

  it('reaches the API over ws:// from http pages and wss:// from https pages', () => {
    expect(liveUrl({ protocol: 'http:', host: '127.0.0.1:4000' })).toBe('ws://127.0.0.1:4000/graphql');
    expect(liveUrl({ protocol: 'https:', host: 'graph.example' })).toBe('wss://graph.example/graphql');
  });
});
