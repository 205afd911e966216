import * as v from 'valibot';
import { defineType, duplicatesIn, outletName, type Outlet } from './define';

/** One answer a student can give to "which source said it". */
export interface AttributionChoice {
	/** Stable value for the control: a source id, "*" for all, "-" for none. */
	value: string;
	/** The sources this choice names. */
	sources: string[];
	label: string;
}

/**
 * The choices a story with these outlets offers, in order: each outlet alone, then all of them
 * (with two or more), then none. With two outlets that is every combination; with three or more,
 * a key naming some but not all of several outlets is not a choice, and the content check
 * rejects it. This is the one rule: the check, the screen and the wording all use it.
 */
export function attributionChoices(outlets: readonly Outlet[]): AttributionChoice[] {
	const n = outlets.length;
	const alone = outlets.map((o) => ({
		value: o.id,
		sources: [o.id],
		label: n === 1 ? `${o.outlet} reported it` : `${o.outlet} only`
	}));
	const all =
		n > 1
			? [{ value: '*', sources: outlets.map((o) => o.id), label: n === 2 ? 'Both' : 'All of them' }]
			: [];
	const none = {
		value: '-',
		sources: [],
		label: n === 1 ? 'Not reported' : n === 2 ? 'Neither' : 'None of them'
	};
	return [...alone, ...all, none];
}

/** The choice that names exactly these sources, if the story offers one. */
export function attributionChoice(
	outlets: readonly Outlet[],
	sources: readonly string[]
): AttributionChoice | undefined {
	const given = new Set(sources);
	return attributionChoices(outlets).find(
		(c) =>
			c.sources.length === given.size &&
			given.size === sources.length &&
			c.sources.every((s) => given.has(s))
	);
}

function sourcesText(outlets: readonly Outlet[], ids: readonly string[]): string {
	return (
		attributionChoice(outlets, ids)?.label ??
		(ids.length ? ids.map((id) => outletName(outlets, id)).join(', ') : 'None of them')
	);
}

/**
 * Source attribution: which outlet reported it. `answer` lists the ids of the sources that
 * carry the claim: one, all, or none, as `attributionChoices` offers them. Scoring: 1 when the
 * response names exactly those sources, otherwise 0. Whether the key agrees with the evidence is
 * checked against the source texts by the content check.
 */
export const source = defineType({
	type: 'source',
	label: 'Which source said it',
	entries: {
		answer: v.array(v.pipe(v.string(), v.minLength(1)))
	},
	response: v.object({ sources: v.nullable(v.array(v.string())) }),
	perfect: (q) => ({ sources: [...q.answer] }),
	isComplete: (_q, r) => r.sources !== null,
	score(q, r) {
		const given = new Set(r.sources ?? []);
		// A list that names a source twice is no choice the quiz offers: it scores nothing.
		const right =
			given.size === (r.sources ?? []).length &&
			given.size === q.answer.length &&
			q.answer.every((s) => given.has(s));
		return { score: r.sources !== null && right ? 1 : 0 };
	},
	answerText: (q, outlets) => sourcesText(outlets, q.answer),
	responseText: (_q, r, outlets) =>
		r.sources === null ? '(no answer)' : sourcesText(outlets, r.sources),
	check: (q) =>
		duplicatesIn(q.answer).map((s) => ({ field: 'answer', message: `"${s}" is listed twice` }))
});
