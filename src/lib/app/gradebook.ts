import { actorNamesOf, outletNamesOf, type StorySummary } from '$lib/content/model';
import type { Banks } from '$lib/quiz/attempt';
import { codeError, findCodes } from '$lib/share/code';
import type { SharedAssignment, TeacherKeys } from '$lib/share/composition';
import { csvBytes, gradebookCsv } from '$lib/share/csv';
import {
	gradebook,
	itemAnalysis,
	resultId,
	weakest,
	type Gradebook,
	type ItemAnalysis,
	type Weakest
} from '$lib/share/gradebook';
import { decodeResult, MAX_NAME_LENGTH, type ReceivedResult } from '$lib/share/result';
import type { AssignmentStore } from '$lib/storage/assignment-store';
import { fetchBanks } from './data';
import { openResult } from './seal';

/**
 * The teacher's gradebook at the edge: result codes pasted, loaded from a file or scanned are
 * opened with the teacher's key and kept, all or none; an assignment's results are graded against
 * the teacher's banks; the gradebook leaves as a spreadsheet file. The rules are the core's
 * (`$lib/share/gradebook`); this module fetches, decrypts and stores.
 */

// --- receiving codes -----------------------------------------------------------------------------

export interface ReceiveDeps {
	assignments: AssignmentStore;
	keys: TeacherKeys;
	privateKey: CryptoKey;
	now: () => number;
}

/** A code that was not added, as the teacher sees it: its ends, and why. */
export interface RefusedCode {
	/** The code clipped to its start and its end (its check, which differs for every code). */
	code: string;
	/** Its place among the codes found, from 1; 0 when no code was found at all. */
	position: number;
	message: string;
}

/** What one paste, file or scan did. */
export interface Receipt {
	added: ReceivedResult[];
	already: ReceivedResult[];
	refused: RefusedCode[];
	/** Result codes found in the text. */
	found: number;
	/** The title of each assignment a result added or already there is for. */
	titles: Record<string, string>;
}

/** How much of a code's start and end a refusal shows. */
const CLIP_START = 14;
const CLIP_END = 8;

/** A code short enough to show in a list, yet told apart from the others by its end. */
export function clipCode(code: string): string {
	return code.length <= CLIP_START + CLIP_END + 1
		? code
		: `${code.slice(0, CLIP_START)}…${code.slice(-CLIP_END)}`;
}

const NOT_SHARED_HERE =
	'This result is for an assignment that was not made on this device (or was deleted from it). Open it in Byline on the device that shared the assignment.';

/** Why text holding no result code was refused, as precisely as the text allows. */
function nothingFound(text: string): string {
	const trimmed = text.trim();
	if (trimmed === '') return 'There is nothing to read: paste one or more result codes first.';
	if (findCodes(text, 'assignment').length > 0)
		return codeError('result', 'wrong-kind', 'A').message;
	// One word that is no code findCodes knows: say what is wrong with it, if it is meant as one.
	if (!/\s/.test(trimmed) && /^B/.test(trimmed)) {
		const decoded = decodeResult(trimmed);
		if (!decoded.ok) return decoded.error.message;
	}
	return 'No result code found in this text. A result code starts with “BR1.”: ask the student to copy the whole code from Byline, or scan the QR code on their screen.';
}

/**
 * Opens every result code in `text` (pasted chat messages, a file, a scanned QR code) and keeps
 * the valid ones in one `addResults` call: all are kept or, when storage fails, none, and the
 * error is thrown. A code that cannot be read, is for another teacher or for an assignment this
 * device did not share is refused with its reason; the others are still kept.
 */
