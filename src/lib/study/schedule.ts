import { createEmptyCard, fsrs, type Card } from 'ts-fsrs';
import type { StudyCard } from './card';
import { ratingFor } from './rating';

/*
 * The scheduler: FSRS through ts-fsrs. Kept apart from the card's record (`card.ts`), which
 * every page that reads statistics validates, so only the pages that schedule load ts-fsrs.
 */

/** FSRS-6 with ts-fsrs's default parameters (as Anki ships them); no fuzz, so it is repeatable. */
const scheduler = fsrs();

function toFsrs(card: StudyCard): Card {
	return {
		due: new Date(card.due),
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: 0,
		scheduled_days: card.scheduledDays,
		learning_steps: card.learningSteps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state as Card['state'],
		...(card.lastReview === null ? {} : { last_review: new Date(card.lastReview) })
	};
}

function fromFsrs(card: Card, firstReview: number): StudyCard {
	return {
		firstReview,
		due: card.due.getTime(),
		stability: card.stability,
		difficulty: card.difficulty,
		scheduledDays: card.scheduled_days,
		learningSteps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state as StudyCard['state'],
		lastReview: card.last_review ? card.last_review.getTime() : null
	};
}

/**
 * The card after one more answer: rated by its score (`ratingFor`) at the time it was given. A
 * question never answered starts as a new card. An answer older than the card's last review
 * (one recorded late, from another tab) is taken as given now, so the schedule never runs back.
 */
export function review(card: StudyCard | undefined, score: number, at: number): StudyCard {
	const current = card ? toFsrs(card) : createEmptyCard(new Date(at));
	const when = card?.lastReview != null && at < card.lastReview ? card.lastReview : at;
	return fromFsrs(
		scheduler.next(current, new Date(when), ratingFor(score)).card,
		card?.firstReview ?? at
	);
}

/** A question's card from all its answers, oldest first: how the schedule is rebuilt from history. */
export function replay(answers: readonly { score: number; at: number }[]): StudyCard | undefined {
	return [...answers]
		.sort((a, b) => a.at - b.at)
		.reduce<StudyCard | undefined>((card, a) => review(card, a.score, a.at), undefined);
}

/** How a question's card moves on after an answer: `review`, passed to what records answers. */
export type Review = typeof review;
