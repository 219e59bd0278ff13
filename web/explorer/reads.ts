// Cached reads by id, through the one request cache.

import { fetchEdge, fetchEntity, fetchLoops } from './api';
import type { EdgeDetails, EntityDetails, FeedbackLoop } from './model';
import { RequestCache } from './request-cache';

export class Reads {
  private readonly cache = new RequestCache();

  entity(id: string): Promise<EntityDetails | null> {
    return this.cache.get(`entity:${id}`, () => fetchEntity(id));
  }

  edge(id: string): Promise<EdgeDetails | null> {
    return this.cache.get(`edge:${id}`, () => fetchEdge(id));
  }

  /** Forgets every read: the graph changed (controllers/live.ts). */
  clear(): void {
    this.cache.clear();
  }

  loops(through: string): Promise<FeedbackLoop[]> {
    return this.cache.get(`loops:${through}`, () => fetchLoops(through));
  }
}
