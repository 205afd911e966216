import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import OrderAnswer from '$lib/components/answers/OrderAnswer.svelte';
import { optionOrder } from '$lib/quiz/random';
import { startingResponse } from '$lib/quiz/scoring';
import { answerProps, HOSTILE, orderQuestion, PROMPT_ID, renderAnswer } from '../fixtures';

const up = (item: string) => screen.getByRole('button', { name: `Move “${item}” up` });
const down = (item: string) => screen.getByRole('button', { name: `Move “${item}” down` });

/** The items as shown, top to bottom. */
const shownOrder = () =>
	screen
		.getAllByRole('listitem')
		.map((li) => li.querySelector('.text')!.childNodes[0]!.textContent!.trim());

/** Seeds (from 0) for which the plain seeded shuffle leaves the items exactly as written. */
function unshuffledSeeds(items: string[], id: string, tries = 400): number[] {
	return Array.from({ length: tries }, (_, seed) => seed).filter(
		(seed) => optionOrder(items, seed, id).join('\n') === items.join('\n')
	);
}

describe('OrderAnswer', () => {
	it('is a list named by the prompt and described by the hint', () => {
		const question = orderQuestion();
		renderAnswer(OrderAnswer, question);
		const list = screen.getByRole('list', { name: question.prompt });
		expect(list).toHaveAttribute('aria-labelledby', PROMPT_ID);
		expect(list).toHaveAccessibleDescription(/Put these in order, earliest first/);
		expect(within(list).getAllByRole('listitem')).toHaveLength(question.items.length);
	});

	it('names each move button after its item and direction', () => {
		const question = orderQuestion();
		renderAnswer(OrderAnswer, question);
		for (const item of question.items) {
			expect(up(item)).toBeInTheDocument();
			expect(down(item)).toBeInTheDocument();
		}
		expect(screen.getAllByRole('button')).toHaveLength(question.items.length * 2);
	});

	it('starts in the seeded shuffle, which is already a full response, and reports nothing yet', () => {
		const question = orderQuestion();
		// A seed whose shuffle moves something, so the order shown is the shuffle itself.
		const seed = [1, 2, 3, 4, 5].find(
			(s) => optionOrder(question.items, s, question.id).join('\n') !== question.items.join('\n')
		)!;
		const { responses } = renderAnswer(OrderAnswer, question, { seed });
		expect(shownOrder()).toEqual(optionOrder(question.items, seed, question.id));
		// The quiz starts the draft there (startingResponse), so Check works at once.
		expect(startingResponse(question, seed)).toEqual({ order: shownOrder() });
		expect(responses()).toHaveLength(0);
	});

	it('gives the same starting order for the same seed, and another for another seed', () => {
		const question = orderQuestion();
		const first = render(OrderAnswer, answerProps(question, { seed: 21 }));
		const shown = shownOrder();
		first.unmount();
		render(OrderAnswer, answerProps(question, { seed: 21 }));
		expect(shownOrder()).toEqual(shown);
		expect([...shown].sort()).toEqual([...question.items].sort());

		const orders = new Set<string>();
		for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
			const { unmount } = render(OrderAnswer, answerProps(question, { seed }));
			orders.add(shownOrder().join('\n'));
			unmount();
		}
		expect(orders.size).toBeGreaterThan(1);
	});

	it('never starts in the right order, even when the shuffle leaves it unchanged', () => {
		const question = orderQuestion({ items: ['first', 'second', 'third'] });
		const seeds = unshuffledSeeds(question.items, question.id);
		expect(seeds.length).toBeGreaterThan(0);
		for (const seed of seeds.slice(0, 5)) {
			const { unmount } = renderAnswer(OrderAnswer, question, { seed });
			const shown = shownOrder();
			expect(shown).not.toEqual(question.items);
			expect([...shown].sort()).toEqual([...question.items].sort());
			expect(startingResponse(question, seed)).toEqual({ order: shown });
			unmount();
			const again = render(OrderAnswer, answerProps(question, { seed }));
			expect(shownOrder()).toEqual(shown);
			again.unmount();
		}
	});

	it('disables Up on the first item and Down on the last, and nothing else', () => {
		renderAnswer(OrderAnswer, orderQuestion());
		const shown = shownOrder();
		shown.forEach((item, i) => {
			if (i === 0) expect(up(item)).toBeDisabled();
			else expect(up(item)).toBeEnabled();
			if (i === shown.length - 1) expect(down(item)).toBeDisabled();
			else expect(down(item)).toBeEnabled();
		});
	});

	it('moves an item by pointer and reports { order }', async () => {
		const user = userEvent.setup();
		const question = orderQuestion();
		const props = answerProps(question, { response: undefined });
		render(OrderAnswer, props);
		const [a, b, c, d] = shownOrder();
		await user.click(down(a!));
		expect(props.onchange).toHaveBeenLastCalledWith({ order: [b, a, c, d] });
		await user.click(up(d!));
		expect(props.onchange).toHaveBeenLastCalledWith({ order: [a, b, d, c] });
	});

	it('follows the moves, keeps the ends disabled, and says where the item went', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(OrderAnswer, orderQuestion());
		const [a, b, c, d] = shownOrder();
		await user.click(down(a!));
		expect(shownOrder()).toEqual([b, a, c, d]);
		expect(latest()).toEqual({ order: [b, a, c, d] });
		expect(up(b!)).toBeDisabled();
		expect(up(a!)).toBeEnabled();
		expect(screen.getByText(`${a} moved to position 2 of 4.`)).toHaveAttribute(
			'aria-live',
			'polite'
		);
		await user.click(down(a!));
		await user.click(down(a!));
		expect(shownOrder()).toEqual([b, c, d, a]);
		expect(down(a!)).toBeDisabled();
		expect(down(d!)).toBeEnabled();
		expect(screen.getByText(`${a} moved to position 4 of 4.`)).toBeInTheDocument();
	});

	it('keeps focus on the moved item’s button, and on its other button at an end', async () => {
		const user = userEvent.setup();
		renderAnswer(OrderAnswer, orderQuestion());
		const [a, b, c, d] = shownOrder();
		await user.click(up(d!));
		await waitFor(() => expect(up(d!)).toHaveFocus());
		await user.click(up(d!));
		await waitFor(() => expect(up(d!)).toHaveFocus());
		await user.click(up(d!));
		expect(shownOrder()).toEqual([d, a, b, c]);
		// Up is now disabled for it, so focus goes to its Down.
		await waitFor(() => expect(down(d!)).toHaveFocus());
		await user.click(down(a!));
		expect(shownOrder()).toEqual([d, b, a, c]);
		await waitFor(() => expect(down(a!)).toHaveFocus());
		await user.click(down(b!));
		await waitFor(() => expect(down(b!)).toHaveFocus());
		await user.click(down(b!));
		expect(shownOrder()).toEqual([d, a, c, b]);
		// Down is now disabled for it, so focus goes to its Up.
		await waitFor(() => expect(up(b!)).toHaveFocus());
	});

	it('answers by keyboard alone: Tab to a move button, Enter and Space move the item', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(OrderAnswer, orderQuestion());
		const [a, b, c, d] = shownOrder();

		await user.tab();
		// The first item's Up is disabled, so the first stop is its Down.
		expect(down(a!)).toHaveFocus();
		await user.keyboard('{Enter}');
		expect(latest()).toEqual({ order: [b, a, c, d] });
		await waitFor(() => expect(down(a!)).toHaveFocus());
		await user.keyboard(' ');
		expect(latest()).toEqual({ order: [b, c, a, d] });
		await waitFor(() => expect(down(a!)).toHaveFocus());
		await user.keyboard('{Enter}');
		expect(latest()).toEqual({ order: [b, c, d, a] });
		await waitFor(() => expect(up(a!)).toHaveFocus());
		await user.keyboard(' ');
		expect(latest()).toEqual({ order: [b, c, a, d] });
		await waitFor(() => expect(up(a!)).toHaveFocus());
		expect(shownOrder()).toEqual([b, c, a, d]);
	});

	it('reaches the right order by the move buttons alone', async () => {
		const user = userEvent.setup();
		const question = orderQuestion();
		const { latest } = renderAnswer(OrderAnswer, question);
		// Put each item in its place in turn, moving it up from wherever it stands.
		for (const [place, item] of question.items.entries()) {
			while (shownOrder().indexOf(item) > place) await user.click(up(item));
		}
		expect(shownOrder()).toEqual(question.items);
		expect(latest()).toEqual({ order: question.items });
	});

	it('shows the order it is given', async () => {
		const question = orderQuestion();
		const given = [...question.items].reverse();
		const props = answerProps(question, { response: { order: given } });
		const { rerender } = render(OrderAnswer, props);
		expect(shownOrder()).toEqual(given);
		expect(props.onchange).not.toHaveBeenCalled();
		await rerender({ response: { order: question.items } });
		expect(shownOrder()).toEqual(question.items);
	});

	it('once locked, has no move buttons and marks where each misplaced item belongs', () => {
		const question = orderQuestion();
		const [w, x, y, z] = question.items as [string, string, string, string];
		const props = answerProps(question, { locked: true, response: { order: [w, y, x, z] } });
		render(OrderAnswer, props);
		expect(screen.queryAllByRole('button')).toHaveLength(0);
		expect(props.onchange).not.toHaveBeenCalled();
		const rows = screen.getAllByRole('listitem');
		expect(rows[0]).not.toHaveTextContent('belongs at');
		expect(rows[1]).toHaveTextContent(`${y} (belongs at 3)`);
		expect(rows[2]).toHaveTextContent(`${x} (belongs at 2)`);
		expect(rows[3]).not.toHaveTextContent('belongs at');
		expect(rows[0]).toHaveClass('right');
		expect(rows[1]).toHaveClass('wrong');
	});

	it('renders items as text, never as HTML', async () => {
		const user = userEvent.setup();
		const question = orderQuestion({ items: ['one', HOSTILE, 'three'] });
		const { container, latest } = renderAnswer(OrderAnswer, question);
		expect(container.querySelector('img')).toBeNull();
		expect(screen.getByText(HOSTILE)).toBeInTheDocument();
		const before = shownOrder();
		const at = before.indexOf(HOSTILE);
		const button = at === 0 ? down(HOSTILE) : up(HOSTILE);
		await user.click(button);
		const moved = [...before];
		const to = at === 0 ? 1 : at - 1;
		[moved[at], moved[to]] = [moved[to]!, moved[at]!];
		expect(latest()).toEqual({ order: moved });
	});
});
