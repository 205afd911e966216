import { Inflate } from 'fflate';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	CODE_ERROR_REASONS,
	codeError,
	decodeCode,
	encodeCode,
	findCodes,
	MAX_CODE_LENGTH,
	MAX_JSON_BYTES,
	type CodeErrorReason,
	type CodeKind,
	type CodeResult
} from '$lib/share/code';
import { toBase64url } from '$lib/share/base64url';
import { bomb, checkOf, randomBytes, seal, sealJson, seededRandom } from './factory';

const NoteSchema = v.strictObject({
	title: v.pipe(v.string(), v.maxLength(20, 'must be at most 20 characters')),
	tags: v.optional(v.array(v.string()))
});
const VERSIONS = { 1: NoteSchema };
const NOTE = { title: 'Hello 👋 مرحبا' };

const read = (text: string, kind: CodeKind = 'assignment') => decodeCode(text, kind, VERSIONS);

function reasonOf(result: CodeResult<unknown>): CodeErrorReason | 'ok' {
	return result.ok ? 'ok' : result.error.reason;
}

function messageOf(result: CodeResult<unknown>): string {
	if (result.ok) throw new Error('expected an error');
	return result.error.message;
}

/** A code's parts: header, payload and check. */
function partsOf(code: string): [string, string, string] {
	const [header = '', payload = '', check = ''] = code.split('.');
	return [header, payload, check];
}

describe('encodeCode', () => {
	it('writes B, the kind, the version, the payload and its check, all URL-safe', () => {
		const code = encodeCode('assignment', 1, NOTE);
		expect(code).toMatch(/^BA1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{8}$/);
		expect(encodeCode('result', 7, NOTE)).toMatch(/^BR7\./);
		const [header, payload, check] = partsOf(code);
		expect(check).toBe(checkOf(`${header}.${payload}`));
		expect(encodeURIComponent(code)).toBe(code);
	});

	it('writes the same code for the same value', () => {
		expect(encodeCode('assignment', 1, NOTE)).toBe(encodeCode('assignment', 1, { ...NOTE }));
	});

	it('refuses a version that is not a positive integer, and a value that is not JSON', () => {
		expect(() => encodeCode('assignment', 0, NOTE)).toThrow(RangeError);
		expect(() => encodeCode('assignment', 1.5, NOTE)).toThrow(RangeError);
		expect(() => encodeCode('assignment', 1, undefined)).toThrow(TypeError);
	});

	it('refuses to write a code no one could open', () => {
		const noise = toBase64url(randomBytes(seededRandom(1), 160_000));
		expect(() => encodeCode('result', 1, { noise })).toThrow(/past the 200000/);
	});
});

