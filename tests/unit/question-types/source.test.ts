import { describe, expect, it } from 'vitest';
import type { Outlet } from '$lib/question-types';
import { attributionChoice, attributionChoices, source } from '$lib/question-types/source';

const A: Outlet = { id: 'outlet-a', outlet: 'Alpha', name: 'Alpha News' };
const B: Outlet = { id: 'outlet-b', outlet: 'Beta', name: 'Beta News' };
const C: Outlet = { id: 'outlet-c', outlet: 'Gamma', name: 'Gamma News' };
const D: Outlet = { id: 'outlet-d', outlet: 'Delta', name: 'Delta News' };
const E: Outlet = { id: 'outlet-e', outlet: 'Epsilon', name: 'Epsilon News' };

const one = [A];
const two = [A, B];
const three = [A, B, C];
const five = [A, B, C, D, E];

const onlyA = { answer: [A.id] };
const both = { answer: [A.id, B.id] };
const neither = { answer: [] as string[] };

/** Every subset of the outlets' ids, in the outlets' order. */
function subsets(outlets: readonly Outlet[]): string[][] {
	return outlets.reduce<string[][]>((all, o) => [...all, ...all.map((s) => [...s, o.id])], [[]]);
}

describe('attributionChoices', () => {
	it('offers one outlet reporting it or not', () => {
		expect(attributionChoices(one)).toEqual([
			{ value: A.id, sources: [A.id], label: 'Alpha reported it' },
			{ value: '-', sources: [], label: 'Not reported' }
		]);
	});

	it('offers each of two outlets alone, both, then neither', () => {
		expect(attributionChoices(two)).toEqual([
			{ value: A.id, sources: [A.id], label: 'Alpha only' },
			{ value: B.id, sources: [B.id], label: 'Beta only' },
			{ value: '*', sources: [A.id, B.id], label: 'Both' },
			{ value: '-', sources: [], label: 'Neither' }
		]);
	});

	it('offers each of three outlets alone, all of them, then none', () => {
		expect(attributionChoices(three)).toEqual([
			{ value: A.id, sources: [A.id], label: 'Alpha only' },
			{ value: B.id, sources: [B.id], label: 'Beta only' },
			{ value: C.id, sources: [C.id], label: 'Gamma only' },
			{ value: '*', sources: [A.id, B.id, C.id], label: 'All of them' },
			{ value: '-', sources: [], label: 'None of them' }
		]);
	});

	it('offers each of five outlets alone, all of them, then none', () => {
		const choices = attributionChoices(five);
		expect(choices).toHaveLength(7);
		expect(choices.map((c) => c.label)).toEqual([
			'Alpha only',
			'Beta only',
			'Gamma only',
			'Delta only',
			'Epsilon only',
			'All of them',
			'None of them'
		]);
		expect(choices.map((c) => c.value)).toEqual([...five.map((o) => o.id), '*', '-']);
		expect(choices[5]!.sources).toEqual(five.map((o) => o.id));
	});

	it('follows the order the story lists its outlets in', () => {
		expect(attributionChoices([B, A]).map((c) => c.label)).toEqual([
			'Beta only',
			'Alpha only',
			'Both',
			'Neither'
		]);
		expect(attributionChoices([C, A, B])[3]!.sources).toEqual([C.id, A.id, B.id]);
	});

	it('has n + 2 choices from two outlets on, with values unique', () => {
		for (const outlets of [one, two, three, five]) {
			const choices = attributionChoices(outlets);
			const n = outlets.length;
			expect(choices).toHaveLength(n === 1 ? 2 : n + 2);
			expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
			expect(new Set(choices.map((c) => c.label)).size).toBe(choices.length);
		}
	});

	it('does not change the outlets it is given', () => {
		const outlets = [A, B, C];
		const choices = attributionChoices(outlets);
		expect(outlets).toEqual([A, B, C]);
		choices[3]!.sources.push('outlet-z');
		expect(attributionChoices(outlets)[3]!.sources).toEqual([A.id, B.id, C.id]);
	});
});

