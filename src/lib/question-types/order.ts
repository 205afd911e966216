import * as v from 'valibot';
import { defineType, duplicatesIn, Text } from './define';

/**
 * Put items in order (a timeline). `items` lists them in the right order; the quiz shows them
 * shuffled, never already in order. Scoring: the share of all pairs of items that the response puts in the right
 * relative order. A pair with an item missing from the response counts as wrong.
 */
/** How many pairs of items a response puts in the right relative order, out of all pairs. */
function pairsInOrder(q: { items: string[] }, r: { order: string[] }) {
	const position = new Map<string, number>();
	r.order.forEach((item, i) => {
		if (!position.has(item)) position.set(item, i);
	});
	let right = 0;
	let pairs = 0;
	for (let i = 0; i < q.items.length; i++)
		for (let j = i + 1; j < q.items.length; j++) {
			pairs++;
			const a = position.get(q.items[i]!);
			const b = position.get(q.items[j]!);
			if (a !== undefined && b !== undefined && a < b) right++;
		}
	return { right, pairs };
}

export const order = defineType({
	type: 'order',
	label: 'Order',
	entries: {
		items: v.pipe(v.array(Text), v.minLength(3, 'needs at least 3 items'))
	},
	response: v.object({ order: v.array(v.string()) }),
	perfect: (q) => ({ order: [...q.items] }),
	// The list on screen is already a full response: shuffled for the attempt, and never already
	// right (a student who checks at once must not score by luck).
	start(q, arrange) {
		const shuffled = arrange(q.items);
		const unchanged = shuffled.every((item, i) => item === q.items[i]);
		return { order: unchanged ? [...shuffled.slice(1), shuffled[0]!] : shuffled };
	},
	isComplete: (q, r) =>
		r.order.length === q.items.length && q.items.every((item) => r.order.includes(item)),
	score(q, r) {
		const { right, pairs } = pairsInOrder(q, r);
		return { score: right / pairs };
	},
	answerText: (q) => q.items.map((item, i) => `${i + 1}. ${item}`).join(' '),
	responseText: (_q, r) => r.order.map((item, i) => `${i + 1}. ${item}`).join(' '),
	answerParts: (q) => [...q.items],
	responseParts: (q, r) => r.order.map((text, i) => ({ text, right: q.items[i] === text })),
	howScored(q, r) {
		const { right, pairs } = pairsInOrder(q, r);
		return `${right} of ${pairs} pairs in order`;
	},
	check: (q) =>
		duplicatesIn(q.items).map((item) => ({ field: 'items', message: `"${item}" is listed twice` }))
});
