import { containsPattern, likeCondition } from './like-pattern';

describe('LIKE patterns', () => {
  it('wraps a plain keyword in wildcards', () => {
    expect(containsPattern('tea')).toBe('%tea%');
  });

  it('escapes %, _ and the escape character itself, and leaves quotes and backslashes as they are', () => {
    expect(containsPattern('50%_off!')).toBe('%50!%!_off!!%');
    expect(containsPattern(`it's "\\"`)).toBe(`%it's "\\"%`);
  });

  it('pairs the pattern with its ESCAPE clause', () => {
    expect(likeCondition('a.username', 'u')).toBe("a.username LIKE :u ESCAPE '!'");
  });
});