describe('attributionChoice', () => {
	it('finds every choice back from its sources, in any order', () => {
		for (const outlets of [one, two, three, five])
			for (const choice of attributionChoices(outlets)) {
				expect(attributionChoice(outlets, choice.sources)).toEqual(choice);
				expect(attributionChoice(outlets, [...choice.sources].reverse())).toEqual(choice);
			}
	});

	it('matches exactly the subsets that are choices', () => {
		for (const outlets of [one, two, three, five])
			for (const ids of subsets(outlets)) {
				const isChoice = ids.length <= 1 || ids.length === outlets.length;
				const found = attributionChoice(outlets, ids);
				expect(found !== undefined, `${outlets.length} outlets: [${ids}]`).toBe(isChoice);
			}
		// With two outlets every combination is a choice; with three, two of them is not.
		expect(subsets(two).every((ids) => attributionChoice(two, ids))).toBe(true);
		expect(attributionChoice(three, [A.id, B.id])).toBeUndefined();
		expect(attributionChoice(three, [C.id, A.id])).toBeUndefined();
		expect(attributionChoice(five, [A.id, B.id, C.id, D.id])).toBeUndefined();
	});

	it('never matches a list with an id repeated', () => {
		expect(attributionChoice(one, [A.id, A.id])).toBeUndefined();
		expect(attributionChoice(two, [A.id, A.id])).toBeUndefined();
		expect(attributionChoice(two, [A.id, B.id, B.id])).toBeUndefined();
		expect(attributionChoice(three, [A.id, B.id, C.id, C.id])).toBeUndefined();
	});

	it('never matches an id the story does not list', () => {
		expect(attributionChoice(two, ['outlet-z'])).toBeUndefined();
		expect(attributionChoice(two, [A.id, 'outlet-z'])).toBeUndefined();
		expect(attributionChoice(one, ['*'])).toBeUndefined();
		expect(attributionChoice(one, ['-'])).toBeUndefined();
	});
});

describe('source: scoring', () => {
	it('gives 1 for exactly the sources in the key', () => {
		expect(source.score(onlyA, { sources: [A.id] })).toEqual({ score: 1 });
		expect(source.score(both, { sources: [A.id, B.id] }).score).toBe(1);
	});

	it('ignores the order of the ids', () => {
		expect(source.score(both, { sources: [B.id, A.id] }).score).toBe(1);
		const all = { answer: [A.id, B.id, C.id] };
		expect(source.score(all, { sources: [C.id, A.id, B.id] }).score).toBe(1);
	});

	it('gives 0 for a source too many or too few', () => {
		expect(source.score(onlyA, { sources: [A.id, B.id] }).score).toBe(0);
		expect(source.score(both, { sources: [A.id] }).score).toBe(0);
		expect(source.score(onlyA, { sources: [B.id] }).score).toBe(0);
		expect(source.score({ answer: [A.id, B.id, C.id] }, { sources: [A.id, B.id] }).score).toBe(0);
	});

	it('gives 0 when a source is repeated in place of another', () => {
		expect(source.score(both, { sources: [A.id, A.id] }).score).toBe(0);
		expect(
			source.score({ answer: [A.id, B.id, C.id] }, { sources: [A.id, B.id, B.id] }).score
		).toBe(0);
	});

	// A list naming a source twice is no choice on screen (only a tampered record has one).
	it('gives 0 when the key’s one source is named twice', () => {
		expect(attributionChoice(two, [A.id, A.id])).toBeUndefined();
		expect(source.score(onlyA, { sources: [A.id, A.id] }).score).toBe(0);
	});

	it('reads [] as "none"', () => {
		expect(source.score(neither, { sources: [] }).score).toBe(1);
		expect(source.score(neither, { sources: [A.id] }).score).toBe(0);
		expect(source.score(onlyA, { sources: [] }).score).toBe(0);
	});

	it('gives 0 for no answer, even when the key is "none"', () => {
		expect(source.score(neither, { sources: null }).score).toBe(0);
		expect(source.score(onlyA, { sources: null }).score).toBe(0);
	});

	it('gives 0 when an unknown id stands in for a right one', () => {
		expect(source.score(both, { sources: [A.id, 'nyt'] }).score).toBe(0);
	});

	it('has the key as its perfect response', () => {
		for (const q of [onlyA, both, neither]) {
			expect(source.perfect(q)).toEqual({ sources: q.answer });
			expect(source.score(q, source.perfect(q)).score).toBe(1);
		}
	});

	it('gives the choice a student picks the score its sources earn', () => {
		for (const outlets of [one, two, three, five])
			for (const key of attributionChoices(outlets))
				for (const picked of attributionChoices(outlets))
					expect(source.score({ answer: key.sources }, { sources: picked.sources }).score).toBe(
						picked.value === key.value ? 1 : 0
					);
	});
});

