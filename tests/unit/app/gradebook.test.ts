import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
	EMPTY_RECEIPT,
	clipCode,
	csvFile,
	fileNameOf,
	loadGradebook,
	receiptSentences,
	receiveCodes,
	rosterNames,
	rosterProblem,
	textOfFile,
	type ReceiveDeps,
	type Receipt
} from '$lib/app/gradebook';
import { newTeacherKeys, privateKeyOf, sealResult } from '$lib/app/seal';
import type { Question, StorySummary } from '$lib/content/model';
import { assignmentDigest, encodeAssignment, type Assignment } from '$lib/share/assignment';
import type { SharedAssignment, TeacherKeys } from '$lib/share/composition';
import { resultId } from '$lib/share/gradebook';
import type { ReceivedResult, ResultPayload } from '$lib/share/result';
import { MemoryAssignmentStore } from '$lib/storage/assignment-store';
import { StorageError } from '$lib/storage/errors';
import { NOW, OUTLETS, question, STORY } from '../quiz/factory';
import { HOSTILE, sampleAssignment } from '../share/factory';

// --- a teacher, an assignment shared from this device, and students' codes ----------------------

const QUESTIONS: Question[] = [
	{ ...question('q-1', 'dates'), actors: ['actor-a'], outlets: ['outlet-a'] },
	{ ...question('q-2', 'actors'), actors: ['actor-a', 'actor-b'] },
	{ ...question('q-3', 'quotes'), outlets: ['outlet-b'] }
].map((q, i) => ({ ...q, fingerprint: `${i + 1}`.padStart(16, '0') }));
const STORIES: StorySummary[] = [
	{
		id: STORY,
		title: 'A story',
		summary: '',
		date: '2022-09-07',
		outlets: OUTLETS,
		actors: [
			{ id: 'actor-a', name: 'Edi Rama' },
			{ id: 'actor-b', name: 'Adrienne Watson' }
		],
		counts: { dates: 1, actors: 1, quotes: 1, sources: 0 },
		differing: []
	}
];

let keys: TeacherKeys;
let privateKey: CryptoKey;
let assignment: Assignment;
let other: Assignment;

function sharedOf(a: Assignment, overrides: Partial<SharedAssignment> = {}): SharedAssignment {
	return {
		id: a.id,
		compositionId: 'comp_0123456789',
		assignment: a,
		sharedAt: NOW,
		policy: 'best',
		roster: [],
		released: false,
		...overrides
	};
}

function payloadOf(a: Assignment, name: string, right: number, attempt = 1): ResultPayload {
	return {
		assignmentId: a.id,
		assignmentDigest: assignmentDigest(a),
		name,
		attempt,
		startedAt: NOW + attempt,
		finishedAt: NOW + 60_000,
		late: false,
		timedOut: false,
		asked: a.questions.map((q) => q.questionId),
		answers: a.questions.map((q, i) => ({
			questionId: q.questionId,
			response: { value: i < right },
			atSecond: i
		}))
	};
}

/** A memory store holding the shared assignments, and the deps that open codes into it. */
async function teacherDevice(...shared: SharedAssignment[]) {
	const assignments = new MemoryAssignmentStore();
	await assignments.keepTeacherKeys(keys);
	for (const s of shared) await assignments.share(s);
	const deps: ReceiveDeps = { assignments, keys, privateKey, now: () => NOW + 3_600_000 };
	return { assignments, deps };
}

beforeAll(async () => {
	keys = await newTeacherKeys(NOW);
	privateKey = await privateKeyOf(keys);
	assignment = sampleAssignment({
		id: 'asg_gradebook_01',
		teacherKey: keys.publicKey,
		questions: QUESTIONS.map((q) => ({
			storyId: STORY,
			questionId: q.id,
			fingerprint: q.fingerprint
		}))
	});
	other = { ...assignment, id: 'asg_gradebook_02', title: 'Another assignment' };
});

// --- receiving codes -----------------------------------------------------------------------------

