import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import NumberAnswer from '$lib/components/answers/NumberAnswer.svelte';
import { answerProps, numberQuestion, PROMPT_ID, renderAnswer } from '../fixtures';

const field = () => screen.getByRole('textbox') as HTMLInputElement;

describe('NumberAnswer', () => {
	it('names the field by the prompt and "Your answer", and shows the unit', () => {
		const question = numberQuestion({ unit: 'hours' });
		renderAnswer(NumberAnswer, question);
		const input = screen.getByRole('textbox', { name: `${question.prompt} Your answer` });
		expect(input.getAttribute('aria-labelledby')?.split(' ')).toContain(PROMPT_ID);
		expect(input).toHaveAttribute('inputmode', 'decimal');
		expect(input).toHaveValue('');
		expect(screen.getByText('hours')).toBeInTheDocument();
	});

	it('shows no unit when the question has none', () => {
		const { container } = render(NumberAnswer, answerProps(numberQuestion({ unit: undefined })));
		expect(container.querySelector('.unit')).toBeNull();
	});

	it('answers by pointer with { value } as a number', async () => {
		const user = userEvent.setup();
		const props = answerProps(numberQuestion());
		render(NumberAnswer, props);
		await user.click(field());
		await user.keyboard('24');
		expect(props.onchange).toHaveBeenLastCalledWith({ value: 24 });
	});

	it.each([
		['3000', 3000],
		['3,000', 3000],
		['3 000', 3000],
		['1.5', 1.5],
		['-12', -12],
		['0', 0]
	])('reads "%s" as %d', async (typed, value) => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(NumberAnswer, numberQuestion());
		await user.type(field(), typed);
		expect(latest()).toEqual({ value });
		expect(field()).toHaveValue(typed);
	});

	it.each(['abc', '12abc', '1.2.3', '-', '3 hours'])('gives no number for "%s"', async (typed) => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(NumberAnswer, numberQuestion());
		await user.type(field(), typed);
		expect(latest()).toEqual({ value: null });
		expect(field()).toHaveValue(typed);
	});

	it('answers by keyboard alone: Tab, type, Backspace', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(NumberAnswer, numberQuestion());
		await user.tab();
		expect(field()).toHaveFocus();
		await user.keyboard('245');
		expect(latest()).toEqual({ value: 245 });
		await user.keyboard('{Backspace}');
		expect(latest()).toEqual({ value: 24 });
		expect(field()).toHaveValue('24');
		await user.keyboard('{Backspace}{Backspace}');
		expect(latest()).toEqual({ value: null });
		expect(field()).toHaveValue('');
	});

	it('shows the response it is given, and follows a new one', async () => {
		const { rerender } = render(
			NumberAnswer,
			answerProps(numberQuestion(), { response: { value: 1500 } })
		);
		expect(field()).toHaveValue('1500');
		await rerender({ response: { value: 7 } });
		expect(field()).toHaveValue('7');
	});

	it('once locked, shows the answer given and takes no input', async () => {
		const user = userEvent.setup();
		const props = answerProps(numberQuestion(), { locked: true, response: { value: 36 } });
		render(NumberAnswer, props);
		expect(field()).toBeDisabled();
		expect(field()).toHaveValue('36');
		await user.type(field(), '1');
		expect(props.onchange).not.toHaveBeenCalled();
	});
});
