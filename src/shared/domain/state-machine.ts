/**
 * A table of allowed transitions between the states of a record. Entities use it to refuse any
 * transition the specification does not list.
 */
export class StateMachine<S extends string> {
  private readonly allowed: ReadonlyMap<S, ReadonlySet<S>>;

  constructor(transitions: Readonly<Record<S, readonly S[]>>) {
    this.allowed = new Map(Object.entries(transitions).map(([from, to]) => [from as S, new Set(to as S[])]));
  }

  can(from: S, to: S): boolean {
    return this.allowed.get(from)?.has(to) ?? false;
  }

  /** The states from which `to` can be reached in one step (for conditional updates). */
  sourcesOf(to: S): S[] {
    return [...this.allowed.entries()].filter(([, targets]) => targets.has(to)).map(([from]) => from);
  }

  targetsOf(from: S): S[] {
    return [...(this.allowed.get(from) ?? [])];
  }
}
