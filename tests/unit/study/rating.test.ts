import { describe, expect, it } from 'vitest';
import { Rating, ratingFor } from '$lib/study/rating';

describe('ratingFor', () => {
	it('rates a wrong answer (no credit, "I don’t know") Again', () => {
		expect(ratingFor(0)).toBe(Rating.Again);
		expect(ratingFor(-0)).toBe(Rating.Again);
	});

	it('rates any partial credit Hard, however close to either end', () => {
		for (const score of [0.01, 0.25, 0.5, 0.99])
			expect(ratingFor(score), String(score)).toBe(Rating.Hard);
	});

	it('rates a right answer Good, and never Easy', () => {
		expect(ratingFor(1)).toBe(Rating.Good);
		for (let s = 0; s <= 1; s += 0.05) expect(ratingFor(s)).not.toBe(Rating.Easy);
	});

	it('rates a score that is not a number Again, not Good', () => {
		expect(ratingFor(Number.NaN)).toBe(Rating.Again);
		expect(ratingFor(Number.POSITIVE_INFINITY)).toBe(Rating.Good);
	});
});
