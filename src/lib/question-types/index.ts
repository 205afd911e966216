import * as v from 'valibot';
import { date } from './date';
import { match } from './match';
import { multi } from './multi';
import { number } from './number';
import { order } from './order';
import { single } from './single';
import { source } from './source';
import { text } from './text';
import { truefalse } from './truefalse';

import type { Arrange, Outlet, QuestionTypeDef, ResponsePart, Scored, TypeIssue } from './define';

export type { Arrange, Outlet, ResponsePart, Scored, TypeIssue } from './define';
export { outletName } from './define';

/** Every question type. Adding a type: one module beside these, one entry here, one answer component. */
export const questionTypes = [
	single,
	multi,
	truefalse,
	date,
	number,
	order,
	match,
	text,
	source
] as const;

type AnyDef = (typeof questionTypes)[number];
export type QuestionTypeName = AnyDef['type'];
export const questionTypeNames = questionTypes.map((t) => t.type) as QuestionTypeName[];

type DataOf<D> =
	D extends QuestionTypeDef<infer T, infer E, v.GenericSchema>
		? { type: T } & v.InferOutput<v.ObjectSchema<E, undefined>>
		: never;

/** The type-specific fields of a question, with `type` itself, as a union over every type. */
export type TypedData = DataOf<AnyDef>;

/**
 * The shape of a student's response to a question of type T: the one seam between a type and
 * its answer component, so a change to a response shape breaks the build, not a quiz.
 */
export type ResponseOf<T extends QuestionTypeName> =
	Extract<AnyDef, { type: T }> extends QuestionTypeDef<T, v.ObjectEntries, infer R>
		? v.InferOutput<R>
		: never;

interface LooseDef {
	type: string;
	label: string;
	entries: v.ObjectEntries;
	response: v.GenericSchema;
	perfect(q: unknown): unknown;
	start?(q: unknown, arrange: Arrange): unknown;
	isComplete(q: unknown, r: unknown): boolean;
	score(q: unknown, r: unknown): Scored;
	answerText(q: unknown, outlets: readonly Outlet[]): string;
	responseText(q: unknown, r: unknown, outlets: readonly Outlet[]): string;
	answerParts?(q: unknown, outlets: readonly Outlet[]): string[];
	responseParts?(q: unknown, r: unknown, outlets: readonly Outlet[]): ResponsePart[];
	howScored?(q: unknown, r: unknown): string;
	check(q: unknown): TypeIssue[];
	checkPrompt?(q: unknown, prompt: string): TypeIssue[];
	addedFields?: readonly string[];
}

/** The definition of a type, seen through one shape so callers need no switch on `type`. */
export function typeOf(name: string): LooseDef {
	const def = questionTypes.find((t) => t.type === name);
	if (!def) throw new Error(`Unknown question type "${name}"`);
	return def as unknown as LooseDef;
}
