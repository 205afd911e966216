import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import Feedback from '$lib/components/Feedback.svelte';
import type { Question } from '$lib/content/model';
import { foldWhitespace } from '$lib/content/evidence';
import type { Answer } from '$lib/quiz/attempt';
import { answerParts, answerText, perfectResponse, scoreResponse } from '$lib/quiz/scoring';
import {
	HOSTILE,
	matchQuestion,
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

/** The description a <dl> gives a term ("The answer", "You said"). */
function described(term: string): HTMLElement {
	const dt = screen.getByText(term, { selector: 'dt' });
	const dd = dt.nextElementSibling;
	expect(dd?.tagName).toBe('DD');
	return dd as HTMLElement;
}

/** The list under a label of the side-by-side comparison ("Your answer", "The answer"…). */
function listUnder(label: string): HTMLElement {
	const list = screen.getByText(label, { selector: 'p' }).nextElementSibling;
	expect(list?.tagName).toBe('OL');
	return list as HTMLElement;
}

/** Each item of a list, as its text reads aloud and on screen. */
const itemsOf = (list: HTMLElement) =>
	within(list)
		.getAllByRole('listitem')
		.map((li) => li.textContent?.replace(/\s+/g, ' ').trim());

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
		expect(screen.queryByText('The answer')).not.toBeInTheDocument();
		expect(screen.queryByText('You said')).not.toBeInTheDocument();
		expect(region.querySelector('dl')).toBeNull();
		expect(region.querySelector('.how')).toBeNull();
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
		expect(described('The answer')).toHaveTextContent(question.answer);
		expect(described('You said')).toHaveTextContent('Russia');
		// A single choice has no parts: no side-by-side lists, no how-scored sentence.
		expect(screen.queryByText('Your answer')).not.toBeInTheDocument();
		expect(region.querySelector('.how')).toBeNull();
	});

	it('names sources by outlet in the answer and the response', () => {
		const question = sourceQuestion({ answer: [REUTERS] });
		renderFeedback(question, { sources: [RFERL, REUTERS] });
		expect(described('The answer')).toHaveTextContent('Reuters only');
		expect(described('You said')).toHaveTextContent('Both');
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
				{ source: REUTERS, quote: 'cyber attack on July 15', context: { before: '', after: '' } },
				{
					source: RFERL,
					quote: 'Albania  cut\n diplomatic “ties” with Iran',
					context: { before: '', after: '' }
				}
			]
		});
		renderFeedback(question, { choice: 'Russia' });
		expect(screen.getByText('Both reports blame Iran.')).toBeInTheDocument();
		const quotes = document.querySelectorAll('blockquote');
		// As the reader shows it: whitespace folded, so a line break in the bank never shows.
		expect([...quotes].map((q) => q.textContent)).toEqual(
			question.evidence.map((e) => foldWhitespace(e.quote))
		);

		const reuters = screen.getByRole('link', { name: 'Read it in the Reuters article' });
		expect(reuters.getAttribute('href')).toMatch(readerHref(REUTERS, 'cyber attack on July 15'));
		const rferl = screen.getByRole('link', { name: 'Read it in the RFE/RL article' });
		expect(rferl.getAttribute('href')).toMatch(
			readerHref(RFERL, 'Albania cut diplomatic “ties” with Iran')
		);
	});

	it('shows the editor’s notes on a copy beside evidence quoted from it, and only there', () => {
		const question = singleQuestion({
			evidence: [
				{ source: REUTERS, quote: 'cyber attack on July 15', context: { before: '', after: '' } },
				{ source: RFERL, quote: 'Albania cut ties', context: { before: '', after: '' } }
			]
		});
		const notes = ['A machine re-translation.', 'It misspells a name.'];
		render(Feedback, {
			props: {
				question,
				answer: answerFor(question, perfectResponse(question)),
				storyId: STORY_ID,
				outlets: SOURCES.map((o) => (o.id === REUTERS ? { ...o, notes } : o)),
				headingId: `feedback-${question.id}`
			}
		});
		// One tap away, beside the Reuters passage only.
		const shown = [...document.querySelectorAll('details.notes')];
		expect(shown.map((d) => d.querySelector('summary')?.textContent)).toEqual([
			'About this copy of the Reuters report'
		]);
		expect([...shown[0]!.querySelectorAll('li')].map((li) => li.textContent)).toEqual(notes);
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

	it('links a question on where the reports differ to that point in Compare coverage, naming its kinds', () => {
		const question: Question = {
			...singleQuestion(),
			differences: [
				{ id: 'exile-year', kind: 'fact' },
				{ id: 'exile-name', kind: 'wording' },
				{ id: 'exile-date', kind: 'fact' }
			]
		};
		const { container } = renderFeedback(question, perfectResponse(question));
		const link = screen.getByRole('link', { name: 'See both sides in Compare coverage' });
		expect(link.getAttribute('href')).toBe(`/stories/${STORY_ID}/compare#difference-exile-year`);
		expect(container.querySelector('.differs')).toHaveTextContent(
			'The reports differ here (facts, wording).'
		);
	});

	it('says nothing of Compare coverage for a question on no difference', () => {
		const question = singleQuestion();
		expect(question.differences).toBeUndefined();
		renderFeedback(question, perfectResponse(question));
		expect(screen.queryByRole('link', { name: /Compare coverage/ })).toBeNull();
	});

	it('falls back to the source id when the outlet is unknown', () => {
		const question = singleQuestion({
			evidence: [{ source: 'unknown-source', quote: 'q', context: { before: '', after: '' } }]
		});
		renderFeedback(question, perfectResponse(question));
		expect(
			screen.getByRole('link', { name: 'Read it in the unknown-source article' })
		).toBeInTheDocument();
	});

	it('renders explanation and evidence as text, never as HTML', () => {
		const question = singleQuestion({
			options: ['Iran', HOSTILE],
			explanation: `Because ${HOSTILE}`,
			evidence: [
				{
					source: REUTERS,
					quote: HOSTILE,
					context: { before: `1 ${HOSTILE} `, after: ` 2 ${HOSTILE}` }
				}
			]
		});
		const { container } = renderFeedback(question, { choice: HOSTILE });
		expect(container.querySelector('img')).toBeNull();
		expect(screen.getByText(`Because ${HOSTILE}`)).toBeInTheDocument();
		expect(container.querySelector('blockquote')).toHaveTextContent(
			`1 ${HOSTILE} ${HOSTILE} 2 ${HOSTILE}`
		);
		expect(container.querySelector('mark')).toHaveTextContent(HOSTILE);
		expect(described('You said')).toHaveTextContent(HOSTILE);
	});

	it('renders the parts of an answer as text, never as HTML', () => {
		const question = multiQuestion({
			options: ['Microsoft', HOSTILE, 'NATO'],
			answers: ['Microsoft']
		});
		const { container } = renderFeedback(question, { choices: [HOSTILE] });
		expect(container.querySelector('img')).toBeNull();
		expect(itemsOf(listUnder('Your answer'))).toEqual([`✗ ${HOSTILE}, wrong`]);
	});

	it('shows the evidence in its sentence, the quoted words marked, the text around them unmarked', () => {
		const question = singleQuestion({
			evidence: [
				{
					source: REUTERS,
					quote: 'cyber attack on July 15',
					context: { before: 'Officials said a ', after: ' shut down public services.' }
				}
			]
		});
		const { container } = renderFeedback(question, perfectResponse(question));
		const quote = container.querySelector('blockquote')!;
		expect(quote).toHaveTextContent(
			'Officials said a cyber attack on July 15 shut down public services.'
		);
		const marks = quote.querySelectorAll('mark');
		expect(marks).toHaveLength(1);
		expect(marks[0]!.textContent).toBe('cyber attack on July 15');
		// The words around the quote are there, outside the mark, in their order.
		expect(quote.textContent!.indexOf('Officials said a')).toBeLessThan(
			quote.textContent!.indexOf('cyber attack')
		);
		expect(quote.textContent!.indexOf('shut down public services.')).toBeGreaterThan(
			quote.textContent!.indexOf('July 15')
		);
		expect(marks[0]!.textContent).not.toContain('Officials');
		expect(marks[0]!.textContent).not.toContain('public services');
	});

	it('shows a quote with nothing around it as the quote alone, marked', () => {
		const question = singleQuestion({
			evidence: [
				{ source: REUTERS, quote: 'A whole sentence.', context: { before: '', after: '' } }
			]
		});
		const { container } = renderFeedback(question, perfectResponse(question));
		expect(container.querySelector('blockquote')!.textContent).toBe('A whole sentence.');
		expect(container.querySelector('blockquote mark')!.textContent).toBe('A whole sentence.');
	});

	it('credits evidence to its outlet by full name, the short name as a titled abbreviation', () => {
		const question = singleQuestion({
			evidence: [
				{
					source: RFERL,
					quote: 'Albania cut diplomatic ties',
					context: { before: '', after: ' with Iran.' }
				}
			]
		});
		const { container } = renderFeedback(question, perfectResponse(question));
		const caption = container.querySelector('figcaption')!;
		expect(caption).toHaveTextContent('Radio Free Europe/Radio Liberty (RFE/RL)');
		const abbr = within(caption).getByText('RFE/RL', { selector: 'abbr' });
		expect(abbr).toHaveAttribute('title', 'Radio Free Europe/Radio Liberty');
		const link = within(caption).getByRole('link', { name: 'Read it in the RFE/RL article' });
		expect(link.getAttribute('href')).toMatch(readerHref(RFERL, 'Albania cut diplomatic ties'));
		expect(link.getAttribute('href')).toMatch(/#quote=[^#]+$/);
	});

	it('names an outlet whose short name is its full name once, without an abbreviation', () => {
		const question = singleQuestion();
		const { container } = renderFeedback(question, perfectResponse(question));
		const caption = container.querySelector('figcaption')!;
		expect(caption.querySelector('abbr')).toBeNull();
		expect(caption.querySelector('.outlet')!.textContent).toBe('Reuters');
	});

	it('says how partial credit was reached for several picks, one wrong cancelling one right', () => {
		const question = multiQuestion({
			options: ['Microsoft', 'Mandiant', 'NATO', 'Google', 'the FBI'],
			answers: ['Microsoft', 'Mandiant', 'the FBI']
		});
		const response = { choices: ['Microsoft', 'Mandiant', 'NATO'] };
		expect(scoreResponse(question, response).score).toBeCloseTo(1 / 3);
		renderFeedback(question, response);
		expect(screen.getByRole('heading', { level: 3, name: 'Partly right: 33%' })).toBeVisible();
		expect(screen.getByText('2 of 3 right, 1 wrong pick cancels one.')).toBeVisible();
	});

	it('says how partial credit was reached for an order, in pairs', () => {
		const question = orderQuestion({ items: ['a', 'b', 'c'] });
		renderFeedback(question, { order: ['b', 'a', 'c'] });
		expect(screen.getByText('2 of 3 pairs in order.')).toBeVisible();
	});

	it('says how partial credit was reached for a matching, in pairs matched', () => {
		const question = matchQuestion();
		renderFeedback(question, {
			matches: [
				{ left: 'Edi Rama', right: 'Prime minister' },
				{ left: 'John Hultquist', right: 'Spokesman' },
				{ left: 'Nasser Kanaani', right: 'Analyst' }
			]
		});
		expect(screen.getByRole('heading', { level: 3, name: 'Partly right: 33%' })).toBeVisible();
		expect(screen.getByText('1 of 3 matched.')).toBeVisible();
	});

	it('says nothing of how it was scored when there is no partial credit', () => {
		const question = orderQuestion({ items: ['a', 'b', 'c'] });
		const { container, unmount } = renderFeedback(question, { order: ['c', 'b', 'a'] });
		expect(screen.getByRole('heading', { level: 3, name: 'Not quite' })).toBeVisible();
		expect(container.querySelector('.how')).toBeNull();
		expect(screen.queryByText(/pairs in order/)).not.toBeInTheDocument();
		unmount();
		renderFeedback(question, { order: ['a', 'b', 'c'] });
		expect(screen.queryByText(/pairs in order/)).not.toBeInTheDocument();
	});

	it('shows a wrong order beside the right one, each place marked right or wrong', () => {
		const question = orderQuestion({ items: ['a', 'b', 'c'] });
		renderFeedback(question, { order: ['b', 'a', 'c'] });
		expect(itemsOf(listUnder('Your order'))).toEqual(['✗ b, wrong', '✗ a, wrong', '✓ c, right']);
		expect(itemsOf(listUnder('The right order'))).toEqual(['a', 'b', 'c']);
		// The marks are for the eye; a screen reader hears ", right" and ", wrong" instead.
		const first = within(listUnder('Your order')).getAllByRole('listitem')[0]!;
		expect(within(first).getByText('✗')).toHaveAttribute('aria-hidden', 'true');
		expect(within(first).getByText(', wrong')).toHaveClass('visually-hidden');
		// The parts replace the sentence form.
		expect(screen.queryByText('You said', { selector: 'dt' })).not.toBeInTheDocument();
	});

	it('shows wrong matches beside the right ones', () => {
		const question = matchQuestion();
		renderFeedback(question, {
			matches: [
				{ left: 'Edi Rama', right: 'Prime minister' },
				{ left: 'John Hultquist', right: 'Spokesman' },
				{ left: 'Nasser Kanaani', right: 'Analyst' }
			]
		});
		expect(itemsOf(listUnder('Your answer'))).toEqual([
			'✓ Edi Rama → Prime minister, right',
			'✗ John Hultquist → Spokesman, wrong',
			'✗ Nasser Kanaani → Analyst, wrong'
		]);
		expect(itemsOf(listUnder('The answer'))).toEqual([
			'Edi Rama → Prime minister',
			'John Hultquist → Analyst',
			'Nasser Kanaani → Spokesman'
		]);
	});

	it('shows wrong picks beside the right ones', () => {
		const question = multiQuestion();
		renderFeedback(question, { choices: ['Microsoft', 'NATO'] });
		expect(screen.getByRole('heading', { level: 3, name: 'Not quite' })).toBeVisible();
		expect(itemsOf(listUnder('Your answer'))).toEqual(['✓ Microsoft, right', '✗ NATO, wrong']);
		expect(itemsOf(listUnder('The answer'))).toEqual(['Microsoft', 'Mandiant']);
	});

	it('shows no lists when the parts were all right', () => {
		const question = matchQuestion();
		renderFeedback(question, perfectResponse(question));
		expect(screen.getByRole('heading', { level: 3, name: 'Right' })).toBeVisible();
		expect(screen.queryByText('Your answer')).not.toBeInTheDocument();
		expect(screen.queryAllByRole('listitem')).toHaveLength(0);
	});

	it('gives the answer to "I don’t know" without calling it wrong', () => {
		for (const question of [singleQuestion(), multiQuestion(), orderQuestion()]) {
			const answer: Answer = {
				...answerFor(question, null),
				response: null,
				score: 0,
				dontKnow: true
			};
			const { unmount } = render(Feedback, {
				props: { question, answer, storyId: STORY_ID, outlets: SOURCES, headingId: 'fb' }
			});
			expect(
				screen.getByRole('heading', { level: 3, name: 'Here is the answer' })
			).toBeInTheDocument();
			expect(screen.queryByText('Not quite')).not.toBeInTheDocument();
			expect(screen.queryByText(/can no longer be read/)).not.toBeInTheDocument();
			const parts = answerParts(question, SOURCES);
			if (parts) {
				// An answer in parts is still a list beside "I don’t know", not a run-on line.
				const mine = question.type === 'order' ? 'Your order' : 'Your answer';
				const right = question.type === 'order' ? 'The right order' : 'The answer';
				expect(screen.getByText(mine, { selector: 'p' }).nextElementSibling).toHaveTextContent(
					'I don’t know'
				);
				expect(itemsOf(listUnder(right))).toEqual(parts);
			} else {
				expect(described('You said')).toHaveTextContent('I don’t know');
				expect(described('The answer')).toHaveTextContent(answerText(question, SOURCES));
			}
			unmount();
		}
	});

	it('says an overridden answer was marked right by the student, and what the rule gave', () => {
		const question = textQuestion({ answers: ['prime minister'] });
		const answer: Answer = {
			...answerFor(question, { text: 'the premier of Albania' }),
			score: 1,
			override: { from: 0, at: 5 }
		};
		render(Feedback, {
			props: { question, answer, storyId: STORY_ID, outlets: SOURCES, headingId: 'fb' }
		});
		const region = screen.getByRole('region', { name: 'Right (marked by you)' });
		expect(region).toHaveClass('right');
		expect(screen.getByText(/You marked this right/)).toHaveTextContent(
			'You marked this right: the rule had given it 0%.'
		);
		// What was typed stays in view beside the answer, since the rule did not accept it.
		expect(described('The answer')).toHaveTextContent('prime minister');
		expect(described('You said')).toHaveTextContent('the premier of Albania');
	});

	it('offers "I was right" only when the answer may be overridden, and calls back when pressed', async () => {
		const user = userEvent.setup();
		const question = textQuestion({ answers: ['prime minister'] });
		const answer = answerFor(question, { text: 'the premier' });
		expect(answer.score).toBe(0);

		const { unmount } = render(Feedback, {
			props: { question, answer, storyId: STORY_ID, outlets: SOURCES }
		});
		expect(screen.queryByRole('button', { name: 'I was right' })).not.toBeInTheDocument();
		unmount();

		const onoverride = vi.fn();
		render(Feedback, {
			props: { question, answer, storyId: STORY_ID, outlets: SOURCES, onoverride }
		});
		expect(onoverride).not.toHaveBeenCalled();
		await user.click(screen.getByRole('button', { name: 'I was right' }));
		expect(onoverride).toHaveBeenCalledTimes(1);
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
