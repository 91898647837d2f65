import type { StateMachine } from './state-machine';

/**
 * What an intent method decided: move record `id` to `to`, writing `set` with it. A repository
 * applies it as one conditional UPDATE `... WHERE id = ? AND status IN (from)`, `from` being every
 * state the table lets reach `to`, so a change that lost a race writes nothing (affected = 0).
 */
export interface StatusChange<S extends string, F extends object> {
  id: number;
  from: S[];
  to: S;
  set: F;
}

/** The change to `to`, or `refuse(from, to)` thrown when the table does not allow it from `current`. */
export function statusChange<S extends string, F extends object>(
  states: StateMachine<S>,
  record: { id: number; status: S },
  to: S,
  set: F,
  refuse: (from: S, to: S) => Error,
): StatusChange<S, F> {
  if (!states.can(record.status, to)) throw refuse(record.status, to);
  return { id: record.id, from: states.sourcesOf(to), to, set };
}
