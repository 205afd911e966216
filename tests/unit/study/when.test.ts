import { describe, expect, it } from 'vitest';
import { comesBack } from '$lib/study/when';

const TIRANA = { timeZone: 'Europe/Tirane', startHour: 4 };
const NOW = Date.parse('2026-07-15T10:00:00Z'); // noon in Tirana
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('comesBack', () => {
	it('says "now" for a question already due', () => {
		expect(comesBack(NOW, NOW, TIRANA)).toBe('now');
		expect(comesBack(NOW - DAY, NOW, TIRANA)).toBe('now');
	});

	it('counts minutes, then hours, within the study day', () => {
		expect(comesBack(NOW + 20_000, NOW, TIRANA)).toBe('in 1 minute');
		expect(comesBack(NOW + 10 * MINUTE, NOW, TIRANA)).toBe('in 10 minutes');
		expect(comesBack(NOW + HOUR, NOW, TIRANA)).toBe('in 1 hour');
		expect(comesBack(NOW + 5 * HOUR, NOW, TIRANA)).toBe('in 5 hours');
	});

	it('counts study days beyond today, so 2 am tonight is still today and 5 am is tomorrow', () => {
		expect(comesBack(Date.parse('2026-07-16T00:00:00Z'), NOW, TIRANA)).toBe('in 14 hours');
		expect(comesBack(Date.parse('2026-07-16T03:00:00Z'), NOW, TIRANA)).toBe('tomorrow');
		expect(comesBack(NOW + 3 * DAY, NOW, TIRANA)).toBe('in 3 days');
	});

	it('speaks in weeks, months and years for long intervals', () => {
		expect(comesBack(NOW + 13 * DAY, NOW, TIRANA)).toBe('in 13 days');
		expect(comesBack(NOW + 21 * DAY, NOW, TIRANA)).toBe('in 3 weeks');
		expect(comesBack(NOW + 91 * DAY, NOW, TIRANA)).toBe('in 3 months');
		expect(comesBack(NOW + 800 * DAY, NOW, TIRANA)).toBe('in 2 years');
	});
});