describe('decodeCode', () => {
	const code = encodeCode('assignment', 1, NOTE);

	it('reads a code back, with whitespace around it', () => {
		expect(read(code)).toEqual({ ok: true, value: NOTE });
		expect(read(`\n  ${code} \t`)).toEqual({ ok: true, value: NOTE });
	});

	it('says there is nothing to read', () => {
		for (const text of ['', '   ', '\n\t'])
			expect(read(text)).toEqual({ ok: false, error: codeError('assignment', 'empty') });
		expect(messageOf(read(''))).toBe(
			'There is nothing here to read: paste the whole assignment link.'
		);
		expect(messageOf(read('', 'result'))).toBe(
			'There is nothing here to read: paste the whole result code.'
		);
	});

	it('says when the text is not a Byline code', () => {
		for (const text of ['hello', 'https://example.com/', 'B', 'Bonjour.', 'ba1.abc.defghijk'])
			expect(reasonOf(read(text)), text).toBe('not-byline');
		expect(messageOf(read('hello'))).toBe(
			'This is not a Byline assignment link. Check that you copied all of it, and nothing else.'
		);
	});

	it('says a code cut short anywhere is incomplete', () => {
		for (let length = 2; length < code.length; length++)
			expect(reasonOf(read(code.slice(0, length))), `${length} characters`).toBe('truncated');
		expect(messageOf(read(code.slice(0, 20)))).toBe(
			'This assignment link is incomplete: its end is missing. Ask your teacher to send it again.'
		);
		expect(messageOf(read(code.slice(0, 20), 'result'))).toBe(
			'This result code is incomplete: its end is missing. Ask the student to copy the whole code and send it again.'
		);
	});

	it('says a code with any one character changed has been changed', () => {
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
		for (let at = 1; at < code.length; at++) {
			if (code[at] === '.') continue;
			const other = code[at] === 'x' ? 'y' : /\d/.test(code[at]!) ? '7' : 'x';
			const changed = code.slice(0, at) + other + code.slice(at + 1);
			expect(reasonOf(read(changed)), changed).toBe('checksum');
		}
		const [header, payload, check] = partsOf(code);
		const last = alphabet[(alphabet.indexOf(check.at(-1)!) + 1) % 64];
		expect(reasonOf(read(`${header}.${payload}.${check.slice(0, -1)}${last}`))).toBe('checksum');
		expect(reasonOf(read(`${code}A`))).toBe('checksum');
		expect(messageOf(read(`${code}A`))).toBe(
			'This assignment link has been changed or damaged: some characters are not the ones Byline wrote. Ask your teacher to send it again.'
		);
	});

	it('says which kind of code it is when it is the other kind', () => {
		const result = encodeCode('result', 1, NOTE);
		expect(reasonOf(read(result))).toBe('wrong-kind');
		expect(messageOf(read(result))).toBe(
			'This is a result code, not an assignment link: it goes into the teacher’s gradebook.'
		);
		expect(messageOf(read(code, 'result'))).toBe(
			'This is an assignment link, not a result code: students open it to take the assignment.'
		);
		const [, payload] = partsOf(code);
		expect(messageOf(read(seal('BQ1', payload)))).toBe(
			'This is a different kind of Byline code, not an assignment link.'
		);
	});

	it('tells a newer version from one it does not know', () => {
		const [, payload] = partsOf(code);
		expect(reasonOf(read(seal('BA2', payload)))).toBe('newer-version');
		expect(reasonOf(read(seal('BA99999999999999999999', payload)))).toBe('newer-version');
		expect(messageOf(read(seal('BA2', payload)))).toBe(
			'This assignment link was made by a newer version of Byline. Update the app (reload it while online), then try again.'
		);
		for (const header of ['BA0', 'BA01'])
			expect(reasonOf(read(seal(header, payload))), header).toBe('unknown-version');
		// A version before the oldest this Byline reads.
		expect(reasonOf(decodeCode(seal('BA1', payload), 'assignment', { 2: NoteSchema }))).toBe(
			'unknown-version'
		);
	});

	it('reads each known version with its own schema', () => {
		const NoteV2 = v.pipe(
			NoteSchema,
			v.transform((note) => ({ ...note, tags: note.tags ?? [] }))
		);
		const versions = { 1: NoteSchema, 2: NoteV2 };
		const [, payload] = partsOf(code);
		expect(decodeCode(seal('BA2', payload), 'assignment', versions)).toEqual({
			ok: true,
			value: { ...NOTE, tags: [] }
		});
	});

	it('refuses text longer than any code before reading it', () => {
		const long = `BA1.${'A'.repeat(MAX_CODE_LENGTH)}.AAAAAAAA`;
		expect(reasonOf(read(long))).toBe('too-large');
		expect(messageOf(read(long))).toBe(
			'This is far longer than any assignment link. Check that you copied only the assignment link.'
		);
	});

	it('refuses a zip bomb: a few kilobytes that would inflate far past the limit', () => {
		const bombed = seal('BA1', toBase64url(bomb(16)));
		expect(bombed.length).toBeLessThan(30_000);
		expect(reasonOf(read(bombed))).toBe('too-large');
		expect(messageOf(read(bombed))).toBe(
			'This assignment link holds far more data than any assignment, so Byline did not open it. Ask your teacher to send it again.'
		);
	});

	describe('stops inflating as soon as the limit is passed', () => {
		afterEach(() => vi.restoreAllMocks());

		it('pushes a few kilobytes of a bomb, not all of it', () => {
			const push = vi.spyOn(Inflate.prototype, 'push');
			const deflated = bomb(16);
			expect(reasonOf(read(seal('BA1', toBase64url(deflated))))).toBe('too-large');
			const pushed = push.mock.calls.reduce((sum, [chunk]) => sum + chunk.length, 0);
			// DEFLATE expands at most about 1032-fold: the limit is passed within ~2 KB.
			expect(pushed).toBeLessThanOrEqual(Math.ceil(MAX_JSON_BYTES / 1032) + 2048);
			expect(pushed).toBeLessThan(deflated.length / 4);
		});
	});

	it('says a code whose payload is not JSON is damaged', () => {
		const cases = {
			'not deflated': seal('BA1', toBase64url(Uint8Array.of(0xff, 0xfe, 0xfd, 0xfc))),
			'not canonical base64url': seal('BA1', 'AB'),
			'bad JSON': sealJson('BA1', '{"title": "unfinished'),
			'JSON and more': sealJson('BA1', '{"title":"a"} trailing'),
			'a BOM before the JSON': sealJson('BA1', '\uFEFF{"title":"a"}'),
			'an empty payload': seal('BA1', '')
		};
		for (const [name, bad] of Object.entries(cases))
			expect(reasonOf(read(bad)), name).toBe('corrupt');
		expect(messageOf(read(cases['bad JSON']))).toBe(
			'This assignment link is damaged and cannot be read. Ask your teacher to send it again.'
		);
	});

	it('says a code holding invalid UTF-8 is damaged', async () => {
		const { deflateSync } = await import('fflate');
		const notUtf8 = seal('BA1', toBase64url(deflateSync(Uint8Array.of(0x22, 0xc0, 0xaf, 0x22))));
		expect(reasonOf(read(notUtf8))).toBe('corrupt');
	});

	it('names the first problem of valid JSON that is not a valid value, briefly', () => {
		expect(messageOf(read(sealJson('BA1', '{"title":"a","extra":1}')))).toBe(
			'This assignment link does not hold a valid assignment (extra: is not expected here). Ask your teacher to send it again.'
		);
		expect(messageOf(read(sealJson('BA1', '{"title":42}')))).toBe(
			'This assignment link does not hold a valid assignment (title: should be string). Ask your teacher to send it again.'
		);
		expect(messageOf(read(sealJson('BA1', '{}')))).toMatch(/\(title: is missing\)/);
		expect(messageOf(read(sealJson('BA1', '{"title":"a","tags":["x",7]}')))).toMatch(
			/\(tags › 1: should be string\)/
		);
		expect(messageOf(read(sealJson('BA1', '"text"')))).toMatch(/\(should be Object\)/);
		expect(reasonOf(read(sealJson('BA1', '{"title":"a","tags":[]}')))).toBe('ok');
	});

	it('never echoes the input in a message', () => {
		const huge = 'x'.repeat(500_000);
		const cases = [
			sealJson('BA1', JSON.stringify({ title: huge })),
			sealJson('BA1', JSON.stringify({ title: 'a', [huge]: 1 })),
			sealJson('BA1', JSON.stringify({ title: 'a', tags: [huge, 1] })),
			sealJson('BA1', JSON.stringify(huge))
		];
		for (const bad of cases) {
			const message = messageOf(read(bad));
			expect(message.length).toBeLessThan(300);
			expect(message).not.toContain('x'.repeat(50));
		}
	});

	it('returns a result for any input, never throwing', () => {
		const odd = [undefined, null, 42, {}, [], Symbol('x')] as unknown as string[];
		for (const input of odd) expect(reasonOf(read(input))).toBe('empty');
	});

	it('has words for every reason and kind', () => {
		for (const kind of ['assignment', 'result'] as const)
			for (const reason of CODE_ERROR_REASONS) {
				const { message } = codeError(kind, reason);
				expect(message).toMatch(/^[A-Z].*\.$/);
				expect(message).not.toMatch(/undefined|\(\)/);
			}
	});
});

