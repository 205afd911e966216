import type { Category } from '../content/categories';
import type { QuestionRef } from '../quiz/attempt';
import type { StudyCard } from './card';
import { dayEnd, studyDay, type DayRule } from './day';

/** A question study mode can ask: where it is, what it is about, and its card once answered. */
export interface StudyItem {
	ref: QuestionRef;
	category: Category;
	actors: readonly string[];
	outlets: readonly string[];
	card?: StudyCard;
}

/** What a study session is narrowed to: one story, one section, one actor or one outlet. */
export interface StudyScope {
	storyId?: string;
	category?: Category;
	actor?: string;
	outlet?: string;
}

export function inScope(item: StudyItem, scope: StudyScope): boolean {
	return (
		(scope.storyId === undefined || item.ref.storyId === scope.storyId) &&
		(scope.category === undefined || item.category === scope.category) &&
		(scope.actor === undefined || item.actors.includes(scope.actor)) &&
		(scope.outlet === undefined || item.outlets.includes(scope.outlet))
	);
}

export interface StudySettings {
	/** New questions study mode may bring in per day, across all stories. */
	newPerDay: number;
	rule: DayRule;
}

export interface DueQueue {
	/** Questions met before and due by the end of today, the most overdue first. */
	due: StudyItem[];
	/** Questions never answered, as many as today's limit still allows, in the order given. */
	fresh: StudyItem[];
	/** New questions met today (anywhere), counted against the limit. */
	newToday: number;
}

/**
 * Today's study: what is due by the end of the study day, and new questions up to the daily
 * limit. The limit counts every question first met today, in a quiz or an assignment too, and is
 * the same whatever the scope, so narrowing a session never lets in more new questions.
 */
export function dueQueue(
	all: readonly StudyItem[],
	scope: StudyScope,
	settings: StudySettings,
	now: number
): DueQueue {
	const today = studyDay(now, settings.rule);
	const end = dayEnd(now, settings.rule);
	const newToday = all.filter(
		(i) => i.card && studyDay(i.card.firstReview, settings.rule) === today
	).length;
	const items = all.filter((i) => inScope(i, scope));
	const due = items
		.filter((i) => i.card && i.card.due < end)
		.sort((a, b) => a.card!.due - b.card!.due);
	const room = Math.max(0, Math.floor(settings.newPerDay) - newToday);
	const fresh = items.filter((i) => !i.card).slice(0, room);
	return { due, fresh, newToday };
}

/** How many cards fall due on each of the next `days` study days (today first, overdue in today). */
export function dueByDay(
	cards: readonly StudyCard[],
	settings: StudySettings,
	now: number,
	days = 7
): { day: string; count: number }[] {
	const today = studyDay(now, settings.rule);
	const out: { day: string; count: number }[] = [];
	let start = now;
	for (let i = 0; i < days; i++) {
		const end = dayEnd(start, settings.rule);
		const day = i === 0 ? today : studyDay(start, settings.rule);
		out.push({
			day,
			count: cards.filter((c) => (i === 0 ? c.due < end : c.due >= start && c.due < end)).length
		});
		start = end;
	}
	return out;
}
