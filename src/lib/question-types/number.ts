import * as v from 'valibot';
import { defineType } from './define';

/** Within ± tolerance, allowing for binary rounding (0.4 − 0.3 is 0.10000000000000003). */
function withinTolerance(value: number, answer: number, tolerance: number): boolean {
	return Math.abs(value - answer) <= tolerance + 1e-9 * Math.max(1, Math.abs(answer));
}

/**
 * A number with a tolerance. Scoring: 1 when the response lies within ± tolerance of the answer
 * (tolerance 0 means exactly), otherwise 0.
 */
export const number = defineType({
	type: 'number',
	label: 'Number',
	entries: {
		// Finite: JSON has no Infinity or NaN (they would ship as null), and no student can type them.
		answer: v.pipe(v.number('must be a finite number'), v.finite('must be a finite number')),
		tolerance: v.optional(
			v.pipe(
				v.number('must be a finite number'),
				v.finite('must be a finite number'),
				v.minValue(0, 'must not be negative')
			),
			0
		),
		unit: v.optional(v.string())
	},
	response: v.object({ value: v.nullable(v.number()) }),
	perfect: (q) => ({ value: q.answer }),
	isComplete: (_q, r) => r.value !== null && Number.isFinite(r.value),
	score: (q, r) => ({
		score:
			r.value !== null &&
			Number.isFinite(r.value) &&
			withinTolerance(r.value, q.answer, q.tolerance)
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
