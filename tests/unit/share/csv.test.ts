import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Question } from '$lib/content/model';
import { csvBytes, csvText, gradebookCsv } from '$lib/share/csv';
import { gradebook, resultId } from '$lib/share/gradebook';
import type { ResultPayload } from '$lib/share/result';
import { banksOf, NOW, question, STORY } from '../quiz/factory';
import { HOSTILE, sampleAssignment, samplePayload } from './factory';

/**
 * Reads TAB-separated text back as a spreadsheet would: fields in double quotes may hold tabs,
 * quotes (doubled) and line breaks; every line ends with CRLF. Strict, so a malformed field fails.
 */
function parseTsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let i = 0;
	while (i < text.length) {
		let field = '';
		if (text[i] === '"') {
			i++;
			for (;;) {
				if (i >= text.length) throw new Error('unterminated quote');
				if (text[i] === '"') {
					if (text[i + 1] === '"') {
						field += '"';
						i += 2;
					} else {
						i++;
						break;
					}
				} else field += text[i++];
			}
		} else {
			while (i < text.length && !'\t\r\n'.includes(text[i]!)) {
				if (text[i] === '"') throw new Error('quote inside an unquoted field');
				field += text[i++];
			}
		}
		row.push(field);
		if (text[i] === '\t') i++;
		else if (text.startsWith('\r\n', i)) {
			rows.push(row);
			row = [];
			i += 2;
		} else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
	}
	if (row.length) throw new Error('last line not ended');
	return rows;
}

/** What a cell reads as: a string a spreadsheet would run as a formula gains an apostrophe. */
const guarded = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

describe('csvText', () => {
	it('separates with tabs and ends every line with CRLF', () => {
		expect(
			csvText([
				['Name', 'Score'],
				['Ana', 90],
				['Ben', null]
			])
		).toBe('Name\tScore\r\nAna\t90\r\nBen\t\r\n');
	});

	it('quotes what would break a field, doubling quotes', () => {
		expect(csvText([['a\tb', 'say "hi"', 'two\nlines', 'cr\rhere', 'plain']])).toBe(
			'"a\tb"\t"say ""hi"""\t"two\nlines"\t"cr\rhere"\tplain\r\n'
		);
	});

	it('guards against formulas', () => {
		const cells = [
			'=HYPERLINK("http://evil.example","click")',
			'+1',
			'-2',
			'@SUM(A1:A9)',
			'\t=1',
			'\rx'
		];
		expect(parseTsv(csvText([cells]))).toEqual([
			[`'=HYPERLINK("http://evil.example","click")`, `'+1`, `'-2`, `'@SUM(A1:A9)`, `'\t=1`, `'\rx`]
		]);
		expect(csvText([[-2, 0, 17]])).toBe('-2\t0\t17\r\n');
		expect(csvText([['a=1', '1+1', 'me@example.org']])).toBe('a=1\t1+1\tme@example.org\r\n');
	});

	it('keeps hostile text as text', () => {
		expect(csvText([['<script>alert("x")</script>']])).toBe('"<script>alert(""x"")</script>"\r\n');
		expect(csvText([['"; DROP TABLE results; --']])).toBe('"""; DROP TABLE results; --"\r\n');
		expect(parseTsv(csvText([HOSTILE]))).toEqual([HOSTILE.map(guarded)]);
	});

	it('reads back any table of text, guarded cells with their apostrophe', () => {
		const cell = fc.oneof(
			fc.string({ unit: 'binary', maxLength: 20 }),
			fc.string({
				unit: fc.constantFrom('a', '"', '\t', '\r', '\n', '=', '+', '-', '@', "'", ' ')
			}),
			fc.constantFrom(...HOSTILE)
		);
		const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 6 });
		fc.assert(
			fc.property(table, (rows) => {
				expect(parseTsv(csvText(rows))).toEqual(rows.map((row) => row.map(guarded)));
			}),
			{ numRuns: 500 }
		);
	});
});

