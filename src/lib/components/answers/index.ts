import type { Component } from 'svelte';
import type { QuestionTypeName } from '$lib/question-types';
import DateAnswer from './DateAnswer.svelte';
import MatchAnswer from './MatchAnswer.svelte';
import MultiAnswer from './MultiAnswer.svelte';
import NumberAnswer from './NumberAnswer.svelte';
import OrderAnswer from './OrderAnswer.svelte';
import SingleAnswer from './SingleAnswer.svelte';
import SourceAnswer from './SourceAnswer.svelte';
import TextAnswer from './TextAnswer.svelte';
import TrueFalseAnswer from './TrueFalseAnswer.svelte';
import type { AnswerProps } from './types';

/** The answer component for each question type; the type checker insists every type has one. */
export const answerComponents: { [T in QuestionTypeName]: Component<AnswerProps<T>> } = {
	single: SingleAnswer,
	multi: MultiAnswer,
	truefalse: TrueFalseAnswer,
	date: DateAnswer,
	number: NumberAnswer,
	order: OrderAnswer,
	match: MatchAnswer,
	text: TextAnswer,
	source: SourceAnswer
};

export type { AnswerProps };
