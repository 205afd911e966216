import { describe, expect, it } from 'vitest';
import { checkContent, formatIssue, type ContentIssue } from '$lib/content/check';
import { questionFingerprint } from '$lib/content/fingerprint';
import {
	actorNamesOf,
	outletNamesOf,
	summarizeStory,
	type Question,
	type QuestionData
} from '$lib/content/model';
import { registerWith } from '$lib/content/register';
import { scoreResponse } from '$lib/quiz/scoring';
import {
	ALPHA,
	BETA,
	PATHS,
	STORY_ID,
	filesOf,
	fixture,
	questionIn,
	type Fixture
} from '../../fixtures/content/fixture';

/**
 * Checks the fixture after `breakIt` has changed one thing in it. Unless a test is about the
 * register, the register follows the banks as `npm run register` would keep it, so a test sees
 * only the issue it is about.
 */
function check(breakIt: (f: Fixture) => void = () => {}, { followRegister = true } = {}) {
	const f = fixture();
	breakIt(f);
	if (followRegister)
		f.register = registerWith(
			{ shipped: [], retired: f.register.retired ?? [] },
			[...f.main.questions, ...f.extra.questions].flatMap((q) =>
				typeof q.id === 'string' ? [q.id] : []
			)
		);
	return checkContent(filesOf(f));
}

/** Asserts there is exactly one issue and that it, and its formatted line, name file, id and field. */
function onlyIssue(
	issues: ContentIssue[],
	expected: { file: string; id?: string; field?: string; message: RegExp }
): ContentIssue {
	expect(issues, issues.map(formatIssue).join('\n')).toHaveLength(1);
	const issue = issues[0]!;
	expect(issue.file).toBe(expected.file);
	expect(issue.id).toBe(expected.id);
	expect(issue.field).toBe(expected.field);
	expect(issue.message).toMatch(expected.message);
	const head = [expected.file, expected.id, expected.field].filter(Boolean).join(' › ');
	expect(formatIssue(issue).startsWith(`${head}: `)).toBe(true);
	return issue;
}

const questionIds = (result: ReturnType<typeof checkContent>) =>
	result.bundles.flatMap((b) => b.questions.map((q) => q.id));

describe('formatIssue', () => {
	it('names file, id and field, then the message', () => {
		expect(
			formatIssue({ file: 'a.yaml', id: 'q-1', field: 'evidence[0].quote', message: 'bad' })
		).toBe('a.yaml › q-1 › evidence[0].quote: bad');
	});

	it('leaves out the parts an issue does not have', () => {
		expect(formatIssue({ file: 'a.yaml', message: 'bad' })).toBe('a.yaml: bad');
		expect(formatIssue({ file: 'a.yaml', field: 'sources[0]', message: 'bad' })).toBe(
			'a.yaml › sources[0]: bad'
		);
	});
});

describe('checkContent on valid content', () => {
	it('reports no issues', () => {
		expect(check().issues).toEqual([]);
	});

	it('builds one bundle with every question, banks in file order, and the story’s sources in its order', () => {
		const f = fixture();
		const { bundles } = checkContent(filesOf(f));
		expect(bundles).toHaveLength(1);
		const bundle = bundles[0]!;
		expect(bundle.story.id).toBe(STORY_ID);
		// The source files come beta first; the story lists alpha first, and the story decides.
		expect(bundle.sources.map((s) => s.id)).toEqual([ALPHA, BETA]);
		expect(bundle.questions.map((q) => q.id)).toEqual(
			[...f.main.questions, ...f.extra.questions].map((q) => q.id)
		);
		expect(bundle.sources[0]!.paragraphs).toEqual(f.alpha.paragraphs);
	});

	it('fills in the defaults the schema gives', () => {
		const bundle = check().bundles[0]!;
		const members = bundle.questions.find((q) => q.id === 'tst-dates-members')!;
		expect(members.actors).toEqual([]);
		expect(members.outlets).toEqual([]);
		expect(members.type === 'number' && members.tolerance).toBe(0);
	});

	it('keeps a story without differences', () => {
		const result = check((f) => {
			delete f.story.differences;
			delete questionIn(f.main, 'tst-dates-exile-years').differences;
		});
		expect(result.issues).toEqual([]);
		expect(result.bundles[0]!.story.differences).toEqual([]);
	});
});

