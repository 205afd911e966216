import { utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	AssignmentSchema,
	assignmentLink,
	decodeAssignment,
	encodeAssignment
} from '$lib/share/assignment';
import { toBase64url } from '$lib/share/base64url';
import {
	CODE_ERROR_REASONS,
	findCodes,
	type CodeErrorReason,
	type CodeResult
} from '$lib/share/code';
import {
	decodePayload,
	decodeResult,
	encodePayload,
	encodeResult,
	ResultPayloadSchema,
	SealedResultSchema
} from '$lib/share/result';
import { assignment, bomb, payload, seal, sealed } from './factory';

/**
 * Every decoder of outside data, fed random and mutated input: each returns a result for every
 * input, and a value only when it passes its schema. A decoder that threw would fail the property;
 * one that hung would run into the test's time limit. Hostile sizes cannot make a case slow: the
 * text is bounded before it is read and inflating stops at the limit (code.test.ts shows both).
 */

const RUNS = 10_000;
/** Far more than 10,000 cases need; only a hang would reach it. */
const HANG = 120_000;

/** What a run's results were, so a run that never reached a branch fails. */
type Tally = Set<CodeErrorReason | 'ok'>;

function expectResult<T>(result: CodeResult<T>, schema: v.GenericSchema<unknown, T>, tally: Tally) {
	if (result.ok) {
		expect(v.is(schema, result.value)).toBe(true);
		tally.add('ok');
	} else {
		expect(CODE_ERROR_REASONS).toContain(result.error.reason);
		expect(result.error.message.length).toBeLessThan(400);
		tally.add(result.error.reason);
	}
}

/** Every outcome a code decoder has, but the one only `forTeacher` gives. */
const CODE_OUTCOMES = ['ok', ...CODE_ERROR_REASONS.filter((r) => r !== 'other-teacher')];

// --- what the fuzzer starts from ------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const somewhatCodeLike = fc.string({
	unit: fc.constantFrom(...B64, '.', '.', 'B', 'A', 'R', '1', '#', ' ', '\n', '%', '=', '+', '/'),
	maxLength: 120
});
const randomText = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 200 }),
	fc.string({ unit: 'grapheme', maxLength: 60 }),
	somewhatCodeLike,
	somewhatCodeLike.map((s) => `BA1.${s}`),
	somewhatCodeLike.map((s) => `BR1.${s}`),
	somewhatCodeLike.map((s) => `https://byline.example/assignment#${s}`)
);

/** JSON that is not the value a code holds, and text that is not JSON at all. */
const junkJson = fc.oneof(
	fc.jsonValue({ maxDepth: 3 }).map((x) => JSON.stringify(x)),
	fc.string({ maxLength: 80 }),
	fc.constantFrom('', '{', '[]', 'null', '{"__proto__":{"polluted":1}}', '"\uD800"', '1e999'),
	assignment.map((a) => JSON.stringify({ ...a, extra: 1 })),
	sealed.map((s) => JSON.stringify({ ...s, keyId: 42 })),
	fc.constant(`[${'['.repeat(50_000)}${']'.repeat(50_000)}]`)
);

type Mutation =
	| { op: 'flip' | 'insert'; at: number; char: string }
	| { op: 'delete' | 'truncate'; at: number }
	| { op: 'kind'; letter: string; reseal: boolean }
	| { op: 'version'; version: string; reseal: boolean }
	| { op: 'junk'; json: string }
	| { op: 'raw'; bytes: Uint8Array }
	| { op: 'bomb' }
	| { op: 'wrap'; before: string; after: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	{
		weight: 200,
		arbitrary: fc.record({
			op: fc.constantFrom('flip' as const, 'insert' as const),
			at: fc.nat(),
			char: fc.oneof(
				fc.constantFrom(...B64, '.', ' '),
				fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })
			)
		})
	},
	{
		weight: 150,
		arbitrary: fc.record({
			op: fc.constantFrom('delete' as const, 'truncate' as const),
			at: fc.nat()
		})
	},
	{
		weight: 50,
		arbitrary: fc.record({
			op: fc.constant('kind' as const),
			letter: fc.constantFrom('A', 'R', 'Q', 'a', 'r'),
			reseal: fc.boolean()
		})
	},
	{
		weight: 50,
		arbitrary: fc.record({
			op: fc.constant('version' as const),
			version: fc.oneof(
				fc.nat(1_000_000).map(String),
				fc.constantFrom('0', '01', '2', '99999999999999999999')
			),
			reseal: fc.boolean()
		})
	},
	{ weight: 150, arbitrary: fc.record({ op: fc.constant('junk' as const), json: junkJson }) },
	{
		weight: 50,
		arbitrary: fc.record({
			op: fc.constant('raw' as const),
			bytes: fc.uint8Array({ maxLength: 200 })
		})
	},
	// Rare-ish: each one inflates 2 MB before it is stopped.
	{ weight: 10, arbitrary: fc.record({ op: fc.constant('bomb' as const) }) },
	{
		weight: 50,
		arbitrary: fc.record({
			op: fc.constant('wrap' as const),
			before: fc.constantFrom('', ' ', '\n', '#', 'x'),
			after: fc.constantFrom('', ' ', '.', '\n', 'x')
		})
	}
);

