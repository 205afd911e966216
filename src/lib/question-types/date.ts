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

/**
 * A date, answered at day, month or year precision. The question's answer is written at the
 * precision it asks for. Scoring: 1 when the response gives at least that precision and agrees
 * with the answer at that precision (finer parts are ignored), otherwise 0.
 */
export const date = defineType({
	type: 'date',
	label: 'Date',
	entries: { answer: DateString },
	response: v.object({
		year: v.nullable(v.number()),
		month: v.nullable(v.number()),
		day: v.nullable(v.number())
	}),
	perfect: (q) => parseDate(q.answer),
	isComplete(q, r) {
		const precision = precisionOf(q.answer);
		if (r.year === null) return false;
		if (precision !== 'year' && r.month === null) return false;
		return precision !== 'day' || r.day !== null;
	},
	score(q, r) {
		const want = parseDate(q.answer);
		const precision = precisionOf(q.answer);
		let right = r.year === want.year;
		if (precision !== 'year') right &&= r.month === want.month;
		if (precision === 'day') right &&= r.day === want.day;
		return { score: right ? 1 : 0 };
	},
	answerText: (q) => formatDate(parseDate(q.answer)),
	responseText: (_q, r) => formatDate(r),
	check(q) {
		const { year, month, day } = parseDate(q.answer);
		if (month !== null && (month < 1 || month > 12))
			return [{ field: 'answer', message: `month ${month} does not exist` }];
		if (month !== null && day !== null && (day < 1 || day > daysInMonth(year, month)))
			return [{ field: 'answer', message: `${q.answer} is not a real date` }];
		return [];
	}
});
