import type { Category } from './categories';

/**
 * What kind of difference a compare-view point is, so a student can look at one kind at a time:
 * - `fact`: the reports give different facts (a date, a number, a name);
 * - `wording`: the same thing in other words, often another translation;
 * - `attribution`: who a statement is credited to;
 * - `framing`: how a report describes or leads with something;
 * - `omission`: what one report has and the other leaves out.
 * Kept apart from the schemas, like `categories.ts`, so pages that only name kinds do not load the
 * validation library.
 */
export const DIFFERENCE_KINDS = ['fact', 'wording', 'attribution', 'framing', 'omission'] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export const KIND_LABELS: Record<DifferenceKind, { title: string; blurb: string }> = {
	fact: { title: 'Facts', blurb: 'A different date, number or name' },
	wording: { title: 'Wording', blurb: 'The same thing in other words or another translation' },
	attribution: { title: 'Who said it', blurb: 'Who a statement is credited to' },
	framing: { title: 'Framing', blurb: 'How a report describes or leads with something' },
	omission: { title: 'Left out', blurb: 'What one report has and the other does not' }
};

/**
 * Which questions a quiz asks: every one (`undefined`), those on any point where the reports
 * differ (`'any'`), or those on one kind of difference.
 */
export type KindFilter = DifferenceKind | 'any' | undefined;

/** The compare-view points a question asks about, each with its kind (filled in by the check). */
export interface DifferenceRef {
	id: string;
	kind: DifferenceKind;
}

/** Whether a question (or anything that names the differences it asks about) passes the filter. */
export function passesKind(
	item: { differences?: readonly DifferenceRef[] },
	filter: KindFilter
): boolean {
	if (filter === undefined) return true;
	const differences = item.differences ?? [];
	return filter === 'any' ? differences.length > 0 : differences.some((d) => d.kind === filter);
}

/** How many of the items are in one of the categories and pass the filter. */
export function countWhere(
	items: readonly { category: Category; differences?: readonly DifferenceRef[] }[],
	categories: readonly Category[],
	filter: KindFilter
): number {
	return items.filter((i) => categories.includes(i.category) && passesKind(i, filter)).length;
}
