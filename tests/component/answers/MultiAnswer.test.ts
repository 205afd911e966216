import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import MultiAnswer from '$lib/components/answers/MultiAnswer.svelte';
import { optionOrder } from '$lib/quiz/random';
import { answerProps, HOSTILE, multiQuestion, PROMPT_ID, renderAnswer } from '../fixtures';

const HINT = 'Choose every answer that fits.';

const boxValues = () =>
	screen.getAllByRole('checkbox').map((box) => (box as HTMLInputElement).value);

const optionLabel = (option: string) =>
	screen.getByText(option, { selector: '.text' }).closest('label') as HTMLElement;

describe('MultiAnswer', () => {
	it('names the group by the prompt and the hint, and each checkbox by its option', () => {
		const question = multiQuestion();
		renderAnswer(MultiAnswer, question);
		const group = screen.getByRole('group', { name: `${question.prompt} ${HINT}` });
		expect(group.getAttribute('aria-labelledby')?.split(' ')).toContain(PROMPT_ID);
		for (const option of question.options)
			expect(within(group).getByRole('checkbox', { name: option })).not.toBeChecked();
		expect(within(group).getAllByRole('checkbox')).toHaveLength(question.options.length);
	});

	it('shows the options in the order the seed gives, the same on every render', () => {
		const question = multiQuestion();
		const first = render(MultiAnswer, answerProps(question, { seed: 5 }));
		const shown = boxValues();
		expect(shown).toEqual(optionOrder(question.options, 5, question.id));
		first.unmount();
		render(MultiAnswer, answerProps(question, { seed: 5 }));
		expect(boxValues()).toEqual(shown);
	});

	it('answers by pointer with { choices }', async () => {
		const user = userEvent.setup();
		const props = answerProps(multiQuestion());
		render(MultiAnswer, props);
		await user.click(screen.getByRole('checkbox', { name: 'NATO' }));
		expect(props.onchange).toHaveBeenLastCalledWith({ choices: ['NATO'] });
	});

	it('adds and removes choices over several clicks', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(MultiAnswer, multiQuestion());
		await user.click(screen.getByRole('checkbox', { name: 'Microsoft' }));
		await user.click(screen.getByText('Mandiant'));
		expect(latest()).toEqual({ choices: ['Microsoft', 'Mandiant'] });
		expect(screen.getByRole('checkbox', { name: 'Microsoft' })).toBeChecked();
		expect(screen.getByRole('checkbox', { name: 'Mandiant' })).toBeChecked();
		await user.click(screen.getByRole('checkbox', { name: 'Microsoft' }));
		expect(latest()).toEqual({ choices: ['Mandiant'] });
		expect(screen.getByRole('checkbox', { name: 'Microsoft' })).not.toBeChecked();
		await user.click(screen.getByRole('checkbox', { name: 'Mandiant' }));
		expect(latest()).toEqual({ choices: [] });
	});

	it('answers by keyboard alone: Tab between boxes, Space to tick and untick', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(MultiAnswer, multiQuestion());
		const shown = boxValues();
		const boxes = screen.getAllByRole('checkbox');

		await user.tab();
		expect(boxes[0]).toHaveFocus();
		await user.keyboard(' ');
		expect(latest()).toEqual({ choices: [shown[0]] });
		await user.tab();
		expect(boxes[1]).toHaveFocus();
		await user.keyboard(' ');
		expect(latest()).toEqual({ choices: [shown[0], shown[1]] });
		await user.keyboard(' ');
		expect(latest()).toEqual({ choices: [shown[0]] });
		await user.tab({ shift: true });
		expect(boxes[0]).toHaveFocus();
		await user.keyboard(' ');
		expect(latest()).toEqual({ choices: [] });
	});

	it('shows the choices it is given', async () => {
		const question = multiQuestion();
		const { rerender } = render(
			MultiAnswer,
			answerProps(question, { response: { choices: ['Google', 'the FBI'] } })
		);
		expect(screen.getByRole('checkbox', { name: 'Google' })).toBeChecked();
		expect(screen.getByRole('checkbox', { name: 'the FBI' })).toBeChecked();
		expect(screen.getByRole('checkbox', { name: 'NATO' })).not.toBeChecked();
		await rerender({ response: { choices: [] } });
		for (const box of screen.getAllByRole('checkbox')) expect(box).not.toBeChecked();
	});

	it('once locked, takes no input and marks every right answer and each wrong choice', async () => {
		const user = userEvent.setup();
		const props = answerProps(multiQuestion(), {
			locked: true,
			response: { choices: ['Microsoft', 'NATO'] }
		});
		render(MultiAnswer, props);
		for (const box of screen.getAllByRole('checkbox')) expect(box).toBeDisabled();

		for (const right of ['Microsoft', 'Mandiant']) {
			const label = optionLabel(right);
			expect(label).toHaveTextContent('✓');
			expect(within(label).getByText('right answer')).toHaveClass('visually-hidden');
		}
		const wrong = optionLabel('NATO');
		expect(wrong).toHaveTextContent('✗');
		expect(within(wrong).getByText('your answer, wrong')).toHaveClass('visually-hidden');
		for (const other of ['Google', 'the FBI'])
			expect(optionLabel(other)).not.toHaveTextContent(/[✓✗]|right answer|wrong/);

		await user.click(screen.getByText('Google'));
		expect(props.onchange).not.toHaveBeenCalled();
	});

	it('renders options as text, never as HTML', async () => {
		const user = userEvent.setup();
		const question = multiQuestion({ options: ['a', 'b', HOSTILE], answers: ['a'] });
		const { container, latest } = renderAnswer(MultiAnswer, question);
		expect(container.querySelector('img')).toBeNull();
		await user.click(screen.getByRole('checkbox', { name: HOSTILE }));
		expect(latest()).toEqual({ choices: [HOSTILE] });
	});
});
