import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	ASSIGNMENT_VERSION,
	assignmentDigest,
	AssignmentSchema,
	assignmentLink,
	decodeAssignment,
	encodeAssignment,
	type Assignment
} from '$lib/share/assignment';
import { MAX_CODE_LENGTH, type CodeResult } from '$lib/share/code';
import { encodeResult } from '$lib/share/result';
import {
	assignment,
	HOSTILE,
	largestAssignment,
	sampleAssignment,
	sealJson,
	TEACHER_KEY
} from './factory';

function problemOf(result: CodeResult<unknown>): string {
	if (result.ok) throw new Error('expected an error');
	return `${result.error.reason}: ${result.error.message}`;
}

describe('AssignmentSchema', () => {
	const invalid = (overrides: Partial<Record<keyof Assignment, unknown>>) =>
		v.safeParse(AssignmentSchema, { ...sampleAssignment(), ...overrides }).success;

	it('accepts the sample and refuses each field out of bounds', () => {
		expect(v.is(AssignmentSchema, sampleAssignment())).toBe(true);
		const bad: [string, Partial<Record<keyof Assignment, unknown>>][] = [
			['a short id', { id: 'short' }],
			['an id with a slash', { id: 'abc/defghijk' }],
			['an empty title', { title: '  ' }],
			['a long title', { title: 'x'.repeat(201) }],
			['long instructions', { instructions: 'x'.repeat(2001) }],
			['no questions', { questions: [] }],
			[
				'a question twice',
				{ questions: [...sampleAssignment().questions, sampleAssignment().questions[0]] }
			],
			[
				'an upper-case fingerprint',
				{ questions: [{ storyId: 's', questionId: 'q', fingerprint: '0123456789ABCDEF' }] }
			],
			[
				'an id that is not a content id',
				{ questions: [{ storyId: 'S S', questionId: 'q', fingerprint: '0123456789abcdef' }] }
			],
			['a random pick from no category', { pick: { kind: 'random', perCategory: {}, same: true } }],
			[
				'an unknown category',
				{ pick: { kind: 'random', perCategory: { weather: 2 }, same: true } }
			],
			['a draw of none', { pick: { kind: 'random', perCategory: { dates: 0 }, same: true } }],
			['a time limit of 0', { timeLimitMinutes: 0 }],
			['a time limit of 601', { timeLimitMinutes: 601 }],
			['21 attempts', { attemptsAllowed: 21 }],
			['a fractional due date', { due: 1.5 }],
			['another feedback', { feedback: 'never' }],
			['a compressed key', { teacherKey: TEACHER_KEY.replace(/^B/, 'A') }],
			['a short key', { teacherKey: TEACHER_KEY.slice(0, 86) }],
			['a key with padding', { teacherKey: `${TEACHER_KEY.slice(0, 86)}=` }]
		];
		for (const [name, overrides] of bad) expect(invalid(overrides), name).toBe(false);
		expect(invalid({ extra: true } as never), 'an unknown field').toBe(false);
	});
});

