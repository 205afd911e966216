import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { QuizSession, type SessionDeps } from '$lib/app/quiz-session.svelte';
import type { Question } from '$lib/content/model';
import type { Answer, Attempt, Banks } from '$lib/quiz/attempt';
import { perfectResponse, scoreResponse } from '$lib/quiz/scoring';
import { MemoryProgressStore } from '$lib/storage/progress-store';
import Results from '../../src/routes/quiz/Results.svelte';
import {
	matchQuestion,
	multiQuestion,
	singleQuestion,
	SOURCES,
	textQuestion,
	trueFalseQuestion
} from './fixtures';

const { goto } = vi.hoisted(() => ({ goto: vi.fn(async () => {}) }));
vi.mock('$app/navigation', () => ({ goto }));

const STORY_A = 'story-a';
const STORY_B = 'story-b';

// Two questions in "Dates and numbers", one each in "Sources", "People and organisations" and "Quotes".
const single = singleQuestion();
const truefalse = trueFalseQuestion();
const multi = multiQuestion();
const match = matchQuestion();
const text = textQuestion();
const otherStory = singleQuestion({ id: 'b-single', prompt: 'A question of the other story?' });

const banks: Banks = new Map([
	[STORY_A, { questions: [single, truefalse, multi, match, text], outlets: SOURCES }],
	[STORY_B, { questions: [otherStory], outlets: SOURCES }]
]);

/** What the student did with a question: answered it so, said "I don't know", or never got to it. */
type Given = { response: unknown } | 'dont-know' | 'not-answered';

const right = (q: Question): Given => ({ response: perfectResponse(q) });
/** Microsoft but not Mandiant: half the credit. */
const partly: Given = { response: { choices: ['Microsoft'] } };
/** Every person given another's role: no credit. */
const allMismatched: Given = {
	response: {
		matches: [
			{ left: 'Edi Rama', right: 'Analyst' },
			{ left: 'John Hultquist', right: 'Spokesman' },
			{ left: 'Nasser Kanaani', right: 'Prime minister' }
		]
	}
};

const storyOf = (q: Question) => (q.id === otherStory.id ? STORY_B : STORY_A);

/**
 * Writes a quiz to the store as the runner would have: the attempt, each answer as it was
 * checked, then the attempt finished at `finishedAt`.
 */
async function takeQuiz(
	store: MemoryProgressStore,
	id: string,
	given: [Question, Given][],
	finishedAt: number,
	extra: Partial<Attempt> = {}
): Promise<void> {
	const startedAt = finishedAt - 1_000;
	const attempt: Attempt = {
		id,
		seed: 3,
		categories: [],
		questions: given.map(([q]) => ({ storyId: storyOf(q), questionId: q.id })),
		position: 0,
		startedAt,
		updatedAt: startedAt,
		finishedAt: null,
		mode: 'practice',
		...extra
	};
	await store.saveAttempt(attempt);
	for (const [i, [q, g]] of given.entries()) {
		if (g === 'not-answered') continue;
		const answer: Answer = {
			attemptId: id,
			questionId: q.id,
			storyId: storyOf(q),
			category: q.category,
			fingerprint: q.fingerprint,
			answeredAt: startedAt + i + 1,
			...(g === 'dont-know'
				? { response: null, score: 0, dontKnow: true as const }
				: { response: g.response, ...scoreResponse(q, g.response) })
		};
		await store.recordAnswer(answer);
	}
	await store.saveAttempt({
		...attempt,
		position: given.length - 1,
		updatedAt: finishedAt,
		finishedAt
	});
}

const deps: SessionDeps = { now: () => 100_000, keepData: () => {} };

/** Opens a stored attempt as the quiz page does, and renders its results. */
async function showResults(store: MemoryProgressStore, id: string, titles = ['The test story']) {
	const attempt = await store.getAttempt(id);
	if (!attempt) throw new Error(`no attempt ${id}`);
	const session = await QuizSession.open(store, attempt, await store.answersFor(id), banks, deps);
	expect(session.finished).toBe(true);
	const compare = vi.spyOn(session, 'compareWithPast');
	const rendered = render(Results, { props: { session, titles } });
	return {
		session,
		...rendered,
		/** Settles once the results have read the earlier quizzes, and the page has shown what they said. */
		compared: async () => {
			await vi.waitFor(() => expect(compare).toHaveBeenCalledTimes(1));
			await compare.mock.results[0]!.value;
			await tick();
		}
	};
}

/** The quiz most tests look at: 2 right, 1 partly right, 2 to practise; 50% overall. */
const mixed = (): [Question, Given][] => [
	[single, right(single)],
	[multi, partly],
	[truefalse, right(truefalse)],
	[match, allMismatched],
	[text, 'dont-know']
];

let store: MemoryProgressStore;
beforeEach(() => {
	store = new MemoryProgressStore();
	goto.mockClear();
});

