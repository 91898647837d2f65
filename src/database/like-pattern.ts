/** The escape character used with `LIKE ... ESCAPE '!'` (the same on MySQL and SQLite, unlike a backslash). */
export const LIKE_ESCAPE = '!';

/** A `%keyword%` pattern in which %, _ and ! of the keyword match themselves. */
export function containsPattern(keyword: string): string {
  return `%${keyword.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`)}%`;
}

/** `<column> LIKE :<param> ESCAPE '!'`: the condition to pair with a `containsPattern` parameter. */
export function likeCondition(column: string, param: string): string {
  return `${column} LIKE :${param} ESCAPE '${LIKE_ESCAPE}'`;
}
