import fc from 'fast-check';
import * as v from 'valibot';
import { State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { StudyCardSchema, type StudyCard } from '$lib/study/card';
import { replay, review } from '$lib/study/schedule';

const NOW = Date.parse('2026-11-24T10:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Answers every `gapDays` days, each with the given score, starting at NOW. */
function history(scores: number[], gapDays = 1): StudyCard[] {
	const cards: StudyCard[] = [];
	let card: StudyCard | undefined;
	scores.forEach((score, i) => {
		card = review(card, score, NOW + i * gapDays * DAY);
		cards.push(card);
	});
	return cards;
}

describe('review', () => {
	it('starts a card at the first answer, and remembers when that was', () => {
		const card = review(undefined, 1, NOW);
		expect(card.reps).toBe(1);
		expect(card.lastReview).toBe(NOW);
		expect(card.firstReview).toBe(NOW);
		expect(card.due).toBeGreaterThan(NOW);
		expect(v.safeParse(StudyCardSchema, card).success).toBe(true);
	});

	it('brings a missed question back within minutes, and a known one later', () => {
		const missed = review(undefined, 0, NOW);
		const partly = review(undefined, 0.5, NOW);
		const right = review(undefined, 1, NOW);
		expect(missed.due - NOW).toBeLessThanOrEqual(10 * MINUTE);
		expect(missed.due).toBeLessThanOrEqual(partly.due);
		expect(partly.due).toBeLessThanOrEqual(right.due);
	});

	it('spaces a question further each time it is answered right on the day it is due', () => {
		let card = review(undefined, 1, NOW);
		const gaps: number[] = [];
		for (let i = 0; i < 6; i++) {
			const at = Math.max(card.due, (card.lastReview ?? NOW) + MINUTE);
			const next = review(card, 1, at);
			gaps.push(next.due - at);
			card = next;
		}
		for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThanOrEqual(gaps[i - 1]!);
		expect(card.state).toBe(State.Review);
		expect(card.due - (card.lastReview ?? 0)).toBeGreaterThan(7 * DAY);
		expect(card.firstReview).toBe(NOW);
	});

	it('counts a lapse when a known question is missed, and brings it back soon', () => {
		const cards = history([1, 1, 1, 1, 0], 5);
		const lapsed = cards.at(-1)!;
		expect(lapsed.lapses).toBe(1);
		expect(lapsed.state).toBe(State.Relearning);
		expect(lapsed.due - lapsed.lastReview!).toBeLessThanOrEqual(10 * MINUTE);
	});

	it('takes an answer older than the last review as given at that review: the schedule never runs back', () => {
		const card = review(undefined, 1, NOW);
		const late = review(card, 1, NOW - DAY);
		expect(late.lastReview).toBe(NOW);
		expect(late).toEqual(review(card, 1, NOW));
	});
});

describe('replay', () => {
	it('gives no card for no answers', () => {
		expect(replay([])).toBeUndefined();
	});

	it('gives the card the answers would have built one by one, in whatever order they are listed', () => {
		fc.assert(
			fc.property(
				// Two answers to one question are never given at the same millisecond.
				fc.uniqueArray(
					fc.record({
						score: fc.constantFrom(0, 0.5, 1),
						at: fc.integer({ min: NOW, max: NOW + 90 * DAY })
					}),
					{ minLength: 1, maxLength: 12, selector: (a) => a.at }
				),
				(answers) => {
					const inOrder = [...answers].sort((a, b) => a.at - b.at);
					const oneByOne = inOrder.reduce<StudyCard | undefined>(
						(card, a) => review(card, a.score, a.at),
						undefined
					);
					expect(replay([...answers].reverse())).toEqual(oneByOne);
					expect(v.safeParse(StudyCardSchema, oneByOne).success).toBe(true);
				}
			)
		);
	});
});

describe('StudyCardSchema', () => {
	it('refuses a card with a state FSRS does not have, or a time that is not a number', () => {
		const card = review(undefined, 1, NOW);
		expect(v.safeParse(StudyCardSchema, { ...card, state: 7 }).success).toBe(false);
		expect(v.safeParse(StudyCardSchema, { ...card, due: 'tomorrow' }).success).toBe(false);
		expect(v.safeParse(StudyCardSchema, { ...card, reps: -1 }).success).toBe(false);
		const { firstReview: _, ...old } = card;
		expect(v.safeParse(StudyCardSchema, old).success).toBe(false);
	});
});
