import { describe, expect, it } from 'vitest';
import { match, matchedTo, type Matches } from '$lib/question-types/match';
import type { Outlet } from '$lib/question-types';

/** This type never names an outlet, so the story's outlets make no difference. */
const outlets: readonly Outlet[] = [{ id: 'outlet-a', outlet: 'Outlet A', name: 'Outlet A News' }];
const q = {
	pairs: [
		{ left: 'Edi Rama', right: 'Prime minister' },
		{ left: 'James Cleverly', right: 'Foreign secretary' },
		{ left: 'John Hultquist', right: 'Analyst' },
		{ left: 'Nasser Kanaani', right: 'Ministry spokesman' }
	]
};
const perfect = (): { matches: Matches } => ({
	matches: q.pairs.map((p) => ({ left: p.left, right: p.right }))
});

/** The response with one left item's choice replaced (or, with `undefined`, taken out). */
function withChoice(
	r: { matches: Matches },
	left: string,
	right: string | null | undefined
): { matches: Matches } {
	const others = r.matches.filter((m) => m.left !== left);
	return { matches: right === undefined ? others : [...others, { left, right }] };
}

describe('matchedTo', () => {
	it('gives the right item chosen for a left item, or null when there is none', () => {
		const matches: Matches = [
			{ left: 'A', right: '1' },
			{ left: 'B', right: null }
		];
		expect(matchedTo(matches, 'A')).toBe('1');
		expect(matchedTo(matches, 'B')).toBeNull();
		expect(matchedTo(matches, 'C')).toBeNull();
		expect(matchedTo([], 'A')).toBeNull();
	});

	it('gives the last choice for a left item named more than once', () => {
		const matches: Matches = [
			{ left: 'A', right: '1' },
			{ left: 'B', right: '2' },
			{ left: 'A', right: '3' }
		];
		expect(matchedTo(matches, 'A')).toBe('3');
		expect(matchedTo([...matches, { left: 'A', right: null }], 'A')).toBeNull();
	});

	it('treats the names of object properties as plain item names', () => {
		for (const left of ['constructor', 'toString', 'prototype', '__proto__', 'hasOwnProperty']) {
			expect(matchedTo([], left), left).toBeNull();
			expect(matchedTo([{ left: 'other', right: 'x' }], left), left).toBeNull();
			expect(matchedTo([{ left, right: 'x' }], left), left).toBe('x');
		}
	});
});

describe('match: scoring', () => {
	it('gives 1 when every left item has its partner', () => {
		expect(match.score(q, perfect())).toEqual({ score: 1 });
	});

	it('gives the share of left items matched correctly', () => {
		let r = withChoice(perfect(), 'Edi Rama', 'Analyst');
		r = withChoice(r, 'John Hultquist', 'Prime minister');
		expect(match.score(q, r).score).toBe(2 / 4);
		r = withChoice(r, 'James Cleverly', null);
		expect(match.score(q, r).score).toBe(1 / 4);
	});

	it('scores the same whatever order the pairs are listed in', () => {
		const r = withChoice(perfect(), 'Edi Rama', 'Analyst');
		const reversed = { matches: [...r.matches].reverse() };
		expect(match.score(q, reversed).score).toBe(3 / 4);
		expect(match.score(q, { matches: [...perfect().matches].reverse() }).score).toBe(1);
	});

	it('counts an unmatched left item as wrong', () => {
		const r = withChoice(perfect(), 'Nasser Kanaani', undefined);
		expect(r.matches).toHaveLength(3);
		expect(match.score(q, r).score).toBe(3 / 4);
	});

	it('gives 0 for no matches', () => {
		expect(match.score(q, { matches: [] }).score).toBe(0);
		const cleared = q.pairs.map((p) => ({ left: p.left, right: null }));
		expect(match.score(q, { matches: cleared }).score).toBe(0);
	});

	it('gives credit for a right item used twice only where it belongs', () => {
		const all = q.pairs.map((p) => ({ left: p.left, right: 'Analyst' }));
		expect(match.score(q, { matches: all }).score).toBe(1 / 4);
	});

	it('counts the last choice when a response names a left item twice', () => {
		const rightThenWrong = {
			matches: [...perfect().matches, { left: 'Edi Rama', right: 'Analyst' }]
		};
		expect(match.score(q, rightThenWrong).score).toBe(3 / 4);
		const wrongThenRight = {
			matches: [{ left: 'Edi Rama', right: 'Analyst' }, ...perfect().matches]
		};
		expect(match.score(q, wrongThenRight).score).toBe(1);
		const thenCleared = {
			matches: [...perfect().matches, { left: 'Edi Rama', right: null }]
		};
		expect(match.score(q, thenCleared).score).toBe(3 / 4);
	});

	it('ignores matches for left items that are not in the question', () => {
		const r = { matches: [...perfect().matches, { left: 'Somebody else', right: 'Analyst' }] };
		expect(match.score(q, r).score).toBe(1);
	});

	it('has each left item matched to its partner as its perfect response', () => {
		expect(match.perfect(q)).toEqual(perfect());
		expect(match.score(q, match.perfect(q)).score).toBe(1);
	});
});

