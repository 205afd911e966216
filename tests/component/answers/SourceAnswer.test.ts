import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import SourceAnswer from '$lib/components/answers/SourceAnswer.svelte';
import { checkContent } from '$lib/content/check';
import { outletOf } from '$lib/content/model';
import { attributionChoices } from '$lib/question-types/source';
import { threeOutletFiles, threeOutlets } from '../../fixtures/content/three-outlets';
import {
	answerProps,
	HOSTILE,
	PROMPT_ID,
	type QuestionOf,
	renderAnswer,
	REUTERS,
	RFERL,
	sourceQuestion,
	SOURCES
} from '../fixtures';

const optionLabel = (option: string) =>
	screen.getByText(option, { selector: '.text' }).closest('label') as HTMLElement;
const radio = (name: string) => screen.getByRole('radio', { name });

describe('SourceAnswer', () => {
	it('names the radio group by the prompt and offers each outlet, both, and neither', () => {
		const question = sourceQuestion();
		renderAnswer(SourceAnswer, question);
		const group = screen.getByRole('radiogroup', { name: question.prompt });
		expect(group).toHaveAttribute('aria-labelledby', PROMPT_ID);
		expect(
			within(group)
				.getAllByRole('radio')
				.map((r) => r.closest('label')!.textContent!.trim())
		).toEqual(['RFE/RL only', 'Reuters only', 'Both', 'Neither']);
	});

	it('says "All of them" when the story has more than two sources', async () => {
		const user = userEvent.setup();
		const sources = [...SOURCES, { id: 'ap-2022-09-07', outlet: 'AP', name: 'Associated Press' }];
		const props = answerProps(sourceQuestion(), { outlets: sources });
		render(SourceAnswer, props);
		expect(screen.queryByRole('radio', { name: 'Both' })).not.toBeInTheDocument();
		expect(radio('AP only')).toBeInTheDocument();
		await user.click(radio('All of them'));
		expect(props.onchange).toHaveBeenLastCalledWith({
			sources: [RFERL, REUTERS, 'ap-2022-09-07']
		});
	});

	it('offers "reported it" or "not reported" when the story has only one source', async () => {
		const user = userEvent.setup();
		const question = sourceQuestion();
		const { latest } = renderAnswer(SourceAnswer, question, { outlets: [SOURCES[1]!] });
		const group = screen.getByRole('radiogroup', { name: question.prompt });
		expect(
			within(group)
				.getAllByRole('radio')
				.map((r) => r.closest('label')!.textContent!.trim())
		).toEqual(['Reuters reported it', 'Not reported']);
		expect(screen.queryByRole('radio', { name: 'All of them' })).not.toBeInTheDocument();
		expect(screen.queryByRole('radio', { name: 'Both' })).not.toBeInTheDocument();
		await user.click(radio('Reuters reported it'));
		expect(latest()).toEqual({ sources: [REUTERS] });
		await user.click(radio('Not reported'));
		expect(latest()).toEqual({ sources: [] });
	});

	it('answers by pointer with { sources } listing the ids the choice stands for', async () => {
		const user = userEvent.setup();
		const props = answerProps(sourceQuestion());
		render(SourceAnswer, props);
		await user.click(radio('Reuters only'));
		expect(props.onchange).toHaveBeenLastCalledWith({ sources: [REUTERS] });
		await user.click(radio('RFE/RL only'));
		expect(props.onchange).toHaveBeenLastCalledWith({ sources: [RFERL] });
		await user.click(screen.getByText('Both'));
		expect(props.onchange).toHaveBeenLastCalledWith({ sources: [RFERL, REUTERS] });
		await user.click(radio('Neither'));
		expect(props.onchange).toHaveBeenLastCalledWith({ sources: [] });
	});

	it('answers by keyboard alone: Tab, Space and the arrow keys', async () => {
		const user = userEvent.setup();
		const { latest } = renderAnswer(SourceAnswer, sourceQuestion());
		await user.tab();
		expect(radio('RFE/RL only')).toHaveFocus();
		await user.keyboard(' ');
		expect(latest()).toEqual({ sources: [RFERL] });
		await user.keyboard('{ArrowDown}');
		expect(latest()).toEqual({ sources: [REUTERS] });
		await user.keyboard('{ArrowDown}');
		expect(latest()).toEqual({ sources: [RFERL, REUTERS] });
		expect(radio('Both')).toBeChecked();
		await user.keyboard('{ArrowDown}');
		expect(latest()).toEqual({ sources: [] });
		expect(radio('Neither')).toHaveFocus();
		await user.keyboard('{ArrowDown}');
		expect(latest()).toEqual({ sources: [RFERL] });
	});

	it('shows the response it is given, whatever the order of its ids', async () => {
		const { rerender } = render(
			SourceAnswer,
			answerProps(sourceQuestion(), { response: { sources: [REUTERS, RFERL] } })
		);
		expect(radio('Both')).toBeChecked();
		await rerender({ response: { sources: [] } });
		expect(radio('Neither')).toBeChecked();
		await rerender({ response: { sources: null } });
		for (const r of screen.getAllByRole('radio')) expect(r).not.toBeChecked();
	});

	it('once locked, takes no input and marks the right key and the wrong choice', async () => {
		const user = userEvent.setup();
		const props = answerProps(sourceQuestion({ answer: [] }), {
			locked: true,
			response: { sources: [RFERL] }
		});
		render(SourceAnswer, props);
		for (const r of screen.getAllByRole('radio')) expect(r).toBeDisabled();
		const right = optionLabel('Neither');
		expect(right).toHaveTextContent('✓');
		expect(within(right).getByText('right answer')).toHaveClass('visually-hidden');
		const wrong = optionLabel('RFE/RL only');
		expect(wrong).toHaveTextContent('✗');
		expect(within(wrong).getByText('your answer, wrong')).toHaveClass('visually-hidden');
		expect(optionLabel('Both')).not.toHaveTextContent(/[✓✗]/);
		await user.click(screen.getByText('Both'));
		expect(props.onchange).not.toHaveBeenCalled();
	});

	it('marks "Both" right when the key lists both sources in any order', () => {
		render(
			SourceAnswer,
			answerProps(sourceQuestion({ answer: [REUTERS, RFERL] }), {
				locked: true,
				response: { sources: [RFERL, REUTERS] }
			})
		);
		expect(within(optionLabel('Both')).getByText('right answer')).toBeInTheDocument();
		expect(screen.getAllByText('right answer')).toHaveLength(1);
		expect(screen.queryByText('your answer, wrong')).not.toBeInTheDocument();
	});

	it('renders outlet names as text, never as HTML', () => {
		const { container } = render(
			SourceAnswer,
			answerProps(sourceQuestion(), {
				outlets: [{ id: RFERL, outlet: HOSTILE, name: HOSTILE }, SOURCES[1]!]
			})
		);
		expect(container.querySelector('img')).toBeNull();
		expect(radio(`${HOSTILE} only`)).toBeInTheDocument();
	});

	it('offers exactly the choices a checked three-outlet story allows, and marks its key', () => {
		const { bundles, issues } = checkContent(threeOutletFiles(threeOutlets()));
		expect(issues).toEqual([]);
		const bundle = bundles[0]!;
		const outlets = bundle.sources.map(outletOf);
		const question = bundle.questions.find(
			(q): q is QuestionOf<'source'> => q.type === 'source' && q.answer.length === outlets.length
		)!;
		render(
			SourceAnswer,
			answerProps(question, { outlets, locked: true, response: { sources: [outlets[2]!.id] } })
		);
		expect(
			screen.getAllByRole('radio').map((r) =>
				r
					.closest('label')!
					.textContent!.replace(/[✓✗].*/, '')
					.trim()
			)
		).toEqual(attributionChoices(outlets).map((c) => c.label));
		expect(within(optionLabel('All of them')).getByText('right answer')).toBeInTheDocument();
		expect(within(optionLabel('Gamma only')).getByText('your answer, wrong')).toBeInTheDocument();
	});
});
