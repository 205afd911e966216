import { describe, expect, it } from 'vitest';
import { addDays, dayEnd, daysBetween, dayStart, studyDay, type DayRule } from '$lib/study/day';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const TIRANA: DayRule = { timeZone: 'Europe/Tirane', startHour: 4 };
const NEW_YORK: DayRule = { timeZone: 'America/New_York', startHour: 4 };

describe('studyDay', () => {
	it('counts a review before the start hour for the day before', () => {
		// Tirana is two hours ahead of UTC in July.
		expect(studyDay(at('2026-07-15T01:59:59Z'), TIRANA)).toBe('2026-07-14');
		expect(studyDay(at('2026-07-15T02:00:00Z'), TIRANA)).toBe('2026-07-15');
		expect(studyDay(at('2026-07-15T21:59:00Z'), TIRANA)).toBe('2026-07-15');
	});

	it('follows the calendar when the day starts at midnight', () => {
		const rule = { timeZone: 'Europe/Tirane', startHour: 0 };
		expect(studyDay(at('2026-07-14T21:59:59Z'), rule)).toBe('2026-07-14');
		expect(studyDay(at('2026-07-14T22:00:00Z'), rule)).toBe('2026-07-15');
	});

	it('crosses months and years', () => {
		expect(studyDay(at('2027-01-01T02:00:00Z'), TIRANA)).toBe('2026-12-31');
		expect(studyDay(at('2026-03-01T02:00:00Z'), TIRANA)).toBe('2026-02-28');
	});
});

describe('addDays and daysBetween', () => {
	it('step over month ends, leap days and years', () => {
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
		expect(daysBetween('2027-01-02', '2026-12-30')).toBe(-3);
	});

	it('count calendar days, whatever the clocks did in between', () => {
		expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
		expect(daysBetween('2026-10-31', '2026-11-02')).toBe(2);
	});
});

describe('dayStart and dayEnd', () => {
	it('start a day at the start hour, local time', () => {
		expect(dayStart('2026-07-15', TIRANA)).toBe(at('2026-07-15T02:00:00Z'));
		expect(dayEnd(at('2026-07-15T12:00:00Z'), TIRANA)).toBe(at('2026-07-16T02:00:00Z'));
		// Before 4 am the day is still yesterday's, so it ends at 4 am today.
		expect(dayEnd(at('2026-07-15T01:00:00Z'), TIRANA)).toBe(at('2026-07-15T02:00:00Z'));
	});

	it('make the day the clocks go forward 23 hours long, and the day they go back 25', () => {
		// New York: 2 am becomes 3 am on 8 March 2026; 2 am becomes 1 am on 1 November 2026.
		const spring = dayStart('2026-03-08', NEW_YORK);
		expect(spring).toBe(at('2026-03-08T08:00:00Z')); // 4 am EDT
		expect(spring - dayStart('2026-03-07', NEW_YORK)).toBe(23 * HOUR);
		const autumn = dayStart('2026-11-01', NEW_YORK);
		expect(autumn).toBe(at('2026-11-01T09:00:00Z')); // 4 am EST
		expect(autumn - dayStart('2026-10-31', NEW_YORK)).toBe(25 * HOUR);
	});

	it('starts a day at the jump when its start hour is skipped', () => {
		const rule = { timeZone: 'America/New_York', startHour: 2 };
		// 2 am never happens on 8 March 2026: the day starts when the clock jumps to 3 am.
		expect(dayStart('2026-03-08', rule)).toBe(at('2026-03-08T07:00:00Z'));
		expect(studyDay(at('2026-03-08T06:59:00Z'), rule)).toBe('2026-03-07');
		expect(studyDay(at('2026-03-08T07:00:00Z'), rule)).toBe('2026-03-08');
	});

	it('starts a day at the first of two such hours when the clock goes back over it', () => {
		const rule = { timeZone: 'America/New_York', startHour: 1 };
		// 1 am happens twice on 1 November 2026: first in EDT (05:00 UTC), then in EST.
		expect(dayStart('2026-11-01', rule)).toBe(at('2026-11-01T05:00:00Z'));
		expect(studyDay(at('2026-11-01T05:30:00Z'), rule)).toBe('2026-11-01');
		expect(studyDay(at('2026-11-01T06:30:00Z'), rule)).toBe('2026-11-01');
	});

	it('agree with studyDay at every hour of a year, in zones either side of UTC', () => {
		for (const timeZone of [
			'Europe/Tirane',
			'America/New_York',
			'Australia/Sydney',
			'Asia/Kolkata'
		]) {
			for (const startHour of [0, 2, 4]) {
				const rule = { timeZone, startHour };
				for (let t = at('2026-01-01T00:00:00Z'); t < at('2027-01-01T00:00:00Z'); t += 11 * HOUR) {
					const day = studyDay(t, rule);
					expect(
						dayStart(day, rule) <= t,
						`${timeZone} ${startHour} ${new Date(t).toISOString()}`
					).toBe(true);
					expect(dayEnd(t, rule) > t).toBe(true);
					expect(studyDay(dayEnd(t, rule), rule)).toBe(addDays(day, 1));
					expect(studyDay(dayEnd(t, rule) - 1, rule)).toBe(day);
				}
			}
		}
	});
});