export async function receiveCodes(text: string, deps: ReceiveDeps): Promise<Receipt> {
	const codes = findCodes(text, 'result');
	if (codes.length === 0)
		return {
			added: [],
			already: [],
			refused: [{ code: '', position: 0, message: nothingFound(text) }],
			found: 0,
			titles: {}
		};
	const sharedById = new Map<string, Promise<SharedAssignment | undefined>>();
	const sharedOf = (id: string) => {
		let found = sharedById.get(id);
		if (!found) sharedById.set(id, (found = deps.assignments.getShared(id)));
		return found;
	};
	const opened = await Promise.all(
		codes.map(async (code, i) => {
			const result = await openResult(code, deps.keys, deps.privateKey);
			if (!result.ok) return { code, i, refused: result.error.message };
			const shared = await sharedOf(result.value.assignmentId);
			if (!shared) return { code, i, refused: NOT_SHARED_HERE };
			return { code, i, shared, payload: result.value };
		})
	);
	const receivedAt = deps.now();
	const valid: ReceivedResult[] = [];
	const refused: RefusedCode[] = [];
	const titles: Record<string, string> = {};
	for (const entry of opened) {
		if ('payload' in entry && entry.payload && entry.shared) {
			valid.push({ id: resultId(entry.payload), payload: entry.payload, receivedAt });
			titles[entry.shared.id] = entry.shared.assignment.title;
		} else if ('refused' in entry)
			refused.push({ code: clipCode(entry.code), position: entry.i + 1, message: entry.refused });
	}
	const { added, already } = valid.length
		? await deps.assignments.addResults(valid)
		: { added: [], already: [] };
	return { added, already, refused, found: codes.length, titles };
}

/** Several receipts as one: what a scanning session did so far. */
export function mergeReceipts(a: Receipt, b: Receipt): Receipt {
	return {
		added: [...a.added, ...b.added],
		already: [...a.already, ...b.already],
		refused: [...a.refused, ...b.refused],
		found: a.found + b.found,
		titles: { ...a.titles, ...b.titles }
	};
}

export const EMPTY_RECEIPT: Receipt = { added: [], already: [], refused: [], found: 0, titles: {} };

const count = (n: number, one: string, many: string) =>
	n === 1 ? `1 ${one}` : `${n.toLocaleString('en')} ${many}`;

/**
 * A receipt in sentences, for the gradebook of `assignmentId`: what was added, what was there
 * already, results that went to another assignment's gradebook, and how many could not be read
 * (the page lists those with their reasons).
 */
export function receiptSentences(receipt: Receipt, assignmentId: string): string[] {
	const { added, already, refused } = receipt;
	const lines: string[] = [];
	if (added.length === 0 && receipt.found > 0 && refused.length === 0 && already.length > 0)
		lines.push(
			already.length === 1
				? 'Nothing new: this result was already in the gradebook.'
				: `Nothing new: all ${already.length.toLocaleString('en')} were already in the gradebook.`
		);
	else {
		lines.push(
			added.length ? `Added ${count(added.length, 'result', 'results')}.` : 'Nothing was added.'
		);
		if (already.length)
			lines.push(
				`${already.length.toLocaleString('en')} ${already.length === 1 ? 'was' : 'were'} already in the gradebook.`
			);
	}
	const elsewhere = new Map<string, number>();
	for (const r of added) {
		const id = r.payload.assignmentId;
		if (id !== assignmentId) elsewhere.set(id, (elsewhere.get(id) ?? 0) + 1);
	}
	for (const [id, n] of elsewhere)
		lines.push(
			`${n === 1 ? '1 of them is' : `${n} of them are`} for another assignment, “${receipt.titles[id] ?? id}”, and went to its gradebook.`
		);
	if (receipt.found > 0 && refused.length)
		lines.push(`${refused.length.toLocaleString('en')} could not be read:`);
	return lines;
}

// --- the gradebook -------------------------------------------------------------------------------

/** Names to show for the ids the analysis gives: actors from the stories, outlets by name. */
export interface Names {
	actors: ReadonlyMap<string, string>;
	outlets: ReadonlyMap<string, string>;
}

/** A graded assignment: the table, how each question went and where the class is weakest. */
export interface GradedView {
	book: Gradebook;
	items: ItemAnalysis[];
	weakest: Weakest;
}

export interface LoadedGradebook extends GradedView {
	shared: SharedAssignment;
	results: ReceivedResult[];
	banks: Banks;
	names: Names;
}

export interface LoadDeps {
	assignments: AssignmentStore;
	fetch: typeof fetch;
	/** The stories this copy of Byline lists (`fetchStories`). */
	stories: readonly StorySummary[];
}