describe('checkContent: schema violations in questions', () => {
	it('reports a missing prompt and drops the question', () => {
		const result = check((f) => delete questionIn(f.main, 'tst-actors-announcer').prompt);
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-actors-announcer',
			field: 'prompt',
			message: /it is missing/
		});
		expect(questionIds(result)).not.toContain('tst-actors-announcer');
	});

	it('reports an empty prompt', () => {
		const result = check((f) => (questionIn(f.main, 'tst-actors-announcer').prompt = '   '));
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-actors-announcer',
			field: 'prompt',
			message: /must not be empty/
		});
	});

	it('reports a category that does not exist, listing the ones that do', () => {
		const result = check((f) => (questionIn(f.main, 'tst-dates-exile-years').category = 'people'));
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-dates-exile-years',
			field: 'category',
			message: /must be one of: dates, actors, quotes, sources.*got "people"/
		});
	});

	it.each([0, 4, '2', 1.5])('reports difficulty %j', (difficulty) => {
		const result = check((f) => (questionIn(f.main, 'tst-sources-2013').difficulty = difficulty));
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-sources-2013',
			field: 'difficulty',
			message: /must be 1 \(easy\), 2 or 3 \(hard\)/
		});
	});

	it('reports an unknown question type, listing every type', () => {
		const result = check((f) => (questionIn(f.extra, 'tst-quotes-hasty').type = 'essay'));
		const issue = onlyIssue(result.issues, {
			file: PATHS.extra,
			id: 'tst-quotes-hasty',
			field: 'type',
			message: /got "essay"/
		});
		for (const type of [
			'single',
			'multi',
			'truefalse',
			'date',
			'number',
			'order',
			'match',
			'text',
			'source'
		])
			expect(issue.message).toContain(type);
	});

	it('reports a field the format does not know', () => {
		const result = check((f) => (questionIn(f.main, 'tst-actors-announcer').hint = 'Think.'));
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-actors-announcer',
			field: 'hint',
			message: /"hint"/
		});
	});

	it('reports a field that belongs to another type', () => {
		const result = check((f) => (questionIn(f.extra, 'tst-actors-host').options = ['a', 'b']));
		onlyIssue(result.issues, {
			file: PATHS.extra,
			id: 'tst-actors-host',
			field: 'options',
			message: /./
		});
	});

	it.each(['Bad_Id', 'two--hyphens', '-leading', 'trailing-', 'has space', 'Upper'])(
		'reports the id %j, naming the question by it',
		(id) => {
			const result = check((f) => (questionIn(f.main, 'tst-sources-2013').id = id));
			onlyIssue(result.issues, {
				file: PATHS.main,
				id,
				field: 'id',
				message: /lowercase letters, digits and single hyphens/
			});
		}
	);

	it('names a question without a usable id by its place in the bank', () => {
		const result = check((f) => delete f.main.questions[2]!.id);
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'questions[2]',
			field: 'id',
			message: /it is missing/
		});
	});

	it('reports a wrongly typed answer field', () => {
		const result = check((f) => (questionIn(f.extra, 'tst-dates-members').answer = '3000'));
		onlyIssue(result.issues, {
			file: PATHS.extra,
			id: 'tst-dates-members',
			field: 'answer',
			message: /got "3000"/
		});
	});

	it('reports a question without evidence', () => {
		const result = check((f) => (questionIn(f.main, 'tst-actors-announcer').evidence = []));
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-actors-announcer',
			field: 'evidence',
			message: /needs at least one passage/
		});
	});

	it('reports a field inside evidence by its path', () => {
		const result = check((f) => {
			const evidence = questionIn(f.main, 'tst-dates-exile-years').evidence as object[];
			evidence[1] = { source: BETA, quote: 'strained since 2014', page: 3 };
		});
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-dates-exile-years',
			field: 'evidence.1.page',
			message: /"page"/
		});
	});

	it('reports a bank without questions', () => {
		const result = check((f) => (f.extra.questions = []));
		onlyIssue(result.issues, {
			file: PATHS.extra,
			field: 'questions',
			message: /needs at least one question/
		});
	});

	it.each([null, 'just text', ['not', 'a', 'bank']])(
		'reports a bank that holds %j instead of a mapping, and keeps the other bank',
		(data) => {
			const f = fixture();
			const files = filesOf(f).map((file) =>
				file.path === PATHS.extra ? { ...file, data } : file
			);
			const result = checkContent(files);
			expect(result.issues.length).toBeGreaterThan(0);
			for (const issue of result.issues) expect(issue.file).toBe(PATHS.extra);
			expect(questionIds(result)).toEqual(f.main.questions.map((q) => q.id));
		}
	);

	it('reports every broken question and keeps the sound ones', () => {
		const f = fixture();
		delete questionIn(f.main, 'tst-actors-announcer').prompt;
		questionIn(f.extra, 'tst-dates-members').difficulty = 9;
		const result = checkContent(filesOf(f));
		expect(result.issues.map((i) => [i.file, i.id, i.field])).toEqual([
			[PATHS.main, 'tst-actors-announcer', 'prompt'],
			[PATHS.extra, 'tst-dates-members', 'difficulty']
		]);
		expect(questionIds(result)).toHaveLength(
			f.main.questions.length + f.extra.questions.length - 2
		);
	});
});

describe('checkContent: schema violations in sources and stories', () => {
	it('reports a source field, naming the source by its id', () => {
		const result = check((f) => (f.beta.published = '7 September 2022'));
		expect(result.issues.length).toBeGreaterThanOrEqual(1);
		expect(result.issues[0]).toMatchObject({ file: PATHS.beta, id: BETA, field: 'published' });
		expect(result.issues[0]!.message).toMatch(/YYYY-MM-DD/);
	});

	it('reports a source without paragraphs', () => {
		const result = check((f) => (f.beta.paragraphs = []));
		expect(result.issues[0]).toMatchObject({ file: PATHS.beta, id: BETA, field: 'paragraphs' });
		expect(result.issues[0]!.message).toMatch(/at least one paragraph/);
	});

	it('reports two sources with the same id', () => {
		const f = fixture();
		const copy = { kind: 'source' as const, path: 'questions/sources/copy.yaml', data: f.alpha };
		const result = checkContent([...filesOf(f), copy]);
		onlyIssue(result.issues, {
			file: 'questions/sources/copy.yaml',
			id: ALPHA,
			field: 'id',
			message: /another source has this id/
		});
	});

	it('reports an actor of an unknown kind', () => {
		const result = check((f) => {
			(f.story.actors as { kind: string }[])[1]!.kind = 'planet';
		});
		expect(result.issues[0]).toMatchObject({
			file: PATHS.story,
			id: STORY_ID,
			field: 'actors.1.kind'
		});
	});

	it('reports an actor listed twice', () => {
		const result = check((f) => {
			const actors = f.story.actors as object[];
			actors.push({ ...actors[0]! });
		});
		onlyIssue(result.issues, {
			file: PATHS.story,
			id: STORY_ID,
			field: 'actors[2].id',
			message: /"prime-minister" is listed twice/
		});
	});

	it('reports a difference whose passage is not in its source', () => {
		const result = check((f) => {
			const [difference] = f.story.differences as { passages: { quote: string }[] }[];
			difference!.passages[1]!.quote = 'strained since 2013';
		});
		onlyIssue(result.issues, {
			file: PATHS.story,
			id: STORY_ID,
			field: 'differences[0].passages[1].quote',
			message: /not found word for word in source "beta-wire": "strained since 2013"/
		});
	});
});

