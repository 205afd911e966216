import * as v from 'valibot';
import { defineType } from './define';

/**
 * A number with a tolerance. Scoring: 1 when the response lies within ± tolerance of the answer
 * (tolerance 0 means exactly), otherwise 0.
 */
export const number = defineType({
	type: 'number',
	label: 'Number',
	entries: {
		answer: v.number(),
		tolerance: v.optional(v.pipe(v.number(), v.minValue(0, 'must not be negative')), 0),
		unit: v.optional(v.string())
	},
	response: v.object({ value: v.nullable(v.number()) }),
	perfect: (q) => ({ value: q.answer }),
	isComplete: (_q, r) => r.value !== null && Number.isFinite(r.value),
	score: (q, r) => ({
		score:
			r.value !== null && Number.isFinite(r.value) && Math.abs(r.value - q.answer) <= q.tolerance
				? 1
				: 0
	}),
	answerText: (q) =>
		[q.answer.toLocaleString('en'), q.unit].filter(Boolean).join(' ') +
		(q.tolerance ? ` (±${q.tolerance.toLocaleString('en')} accepted)` : ''),
	responseText: (q, r) =>
		r.value === null
			? '(no answer)'
			: [r.value.toLocaleString('en'), q.unit].filter(Boolean).join(' '),
	check: () => []
});
