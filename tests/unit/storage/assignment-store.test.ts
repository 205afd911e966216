import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newTeacherKeys } from '$lib/app/seal';
import {
	newComposition,
	toAssignment,
	type Composition,
	type SharedAssignment,
	type TakenAssignment,
	type TeacherKeys
} from '$lib/share/composition';
import { resultId } from '$lib/share/gradebook';
import type { ReceivedResult, ResultPayload } from '$lib/share/result';
import {
	IdbAssignmentStore,
	MemoryAssignmentStore,
	type AssignmentStore,
	type HandIn
} from '$lib/storage/assignment-store';
import { openBylineDB, type BylineDB } from '$lib/storage/db';
import { StorageError } from '$lib/storage/errors';
import type { SkippedRecord } from '$lib/storage/records';
import { sampleAssignment, TEACHER_KEY } from '../share/factory';

/** Connections a test opened, closed after it so a fresh factory never waits on them. */
let open: IDBPDatabase<BylineDB>[] = [];

beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
	open = [];
});

afterEach(() => {
	for (const db of open) db.close();
});

async function openDb(): Promise<IDBPDatabase<BylineDB>> {
	const db = await openBylineDB();
	open.push(db);
	return db;
}

/** What a refusal of an invalid record looks like. */
const INVALID = { name: 'StorageError', failure: 'invalid' };

async function refusesAsInvalid(call: Promise<unknown>): Promise<void> {
	const error = await call.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(StorageError);
	expect(error).toMatchObject(INVALID);
}

// --- records --------------------------------------------------------------------------------------

const COMPOSITION_ID = 'comp_0123456789';
const SHARED_ID = 'shared_0123456789';
const OTHER_SHARED_ID = 'shared_9876543210';
const TAKEN_ID = 'asg_0123456789';

function composition(overrides: Partial<Composition> = {}): Composition {
	return {
		...newComposition(COMPOSITION_ID, 1_000),
		title: 'Albania and Iran',
		questions: sampleAssignment().questions,
		...overrides
	};
}

function shared(overrides: Partial<SharedAssignment> = {}): SharedAssignment {
	const id = overrides.id ?? SHARED_ID;
	const made = toAssignment(composition(), { id, teacherKey: TEACHER_KEY, now: 2_000 });
	if (!made.ok) throw new Error(made.problem);
	return {
		id,
		compositionId: COMPOSITION_ID,
		assignment: made.assignment,
		sharedAt: 2_000,
		policy: 'best',
		roster: [],
		released: false,
		...overrides
	};
}

const [FIRST_QUESTION] = sampleAssignment().questions;

function payload(overrides: Partial<ResultPayload> = {}): ResultPayload {
	return {
		assignmentId: SHARED_ID,
		assignmentDigest: 'AbCd_-12',
		name: 'Zoë Ünal',
		attempt: 1,
		startedAt: 3_000,
		finishedAt: 4_000,
		late: false,
		timedOut: false,
		asked: [FIRST_QUESTION!.questionId],
		answers: [
			{
				questionId: FIRST_QUESTION!.questionId,
				response: { choice: '2013' },
				atSecond: 2
			}
		],
		...overrides
	};
}

function result(overrides: Partial<ResultPayload> = {}, receivedAt = 5_000): ReceivedResult {
	const p = payload(overrides);
	return { id: resultId(p), payload: p, receivedAt };
}

function taken(overrides: Partial<TakenAssignment> = {}): TakenAssignment {
	return {
		id: TAKEN_ID,
		code: 'a-code-as-the-link-gave-it',
		name: 'Zoë Ünal',
		openedAt: 1_500,
		handIns: [],
		...overrides
	};
}

function handIn(overrides: Partial<HandIn> = {}): HandIn {
	return { attemptId: 'attempt-1', code: 'result-code-1', finishedAt: 4_000, ...overrides };
}

