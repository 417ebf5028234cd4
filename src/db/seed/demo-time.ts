/**
 * Wall-clock times in the clinic's zone → UTC instants, for demo appointments. Clinics chart in local
 * time, and a 9:00 visit in July and one in January are different UTC hours once DST is applied.
 */

export interface ZonedClock {
  /** The UTC instant of `hour:minute` on `isoDate` (YYYY-MM-DD) in the clock's zone, as ISO 8601 'Z'. */
  toUtcIso(isoDate: string, hour: number, minute: number): string;
  /** UTC offset in minutes at local noon on `isoDate` (e.g. -420 for Vancouver in summer). */
  offsetMinutes(isoDate: string): number;
}

/**
 * Builds a converter for one zone. Offsets are taken at local noon of each day and cached: DST changes
 * happen in the small hours, so a day's offset is constant across clinic opening hours (07:00–21:00).
 */
export function createZonedClock(timeZone: string): ZonedClock {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const cache = new Map<string, number>();

  const offsetAt = (instantMs: number): number => {
    const fields: Record<string, number> = {};
    for (const part of formatter.formatToParts(new Date(instantMs))) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(fields.year ?? 0, (fields.month ?? 1) - 1, fields.day ?? 1, fields.hour ?? 0, fields.minute ?? 0);
    return Math.round((asUtc - instantMs) / 60_000);
  };

  const offsetMinutes = (isoDate: string): number => {
    const cached = cache.get(isoDate);
    if (cached !== undefined) return cached;
    const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
    const localNoonAsUtc = Date.UTC(y, m - 1, d, 12, 0);
    // Guess with the offset at UTC noon, then correct once with the offset at the guessed instant.
    let offset = offsetAt(localNoonAsUtc);
    offset = offsetAt(localNoonAsUtc - offset * 60_000);
    cache.set(isoDate, offset);
    return offset;
  };

  return {
    offsetMinutes,
    toUtcIso(isoDate, hour, minute) {
      const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
      const wall = Date.UTC(y, m - 1, d, hour, minute);
      return new Date(wall - offsetMinutes(isoDate) * 60_000).toISOString();
    },
  };
}

/** Add whole days to a YYYY-MM-DD date. */
export function addIsoDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const parse = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((parse(to) - parse(from)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function isoWeekday(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "14 March 2026", the way clinicians write dates inside notes. */
export function formatLongDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
