import * as v from 'valibot';

/**
 * What the scheduler knows of one question: FSRS's card, stored as plain numbers (times in
 * milliseconds since the epoch), so it survives IndexedDB, a backup file and another version.
 */
export const StudyCardSchema = v.object({
	due: v.pipe(v.number(), v.finite()),
	stability: v.pipe(v.number(), v.finite(), v.minValue(0)),
	difficulty: v.pipe(v.number(), v.finite(), v.minValue(0)),
	scheduledDays: v.pipe(v.number(), v.integer(), v.minValue(0)),
	learningSteps: v.pipe(v.number(), v.integer(), v.minValue(0)),
	reps: v.pipe(v.number(), v.integer(), v.minValue(0)),
	lapses: v.pipe(v.number(), v.integer(), v.minValue(0)),
	/** FSRS's state: 0 new, 1 learning, 2 review, 3 relearning (ts-fsrs's `State`). */
	state: v.picklist([0, 1, 2, 3]),
	lastReview: v.nullable(v.pipe(v.number(), v.finite())),
	/** When the question was first answered: what the daily limit on new questions counts. */
	firstReview: v.pipe(v.number(), v.finite())
});
export type StudyCard = v.InferOutput<typeof StudyCardSchema>;
