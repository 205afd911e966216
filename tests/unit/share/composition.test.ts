import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	AssignmentSchema,
	encodeAssignment,
	MAX_TITLE_LENGTH,
	type Assignment
} from '$lib/share/assignment';
import { toBase64url } from '$lib/share/base64url';
import {
	CompositionSchema,
	duplicateComposition,
	newComposition,
	SharedAssignmentSchema,
	sharesAs,
	TakenAssignmentSchema,
	TeacherKeysSchema,
	toAssignment,
	type Composition,
	type SharedAssignment,
	type TakenAssignment,
	type TeacherKeys
} from '$lib/share/composition';
import { sampleAssignment, TEACHER_KEY } from './factory';

const NOW = 1_700_000_000_000;
const COMPOSITION_ID = 'comp_0123456789';
const COPY_ID = 'comp_9876543210';
const SHARED_ID = 'shared_0123456789';

const QUESTIONS = sampleAssignment().questions;

/** A composition that can be shared: a title, two questions, the rest as a new one has it. */
function composition(fields: Partial<Composition> = {}): Composition {
	return {
		...newComposition(COMPOSITION_ID, NOW),
		title: 'Albania and Iran',
		instructions: 'Answer on your own.',
		questions: QUESTIONS.map((q) => ({ ...q })),
		...fields
	};
}

function shareOf(c: Composition, id = SHARED_ID): Assignment {
	const made = toAssignment(c, { id, teacherKey: TEACHER_KEY, now: NOW + 1_000 });
	if (!made.ok) throw new Error(made.problem);
	return made.assignment;
}

const bytes32 = (fill: number) => toBase64url(new Uint8Array(32).fill(fill));

function keys(fields: Partial<TeacherKeys['privateJwk']> = {}): TeacherKeys {
	return {
		id: 'teacher',
		publicKey: TEACHER_KEY,
		privateJwk: { kty: 'EC', crv: 'P-256', x: bytes32(1), y: bytes32(2), d: bytes32(3), ...fields },
		createdAt: NOW
	};
}

describe('newComposition', () => {
	it('is empty and untitled, under the id and time given, with the defaults a teacher starts from', () => {
		expect(newComposition(COMPOSITION_ID, NOW)).toEqual({
			id: COMPOSITION_ID,
			title: '',
			instructions: '',
			questions: [],
			pick: { kind: 'all' },
			order: 'shuffled',
			timeLimitMinutes: null,
			attemptsAllowed: 1,
			due: null,
			feedback: 'each',
			createdAt: NOW,
			updatedAt: NOW,
			archived: false
		});
	});

	it('passes CompositionSchema, so it can be kept before anything is added', () => {
		expect(v.is(CompositionSchema, newComposition(COMPOSITION_ID, NOW))).toBe(true);
	});

	it('cannot be shared as it is', () => {
		const made = toAssignment(newComposition(COMPOSITION_ID, NOW), {
			id: SHARED_ID,
			teacherKey: TEACHER_KEY,
			now: NOW
		});
		expect(made.ok).toBe(false);
	});
});