describe('findCodes', () => {
	const [one, two, three] = ['first', 'second', 'third'].map((title) =>
		encodeCode('result', 1, { title })
	) as [string, string, string];

	it('finds every code of the kind in chat text, in order, duplicates kept', () => {
		const chat = [
			`[09:14] Ana: here's mine ${one}`,
			`[09:15] Ben: ${two} ${three}`,
			`[09:15] Ana: sent it again: ${one}.`,
			`Cleo: (${two}), thanks!`,
			`https://byline.example/gradebook#${three}`,
			'Dev: BR1.5 marks? BA1.whatever is not mine',
			`Eve:${one}`
		].join('\n');
		expect(findCodes(chat, 'result')).toEqual([one, two, three, one, two, three, one]);
	});

	it('finds only the kind asked for', () => {
		const assignment = encodeCode('assignment', 1, NOTE);
		const text = `${assignment} ${one}`;
		expect(findCodes(text, 'assignment')).toEqual([assignment]);
		expect(findCodes(text, 'result')).toEqual([one]);
	});

	it('finds a code cut short or damaged, so reading it can say what is wrong', () => {
		const cut = one.slice(0, 30);
		const found = findCodes(`a ${cut}\nb ${one.replace(/\.[^.]*$/, '.AAAAAAAA')}`, 'result');
		expect(found).toHaveLength(2);
		expect(reasonOf(read(found[0]!, 'result'))).toBe('truncated');
		expect(reasonOf(read(found[1]!, 'result'))).toBe('checksum');
	});

	it('does not take a code out of the middle of a longer word', () => {
		expect(findCodes(`xyz${one}`, 'result')).toEqual([]);
		expect(findCodes('', 'result')).toEqual([]);
		expect(findCodes(undefined as unknown as string, 'result')).toEqual([]);
	});
});
