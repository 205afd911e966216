import * as v from 'valibot';
import { defineType, duplicatesIn, Text } from './define';

export type Matches = { left: string; right: string | null }[];

/** What a response matched a left item to (the last choice counts), or null. */
export function matchedTo(matches: Matches, left: string): string | null {
	return matches.findLast((m) => m.left === left)?.right ?? null;
}

function matchedRight(q: { pairs: { left: string; right: string }[] }, r: { matches: Matches }) {
	return q.pairs.filter((p) => matchedTo(r.matches, p.left) === p.right).length;
}

/**
 * Matching, such as quote ↔ speaker. `pairs` lists each left item with its right partner; the
 * quiz offers the right items shuffled. Scoring: the share of left items given their partner.
 */
export const match = defineType({
	type: 'match',
	label: 'Matching',
	entries: {
		pairs: v.pipe(
			v.array(v.strictObject({ left: Text, right: Text })),
			v.minLength(2, 'needs at least 2 pairs')
		)
	},
	// A list of pairs rather than a record, so any item text works as a key (even "__proto__").
	response: v.object({
		matches: v.array(v.object({ left: v.string(), right: v.nullable(v.string()) }))
	}),
	perfect: (q) => ({ matches: q.pairs.map((p) => ({ left: p.left, right: p.right })) }),
	isComplete: (q, r) => q.pairs.every((p) => typeof matchedTo(r.matches, p.left) === 'string'),
	score: (q, r) => ({ score: matchedRight(q, r) / q.pairs.length }),
	answerText: (q) => q.pairs.map((p) => `${p.left} → ${p.right}`).join('; '),
	responseText: (q, r) =>
		q.pairs.map((p) => `${p.left} → ${matchedTo(r.matches, p.left) ?? '(none)'}`).join('; '),
	answerParts: (q) => q.pairs.map((p) => `${p.left} → ${p.right}`),
	responseParts: (q, r) =>
		q.pairs.map((p) => {
			const chosen = matchedTo(r.matches, p.left);
			return { text: `${p.left} → ${chosen ?? '(none)'}`, right: chosen === p.right };
		}),
	howScored: (q, r) => `${matchedRight(q, r)} of ${q.pairs.length} matched`,
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