describe('duplicateComposition', () => {
	const source = composition({
		pick: { kind: 'random', perCategory: { dates: 1, quotes: 1 }, same: true },
		archived: true,
		createdAt: NOW - 5_000,
		updatedAt: NOW - 1_000
	});

	it('copies everything under a new id and time, titled as a copy and not archived', () => {
		const copy = duplicateComposition(source, COPY_ID, NOW + 9_000);
		expect(copy).toEqual({
			...source,
			id: COPY_ID,
			title: 'Albania and Iran (copy)',
			createdAt: NOW + 9_000,
			updatedAt: NOW + 9_000,
			archived: false
		});
		expect(v.is(CompositionSchema, copy)).toBe(true);
	});

	it('is a deep copy: changing the copy’s questions or pick leaves the source as it was', () => {
		const before = structuredClone(source);
		const copy = duplicateComposition(source, COPY_ID, NOW);
		copy.questions[0]!.fingerprint = 'ffffffffffffffff';
		copy.questions.push({ storyId: 'story-x', questionId: 'q-x', fingerprint: '0000000000000000' });
		if (copy.pick.kind !== 'random') throw new Error('the copy lost its pick');
		copy.pick.perCategory.dates = 9;
		copy.pick.same = false;
		expect(source).toEqual(before);
	});

	it('keeps a copy of a title at the limit within the limit', () => {
		const long = composition({ title: 't'.repeat(MAX_TITLE_LENGTH) });
		const copy = duplicateComposition(long, COPY_ID, NOW);
		expect(copy.title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
		expect(v.is(CompositionSchema, copy)).toBe(true);
	});
});

describe('toAssignment', () => {
	const opts = { id: SHARED_ID, teacherKey: TEACHER_KEY, now: NOW + 1_000 };

	it.each(['', '   ', '\n\t '])('asks for a title when it has none (%j)', (title) => {
		expect(toAssignment(composition({ title }), opts)).toEqual({
			ok: false,
			problem: 'Give the assignment a title.'
		});
	});

	it('asks for a question when it has none', () => {
		expect(toAssignment(composition({ questions: [] }), opts)).toEqual({
			ok: false,
			problem: 'Add at least one question.'
		});
	});

	it('asks for the title first when both are missing', () => {
		const made = toAssignment(composition({ title: '', questions: [] }), opts);
		expect(made).toEqual({ ok: false, problem: 'Give the assignment a title.' });
	});

	it('names the field that stops an otherwise complete one being an assignment', () => {
		const noCategories = composition({ pick: { kind: 'random', perCategory: {}, same: false } });
		const made = toAssignment(noCategories, opts);
		expect(made.ok).toBe(false);
		if (made.ok) return;
		expect(made.problem).toMatch(/^pick\.perCategory: /);
		expect(made.problem).toContain('at least one category');

		const badKey = toAssignment(composition(), { ...opts, teacherKey: 'not a key' });
		expect(badKey.ok).toBe(false);
		if (!badKey.ok) expect(badKey.problem).toMatch(/^teacherKey: /);
	});

	it('makes a valid assignment, with the id, key and time given and the text trimmed', () => {
		const c = composition({
			title: '  Albania and Iran \n',
			instructions: '\n Answer on your own.  ',
			timeLimitMinutes: 20,
			attemptsAllowed: null,
			due: NOW + 86_400_000,
			feedback: 'released',
			order: 'fixed'
		});
		const made = toAssignment(c, opts);
		expect(made.ok).toBe(true);
		if (!made.ok) return;
		expect(v.is(AssignmentSchema, made.assignment)).toBe(true);
		expect(made.assignment).toEqual({
			id: SHARED_ID,
			title: 'Albania and Iran',
			instructions: 'Answer on your own.',
			createdAt: NOW + 1_000,
			questions: QUESTIONS,
			pick: { kind: 'all' },
			order: 'fixed',
			timeLimitMinutes: 20,
			attemptsAllowed: null,
			due: NOW + 86_400_000,
			feedback: 'released',
			teacherKey: TEACHER_KEY
		});
		// It can travel as a link.
		expect(() => encodeAssignment(made.assignment)).not.toThrow();
	});

	it('copies the questions and pick: changing the composition later does not change it', () => {
		const c = composition({ pick: { kind: 'random', perCategory: { dates: 2 }, same: false } });
		const made = shareOf(c);
		const before = structuredClone(made);
		c.questions[0]!.fingerprint = 'ffffffffffffffff';
		if (c.pick.kind === 'random') c.pick.perCategory.dates = 1;
		expect(made).toEqual(before);
	});
});

describe('sharesAs', () => {
	const base = composition({
		pick: { kind: 'random', perCategory: { dates: 1, quotes: 1 }, same: false },
		timeLimitMinutes: 20,
		attemptsAllowed: 2,
		due: NOW + 86_400_000
	});
	const shared = shareOf(base);

	it('is true for the assignment made from it', () => {
		expect(sharesAs(base, shared)).toBe(true);
	});

	it('is true after a change students do not see: archived, times, spaces around the text', () => {
		expect(sharesAs({ ...base, archived: true }, shared)).toBe(true);
		expect(sharesAs({ ...base, updatedAt: NOW + 99_000, createdAt: 0 }, shared)).toBe(true);
		expect(sharesAs({ ...base, title: ` ${base.title}  ` }, shared)).toBe(true);
		expect(sharesAs({ ...base, instructions: `${base.instructions}\n` }, shared)).toBe(true);
	});

	it('is true however the draw’s counts were set: in any order, as the composer may leave them', () => {
		const reordered = {
			...base,
			pick: { kind: 'random' as const, same: false, perCategory: { quotes: 1, dates: 1 } }
		};
		expect(sharesAs(reordered, shared)).toBe(true);
		expect(sharesAs(base, shareOf(reordered))).toBe(true);
	});

	it('is true whatever the shared version’s id, time and key', () => {
		const other = { ...shared, id: 'shared_9999999999', createdAt: 1, teacherKey: 'x' };
		expect(sharesAs(base, other)).toBe(true);
	});

	const [first, second] = QUESTIONS;
	const changes: [string, Partial<Composition>][] = [
		['title', { title: 'Another title' }],
		['instructions', { instructions: 'Work in pairs.' }],
		['a question removed', { questions: [first!] }],
		[
			'a question added',
			{
				questions: [
					...QUESTIONS,
					{ storyId: 'story-b', questionId: 'q-new', fingerprint: '0000000000000000' }
				]
			}
		],
		['the questions’ order', { questions: [second!, first!] }],
		[
			'a question’s fingerprint',
			{ questions: [{ ...first!, fingerprint: 'ffffffffffffffff' }, second!] }
		],
		['pick all', { pick: { kind: 'all' } }],
		[
			'how many are drawn',
			{ pick: { kind: 'random', perCategory: { dates: 2, quotes: 1 }, same: false } }
		],
		[
			'one draw for all',
			{ pick: { kind: 'random', perCategory: { dates: 1, quotes: 1 }, same: true } }
		],
		['order', { order: 'fixed' }],
		['time limit', { timeLimitMinutes: 30 }],
		['no time limit', { timeLimitMinutes: null }],
		['attempts', { attemptsAllowed: 3 }],
		['unlimited attempts', { attemptsAllowed: null }],
		['due date', { due: NOW + 1 }],
		['no due date', { due: null }],
		['feedback', { feedback: 'end' }]
	];

	it.each(changes)('is false after a change students would see: %s', (_what, change) => {
		expect(sharesAs({ ...base, ...change }, shared)).toBe(false);
	});
});

describe('the schemas of what a teacher and a student keep', () => {
	it('reads a composition, and rejects junk in it', () => {
		const good = composition();
		expect(v.is(CompositionSchema, good)).toBe(true);
		const bad: unknown[] = [
			null,
			'composition',
			{},
			{ ...good, id: 'short' },
			{ ...good, title: 't'.repeat(MAX_TITLE_LENGTH + 1) },
			{ ...good, questions: [...QUESTIONS, QUESTIONS[0]] },
			{ ...good, questions: [{ ...QUESTIONS[0], fingerprint: 'nope' }] },
			{ ...good, pick: { kind: 'some' } },
			{ ...good, order: 'random' },
			{ ...good, timeLimitMinutes: 0 },
			{ ...good, timeLimitMinutes: 1.5 },
			{ ...good, attemptsAllowed: 0 },
			{ ...good, due: -1 },
			{ ...good, feedback: 'never' },
			{ ...good, archived: 'no' },
			{ ...good, updatedAt: Number.NaN }
		];
		for (const value of bad)
			expect(v.is(CompositionSchema, value), JSON.stringify(value)).toBe(false);
	});

	it('reads a shared version, and rejects junk in it', () => {
		const good: SharedAssignment = {
			id: SHARED_ID,
			compositionId: COMPOSITION_ID,
			assignment: shareOf(composition()),
			sharedAt: NOW,
			policy: 'best',
			roster: ['Ana Lopes', 'Zoë Ünal'],
			released: false
		};
		expect(v.is(SharedAssignmentSchema, good)).toBe(true);
		const bad: unknown[] = [
			{ ...good, id: '' },
			{ ...good, compositionId: 'bad id!' },
			{ ...good, assignment: { ...good.assignment, title: ' ' } },
			{ ...good, assignment: { ...good.assignment, questions: [] } },
			{ ...good, policy: 'average' },
			{ ...good, roster: ['n'.repeat(81)] },
			{ ...good, roster: Array.from({ length: 1_001 }, (_, i) => `student ${i}`) },
			{ ...good, roster: [1] },
			{ ...good, released: 'yes' },
			{ ...good, sharedAt: 1.5 }
		];
		for (const value of bad) expect(v.is(SharedAssignmentSchema, value)).toBe(false);
	});

	it('reads the teacher’s keys, and rejects a private key of the wrong length or shape', () => {
		expect(v.is(TeacherKeysSchema, keys())).toBe(true);
		const short = toBase64url(new Uint8Array(31).fill(3));
		const long = toBase64url(new Uint8Array(33).fill(3));
		const bad: unknown[] = [
			keys({ d: short }),
			keys({ d: long }),
			keys({ d: `${bytes32(3)}=` }),
			keys({ d: 'not base64url!' }),
			keys({ x: short }),
			keys({ y: long }),
			{ ...keys(), id: 'student' },
			{ ...keys(), publicKey: bytes32(4) },
			{ ...keys(), privateJwk: { ...keys().privateJwk, crv: 'P-384' } },
			{ ...keys(), privateJwk: { ...keys().privateJwk, kty: 'RSA' } },
			{ ...keys(), createdAt: -1 }
		];
		for (const value of bad) expect(v.is(TeacherKeysSchema, value)).toBe(false);
	});

	it('reads an opened assignment, and rejects junk in it', () => {
		const good: TakenAssignment = {
			id: sampleAssignment().id,
			code: encodeAssignment(sampleAssignment()),
			name: 'Ana Lopes',
			openedAt: NOW,
			handIns: [{ attemptId: 'attempt-1', code: 'BR1.x.y', finishedAt: NOW + 1 }]
		};
		expect(v.is(TakenAssignmentSchema, good)).toBe(true);
		const bad: unknown[] = [
			{ ...good, id: 'x' },
			{ ...good, code: 'c'.repeat(200_001) },
			{ ...good, name: 'n'.repeat(81) },
			{ ...good, openedAt: -5 },
			{ ...good, handIns: {} },
			{ ...good, handIns: [{ attemptId: '', code: 'BR1', finishedAt: NOW }] },
			{ ...good, handIns: [{ attemptId: 'a', code: 'BR1', finishedAt: 'now' }] },
			{ ...good, handIns: [{ attemptId: 'a', finishedAt: NOW }] }
		];
		for (const value of bad) expect(v.is(TakenAssignmentSchema, value)).toBe(false);
	});
});
