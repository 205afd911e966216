import * as v from 'valibot';

/** What scoring a response gives: a credit in [0, 1] and, when the score needed a kindness, a note saying so. */
export interface Scored {
	score: number;
	note?: string;
}

/**
 * One outlet of the story a question belongs to: its source id, the short name students see
 * ("RFE/RL", the source's `outlet`) and its full name ("Radio Free Europe/Radio Liberty", the
 * source's `outletName`).
 */
export interface Outlet {
	id: string;
	outlet: string;
	name: string;
	/** The editor's notes on this copy of the report (`SourceNote`), shown beside its evidence. */
	notes?: string[];
}

/** The outlet's name for a source id, or the id itself when the story does not list it. */
export function outletName(outlets: readonly Outlet[], id: string): string {
	return outlets.find((o) => o.id === id)?.outlet ?? id;
}

/** One part of a response, and whether it is right. */
export interface ResponsePart {
	text: string;
	right: boolean;
}

/** Puts a list in the order one question shows it within an attempt (seeded, so it is stable). */
export type Arrange = <T>(items: readonly T[]) => T[];

/** A problem with one question's type-specific data, named by the field it sits in. */
export interface TypeIssue {
	field: string;
	message: string;
}

/**
 * One question type: the fields its questions carry, the shape of a student's response, and the
 * rules that score it. Everything about a type lives in its own module behind this one shape.
 */
export interface QuestionTypeDef<
	T extends string,
	E extends v.ObjectEntries,
	R extends v.GenericSchema
> {
	type: T;
	/** Short name for editors and the quiz setup. */
	label: string;
	entries: E;
	response: R;
	/** The response that earns full credit. */
	perfect(q: v.InferOutput<v.ObjectSchema<E, undefined>>): v.InferOutput<R>;
	/**
	 * Where a response starts when the question appears: undefined (nothing chosen) for most
	 * types; a full response for types whose control always holds one, such as an order.
	 */
	start?(q: v.InferOutput<v.ObjectSchema<E, undefined>>, arrange: Arrange): v.InferOutput<R>;
	/** Whether a response is ready to be checked (every part answered). */
	isComplete(q: v.InferOutput<v.ObjectSchema<E, undefined>>, r: v.InferOutput<R>): boolean;
	score(q: v.InferOutput<v.ObjectSchema<E, undefined>>, r: v.InferOutput<R>): Scored;
	/** The right answer, in words, for feedback and review. */
	answerText(q: v.InferOutput<v.ObjectSchema<E, undefined>>, outlets: readonly Outlet[]): string;
	/** The student's response, in words, for review and the teacher's report. */
	responseText(
		q: v.InferOutput<v.ObjectSchema<E, undefined>>,
		r: v.InferOutput<R>,
		outlets: readonly Outlet[]
	): string;
	/**
	 * For types whose answer has parts (an order, pairs, several options): the right answer and a
	 * response as lists, one part per line, so feedback can show them side by side; each part of a
	 * response says whether it is right (in its place, or among the answers).
	 */
	answerParts?(
		q: v.InferOutput<v.ObjectSchema<E, undefined>>,
		outlets: readonly Outlet[]
	): string[];
	responseParts?(
		q: v.InferOutput<v.ObjectSchema<E, undefined>>,
		r: v.InferOutput<R>,
		outlets: readonly Outlet[]
	): ResponsePart[];
	/**
	 * For types with partial credit: how a response's score was reached, in words ("2 of 3 right,
	 * 1 wrong pick cancels one").
	 */
	howScored?(q: v.InferOutput<v.ObjectSchema<E, undefined>>, r: v.InferOutput<R>): string;
	/** Checks that the schema cannot express, such as an answer that is not among the options. */
	check(q: v.InferOutput<v.ObjectSchema<E, undefined>>): TypeIssue[];
	/** Checks of the type's fields against the question's prompt, for fields that must agree with it. */
	checkPrompt?(q: v.InferOutput<v.ObjectSchema<E, undefined>>, prompt: string): TypeIssue[];
	/**
	 * Fields added after answers were first recorded against this type: the fingerprint leaves
	 * one out while it is unset (absent, or an empty list), so adding it changed no fingerprint.
	 */
	addedFields?: readonly (keyof E & string)[];
}

export function defineType<T extends string, E extends v.ObjectEntries, R extends v.GenericSchema>(
	def: QuestionTypeDef<T, E, R>
): QuestionTypeDef<T, E, R> {
	return def;
}

export const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

/** Lists every value that occurs more than once. */
export function duplicatesIn(values: readonly string[]): string[] {
	const seen = new Set<string>();
	const twice = new Set<string>();
	for (const value of values) (seen.has(value) ? twice : seen).add(value);
	return [...twice];
}

export function clamp01(x: number): number {
	return Math.min(1, Math.max(0, x));
}
