import { describe, expect, it } from 'vitest';
import type { Category } from '$lib/content/categories';
import {
	DIFFERENCE_KINDS,
	KIND_LABELS,
	countWhere,
	passesKind,
	type DifferenceKind
} from '$lib/content/kinds';

const item = (category: Category, ...kinds: DifferenceKind[]) => ({
	category,
	differences: kinds.map((kind, i) => ({ id: `point-${i}`, kind }))
});

describe('passesKind', () => {
	it('lets everything through without a filter, a question on no difference included', () => {
		expect(passesKind({}, undefined)).toBe(true);
		expect(passesKind(item('dates'), undefined)).toBe(true);
		expect(passesKind(item('dates', 'fact'), undefined)).toBe(true);
	});

	it("passes 'any' for a question on at least one difference, of whatever kind", () => {
		expect(passesKind({}, 'any')).toBe(false);
		expect(passesKind(item('dates'), 'any')).toBe(false);
		for (const kind of DIFFERENCE_KINDS) expect(passesKind(item('dates', kind), 'any')).toBe(true);
	});

	it('passes a kind for a question on a difference of that kind, among others', () => {
		for (const kind of DIFFERENCE_KINDS) {
			const others = DIFFERENCE_KINDS.filter((k) => k !== kind);
			expect(passesKind(item('quotes', kind), kind)).toBe(true);
			expect(passesKind(item('quotes', ...others, kind), kind)).toBe(true);
			expect(passesKind(item('quotes', ...others), kind)).toBe(false);
		}
	});
});

describe('countWhere', () => {
	const items = [
		item('dates', 'fact'),
		item('dates', 'fact', 'wording'),
		item('quotes', 'attribution'),
		item('sources')
	];

	it('counts each item once, however many of its points pass', () => {
		expect(countWhere(items, ['dates', 'quotes', 'sources'], 'any')).toBe(3);
		expect(countWhere(items, ['dates'], 'fact')).toBe(2);
		expect(countWhere(items, ['dates'], 'wording')).toBe(1);
	});

	it('counts only the chosen categories', () => {
		expect(countWhere(items, ['quotes'], 'fact')).toBe(0);
		expect(countWhere(items, [], undefined)).toBe(0);
		expect(countWhere(items, ['sources'], undefined)).toBe(1);
	});
});

describe('KIND_LABELS', () => {
	it('names and explains every kind, each with its own name', () => {
		const titles = DIFFERENCE_KINDS.map((k) => KIND_LABELS[k].title);
		expect(new Set(titles).size).toBe(DIFFERENCE_KINDS.length);
		for (const k of DIFFERENCE_KINDS) expect(KIND_LABELS[k].blurb.length).toBeGreaterThan(0);
	});
});
