import { describe, expect, it } from 'vitest';
import { optionOrder, seededRandom, shuffle } from '$lib/quiz/random';

describe('seeded shuffling', () => {
	it('gives the same order for the same seed, so a resumed attempt keeps its order', () => {
		const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
		expect(shuffle(items, 42)).toEqual(shuffle(items, 42));
		expect(optionOrder(items, 7, 'q1')).toEqual(optionOrder(items, 7, 'q1'));
	});

	it('keeps every item exactly once', () => {
		const items = Array.from({ length: 30 }, (_, i) => i);
		expect([...shuffle(items, 3)].sort((a, b) => a - b)).toEqual(items);
	});

	it('differs between seeds and between questions', () => {
		const items = Array.from({ length: 12 }, (_, i) => i);
		expect(shuffle(items, 1)).not.toEqual(shuffle(items, 2));
		expect(optionOrder(items, 1, 'q1')).not.toEqual(optionOrder(items, 1, 'q2'));
	});

	it('draws numbers in [0, 1)', () => {
		const random = seededRandom(9);
		for (let i = 0; i < 1000; i++) {
			const x = random();
			expect(x).toBeGreaterThanOrEqual(0);
			expect(x).toBeLessThan(1);
		}
	});
});