const byId = <T extends { id: string }>(items: T[]) =>
	[...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

// --- both stores ----------------------------------------------------------------------------------

const implementations: [string, () => Promise<AssignmentStore>, AssignmentStore['kind']][] = [
	['IdbAssignmentStore', async () => new IdbAssignmentStore(await openDb()), 'device'],
	['MemoryAssignmentStore', async () => new MemoryAssignmentStore(), 'memory']
];

describe.each(implementations)('%s', (_name, makeStore, kind) => {
	it(`says it keeps assignments in ${kind}`, async () => {
		expect((await makeStore()).kind).toBe(kind);
	});

	it('starts empty', async () => {
		const store = await makeStore();
		expect(await store.teacherKeys()).toBeUndefined();
		expect(await store.compositions()).toEqual([]);
		expect(await store.getComposition(COMPOSITION_ID)).toBeUndefined();
		expect(await store.allShared()).toEqual([]);
		expect(await store.getShared(SHARED_ID)).toBeUndefined();
		expect(await store.resultsFor(SHARED_ID)).toEqual([]);
		expect(await store.getTaken(TAKEN_ID)).toBeUndefined();
	});

	describe('teacher keys', () => {
		it('keeps the first key pair and returns it', async () => {
			const store = await makeStore();
			const keys = await newTeacherKeys(1_000);
			expect(await store.keepTeacherKeys(keys)).toEqual(keys);
			expect(await store.teacherKeys()).toEqual(keys);
		});

		it('returns the key pair kept first when other keys come later, and keeps it', async () => {
			const store = await makeStore();
			const first = await newTeacherKeys(1_000);
			const second = await newTeacherKeys(2_000);
			expect(first.publicKey).not.toBe(second.publicKey);
			await store.keepTeacherKeys(first);
			expect(await store.keepTeacherKeys(second)).toEqual(first);
			expect(await store.teacherKeys()).toEqual(first);
		});

		it('keeps one key pair when two are kept at once, as two tabs might', async () => {
			const store = await makeStore();
			const [a, b] = await Promise.all([newTeacherKeys(1_000), newTeacherKeys(1_001)]);
			const [fromA, fromB] = await Promise.all([
				store.keepTeacherKeys(a),
				store.keepTeacherKeys(b)
			]);
			expect(fromA).toEqual(fromB);
			expect([a.publicKey, b.publicKey]).toContain(fromA.publicKey);
			expect(await store.teacherKeys()).toEqual(fromA);
		});

		it.each([
			['a public key that is not one', { publicKey: 'not-a-key' }],
			['another id', { id: 'student' }],
			['a private key of the wrong length', { privateJwk: { d: 'AAAA' } }],
			['a time before 1970', { createdAt: -1 }]
		])('refuses a key pair with %s as invalid, and keeps nothing', async (_what, change) => {
			const store = await makeStore();
			const keys = await newTeacherKeys(1_000);
			const bad = {
				...keys,
				...change,
				privateJwk: { ...keys.privateJwk, ...('privateJwk' in change ? change.privateJwk : {}) }
			} as TeacherKeys;
			await refusesAsInvalid(store.keepTeacherKeys(bad));
			expect(await store.teacherKeys()).toBeUndefined();
			// A valid pair is still kept afterwards: the refusal left nothing half-stored.
			expect(await store.keepTeacherKeys(keys)).toEqual(keys);
		});

		it('gives copies: changing the key pair returned does not change the one kept', async () => {
			const store = await makeStore();
			const keys = await newTeacherKeys(1_000);
			await store.keepTeacherKeys(keys);
			const got = (await store.teacherKeys())!;
			got.createdAt = 99;
			got.privateJwk.d = 'changed';
			expect(await store.teacherKeys()).toEqual(keys);
		});
	});

	describe('compositions', () => {
		it('saves a composition and reads it back', async () => {
			const store = await makeStore();
			await store.saveComposition(composition());
			expect(await store.getComposition(COMPOSITION_ID)).toEqual(composition());
			expect(await store.getComposition('comp_9999999999')).toBeUndefined();
		});

		it('replaces a composition saved again under the same id', async () => {
			const store = await makeStore();
			await store.saveComposition(composition());
			const edited = composition({ title: 'Edited', updatedAt: 3_000, archived: true });
			await store.saveComposition(edited);
			expect(await store.compositions()).toEqual([edited]);
		});

		it('lists compositions the most recently changed first', async () => {
			const store = await makeStore();
			await store.saveComposition(composition({ id: 'comp_bbbbbbbbbb', updatedAt: 20 }));
			await store.saveComposition(composition({ id: 'comp_aaaaaaaaaa', updatedAt: 30 }));
			await store.saveComposition(composition({ id: 'comp_cccccccccc', updatedAt: 10 }));
			expect((await store.compositions()).map((c) => c.id)).toEqual([
				'comp_aaaaaaaaaa',
				'comp_bbbbbbbbbb',
				'comp_cccccccccc'
			]);
		});

		it.each([
			['a title over 200 characters', composition({ title: 'x'.repeat(201) })],
			['a question listed twice', composition({ questions: [FIRST_QUESTION!, FIRST_QUESTION!] })],
			['an id that is not one', composition({ id: 'short' })],
			['no attempts allowed', composition({ attemptsAllowed: 0 })]
		])('refuses a composition with %s as invalid, and writes nothing', async (_what, bad) => {
			const store = await makeStore();
			await refusesAsInvalid(store.saveComposition(bad));
			expect(await store.compositions()).toEqual([]);
		});

		it('leaves the stored composition as it was when an invalid one is saved over it', async () => {
			const store = await makeStore();
			await store.saveComposition(composition());
			await refusesAsInvalid(
				store.saveComposition(composition({ title: 'x'.repeat(201), updatedAt: 9_000 }))
			);
			expect(await store.getComposition(COMPOSITION_ID)).toEqual(composition());
			expect(await store.compositions()).toEqual([composition()]);
		});

		it('keeps a title of exactly 200 characters', async () => {
			const store = await makeStore();
			const longest = composition({ title: 'x'.repeat(200) });
			await store.saveComposition(longest);
			expect(await store.getComposition(COMPOSITION_ID)).toEqual(longest);
		});

		it('gives copies: changing what it returns, or what was saved, does not change the store', async () => {
			const store = await makeStore();
			const saved = composition();
			await store.saveComposition(saved);
			saved.title = 'changed after saving';
			saved.questions.pop();

			const got = (await store.getComposition(COMPOSITION_ID))!;
			got.title = 'changed after reading';
			got.questions.length = 0;
			const [listed] = await store.compositions();
			listed!.pick = { kind: 'random', perCategory: { dates: 1 }, same: true };

			expect(await store.getComposition(COMPOSITION_ID)).toEqual(composition());
		});
	});

	describe('shared assignments', () => {
		it('keeps a shared version and reads it back', async () => {
			const store = await makeStore();
			await store.share(shared());
			expect(await store.getShared(SHARED_ID)).toEqual(shared());
			expect(await store.getShared(OTHER_SHARED_ID)).toBeUndefined();
			expect(await store.allShared()).toEqual([shared()]);
		});

		it('lists shared versions the most recently shared first', async () => {
			const store = await makeStore();
			await store.share(shared({ id: 'shared_aaaaaaaaaa', sharedAt: 200 }));
			await store.share(shared({ id: 'shared_bbbbbbbbbb', sharedAt: 300 }));
			await store.share(shared({ id: 'shared_cccccccccc', sharedAt: 100 }));
			expect((await store.allShared()).map((s) => s.id)).toEqual([
				'shared_bbbbbbbbbb',
				'shared_aaaaaaaaaa',
				'shared_cccccccccc'
			]);
		});

		it('refuses an invalid shared version, and writes nothing', async () => {
			const store = await makeStore();
			await refusesAsInvalid(store.share(shared({ roster: ['x'.repeat(81)] })));
			await refusesAsInvalid(
				store.share(shared({ assignment: sampleAssignment({ title: 'x'.repeat(201) }) }))
			);
			expect(await store.allShared()).toEqual([]);
		});

		it('changes the policy, the roster and whether feedback is released', async () => {
			const store = await makeStore();
			await store.share(shared());
			const changed = await store.updateShared(SHARED_ID, {
				policy: 'last',
				roster: ['Zoë Ünal', 'Ardit Hoxha'],
				released: true
			});
			const expected = shared({
				policy: 'last',
				roster: ['Zoë Ünal', 'Ardit Hoxha'],
				released: true
			});
			expect(changed).toEqual(expected);
			expect(await store.getShared(SHARED_ID)).toEqual(expected);
		});

		it('changes only what it is given, and leaves other shared versions alone', async () => {
			const store = await makeStore();
			await store.share(shared({ roster: ['Ardit Hoxha'] }));
			await store.share(shared({ id: OTHER_SHARED_ID, sharedAt: 3_000 }));
			expect(await store.updateShared(SHARED_ID, { released: true })).toEqual(
				shared({ roster: ['Ardit Hoxha'], released: true })
			);
			expect(await store.updateShared(SHARED_ID, { policy: 'first' })).toEqual(
				shared({ roster: ['Ardit Hoxha'], released: true, policy: 'first' })
			);
			expect(await store.getShared(OTHER_SHARED_ID)).toEqual(
				shared({ id: OTHER_SHARED_ID, sharedAt: 3_000 })
			);
		});

		it('refuses to change a shared version it does not hold, and invents none', async () => {
			const store = await makeStore();
			await refusesAsInvalid(store.updateShared(SHARED_ID, { released: true }));
			expect(await store.getShared(SHARED_ID)).toBeUndefined();
			expect(await store.allShared()).toEqual([]);
		});

		it.each([
			['a policy it does not know', { policy: 'worst' as never }],
			['a name too long in the roster', { roster: ['x'.repeat(81)] }],
			['a roster of over 1000 names', { roster: Array.from({ length: 1_001 }, (_, i) => `n${i}`) }],
			['released that is not true or false', { released: 'yes' as never }]
		])('refuses a change with %s, and leaves the version as it was', async (_what, change) => {
			const store = await makeStore();
			await store.share(shared());
			await refusesAsInvalid(store.updateShared(SHARED_ID, change));
			expect(await store.getShared(SHARED_ID)).toEqual(shared());
		});

		it('gives copies: changing what it returns does not change the store', async () => {
			const store = await makeStore();
			await store.share(shared());
			const got = (await store.getShared(SHARED_ID))!;
			got.roster.push('Intruder');
			got.assignment.title = 'changed';
			const updated = await store.updateShared(SHARED_ID, { released: true });
			updated.policy = 'first';
			updated.roster.push('Another');
			const [listed] = await store.allShared();
			listed!.released = false;
			expect(await store.getShared(SHARED_ID)).toEqual(shared({ released: true }));
		});
	});

	describe('results', () => {
		it('adds new results and says so', async () => {
			const store = await makeStore();
			const batch = [result({ name: 'Zoë Ünal' }), result({ name: 'Ardit Hoxha' })];
			expect(await store.addResults(batch)).toEqual({ added: batch, already: [] });
			expect(byId(await store.resultsFor(SHARED_ID))).toEqual(byId(batch));
		});

		it('adds nothing for an empty batch', async () => {
			const store = await makeStore();
			expect(await store.addResults([])).toEqual({ added: [], already: [] });
			expect(await store.resultsFor(SHARED_ID)).toEqual([]);
		});

		it('reports a result already kept (same id) as already there, and leaves it as it was', async () => {
			const store = await makeStore();
			const first = result({ name: 'Zoë Ünal' }, 5_000);
			await store.addResults([first]);
			// The same submission pasted again, later: same id, received later.
			const again = { ...first, receivedAt: 9_000 };
			const other = result({ name: 'Ardit Hoxha' });
			expect(await store.addResults([again, other])).toEqual({ added: [other], already: [again] });
			expect(byId(await store.resultsFor(SHARED_ID))).toEqual(byId([first, other]));
		});

		it('adds a result given twice in one batch once, and reports the second as already there', async () => {
			const store = await makeStore();
			const first = result({ name: 'Zoë Ünal' }, 5_000);
			const twice = { ...first, receivedAt: 6_000 };
			expect(await store.addResults([first, twice])).toEqual({ added: [first], already: [twice] });
			expect(await store.resultsFor(SHARED_ID)).toEqual([first]);
		});

		it.each([
			['a payload with an empty name', result({ name: '   ' })],
			['no id', { ...result({ name: 'Ardit Hoxha' }), id: '' }],
			['an answer to a question it was not asked', result({ name: 'Ardit Hoxha', asked: [] })],
			['a payload with an attempt of 0', result({ name: 'Ardit Hoxha', attempt: 0 })]
		])('refuses a batch with %s as invalid, and adds none of it', async (_what, bad) => {
			const store = await makeStore();
			const good = [result({ name: 'Zoë Ünal' }), result({ name: 'Besa Krasniqi' })];
			await refusesAsInvalid(store.addResults([good[0]!, bad, good[1]!]));
			expect(await store.resultsFor(SHARED_ID)).toEqual([]);
			// The good ones are still new afterwards.
			expect(await store.addResults(good)).toEqual({ added: good, already: [] });
		});

		it('leaves results already kept as they were when a batch is refused', async () => {
			const store = await makeStore();
			const kept = result({ name: 'Zoë Ünal' });
			await store.addResults([kept]);
			await refusesAsInvalid(
				store.addResults([result({ name: 'Ardit Hoxha' }), result({ name: '' })])
			);
			expect(await store.resultsFor(SHARED_ID)).toEqual([kept]);
		});

		it('returns only the asked-for assignment’s results', async () => {
			const store = await makeStore();
			const mine = [result({ name: 'Zoë Ünal' }), result({ name: 'Ardit Hoxha' })];
			const theirs = result({ name: 'Zoë Ünal', assignmentId: OTHER_SHARED_ID });
			await store.addResults([mine[0]!, theirs, mine[1]!]);
			expect(byId(await store.resultsFor(SHARED_ID))).toEqual(byId(mine));
			expect(await store.resultsFor(OTHER_SHARED_ID)).toEqual([theirs]);
			expect(await store.resultsFor('shared_nothing_here')).toEqual([]);
		});

		it('gives copies: changing a result returned or given does not change the store', async () => {
			const store = await makeStore();
			const given = result({ name: 'Zoë Ünal' });
			await store.addResults([given]);
			given.payload.name = 'changed after adding';
			const [got] = await store.resultsFor(SHARED_ID);
			got!.payload.answers.length = 0;
			got!.receivedAt = 1;
			expect(await store.resultsFor(SHARED_ID)).toEqual([result({ name: 'Zoë Ünal' })]);
		});
	});

	describe('opened assignments', () => {
		it('saves an opened assignment and reads it back', async () => {
			const store = await makeStore();
			await store.saveTaken(taken());
			expect(await store.getTaken(TAKEN_ID)).toEqual(taken());
			expect(await store.getTaken('asg_9999999999')).toBeUndefined();
		});

		it('refuses an invalid opened assignment, and writes nothing', async () => {
			const store = await makeStore();
			await refusesAsInvalid(store.saveTaken(taken({ name: 'x'.repeat(81) })));
			await refusesAsInvalid(store.saveTaken(taken({ handIns: [handIn({ attemptId: '' })] })));
			expect(await store.getTaken(TAKEN_ID)).toBeUndefined();
		});

		it('adds a hand-in code, and returns the assignment with it', async () => {
			const store = await makeStore();
			await store.saveTaken(taken());
			const first = handIn();
			const second = handIn({ attemptId: 'attempt-2', code: 'result-code-2', finishedAt: 6_000 });
			expect(await store.addHandIn(TAKEN_ID, first)).toEqual(taken({ handIns: [first] }));
			expect(await store.addHandIn(TAKEN_ID, second)).toEqual(taken({ handIns: [first, second] }));
			expect(await store.getTaken(TAKEN_ID)).toEqual(taken({ handIns: [first, second] }));
		});

		it('adds a hand-in code once per attempt: the first one stands', async () => {
			const store = await makeStore();
			await store.saveTaken(taken());
			await store.addHandIn(TAKEN_ID, handIn());
			const again = handIn({ code: 'another-code', finishedAt: 9_000 });
			expect(await store.addHandIn(TAKEN_ID, again)).toEqual(taken({ handIns: [handIn()] }));
			expect(await store.getTaken(TAKEN_ID)).toEqual(taken({ handIns: [handIn()] }));
		});

		it('refuses a hand-in for an assignment it does not hold, and invents none', async () => {
			const store = await makeStore();
			await refusesAsInvalid(store.addHandIn(TAKEN_ID, handIn()));
			expect(await store.getTaken(TAKEN_ID)).toBeUndefined();
		});

		it('refuses an invalid hand-in, and leaves the assignment as it was', async () => {
			const store = await makeStore();
			await store.saveTaken(taken());
			await refusesAsInvalid(store.addHandIn(TAKEN_ID, handIn({ attemptId: '' })));
			await refusesAsInvalid(store.addHandIn(TAKEN_ID, handIn({ finishedAt: -1 })));
			expect(await store.getTaken(TAKEN_ID)).toEqual(taken());
		});

		it('gives copies: changing what it returns does not change the store', async () => {
			const store = await makeStore();
			await store.saveTaken(taken());
			const got = (await store.getTaken(TAKEN_ID))!;
			got.handIns.push(handIn());
			const added = await store.addHandIn(TAKEN_ID, handIn({ attemptId: 'attempt-2' }));
			added.handIns.length = 0;
			expect(await store.getTaken(TAKEN_ID)).toEqual(
				taken({ handIns: [handIn({ attemptId: 'attempt-2' })] })
			);
		});
	});
});

// --- the device's store only ----------------------------------------------------------------------

describe('IdbAssignmentStore reading records it did not write', () => {
	let skipped: SkippedRecord[];
	let db: IDBPDatabase<BylineDB>;
	let store: IdbAssignmentStore;

	beforeEach(async () => {
		skipped = [];
		db = await openDb();
		store = new IdbAssignmentStore(db, (s) => skipped.push(s));
	});

	/** Puts a value straight into a store, past every type and check. */
	const putJunk = (name: Parameters<typeof db.put>[0], value: unknown) =>
		db.put(name, value as never);

	it('skips a key pair that no longer reads, says so, and keeps a new one over it', async () => {
		await putJunk('teacherKeys', { id: 'teacher', publicKey: 'nope' });
		expect(await store.teacherKeys()).toBeUndefined();
		expect(skipped).toEqual([expect.objectContaining({ store: 'teacherKeys' })]);

		const keys = await newTeacherKeys(1_000);
		expect(await store.keepTeacherKeys(keys)).toEqual(keys);
		expect(await store.teacherKeys()).toEqual(keys);
		expect(skipped).toHaveLength(2);
		expect(skipped.every((s) => s.store === 'teacherKeys' && s.reason.length > 0)).toBe(true);
	});

	it('skips compositions that fail validation, says so, and returns the rest', async () => {
		await store.saveComposition(composition());
		await putJunk('compositions', { ...composition({ id: 'comp_junk_00001' }), questions: 'nope' });
		await putJunk('compositions', { id: 'comp_junk_00002', updatedAt: 5 });
		await putJunk('compositions', { ...composition({ id: 'comp_junk_00003' }), title: 7 });

		expect(await store.compositions()).toEqual([composition()]);
		expect(skipped).toHaveLength(3);
		expect(skipped.every((s) => s.store === 'compositions')).toBe(true);
		expect(skipped.map((s) => s.reason)).toContainEqual(expect.stringMatching(/^questions: /));
		expect(skipped.map((s) => s.reason)).toContainEqual(expect.stringMatching(/^title: /));

		skipped.length = 0;
		expect(await store.getComposition('comp_junk_00001')).toBeUndefined();
		expect(skipped).toEqual([expect.objectContaining({ store: 'compositions' })]);
	});

	it('skips shared versions that fail validation, says so, and refuses to change them', async () => {
		await store.share(shared());
		const junk = { ...shared({ id: OTHER_SHARED_ID }), policy: 'worst' };
		await putJunk('sharedAssignments', junk);

		expect(await store.allShared()).toEqual([shared()]);
		expect(await store.getShared(OTHER_SHARED_ID)).toBeUndefined();
		expect(skipped.map((s) => s.store)).toEqual(['sharedAssignments', 'sharedAssignments']);
		expect(skipped[0]!.reason).toMatch(/^policy: /);

		await refusesAsInvalid(store.updateShared(OTHER_SHARED_ID, { policy: 'best' }));
		expect(await db.get('sharedAssignments', OTHER_SHARED_ID)).toEqual(junk);
	});

	it('skips results that fail validation, says so, and returns the rest', async () => {
		const good = result({ name: 'Zoë Ünal' });
		await store.addResults([good]);
		await putJunk('results', { id: 'no-payload', receivedAt: 5 });
		await putJunk('results', {
			...result({ name: 'Ardit Hoxha' }),
			payload: { ...payload({ name: 'Ardit Hoxha' }), attempt: -1 }
		});

		expect(await store.resultsFor(SHARED_ID)).toEqual([good]);
		// The record with no payload is not in the index, so only the other is read and reported.
		expect(skipped).toEqual([expect.objectContaining({ store: 'results' })]);
		expect(skipped[0]!.reason).toMatch(/^payload\.attempt: /);
	});

	it('adds a result over a stored one that no longer reads, and says so', async () => {
		const fresh = result({ name: 'Zoë Ünal' });
		await putJunk('results', { id: fresh.id, receivedAt: 5 });
		expect(await store.addResults([fresh])).toEqual({ added: [fresh], already: [] });
		expect(skipped.map((s) => s.store)).toEqual(['results']);
		expect(await store.resultsFor(SHARED_ID)).toEqual([fresh]);
	});

	it('skips an opened assignment that fails validation, says so, and refuses a hand-in for it', async () => {
		const junk = { ...taken(), handIns: null };
		await putJunk('takenAssignments', junk);
		expect(await store.getTaken(TAKEN_ID)).toBeUndefined();
		expect(skipped).toEqual([expect.objectContaining({ store: 'takenAssignments' })]);
		expect(skipped[0]!.reason).toMatch(/^handIns: /);

		await refusesAsInvalid(store.addHandIn(TAKEN_ID, handIn()));
		expect(await db.get('takenAssignments', TAKEN_ID)).toEqual(junk);
		expect(skipped).toHaveLength(2);
	});

	it('never throws on reading junk, in any store', async () => {
		await putJunk('teacherKeys', { id: 'teacher' });
		await putJunk('compositions', { id: 'comp_junk_00001', questions: 'nope' });
		await putJunk('sharedAssignments', { id: SHARED_ID });
		await putJunk('results', { id: 'r', payload: { assignmentId: SHARED_ID } });
		await putJunk('takenAssignments', { id: TAKEN_ID, code: 5 });

		await expect(store.teacherKeys()).resolves.toBeUndefined();
		await expect(store.compositions()).resolves.toEqual([]);
		await expect(store.getComposition('comp_junk_00001')).resolves.toBeUndefined();
		await expect(store.allShared()).resolves.toEqual([]);
		await expect(store.getShared(SHARED_ID)).resolves.toBeUndefined();
		await expect(store.resultsFor(SHARED_ID)).resolves.toEqual([]);
		await expect(store.getTaken(TAKEN_ID)).resolves.toBeUndefined();
		expect(skipped.map((s) => s.store)).toEqual([
			'teacherKeys',
			'compositions',
			'compositions',
			'sharedAssignments',
			'sharedAssignments',
			'results',
			'takenAssignments'
		]);
	});
});

describe('IdbAssignmentStore across connections', () => {
	it('keeps one key pair when two tabs keep theirs at once', async () => {
		const tabA = new IdbAssignmentStore(await openDb());
		const tabB = new IdbAssignmentStore(await openDb());
		const [a, b] = await Promise.all([newTeacherKeys(1_000), newTeacherKeys(1_001)]);
		const [fromA, fromB] = await Promise.all([tabA.keepTeacherKeys(a), tabB.keepTeacherKeys(b)]);
		expect(fromA).toEqual(fromB);
		expect(await tabA.teacherKeys()).toEqual(fromA);
		expect(await tabB.teacherKeys()).toEqual(fromA);
	});

	it('reads everything back after the database is closed and opened again', async () => {
		const first = await openBylineDB();
		const before = new IdbAssignmentStore(first);
		const keys = await newTeacherKeys(1_000);
		const results = [result({ name: 'Zoë Ünal' }), result({ name: 'Ardit Hoxha' })];
		await before.keepTeacherKeys(keys);
		await before.saveComposition(composition());
		await before.share(shared());
		await before.updateShared(SHARED_ID, { roster: ['Zoë Ünal'], released: true });
		await before.addResults(results);
		await before.saveTaken(taken());
		await before.addHandIn(TAKEN_ID, handIn());
		first.close();

		const skipped: SkippedRecord[] = [];
		const after = new IdbAssignmentStore(await openDb(), (s) => skipped.push(s));
		expect(await after.teacherKeys()).toEqual(keys);
		expect(await after.compositions()).toEqual([composition()]);
		expect(await after.allShared()).toEqual([shared({ roster: ['Zoë Ünal'], released: true })]);
		expect(byId(await after.resultsFor(SHARED_ID))).toEqual(byId(results));
		expect(await after.getTaken(TAKEN_ID)).toEqual(taken({ handIns: [handIn()] }));
		// Still the first pair, and results already kept are known as such.
		expect(await after.keepTeacherKeys(await newTeacherKeys(2_000))).toEqual(keys);
		expect(await after.addResults([results[0]!])).toEqual({ added: [], already: [results[0]] });
		expect(skipped).toEqual([]);
	});
});
