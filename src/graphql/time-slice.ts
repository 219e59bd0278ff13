import { defaultFieldResolver, getNamedType, isLeafType, isObjectType, type GraphQLSchema } from 'graphql';

/** Longest stretch of resolving before the event loop gets a turn. */
export const SLICE_MS = 10;

let sliceStart = performance.now();
/** Whether this turn of the event loop has started a slice (cleared on the next turn). */
let inTurn = false;
let waiting: Array<() => void> = [];

/**
 * Resolving a large answer is one long synchronous run for graphql-js, during which /health
 * and every other request wait. Every field that resolves an object or a list of them looks
 * at the clock first; once the current slice has lasted SLICE_MS, it waits for the next turn
 * of the event loop, where the connections get served before resolving resumes.
 *
 * A slice starts with the first field resolved in a turn, so time spent idle, or on other
 * work, never counts against it: a small query resolves in one run, and its loaders batch a
 * whole level at once.
 */
export function pauseIfDue(): Promise<void> | undefined {
  if (!inTurn) {
    startSlice();
    return undefined;
  }
  if (performance.now() - sliceStart < SLICE_MS) return undefined;
  return new Promise((resolve) => {
    if (waiting.length === 0) setImmediate(resume);
    waiting.push(resolve);
  });
}

function startSlice(): void {
  sliceStart = performance.now();
  inTurn = true;
  setImmediate(() => (inTurn = false));
}

function resume(): void {
  startSlice();
  const released = waiting;
  waiting = [];
  for (const resolve of released) resolve();
}

/** Makes every object-valued field of the schema take its turn (see pauseIfDue). */
export function sliceResolvers(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (isLeafType(getNamedType(field.type))) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const pause = pauseIfDue();
        return pause ? pause.then(() => resolve(source, args, context, info)) : resolve(source, args, context, info);
      };
    }
  }
}