describe('checkContent: question ids', () => {
	it('reports an id used in two banks, naming the other bank', () => {
		const result = check((f) => (questionIn(f.extra, 'tst-actors-host').id = 'tst-sources-2013'));
		const issue = onlyIssue(result.issues, {
			file: PATHS.extra,
			id: 'tst-sources-2013',
			field: 'id',
			message: /another question has this id/
		});
		expect(issue.message).toContain(PATHS.main);
	});

	it('reports an id used twice in one bank', () => {
		const result = check((f) => (f.main.questions[1]!.id = f.main.questions[0]!.id));
		const issue = onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-actors-announcer',
			field: 'id',
			message: /another question has this id/
		});
		expect(issue.message).toContain(PATHS.main);
	});

	it('reports an id used in two stories', () => {
		const f = fixture();
		const other = {
			...f.story,
			id: 'other-story',
			differences: []
		};
		const result = checkContent([
			...filesOf(f),
			{ kind: 'story', path: 'questions/stories/other-story/story.yaml', data: other },
			{
				kind: 'bank',
				path: 'questions/stories/other-story/questions/a.yaml',
				story: 'other-story',
				data: { questions: [structuredClone(f.main.questions[0]!)] }
			},
			{
				kind: 'register',
				path: 'questions/stories/other-story/ids.yaml',
				story: 'other-story',
				data: { shipped: [f.main.questions[0]!.id] }
			}
		]);
		const issue = onlyIssue(result.issues, {
			file: 'questions/stories/other-story/questions/a.yaml',
			id: 'tst-actors-announcer',
			field: 'id',
			message: /another question has this id/
		});
		expect(issue.message).toContain(PATHS.main);
		expect(result.bundles.map((b) => b.story.id)).toEqual([STORY_ID, 'other-story']);
	});
});

describe('checkContent: evidence against the source texts', () => {
	const setQuote = (f: Fixture, id: string, quote: string, index = 0) => {
		const evidence = questionIn(f.main, id).evidence as { source: string; quote: string }[];
		evidence[index]!.quote = quote;
	};

	it('reports evidence from a source the story does not list', () => {
		const result = check((f) => {
			const evidence = questionIn(f.main, 'tst-actors-announcer').evidence as object[];
			evidence.push({ source: 'gamma-times', quote: 'anything' });
		});
		const issue = onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-actors-announcer',
			field: 'evidence[1].source',
			message: /unknown source "gamma-times"/
		});
		expect(issue.message).toContain(`${ALPHA}, ${BETA}`);
	});

	it('reports evidence from a source that exists but belongs to no story of this bank', () => {
		const f = fixture();
		f.story.sources = [ALPHA];
		(f.story.differences as { passages: object[] }[])[0]!.passages.pop();
		for (const q of [...f.main.questions, ...f.extra.questions]) {
			q.outlets = [];
			if (q.type === 'source') q.answer = [];
		}
		const result = checkContent(filesOf(f));
		const fromBeta = result.issues.filter((i) => i.field?.endsWith('.source'));
		expect(fromBeta.length).toBeGreaterThan(0);
		for (const issue of fromBeta) expect(issue.message).toMatch(/unknown source "beta-wire"/);
	});

	it('reports a quote that is not in the source word for word, quoting it', () => {
		const result = check((f) =>
			setQuote(f, 'tst-actors-announcer', 'the premier announced the expulsion')
		);
		const issue = onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-actors-announcer',
			field: 'evidence[0].quote',
			message: /not found word for word in source "alpha-news"/
		});
		expect(issue.message).toContain('"the premier announced the expulsion"');
		expect(formatIssue(issue)).toBe(
			`${PATHS.main} › tst-actors-announcer › evidence[0].quote: not found word for word in source "${ALPHA}": "the premier announced the expulsion"`
		);
	});

	it('reports a quote that stands in the other source only', () => {
		const result = check((f) => setQuote(f, 'tst-actors-announcer', 'strained since 2014'));
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-actors-announcer',
			field: 'evidence[0].quote',
			message: /not found word for word in source "alpha-news"/
		});
	});

	it('accepts a quote that differs from the text only by whitespace and line breaks', () => {
		const result = check((f) => {
			setQuote(f, 'tst-actors-announcer', '  the prime\n   minister\tannounced  the expulsion ');
			// The source paragraph itself holds a line break; the quote has a plain space there.
			setQuote(f, 'tst-sources-2013', 'to accept around 3,000 members');
		});
		expect(result.issues).toEqual([]);
	});

	it('does not forgive a change of case or punctuation', () => {
		const result = check((f) => {
			setQuote(f, 'tst-actors-announcer', 'The prime minister announced the expulsion');
			setQuote(f, 'tst-sources-2013', 'agreed in 2013, to accept');
		});
		expect(result.issues.map((i) => [i.id, i.field])).toEqual([
			['tst-actors-announcer', 'evidence[0].quote'],
			['tst-sources-2013', 'evidence[0].quote']
		]);
	});

	it('does not take straight quotes or three dots for curly quotes and an ellipsis', () => {
		const result = check((f) => {
			const evidence = questionIn(f.extra, 'tst-quotes-hasty').evidence as { quote: string }[];
			evidence[0]!.quote = '"an ill-considered and hasty decision"...';
		});
		onlyIssue(result.issues, {
			file: PATHS.extra,
			id: 'tst-quotes-hasty',
			field: 'evidence[0].quote',
			message: /not found word for word/
		});
	});

	it('reports a quote that runs across two paragraphs', () => {
		const f = fixture();
		const [first, second] = f.alpha.paragraphs as string[];
		// Each half stands in the source; joined, they span the paragraph break.
		const quote = 'gave them 24 hours to leave. The ministry called it';
		expect(first!.endsWith('gave them 24 hours to leave.')).toBe(true);
		expect(second!.startsWith('The ministry called it')).toBe(true);
		setQuote(f, 'tst-actors-announcer', quote);
		onlyIssue(checkContent(filesOf(f)).issues, {
			file: PATHS.main,
			id: 'tst-actors-announcer',
			field: 'evidence[0].quote',
			message: /not found word for word/
		});
	});
});

