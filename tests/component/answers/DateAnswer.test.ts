import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import DateAnswer from '$lib/components/answers/DateAnswer.svelte';
import { date, daysInMonth, MONTHS } from '$lib/question-types/date';
import { isComplete, scoreResponse } from '$lib/quiz/scoring';
import { answerProps, dateQuestion, PROMPT_ID, renderAnswer } from '../fixtures';

const day = () => screen.getByRole('combobox', { name: 'Day' }) as HTMLSelectElement;
const month = () => screen.getByRole('combobox', { name: 'Month' }) as HTMLSelectElement;
const year = () => screen.getByRole('textbox', { name: 'Year' }) as HTMLInputElement;
/** The days offered, without the empty "–" choice. */
const dayChoices = () => within(day()).getAllByRole('option').length - 1;

describe('DateAnswer', () => {
	it('is a group named by the prompt and described by a hint at the precision asked', () => {
		const question = dateQuestion({ answer: '2022-07-15' });
		renderAnswer(DateAnswer, question);
		const group = screen.getByRole('group', { name: question.prompt });
		expect(group).toHaveAttribute('aria-labelledby', PROMPT_ID);
		expect(group).toHaveAccessibleDescription('Give the day, month and year.');
		expect(within(group).getByRole('combobox', { name: 'Day' })).toHaveValue('');
		expect(within(group).getByRole('combobox', { name: 'Month' })).toHaveValue('');
		expect(within(group).getByRole('textbox', { name: 'Year' })).toHaveValue('');
	});

	it('asks only for the month and year when the answer is a month', () => {
		const question = dateQuestion({ answer: '2022-07' });
		renderAnswer(DateAnswer, question);
		expect(screen.getByRole('group', { name: question.prompt })).toHaveAccessibleDescription(
			'Give the month and year.'
		);
		expect(screen.queryByRole('combobox', { name: 'Day' })).not.toBeInTheDocument();
		expect(month()).toBeInTheDocument();
		expect(year()).toBeInTheDocument();
	});

	it('asks only for the year when the answer is a year', () => {
		const question = dateQuestion({ answer: '2022' });
		renderAnswer(DateAnswer, question);
		expect(screen.getByRole('group', { name: question.prompt })).toHaveAccessibleDescription(
			'Give the year.'
		);
		expect(screen.queryAllByRole('combobox')).toHaveLength(0);
		expect(year()).toBeInTheDocument();
	});

	it('offers every month by name, numbered 1 to 12', () => {
		render(DateAnswer, answerProps(dateQuestion()));
		const options = within(month()).getAllByRole('option') as HTMLOptionElement[];
		expect(options.slice(1).map((o) => o.text)).toEqual([...MONTHS]);
		expect(options.slice(1).map((o) => Number(o.value))).toEqual(MONTHS.map((_, i) => i + 1));
	});

	it('answers by pointer with { year, month, day }', async () => {
		const user = userEvent.setup();
		const props = answerProps(dateQuestion());
		render(DateAnswer, props);
		await user.selectOptions(day(), '15');
		expect(props.onchange).toHaveBeenLastCalledWith({ year: null, month: null, day: 15 });
	});

	it('builds the whole date over several fields', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(DateAnswer, dateQuestion());
		await user.selectOptions(day(), '15');
		await user.selectOptions(month(), 'July');
		expect(latest()).toEqual({ year: null, month: 7, day: 15 });
		await user.click(year());
		await user.keyboard('2022');
		expect(latest()).toEqual({ year: 2022, month: 7, day: 15 });
		expect(day()).toHaveValue('15');
		expect(month()).toHaveValue('7');
		expect(year()).toHaveValue('2022');
	});

	it('answers by keyboard alone: Tab through the fields, choose, and type the year', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(DateAnswer, dateQuestion());
		await user.tab();
		expect(day()).toHaveFocus();
		// jsdom has no native select popup, so user-event cannot walk a select with the arrow keys;
		// selectOptions on the focused select stands in for choosing with the keyboard.
		await user.selectOptions(document.activeElement as HTMLSelectElement, '3');
		await user.tab();
		expect(month()).toHaveFocus();
		await user.selectOptions(document.activeElement as HTMLSelectElement, 'September');
		await user.tab();
		expect(year()).toHaveFocus();
		await user.keyboard('2021');
		expect(latest()).toEqual({ year: 2021, month: 9, day: 3 });
		await user.keyboard('{Backspace}');
		expect(latest()).toEqual({ year: null, month: 9, day: 3 });
	});

	it('gives no year until four digits are typed, and takes no more than four', async () => {
		const user = userEvent.setup();
		const { latest, responses } = renderAnswer(DateAnswer, dateQuestion({ answer: '2022' }));
		await user.type(year(), '202');
		expect(responses()).toHaveLength(3);
		for (const r of responses()) expect(r).toEqual({ year: null, month: null, day: null });
		await user.type(year(), '25');
		expect(year()).toHaveValue('2022');
		expect(latest()).toEqual({ year: 2022, month: null, day: null });
		await user.clear(year());
		await user.type(year(), 'abcd');
		expect(latest()).toEqual({ year: null, month: null, day: null });
	});

	it('clears a part when its empty choice is picked', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(DateAnswer, dateQuestion(), {
			initial: { year: 2022, month: 7, day: 15 }
		});
		await user.selectOptions(day(), '–');
		expect(latest()).toEqual({ year: 2022, month: 7, day: null });
		await user.selectOptions(month(), '–');
		expect(latest()).toEqual({ year: 2022, month: null, day: null });
	});

	it('offers as many days as the chosen month has', async () => {
		const user = userEvent.setup();
		renderAnswer(DateAnswer, dateQuestion());
		expect(dayChoices()).toBe(31);
		await user.selectOptions(month(), 'April');
		expect(dayChoices()).toBe(daysInMonth(2000, 4));
		await user.selectOptions(month(), 'February');
		await user.type(year(), '2023');
		expect(dayChoices()).toBe(daysInMonth(2023, 2));
		await user.clear(year());
		await user.type(year(), '2024');
		expect(dayChoices()).toBe(daysInMonth(2024, 2));
	});

	it('never reports a day the Day field does not show, when the month runs shorter', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(DateAnswer, dateQuestion());
		await user.selectOptions(day(), '31');
		await user.selectOptions(month(), 'February');
		// February has no 31st, so the field cannot show it; the response must not keep it either.
		const shown = day().value === '' ? null : Number(day().value);
		expect(latest()).toEqual({ year: null, month: 2, day: shown });
		// The day is dropped, not moved to another day.
		expect(day()).toHaveValue('');
		expect(latest()).toEqual({ year: null, month: 2, day: null });
	});

	it('never reports a day the Day field does not show, when the year is not a leap year', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(DateAnswer, dateQuestion());
		await user.selectOptions(month(), 'February');
		await user.selectOptions(day(), '29');
		await user.type(year(), '2023');
		const shown = day().value === '' ? null : Number(day().value);
		expect(latest()).toEqual({ year: 2023, month: 2, day: shown });
		expect(day()).toHaveValue('');
		expect(latest()).toEqual({ year: 2023, month: 2, day: null });
	});

	it('shows the response it is given', async () => {
		const { rerender } = render(
			DateAnswer,
			answerProps(dateQuestion(), { response: { year: 2021, month: 3, day: 9 } })
		);
		expect(day()).toHaveValue('9');
		expect(month()).toHaveValue('3');
		expect(year()).toHaveValue('2021');
		await rerender({ response: { year: 2019, month: 12, day: 31 } });
		expect(day()).toHaveValue('31');
		expect(month()).toHaveValue('12');
		expect(year()).toHaveValue('2019');
	});

	it('once locked, shows the answer given and takes no input', () => {
		render(
			DateAnswer,
			answerProps(dateQuestion(), { locked: true, response: { year: 2022, month: 7, day: 14 } })
		);
		for (const field of [day(), month(), year()]) expect(field).toBeDisabled();
		expect(day()).toHaveValue('14');
		expect(month()).toHaveValue('7');
		expect(year()).toHaveValue('2022');
	});

	describe('with part of the date given in the prompt', () => {
		it('asks only for the day when the month and year are given, showing them beside it', () => {
			const question = dateQuestion({
				prompt: 'On what day in July 2022 did the cyberattack take place?',
				answer: '2022-07-15',
				given: 'month'
			});
			renderAnswer(DateAnswer, question);
			const group = screen.getByRole('group', { name: question.prompt });
			expect(group).toHaveAccessibleDescription('Give the day in July 2022.');
			expect(within(group).getByRole('combobox', { name: 'Day' })).toHaveValue('');
			expect(screen.queryByRole('combobox', { name: 'Month' })).not.toBeInTheDocument();
			expect(screen.queryByRole('textbox', { name: 'Year' })).not.toBeInTheDocument();
			expect(within(group).getByText('July 2022')).toBeVisible();
		});

		it('answers with the day alone, which is complete and right', async () => {
			const user = userEvent.setup();
			const question = dateQuestion({ answer: '2022-07-15', given: 'month' });
			const { latest } = renderAnswer(DateAnswer, question);
			await user.selectOptions(day(), '15');
			expect(latest()).toEqual({ year: null, month: null, day: 15 });
			expect(isComplete(question, latest())).toBe(true);
			expect(scoreResponse(question, latest()).score).toBe(1);
		});

		it('offers as many days as the given month has', () => {
			renderAnswer(DateAnswer, dateQuestion({ answer: '2023-02-10', given: 'month' }));
			expect(dayChoices()).toBe(28);
		});

		it('asks for the day and month when the year is given, counting days in that year', async () => {
			const user = userEvent.setup();
			const question = dateQuestion({ answer: '2024-02-29', given: 'year' });
			const { latest } = renderAnswer(DateAnswer, question);
			expect(screen.getByRole('group', { name: question.prompt })).toHaveAccessibleDescription(
				'Give the day and month in 2024.'
			);
			expect(screen.queryByRole('textbox', { name: 'Year' })).not.toBeInTheDocument();
			await user.selectOptions(month(), 'February');
			expect(dayChoices()).toBe(29);
			await user.selectOptions(day(), '29');
			expect(latest()).toEqual({ year: null, month: 2, day: 29 });
			expect(scoreResponse(question, latest()).score).toBe(1);
		});

		it('asks only for the month when the year is given and the answer is a month', () => {
			const question = dateQuestion({ answer: '2022-07', given: 'year' });
			renderAnswer(DateAnswer, question);
			expect(screen.getByRole('group', { name: question.prompt })).toHaveAccessibleDescription(
				'Give the month in 2022.'
			);
			expect(screen.queryByRole('combobox', { name: 'Day' })).not.toBeInTheDocument();
			expect(month()).toBeInTheDocument();
			expect(screen.queryByRole('textbox', { name: 'Year' })).not.toBeInTheDocument();
		});

		it('shows the perfect response, the day alone, in its field', () => {
			const question = dateQuestion({ answer: '2022-07-15', given: 'month' });
			render(DateAnswer, answerProps(question, { response: date.perfect(question) }));
			expect(day()).toHaveValue('15');
		});

		it('once locked, shows the day given and takes no input', () => {
			render(
				DateAnswer,
				answerProps(dateQuestion({ answer: '2022-07-15', given: 'month' }), {
					locked: true,
					response: { year: null, month: null, day: 14 }
				})
			);
			expect(day()).toBeDisabled();
			expect(day()).toHaveValue('14');
			expect(screen.getByText('July 2022')).toBeInTheDocument();
		});
	});
});
