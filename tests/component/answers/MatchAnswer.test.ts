import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import MatchAnswer from '$lib/components/answers/MatchAnswer.svelte';
import { optionOrder } from '$lib/quiz/random';
import { answerProps, HOSTILE, matchQuestion, PROMPT_ID, renderAnswer } from '../fixtures';

const select = (left: string) => screen.getByRole('combobox', { name: left }) as HTMLSelectElement;

/** The right-hand items a select offers, without its empty "Choose…" choice. */
const offered = (left: string) =>
	(within(select(left)).getAllByRole('option') as HTMLOptionElement[])
		.filter((o) => o.value !== '')
		.map((o) => o.value);

/** The row of one left item: its label, its select and, once locked, its correction. */
const row = (left: string) => select(left).closest('li') as HTMLElement;

describe('MatchAnswer', () => {
	it('is a list named by the prompt, with a select named by each left item', () => {
		const question = matchQuestion();
		renderAnswer(MatchAnswer, question);
		const list = screen.getByRole('list', { name: question.prompt });
		expect(list).toHaveAttribute('aria-labelledby', PROMPT_ID);
		expect(list).toHaveAccessibleDescription('Choose the match for each item.');
		for (const { left } of question.pairs) {
			expect(within(list).getByRole('combobox', { name: left })).toHaveValue('');
		}
		expect(within(list).getAllByRole('combobox')).toHaveLength(question.pairs.length);
	});

	it('offers the right-hand items in the seeded order, the same in every select and render', () => {
		const question = matchQuestion();
		const rights = question.pairs.map((p) => p.right);
		const first = render(MatchAnswer, answerProps(question, { seed: 8 }));
		const shown = offered('Edi Rama');
		expect(shown).toEqual(optionOrder(rights, 8, question.id));
		for (const { left } of question.pairs) expect(offered(left)).toEqual(shown);
		first.unmount();
		render(MatchAnswer, answerProps(question, { seed: 8 }));
		expect(offered('Edi Rama')).toEqual(shown);
	});

	it('answers by pointer with { matches } listing every pair in question order', async () => {
		const user = userEvent.setup();
		const props = answerProps(matchQuestion());
		render(MatchAnswer, props);
		await user.selectOptions(select('John Hultquist'), 'Prime minister');
		expect(props.onchange).toHaveBeenCalledTimes(1);
		expect(props.onchange).toHaveBeenLastCalledWith({
			matches: [
				{ left: 'Edi Rama', right: null },
				{ left: 'John Hultquist', right: 'Prime minister' },
				{ left: 'Nasser Kanaani', right: null }
			]
		});
	});

	it('keeps earlier matches as more are made, and clears one back to null', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(MatchAnswer, matchQuestion());
		await user.selectOptions(select('Edi Rama'), 'Prime minister');
		await user.selectOptions(select('John Hultquist'), 'Spokesman');
		expect(latest()).toEqual({
			matches: [
				{ left: 'Edi Rama', right: 'Prime minister' },
				{ left: 'John Hultquist', right: 'Spokesman' },
				{ left: 'Nasser Kanaani', right: null }
			]
		});
		await user.selectOptions(select('John Hultquist'), 'Analyst');
		expect(latest()).toEqual({
			matches: [
				{ left: 'Edi Rama', right: 'Prime minister' },
				{ left: 'John Hultquist', right: 'Analyst' },
				{ left: 'Nasser Kanaani', right: null }
			]
		});
		await user.selectOptions(select('Edi Rama'), 'Choose…');
		expect(latest()).toEqual({
			matches: [
				{ left: 'Edi Rama', right: null },
				{ left: 'John Hultquist', right: 'Analyst' },
				{ left: 'Nasser Kanaani', right: null }
			]
		});
		expect(select('Edi Rama')).toHaveValue('');
		expect(select('John Hultquist')).toHaveValue('Analyst');
	});

	it('answers by keyboard alone: Tab from select to select and choose', async () => {
		const user = userEvent.setup();
		const question = matchQuestion();
		const { latest } = renderAnswer(MatchAnswer, question);
		for (const { left, right } of question.pairs) {
			await user.tab();
			expect(select(left)).toHaveFocus();
			// jsdom has no native select popup, so user-event cannot walk a select with the arrow
			// keys; selectOptions on the focused select stands in for choosing with the keyboard.
			await user.selectOptions(document.activeElement as HTMLSelectElement, right);
		}
		expect(latest()).toEqual({
			matches: question.pairs.map((p) => ({ left: p.left, right: p.right }))
		});
	});

	it('shows the matches it is given', async () => {
		const { rerender } = render(
			MatchAnswer,
			answerProps(matchQuestion(), {
				response: { matches: [{ left: 'Nasser Kanaani', right: 'Analyst' }] }
			})
		);
		expect(select('Nasser Kanaani')).toHaveValue('Analyst');
		expect(select('Edi Rama')).toHaveValue('');
		await rerender({
			response: {
				matches: [
					{ left: 'Nasser Kanaani', right: null },
					{ left: 'Edi Rama', right: 'Spokesman' }
				]
			}
		});
		expect(select('Edi Rama')).toHaveValue('Spokesman');
		expect(select('Nasser Kanaani')).toHaveValue('');
	});

	it('shows the last choice for a left item the response names twice', () => {
		const props = answerProps(matchQuestion(), {
			response: {
				matches: [
					{ left: 'Edi Rama', right: 'Analyst' },
					{ left: 'John Hultquist', right: 'Spokesman' },
					{ left: 'Edi Rama', right: 'Prime minister' }
				]
			}
		});
		render(MatchAnswer, props);
		expect(select('Edi Rama')).toHaveValue('Prime minister');
		expect(select('John Hultquist')).toHaveValue('Spokesman');
		expect(select('Nasser Kanaani')).toHaveValue('');
		expect(props.onchange).not.toHaveBeenCalled();
	});

	it('once locked, takes no input and marks each match right or gives the right one', () => {
		render(
			MatchAnswer,
			answerProps(matchQuestion(), {
				locked: true,
				response: {
					matches: [
						{ left: 'Edi Rama', right: 'Prime minister' },
						{ left: 'John Hultquist', right: 'Spokesman' }
					]
				}
			})
		);
		for (const box of screen.getAllByRole('combobox')) expect(box).toBeDisabled();
		expect(row('Edi Rama')).toHaveTextContent('✓ Right');
		expect(row('Edi Rama')).not.toHaveTextContent('Right match');
		expect(row('John Hultquist')).toHaveTextContent('✗ Right match: Analyst');
		// Left unanswered, it is wrong too, and the right match is shown.
		expect(row('Nasser Kanaani')).toHaveTextContent('✗ Right match: Spokesman');
		expect(select('John Hultquist')).toHaveValue('Spokesman');
	});

	it('renders both sides as text, never as HTML', async () => {
		const user = userEvent.setup();
		const question = matchQuestion({
			pairs: [
				{ left: HOSTILE, right: 'plain' },
				{ left: 'other', right: `${HOSTILE}!` }
			]
		});
		const { container, latest } = renderAnswer(MatchAnswer, question);
		expect(container.querySelector('img')).toBeNull();
		await user.selectOptions(select(HOSTILE), `${HOSTILE}!`);
		expect(latest()).toEqual({
			matches: [
				{ left: HOSTILE, right: `${HOSTILE}!` },
				{ left: 'other', right: null }
			]
		});
	});

	it('takes item texts named like object properties as plain items', async () => {
		const user = userEvent.setup();
		const question = matchQuestion({
			pairs: [
				{ left: 'constructor', right: 'Builder' },
				{ left: '__proto__', right: 'Parent' },
				{ left: 'toString', right: 'Text' }
			]
		});
		const { latest } = renderAnswer(MatchAnswer, question);
		for (const { left } of question.pairs) expect(select(left)).toHaveValue('');
		await user.selectOptions(select('__proto__'), 'Parent');
		await user.selectOptions(select('constructor'), 'Text');
		expect(latest()).toEqual({
			matches: [
				{ left: 'constructor', right: 'Text' },
				{ left: '__proto__', right: 'Parent' },
				{ left: 'toString', right: null }
			]
		});
		expect(select('__proto__')).toHaveValue('Parent');
		expect(select('toString')).toHaveValue('');
	});
});