describe('checkContent: answers', () => {
	it('reports a single-choice answer that is not among the options', () => {
		const result = check((f) => (questionIn(f.main, 'tst-actors-announcer').answer = 'The king'));
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-actors-announcer',
			field: 'answer',
			message: /"The king" is not one of the options/
		});
	});

	it('reports a multiple-select answer that is not among the options', () => {
		const result = check(
			(f) => (questionIn(f.main, 'tst-dates-exile-years').answers = ['2013', '2012'])
		);
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-dates-exile-years',
			field: 'answers',
			message: /"2012" is not one of the options/
		});
	});

	it('reports a multiple-select question whose every option is right', () => {
		const result = check(
			(f) => (questionIn(f.main, 'tst-dates-exile-years').answers = ['2013', '2014', '2015'])
		);
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-dates-exile-years',
			field: 'answers',
			message: /every option is right/
		});
	});

	it('reports a date that does not exist', () => {
		const result = check(
			(f) => (questionIn(f.extra, 'tst-dates-announcement').answer = '2022-09-31')
		);
		onlyIssue(result.issues, {
			file: PATHS.extra,
			id: 'tst-dates-announcement',
			field: 'answer',
			message: /not a real date/
		});
	});
});

describe('checkContent: dates whose prompt gives part of the answer', () => {
	const announcement = (f: Fixture) => questionIn(f.extra, 'tst-dates-announcement');

	it('accepts a prompt that states the month and year it gives', () => {
		const result = check((f) => {
			announcement(f).prompt = 'On what day in September 2022 was the expulsion announced?';
			announcement(f).given = 'month';
		});
		expect(result.issues).toEqual([]);
		const q = result.bundles[0]!.questions.find((q) => q.id === 'tst-dates-announcement')!;
		expect(q.type === 'date' && q.given).toBe('month');
		expect(scoreResponse(q, { year: null, month: null, day: 7 }).score).toBe(1);
	});

	it('reports a prompt that does not state what it gives, naming what is missing', () => {
		const result = check((f) => {
			announcement(f).prompt = 'On what day in 2022 was the expulsion announced?';
			announcement(f).given = 'month';
		});
		onlyIssue(result.issues, {
			file: PATHS.extra,
			id: 'tst-dates-announcement',
			field: 'prompt',
			message: /year and month.*given: month.*"September"/
		});
	});

	it('reports a given year the prompt does not state', () => {
		const result = check((f) => (announcement(f).given = 'year'));
		onlyIssue(result.issues, {
			file: PATHS.extra,
			id: 'tst-dates-announcement',
			field: 'prompt',
			message: /"2022"/
		});
	});

	it('reports a given that leaves nothing to ask', () => {
		const result = check((f) => {
			announcement(f).prompt = 'In what month of 2022 was the expulsion announced?';
			announcement(f).answer = '2022-09';
			announcement(f).given = 'month';
		});
		onlyIssue(result.issues, {
			file: PATHS.extra,
			id: 'tst-dates-announcement',
			field: 'given',
			message: /nothing/
		});
	});

	it('reports a given that is neither the year nor the month', () => {
		const result = check((f) => (announcement(f).given = 'day'));
		onlyIssue(result.issues, {
			file: PATHS.extra,
			id: 'tst-dates-announcement',
			field: 'given',
			message: /'year' or 'month'/
		});
	});
});

describe('checkContent: titles for typed answers, from the story’s actors', () => {
	/** The fixture with two officials, and a typed question naming one of them. */
	function withOfficials(f: Fixture) {
		(f.story.actors as unknown[]).push(
			{
				id: 'ana-vela',
				name: 'Ana Vela',
				kind: 'person',
				description: 'The foreign minister.',
				titles: ['Foreign Minister', 'FM']
			},
			{
				id: 'ben-oru',
				name: 'Ben Oru',
				kind: 'person',
				description: 'The interior minister.',
				titles: ['Interior Minister']
			}
		);
		f.extra.questions.push({
			id: 'tst-actors-vela',
			category: 'actors',
			type: 'text',
			prompt: 'Who announced the expulsion?',
			answers: ['Ana Vela', 'Vela'],
			explanation: 'Alpha says so.',
			difficulty: 1,
			actors: ['ana-vela', 'ben-oru', 'albania'],
			evidence: [{ source: ALPHA, quote: 'the prime minister announced the expulsion' }]
		});
	}
	const shipped = (result: ReturnType<typeof checkContent>, id: string) => {
		const q = result.bundles[0]!.questions.find((q) => q.id === id)!;
		if (q.type !== 'text') throw new Error(`${id} is not a text question`);
		return q;
	};

	it('gives a text question the titles of the actors its answers name, and no one else’s', () => {
		const result = check(withOfficials);
		expect(result.issues).toEqual([]);
		expect(shipped(result, 'tst-actors-vela').titles).toEqual(['Foreign Minister', 'FM']);
	});

	it('gives none to a question whose answers name no actor', () => {
		const result = check(withOfficials);
		expect(shipped(result, 'tst-quotes-hasty').titles).toEqual([]);
	});

	it('gives none for an actor the question does not list', () => {
		const result = check((f) => {
			withOfficials(f);
			questionIn(f.extra, 'tst-actors-vela').actors = ['ben-oru'];
		});
		expect(shipped(result, 'tst-actors-vela').titles).toEqual([]);
	});

	it('keeps the titles an editor wrote, before the actors’ own', () => {
		const result = check((f) => {
			withOfficials(f);
			questionIn(f.extra, 'tst-actors-vela').titles = ['Minister', 'FM'];
		});
		expect(shipped(result, 'tst-actors-vela').titles).toEqual([
			'Minister',
			'FM',
			'Foreign Minister'
		]);
	});

	it('takes the fingerprint from the question as written, before its titles were added', () => {
		const result = check(withOfficials);
		const q = shipped(result, 'tst-actors-vela');
		const written = { ...q, titles: [] } as QuestionData;
		expect(q.fingerprint).toBe(questionFingerprint(written));
		expect(q.fingerprint).not.toBe(questionFingerprint(q as unknown as QuestionData));
	});

	it('scores a response with the title as right, and another actor’s title as wrong', () => {
		const q = shipped(check(withOfficials), 'tst-actors-vela');
		expect(scoreResponse(q, { text: 'Foreign Minister Ana Vela' }).score).toBe(1);
		expect(scoreResponse(q, { text: 'Vela, the FM' }).score).toBe(1);
		expect(scoreResponse(q, { text: 'Interior Minister Ana Vela' }).score).toBe(0);
		expect(scoreResponse(q, { text: 'Foreign Minister Ben Oru' }).score).toBe(0);
		expect(scoreResponse(q, { text: 'Foreign Minister' }).score).toBe(0);
	});

	it('reports an empty title, naming the actor', () => {
		const result = check((f) => {
			withOfficials(f);
			(f.story.actors as { titles?: string[] }[])[2]!.titles = ['Foreign Minister', ' '];
		});
		expect(result.issues[0]).toMatchObject({
			file: PATHS.story,
			id: STORY_ID,
			field: 'actors.2.titles.1'
		});
		expect(result.issues[0]!.message).toMatch(/must not be empty/);
	});
});