describe('receiveCodes', () => {
	it('opens every code in pasted chat text and keeps them, counting what was new', async () => {
		const { assignments, deps } = await teacherDevice(sharedOf(assignment));
		const [ana, ben] = await Promise.all([
			sealResult(payloadOf(assignment, 'Ana Lopes', 2), assignment),
			sealResult(payloadOf(assignment, 'Ben Okafor', 3), assignment)
		]);
		const text = `Ana: here it is ${ana}.\nBen sent: ${ben} ${ana}`;
		const receipt = await receiveCodes(text, deps);
		expect(receipt.found).toBe(3);
		expect(receipt.added.map((r) => r.payload.name)).toEqual(['Ana Lopes', 'Ben Okafor']);
		expect(receipt.already.map((r) => r.payload.name)).toEqual(['Ana Lopes']);
		expect(receipt.refused).toEqual([]);
		expect(receipt.titles).toEqual({ [assignment.id]: assignment.title });
		expect(receipt.added[0]).toMatchObject({
			id: resultId(receipt.added[0]!.payload),
			receivedAt: NOW + 3_600_000
		});
		expect(await assignments.resultsFor(assignment.id)).toHaveLength(2);

		const again = await receiveCodes(ana, deps);
		expect(again.added).toEqual([]);
		expect(again.already).toHaveLength(1);
		expect(receiptSentences(again, assignment.id)).toEqual([
			'Nothing new: this result was already in the gradebook.'
		]);
	});

	it('refuses each bad code with its own reason and keeps the good ones', async () => {
		const { assignments, deps } = await teacherDevice(sharedOf(assignment));
		const stranger = await newTeacherKeys(NOW);
		const theirs = { ...assignment, teacherKey: stranger.publicKey };
		const notShared = { ...assignment, id: 'asg_deleted_0001' };
		const good = await sealResult(payloadOf(assignment, 'Ana Lopes', 1), assignment);
		const codes = [
			good,
			await sealResult(payloadOf(theirs, 'Other class', 1), theirs),
			good.slice(0, 400),
			await sealResult(payloadOf(notShared, 'Gone', 1), notShared),
			good.slice(0, -3) + (good.endsWith('AAA') ? 'BBB' : 'AAA')
		];
		const receipt = await receiveCodes(codes.join('\n'), deps);
		expect(receipt.found).toBe(5);
		expect(receipt.added.map((r) => r.payload.name)).toEqual(['Ana Lopes']);
		expect(receipt.refused.map((r) => r.position)).toEqual([2, 3, 4, 5]);
		expect(receipt.refused[0]!.message).toMatch(/another teacher/);
		expect(receipt.refused[1]!.message).toMatch(/incomplete/);
		expect(receipt.refused[2]!.message).toMatch(/not made on this device/);
		expect(receipt.refused[3]!.message).toMatch(/changed or damaged/);
		// Each refused code is shown by its start and its end, which tells codes apart.
		expect(receipt.refused[0]!.code).toBe(clipCode(codes[1]!));
		expect(receipt.refused[0]!.code).toMatch(/^BR1\..{10}….{8}$/);
		expect(await assignments.resultsFor(assignment.id)).toHaveLength(1);
		expect(receiptSentences(receipt, assignment.id)).toEqual([
			'Added 1 result.',
			'4 could not be read:'
		]);
	});

	it('says so when the text holds no result code, or an assignment link instead', async () => {
		const { deps } = await teacherDevice(sharedOf(assignment));
		const none = await receiveCodes('Thanks, see you tomorrow!', deps);
		expect(none.found).toBe(0);
		expect(none.refused).toEqual([
			{ code: '', position: 0, message: expect.stringMatching(/No result code found/) }
		]);
		expect(receiptSentences(none, assignment.id)).toEqual(['Nothing was added.']);

		const link = await receiveCodes(
			`https://byline.example/assignment#${encodeAssignment(assignment)}`,
			deps
		);
		expect(link.refused[0]!.message).toMatch(/This is an assignment link, not a result code/);

		expect((await receiveCodes('   ', deps)).refused[0]!.message).toMatch(/nothing to read/);
		expect((await receiveCodes('BR1.abc', deps)).refused[0]!.message).toMatch(/incomplete/);
	});

	it('keeps a result for another assignment shared here in that one’s gradebook', async () => {
		const { assignments, deps } = await teacherDevice(sharedOf(assignment), sharedOf(other));
		const code = await sealResult(payloadOf(other, 'Pat Doe', 1), other);
		const receipt = await receiveCodes(code, deps);
		expect(receipt.added).toHaveLength(1);
		expect(await assignments.resultsFor(other.id)).toHaveLength(1);
		expect(receiptSentences(receipt, assignment.id)).toEqual([
			'Added 1 result.',
			'1 of them is for another assignment, “Another assignment”, and went to its gradebook.'
		]);
	});

	it('opens 40 codes pasted at once and keeps them in one call', async () => {
		const { assignments, deps } = await teacherDevice(sharedOf(assignment));
		const codes = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				sealResult(payloadOf(assignment, `Student ${i + 1}`, i % 4), assignment)
			)
		);
		const add = vi.spyOn(assignments, 'addResults');
		const get = vi.spyOn(assignments, 'getShared');
		const receipt = await receiveCodes(codes.join('\n'), deps);
		expect(receipt.added).toHaveLength(40);
		expect(add).toHaveBeenCalledTimes(1);
		// The assignment is looked up once for all its codes.
		expect(get).toHaveBeenCalledTimes(1);
		expect(receiptSentences(receipt, assignment.id)).toEqual(['Added 40 results.']);
	});

	it('keeps none when storage fails, and throws the storage error', async () => {
		const { assignments, deps } = await teacherDevice(sharedOf(assignment));
		vi.spyOn(assignments, 'addResults').mockRejectedValueOnce(new StorageError('quota'));
		const code = await sealResult(payloadOf(assignment, 'Ana Lopes', 1), assignment);
		await expect(receiveCodes(code, deps)).rejects.toMatchObject({ failure: 'quota' });
		expect(await assignments.resultsFor(assignment.id)).toEqual([]);
	});

	it('keeps names exactly as typed, markup and all', async () => {
		const { assignments, deps } = await teacherDevice(sharedOf(assignment));
		const names = HOSTILE.filter((n) => n.trim() !== '' && n.length <= 80);
		const codes = await Promise.all(
			names.map((name) => sealResult(payloadOf(assignment, name, 1), assignment))
		);
		const receipt = await receiveCodes(codes.join(' '), deps);
		expect(receipt.added.map((r) => r.payload.name)).toEqual(names);
		const kept = await assignments.resultsFor(assignment.id);
		expect(kept.map((r) => r.payload.name).sort()).toEqual([...names].sort());
	});
});