describe('match: items named like object properties', () => {
	const odd = {
		pairs: [
			{ left: 'constructor', right: 'Builder' },
			{ left: 'toString', right: 'Text' },
			{ left: 'prototype', right: 'Model' },
			{ left: '__proto__', right: 'Parent' }
		]
	};

	it('scores the perfect response 1 and counts it complete', () => {
		const r = match.perfect(odd);
		expect(r.matches).toEqual(odd.pairs);
		expect(match.score(odd, r).score).toBe(1);
		expect(match.isComplete(odd, r)).toBe(true);
	});

	it('gives no credit, and no completeness, to an empty response', () => {
		expect(match.score(odd, { matches: [] }).score).toBe(0);
		expect(match.isComplete(odd, { matches: [] })).toBe(false);
		expect(match.responseText(odd, { matches: [] }, outlets)).toBe(
			'constructor → (none); toString → (none); prototype → (none); __proto__ → (none)'
		);
	});

	it('scores each item by its own choice', () => {
		const r = {
			matches: [
				{ left: '__proto__', right: 'Parent' },
				{ left: 'constructor', right: 'Text' }
			]
		};
		expect(match.score(odd, r).score).toBe(1 / 4);
		expect(match.responseText(odd, r, outlets)).toBe(
			'constructor → Text; toString → (none); prototype → (none); __proto__ → Parent'
		);
	});
});

describe('match: isComplete', () => {
	it('needs a partner for every left item', () => {
		expect(match.isComplete(q, perfect())).toBe(true);
		const wrongButFull = q.pairs.map((p) => ({ left: p.left, right: 'Analyst' }));
		expect(match.isComplete(q, { matches: wrongButFull })).toBe(true);
	});

	it('is not complete with a left item unmatched or cleared', () => {
		expect(match.isComplete(q, withChoice(perfect(), 'Edi Rama', undefined))).toBe(false);
		expect(match.isComplete(q, withChoice(perfect(), 'Edi Rama', null))).toBe(false);
		expect(match.isComplete(q, { matches: [] })).toBe(false);
	});

	it('goes by the last choice for a left item named twice', () => {
		const thenCleared = { matches: [...perfect().matches, { left: 'Edi Rama', right: null }] };
		expect(match.isComplete(q, thenCleared)).toBe(false);
		const thenChosen = {
			matches: [
				...withChoice(perfect(), 'Edi Rama', null).matches,
				{ left: 'Edi Rama', right: 'x' }
			]
		};
		expect(match.isComplete(q, thenChosen)).toBe(true);
	});

	it('is not made complete by matches for left items not in the question', () => {
		const r = withChoice(perfect(), 'Edi Rama', undefined);
		r.matches.push({ left: 'Somebody else', right: 'Prime minister' });
		expect(match.isComplete(q, r)).toBe(false);
	});
});

describe('match: check', () => {
	it('passes distinct left and right items', () => {
		expect(match.check(q)).toEqual([]);
	});

	it('flags a left item listed twice', () => {
		const dup = {
			pairs: [
				{ left: 'A', right: '1' },
				{ left: 'A', right: '2' }
			]
		};
		expect(match.check(dup)).toEqual([
			{ field: 'pairs', message: expect.stringMatching(/left item "A"/) }
		]);
	});

	it('flags a right item listed twice', () => {
		const dup = {
			pairs: [
				{ left: 'A', right: '1' },
				{ left: 'B', right: '1' },
				{ left: 'C', right: '2' }
			]
		};
		expect(match.check(dup)).toEqual([
			{ field: 'pairs', message: expect.stringMatching(/right item "1"/) }
		]);
	});
});

describe('match: text', () => {
	const small = {
		pairs: [
			{ left: 'A', right: '1' },
			{ left: 'B', right: '2' }
		]
	};

	it('lists each pair', () => {
		expect(match.answerText(small, outlets)).toBe('A → 1; B → 2');
	});

	it('lists each left item with the response, marking the unmatched', () => {
		const r = {
			matches: [
				{ left: 'B', right: null },
				{ left: 'A', right: '2' }
			]
		};
		expect(match.responseText(small, r, outlets)).toBe('A → 2; B → (none)');
		expect(match.responseText(small, { matches: [] }, outlets)).toBe('A → (none); B → (none)');
	});

	it('shows the last choice for a left item named twice', () => {
		const r = {
			matches: [
				{ left: 'A', right: '1' },
				{ left: 'A', right: '2' }
			]
		};
		expect(match.responseText(small, r, outlets)).toBe('A → 2; B → (none)');
	});
});
