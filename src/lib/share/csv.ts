import type { Gradebook } from './gradebook';

/**
 * The gradebook as a spreadsheet file. A comma is the wrong separator in half the world's
 * locales (where it is the decimal mark, Excel expects a semicolon), and Excel reads a CSV file
 * without a BOM in the system's legacy code page, garbling every non-Latin name. TAB-separated
 * text in UTF-16LE with a BOM is the one combination Excel opens into columns, with every
 * character intact, in every locale; LibreOffice and Google Sheets detect it too. Numbers are
 * written only as whole numbers, which read the same in every locale (a "2.5" is a date in some).
 *
 * Cells are text from students, so the OWASP guard against formula injection applies: a cell
 * that a spreadsheet would run as a formula gets a leading apostrophe and stays text.
 */

export type Cell = string | number | null;

const SEPARATOR = '\t';
const LINE_END = '\r\n';
/** What a spreadsheet takes as the start of a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** What cannot stand in a field unquoted. */
const NEEDS_QUOTES = /[\t"\r\n]/;

function cellText(cell: Cell): string {
	if (cell === null) return '';
	if (typeof cell === 'number') return String(cell);
	const guarded = FORMULA_START.test(cell) ? `'${cell}` : cell;
	return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/**
 * Rows as TAB-separated text, each line ended by CRLF. A field holding a tab, a quote or a line
 * break is quoted, its quotes doubled; null is an empty field. Numbers are not guarded: a
 * negative number is a number, not a formula.
 */
export function csvText(rows: readonly (readonly Cell[])[]): string {
	return rows.map((row) => row.map(cellText).join(SEPARATOR) + LINE_END).join('');
}

/**
 * The text as a file's bytes: the UTF-16LE byte order mark, then each UTF-16 code unit, low byte
 * first. Written by hand, as the core's ES library has no `TextEncoder` (and it writes only UTF-8).
 */
export function csvBytes(text: string): Uint8Array {
	const bytes = new Uint8Array(2 + text.length * 2);
	bytes[0] = 0xff;
	bytes[1] = 0xfe;
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		bytes[2 + i * 2] = unit & 0xff;
		bytes[3 + i * 2] = unit >> 8;
	}
	return bytes;
}

export interface GradebookCsvOptions {
	/** A moment as the teacher reads it, in the teacher's locale and time zone. */
	formatTime: (ms: number) => string;
}

const yes = (flag: boolean) => (flag ? 'yes' : '');

/**
 * The gradebook as spreadsheet text: one row per student, the submission that counts, then a
 * column per question with its score in whole percent (empty when not asked, or gone). Points are
 * rounded to whole points, as the file holds only whole numbers; Score % is worked out from the
 * exact points.
 */
export function gradebookCsv(book: Gradebook, opts: GradebookCsvOptions): string {
	const header: Cell[] = [
		'Name',
		'Attempt',
		'Submitted',
		'Late',
		'Timed out',
		'Score %',
		'Points',
		'Out of',
		...book.questions.map((q) => `Q${q.number} ${q.pinned.questionId}`)
	];
	const rows = book.students.map(({ counted }): Cell[] => {
		const scores = new Map<string, number | null>();
		for (const answer of counted.answers) scores.set(answer.pinned.questionId, answer.score);
		return [
			counted.name,
			counted.attempt,
			opts.formatTime(counted.finishedAt),
			yes(counted.late),
			yes(counted.timedOut),
			counted.percent,
			Math.round(counted.points),
			counted.outOf,
			...book.questions.map((q) => {
				const score = scores.get(q.pinned.questionId);
				return score === undefined || score === null ? null : Math.round(score * 100);
			})
		];
	});
	return csvText([header, ...rows]);
}
