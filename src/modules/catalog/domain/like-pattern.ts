/** The escape character used with `LIKE ... ESCAPE '!'` (the same on MySQL and SQLite, unlike a backslash). */
export const LIKE_ESCAPE = '!';

/** A `%keyword%` pattern in which %, _ and ! of the keyword match themselves. */
export function containsPattern(keyword: string): string {
  return `%${keyword.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`)}%`;
}