describe('checkContent: evidence in its sentence', () => {
	const evidenceOf = (result: ReturnType<typeof checkContent>, id: string): Question['evidence'] =>
		result.bundles[0]!.questions.find((q) => q.id === id)!.evidence;

	it('gives each piece of evidence the rest of the sentence it stands in', () => {
		expect(evidenceOf(check(), 'tst-actors-announcer')).toEqual([
			{
				source: ALPHA,
				quote: 'the prime minister announced the expulsion',
				context: {
					before: 'On September 7, ',
					after: ' of all diplomats and gave them 24 hours to leave.'
				}
			}
		]);
	});

	it('folds the whitespace of the paragraph around the quote', () => {
		const [evidence] = evidenceOf(
			check(
				(f) =>
					(questionIn(f.main, 'tst-actors-announcer').evidence = [
						{ source: ALPHA, quote: 'to accept around 3,000' }
					])
			),
			'tst-actors-announcer'
		);
		expect(evidence!.context).toEqual({
			before: 'Relations worsened after the country agreed in 2013 ',
			after: ' members of an exile group.'
		});
	});

	it('leaves the fingerprint as the question was written', () => {
		const q = check().bundles[0]!.questions.find((q) => q.id === 'tst-actors-announcer')!;
		const written = { ...q, evidence: q.evidence.map(({ source, quote }) => ({ source, quote })) };
		expect(q.fingerprint).toBe(questionFingerprint(written as QuestionData));
	});
});

describe('checkContent: editor’s notes on a source', () => {
	it('takes notes with and without a passage that occurs in the source', () => {
		const result = check((f) => {
			f.alpha.notes = [
				{ text: 'A copy republished elsewhere.' },
				{ text: 'Spelled so in this copy.', passage: 'an ill-considered and hasty decision' }
			];
		});
		expect(result.issues.map(formatIssue)).toEqual([]);
		// The outlet carries the notes' words to wherever its evidence is shown.
		expect(result.bundles[0]!.sources[0]!.notes).toHaveLength(2);
	});

	it('reports a note whose passage is not in the source, word for word', () => {
		const result = check((f) => {
			f.alpha.notes = [{ text: 'A note.', passage: 'words the article does not have' }];
		});
		onlyIssue(result.issues, {
			file: PATHS.alpha,
			id: ALPHA,
			field: 'notes[0].passage',
			message: /"words the article does not have" does not occur in this source's text/
		});
	});

	it('asks for the text of every note', () => {
		const result = check((f) => {
			f.alpha.notes = [{ passage: 'hasty decision' }];
		});
		// The source is not read (so the story and questions citing it report it missing too).
		expect(result.issues[0]).toMatchObject({ file: PATHS.alpha, field: 'notes.0.text' });
	});
});

