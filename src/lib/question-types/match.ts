import * as v from 'valibot';
import { defineType, duplicatesIn, Text } from './define';

/**
 * Matching, such as quote ↔ speaker. `pairs` lists each left item with its right partner; the
 * quiz offers the right items shuffled. Scoring: the share of left items given their partner.
 */
export const match = defineType({
	type: 'match',
	label: 'Matching',
	entries: {
		pairs: v.pipe(
			v.array(v.object({ left: Text, right: Text })),
			v.minLength(2, 'needs at least 2 pairs')
		)
	},
	response: v.object({ matches: v.record(v.string(), v.nullable(v.string())) }),
	perfect: (q) => ({ matches: Object.fromEntries(q.pairs.map((p) => [p.left, p.right])) }),
	isComplete: (q, r) => q.pairs.every((p) => typeof r.matches[p.left] === 'string'),
	score: (q, r) => ({
		score: q.pairs.filter((p) => r.matches[p.left] === p.right).length / q.pairs.length
	}),
	answerText: (q) => q.pairs.map((p) => `${p.left} → ${p.right}`).join('; '),
	responseText: (q, r) =>
		q.pairs.map((p) => `${p.left} → ${r.matches[p.left] ?? '(none)'}`).join('; '),
	check: (q) => [
		...duplicatesIn(q.pairs.map((p) => p.left)).map((l) => ({
			field: 'pairs',
			message: `left item "${l}" is listed twice`
		})),
		...duplicatesIn(q.pairs.map((p) => p.right)).map((r) => ({
			field: 'pairs',
			message: `right item "${r}" is listed twice`
		}))
	]
});
