/** Who is writing. Reads need no actor; writes need a role (API.md). */
export const ROLES = ['researcher', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  /** Recorded as createdBy / history.by. */
  readonly name: string;
  readonly role: Role;
}

export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
}

export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}

/** admin may do everything researcher may. */
const GRANTS: Record<Role, readonly Role[]> = { researcher: ['researcher'], admin: ['researcher', 'admin'] };

export function requireRole(actor: Actor | undefined, role: Role, action: string): Actor {
  if (!actor) throw new UnauthenticatedError(`${action} needs a token: send Authorization: Bearer <token>`);
  if (!GRANTS[actor.role].includes(role)) throw new ForbiddenError(`${action} needs the ${role} role; this token has ${actor.role}`);
  return actor;
}
