import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { ErrorCode } from './error-codes';

/** The default bound on an answer's body (MAX_RESPONSE_BYTES). */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 2 ** 20;

class TooLarge extends Error {}

/**
 * The bytes the JSON text of `value` takes, counted without building the text, and given up
 * as soon as the count passes `limit` (then Infinity). Strings are counted in UTF-8 with
 * their quotes; the escapes JSON adds for control characters and quotes are counted too.
 */
export function jsonBytesUpTo(value: unknown, limit: number): number {
  let total = 0;
  const add = (n: number) => {
    total += n;
    if (total > limit) throw new TooLarge();
  };
  const visit = (v: unknown): void => {
    if (v === null || v === undefined) return add(4);
    switch (typeof v) {
      case 'string':
        return add(stringBytes(v));
      case 'number':
        return add(Number.isFinite(v) ? String(v).length : 4);
      case 'boolean':
        return add(v ? 4 : 5);
      case 'object': {
        if (Array.isArray(v)) {
          add(2 + Math.max(0, v.length - 1));
          for (const item of v) visit(item);
          return;
        }
        const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
        add(2 + Math.max(0, entries.length - 1));
        for (const [key, x] of entries) {
          add(stringBytes(key) + 1);
          visit(x);
        }
        return;
      }
      default:
        return add(4);
    }
  };
  try {
    visit(value);
    return total;
  } catch (error) {
    if (error instanceof TooLarge) return Infinity;
    throw error;
  }
}

/** \b \t \n \f \r: the control characters JSON writes in two characters (the others take six). */
const SHORT_ESCAPES = new Set([8, 9, 10, 12, 13]);

function stringBytes(s: string): number {
  let bytes = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) bytes += SHORT_ESCAPES.has(c) ? 2 : 6;
    else if (c === 0x22 || c === 0x5c) bytes += 2;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else bytes += 3; // a surrogate pair counts 3 + 3 here, 4 in UTF-8: an over-count
  }
  return bytes;
}

function tooLargeResult(maxBytes: number): FormattedExecutionResult {
  return {
    errors: [
      {
        message: `The answer would be over ${maxBytes.toLocaleString('en')} bytes (MAX_RESPONSE_BYTES): ask for fewer paths, items or aliases, or page with first/after.`,
        extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, maxBytes },
      },
    ],
  };
}

/**
 * The bound on an answer's size: once resolved, the answer is measured (stopping at the
 * bound, so measuring costs at most the bound) and replaced by RESPONSE_TOO_LARGE, HTTP 400,
 * before any of it is turned into text. `stringifyResult` (below) checks the text as well.
 */
export function responseSizePlugin<TContext extends BaseContext>(maxBytes: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          if (jsonBytesUpTo(response.body.singleResult, maxBytes) <= maxBytes) return;
          response.body.singleResult = tooLargeResult(maxBytes);
          response.http.status = 400;
        },
      };
    },
  };
}

/** JSON text of an answer, never over the bound (Apollo's `stringifyResult`). */
export function boundedStringify(maxBytes: number): (result: FormattedExecutionResult) => string {
  return (result) => {
    const text = JSON.stringify(result);
    if (Buffer.byteLength(text) <= maxBytes) return text;
    return JSON.stringify(tooLargeResult(maxBytes));
  };
}