describe('Results', () => {
	it('names the story the quiz drew on', async () => {
		await takeQuiz(store, 'now', mixed(), 50_000);
		await showResults(store, 'now', ['A story made up for tests']);
		const heading = screen.getByRole('heading', { level: 1 });
		expect(heading).toHaveTextContent(/^Your results/);
		expect(within(heading).getByText('A story made up for tests')).toBeInTheDocument();
	});

	it('names every story a quiz drew on from several', async () => {
		await takeQuiz(
			store,
			'now',
			[
				[single, right(single)],
				[otherStory, right(otherStory)]
			],
			50_000
		);
		await showResults(store, 'now', ['The first story', 'The second story']);
		const heading = screen.getByRole('heading', { level: 1 });
		expect(heading).toHaveTextContent('The first story');
		expect(heading).toHaveTextContent('The second story');
	});

	it('gives the score as a percentage, with how many were right, partly right and to practise', async () => {
		await takeQuiz(store, 'now', mixed(), 50_000);
		const { container } = await showResults(store, 'now');
		const score = container.querySelector('.score')!;
		expect(within(score as HTMLElement).getByText('50%')).toBeVisible();
		expect(score).toHaveTextContent('2 right, 1 partly right, 2 to practise');
	});

	it('leaves out the parts that are none, but always says how many were right', async () => {
		await takeQuiz(
			store,
			'all-right',
			[
				[single, right(single)],
				[truefalse, right(truefalse)]
			],
			50_000
		);
		const first = await showResults(store, 'all-right');
		const score = first.container.querySelector('.score')!;
		expect(score).toHaveTextContent(/^100%\s*2 right$/);
		first.unmount();

		await takeQuiz(
			store,
			'none-right',
			[
				[multi, partly],
				[text, 'dont-know']
			],
			60_000
		);
		const second = await showResults(store, 'none-right');
		expect(second.container.querySelector('.score')).toHaveTextContent(
			/^25%\s*0 right, 1 partly right, 1 to practise$/
		);
	});

	it('counts a question never answered as one to practise', async () => {
		await takeQuiz(
			store,
			'now',
			[
				[single, right(single)],
				[multi, 'not-answered']
			],
			50_000
		);
		const { container } = await showResults(store, 'now');
		expect(container.querySelector('.score')).toHaveTextContent('50% 1 right, 1 to practise');
		const practise = screen.getByRole('heading', { level: 2, name: 'To practise' });
		const list = practise.nextElementSibling as HTMLElement;
		expect(within(list).getByText(multi.prompt)).toBeInTheDocument();
		expect(within(list).getByText('Not answered.')).toBeInTheDocument();
	});

	it('lists what was missed first, to practise, and folds away what was right', async () => {
		await takeQuiz(store, 'now', mixed(), 50_000);
		const { container } = await showResults(store, 'now');

		const practise = screen.getByRole('heading', { level: 2, name: 'To practise' });
		const missedList = practise.nextElementSibling as HTMLElement;
		expect(missedList.tagName).toBe('OL');
		const prompts = [...missedList.querySelectorAll(':scope > li > .prompt')].map(
			(p) => p.textContent
		);
		// In the order asked.
		expect(prompts).toEqual([multi.prompt, match.prompt, text.prompt]);
		// Each with its feedback, open to read.
		expect(within(missedList).getByRole('heading', { name: 'Partly right: 50%' })).toBeVisible();
		expect(within(missedList).getByRole('heading', { name: 'Not quite' })).toBeVisible();
		expect(within(missedList).getByRole('heading', { name: 'Here is the answer' })).toBeVisible();

		const fold = container.querySelector('details')!;
		expect(fold).not.toHaveAttribute('open');
		expect(fold.querySelector('summary')).toHaveTextContent('What you got right (2)');
		const rightPrompts = [...fold.querySelectorAll('.review > li > .prompt')].map(
			(p) => p.textContent
		);
		expect(rightPrompts).toEqual([single.prompt, truefalse.prompt]);
		expect(missedList.textContent).not.toContain(single.prompt);
		// The missed come before the fold.
		expect(practise.compareDocumentPosition(fold) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
	});

	it('offers no practice when nothing was missed, and folds every answer for review', async () => {
		await takeQuiz(
			store,
			'now',
			[
				[single, right(single)],
				[truefalse, right(truefalse)]
			],
			50_000
		);
		const { container } = await showResults(store, 'now');
		expect(screen.queryByRole('button', { name: /Practise/ })).not.toBeInTheDocument();
		expect(screen.queryByRole('heading', { name: 'To practise' })).not.toBeInTheDocument();
		const fold = container.querySelector('details')!;
		expect(fold).not.toHaveAttribute('open');
		expect(fold.querySelector('summary')).toHaveTextContent('Review your answers (2)');
	});

	it('says "the one" when one question was missed', async () => {
		await takeQuiz(
			store,
			'now',
			[
				[single, right(single)],
				[multi, partly]
			],
			50_000
		);
		await showResults(store, 'now');
		expect(screen.getByRole('button', { name: 'Practise the one you missed' })).toBeEnabled();
	});

	it('starts a practice of exactly the questions missed, saved, and goes to it', async () => {
		const user = userEvent.setup();
		await takeQuiz(store, 'now', mixed(), 50_000);
		await showResults(store, 'now');

		await user.click(screen.getByRole('button', { name: 'Practise the 3 you missed' }));
		await vi.waitFor(() => expect(goto).toHaveBeenCalledTimes(1));

		const practices = (await store.listAttempts()).filter((a) => a.id !== 'now');
		expect(practices).toHaveLength(1);
		const practice = practices[0]!;
		expect(practice.retry).toBe(true);
		expect(practice.finishedAt).toBeNull();
		const key = (r: { storyId: string; questionId: string }) => `${r.storyId}/${r.questionId}`;
		expect(practice.questions.map(key).sort()).toEqual(
			[multi, match, text].map((q) => `${STORY_A}/${q.id}`).sort()
		);
		expect(goto).toHaveBeenCalledWith(`/quiz?attempt=${encodeURIComponent(practice.id)}`);
	});

	it('says so when this is the first quiz on the story', async () => {
		await takeQuiz(store, 'now', mixed(), 50_000);
		await showResults(store, 'now');
		expect(await screen.findByText('Your first quiz on this story.')).toBeInTheDocument();
		expect(screen.queryByText(/Best:/)).not.toBeInTheDocument();
	});

	it('gives the best score and how far this one went up since the last quiz', async () => {
		// The best earlier: everything right. The last earlier: 30%.
		await takeQuiz(
			store,
			'best',
			mixed().map(([q]) => [q, right(q)]),
			10_000
		);
		await takeQuiz(
			store,
			'last',
			[
				[single, 'dont-know'],
				[multi, partly],
				[truefalse, 'dont-know'],
				[match, allMismatched],
				[text, right(text)]
			],
			20_000
		);
		await takeQuiz(store, 'now', mixed(), 50_000);
		await showResults(store, 'now');
		const record = await screen.findByText(/Best:/);
		expect(record).toHaveTextContent('Best: 100%. Up 20 points since last time.');
		expect(screen.queryByText(/first quiz/)).not.toBeInTheDocument();
	});

	it('says how far the score went down since the last quiz, and counts this one in the best', async () => {
		await takeQuiz(
			store,
			'last',
			[
				[single, right(single)],
				[multi, right(multi)],
				[truefalse, right(truefalse)],
				[match, right(match)],
				[text, 'dont-know']
			],
			20_000
		);
		// A practice of missed questions and a quiz on other stories are not compared.
		await takeQuiz(store, 'practice', [[text, right(text)]], 30_000, { retry: true });
		await takeQuiz(
			store,
			'elsewhere',
			[
				[single, 'dont-know'],
				[otherStory, 'dont-know']
			],
			40_000
		);
		await takeQuiz(store, 'now', mixed(), 50_000);
		await showResults(store, 'now');
		expect(await screen.findByText(/Best:/)).toHaveTextContent(
			'Best: 80%. Down 30 points since last time.'
		);
	});

	it('says "Same as last time." when the score did not move', async () => {
		await takeQuiz(store, 'last', mixed(), 20_000);
		await takeQuiz(store, 'now', mixed(), 50_000);
		await showResults(store, 'now');
		expect(await screen.findByText(/Best:/)).toHaveTextContent('Best: 50%. Same as last time.');
	});

	it('celebrates a section fully right for the first time', async () => {
		await takeQuiz(
			store,
			'last',
			[
				[single, 'dont-know'],
				[multi, right(multi)],
				[truefalse, right(truefalse)],
				[match, allMismatched],
				[text, 'dont-know']
			],
			20_000
		);
		await takeQuiz(store, 'now', mixed(), 50_000);
		await showResults(store, 'now');
		expect(await screen.findByRole('status')).toHaveTextContent(
			'First perfect Dates and numbers section!'
		);
		expect(screen.getAllByRole('status')).toHaveLength(1);
	});

	it('does not celebrate a section an earlier quiz already got fully right', async () => {
		await takeQuiz(
			store,
			'last',
			[
				[single, right(single)],
				[multi, 'dont-know'],
				[truefalse, right(truefalse)],
				[match, allMismatched],
				[text, 'dont-know']
			],
			20_000
		);
		await takeQuiz(store, 'now', mixed(), 50_000);
		const { compared } = await showResults(store, 'now');
		await compared();
		expect(screen.getByText(/Best:/)).toBeInTheDocument();
		expect(screen.queryByText(/First perfect/)).not.toBeInTheDocument();
	});

	it('compares a practice of missed questions with nothing', async () => {
		await takeQuiz(store, 'last', mixed(), 20_000);
		await takeQuiz(
			store,
			'now',
			[
				[multi, right(multi)],
				[match, right(match)]
			],
			50_000,
			{ retry: true }
		);
		const { compared } = await showResults(store, 'now');
		expect(screen.getByText('A practice of questions you had missed.')).toBeInTheDocument();
		await compared();
		expect(screen.queryByText(/Best:|first quiz|First perfect/)).not.toBeInTheDocument();
	});
});
