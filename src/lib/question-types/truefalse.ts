import * as v from 'valibot';
import { defineType } from './define';

/** True or false. Scoring: 1 when the response matches the answer, otherwise 0. */
export const truefalse = defineType({
	type: 'truefalse',
	label: 'True or false',
	entries: { answer: v.boolean() },
	response: v.object({ value: v.nullable(v.boolean()) }),
	perfect: (q) => ({ value: q.answer }),
	isComplete: (_q, r) => r.value !== null,
	score: (q, r) => ({ score: r.value === q.answer ? 1 : 0 }),
	answerText: (q) => (q.answer ? 'True' : 'False'),
	responseText: (_q, r) => (r.value === null ? '(no answer)' : r.value ? 'True' : 'False'),
	check: () => []
});