describe('source: isComplete', () => {
	it('counts "none" as an answer, and no choice as none', () => {
		expect(source.isComplete(onlyA, { sources: [] })).toBe(true);
		expect(source.isComplete(onlyA, { sources: [B.id] })).toBe(true);
		expect(source.isComplete(onlyA, { sources: null })).toBe(false);
	});
});

describe('source: check', () => {
	it('passes one, both or neither', () => {
		expect(source.check(onlyA)).toEqual([]);
		expect(source.check(both)).toEqual([]);
		expect(source.check(neither)).toEqual([]);
	});

	it('flags a source listed twice', () => {
		expect(source.check({ answer: [A.id, A.id] })).toEqual([
			{ field: 'answer', message: expect.stringContaining('"outlet-a"') }
		]);
	});
});

describe('source: text', () => {
	it('with one outlet, says whether it reported it', () => {
		expect(source.answerText(onlyA, one)).toBe('Alpha reported it');
		expect(source.answerText(neither, one)).toBe('Not reported');
		expect(source.responseText(onlyA, { sources: [A.id] }, one)).toBe('Alpha reported it');
		expect(source.responseText(onlyA, { sources: [] }, one)).toBe('Not reported');
		expect(source.responseText(onlyA, { sources: null }, one)).toBe('(no answer)');
	});

	it('with two outlets, names one, both or neither', () => {
		expect(source.answerText(onlyA, two)).toBe('Alpha only');
		expect(source.answerText({ answer: [B.id] }, two)).toBe('Beta only');
		expect(source.answerText(both, two)).toBe('Both');
		expect(source.answerText({ answer: [B.id, A.id] }, two)).toBe('Both');
		expect(source.answerText(neither, two)).toBe('Neither');
	});

	it('with two outlets, writes the response the same way, or says there is none', () => {
		expect(source.responseText(onlyA, { sources: [B.id] }, two)).toBe('Beta only');
		expect(source.responseText(onlyA, { sources: [B.id, A.id] }, two)).toBe('Both');
		expect(source.responseText(onlyA, { sources: [] }, two)).toBe('Neither');
		expect(source.responseText(onlyA, { sources: null }, two)).toBe('(no answer)');
	});

	it('with three outlets, names one, all of them or none of them', () => {
		const all = { answer: [A.id, B.id, C.id] };
		expect(source.answerText({ answer: [C.id] }, three)).toBe('Gamma only');
		expect(source.answerText(all, three)).toBe('All of them');
		expect(source.answerText(neither, three)).toBe('None of them');
		expect(source.responseText(all, { sources: [B.id] }, three)).toBe('Beta only');
		expect(source.responseText(all, { sources: [C.id, B.id, A.id] }, three)).toBe('All of them');
		expect(source.responseText(all, { sources: [] }, three)).toBe('None of them');
		expect(source.responseText(all, { sources: null }, three)).toBe('(no answer)');
	});

	it('uses the same words as the choice on screen', () => {
		for (const outlets of [one, two, three, five])
			for (const choice of attributionChoices(outlets)) {
				expect(source.answerText({ answer: choice.sources }, outlets)).toBe(choice.label);
				expect(source.responseText(neither, { sources: choice.sources }, outlets)).toBe(
					choice.label
				);
			}
	});

	it('names each source of a response that is not one of the choices', () => {
		expect(source.responseText(onlyA, { sources: [B.id, A.id] }, three)).toBe('Beta, Alpha');
		expect(source.responseText(onlyA, { sources: [A.id, B.id, 'ap'] }, two)).toBe(
			'Alpha, Beta, ap'
		);
		expect(source.responseText(onlyA, { sources: ['ap'] }, two)).toBe('ap');
	});
});
