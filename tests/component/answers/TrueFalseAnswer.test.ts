import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import TrueFalseAnswer from '$lib/components/answers/TrueFalseAnswer.svelte';
import { answerProps, HOSTILE, PROMPT_ID, renderAnswer, trueFalseQuestion } from '../fixtures';

const optionLabel = (option: string) =>
	screen.getByText(option, { selector: '.text' }).closest('label') as HTMLElement;

describe('TrueFalseAnswer', () => {
	it('names the radio group by the prompt and offers True then False', () => {
		const question = trueFalseQuestion();
		renderAnswer(TrueFalseAnswer, question);
		const group = screen.getByRole('radiogroup', { name: question.prompt });
		expect(group).toHaveAttribute('aria-labelledby', PROMPT_ID);
		expect(
			within(group)
				.getAllByRole('radio')
				.map((r) => r.getAttribute('value'))
		).toEqual(['true', 'false']);
		expect(within(group).getByRole('radio', { name: 'True' })).not.toBeChecked();
		expect(within(group).getByRole('radio', { name: 'False' })).not.toBeChecked();
	});

	it('keeps True before False whatever the seed', () => {
		for (const seed of [1, 2, 3, 99]) {
			const { unmount } = render(TrueFalseAnswer, answerProps(trueFalseQuestion(), { seed }));
			expect(screen.getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual([
				'true',
				'false'
			]);
			unmount();
		}
	});

	it('answers by pointer with { value } as a boolean', async () => {
		const user = userEvent.setup();
		const props = answerProps(trueFalseQuestion());
		render(TrueFalseAnswer, props);
		await user.click(screen.getByRole('radio', { name: 'False' }));
		expect(props.onchange).toHaveBeenLastCalledWith({ value: false });
		await user.click(screen.getByText('True'));
		expect(props.onchange).toHaveBeenLastCalledWith({ value: true });
	});

	it('answers by keyboard alone: Tab, Space and the arrow keys', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(TrueFalseAnswer, trueFalseQuestion());
		await user.tab();
		expect(screen.getByRole('radio', { name: 'True' })).toHaveFocus();
		await user.keyboard(' ');
		expect(latest()).toEqual({ value: true });
		await user.keyboard('{ArrowDown}');
		expect(screen.getByRole('radio', { name: 'False' })).toHaveFocus();
		expect(screen.getByRole('radio', { name: 'False' })).toBeChecked();
		expect(latest()).toEqual({ value: false });
		await user.keyboard('{ArrowRight}');
		expect(latest()).toEqual({ value: true });
		await user.keyboard('{ArrowLeft}');
		expect(latest()).toEqual({ value: false });
	});

	it('shows the response it is given', async () => {
		const { rerender } = render(
			TrueFalseAnswer,
			answerProps(trueFalseQuestion(), { response: { value: false } })
		);
		expect(screen.getByRole('radio', { name: 'False' })).toBeChecked();
		await rerender({ response: { value: true } });
		expect(screen.getByRole('radio', { name: 'True' })).toBeChecked();
		expect(screen.getByRole('radio', { name: 'False' })).not.toBeChecked();
	});

	it('once locked, takes no input and marks the right answer and the wrong choice', async () => {
		const user = userEvent.setup();
		const props = answerProps(trueFalseQuestion({ answer: true }), {
			locked: true,
			response: { value: false }
		});
		render(TrueFalseAnswer, props);
		for (const radio of screen.getAllByRole('radio')) expect(radio).toBeDisabled();
		const right = optionLabel('True');
		expect(right).toHaveTextContent('✓');
		expect(within(right).getByText('right answer')).toHaveClass('visually-hidden');
		const wrong = optionLabel('False');
		expect(wrong).toHaveTextContent('✗');
		expect(within(wrong).getByText('your answer, wrong')).toHaveClass('visually-hidden');
		await user.click(screen.getByText('True'));
		expect(props.onchange).not.toHaveBeenCalled();
	});

	it('marks False as the right answer when the statement is false', () => {
		render(
			TrueFalseAnswer,
			answerProps(trueFalseQuestion({ answer: false }), {
				locked: true,
				response: { value: false }
			})
		);
		expect(within(optionLabel('False')).getByText('right answer')).toBeInTheDocument();
		expect(optionLabel('True')).not.toHaveTextContent(/[✓✗]/);
		expect(screen.queryByText('your answer, wrong')).not.toBeInTheDocument();
	});

	it('names the group by a prompt holding markup, as text', () => {
		const question = trueFalseQuestion({ prompt: HOSTILE });
		const { container } = renderAnswer(TrueFalseAnswer, question);
		expect(container.querySelector('img')).toBeNull();
		expect(screen.getByRole('radiogroup', { name: HOSTILE })).toBeInTheDocument();
	});
});