/** The assignment's results graded with its gradebook settings against `banks`. */
export function gradeView(
	shared: SharedAssignment,
	results: readonly ReceivedResult[],
	banks: Banks
): GradedView {
	const book = gradebook(shared.assignment, results, banks, {
		policy: shared.policy,
		roster: shared.roster
	});
	return { book, items: itemAnalysis(book), weakest: weakest(book, banks) };
}

/**
 * A shared assignment's gradebook, or null when this device did not share it. Throws a
 * `StorageError` when storage fails, and SvelteKit's error when a bank cannot be fetched
 * (offline before the app was stored).
 */
export async function loadGradebook(
	assignmentId: string,
	deps: LoadDeps
): Promise<LoadedGradebook | null> {
	const shared = await deps.assignments.getShared(assignmentId);
	if (!shared) return null;
	const storyIds = [...new Set(shared.assignment.questions.map((q) => q.storyId))];
	const [results, banks] = await Promise.all([
		deps.assignments.resultsFor(shared.id),
		fetchBanks(deps.fetch, deps.stories, storyIds)
	]);
	return {
		shared,
		results,
		banks,
		names: { actors: actorNamesOf(deps.stories), outlets: outletNamesOf(deps.stories) },
		...gradeView(shared, results, banks)
	};
}

// --- the spreadsheet -----------------------------------------------------------------------------

/** A title as a file name: letters and digits of any script, the rest as single hyphens. */
export function fileNameOf(title: string): string {
	const safe = title
		.normalize('NFC')
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return `${safe ? `${safe}-` : ''}gradebook.csv`;
}

/** When a submission came in, as the teacher reads it: their locale, their time zone. */
const localTime = (ms: number) =>
	new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The gradebook as a spreadsheet file (TAB-separated UTF-16LE; see `$lib/share/csv`). */
export function csvFile(
	book: Gradebook,
	title: string,
	formatTime: (ms: number) => string = localTime
): { name: string; blob: Blob } {
	return {
		name: fileNameOf(title),
		blob: new Blob([csvBytes(gradebookCsv(book, { formatTime })) as BlobPart], {
			type: 'text/csv;charset=utf-16le'
		})
	};
}

/** Saves a file through the browser's download. */
export function download(file: { name: string; blob: Blob }): void {
	const url = URL.createObjectURL(file.blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = file.name;
	link.style.display = 'none';
	document.body.append(link);
	link.click();
	link.remove();
	// Some browsers read the URL after click() returns: free it a moment later.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// --- files ---------------------------------------------------------------------------------------

/** Far more than any class's codes (40 codes are about 60 KB): a larger file is something else. */
export const MAX_CODES_FILE_BYTES = 10 * 1024 * 1024;

/**
 * A file's text, however it was saved: UTF-8 (with or without its mark), or UTF-16 with its byte
 * order mark, as Windows tools and spreadsheets save "Unicode text". Null when it is too large.
 */
export async function textOfFile(file: Blob): Promise<string | null> {
	if (file.size > MAX_CODES_FILE_BYTES) return null;
	const bytes = new Uint8Array(await file.arrayBuffer());
	const encoding =
		bytes[0] === 0xff && bytes[1] === 0xfe
			? 'utf-16le'
			: bytes[0] === 0xfe && bytes[1] === 0xff
				? 'utf-16be'
				: 'utf-8';
	return new TextDecoder(encoding).decode(bytes);
}

// --- the roster ----------------------------------------------------------------------------------

/** The most names a roster keeps (`SharedAssignmentSchema`). */
export const MAX_ROSTER = 1_000;

/** The roster's names as typed, one a line, blank lines left out. */
export function rosterNames(text: string): string[] {
	return text
		.split(/\r\n|\r|\n/)
		.map((name) => name.trim())
		.filter((name) => name !== '');
}

/** Why a roster cannot be kept, in words, or null when it can. */
export function rosterProblem(names: readonly string[]): string | null {
	if (names.length > MAX_ROSTER)
		return `A roster can hold at most ${MAX_ROSTER.toLocaleString('en')} names; this one has ${names.length.toLocaleString('en')}.`;
	const long = names.findIndex((name) => name.length > MAX_NAME_LENGTH);
	if (long >= 0)
		return `Name ${long + 1} is longer than ${MAX_NAME_LENGTH} characters: is it two names on one line?`;
	return null;
}
