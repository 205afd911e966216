import { describe, expect, it } from 'vitest';
import { order } from '$lib/question-types/order';
import type { Arrange, Outlet } from '$lib/question-types';

/** This type never names an outlet, so the story's outlets make no difference. */
const outlets: readonly Outlet[] = [{ id: 'outlet-a', outlet: 'Outlet A', name: 'Outlet A News' }];
const q = { items: ['attack', 'investigation', 'announcement', 'expulsion'] };

describe('order: scoring', () => {
	it('gives 1 for the right order', () => {
		expect(order.score(q, { order: [...q.items] })).toEqual({ score: 1 });
	});

	it('gives 5/6 for one adjacent swap among 4 items', () => {
		for (const i of [0, 1, 2]) {
			const swapped = [...q.items];
			[swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
			expect(order.score(q, { order: swapped }).score).toBeCloseTo(5 / 6);
		}
	});

	it('gives the share of pairs in the right relative order', () => {
		// Moving the last item to the front breaks its 3 pairs: 3 of 6 right.
		const r = { order: ['expulsion', 'attack', 'investigation', 'announcement'] };
		expect(order.score(q, r).score).toBeCloseTo(3 / 6);
		// Swapping the first and last breaks 5 pairs (a-d, a-b, a-c, b-d, c-d): 1 right.
		const ends = { order: ['expulsion', 'investigation', 'announcement', 'attack'] };
		expect(order.score(q, ends).score).toBeCloseTo(1 / 6);
	});

	it('gives 0 for the reverse order', () => {
		expect(order.score(q, { order: [...q.items].reverse() }).score).toBe(0);
	});

	it('counts every pair with a missing item as wrong', () => {
		// Only the pairs among the three placed items can be right.
		expect(
			order.score(q, { order: ['attack', 'investigation', 'announcement'] }).score
		).toBeCloseTo(3 / 6);
		expect(order.score(q, { order: [] }).score).toBe(0);
	});

	it('ignores items that are not in the question and reads a repeated item at its first place', () => {
		const extra = { order: ['attack', 'nonsense', 'investigation', 'announcement', 'expulsion'] };
		expect(order.score(q, extra).score).toBe(1);
		const repeated = { order: ['attack', 'attack', 'attack', 'attack'] };
		expect(order.score(q, repeated).score).toBe(0);
	});

	it('has the items as listed as its perfect response', () => {
		expect(order.perfect(q)).toEqual({ order: q.items });
		expect(order.perfect(q).order).not.toBe(q.items);
		expect(order.score(q, order.perfect(q)).score).toBe(1);
	});
});

describe('order: isComplete', () => {
	it('is complete when every item is placed, in any order', () => {
		expect(order.isComplete(q, { order: [...q.items] })).toBe(true);
		expect(order.isComplete(q, { order: [...q.items].reverse() })).toBe(true);
	});

	it('is not complete with an item missing or an item too many', () => {
		expect(order.isComplete(q, { order: q.items.slice(1) })).toBe(false);
		expect(order.isComplete(q, { order: [] })).toBe(false);
		expect(order.isComplete(q, { order: [...q.items, 'attack'] })).toBe(false);
	});

	it('is not complete when one item is repeated in place of another', () => {
		// Four entries, but "expulsion" was never placed.
		expect(
			order.isComplete(q, { order: ['attack', 'investigation', 'announcement', 'attack'] })
		).toBe(false);
	});
});

describe('order: check', () => {
	it('passes distinct items', () => {
		expect(order.check(q)).toEqual([]);
	});

	it('flags an item listed twice', () => {
		expect(order.check({ items: ['a', 'b', 'a', 'c'] })).toEqual([
			{ field: 'items', message: expect.stringContaining('"a"') }
		]);
	});
});

describe('order: text', () => {
	it('numbers the answer and the response', () => {
		expect(order.answerText({ items: ['a', 'b', 'c'] }, outlets)).toBe('1. a 2. b 3. c');
		expect(
			order.responseText({ items: ['a', 'b', 'c'] }, { order: ['c', 'a', 'b'] }, outlets)
		).toBe('1. c 2. a 3. b');
	});
});

describe('order: start', () => {
	const keep: Arrange = (items) => [...items];
	const reverse: Arrange = (items) => [...items].reverse();

	it('starts with the items as arranged for the attempt', () => {
		expect(order.start!(q, reverse)).toEqual({ order: [...q.items].reverse() });
		const moved: Arrange = <T>(items: readonly T[]) => [items[1]!, items[0]!, ...items.slice(2)];
		expect(order.start!(q, moved)).toEqual({
			order: ['investigation', 'attack', 'announcement', 'expulsion']
		});
	});

	it('moves the first item to the end when the arrangement is already right', () => {
		expect(order.start!(q, keep)).toEqual({
			order: ['investigation', 'announcement', 'expulsion', 'attack']
		});
		const three = { items: ['a', 'b', 'c'] };
		expect(order.start!(three, keep)).toEqual({ order: ['b', 'c', 'a'] });
	});

	it('starts complete and never right, however the items are arranged', () => {
		for (const arrange of [keep, reverse]) {
			const start = order.start!(q, arrange);
			expect(order.isComplete(q, start)).toBe(true);
			expect(order.score(q, start).score).toBeLessThan(1);
		}
	});

	it('leaves the question’s items as they are', () => {
		const items = [...q.items];
		order.start!(q, keep);
		order.start!(q, reverse);
		expect(q.items).toEqual(items);
		expect(order.start!(q, keep).order).not.toBe(q.items);
	});
});
