import type { Assignment } from './assignment';

/**
 * What an assignment allows a student at a given moment. The clock is passed in, so the rules can
 * be tested at any moment and read the same in every tab. A due date never refuses work: what is
 * handed in late is marked late, and the teacher decides what that means.
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

export interface AttemptRules {
	attemptsUsed: number;
	/** Null when attempts are unlimited; never below 0. */
	attemptsLeft: number | null;
	/** False only when no attempts are left: being past due does not stop a start. */
	mayStart: boolean;
	due: number | null;
	/** Strictly after the due moment: work handed in at the very millisecond is on time. */
	pastDue: boolean;
	timeLimitMs: number | null;
}

type Limits = Pick<Assignment, 'timeLimitMinutes' | 'attemptsAllowed' | 'due'>;

/** The time limit in milliseconds; null without one. */
function timeLimitMs(assignment: Pick<Assignment, 'timeLimitMinutes'>): number | null {
	return assignment.timeLimitMinutes === null ? null : assignment.timeLimitMinutes * MINUTE;
}

/** What the assignment allows a student who has used `attemptsUsed` attempts, at `now`. */
export function rulesFor(assignment: Limits, attemptsUsed: number, now: number): AttemptRules {
	const used = Math.max(0, attemptsUsed);
	const attemptsLeft =
		assignment.attemptsAllowed === null ? null : Math.max(0, assignment.attemptsAllowed - used);
	return {
		attemptsUsed: used,
		attemptsLeft,
		mayStart: attemptsLeft === null || attemptsLeft > 0,
		due: assignment.due,
		pastDue: assignment.due !== null && now > assignment.due,
		timeLimitMs: timeLimitMs(assignment)
	};
}

/** When an attempt started at `startedAt` must end; null without a time limit. */
export function deadlineOf(
	assignment: Pick<Assignment, 'timeLimitMinutes'>,
	startedAt: number
): number | null {
	const limit = timeLimitMs(assignment);
	return limit === null ? null : startedAt + limit;
}

/**
 * Milliseconds left of an attempt started at `startedAt`: 0 at the deadline and after, and never
 * more than the whole limit (a clock set back must not hand out extra time). Null without a limit.
 */
export function timeLeft(
	assignment: Pick<Assignment, 'timeLimitMinutes'>,
	startedAt: number,
	now: number
): number | null {
	const limit = timeLimitMs(assignment);
	if (limit === null) return null;
	return Math.min(limit, Math.max(0, startedAt + limit - now));
}

/** Whether work finished at `finishedAt` came in after the due moment (at it is on time). */
export function isLate(assignment: Pick<Assignment, 'due'>, finishedAt: number): boolean {
	return assignment.due !== null && finishedAt > assignment.due;
}

/**
 * Whether the student may see right or wrong (with the explanation and the evidence) now: after
 * each question (`each`: during the quiz and at its end), only at the end (`end`), or only once the
 * teacher has released the answers (`released`), so students who finish early cannot pass them on.
 */
export function feedbackNow(
	assignment: Pick<Assignment, 'feedback'>,
	phase: 'question' | 'end',
	released: boolean
): boolean {
	switch (assignment.feedback) {
		case 'each':
			return true;
		case 'end':
			return phase === 'end';
		case 'released':
			return released;
	}
}

function plural(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}

/** Hours, minutes and seconds of a stretch of time, each part in words, the empty ones left out. */
function spokenParts(hours: number, minutes: number, seconds: number): string[] {
	return [
		hours ? plural(hours, 'hour') : '',
		minutes ? plural(minutes, 'minute') : '',
		seconds ? plural(seconds, 'second') : ''
	].filter((part) => part !== '');
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A countdown's text: `m:ss` under an hour ("12:05"), `h:mm:ss` from an hour on ("1:00:00"), and
 * the same spoken for screen readers ("12 minutes 5 seconds left"). Seconds are rounded up, so the
 * clock shows 0:00 only when the time is up, never while any is left. Below 0 (or not a number)
 * reads as 0.
 */
export function clockText(ms: number): { short: string; spoken: string } {
	const total = Number.isFinite(ms) ? Math.max(0, Math.ceil(ms / SECOND)) : 0;
	const hours = Math.floor(total / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const seconds = total % 60;
	const short = hours
		? `${hours}:${pad2(minutes)}:${pad2(seconds)}`
		: `${minutes}:${pad2(seconds)}`;
	const parts = spokenParts(hours, minutes, seconds);
	return { short, spoken: parts.length ? `${parts.join(' ')} left` : 'No time left' };
}

/** A whole number of minutes in words: "20 minutes", "1 hour", "1 hour 30 minutes". */
export function durationText(minutes: number): string {
	return spokenParts(Math.floor(minutes / 60), minutes % 60, 0).join(' ') || '0 minutes';
}

function timeRule(assignment: Pick<Assignment, 'timeLimitMinutes'>): string {
	return assignment.timeLimitMinutes === null
		? 'No time limit'
		: `${durationText(assignment.timeLimitMinutes)}, timed from when you start`;
}

function attemptsRule(rules: AttemptRules): string {
	if (rules.attemptsLeft === null) return 'Unlimited attempts';
	if (rules.attemptsLeft === 0) return 'No attempts left';
	return `${plural(rules.attemptsLeft, 'attempt')} left`;
}

function dueRule(rules: AttemptRules, formatDate: (ms: number) => string): string {
	if (rules.due === null) return 'No due date';
	if (rules.pastDue) return `Was due ${formatDate(rules.due)}: work handed in now is marked late`;
	return `Due ${formatDate(rules.due)}`;
}

/**
 * The rules in plain words for the student, one line each: the time limit, the attempts left and
 * the due date, each said plainly when there is none ("No time limit"). `formatDate` writes a
 * moment as the student's locale and time zone want it, which the core does not know.
 */
export function rulesText(
	assignment: Pick<Assignment, 'timeLimitMinutes'>,
	rules: AttemptRules,
	formatDate: (ms: number) => string
): string[] {
	return [timeRule(assignment), attemptsRule(rules), dueRule(rules, formatDate)];
}
