import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import SingleAnswer from '$lib/components/answers/SingleAnswer.svelte';
import { optionOrder } from '$lib/quiz/random';
import { answerProps, HOSTILE, PROMPT_ID, renderAnswer, singleQuestion } from '../fixtures';

const radioValues = () =>
	screen.getAllByRole('radio').map((radio) => (radio as HTMLInputElement).value);

/** The label of one option: its text, its radio and, once locked, its mark. */
const optionLabel = (option: string) =>
	screen.getByText(option, { selector: '.text' }).closest('label') as HTMLElement;

describe('SingleAnswer', () => {
	it('names the radio group by the prompt and each radio by its option', () => {
		const question = singleQuestion();
		renderAnswer(SingleAnswer, question);
		const group = screen.getByRole('radiogroup', { name: question.prompt });
		expect(group).toHaveAttribute('aria-labelledby', PROMPT_ID);
		for (const option of question.options)
			expect(within(group).getByRole('radio', { name: option })).toHaveAttribute(
				'name',
				question.id
			);
		expect(within(group).getAllByRole('radio')).toHaveLength(question.options.length);
	});

	it('shows the options in the order the seed gives, the same on every render', () => {
		const question = singleQuestion();
		const first = render(SingleAnswer, answerProps(question, { seed: 11 }));
		const shown = radioValues();
		expect(shown).toEqual(optionOrder(question.options, 11, question.id));
		first.unmount();
		render(SingleAnswer, answerProps(question, { seed: 11 }));
		expect(radioValues()).toEqual(shown);
	});

	it('uses the seed: another seed can give another order', () => {
		const question = singleQuestion();
		const base = optionOrder(question.options, 1, question.id);
		const other = Array.from({ length: 50 }, (_, i) => i + 2).find(
			(seed) => optionOrder(question.options, seed, question.id).join() !== base.join()
		);
		expect(other).toBeDefined();
		render(SingleAnswer, answerProps(question, { seed: other! }));
		expect(radioValues()).toEqual(optionOrder(question.options, other!, question.id));
		expect(radioValues()).not.toEqual(base);
	});

	it('answers by pointer with { choice }', async () => {
		const user = userEvent.setup();
		const props = answerProps(singleQuestion());
		render(SingleAnswer, props);
		await user.click(screen.getByRole('radio', { name: 'Russia' }));
		expect(props.onchange).toHaveBeenLastCalledWith({ choice: 'Russia' });
		await user.click(screen.getByText('Iran'));
		expect(props.onchange).toHaveBeenLastCalledWith({ choice: 'Iran' });
		expect(props.onchange).toHaveBeenCalledTimes(2);
	});

	it('answers by keyboard alone: Tab, Space and the arrow keys', async () => {
		const user = userEvent.setup();
		const question = singleQuestion();
		const { latest } = renderAnswer(SingleAnswer, question);
		const shown = radioValues();
		const radios = screen.getAllByRole('radio');

		await user.tab();
		expect(radios[0]).toHaveFocus();
		await user.keyboard(' ');
		expect(latest()).toEqual({ choice: shown[0] });
		await user.keyboard('{ArrowDown}');
		expect(radios[1]).toHaveFocus();
		expect(radios[1]).toBeChecked();
		expect(latest()).toEqual({ choice: shown[1] });
		await user.keyboard('{ArrowUp}{ArrowUp}');
		expect(latest()).toEqual({ choice: shown.at(-1) });
		expect(radios.at(-1)).toBeChecked();
		expect(radios[0]).not.toBeChecked();
	});

	it('shows the response it is given, and follows a new one', async () => {
		const question = singleQuestion();
		const { rerender } = render(
			SingleAnswer,
			answerProps(question, { response: { choice: 'China' } })
		);
		expect(screen.getByRole('radio', { name: 'China' })).toBeChecked();
		await rerender({ response: { choice: 'Belarus' } });
		expect(screen.getByRole('radio', { name: 'Belarus' })).toBeChecked();
		expect(screen.getByRole('radio', { name: 'China' })).not.toBeChecked();
		await rerender({ response: { choice: null } });
		for (const radio of screen.getAllByRole('radio')) expect(radio).not.toBeChecked();
	});

	it('once locked, takes no input and marks the right answer and the wrong choice', async () => {
		const user = userEvent.setup();
		const question = singleQuestion();
		const props = answerProps(question, { locked: true, response: { choice: 'Russia' } });
		render(SingleAnswer, props);
		for (const radio of screen.getAllByRole('radio')) expect(radio).toBeDisabled();

		const right = optionLabel('Iran');
		expect(right).toHaveTextContent('✓');
		expect(within(right).getByText('right answer')).toHaveClass('visually-hidden');
		const wrong = optionLabel('Russia');
		expect(wrong).toHaveTextContent('✗');
		expect(within(wrong).getByText('your answer, wrong')).toHaveClass('visually-hidden');
		expect(within(wrong).getByRole('radio')).toBeChecked();
		for (const other of ['China', 'North Korea', 'Belarus'])
			expect(optionLabel(other)).not.toHaveTextContent(/[✓✗]|right answer|wrong/);

		await user.click(screen.getByText('China'));
		expect(props.onchange).not.toHaveBeenCalled();
	});

	it('once locked with the right choice, marks it right and nothing wrong', () => {
		render(
			SingleAnswer,
			answerProps(singleQuestion(), { locked: true, response: { choice: 'Iran' } })
		);
		expect(within(optionLabel('Iran')).getByText('right answer')).toBeInTheDocument();
		expect(screen.queryByText('your answer, wrong')).not.toBeInTheDocument();
		expect(screen.getAllByText('right answer')).toHaveLength(1);
	});

	it('renders options as text, never as HTML', async () => {
		const user = userEvent.setup();
		const question = singleQuestion({ options: ['Iran', HOSTILE], prompt: `Pick ${HOSTILE}` });
		const { container, latest } = renderAnswer(SingleAnswer, question);
		expect(container.querySelector('img')).toBeNull();
		expect(screen.getByText(HOSTILE)).toBeInTheDocument();
		expect(screen.getByRole('radiogroup', { name: `Pick ${HOSTILE}` })).toBeInTheDocument();
		await user.click(screen.getByRole('radio', { name: HOSTILE }));
		expect(latest()).toEqual({ choice: HOSTILE });
	});
});