/** A code's header and payload, wherever its dots are (or are not). */
function split(code: string): { header: string; payload: string } {
	const dot = code.indexOf('.');
	if (dot < 0) return { header: code, payload: '' };
	const rest = code.slice(dot + 1);
	const end = rest.lastIndexOf('.');
	return { header: code.slice(0, dot), payload: end < 0 ? rest : rest.slice(0, end) };
}

function mutate(code: string, m: Mutation): string {
	const at = 'at' in m ? m.at % (code.length + 1) : 0;
	const { header, payload } = split(code);
	switch (m.op) {
		case 'flip':
			return code.slice(0, at) + m.char + code.slice(at + 1);
		case 'insert':
			return code.slice(0, at) + m.char + code.slice(at);
		case 'delete':
			return code.slice(0, at) + code.slice(at + 1);
		case 'truncate':
			return code.slice(0, at);
		case 'kind': {
			const changed = `${header.slice(0, 1)}${m.letter}${header.slice(2)}`;
			return m.reseal ? seal(changed, payload) : code.replace(header, changed);
		}
		case 'version': {
			const changed = `${header.slice(0, 2)}${m.version}`;
			return m.reseal ? seal(changed, payload) : code.replace(header, changed);
		}
		case 'junk':
			return seal(header, toBase64url(deflateSync(utf8ToBytes(m.json))));
		case 'raw':
			return seal(header, toBase64url(m.bytes));
		case 'bomb':
			return seal(header, toBase64url(bomb(3)));
		case 'wrap':
			return `${m.before}${code}${m.after}`;
	}
}

/** Valid codes, each changed one to three times. */
function mutated(codes: fc.Arbitrary<string>): fc.Arbitrary<string> {
	return fc
		.tuple(codes, fc.array(mutation, { minLength: 1, maxLength: 3 }))
		.map(([code, ms]) => ms.reduce(mutate, code));
}

/**
 * Valid codes to mutate, made once (seeded, so a failure can be replayed): making and deflating a
 * fresh one for every case would take most of the run.
 */
const pool = <T>(arb: fc.Arbitrary<T>, encode: (value: T) => string) =>
	fc.constantFrom(...fc.sample(arb, { numRuns: 300, seed: 20_240_901 }).map(encode));
const assignmentCode = pool(assignment, encodeAssignment);
const resultCode = pool(sealed, encodeResult);
const anyCode = fc.oneof(assignmentCode, resultCode);

/** Input for a code decoder: random text, mutated codes of both kinds, and a few intact ones. */
const codeInput = fc.oneof(
	{ weight: 3, arbitrary: randomText },
	{ weight: 6, arbitrary: mutated(anyCode) },
	{ weight: 1, arbitrary: anyCode }
);

