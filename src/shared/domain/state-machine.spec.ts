import { StateMachine } from './state-machine';

describe('StateMachine', () => {
  const sm = new StateMachine<'A' | 'B' | 'C'>({ A: ['B', 'C'], B: ['C'], C: [] });

  it('allows exactly the listed transitions', () => {
    expect(sm.can('A', 'B')).toBe(true);
    expect(sm.can('B', 'C')).toBe(true);
    expect(sm.can('B', 'A')).toBe(false);
    expect(sm.can('C', 'A')).toBe(false);
    expect(sm.can('A', 'A')).toBe(false);
  });

  it('lists the sources and targets of a state', () => {
    expect(sm.sourcesOf('C').sort()).toEqual(['A', 'B']);
    expect(sm.targetsOf('A')).toEqual(['B', 'C']);
    expect(sm.targetsOf('C')).toEqual([]);
  });
});
