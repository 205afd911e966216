import * as v from 'valibot';
import { defineType } from './define';

export type DatePrecision = 'year' | 'month' | 'day';

export const MONTHS = [
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
	'December'
] as const;

/** A date written at the precision it is known: "2022", "2022-07" or "2022-07-15". */
const DateString = v.pipe(
	v.string(),
	v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be written YYYY, YYYY-MM or YYYY-MM-DD')
);

export interface DateParts {
	year: number;
	month: number | null;
	day: number | null;
}

export function parseDate(text: string): DateParts {
	const [year, month, day] = text.split('-').map(Number);
	return { year: year ?? NaN, month: month ?? null, day: day ?? null };
}

export function precisionOf(text: string): DatePrecision {
	const parts = text.split('-').length;
	return parts === 1 ? 'year' : parts === 2 ? 'month' : 'day';
}

export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatDate(parts: {
	year: number | null;
	month: number | null;
	day: number | null;
}): string {
	const words = [parts.day, parts.month ? MONTHS[parts.month - 1] : null, parts.year].filter(
		(p) => p !== null && p !== undefined
	);
	return words.length ? words.join(' ') : '(no answer)';
}

type Response = { year: number | null; month: number | null; day: number | null };

/** What the prompt gives of a date: the year, or the year and month. */
export type DateGiven = 'year' | 'month';

/** The parts of a date a question asks for, finest last: what its answer holds, less what it gives. */
export function askedParts(q: { answer: string; given?: DateGiven }): DatePrecision[] {
	const parts: DatePrecision[] = ['year', 'month', 'day'];
	const asked = parts.slice(0, parts.indexOf(precisionOf(q.answer)) + 1);
	return asked.slice(q.given === 'month' ? 2 : q.given === 'year' ? 1 : 0);
}

/** The parts of the answer the prompt gives, the rest null. */
export function givenParts(q: { answer: string; given?: DateGiven }): Response {
	const want = parseDate(q.answer);
	return {
		year: q.given ? want.year : null,
		month: q.given === 'month' ? want.month : null,
		day: null
	};
}

/** A response with the parts the prompt gives put in, whatever it held there. */
export function completed(q: { answer: string; given?: DateGiven }, r: Response): Response {
	const given = givenParts(q);
	return {
		year: given.year ?? r.year,
		month: given.month ?? r.month,
		day: r.day
	};
}

/**
 * A date, answered at day, month or year precision. The question's answer is written at the
 * precision it asks for. `given` says the prompt already gives the year ('year') or the year and
 * month ('month'), as in "On what day in July 2022…": the student gives only the other parts, and
 * the check insists the prompt states the given ones (the year's digits, the month's English
 * name). Scoring: the response is completed with the given parts (whatever it holds there); then
 * 1 when it gives at least the answer's precision and agrees with the answer at that precision
 * (finer parts are ignored), otherwise 0. The perfect response holds the asked parts only.
 */
export const date = defineType({
	type: 'date',
	label: 'Date',
	entries: {
		answer: DateString,
		given: v.optional(v.picklist(['year', 'month'], "must be 'year' or 'month'"))
	},
	addedFields: ['given'],
	response: v.object({
		year: v.nullable(v.number()),
		month: v.nullable(v.number()),
		day: v.nullable(v.number())
	}),
	perfect(q) {
		const want = parseDate(q.answer);
		const asked = askedParts(q);
		return {
			year: asked.includes('year') ? want.year : null,
			month: asked.includes('month') ? want.month : null,
			day: asked.includes('day') ? want.day : null
		};
	},
	isComplete: (q, r) => askedParts(q).every((part) => r[part] !== null),
	score(q, r) {
		const want = parseDate(q.answer);
		const precision = precisionOf(q.answer);
		const got = completed(q, r);
		let right = got.year === want.year;
		if (precision !== 'year') right &&= got.month === want.month;
		if (precision === 'day') right &&= got.day === want.day;
		return { score: right ? 1 : 0 };
	},
	answerText: (q) => formatDate(parseDate(q.answer)),
	responseText: (q, r) =>
		askedParts(q).some((part) => r[part] !== null) ? formatDate(completed(q, r)) : '(no answer)',
	check(q) {
		const { year, month, day } = parseDate(q.answer);
		if (month !== null && (month < 1 || month > 12))
			return [{ field: 'answer', message: `month ${month} does not exist` }];
		if (month !== null && day !== null && (day < 1 || day > daysInMonth(year, month)))
			return [{ field: 'answer', message: `${q.answer} is not a real date` }];
		if (q.given && !askedParts(q).length)
			return [
				{
					field: 'given',
					message: `gives the ${q.given === 'month' ? 'year and month' : 'year'}, which leaves nothing of ${q.answer} to ask: give less, or drop given`
				}
			];
		return [];
	},
	checkPrompt(q, prompt) {
		if (!q.given || !askedParts(q).length) return [];
		const { year, month } = givenParts(q);
		const words: string[] = prompt.toLowerCase().match(/[\p{L}\d]+/gu) ?? [];
		const missing = [month === null ? null : MONTHS[month - 1]!, String(year)].filter(
			(part) => part !== null && !words.includes(part.toLowerCase())
		);
		if (!missing.length) return [];
		const gives = q.given === 'month' ? 'year and month' : 'year';
		return [
			{
				field: 'prompt',
				message: `must state the ${gives} the question gives (given: ${q.given}), as the student is asked only for the rest; it does not say ${missing.map((p) => `"${p}"`).join(' or ')}`
			}
		];
	}
});
