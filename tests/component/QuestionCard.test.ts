import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import QuestionCard from '$lib/components/QuestionCard.svelte';
import type { Question } from '$lib/content/model';
import { foldWhitespace } from '$lib/content/evidence';
import type { Answer } from '$lib/quiz/attempt';
import { perfectResponse, scoreResponse } from '$lib/quiz/scoring';
import {
	everyType,
	HOSTILE,
	multiQuestion,
	REUTERS,
	RFERL,
	singleQuestion,
	SOURCES,
	STORY_ID
} from './fixtures';

function answerFor(question: Question, response: unknown): Answer {
	const { score, note } = scoreResponse(question, response);
	return {
		attemptId: 'attempt-1',
		questionId: question.id,
		storyId: STORY_ID,
		category: question.category,
		fingerprint: question.fingerprint,
		response,
		score,
		...(note ? { note } : {}),
		answeredAt: 1
	};
}

function renderCard(question: Question, extra: { response?: unknown; answer?: Answer } = {}) {
	const onchange = vi.fn<(response: unknown) => void>();
	const result = render(QuestionCard, {
		props: {
			question,
			response: extra.response,
			answer: extra.answer,
			seed: 3,
			storyId: STORY_ID,
			outlets: SOURCES,
			onchange
		}
	});
	return { ...result, onchange };
}

/** What a screen reader reads for the prompt: a cloze blank reads as "blank". */
const promptName = (q: Question) => q.prompt.replace(/_{3,}/g, 'blank');

/** Finds the answer control each type should render, named by the prompt. */
const controlOf: Record<Question['type'], (q: Question) => HTMLElement> = {
	single: (q) => screen.getByRole('radiogroup', { name: promptName(q) }),
	multi: (q) =>
		screen.getByRole('group', { name: `${promptName(q)} Choose every answer that fits.` }),
	truefalse: (q) => screen.getByRole('radiogroup', { name: promptName(q) }),
	date: (q) => screen.getByRole('group', { name: promptName(q) }),
	number: (q) => screen.getByRole('textbox', { name: `${promptName(q)} Your answer` }),
	order: (q) => screen.getByRole('list', { name: promptName(q) }),
	match: (q) => screen.getByRole('list', { name: promptName(q) }),
	text: (q) => screen.getByRole('textbox', { name: `${promptName(q)} Your answer` }),
	source: (q) => screen.getByRole('radiogroup', { name: promptName(q) })
};

/** Something only that type's control has, to tell the controls apart. */
const signOf: Record<Question['type'], (control: HTMLElement) => void> = {
	single: (c) => expect(within(c).getByRole('radio', { name: 'Iran' })).toBeInTheDocument(),
	multi: (c) => expect(within(c).getAllByRole('checkbox')).toHaveLength(5),
	truefalse: (c) => expect(within(c).getByRole('radio', { name: 'True' })).toBeInTheDocument(),
	date: (c) => expect(within(c).getByRole('textbox', { name: 'Year' })).toBeInTheDocument(),
	number: (c) => expect(c).toHaveAttribute('inputmode', 'decimal'),
	order: (c) =>
		expect(within(c).getByRole('button', { name: 'Move “The attack” up' })).toBeInTheDocument(),
	match: (c) => expect(within(c).getByRole('button', { name: 'Edi Rama' })).toBeInTheDocument(),
	text: (c) => expect(c).toHaveAttribute('placeholder', 'Type your answer'),
	source: (c) => expect(within(c).getByRole('radio', { name: 'Both' })).toBeInTheDocument()
};

