/**
 * Lines a process must show its operator once, at the end of start-up (the first super admin's
 * one-time password): they are kept here and printed last, after the "ready" banner, so they do
 * not scroll away under the start-up logs. Tests read them from here.
 */
export class StartupNotices {
  private readonly notices: string[][] = [];

  add(lines: string[]): void {
    this.notices.push([...lines]);
  }

  /** Every notice so far, each as its lines. */
  list(): ReadonlyArray<readonly string[]> {
    return this.notices;
  }

  /** The notices as text for the terminal (empty when there are none). */
  render(): string {
    return this.notices.map((lines) => lines.join('\n') + '\n').join('\n');
  }
}
