import { defaultFieldResolver, getNamedType, isLeafType, isObjectType, type GraphQLSchema } from 'graphql';

/** Longest stretch of resolving before the event loop gets a turn. */
export const SLICE_MS = 10;

let sliceStart = performance.now();
let waiting: Array<() => void> = [];

/**
 * Resolving a large answer is one long synchronous run for graphql-js, during which /health
 * and every other request wait. Every field that resolves an object or a list of them looks
 * at the clock first; once the current slice has lasted SLICE_MS, it waits for the next turn
 * of the event loop, where the connections get served before resolving resumes.
 */
function pauseIfDue(): Promise<void> | undefined {
  if (performance.now() - sliceStart < SLICE_MS) return undefined;
  return new Promise((resolve) => {
    if (waiting.length === 0) setImmediate(resume);
    waiting.push(resolve);
  });
}

function resume(): void {
  sliceStart = performance.now();
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