describe('csvBytes', () => {
	/** The text the bytes hold, read as UTF-16LE after the BOM. */
	const readBack = (bytes: Uint8Array) => {
		const units: number[] = [];
		for (let i = 2; i < bytes.length; i += 2) units.push(bytes[i]! | (bytes[i + 1]! << 8));
		return String.fromCharCode(...units);
	};

	it('writes a BOM, then UTF-16LE', () => {
		expect([...csvBytes('')]).toEqual([0xff, 0xfe]);
		expect([...csvBytes('Zoë\t')]).toEqual([0xff, 0xfe, 0x5a, 0, 0x6f, 0, 0xeb, 0, 0x09, 0]);
		// Hebrew, CJK, then U+1F600 as its surrogate pair D83D DE00.
		expect([...csvBytes('ש日😀')]).toEqual([
			0xff, 0xfe, 0xe9, 0x05, 0xe5, 0x65, 0x3d, 0xd8, 0x00, 0xde
		]);
	});

	it('keeps every code unit', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				const bytes = csvBytes(text);
				expect(bytes.length).toBe(2 + text.length * 2);
				expect(readBack(bytes)).toBe(text);
			})
		);
	});
});

describe('gradebookCsv', () => {
	const { evidence, prompt, explanation } = question('q-multi');
	const multi: Question = {
		id: 'q-multi',
		category: 'quotes',
		type: 'multi',
		prompt,
		explanation,
		evidence,
		difficulty: 2,
		actors: [],
		outlets: [],
		options: ['a', 'b', 'c'],
		answers: ['a', 'b'],
		fingerprint: '00000000000000a3'
	};
	const bank: Question[] = [
		{ ...question('q-one'), fingerprint: '00000000000000a1' },
		{ ...question('q-two'), fingerprint: '00000000000000a2' },
		multi
	];
	const assignment = sampleAssignment({
		questions: [
			{ storyId: STORY, questionId: 'q-one', fingerprint: '00000000000000a1' },
			{ storyId: STORY, questionId: 'q-two', fingerprint: '00000000000000a2' },
			{ storyId: STORY, questionId: 'q-multi', fingerprint: '00000000000000a3' },
			{ storyId: STORY, questionId: 'q-gone', fingerprint: '00000000000000a4' }
		]
	});

	const payload = (name: string, fields: Partial<ResultPayload>) =>
		samplePayload(assignment, name, fields);

	const answer = (questionId: string, response: unknown) => ({
		questionId,
		fingerprint: null,
		response,
		atSecond: 30
	});

	const results = [
		payload('=HYPERLINK("http://evil.example","click")', {
			asked: ['q-two', 'q-one', 'q-gone', 'q-multi'],
			answers: [
				answer('q-one', { value: true }),
				answer('q-two', { value: false }),
				answer('q-multi', { choices: ['a'] })
			],
			late: true,
			attempt: 2
		}),
		payload('Zoë', {
			asked: ['q-one'],
			answers: [answer('q-one', { value: true })],
			timedOut: true,
			finishedAt: NOW + 120_000
		})
	].map((p) => ({ id: resultId(p), payload: p, receivedAt: NOW + 500_000 }));

	it('writes one row per student, one column per question', () => {
		const book = gradebook(assignment, results, banksOf({ [STORY]: bank }), { policy: 'best' });
		const text = gradebookCsv(book, { formatTime: (ms) => `t+${(ms - NOW) / 1000}s` });
		expect(parseTsv(text)).toEqual([
			[
				'Name',
				'Attempt',
				'Submitted',
				'Late',
				'Timed out',
				'Score %',
				'Points',
				'Out of',
				'Q1 q-one',
				'Q2 q-two',
				'Q3 q-multi',
				'Q4 q-gone'
			],
			// 1.5 of 3: the points round to 2, the score is worked out from 1.5.
			[
				`'=HYPERLINK("http://evil.example","click")`,
				'2',
				't+60s',
				'yes',
				'',
				'50',
				'2',
				'3',
				'100',
				'0',
				'50',
				''
			],
			['Zoë', '1', 't+120s', '', 'yes', '100', '1', '1', '100', '', '', '']
		]);
	});
});
