import * as v from 'valibot';
import { clamp01, defineType, duplicatesIn, Text } from './define';

/**
 * Multiple select, with partial credit. Scoring: (right options chosen − wrong options chosen)
 * ÷ number of right options, never below 0. Choosing everything therefore earns nothing, and
 * each missed or wrongly chosen option costs the same.
 */
/** The right options a response chose, and the wrong ones (options not offered are ignored). */
function tally(q: { options: string[]; answers: string[] }, r: { choices: string[] }) {
	const chosen = new Set(r.choices.filter((c) => q.options.includes(c)));
	let hits = 0;
	let misses = 0;
	for (const c of chosen) {
		if (q.answers.includes(c)) hits++;
		else misses++;
	}
	return { hits, misses };
}

export const multi = defineType({
	type: 'multi',
	label: 'Multiple select',
	entries: {
		options: v.pipe(v.array(Text), v.minLength(3, 'needs at least 3 options')),
		answers: v.pipe(v.array(Text), v.minLength(1, 'needs at least 1 right option'))
	},
	response: v.object({ choices: v.array(v.string()) }),
	perfect: (q) => ({ choices: [...q.answers] }),
	isComplete: (_q, r) => r.choices.length > 0,
	score(q, r) {
		const { hits, misses } = tally(q, r);
		return { score: clamp01((hits - misses) / q.answers.length) };
	},
	answerText: (q) => q.answers.join('; '),
	responseText: (_q, r) => (r.choices.length ? r.choices.join('; ') : '(no answer)'),
	answerParts: (q) => [...q.answers],
	responseParts: (q, r) => r.choices.map((text) => ({ text, right: q.answers.includes(text) })),
	howScored(q, r) {
		const { hits, misses } = tally(q, r);
		const right = `${hits} of ${q.answers.length} right`;
		if (!misses) return right;
		return misses === 1
			? `${right}, 1 wrong pick cancels one`
			: `${right}, ${misses} wrong picks cancel ${misses}`;
	},
	check(q) {
		const issues = [
			...duplicatesIn(q.options).map((o) => ({
				field: 'options',
				message: `"${o}" is listed twice`
			})),
			...duplicatesIn(q.answers).map((o) => ({
				field: 'answers',
				message: `"${o}" is listed twice`
			}))
		];
		for (const a of q.answers)
			if (!q.options.includes(a))
				issues.push({ field: 'answers', message: `"${a}" is not one of the options` });
		if (q.answers.length === q.options.length)
			issues.push({ field: 'answers', message: 'every option is right; add a wrong one' });
		return issues;
	}
});
