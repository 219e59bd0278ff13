import { SqliteGraphStore } from '../../src/storage/sqlite/sqlite-graph-store';
import { FIXTURE } from '../support/fixture-graph';
import { createTestApi } from '../support/test-api';

/** Issue 18: what front-end clients need of the schema — ids, Relay connections, DateTime, enums. */
describe('shapes for client caches and Relay', () => {
  const api = createTestApi(SqliteGraphStore.inMemory(FIXTURE));

  it('gives a path the id of its shock and its edges, the same in propagate and channels', async () => {
    const { propagate, channels } = await api.data(`{
      propagate(shocks: [{ entityId: "boj-policy-rate", direction: UP }], maxHops: 2, topPaths: 10) { paths { id edges { id } } }
      channels(from: { entityId: "boj-policy-rate", direction: UP }, to: "usd-jpy", maxHops: 2) { id paths { id strength } } }`);
    for (const path of propagate.paths) expect(path.id).toBe(`UP:1:${path.edges.map((e: { id: string }) => e.id).join(',')}`);
    const fromPropagate = new Set(propagate.paths.map((p: { id: string }) => p.id));
    expect(channels.paths.length).toBeGreaterThan(0);
    for (const path of channels.paths) expect(fromPropagate.has(path.id)).toBe(true);
    const half = await api.data(
      `{ propagate(shocks: [{ entityId: "boj-policy-rate", direction: DOWN, magnitude: 0.5 }], maxHops: 2) { paths { id } } }`,
    );
    expect(half.propagate.paths[0].id).toMatch(/^DOWN:0\.5:/);
  });

  it('gives impacts the same ids for the same question (whatever the shocks’ order) and other ids for other bounds', async () => {
    const ask = (shocks: string, maxHops: number) =>
      api.data(`{ propagate(shocks: [${shocks}], maxHops: ${maxHops}, topPaths: 1) { id impacts { id entity { id } } } }`);
    const a = await ask('{ entityId: "boj-policy-rate" }, { entityId: "fed-policy-rate", direction: DOWN }', 3);
    const b = await ask('{ entityId: "fed-policy-rate", direction: DOWN }, { entityId: "boj-policy-rate" }', 3);
    const c = await ask('{ entityId: "boj-policy-rate" }, { entityId: "fed-policy-rate", direction: DOWN }', 4);
    expect(b.propagate).toEqual(a.propagate);
    expect(a.propagate.impacts[0].id).toMatch(new RegExp(`:${a.propagate.impacts[0].entity.id}$`));
    const ids = (x: any) => new Set<string>(x.propagate.impacts.map((i: { id: string }) => i.id));
    for (const id of ids(c)) expect(ids(a).has(id)).toBe(false);
    expect(c.propagate.id).not.toBe(a.propagate.id);
  });

  it('tells a counterfactual’s impacts from the unchanged graph’s', async () => {
    const { propagate } = await api.data(`{ propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 3, minStrength: 0.01,
      disable: { edges: ["boj-hike-strengthens-yen"] }, compare: true) {
        impacts { id } comparison { changes { id kind before { id } after { id } } cutPaths { id } } } }`);
    const weakened = propagate.comparison.changes.find((c: any) => c.before && c.after);
    expect(weakened.before.id).not.toBe(weakened.after.id);
    expect(propagate.impacts.map((i: any) => i.id)).toContain(weakened.after.id);
    expect(propagate.comparison.cutPaths.map((p: any) => p.id)).toContain('DOWN:1:boj-hike-strengthens-yen'.replace('DOWN', 'UP'));
  });

  it('gives evidence, revisions, field changes, loops, steps, scores and responses ids', async () => {
    const data = await api.data(`{
      edge(id: "boj-hike-unwinds-carry") { evidence { id } history { id changes { id } } }
      feedbackLoops(first: 5) { id kind edges { id } }
      rankings(first: 2) { id leverage { id entity { id } } }
      response(shocks: [{ entityId: "boj-policy-rate" }], horizonDays: 1) { id entities { id entity { id } } }
      neighbourhood(id: "usd-jpy") { id }
      propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 1, topPaths: 1) { paths { explanation { steps { id } } } } }`);
    expect(data.edge.evidence[0].id).toMatch(/^boj-hike-unwinds-carry:[\w-]{16}$/);
    expect(data.edge.history[0].id).toBe('boj-hike-unwinds-carry@1');
    for (const loop of data.feedbackLoops) expect(loop.id).toBe(loop.edges.map((e: { id: string }) => e.id).join(','));
    expect(data.rankings.leverage[0].id).toBe(`rankings:3:0.05:2:false:${data.rankings.leverage[0].entity.id}`);
    expect(data.response.entities[0].id).toBe(`${data.response.id}:${data.response.entities[0].entity.id}`);
    expect(data.neighbourhood.id).toBe('neighbourhood:usd-jpy:1:100');
    expect(data.propagate.paths[0].explanation.steps[0].id).toBe('boj-hike-strengthens-yen:UP');
  });

  it('answers FeedbackLoop.kind as the LoopKind enum, and timestamps as DateTime in the same ISO-8601 form', async () => {
    // As the client receives it: JSON (DateTime values are Date objects until serialised).
    const answer = await api.data(`{
      feedbackLoops(first: 5) { kind }
      edge(id: "boj-hike-unwinds-carry") { createdAt history { at } }
      kinds: __type(name: "FeedbackLoop") { fields { name type { ofType { name kind } } } }
      edgeType: __type(name: "CausalEdge") { fields { name type { ofType { name } } } } }`);
    const data = JSON.parse(JSON.stringify(answer));
    expect(data.feedbackLoops.length).toBeGreaterThan(0);
    for (const loop of data.feedbackLoops) expect(['REINFORCING', 'BALANCING']).toContain(loop.kind);
    expect(data.kinds.fields.find((f: any) => f.name === 'kind').type.ofType).toEqual({ name: 'LoopKind', kind: 'ENUM' });
    expect(data.edgeType.fields.find((f: any) => f.name === 'createdAt').type.ofType.name).toBe('DateTime');
    expect(data.edge.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(data.edge.history[0].at).toBe(data.edge.createdAt);
  });

  it('pages entities and edges as Relay connections, keeping nodes', async () => {
    const page = async (field: string, after?: string) =>
      (
        await api.data(`{ ${field}(first: 2${after ? `, after: "${after}"` : ''}) {
        nodes { id } edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`)
      )[field];
    for (const field of ['entities', 'edges']) {
      const first = await page(field);
      expect(first.edges.map((e: any) => e.node)).toEqual(first.nodes);
      expect(first.pageInfo).toEqual({
        hasNextPage: true,
        hasPreviousPage: false,
        startCursor: first.edges[0].cursor,
        endCursor: first.edges[1].cursor,
      });
      // Every edge's cursor continues after that node.
      const fromFirst = await page(field, first.edges[0].cursor);
      expect(fromFirst.nodes[0]).toEqual(first.nodes[1]);
      const second = await page(field, first.pageInfo.endCursor);
      expect(second.pageInfo.hasPreviousPage).toBe(true);
      expect(second.nodes.map((n: any) => n.id)).not.toContain(first.nodes[0].id);
    }
  });
});
