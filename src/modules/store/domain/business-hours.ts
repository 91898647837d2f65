/**
 * Weekly business hours in a store's local time. Weekdays are ISO (1 = Monday … 7 = Sunday).
 * A range whose close is earlier than its open crosses midnight into the next day
 * (Sunday's late range ends on Monday). "24:00" closes at the end of the day.
 */
export interface BusinessHoursRange {
  weekday: number;
  open: string;
  close: string;
}

export interface LocalClock {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight, 0..1439. */
  minutes: number;
}

export const OPEN_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
export const CLOSE_TIME_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** Problems with a set of ranges, as `{ field, message }` (empty when valid). */
export function businessHoursProblems(ranges: readonly BusinessHoursRange[]): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  ranges.forEach((range, i) => {
    if (!Number.isInteger(range.weekday) || range.weekday < 1 || range.weekday > 7) {
      problems.push({ field: `businessHours.${i}.weekday`, message: 'weekday must be 1 (Monday) to 7 (Sunday)' });
    }
    if (!OPEN_TIME_PATTERN.test(range.open)) problems.push({ field: `businessHours.${i}.open`, message: 'open must be HH:MM (00:00 to 23:59)' });
    if (!CLOSE_TIME_PATTERN.test(range.close)) problems.push({ field: `businessHours.${i}.close`, message: 'close must be HH:MM (00:00 to 24:00)' });
    else if (OPEN_TIME_PATTERN.test(range.open) && minutesOf(range.open) === minutesOf(range.close)) {
      problems.push({ field: `businessHours.${i}`, message: 'open and close must differ (use 00:00 to 24:00 for a whole day)' });
    }
  });
  return problems;
}

const previousWeekday = (weekday: number) => (weekday === 1 ? 7 : weekday - 1);

/** Whether the local clock falls inside any range (open inclusive, close exclusive). */
export function isWithinBusinessHours(ranges: readonly BusinessHoursRange[], clock: LocalClock): boolean {
  return ranges.some((range) => {
    const open = minutesOf(range.open);
    const close = minutesOf(range.close);
    if (close > open) return range.weekday === clock.weekday && clock.minutes >= open && clock.minutes < close;
    // Crosses midnight: the evening part on its own day, the early part on the next day.
    if (range.weekday === clock.weekday && clock.minutes >= open) return true;
    return range.weekday === previousWeekday(clock.weekday) && clock.minutes < close;
  });
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The weekday and time of day of an instant in an IANA time zone. */
export function localClock(at: Date, timeZone: string): LocalClock {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const hour = Number(get('hour')) % 24;
  return { weekday: WEEKDAYS[get('weekday')], minutes: hour * 60 + Number(get('minute')) };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
