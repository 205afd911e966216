import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Feedback from '$lib/components/Feedback.svelte';
import type { Question } from '$lib/content/model';
import { foldWhitespace } from '$lib/content/evidence';
import type { Answer } from '$lib/quiz/attempt';
import { perfectResponse, scoreResponse } from '$lib/quiz/scoring';
import {
	HOSTILE,
	multiQuestion,
	orderQuestion,
	REUTERS,
	RFERL,
	singleQuestion,
	sourceQuestion,
	SOURCES,
	STORY_ID,
	textQuestion
} from './fixtures';

/** The answer the quiz would store for this response: scored by the question's own rule. */
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

function renderFeedback(question: Question, response: unknown) {
	return render(Feedback, {
		props: {
			question,
			answer: answerFor(question, response),
			storyId: STORY_ID,
			outlets: SOURCES,
			headingId: `feedback-${question.id}`
		}
	});
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A link to the reader at this source, with the quote in the hash (no trailing slash). */
const readerHref = (source: string, quote: string) =>
	new RegExp(
		`^/stories/${escapeRegExp(STORY_ID)}/sources/${escapeRegExp(source)}` +
			escapeRegExp(`#quote=${encodeURIComponent(foldWhitespace(quote))}`) +
			'$'
	);

describe('Feedback', () => {
	it('says "Right" for full credit, and does not repeat the answer', () => {
		const question = singleQuestion();
		renderFeedback(question, perfectResponse(question));
		const region = screen.getByRole('region', { name: 'Right' });
		expect(within(region).getByRole('heading', { level: 3, name: 'Right' })).toHaveAttribute(
			'id',
			`feedback-${question.id}`
		);
		expect(region).toHaveTextContent('✓');
		expect(region).toHaveClass('right');
		expect(screen.queryByText('The answer:')).not.toBeInTheDocument();
		expect(screen.queryByText('You said:')).not.toBeInTheDocument();
	});

	it('says "Partly right" with the percentage for partial credit', () => {
		const question = multiQuestion();
		const response = { choices: ['Microsoft'] };
		expect(scoreResponse(question, response).score).toBe(0.5);
		renderFeedback(question, response);
		expect(screen.getByRole('heading', { level: 3, name: 'Partly right: 50%' })).toBeVisible();
		expect(screen.getByRole('region', { name: 'Partly right: 50%' })).toHaveClass('partly');
	});

	it('rounds the percentage to a whole number', () => {
		const question = orderQuestion({ items: ['a', 'b', 'c'] });
		// b before a is the one wrong pair of three: 2/3 of the credit.
		renderFeedback(question, { order: ['b', 'a', 'c'] });
		expect(screen.getByRole('heading', { level: 3, name: 'Partly right: 67%' })).toBeVisible();
	});

	it('never rounds partial credit up to "Partly right: 100%"', () => {
		// 249 of 250 right options, none wrong: 0.996 of the credit, which rounds to 100%.
		const options = Array.from({ length: 251 }, (_, i) => `Option ${i + 1}`);
		const question = multiQuestion({ options, answers: options.slice(0, 250) });
		const response = { choices: options.slice(0, 249) };
		expect(scoreResponse(question, response).score).toBe(0.996);
		renderFeedback(question, response);
		const region = screen.getByRole('region', { name: 'Partly right: 99%' });
		expect(region).toHaveClass('partly');
		expect(within(region).getByRole('heading', { level: 3 })).toHaveTextContent(
			'Partly right: 99%'
		);
		expect(screen.queryByText(/100%/)).not.toBeInTheDocument();
		expect(screen.queryByRole('region', { name: 'Right' })).not.toBeInTheDocument();
	});

	it('says "Not quite" for no credit, and gives the answer and what was said', () => {
		const question = singleQuestion();
		renderFeedback(question, { choice: 'Russia' });
		const region = screen.getByRole('region', { name: 'Not quite' });
		expect(region).toHaveClass('wrong');
		expect(screen.getByText('The answer:').parentElement).toHaveTextContent(
			`The answer: ${question.answer}`
		);
		expect(screen.getByText('You said:').parentElement).toHaveTextContent('You said: Russia');
	});

	it('names sources by outlet in the answer and the response', () => {
		const question = sourceQuestion({ answer: [REUTERS] });
		renderFeedback(question, { sources: [RFERL, REUTERS] });
		expect(screen.getByText('The answer:').parentElement).toHaveTextContent(
			'The answer: Reuters only'
		);
		expect(screen.getByText('You said:').parentElement).toHaveTextContent('You said: Both');
	});

	it('shows the note when the score needed a kindness', () => {
		const question = textQuestion({ answers: ['Hultquist'] });
		renderFeedback(question, { text: 'Holtquist' });
		expect(screen.getByRole('region', { name: 'Right' })).toBeInTheDocument();
		expect(screen.getByText(/Typo forgiven/)).toHaveTextContent('Holtquist');
	});

	it('shows the explanation, and each piece of evidence with a link to read it in context', () => {
		const question = singleQuestion({
			explanation: 'Both reports blame Iran.',
			evidence: [
				{ source: REUTERS, quote: 'cyber attack on July 15' },
				{ source: RFERL, quote: 'Albania  cut\n diplomatic “ties” with Iran' }
			]
		});
		renderFeedback(question, { choice: 'Russia' });
		expect(screen.getByText('Both reports blame Iran.')).toBeInTheDocument();
		const quotes = document.querySelectorAll('blockquote');
		expect([...quotes].map((q) => q.textContent)).toEqual(question.evidence.map((e) => e.quote));

		const reuters = screen.getByRole('link', { name: 'Read it in the Reuters article' });
		expect(reuters.getAttribute('href')).toMatch(readerHref(REUTERS, 'cyber attack on July 15'));
		const rferl = screen.getByRole('link', { name: 'Read it in the RFE/RL article' });
		expect(rferl.getAttribute('href')).toMatch(
			readerHref(RFERL, 'Albania cut diplomatic “ties” with Iran')
		);
	});

	it('links to the reader with the trailing slash the site uses', () => {
		const question = singleQuestion();
		renderFeedback(question, perfectResponse(question));
		const link = screen.getByRole('link', { name: 'Read it in the Reuters article' });
		// SvelteKit's default trailingSlash ('never'): the reader's address ends at the source id.
		const quote = question.evidence[0]!.quote;
		expect(link.getAttribute('href')).toBe(
			`/stories/${STORY_ID}/sources/${REUTERS}#quote=${encodeURIComponent(foldWhitespace(quote))}`
		);
		expect(link.getAttribute('href')).not.toContain('/#');
	});

	it('falls back to the source id when the outlet is unknown', () => {
		const question = singleQuestion({ evidence: [{ source: 'unknown-source', quote: 'q' }] });
		renderFeedback(question, perfectResponse(question));
		expect(
			screen.getByRole('link', { name: 'Read it in the unknown-source article' })
		).toBeInTheDocument();
	});

	it('renders explanation and evidence as text, never as HTML', () => {
		const question = singleQuestion({
			options: ['Iran', HOSTILE],
			explanation: `Because ${HOSTILE}`,
			evidence: [{ source: REUTERS, quote: HOSTILE }]
		});
		const { container } = renderFeedback(question, { choice: HOSTILE });
		expect(container.querySelector('img')).toBeNull();
		expect(screen.getByText(`Because ${HOSTILE}`)).toBeInTheDocument();
		expect(container.querySelector('blockquote')).toHaveTextContent(HOSTILE);
		expect(screen.getByText('You said:').parentElement).toHaveTextContent(HOSTILE);
	});

	it('says so when the question has changed since it was answered, and keeps the score', () => {
		const question = singleQuestion();
		const answer = { ...answerFor(question, { choice: question.answer }), fingerprint: 'older' };
		render(Feedback, { props: { question, answer, storyId: STORY_ID, outlets: SOURCES } });
		expect(screen.getByText(/has changed since you answered it/)).toBeInTheDocument();
		expect(screen.getByRole('heading', { name: /Right/ })).toBeInTheDocument();
	});

	it('says nothing of a change for an answer older than fingerprints, or one that matches', () => {
		const question = singleQuestion();
		for (const fingerprint of [null, question.fingerprint]) {
			const answer = { ...answerFor(question, { choice: question.answer }), fingerprint };
			const { unmount } = render(Feedback, {
				props: { question, answer, storyId: STORY_ID, outlets: SOURCES }
			});
			expect(screen.queryByText(/has changed/)).not.toBeInTheDocument();
			unmount();
		}
	});

	it('says an answer can no longer be read when its stored response does not fit the question', () => {
		const question = singleQuestion();
		const answer = { ...answerFor(question, { order: ['a'] }), score: 0 };
		render(Feedback, { props: { question, answer, storyId: STORY_ID, outlets: SOURCES } });
		expect(screen.getByText(/can no longer be read/)).toBeInTheDocument();
		expect(screen.getByText(question.answer, { exact: false })).toBeInTheDocument();
	});
});