describe('checkContent: questions asked twice', () => {
	/** A copy of a fixture question under another id, changed by `fields`. */
	function copyOf(f: Fixture, id: string, fields: Record<string, unknown> = {}) {
		const original = questionIn(f.extra, id);
		f.extra.questions.push({ ...structuredClone(original), id: `${id}-again`, ...fields });
	}

	it('reports a question with the same type, answer and alike prompt, on the later one', () => {
		const result = check((f) =>
			copyOf(f, 'tst-quotes-hasty', { prompt: 'Which word: “an ill-considered and ___ decision”?' })
		);
		onlyIssue(result.issues, {
			file: PATHS.extra,
			id: 'tst-quotes-hasty-again',
			field: 'prompt',
			message:
				/asks what "tst-quotes-hasty" asks: the same type and answer, and prompts \d+% alike \(the limit is 40%\)/
		});
	});

	it('lets a pair stand when one names the other in distinctFrom, with the reason', () => {
		const result = check((f) =>
			copyOf(f, 'tst-quotes-hasty', {
				distinctFrom: [{ id: 'tst-quotes-hasty', reason: 'One asks it of each outlet.' }]
			})
		);
		expect(result.issues.map(formatIssue)).toEqual([]);
		// Editors' notes stay out of what the app ships.
		const shipped = result.bundles[0]!.questions.find((q) => q.id === 'tst-quotes-hasty-again')!;
		expect('distinctFrom' in shipped).toBe(false);
	});

	it('says when distinctFrom names no other question of the story, or the question itself', () => {
		for (const named of ['tst-no-such-question', 'tst-quotes-hasty']) {
			const result = check((f) => {
				const q = questionIn(f.extra, 'tst-quotes-hasty');
				q.distinctFrom = [{ id: named, reason: 'Kept on purpose.' }];
			});
			onlyIssue(result.issues, {
				file: PATHS.extra,
				id: 'tst-quotes-hasty',
				field: 'distinctFrom[0].id',
				message: new RegExp(`names "${named}", which is not another question of this story`)
			});
		}
	});

	it('asks for a reason in every distinctFrom entry', () => {
		const result = check((f) =>
			copyOf(f, 'tst-quotes-hasty', { distinctFrom: [{ id: 'tst-quotes-hasty' }] })
		);
		expect(result.issues.map((i) => i.field)).toEqual(['distinctFrom.0.reason']);
	});

	it('leaves alone an alike prompt with another answer', () => {
		const result = check((f) => copyOf(f, 'tst-quotes-hasty', { answers: ['ill-considered'] }));
		expect(result.issues.filter((i) => i.field === 'prompt')).toEqual([]);
	});
});

describe('checkContent: the differences a question asks about', () => {
	const differencesOf = (result: ReturnType<typeof checkContent>, id: string) =>
		result.bundles[0]!.questions.find((q) => q.id === id)!.differences;

	it('ships each difference a question names with its kind, and none on the others', () => {
		const result = check();
		expect(result.issues).toEqual([]);
		expect(differencesOf(result, 'tst-dates-exile-years')).toEqual([
			{ id: 'exile-year', kind: 'fact' }
		]);
		const others = result.bundles[0]!.questions.filter((q) => q.id !== 'tst-dates-exile-years');
		expect(others.length).toBeGreaterThan(0);
		for (const q of others) expect(q).not.toHaveProperty('differences');
	});

	it('takes the kind from the story, so reclassifying a difference reclassifies its questions', () => {
		const result = check((f) => ((f.story.differences as { kind: string }[])[0]!.kind = 'wording'));
		expect(result.issues).toEqual([]);
		expect(differencesOf(result, 'tst-dates-exile-years')).toEqual([
			{ id: 'exile-year', kind: 'wording' }
		]);
	});

	it('leaves the fingerprint as it was: which points a question teaches is not what it asks', () => {
		const fingerprintOf = (result: ReturnType<typeof checkContent>) =>
			result.bundles[0]!.questions.find((q) => q.id === 'tst-dates-exile-years')!.fingerprint;
		const without = check((f) => delete questionIn(f.main, 'tst-dates-exile-years').differences);
		expect(without.issues).toEqual([]);
		expect(fingerprintOf(without)).toBe(fingerprintOf(check()));
	});

	it('reports a difference the story does not have', () => {
		const result = check(
			(f) => (questionIn(f.main, 'tst-dates-exile-years').differences = ['exile-year', 'nowhere'])
		);
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-dates-exile-years',
			field: 'differences[1]',
			message: /unknown difference "nowhere" \(the story's differences: exile-year\)/
		});
	});

	it('reports a difference named twice', () => {
		const result = check(
			(f) =>
				(questionIn(f.main, 'tst-dates-exile-years').differences = ['exile-year', 'exile-year'])
		);
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-dates-exile-years',
			field: 'differences[1]',
			message: /"exile-year" is listed twice/
		});
	});

	it('reports a difference without a kind, or of a kind it does not know, naming the kinds', () => {
		for (const [kind, message] of [
			[undefined, /missing/],
			['opinion', /must be one of: fact, wording, attribution, framing, omission/]
		] as const) {
			const result = check((f) => {
				const [difference] = f.story.differences as { kind?: string }[];
				if (kind === undefined) delete difference!.kind;
				else difference!.kind = kind;
			});
			expect(result.issues[0]).toMatchObject({
				file: PATHS.story,
				id: STORY_ID,
				field: 'differences.0.kind'
			});
			expect(result.issues[0]!.message).toMatch(message);
		}
	});

	it('reports a passage that overlaps another difference’s in the same source, and only that', () => {
		const second =
			(quote: string, source = ALPHA) =>
			(f: Fixture) =>
				(f.story.differences as object[]).push({
					id: 'second-point',
					topic: 'Another point',
					kind: 'framing',
					note: 'A note.',
					passages: [{ source, quote }]
				});
		onlyIssue(check(second('2013 to accept')).issues, {
			file: PATHS.story,
			id: STORY_ID,
			field: 'differences[1].passages[0].quote',
			message:
				/overlaps a passage of difference "exile-year" \(differences\[0\]\.passages\[0\]\.quote\) in "alpha-news"/
		});
		expect(check(second('since 2014', BETA)).issues.map((i) => i.field)).toEqual([
			'differences[1].passages[0].quote'
		]);
		// Beside it in the same paragraph: no overlap.
		expect(check(second('Relations worsened after the country')).issues).toEqual([]);
	});

	it('reports two differences with one id', () => {
		const result = check((f) => {
			const differences = f.story.differences as object[];
			// Its own passage, so only the id is at issue.
			differences.push({
				...differences[0]!,
				passages: [{ source: ALPHA, quote: 'Relations worsened' }]
			});
		});
		onlyIssue(result.issues, {
			file: PATHS.story,
			id: STORY_ID,
			field: 'differences[1].id',
			message: /difference "exile-year" is listed twice/
		});
	});
});

