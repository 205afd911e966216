import { describe, expect, it } from 'vitest';
import type { StudyCard } from '$lib/study/card';
import { review } from '$lib/study/schedule';
import { dueByDay, dueQueue, inScope, type StudyItem } from '$lib/study/queue';

const TIRANA = { timeZone: 'Europe/Tirane', startHour: 4 };
const NOW = Date.parse('2026-07-15T10:00:00Z'); // noon in Tirana
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const card = (due: number, firstReview = NOW - 30 * DAY): StudyCard => ({
	...review(undefined, 1, firstReview),
	due
});
const item = (id: string, fields: Partial<StudyItem> = {}): StudyItem => ({
	ref: { storyId: 'story-a', questionId: id },
	category: 'dates',
	actors: [],
	outlets: [],
	...fields
});
const ids = (items: StudyItem[]) => items.map((i) => i.ref.questionId);
const settings = { newPerDay: 3, rule: TIRANA };

describe('dueQueue', () => {
	it('takes what is due by the end of the study day, most overdue first, and nothing later', () => {
		const all = [
			item('later', { card: card(Date.parse('2026-07-16T02:30:00Z')) }), // 4:30 am tomorrow
			item('tonight', { card: card(Date.parse('2026-07-16T01:00:00Z')) }), // 3 am: still today
			item('overdue', { card: card(NOW - 3 * DAY) }),
			item('now', { card: card(NOW) })
		];
		expect(ids(dueQueue(all, {}, settings, NOW).due)).toEqual(['overdue', 'now', 'tonight']);
	});

	it('adds new questions up to the daily limit, less those first met today anywhere', () => {
		const fresh = ['n1', 'n2', 'n3', 'n4'].map((id) => item(id));
		expect(ids(dueQueue(fresh, {}, settings, NOW).fresh)).toEqual(['n1', 'n2', 'n3']);
		const metToday = item('quiz', { card: card(NOW + 5 * DAY, NOW - 2 * HOUR) });
		const metYesterday = item('old', { card: card(NOW + 5 * DAY, NOW - DAY) });
		const queue = dueQueue([metToday, metYesterday, ...fresh], {}, settings, NOW);
		expect(queue.newToday).toBe(1);
		expect(ids(queue.fresh)).toEqual(['n1', 'n2']);
		expect(dueQueue(fresh, {}, { ...settings, newPerDay: 0 }, NOW).fresh).toEqual([]);
	});

	it('narrows to one story, section, actor or outlet, with the limit counted across everything', () => {
		const all = [
			item('a-due', { card: card(NOW - DAY, NOW - 3 * HOUR), actors: ['rama'], outlets: ['x'] }),
			item('b-due', { ref: { storyId: 'story-b', questionId: 'b-due' }, card: card(NOW - DAY) }),
			item('a-new', { category: 'quotes', actors: ['rama'] }),
			item('b-new', { ref: { storyId: 'story-b', questionId: 'b-new' }, outlets: ['x'] })
		];
		expect(ids(dueQueue(all, { storyId: 'story-b' }, settings, NOW).due)).toEqual(['b-due']);
		expect(ids(dueQueue(all, { actor: 'rama' }, settings, NOW).fresh)).toEqual(['a-new']);
		expect(ids(dueQueue(all, { outlet: 'x' }, settings, NOW).due)).toEqual(['a-due']);
		expect(ids(dueQueue(all, { category: 'quotes' }, settings, NOW).due)).toEqual([]);
		// 'a-due' was first met today: one new question of three is used up, whatever the scope.
		expect(dueQueue(all, { storyId: 'story-b' }, settings, NOW).newToday).toBe(1);
	});

	it('moves "today" with the time zone: the same card is due tonight in New York, not in Tirana', () => {
		const due = Date.parse('2026-07-16T03:00:00Z'); // 5 am in Tirana, 11 pm the night before in New York
		const at = Date.parse('2026-07-15T20:00:00Z');
		const all = [item('q', { card: card(due) })];
		expect(ids(dueQueue(all, {}, { ...settings, rule: TIRANA }, at).due)).toEqual([]);
		const newYork = { timeZone: 'America/New_York', startHour: 4 };
		expect(ids(dueQueue(all, {}, { ...settings, rule: newYork }, at).due)).toEqual(['q']);
	});
});

describe('inScope', () => {
	it('passes everything with no scope, and needs every named part', () => {
		const i = item('q', { actors: ['rama'], outlets: ['x'] });
		expect(inScope(i, {})).toBe(true);
		expect(inScope(i, { actor: 'rama', outlet: 'x', category: 'dates', storyId: 'story-a' })).toBe(
			true
		);
		expect(inScope(i, { actor: 'rama', outlet: 'y' })).toBe(false);
	});
});

describe('dueByDay', () => {
	it('counts the cards due on each of the next seven study days, overdue ones today', () => {
		const cards = [
			card(NOW - 2 * DAY),
			card(NOW + HOUR),
			card(Date.parse('2026-07-16T01:00:00Z')), // 3 am: today's study day
			card(Date.parse('2026-07-16T03:00:00Z')), // tomorrow
			card(NOW + 6 * DAY),
			card(NOW + 8 * DAY)
		];
		const days = dueByDay(cards, settings, NOW);
		expect(days.map((d) => d.day)).toEqual([
			'2026-07-15',
			'2026-07-16',
			'2026-07-17',
			'2026-07-18',
			'2026-07-19',
			'2026-07-20',
			'2026-07-21'
		]);
		expect(days.map((d) => d.count)).toEqual([3, 1, 0, 0, 0, 0, 1]);
	});
});
