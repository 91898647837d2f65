import { businessHoursProblems, isValidTimeZone, isWithinBusinessHours, localClock } from './business-hours';

const at = (weekday: number, time: string) => {
  const [h, m] = time.split(':').map(Number);
  return { weekday, minutes: h * 60 + m };
};

describe('business hours', () => {
  it('is open from the opening minute up to, but not at, the closing minute', () => {
    const hours = [{ weekday: 1, open: '09:00', close: '21:00' }];
    expect(isWithinBusinessHours(hours, at(1, '08:59'))).toBe(false);
    expect(isWithinBusinessHours(hours, at(1, '09:00'))).toBe(true);
    expect(isWithinBusinessHours(hours, at(1, '20:59'))).toBe(true);
    expect(isWithinBusinessHours(hours, at(1, '21:00'))).toBe(false);
    expect(isWithinBusinessHours(hours, at(2, '12:00'))).toBe(false);
  });

  it('honours several ranges on one day and is closed between them', () => {
    const hours = [
      { weekday: 3, open: '10:00', close: '14:00' },
      { weekday: 3, open: '17:00', close: '22:00' },
    ];
    expect(isWithinBusinessHours(hours, at(3, '11:00'))).toBe(true);
    expect(isWithinBusinessHours(hours, at(3, '15:30'))).toBe(false);
    expect(isWithinBusinessHours(hours, at(3, '21:30'))).toBe(true);
  });

  it('carries a range that crosses midnight into the early hours of the next day', () => {
    const hours = [{ weekday: 5, open: '18:00', close: '02:00' }];
    expect(isWithinBusinessHours(hours, at(5, '17:59'))).toBe(false);
    expect(isWithinBusinessHours(hours, at(5, '23:30'))).toBe(true);
    expect(isWithinBusinessHours(hours, at(6, '01:59'))).toBe(true);
    expect(isWithinBusinessHours(hours, at(6, '02:00'))).toBe(false);
    // The early part belongs to Friday's range only: Friday 01:00 is not open.
    expect(isWithinBusinessHours(hours, at(5, '01:00'))).toBe(false);
  });

  it('wraps a Sunday night range into Monday morning', () => {
    const hours = [{ weekday: 7, open: '20:00', close: '03:00' }];
    expect(isWithinBusinessHours(hours, at(7, '22:00'))).toBe(true);
    expect(isWithinBusinessHours(hours, at(1, '02:30'))).toBe(true);
    expect(isWithinBusinessHours(hours, at(1, '03:00'))).toBe(false);
    expect(isWithinBusinessHours(hours, at(6, '02:30'))).toBe(false);
  });

  it('treats 24:00 as the end of the day and an empty week as never open', () => {
    const allDay = [{ weekday: 2, open: '00:00', close: '24:00' }];
    expect(isWithinBusinessHours(allDay, at(2, '00:00'))).toBe(true);
    expect(isWithinBusinessHours(allDay, at(2, '23:59'))).toBe(true);
    expect(isWithinBusinessHours(allDay, at(3, '00:00'))).toBe(false);
    expect(isWithinBusinessHours([], at(2, '12:00'))).toBe(false);
  });

  it('reports malformed ranges by field', () => {
    expect(businessHoursProblems([{ weekday: 1, open: '09:00', close: '21:00' }])).toEqual([]);
    const fields = businessHoursProblems([
      { weekday: 0, open: '09:00', close: '21:00' },
      { weekday: 8, open: '9:00', close: '25:00' },
      { weekday: 2, open: '10:00', close: '10:00' },
      { weekday: 3, open: '24:00', close: '23:00' },
    ]).map((p) => p.field);
    expect(fields).toEqual([
      'businessHours.0.weekday',
      'businessHours.1.weekday',
      'businessHours.1.open',
      'businessHours.1.close',
      'businessHours.2',
      'businessHours.3.open',
    ]);
  });
});

describe('local clock', () => {
  it('reads the weekday and time in the store time zone, across the date line of UTC', () => {
    // Sunday 16:30 UTC is Monday 00:30 in Shanghai (UTC+8).
    const instant = new Date('2025-01-05T16:30:00Z');
    expect(localClock(instant, 'Asia/Shanghai')).toEqual({ weekday: 1, minutes: 30 });
    expect(localClock(instant, 'UTC')).toEqual({ weekday: 7, minutes: 16 * 60 + 30 });
  });

  it('follows daylight saving time where the zone has it', () => {
    // New York: UTC-4 in July, UTC-5 in January.
    expect(localClock(new Date('2025-07-01T13:00:00Z'), 'America/New_York')).toEqual({ weekday: 2, minutes: 9 * 60 });
    expect(localClock(new Date('2025-01-07T14:00:00Z'), 'America/New_York')).toEqual({ weekday: 2, minutes: 9 * 60 });
  });

  it('shows midnight as 00:00, not 24:00', () => {
    expect(localClock(new Date('2025-01-05T16:00:00Z'), 'Asia/Shanghai')).toEqual({ weekday: 1, minutes: 0 });
  });

  it('recognises IANA zone names', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