describe('QuestionCard', () => {
	it.each(everyType().map((q) => [q.type, q] as const))(
		'renders the prompt as a heading and the %s answer control labelled by it',
		(type, question) => {
			renderCard(question);
			const heading = screen.getByRole('heading', { level: 2, name: promptName(question) });
			expect(heading).toHaveAttribute('id', `q-${question.id}`);
			const control = controlOf[type](question);
			signOf[type](control);
			expect(
				control.getAttribute('aria-labelledby')?.split(' ') ?? [],
				'labelled by the prompt'
			).toContain(`q-${question.id}`);
			expect(screen.queryByRole('region')).not.toBeInTheDocument();
			expect(screen.queryByText(question.explanation)).not.toBeInTheDocument();
		}
	);

	it('passes the response up through onchange', async () => {
		const user = userEvent.setup();
		const { onchange } = renderCard(singleQuestion());
		await user.click(screen.getByRole('radio', { name: 'China' }));
		expect(onchange).toHaveBeenLastCalledWith({ choice: 'China' });
	});

	it('shows the draft response while there is no answer', () => {
		renderCard(singleQuestion(), { response: { choice: 'Belarus' } });
		expect(screen.getByRole('radio', { name: 'Belarus' })).toBeChecked();
		expect(screen.getByRole('radio', { name: 'Belarus' })).toBeEnabled();
	});

	it('once answered, locks the control, shows the answer given, and the feedback', () => {
		const question = singleQuestion();
		const { onchange } = renderCard(question, {
			response: { choice: 'Belarus' },
			answer: answerFor(question, { choice: 'Russia' })
		});
		for (const radio of screen.getAllByRole('radio')) expect(radio).toBeDisabled();
		expect(screen.getByRole('radio', { name: /^Russia/ })).toBeChecked();
		expect(screen.getByRole('radio', { name: /^Belarus/ })).not.toBeChecked();
		expect(screen.getByText('right answer').closest('label')).toHaveTextContent('Iran');
		const feedback = screen.getByRole('region', { name: 'Not quite' });
		expect(within(feedback).getByRole('heading', { level: 3 })).toHaveAttribute(
			'id',
			`feedback-${question.id}`
		);
		expect(onchange).not.toHaveBeenCalled();
	});

	it.each(everyType().map((q) => [q.type, q] as const))(
		'says "Right" for a perfect %s answer',
		(_type, question) => {
			renderCard(question, { answer: answerFor(question, perfectResponse(question)) });
			expect(screen.getByRole('region', { name: 'Right' })).toBeInTheDocument();
			expect(screen.getByText(question.explanation)).toBeInTheDocument();
		}
	);

	it('says "Partly right: 50%" for half the credit', () => {
		const question = multiQuestion();
		renderCard(question, { answer: answerFor(question, { choices: ['Mandiant'] }) });
		expect(screen.getByRole('heading', { level: 3, name: 'Partly right: 50%' })).toBeVisible();
	});

	it('shows the explanation and every quote with a link into the source', () => {
		const evidence = [
			{ source: REUTERS, quote: 'cyber attack on July 15', context: { before: '', after: '' } },
			{
				source: RFERL,
				quote: 'Tirana  severed\nties “immediately”',
				context: { before: '', after: '' }
			}
		];
		const question = singleQuestion({ explanation: 'Iran was blamed.', evidence });
		renderCard(question, { answer: answerFor(question, { choice: 'China' }) });
		expect(screen.getByRole('region', { name: 'Not quite' })).toBeInTheDocument();
		expect(screen.getByText('Iran was blamed.')).toBeInTheDocument();
		const quotes = [...document.querySelectorAll('blockquote')].map((q) => q.textContent);
		// Whitespace folded, as the reader shows it.
		expect(quotes).toEqual(evidence.map((e) => e.quote.replace(/\s+/g, ' ')));
		for (const [source, outlet, quote] of [
			[REUTERS, 'Reuters', evidence[0]!.quote],
			[RFERL, 'RFE/RL', evidence[1]!.quote]
		]) {
			const href = screen
				.getByRole('link', { name: `Read it in the ${outlet} article` })
				.getAttribute('href')!;
			expect(href).toContain(`/stories/${STORY_ID}/sources/${source}`);
			expect(href.endsWith(`#quote=${encodeURIComponent(foldWhitespace(quote!))}`)).toBe(true);
		}
	});

	it('renders prompt, options and feedback as text, never as HTML', () => {
		const question = singleQuestion({
			prompt: `Which is ${HOSTILE}?`,
			options: ['Iran', HOSTILE],
			explanation: HOSTILE,
			evidence: [{ source: REUTERS, quote: HOSTILE, context: { before: '', after: '' } }]
		});
		const { container } = renderCard(question, {
			answer: answerFor(question, { choice: HOSTILE })
		});
		expect(container.querySelector('img')).toBeNull();
		expect(
			screen.getByRole('heading', { level: 2, name: `Which is ${HOSTILE}?` })
		).toBeInTheDocument();
		expect(screen.getByText(HOSTILE, { selector: '.text' })).toBeInTheDocument();
		// The explanation, what the student said, and the quoted words.
		expect(screen.getByText(HOSTILE, { selector: 'p' })).toBeInTheDocument();
		expect(screen.getByText(HOSTILE, { selector: 'dd' })).toBeInTheDocument();
		expect(screen.getByText(HOSTILE, { selector: 'blockquote mark' })).toBeInTheDocument();
	});
});