describe('receiptSentences', () => {
	const result = (assignmentId: string): ReceivedResult =>
		({ id: 'x', payload: { assignmentId }, receivedAt: 0 }) as unknown as ReceivedResult;
	const receipt = (fields: Partial<Receipt>): Receipt => ({ ...EMPTY_RECEIPT, ...fields });

	it('counts what was added, what was there already and what could not be read', () => {
		const here = result(assignment.id);
		expect(
			receiptSentences(
				receipt({
					added: [here, here, here],
					already: [here],
					refused: [
						{ code: 'a', position: 5, message: 'm' },
						{ code: 'b', position: 6, message: 'm' }
					],
					found: 6
				}),
				assignment.id
			)
		).toEqual(['Added 3 results.', '1 was already in the gradebook.', '2 could not be read:']);
		expect(receiptSentences(receipt({ already: [here, here], found: 2 }), assignment.id)).toEqual([
			'Nothing new: all 2 were already in the gradebook.'
		]);
	});
});

// --- the gradebook -------------------------------------------------------------------------------

/** The built JSON the app fetches, served from memory. */
function fakeFetch(): typeof fetch {
	const files: Record<string, unknown> = {
		[`/data/questions/${STORY}.json`]: QUESTIONS
	};
	return (async (input: RequestInfo | URL) => {
		const path = String(input);
		return path in files
			? new Response(JSON.stringify(files[path]), { status: 200 })
			: new Response('Not found', { status: 404 });
	}) as typeof fetch;
}

