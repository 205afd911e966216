import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import TextAnswer from '$lib/components/answers/TextAnswer.svelte';
import { answerProps, HOSTILE, PROMPT_ID, renderAnswer, textQuestion } from '../fixtures';

const field = () => screen.getByRole('textbox') as HTMLInputElement;

describe('TextAnswer', () => {
	it('names the field by the prompt and "Your answer"', () => {
		const question = textQuestion();
		renderAnswer(TextAnswer, question);
		const input = screen.getByRole('textbox', { name: `${question.prompt} Your answer` });
		expect(input.getAttribute('aria-labelledby')?.split(' ')).toContain(PROMPT_ID);
		expect(input).toHaveValue('');
	});

	it('shows the question’s placeholder, or a default one', () => {
		const { unmount } = render(
			TextAnswer,
			answerProps(textQuestion({ placeholder: 'A job title' }))
		);
		expect(field()).toHaveAttribute('placeholder', 'A job title');
		unmount();
		render(TextAnswer, answerProps(textQuestion({ placeholder: undefined })));
		expect(field()).toHaveAttribute('placeholder', 'Type your answer');
	});

	it('answers by pointer with { text }', async () => {
		const user = userEvent.setup();
		const props = answerProps(textQuestion());
		render(TextAnswer, props);
		await user.click(field());
		await user.keyboard('premier');
		expect(props.onchange).toHaveBeenLastCalledWith({ text: 'premier' });
		expect(props.onchange).toHaveBeenCalledTimes('premier'.length);
	});

	it('answers by keyboard alone: Tab, type, Backspace', async () => {
		const user = userEvent.setup();
		const { latest, responses } = renderAnswer(TextAnswer, textQuestion());
		await user.tab();
		expect(field()).toHaveFocus();
		await user.keyboard('Prime minister');
		expect(latest()).toEqual({ text: 'Prime minister' });
		for (const r of responses()) expect(Object.keys(r as object)).toEqual(['text']);
		await user.keyboard('{Backspace}');
		expect(latest()).toEqual({ text: 'Prime ministe' });
		expect(field()).toHaveValue('Prime ministe');
	});

	it('keeps what is typed as typed, spaces and markup included', async () => {
		const user = userEvent.setup();
		const { container, latest } = renderAnswer(TextAnswer, textQuestion());
		await user.type(field(), `  ${HOSTILE}`);
		expect(latest()).toEqual({ text: `  ${HOSTILE}` });
		expect(container.querySelector('img')).toBeNull();
	});

	it('shows the response it is given, and follows a new one', async () => {
		const { rerender } = render(
			TextAnswer,
			answerProps(textQuestion(), { response: { text: 'premier' } })
		);
		expect(field()).toHaveValue('premier');
		await rerender({ response: { text: 'president' } });
		expect(field()).toHaveValue('president');
		await rerender({ response: undefined });
		expect(field()).toHaveValue('');
	});

	it('once locked, shows the answer given and takes no input', async () => {
		const user = userEvent.setup();
		const props = answerProps(textQuestion(), { locked: true, response: { text: 'president' } });
		render(TextAnswer, props);
		expect(field()).toBeDisabled();
		expect(field()).toHaveValue('president');
		await user.type(field(), 'x');
		expect(props.onchange).not.toHaveBeenCalled();
	});
});
