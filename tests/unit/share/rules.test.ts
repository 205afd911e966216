import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assignment } from '$lib/share/assignment';
import {
	clockText,
	deadlineOf,
	durationText,
	feedbackNow,
	isLate,
	rulesFor,
	rulesText,
	timeLeft
} from '$lib/share/rules';

/** A fixed clock: every moment in these tests is an offset from it. */
const NOW = 1_700_000_000_000;
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DUE = NOW + 2 * HOUR;

type Limits = Pick<Assignment, 'timeLimitMinutes' | 'attemptsAllowed' | 'due' | 'feedback'>;

function limits(fields: Partial<Limits> = {}): Limits {
	return { timeLimitMinutes: 20, attemptsAllowed: 2, due: DUE, feedback: 'end', ...fields };
}

describe('rulesFor', () => {
	it('counts the attempts left and allows a start while any are', () => {
		expect(rulesFor(limits(), 0, NOW)).toEqual({
			attemptsUsed: 0,
			attemptsLeft: 2,
			mayStart: true,
			due: DUE,
			pastDue: false,
			timeLimitMs: 20 * MINUTE
		});
		expect(rulesFor(limits(), 1, NOW)).toMatchObject({ attemptsLeft: 1, mayStart: true });
	});

	it('refuses a start once the attempts are used up, and never counts below 0', () => {
		expect(rulesFor(limits(), 2, NOW)).toMatchObject({ attemptsLeft: 0, mayStart: false });
		expect(rulesFor(limits(), 5, NOW)).toMatchObject({ attemptsLeft: 0, mayStart: false });
		expect(rulesFor(limits({ attemptsAllowed: 1 }), 1, NOW).mayStart).toBe(false);
	});

	it('allows any number of attempts when there is no limit', () => {
		expect(rulesFor(limits({ attemptsAllowed: null }), 0, NOW)).toMatchObject({
			attemptsLeft: null,
			mayStart: true
		});
		expect(rulesFor(limits({ attemptsAllowed: null }), 1_000, NOW).mayStart).toBe(true);
	});

	it('reads a negative count of attempts used as none', () => {
		expect(rulesFor(limits(), -3, NOW)).toMatchObject({ attemptsUsed: 0, attemptsLeft: 2 });
	});

	it('is past due only after the due moment, and still allows a start then', () => {
		expect(rulesFor(limits(), 0, DUE - 1).pastDue).toBe(false);
		expect(rulesFor(limits(), 0, DUE).pastDue).toBe(false);
		expect(rulesFor(limits(), 0, DUE + 1)).toMatchObject({ pastDue: true, mayStart: true });
	});

	it('is never past due without a due date', () => {
		expect(rulesFor(limits({ due: null }), 0, Number.MAX_SAFE_INTEGER)).toMatchObject({
			due: null,
			pastDue: false
		});
	});

	it('gives no time limit when there is none', () => {
		expect(rulesFor(limits({ timeLimitMinutes: null }), 0, NOW).timeLimitMs).toBeNull();
	});

	it('allows a start exactly when attempts are left, for any counts', () => {
		fc.assert(
			fc.property(
				fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
				fc.nat(40),
				fc.maxSafeNat(),
				(allowed, used, now) => {
					const rules = rulesFor(limits({ attemptsAllowed: allowed }), used, now);
					expect(rules.mayStart).toBe(allowed === null || used < allowed);
					if (allowed !== null) expect(rules.attemptsLeft! + Math.min(used, allowed)).toBe(allowed);
				}
			)
		);
	});
});

describe('deadlineOf and timeLeft', () => {
	const started = NOW;

	it('ends an attempt its time limit after it started', () => {
		expect(deadlineOf(limits(), started)).toBe(NOW + 20 * MINUTE);
		expect(deadlineOf(limits({ timeLimitMinutes: 600 }), started)).toBe(NOW + 10 * HOUR);
		expect(deadlineOf(limits({ timeLimitMinutes: null }), started)).toBeNull();
	});

	it('does not move the deadline for the due date: late work is marked, not cut short', () => {
		expect(deadlineOf(limits({ due: NOW + MINUTE }), started)).toBe(NOW + 20 * MINUTE);
	});

	it('counts down to 0 at the deadline and stays there', () => {
		expect(timeLeft(limits(), started, started)).toBe(20 * MINUTE);
		expect(timeLeft(limits(), started, started + 5 * MINUTE)).toBe(15 * MINUTE);
		expect(timeLeft(limits(), started, started + 20 * MINUTE - 1)).toBe(1);
		expect(timeLeft(limits(), started, started + 20 * MINUTE)).toBe(0);
		expect(timeLeft(limits(), started, started + 20 * MINUTE + 1)).toBe(0);
		expect(timeLeft(limits(), started, started + 10 * HOUR)).toBe(0);
	});

	it('never gives more than the whole limit, even when the clock is set back', () => {
		expect(timeLeft(limits(), started, started - HOUR)).toBe(20 * MINUTE);
	});

	it('has no time left to count without a limit', () => {
		expect(timeLeft(limits({ timeLimitMinutes: null }), started, started + HOUR)).toBeNull();
	});

	it('stays between 0 and the limit, and falls as the clock moves on', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 600 }),
				fc.integer({ min: -HOUR, max: 12 * HOUR }),
				fc.nat(HOUR),
				(minutes, elapsed, step) => {
					const a = limits({ timeLimitMinutes: minutes });
					const left = timeLeft(a, NOW, NOW + elapsed)!;
					expect(left).toBeGreaterThanOrEqual(0);
					expect(left).toBeLessThanOrEqual(minutes * MINUTE);
					expect(timeLeft(a, NOW, NOW + elapsed + step)!).toBeLessThanOrEqual(left);
				}
			)
		);
	});
});

