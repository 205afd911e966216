import type { Question } from '$lib/content/model';
import type { Outlet, QuestionTypeName, ResponseOf } from '$lib/question-types';

/**
 * What every answer component receives: the one typed seam between a question type and its
 * control. It renders text only, never HTML.
 */
export interface AnswerProps<T extends QuestionTypeName = QuestionTypeName> {
	question: Extract<Question, { type: T }>;
	/**
	 * The response so far (already checked against the type's shape), or the answer given once
	 * locked; undefined while nothing is chosen.
	 */
	response: ResponseOf<T> | undefined;
	/** True once the answer is checked: the component shows it, marked, and takes no input. */
	locked: boolean;
	/** The attempt's seed, so options keep their order when the attempt resumes. */
	seed: number;
	onchange: (response: ResponseOf<T>) => void;
	/** Id of the element that labels the question, for the group's accessible name. */
	labelledby: string;
	/** The outlets of the question's story, in the story's order. */
	outlets: Outlet[];
}
