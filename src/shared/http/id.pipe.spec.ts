import { IdPipe, MAX_ID } from './id.pipe';
import { ValidationFailedError } from './validation';

describe('IdPipe', () => {
  const pipe = new IdPipe();
  const meta = { type: 'param' as const, data: 'id' };

  it.each(['1', '42', String(MAX_ID)])('accepts %s', (value) => {
    expect(pipe.transform(value, meta)).toBe(Number(value));
  });

  it.each(['0', '01', '0x1', '1e0', '+1', '-1', '1.0', ' 1', '1 ', 'abc', '', String(MAX_ID + 1), '99999999999', '１'])('refuses %p naming the parameter', (value) => {
    expect(() => pipe.transform(value, meta)).toThrow(ValidationFailedError);
    try {
      pipe.transform(value, meta);
    } catch (error) {
      expect((error as ValidationFailedError).detailsIn('en')).toEqual([{ field: 'id', message: expect.any(String) }]);
    }
  });

  it('refuses a value Nest already turned into a number', () => {
    expect(() => pipe.transform(1, meta)).toThrow(ValidationFailedError);
  });
});