describe('summarizeStory', () => {
	it('lists the section and points of each question on a difference, and only those', () => {
		const bundle = check().bundles[0]!;
		const asking = bundle.questions.filter((q) => q.differences);
		expect(summarizeStory(bundle).differing).toEqual(
			asking.map((q) => ({ category: q.category, differences: q.differences }))
		);
		expect(asking.length).toBeGreaterThan(0);
	});

	it('lists each outlet with its short and its full name, in the story’s order', () => {
		const bundle = check().bundles[0]!;
		expect(summarizeStory(bundle).outlets).toEqual([
			{ id: ALPHA, outlet: 'Alpha', name: 'Alpha News Service' },
			{ id: BETA, outlet: 'Beta', name: 'Beta Wire' }
		]);
	});

	it('names each of the story’s actors by id, and nothing more of them', () => {
		const bundle = check().bundles[0]!;
		const { actors } = summarizeStory(bundle);
		expect(actors).toEqual(bundle.story.actors.map((a) => ({ id: a.id, name: a.name })));
		expect(actors.length).toBeGreaterThan(0);
	});
});

describe('actorNamesOf and outletNamesOf', () => {
	const summary = (id: string, actors: [string, string][], outlets: [string, string][]) => ({
		...summarizeStory(check().bundles[0]!),
		id,
		actors: actors.map(([id, name]) => ({ id, name })),
		outlets: outlets.map(([id, name]) => ({ id, outlet: id, name }))
	});
	const stories = [
		summary(
			'one',
			[
				['edi-rama', 'Edi Rama'],
				['mandiant', 'Mandiant']
			],
			[['a-1', 'Alpha']]
		),
		summary(
			'two',
			[
				['edi-rama', 'Edi Rama, prime minister'],
				['fbi', 'FBI']
			],
			[['b-1', 'Beta']]
		)
	];

	it('names every listed story’s actors; the first story to name one names it', () => {
		expect([...actorNamesOf(stories)]).toEqual([
			['edi-rama', 'Edi Rama'],
			['mandiant', 'Mandiant'],
			['fbi', 'FBI']
		]);
	});

	it('names every listed story’s outlets by source id', () => {
		expect([...outletNamesOf(stories)]).toEqual([
			['a-1', 'Alpha'],
			['b-1', 'Beta']
		]);
	});

	it('is empty for no stories', () => {
		expect(actorNamesOf([]).size).toBe(0);
		expect(outletNamesOf([]).size).toBe(0);
	});
});

describe('checkContent: source-attribution keys against the texts', () => {
	it('reports a key that names one source while the quote stands in the other too', () => {
		const result = check((f) => {
			const q = questionIn(f.main, 'tst-sources-2013');
			q.evidence = [{ source: ALPHA, quote: '24 hours to leave' }];
		});
		const issue = onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-sources-2013',
			field: 'evidence[0].quote',
			message: /the key leaves out "beta-wire"/
		});
		expect(issue.message).toContain(`stands in "${BETA}" too`);
	});

	it('reports each passage that also stands in a left-out source', () => {
		const result = check((f) => {
			const q = questionIn(f.main, 'tst-sources-2013');
			q.evidence = [
				{ source: ALPHA, quote: 'agreed in 2013 to accept' },
				{ source: ALPHA, quote: '3,000 members' }
			];
		});
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-sources-2013',
			field: 'evidence[1].quote',
			message: /the key leaves out "beta-wire"/
		});
	});

	it('reports a key naming a source that supplies no evidence', () => {
		const result = check((f) => {
			const q = questionIn(f.main, 'tst-sources-24-hours');
			q.evidence = [{ source: ALPHA, quote: 'the prime minister announced the expulsion' }];
		});
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-sources-24-hours',
			field: 'evidence',
			message: /the key names "beta-wire" but no evidence comes from it/
		});
	});

	it('reports a key naming a source the story does not list', () => {
		const result = check(
			(f) => (questionIn(f.main, 'tst-sources-2013').answer = [ALPHA, 'gamma-times'])
		);
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-sources-2013',
			field: 'answer[1]',
			message: /unknown source "gamma-times"/
		});
	});

	it('reports a source named twice in a key', () => {
		const result = check((f) => (questionIn(f.main, 'tst-sources-2013').answer = [ALPHA, ALPHA]));
		expect(result.issues.map(formatIssue)).toContain(
			`${PATHS.main} › tst-sources-2013 › answer: "${ALPHA}" is listed twice`
		);
	});

	it('accepts a "neither" key whatever the evidence', () => {
		const result = check((f) => {
			const q = questionIn(f.main, 'tst-sources-neither');
			q.evidence = [
				{ source: ALPHA, quote: '24 hours to leave' },
				{ source: BETA, quote: '24 hours to leave' }
			];
		});
		expect(result.issues).toEqual([]);
	});
});