describe('fuzzing the decoders', () => {
	it(
		`decodeAssignment: ${RUNS} inputs, codes and links`,
		() => {
			const input = fc.oneof(
				codeInput,
				mutated(pool(assignment, (a) => assignmentLink('https://byline.example', a)))
			);
			const tally: Tally = new Set();
			fc.assert(
				fc.property(input, (text) => {
					expectResult(decodeAssignment(text), AssignmentSchema, tally);
				}),
				{ numRuns: RUNS }
			);
			expect([...tally].sort(), 'the outcomes reached').toEqual([...CODE_OUTCOMES].sort());
		},
		HANG
	);

	it(
		`decodeResult: ${RUNS} inputs`,
		() => {
			const tally: Tally = new Set();
			fc.assert(
				fc.property(codeInput, (text) => {
					expectResult(decodeResult(text), SealedResultSchema, tally);
				}),
				{ numRuns: RUNS }
			);
			expect([...tally].sort(), 'the outcomes reached').toEqual([...CODE_OUTCOMES].sort());
		},
		HANG
	);

	it(
		`decodePayload: ${RUNS} inputs`,
		() => {
			const json = (text: string) => deflateSync(utf8ToBytes(text));
			type ByteMutation = {
				op: 'flip' | 'insert' | 'delete' | 'truncate';
				at: number;
				byte: number;
			};
			const byteMutation = fc.record({
				op: fc.constantFrom(
					'flip' as const,
					'insert' as const,
					'delete' as const,
					'truncate' as const
				),
				at: fc.nat(),
				byte: fc.integer({ min: 0, max: 255 })
			});
			const mutateBytes = (bytes: Uint8Array, m: ByteMutation): Uint8Array => {
				const at = m.at % (bytes.length + 1);
				const list = [...bytes];
				if (m.op === 'flip') list[at] = m.byte;
				else if (m.op === 'insert') list.splice(at, 0, m.byte);
				else if (m.op === 'delete') list.splice(at, 1);
				else list.length = at;
				return Uint8Array.from(list);
			};
			const valid = fc.constantFrom(
				...fc.sample(payload, { numRuns: 300, seed: 20_240_901 }).map(encodePayload)
			);
			const input = fc.oneof(
				{ weight: 50, arbitrary: fc.uint8Array({ maxLength: 300 }) },
				{
					weight: 50,
					arbitrary: fc
						.tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 300 }))
						.map(([version, rest]) => Uint8Array.of(version, ...rest))
				},
				{
					weight: 100,
					arbitrary: fc
						.tuple(fc.integer({ min: 0, max: 3 }), junkJson)
						.map(([version, text]) => Uint8Array.of(version, ...json(text)))
				},
				{
					weight: 150,
					arbitrary: fc
						.tuple(valid, fc.array(byteMutation, { minLength: 1, maxLength: 3 }))
						.map(([bytes, ms]) => ms.reduce(mutateBytes, bytes))
				},
				{ weight: 50, arbitrary: valid },
				// Rare-ish: each one inflates 2 MB before it is stopped.
				{ weight: 2, arbitrary: fc.constant(Uint8Array.of(1, ...bomb(3))) }
			);
			const tally: Tally = new Set();
			fc.assert(
				fc.property(input, (bytes) => {
					expectResult(decodePayload(bytes), ResultPayloadSchema, tally);
				}),
				{ numRuns: RUNS }
			);
			expect([...tally].sort()).toEqual(
				['ok', 'corrupt', 'invalid', 'newer-version', 'too-large', 'unknown-version'].sort()
			);
		},
		HANG
	);

	it(
		`findCodes: ${RUNS} pasted texts, every intact code found in order`,
		() => {
			const piece = fc.oneof(
				fc.record({ intact: fc.constant(true), text: resultCode }),
				fc.record({
					intact: fc.constant(false),
					text: fc.oneof(randomText, mutated(anyCode), assignmentCode)
				})
			);
			const separator = fc.constantFrom(' ', '\n', ', ', ' (', ') ', '\t', ' > ', '\r\n', ': ');
			const pasted = fc.array(fc.tuple(piece, separator), { maxLength: 8 });
			fc.assert(
				fc.property(pasted, (pieces) => {
					const text = pieces.map(([p, sep]) => `${sep}${p.text}${sep}`).join('');
					const found = findCodes(text, 'result');
					for (const code of found) {
						expect(text).toContain(code);
						expect(code).toMatch(/^BR\d+\.[A-Za-z0-9_-]{16,}(\.[A-Za-z0-9_-]*)?$/);
					}
					// Each intact code is found, in order, whatever else is around it.
					let from = 0;
					for (const [p] of pieces) {
						if (!p.intact) continue;
						const at = found.indexOf(p.text, from);
						expect(at, p.text.slice(0, 20)).toBeGreaterThanOrEqual(0);
						from = at + 1;
					}
				}),
				{ numRuns: RUNS }
			);
		},
		HANG
	);
});