describe('loadGradebook', () => {
	it('is null for an assignment this device did not share', async () => {
		const { assignments } = await teacherDevice(sharedOf(assignment));
		expect(
			await loadGradebook('asg_unknown_0001', { assignments, fetch: fakeFetch(), stories: STORIES })
		).toBeNull();
	});

	it('grades the results with the assignment’s settings, and names actors and outlets', async () => {
		const { assignments } = await teacherDevice(
			sharedOf(assignment, { policy: 'last', roster: ['Ana Lopes', 'Ben Okafor', 'Cleo Ng'] })
		);
		const results = [
			payloadOf(assignment, 'Ana Lopes', 3, 1),
			payloadOf(assignment, 'ana lopes', 1, 2),
			payloadOf(assignment, 'Ben Okafor', 2)
		].map((p, i) => ({ id: resultId(p), payload: p, receivedAt: NOW + i }));
		await assignments.addResults(results);
		const loaded = await loadGradebook(assignment.id, {
			assignments,
			fetch: fakeFetch(),
			stories: STORIES
		});
		expect(loaded).not.toBeNull();
		const { book, items, weakest, names } = loaded!;
		expect(book.students.map((s) => [s.name, s.counted.percent, s.submissions.length])).toEqual([
			['ana lopes', 33, 2],
			['Ben Okafor', 67, 1]
		]);
		expect(book.missing).toEqual(['Cleo Ng']);
		expect(items.map((i) => i.shareRight)).toEqual([1, 0.5, 0]);
		expect(weakest.actors.map((a) => names.actors.get(a.id))).toEqual([
			'Adrienne Watson',
			'Edi Rama'
		]);
		expect(weakest.outlets.map((o) => names.outlets.get(o.id))).toEqual([
			'Beta Wire',
			'Alpha News Service'
		]);
	});
});

// --- files ---------------------------------------------------------------------------------------

describe('csvFile', () => {
	it('is UTF-16LE with its mark, named after the assignment', async () => {
		const { assignments } = await teacherDevice(sharedOf(assignment));
		const loaded = await loadGradebook(assignment.id, {
			assignments,
			fetch: fakeFetch(),
			stories: STORIES
		});
		const file = csvFile(loaded!.book, 'Albania & Iran: who said what?', () => 'then');
		expect(file.name).toBe('Albania-Iran-who-said-what-gradebook.csv');
		expect(file.blob.type).toBe('text/csv;charset=utf-16le');
		const bytes = new Uint8Array(await file.blob.arrayBuffer());
		expect([...bytes.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x4e, 0x00]);
		expect(new TextDecoder('utf-16le').decode(bytes.subarray(2))).toMatch(/^Name\tAttempt/);
	});

	it('makes a safe file name of any title', () => {
		expect(fileNameOf('日本語の課題 1')).toBe('日本語の課題-1-gradebook.csv');
		expect(fileNameOf('../../etc/passwd')).toBe('etc-passwd-gradebook.csv');
		expect(fileNameOf('<script>alert(1)</script>')).toBe('script-alert-1-script-gradebook.csv');
		expect(fileNameOf('???')).toBe('gradebook.csv');
		expect(fileNameOf('a'.repeat(300))).toBe(`${'a'.repeat(60)}-gradebook.csv`);
	});
});

describe('textOfFile', () => {
	it('reads UTF-8, and UTF-16 as Windows saves "Unicode text"', async () => {
		const text = 'Zoë: BR1.abc\r\n';
		expect(await textOfFile(new Blob([text]))).toBe(text);
		expect(await textOfFile(new Blob([Uint8Array.of(0xef, 0xbb, 0xbf), text]))).toBe(text);
		const utf16 = new Uint8Array(2 + text.length * 2);
		utf16.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i);
		expect(await textOfFile(new Blob([utf16]))).toBe(text);
	});

	it('refuses a file far larger than any class’s codes', async () => {
		expect(await textOfFile(new Blob([new Uint8Array(11 * 1024 * 1024)]))).toBeNull();
	});
});

describe('the roster', () => {
	it('is one name a line, blanks left out', () => {
		expect(rosterNames('  Ana Lopes \r\n\nBen Okafor\r  \n')).toEqual(['Ana Lopes', 'Ben Okafor']);
	});

	it('refuses a name too long to be one, or too many names', () => {
		expect(rosterProblem(['Ana', 'x'.repeat(81)])).toMatch(/Name 2 is longer than 80/);
		expect(rosterProblem(Array.from({ length: 1001 }, (_, i) => `n${i}`))).toMatch(/at most 1,000/);
		expect(rosterProblem(['Ana'])).toBeNull();
	});
});