describe('encodeAssignment and decodeAssignment', () => {
	it('round-trips any valid assignment exactly', () => {
		fc.assert(
			fc.property(assignment, (a) => {
				expect(v.is(AssignmentSchema, a)).toBe(true);
				expect(decodeAssignment(encodeAssignment(a))).toStrictEqual({ ok: true, value: a });
			}),
			{ numRuns: 300 }
		);
	});

	it('round-trips the largest assignment, within the longest code', () => {
		const largest = largestAssignment();
		expect(v.is(AssignmentSchema, largest)).toBe(true);
		const code = encodeAssignment(largest);
		expect(code.length).toBeLessThan(MAX_CODE_LENGTH);
		expect(decodeAssignment(code)).toStrictEqual({ ok: true, value: largest });
	});

	it('keeps hostile text as the same text', () => {
		for (const title of HOSTILE.filter((t) => t.trim() !== '')) {
			const a = sampleAssignment({ title, instructions: HOSTILE.join('\n') });
			expect(decodeAssignment(encodeAssignment(a))).toStrictEqual({ ok: true, value: a });
		}
	});

	it('writes fields in the schema’s order, so one assignment has one code', () => {
		const a = sampleAssignment();
		const reversed = Object.fromEntries(Object.entries(a).reverse()) as Assignment;
		expect(encodeAssignment(reversed)).toBe(encodeAssignment(a));
		expect(encodeAssignment(a)).toMatch(new RegExp(`^BA${ASSIGNMENT_VERSION}\\.`));
	});

	it('refuses to encode an invalid assignment', () => {
		expect(() => encodeAssignment(sampleAssignment({ title: '' }))).toThrow();
	});

	it('names the field a valid-JSON assignment gets wrong', () => {
		const a = { ...sampleAssignment(), attemptsAllowed: 0 };
		expect(problemOf(decodeAssignment(sealJson('BA1', JSON.stringify(a))))).toBe(
			'invalid: This assignment link does not hold a valid assignment (attemptsAllowed: must be at least 1). Ask your teacher to send it again.'
		);
		const b = sampleAssignment();
		const twice = { ...b, questions: [b.questions[0], { ...b.questions[1], fingerprint: 'x' }] };
		expect(problemOf(decodeAssignment(sealJson('BA1', JSON.stringify(twice))))).toMatch(
			/\(questions › 1 › fingerprint: must be 16 hex digits\)/
		);
	});
});

describe('assignmentLink', () => {
	const a = sampleAssignment();
	const code = encodeAssignment(a);

	it('puts the code in the fragment of <base>/assignment', () => {
		expect(assignmentLink('https://byline.example', a)).toBe(
			`https://byline.example/assignment#${code}`
		);
		expect(assignmentLink('https://school.example/byline/', a)).toBe(
			`https://school.example/byline/assignment#${code}`
		);
		expect(assignmentLink('', a)).toBe(`/assignment#${code}`);
		expect(new URL(assignmentLink('https://byline.example', a)).hash).toBe(`#${code}`);
	});

	it('is read back from the whole link, the bare code, or a message holding the link', () => {
		const link = assignmentLink('https://byline.example', a);
		for (const text of [link, code, ` ${link}\n`, `/assignment#${code}`])
			expect(decodeAssignment(text), text.slice(0, 40)).toStrictEqual({ ok: true, value: a });
		expect(decodeAssignment(`Homework: ${link}`)).toStrictEqual({ ok: true, value: a });
	});

	it('says a link whose fragment was cut off is incomplete', () => {
		const link = assignmentLink('https://byline.example', a);
		for (const cut of [
			link.slice(0, link.indexOf('#')),
			link.slice(0, link.indexOf('#') + 1),
			link.slice(0, link.indexOf('#') + 12),
			link.slice(0, -3),
			'https://byline.example/assignment',
			'/assignment'
		])
			expect(problemOf(decodeAssignment(cut)), cut).toBe(
				'truncated: This assignment link is incomplete: its end is missing. Ask your teacher to send it again.'
			);
	});

	it('says a result code is not an assignment link', () => {
		const result = encodeResult({
			assignmentId: a.id,
			keyId: 'AAAAAAAAAAA',
			ephemeralKey: TEACHER_KEY,
			iv: 'AAAAAAAAAAAAAAAA',
			ciphertext: 'A'.repeat(30) + 'AA'
		});
		expect(problemOf(decodeAssignment(result))).toBe(
			'wrong-kind: This is a result code, not an assignment link: it goes into the teacher’s gradebook.'
		);
	});
});

describe('the released link', () => {
	it('is the same assignment to the gradebook: its digest is the shared one’s', () => {
		const shared = sampleAssignment({ feedback: 'released' });
		expect(assignmentDigest({ ...shared, released: true })).toBe(assignmentDigest(shared));
		expect(assignmentDigest({ ...shared, timeLimitMinutes: 90 })).not.toBe(
			assignmentDigest(shared)
		);
	});

	it('round-trips through its link, released', () => {
		const released = { ...sampleAssignment({ feedback: 'released' }), released: true as const };
		const read = decodeAssignment(assignmentLink('https://byline.example', released));
		expect(read).toEqual({ ok: true, value: released });
	});
});
