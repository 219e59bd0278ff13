/** Who is writing. Reads need no actor; writes need a role (API.md). */
/** Each role may do everything the ones before it may (API.md, "Review and provenance"). */
export const ROLES = ['researcher', 'reviewer', 'admin'] as const;
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

/** Whether `actor` holds `role` or one above it. */
export function hasRole(actor: Actor, role: Role): boolean {
  return ROLES.indexOf(actor.role) >= ROLES.indexOf(role);
}

export function requireRole(actor: Actor | undefined, role: Role, action: string): Actor {
  if (!actor) throw new UnauthenticatedError(`${action} needs a token: send Authorization: Bearer <token>`);
  if (!hasRole(actor, role)) throw new ForbiddenError(`${action} needs the ${role} role (or one above it); this token has ${actor.role}`);
  return actor;
}
