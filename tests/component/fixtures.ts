import { render } from '@testing-library/svelte';
import { vi } from 'vitest';
import type { Component } from 'svelte';
import type { AnswerProps } from '$lib/components/answers/types';
import type { Question } from '$lib/content/model';
import type { Outlet } from '$lib/question-types';
import Harness from './Harness.svelte';

/** A question of one type, with the fields that type carries. */
export type QuestionOf<T extends Question['type']> = Extract<Question, { type: T }>;

export const STORY_ID = 'albania-iran-2022';
export const RFERL = 'rferl-2022-09-07';
export const REUTERS = 'reuters-2022-09-07';

/** The outlets a quiz on the story offers, as the answer components receive them. */
export const SOURCES: Outlet[] = [
	{ id: RFERL, outlet: 'RFE/RL', name: 'Radio Free Europe/Radio Liberty' },
	{ id: REUTERS, outlet: 'Reuters', name: 'Reuters' }
];

/** The id of the prompt the harness renders, which labels the answer controls. */
export const PROMPT_ID = 'harness-prompt';

/** Markup that would run script if it were ever rendered as HTML. */
export const HOSTILE = '<img src=x onerror=alert(1)>';

function common(id: string) {
	return {
		id,
		category: 'dates' as const,
		explanation: `Why ${id} is answered as it is.`,
		difficulty: 2 as const,
		actors: [],
		outlets: [REUTERS],
		evidence: [
			{ source: REUTERS, quote: 'cyber attack on July 15', context: { before: '', after: '' } }
		],
		// As the build computes it from what is asked; a fixed value is enough for components.
		fingerprint: `fp-${id}`
	};
}

export function singleQuestion(
	overrides: Partial<QuestionOf<'single'>> = {}
): QuestionOf<'single'> {
	return {
		...common('test-single'),
		type: 'single',
		prompt: 'Who attacked the Albanian government?',
		options: ['Iran', 'Russia', 'China', 'North Korea', 'Belarus'],
		answer: 'Iran',
		...overrides
	};
}

export function multiQuestion(overrides: Partial<QuestionOf<'multi'>> = {}): QuestionOf<'multi'> {
	return {
		...common('test-multi'),
		type: 'multi',
		category: 'sources',
		prompt: 'Which of these did the reports name?',
		options: ['Microsoft', 'Mandiant', 'NATO', 'Google', 'the FBI'],
		answers: ['Microsoft', 'Mandiant'],
		...overrides
	};
}

export function trueFalseQuestion(
	overrides: Partial<QuestionOf<'truefalse'>> = {}
): QuestionOf<'truefalse'> {
	return {
		...common('test-truefalse'),
		type: 'truefalse',
		prompt: 'Albania cut diplomatic ties with Iran.',
		answer: true,
		...overrides
	};
}

export function dateQuestion(overrides: Partial<QuestionOf<'date'>> = {}): QuestionOf<'date'> {
	return {
		...common('test-date'),
		type: 'date',
		prompt: 'On what day did the cyberattack take place?',
		answer: '2022-07-15',
		...overrides
	};
}

export function numberQuestion(
	overrides: Partial<QuestionOf<'number'>> = {}
): QuestionOf<'number'> {
	return {
		...common('test-number'),
		type: 'number',
		prompt: 'How many hours were the diplomats given to leave?',
		answer: 24,
		tolerance: 0,
		unit: 'hours',
		...overrides
	};
}

export function orderQuestion(overrides: Partial<QuestionOf<'order'>> = {}): QuestionOf<'order'> {
	return {
		...common('test-order'),
		type: 'order',
		prompt: 'Put these events in order.',
		items: ['The attack', 'The investigation', 'The expulsion', 'The sanctions'],
		...overrides
	};
}

export function matchQuestion(overrides: Partial<QuestionOf<'match'>> = {}): QuestionOf<'match'> {
	return {
		...common('test-match'),
		type: 'match',
		category: 'actors',
		prompt: 'Match each person to their role.',
		pairs: [
			{ left: 'Edi Rama', right: 'Prime minister' },
			{ left: 'John Hultquist', right: 'Analyst' },
			{ left: 'Nasser Kanaani', right: 'Spokesman' }
		],
		...overrides
	};
}

export function textQuestion(overrides: Partial<QuestionOf<'text'>> = {}): QuestionOf<'text'> {
	return {
		...common('test-text'),
		type: 'text',
		category: 'quotes',
		prompt: 'The ___ said the attack was state sponsored.',
		answers: ['prime minister', 'premier'],
		titles: [],
		...overrides
	};
}

export function sourceQuestion(
	overrides: Partial<QuestionOf<'source'>> = {}
): QuestionOf<'source'> {
	return {
		...common('test-source'),
		type: 'source',
		category: 'sources',
		prompt: 'Which outlet reported the date of the attack?',
		answer: [REUTERS],
		...overrides
	};
}

/** One question of every type, in the registry's order. */
export function everyType(): Question[] {
	return [
		singleQuestion(),
		multiQuestion(),
		trueFalseQuestion(),
		dateQuestion(),
		numberQuestion(),
		orderQuestion(),
		matchQuestion(),
		textQuestion(),
		sourceQuestion()
	];
}

/**
 * Renders an answer component inside the harness, which feeds each response back in as the quiz
 * does. `latest()` is the last response the component reported, `responses` every one in turn.
 */
export function renderAnswer<T extends Question['type']>(
	component: Component<AnswerProps<T>>,
	question: QuestionOf<T>,
	options: { seed?: number; locked?: boolean; initial?: unknown; outlets?: typeof SOURCES } = {}
) {
	const onresponse = vi.fn<(response: unknown) => void>();
	const result = render(Harness<T>, {
		props: {
			component,
			question,
			onresponse,
			promptId: PROMPT_ID,
			outlets: SOURCES,
			...options
		}
	});
	return {
		...result,
		onresponse,
		latest: () => onresponse.mock.lastCall?.[0],
		responses: () => onresponse.mock.calls.map((call) => call[0])
	};
}

/** The props an answer component needs, with a spy for `onchange`, for rendering it on its own. */
export function answerProps<T extends Question['type']>(
	question: QuestionOf<T>,
	options: Partial<Omit<AnswerProps<T>, 'question'>> = {}
): AnswerProps<T> & { onchange: ReturnType<typeof vi.fn<(response: unknown) => void>> } {
	return {
		question,
		response: undefined,
		locked: false,
		seed: 1,
		labelledby: PROMPT_ID,
		outlets: SOURCES,
		...options,
		onchange: vi.fn<(response: unknown) => void>()
	};
}