describe('checkContent: references to the story', () => {
	it('reports an actor the story does not list', () => {
		const result = check(
			(f) => (questionIn(f.main, 'tst-actors-announcer').actors = ['prime-minister', 'nobody'])
		);
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-actors-announcer',
			field: 'actors[1]',
			message: /unknown actor "nobody"/
		});
	});

	it('reports an outlet the story does not list', () => {
		const result = check(
			(f) => (questionIn(f.main, 'tst-actors-announcer').outlets = ['gamma-times'])
		);
		onlyIssue(result.issues, {
			file: PATHS.main,
			id: 'tst-actors-announcer',
			field: 'outlets[0]',
			message: /unknown source "gamma-times"/
		});
	});

	it('reports a story that lists an unknown source', () => {
		const result = check((f) => f.story.sources.push('gamma-times'));
		onlyIssue(result.issues, {
			file: PATHS.story,
			id: STORY_ID,
			field: 'sources[2]',
			message: /unknown source "gamma-times"/
		});
		expect(result.bundles[0]!.sources.map((s) => s.id)).toEqual([ALPHA, BETA]);
	});

	it('reports a story whose source file is broken, and the evidence that needs it', () => {
		const result = check((f) => delete f.beta.headline);
		expect(result.issues[0]).toMatchObject({ file: PATHS.beta, id: BETA, field: 'headline' });
		expect(result.issues.some((i) => i.file === PATHS.story && i.field === 'sources[1]')).toBe(
			true
		);
	});

	it('reports a bank whose story folder has no story.yaml', () => {
		const f = fixture();
		const orphan = 'questions/stories/lost-story/questions/a.yaml';
		const result = checkContent([
			...filesOf(f),
			{ kind: 'bank', path: orphan, story: 'lost-story', data: { questions: [] } }
		]);
		const issue = onlyIssue(result.issues, {
			file: orphan,
			message: /no story "lost-story" holds this bank.*story\.yaml/
		});
		expect(formatIssue(issue)).toBe(`${orphan}: ${issue.message}`);
		expect(result.bundles.map((b) => b.story.id)).toEqual([STORY_ID]);
	});

	it('reports the banks of a story whose story.yaml is broken', () => {
		const result = check((f) => delete f.story.title);
		expect(result.issues[0]).toMatchObject({ file: PATHS.story, id: STORY_ID, field: 'title' });
		const files = result.issues.slice(1).map((i) => i.file);
		expect(files).toEqual([PATHS.main, PATHS.extra]);
		expect(result.bundles).toEqual([]);
	});
});

describe('checkContent: number answers and tolerances', () => {
	it.each([
		['answer', Infinity],
		['answer', -Infinity],
		['answer', NaN],
		['tolerance', Infinity]
	])('reports %s %s, which JSON cannot carry', (field, value) => {
		const result = check((f) => (questionIn(f.extra, 'tst-dates-members')[field] = value));
		onlyIssue(result.issues, {
			file: PATHS.extra,
			id: 'tst-dates-members',
			field,
			message: /must be a finite number/
		});
		expect(questionIds(result)).not.toContain('tst-dates-members');
	});

	it.each([Infinity, -Infinity, NaN])('says what it got for %s, not null', (value) => {
		const result = check((f) => (questionIn(f.extra, 'tst-dates-members').answer = value));
		expect(result.issues.map((i) => i.message).join('\n')).not.toContain('got null');
	});
});

describe('checkContent: stories', () => {
	/** A second folder whose story.yaml copies the fixture's, id and all, with banks of its own. */
	const COPY = 'questions/stories/copy-story';
	function withCopy(f: Fixture): ReturnType<typeof checkContent> {
		const copy = structuredClone(f);
		return checkContent([
			...filesOf(f),
			{ kind: 'story', path: `${COPY}/story.yaml`, data: copy.story },
			{ kind: 'register', path: `${COPY}/ids.yaml`, story: 'copy-story', data: copy.register },
			{ kind: 'bank', path: `${COPY}/questions/main.yaml`, story: 'copy-story', data: copy.main },
			{ kind: 'bank', path: `${COPY}/questions/extra.yaml`, story: 'copy-story', data: copy.extra }
		]);
	}

	it('reports a second story with the same id once, on its story file, naming the first', () => {
		const result = withCopy(fixture());
		const issue = onlyIssue(result.issues, {
			file: `${COPY}/story.yaml`,
			id: STORY_ID,
			field: 'id',
			message: /another story has this id/
		});
		expect(issue.message).toContain(PATHS.story);
		expect(result.bundles.map((b) => b.story.id)).toEqual([STORY_ID]);
	});

	it('reports a story with no bank files', () => {
		const f = fixture();
		f.register = { shipped: [] };
		const result = checkContent(filesOf(f).filter((file) => file.kind !== 'bank'));
		onlyIssue(result.issues, { file: PATHS.story, id: STORY_ID, message: /has no questions/ });
		expect(result.bundles.map((b) => b.questions)).toEqual([[]]);
	});

	it('says no more than the schema when a story’s only bank fails it', () => {
		const f = fixture();
		f.main.questions = [];
		const files = filesOf(f).filter((file) => file.path !== PATHS.extra);
		onlyIssue(checkContent(files).issues, {
			file: PATHS.main,
			field: 'questions',
			message: /needs at least one question/
		});
	});

	it('says no more than the schema when every bank of a story fails it', () => {
		const result = check((f) => {
			f.main.questions = [];
			f.extra = { questions: 'none' } as unknown as Fixture['extra'];
		});
		expect(result.issues.length).toBeGreaterThan(0);
		for (const issue of result.issues) {
			expect([PATHS.main, PATHS.extra]).toContain(issue.file);
			expect(issue.message).not.toMatch(/has no questions/);
		}
	});

	it('says no more than the reader when a story’s only bank could not be read', () => {
		const f = fixture();
		const files = filesOf(f)
			.filter((file) => file.path !== PATHS.extra)
			.map((file) => (file.path === PATHS.main ? { ...file, data: undefined } : file));
		expect(checkContent(files).issues).toEqual([]);
	});

	it.each([
		['with its id', (q: Record<string, unknown>) => delete q.prompt],
		['without an id', (q: Record<string, unknown>) => delete q.id]
	])('says only what is wrong when a story’s only question is broken, %s', (_, breakIt) => {
		const f = fixture();
		f.main.questions = [f.main.questions[0]!];
		breakIt(f.main.questions[0]!);
		f.register = { shipped: [] };
		const files = filesOf(f).filter((file) => file.path !== PATHS.extra);
		const issues = checkContent(files).issues;
		expect(issues.length, issues.map(formatIssue).join('\n')).toBeGreaterThan(0);
		for (const issue of issues) {
			expect(issue.file).toBe(PATHS.main);
			expect(issue.message).not.toMatch(/has no questions/);
		}
	});
});
