/**
 * Study days. A day starts at a chosen local hour (4 am unless the student changes it), so a
 * review at 1 am still counts for the evening before. Days are counted in the device's time
 * zone at the moment asked, read from its wall clock, so a daylight-saving change or a flight to
 * another zone moves the boundary with the clock, as the student sees it.
 */

export const DEFAULT_DAY_START_HOUR = 4;

/** A local calendar date, as `YYYY-MM-DD`. */
export type DayKey = string;

export interface DayRule {
	/** An IANA time zone ("Europe/Tirane"), or undefined for the runtime's own. */
	timeZone?: string;
	/** The local hour, 0–23, at which a study day starts. */
	startHour: number;
}

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(timeZone: string | undefined): Intl.DateTimeFormat {
	const key = timeZone ?? '';
	let format = formats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		formats.set(key, format);
	}
	return format;
}

/** What the wall clock in the zone reads at an instant. */
function wallClock(at: number, timeZone: string | undefined): WallClock {
	const parts: Record<string, number> = {};
	for (const p of formatFor(timeZone).formatToParts(at))
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	return {
		year: parts.year!,
		month: parts.month!,
		day: parts.day!,
		hour: parts.hour!,
		minute: parts.minute!,
		second: parts.second!
	};
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(at: number, timeZone: string | undefined): number {
	const w = wallClock(at, timeZone);
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	return asUtc - Math.floor(at / 1000) * 1000;
}

const keyOf = (year: number, month: number, day: number): DayKey => {
	const d = new Date(Date.UTC(year, month - 1, day));
	return d.toISOString().slice(0, 10);
};

/** The study day an instant belongs to. */
export function studyDay(at: number, rule: DayRule): DayKey {
	const w = wallClock(at, rule.timeZone);
	return w.hour < rule.startHour
		? keyOf(w.year, w.month, w.day - 1)
		: keyOf(w.year, w.month, w.day);
}

/** The day `n` days after a day (before, for negative `n`). */
export function addDays(day: DayKey, n: number): DayKey {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return keyOf(y, m, d + n);
}

/** Whole days from one day to another (negative when `to` is earlier). */
export function daysBetween(from: DayKey, to: DayKey): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The instant a study day starts: its date at the start hour, local time. Where the clock is
 * turned back over that hour, the first time it reads so; where it jumps past it, the jump.
 */
export function dayStart(day: DayKey, rule: DayRule): number {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	const wall = Date.UTC(y, m - 1, d, rule.startHour);
	// The zone's offset half a day before and after: one of them holds at the start.
	const HALF_DAY = 43_200_000;
	const inDay = [
		wall - offsetAt(wall - HALF_DAY, rule.timeZone),
		wall - offsetAt(wall + HALF_DAY, rule.timeZone)
	].filter((at) => studyDay(at, rule) === day);
	let at = Math.min(...inDay);
	// Where the start hour was skipped, that instant is past the jump: step back to it.
	while (studyDay(at - 60_000, rule) === day) at -= 60_000;
	return at;
}

/** The instant the study day holding `at` ends: the start of the next one. */
export function dayEnd(at: number, rule: DayRule): number {
	return dayStart(addDays(studyDay(at, rule), 1), rule);
}