describe('isLate', () => {
	it('marks work finished after the due moment as late, and at it as on time', () => {
		expect(isLate(limits(), DUE - 1)).toBe(false);
		expect(isLate(limits(), DUE)).toBe(false);
		expect(isLate(limits(), DUE + 1)).toBe(true);
	});

	it('never marks work late without a due date', () => {
		expect(isLate(limits({ due: null }), Number.MAX_SAFE_INTEGER)).toBe(false);
	});

	it('agrees with pastDue at every moment', () => {
		fc.assert(
			fc.property(fc.maxSafeNat(), fc.maxSafeNat(), (due, at) => {
				expect(isLate(limits({ due }), at)).toBe(rulesFor(limits({ due }), 0, at).pastDue);
			})
		);
	});
});

describe('feedbackNow', () => {
	const cases: [Assignment['feedback'], 'question' | 'end', boolean, boolean][] = [
		['each', 'question', false, true],
		['each', 'end', false, true],
		['each', 'question', true, true],
		['end', 'question', false, false],
		['end', 'question', true, false],
		['end', 'end', false, true],
		['released', 'question', false, false],
		['released', 'end', false, false],
		['released', 'question', true, true],
		['released', 'end', true, true]
	];
	it.each(cases)('%s, at %s, released %s: %s', (feedback, phase, released, shown) => {
		expect(feedbackNow(limits({ feedback }), phase, released)).toBe(shown);
	});
});

describe('clockText', () => {
	it.each([
		[0, '0:00', 'No time left'],
		[1, '0:01', '1 second left'],
		[999, '0:01', '1 second left'],
		[1_000, '0:01', '1 second left'],
		[59 * SECOND, '0:59', '59 seconds left'],
		[60 * SECOND, '1:00', '1 minute left'],
		[61 * SECOND, '1:01', '1 minute 1 second left'],
		[12 * MINUTE + 5 * SECOND, '12:05', '12 minutes 5 seconds left'],
		[HOUR - SECOND, '59:59', '59 minutes 59 seconds left'],
		[HOUR, '1:00:00', '1 hour left'],
		[HOUR + 5 * SECOND, '1:00:05', '1 hour 5 seconds left'],
		[3661 * SECOND, '1:01:01', '1 hour 1 minute 1 second left'],
		[10 * HOUR, '10:00:00', '10 hours left'],
		[-5 * SECOND, '0:00', 'No time left'],
		[Number.NaN, '0:00', 'No time left']
	])('%d ms reads "%s", "%s"', (ms, short, spoken) => {
		expect(clockText(ms)).toEqual({ short, spoken });
	});

	it('shows 0:00 only when no time is left (seconds round up)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 12 * HOUR }), (ms) => {
				expect(clockText(ms).short).not.toBe('0:00');
			})
		);
	});
});

describe('durationText', () => {
	it.each([
		[1, '1 minute'],
		[20, '20 minutes'],
		[60, '1 hour'],
		[90, '1 hour 30 minutes'],
		[121, '2 hours 1 minute'],
		[600, '10 hours']
	])('%d minutes read "%s"', (minutes, text) => {
		expect(durationText(minutes)).toBe(text);
	});
});

describe('rulesText', () => {
	const formatDate = (ms: number) => `<${ms}>`;
	const text = (fields: Partial<Limits>, used = 0, now = NOW) => {
		const a = limits(fields);
		return rulesText(a, rulesFor(a, used, now), formatDate);
	};

	it('says the time limit, the attempts left and the due date', () => {
		expect(text({})).toEqual([
			'20 minutes, timed from when you start',
			'2 attempts left',
			`Due <${DUE}>`
		]);
		expect(text({ timeLimitMinutes: 90 }, 1)).toEqual([
			'1 hour 30 minutes, timed from when you start',
			'1 attempt left',
			`Due <${DUE}>`
		]);
	});

	it('says plainly when there is no limit, no attempt left or no due date', () => {
		expect(text({ timeLimitMinutes: null, attemptsAllowed: null, due: null })).toEqual([
			'No time limit',
			'Unlimited attempts',
			'No due date'
		]);
		expect(text({}, 2)[1]).toBe('No attempts left');
	});

	it('says that work handed in after the due date is marked late', () => {
		expect(text({}, 0, DUE)[2]).toBe(`Due <${DUE}>`);
		expect(text({}, 0, DUE + 1)[2]).toBe(`Was due <${DUE}>: work handed in now is marked late`);
	});
});
