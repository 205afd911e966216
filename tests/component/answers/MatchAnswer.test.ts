import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import MatchAnswer from '$lib/components/answers/MatchAnswer.svelte';
import { optionOrder } from '$lib/quiz/random';
import { answerProps, HOSTILE, matchQuestion, PROMPT_ID, renderAnswer } from '../fixtures';

/** The list of right-hand items to choose from. */
const rightList = () => screen.getByRole('list', { name: 'Matches' });
/** A left-hand item's button: every button outside the right-hand list. */
const left = (name: string) => {
	const found = screen
		.getAllByRole('button', { name })
		.filter((b) => !rightList().contains(b) && !b.closest('[aria-label="Your pairs"]'));
	expect(found).toHaveLength(1);
	return found[0]!;
};
const right = (name: string) => within(rightList()).getByRole('button', { name });
/** The right-hand items in the order they are shown. */
const shownRights = () =>
	within(rightList())
		.getAllByRole('button')
		.map((b) => b.querySelector('.text')!.textContent);
/** The pair number on an item's badge, or '' when it is not paired. */
const badgeOf = (button: HTMLElement) =>
	[...button.querySelectorAll('.badge')].map((b) => b.textContent).join(',');
/** The pairs in words, as the list below the board says them. */
const pairsInWords = () =>
	screen.queryByRole('list', { name: 'Your pairs' })
		? within(screen.getByRole('list', { name: 'Your pairs' }))
				.getAllByRole('listitem')
				.map((li) => li.textContent!.replace(/\s+/g, ' ').trim())
		: [];
const liveRegion = () => document.querySelector('[aria-live="polite"]') as HTMLElement;
/** The row of one left item once locked: its text, the match given and the verdict. */
const row = (text: string) => screen.getByText(text, { selector: '.left' }).closest('li')!;

