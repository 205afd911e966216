import type { Question } from '$lib/content/model';

/** What every answer component receives. It renders text only, never HTML. */
export interface AnswerProps<T extends Question['type'] = Question['type']> {
	question: Extract<Question, { type: T }>;
	/** The response so far, or the answer given once locked. */
	response: unknown;
	/** True once the answer is checked: the component shows it, marked, and takes no input. */
	locked: boolean;
	/** The attempt's seed, so options keep their order when the attempt resumes. */
	seed: number;
	onchange: (response: unknown) => void;
	/** Id of the element that labels the question, for the group's accessible name. */
	labelledby: string;
	sources: { id: string; outlet: string }[];
}
