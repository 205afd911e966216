import * as v from 'valibot';
import { defineType, duplicatesIn, Text } from './define';

/**
 * Single choice. Scoring: 1 when the chosen option is the answer, otherwise 0.
 */
export const single = defineType({
	type: 'single',
	label: 'Single choice',
	entries: {
		options: v.pipe(v.array(Text), v.minLength(2, 'needs at least 2 options')),
		answer: Text
	},
	response: v.object({ choice: v.nullable(v.string()) }),
	perfect: (q) => ({ choice: q.answer }),
	isComplete: (_q, r) => r.choice !== null,
	score: (q, r) => ({ score: r.choice === q.answer ? 1 : 0 }),
	answerText: (q) => q.answer,
	responseText: (_q, r) => r.choice ?? '(no answer)',
	check(q) {
		const issues = duplicatesIn(q.options).map((o) => ({
			field: 'options',
			message: `"${o}" is listed twice`
		}));
		if (!q.options.includes(q.answer))
			issues.push({ field: 'answer', message: `"${q.answer}" is not one of the options` });
		return issues;
	}
});