describe('MatchAnswer', () => {
	it('shows the left items as buttons in a list named by the prompt, none paired or pressed', () => {
		const question = matchQuestion();
		renderAnswer(MatchAnswer, question);
		const list = screen.getByRole('list', { name: question.prompt });
		expect(list).toHaveAttribute('aria-labelledby', PROMPT_ID);
		expect(list).toHaveAccessibleDescription(
			'Choose an item, then its match on the other side. Choose a paired item to change its match.'
		);
		const buttons = within(list).getAllByRole('button');
		expect(buttons.map((b) => b.textContent!.trim())).toEqual(question.pairs.map((p) => p.left));
		for (const button of [...buttons, ...within(rightList()).getAllByRole('button')]) {
			expect(button).toHaveAttribute('type', 'button');
			expect(button).toHaveAttribute('aria-pressed', 'false');
			expect(button).toHaveAccessibleDescription('Not paired');
			expect(badgeOf(button)).toBe('');
		}
		expect(pairsInWords()).toEqual([]);
	});

	it('offers the right-hand items in the seeded order, the same in every render', () => {
		const question = matchQuestion();
		const rights = question.pairs.map((p) => p.right);
		const first = render(MatchAnswer, answerProps(question, { seed: 8 }));
		const shown = shownRights();
		expect(shown).toEqual(optionOrder(rights, 8, question.id));
		first.unmount();
		render(MatchAnswer, answerProps(question, { seed: 8 }));
		expect(shownRights()).toEqual(shown);
	});

	it('pairs by clicking a left item then a right one, reporting every left item in order', async () => {
		const user = userEvent.setup();
		const props = answerProps(matchQuestion());
		render(MatchAnswer, props);
		await user.click(left('John Hultquist'));
		expect(left('John Hultquist')).toHaveAttribute('aria-pressed', 'true');
		expect(props.onchange).not.toHaveBeenCalled();
		await user.click(right('Prime minister'));
		expect(props.onchange).toHaveBeenCalledTimes(1);
		expect(props.onchange).toHaveBeenLastCalledWith({
			matches: [
				{ left: 'Edi Rama', right: null },
				{ left: 'John Hultquist', right: 'Prime minister' },
				{ left: 'Nasser Kanaani', right: null }
			]
		});
		expect(left('John Hultquist')).toHaveAttribute('aria-pressed', 'false');
	});

	it('pairs in the other order too: a right item first, then a left one', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(MatchAnswer, matchQuestion());
		await user.click(right('Spokesman'));
		expect(right('Spokesman')).toHaveAttribute('aria-pressed', 'true');
		await user.click(left('Nasser Kanaani'));
		expect(latest()).toEqual({
			matches: [
				{ left: 'Edi Rama', right: null },
				{ left: 'John Hultquist', right: null },
				{ left: 'Nasser Kanaani', right: 'Spokesman' }
			]
		});
		expect(right('Spokesman')).toHaveAttribute('aria-pressed', 'false');
	});

	it('marks a pair with one shared number and says it in words, never by colour alone', async () => {
		const user = userEvent.setup();
		renderAnswer(MatchAnswer, matchQuestion());
		await user.click(left('John Hultquist'));
		await user.click(right('Spokesman'));
		await user.click(right('Prime minister'));
		await user.click(left('Edi Rama'));

		expect(badgeOf(left('Edi Rama'))).toBe('1');
		expect(badgeOf(right('Prime minister'))).toBe('1');
		expect(badgeOf(left('John Hultquist'))).toBe('2');
		expect(badgeOf(right('Spokesman'))).toBe('2');
		expect(badgeOf(left('Nasser Kanaani'))).toBe('');
		expect(badgeOf(right('Analyst'))).toBe('');

		expect(left('Edi Rama')).toHaveAccessibleDescription('Pair 1: paired with Prime minister');
		expect(right('Prime minister')).toHaveAccessibleDescription('Pair 1: paired with Edi Rama');
		expect(left('Nasser Kanaani')).toHaveAccessibleDescription('Not paired');
		expect(pairsInWords()).toEqual([
			'1 Edi Rama → paired with Prime minister',
			'2 John Hultquist → paired with Spokesman'
		]);
	});

	it('moves the selection when another item on the same side is chosen', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(MatchAnswer, matchQuestion());
		await user.click(left('Edi Rama'));
		await user.click(left('John Hultquist'));
		expect(left('Edi Rama')).toHaveAttribute('aria-pressed', 'false');
		expect(left('John Hultquist')).toHaveAttribute('aria-pressed', 'true');
		await user.click(right('Analyst'));
		expect(latest()).toEqual({
			matches: [
				{ left: 'Edi Rama', right: null },
				{ left: 'John Hultquist', right: 'Analyst' },
				{ left: 'Nasser Kanaani', right: null }
			]
		});
	});

	it('re-pairs a paired item, and frees the item whose partner it takes', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(MatchAnswer, matchQuestion());
		await user.click(left('Edi Rama'));
		await user.click(right('Prime minister'));
		await user.click(left('John Hultquist'));
		await user.click(right('Spokesman'));

		// Choosing a paired item selects it without undoing anything yet.
		await user.click(left('John Hultquist'));
		expect(left('John Hultquist')).toHaveAttribute('aria-pressed', 'true');
		expect(liveRegion()).toHaveTextContent(
			'John Hultquist selected. It is paired with Spokesman: choose a new match, or choose John Hultquist again to unpair it.'
		);
		await user.click(right('Analyst'));
		expect(latest()).toEqual({
			matches: [
				{ left: 'Edi Rama', right: 'Prime minister' },
				{ left: 'John Hultquist', right: 'Analyst' },
				{ left: 'Nasser Kanaani', right: null }
			]
		});
		expect(badgeOf(right('Spokesman'))).toBe('');

		// Giving Edi Rama's partner to Nasser Kanaani leaves Edi Rama unpaired.
		await user.click(right('Prime minister'));
		await user.click(left('Nasser Kanaani'));
		expect(latest()).toEqual({
			matches: [
				{ left: 'Edi Rama', right: null },
				{ left: 'John Hultquist', right: 'Analyst' },
				{ left: 'Nasser Kanaani', right: 'Prime minister' }
			]
		});
		expect(liveRegion()).toHaveTextContent(
			'Nasser Kanaani paired with Prime minister. Edi Rama is no longer paired.'
		);
		expect(badgeOf(right('Prime minister'))).toBe('3');
		expect(badgeOf(left('Edi Rama'))).toBe('');
	});

	it('unpairs an item chosen twice, from either side', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(MatchAnswer, matchQuestion());
		await user.click(left('Edi Rama'));
		await user.click(right('Prime minister'));
		await user.click(left('John Hultquist'));
		await user.click(right('Analyst'));

		await user.click(left('Edi Rama'));
		await user.click(left('Edi Rama'));
		expect(latest()).toEqual({
			matches: [
				{ left: 'Edi Rama', right: null },
				{ left: 'John Hultquist', right: 'Analyst' },
				{ left: 'Nasser Kanaani', right: null }
			]
		});
		expect(left('Edi Rama')).toHaveAttribute('aria-pressed', 'false');
		expect(liveRegion()).toHaveTextContent('Edi Rama and Prime minister unpaired.');

		await user.click(right('Analyst'));
		await user.click(right('Analyst'));
		expect(latest()).toEqual({
			matches: [
				{ left: 'Edi Rama', right: null },
				{ left: 'John Hultquist', right: null },
				{ left: 'Nasser Kanaani', right: null }
			]
		});
		expect(pairsInWords()).toEqual([]);
	});

	it('lets go of an unpaired item chosen twice without reporting a change', async () => {
		const user = userEvent.setup();
		const props = answerProps(matchQuestion());
		render(MatchAnswer, props);
		await user.click(left('Edi Rama'));
		await user.click(left('Edi Rama'));
		expect(left('Edi Rama')).toHaveAttribute('aria-pressed', 'false');
		expect(liveRegion()).toHaveTextContent('Edi Rama is no longer selected.');
		expect(props.onchange).not.toHaveBeenCalled();
	});

	it('announces each step politely', async () => {
		const user = userEvent.setup();
		renderAnswer(MatchAnswer, matchQuestion());
		const live = liveRegion();
		expect(live).toHaveAttribute('aria-live', 'polite');
		expect(live.textContent).toBe('');
		await user.click(left('Edi Rama'));
		expect(live).toHaveTextContent('Edi Rama selected. Now choose its match.');
		await user.click(right('Prime minister'));
		expect(live).toHaveTextContent('Edi Rama paired with Prime minister.');
	});

	it('answers by keyboard alone: Tab to each button, Enter or Space to choose it', async () => {
		const user = userEvent.setup();
		const question = matchQuestion();
		const { latest } = renderAnswer(MatchAnswer, question);
		const order = [
			...question.pairs.map((p) => left(p.left)),
			...within(rightList()).getAllByRole('button')
		];
		for (const button of order) {
			await user.tab();
			expect(button).toHaveFocus();
		}

		/** Tab (or Shift+Tab) until the button has focus, as a keyboard user would. */
		const tabTo = async (button: HTMLElement) => {
			for (let i = 0; i < order.length && document.activeElement !== button; i++) {
				const back =
					button.compareDocumentPosition(document.activeElement!) &
					Node.DOCUMENT_POSITION_FOLLOWING;
				await user.tab({ shift: Boolean(back) });
			}
			expect(button).toHaveFocus();
		};
		// The first pair left item first, with Enter; the others right item first, with Space.
		const [first, ...rest] = question.pairs;
		await tabTo(left(first!.left));
		await user.keyboard('{Enter}');
		expect(left(first!.left)).toHaveAttribute('aria-pressed', 'true');
		await tabTo(right(first!.right));
		await user.keyboard('{Enter}');
		for (const pair of rest) {
			await tabTo(right(pair.right));
			await user.keyboard(' ');
			expect(right(pair.right)).toHaveAttribute('aria-pressed', 'true');
			await tabTo(left(pair.left));
			await user.keyboard(' ');
		}
		expect(latest()).toEqual({
			matches: question.pairs.map((p) => ({ left: p.left, right: p.right }))
		});
	});

	it('lets go of the selection with Escape', async () => {
		const user = userEvent.setup();
		const props = answerProps(matchQuestion());
		render(MatchAnswer, props);
		left('John Hultquist').focus();
		await user.keyboard('{Enter}');
		expect(left('John Hultquist')).toHaveAttribute('aria-pressed', 'true');
		await user.keyboard('{Escape}');
		expect(left('John Hultquist')).toHaveAttribute('aria-pressed', 'false');
		expect(liveRegion()).toHaveTextContent('John Hultquist is no longer selected.');
		await user.click(right('Analyst'));
		expect(right('Analyst')).toHaveAttribute('aria-pressed', 'true');
		expect(props.onchange).not.toHaveBeenCalled();
	});

	it('shows the matches it is given', async () => {
		const { rerender } = render(
			MatchAnswer,
			answerProps(matchQuestion(), {
				response: { matches: [{ left: 'Nasser Kanaani', right: 'Analyst' }] }
			})
		);
		expect(badgeOf(left('Nasser Kanaani'))).toBe('3');
		expect(badgeOf(right('Analyst'))).toBe('3');
		expect(badgeOf(left('Edi Rama'))).toBe('');
		await rerender({
			response: {
				matches: [
					{ left: 'Nasser Kanaani', right: null },
					{ left: 'Edi Rama', right: 'Spokesman' }
				]
			}
		});
		expect(badgeOf(left('Edi Rama'))).toBe('1');
		expect(badgeOf(right('Spokesman'))).toBe('1');
		expect(badgeOf(left('Nasser Kanaani'))).toBe('');
		expect(pairsInWords()).toEqual(['1 Edi Rama → paired with Spokesman']);
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
		expect(left('Edi Rama')).toHaveAccessibleDescription('Pair 1: paired with Prime minister');
		expect(left('John Hultquist')).toHaveAccessibleDescription('Pair 2: paired with Spokesman');
		expect(left('Nasser Kanaani')).toHaveAccessibleDescription('Not paired');
		expect(badgeOf(right('Analyst'))).toBe('');
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
		expect(screen.queryAllByRole('button')).toEqual([]);
		expect(document.querySelector('[aria-live]')).toBeNull();
		expect(row('Edi Rama')).toHaveTextContent('Your match: Prime minister');
		expect(row('Edi Rama')).toHaveTextContent('✓ Right');
		expect(row('Edi Rama')).not.toHaveTextContent('Right match');
		expect(row('John Hultquist')).toHaveTextContent('Your match: Spokesman');
		expect(row('John Hultquist')).toHaveTextContent('✗ Right match: Analyst');
		// Left unanswered, it is wrong too, and the right match is shown.
		expect(row('Nasser Kanaani')).toHaveTextContent('Your match: none');
		expect(row('Nasser Kanaani')).toHaveTextContent('✗ Right match: Spokesman');
	});

	it('shows long names whole, on the buttons, in the pairs and once locked', async () => {
		const user = userEvent.setup();
		const longLeft =
			'Ismail Qaani, commander of the Quds Force of the Islamic Revolutionary Guard Corps';
		const longRight =
			'Head of the foreign operations branch that the United States and others have sanctioned';
		const question = matchQuestion({
			pairs: [
				{ left: longLeft, right: longRight },
				{ left: 'Edi Rama', right: 'Prime minister' }
			]
		});
		const { latest, unmount } = renderAnswer(MatchAnswer, question);
		for (const [button, text] of [
			[left(longLeft), longLeft],
			[right(longRight), longRight]
		] as const) {
			expect(button.querySelector('.text')!.textContent!.trim()).toBe(text);
			expect(button).toHaveAccessibleName(text);
			expect(button.textContent).not.toContain('…');
			expect(button).not.toHaveAttribute('title');
		}
		await user.click(left(longLeft));
		await user.click(right(longRight));
		expect(latest()).toEqual({
			matches: [
				{ left: longLeft, right: longRight },
				{ left: 'Edi Rama', right: null }
			]
		});
		expect(pairsInWords()).toEqual([`1 ${longLeft} → paired with ${longRight}`]);
		expect(liveRegion()).toHaveTextContent(`${longLeft} paired with ${longRight}.`);
		unmount();

		render(MatchAnswer, answerProps(question, { locked: true, response: latest() as never }));
		expect(row(longLeft)).toHaveTextContent(`Your match: ${longRight}`);
		expect(row(longLeft)).toHaveTextContent('✓ Right');
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
		await user.click(left(HOSTILE));
		await user.click(right(`${HOSTILE}!`));
		expect(container.querySelector('img')).toBeNull();
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
		for (const { left: l } of question.pairs)
			expect(left(l)).toHaveAccessibleDescription('Not paired');
		await user.click(left('__proto__'));
		await user.click(right('Parent'));
		await user.click(right('Text'));
		await user.click(left('constructor'));
		expect(latest()).toEqual({
			matches: [
				{ left: 'constructor', right: 'Text' },
				{ left: '__proto__', right: 'Parent' },
				{ left: 'toString', right: null }
			]
		});
		expect(left('toString')).toHaveAccessibleDescription('Not paired');
	});
});
