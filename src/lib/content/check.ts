import * as v from 'valibot';
import { schemaIssues, type ContentIssue } from './issues';
import { typeOf } from '../question-types';
import { attributionChoice, attributionChoices } from '../question-types/source';
import { titlesFor } from '../question-types/text';
import { findPassage, occursIn, sentenceAround, textAt, type Passage } from './evidence';
import { nearDuplicates, NEAR_DUPLICATE_SIMILARITY } from './duplicates';
import { questionFingerprint } from './fingerprint';
import type { Outlet } from '../question-types';
import { checkRegister } from './register';
import {
	BankSchema,
	QuestionSchema,
	SourceSchema,
	StorySchema,
	outletOf,
	type Evidence,
	type Question,
	type QuestionData,
	type ShippedEvidence,
	type Source,
	type Story,
	type StoryBundle
} from './model';

/** One parsed content file, before it is checked. */
export type ContentFile =
	| { kind: 'source'; path: string; data: unknown }
	| { kind: 'story'; path: string; data: unknown }
	| { kind: 'bank'; path: string; story: string; data: unknown }
	| { kind: 'register'; path: string; story: string; data: unknown };

export { formatIssue, type ContentIssue } from './issues';

function idOf(data: unknown): string | undefined {
	if (data && typeof data === 'object' && 'id' in data && typeof data.id === 'string')
		return data.id;
	return undefined;
}

/**
 * Checks every source, story and question bank, and builds what the app ships. Nothing in a file
 * with a problem is trusted: the caller fails on any issue rather than shipping a partial bank.
 */
export function checkContent(files: readonly ContentFile[]): {
	bundles: StoryBundle[];
	issues: ContentIssue[];
} {
	const issues: ContentIssue[] = [];
	const sources = new Map<string, Source>();
	const stories: { story: Story; file: string }[] = [];

	for (const f of files.filter((f) => f.kind === 'source')) {
		const parsed = v.safeParse(SourceSchema, f.data);
		if (!parsed.success) {
			issues.push(...schemaIssues(f.path, idOf(f.data), parsed.issues));
			continue;
		}
		if (sources.has(parsed.output.id))
			issues.push({
				file: f.path,
				id: parsed.output.id,
				field: 'id',
				message: 'another source has this id'
			});
		else sources.set(parsed.output.id, parsed.output);
		(parsed.output.notes ?? []).forEach((note, i) => {
			if (note.passage && !findPassage(parsed.output, note.passage))
				issues.push({
					file: f.path,
					id: parsed.output.id,
					field: `notes[${i}].passage`,
					message: `"${note.passage}" does not occur in this source's text, word for word and within one paragraph`
				});
		});
	}

	// Folders of stories skipped as duplicates: their banks are not reported as orphans.
	const skippedFolders = new Set<string>();
	for (const f of files.filter((f) => f.kind === 'story')) {
		const parsed = v.safeParse(StorySchema, f.data);
		if (!parsed.success) {
			issues.push(...schemaIssues(f.path, idOf(f.data), parsed.issues));
			continue;
		}
		const story = parsed.output;
		const first = stories.find((s) => s.story.id === story.id);
		if (first) {
			skippedFolders.add(f.path.split('/').at(-2) ?? '');
			// Said once: checking its banks again would only repeat every question id as a duplicate.
			issues.push({
				file: f.path,
				id: story.id,
				field: 'id',
				message: `another story has this id (${first.file}); give each story its own id`
			});
			continue;
		}
		issues.push(...checkStory(f.path, story, sources));
		stories.push({ story, file: f.path });
	}

	const questionIds = new Map<string, string>();
	const bundles: StoryBundle[] = [];
	for (const { story, file: storyFile } of stories) {
		const questions: Question[] = [];
		// Which bank each id stands in, broken questions included; null when a whole bank could
		// not be read, so the register is not told that its ids are gone.
		let bankOf: Map<string, string> | null = new Map();
		const unparsed = new Set<string>();
		let anyBroken = false;
		const fileOf = new Map<string, string>();
		const written: QuestionData[] = [];
		for (const f of files.filter((f) => f.kind === 'bank' && f.story === story.id)) {
			if (f.data === undefined) {
				// Not readable at all (the reader has said why): its ids are unknown, not gone.
				bankOf = null;
				continue;
			}
			const bank = v.safeParse(BankSchema, f.data);
			if (!bank.success) {
				issues.push(...schemaIssues(f.path, undefined, bank.issues));
				bankOf = null;
				continue;
			}
			bank.output.questions.forEach((raw, index) => {
				const id = idOf(raw) ?? `questions[${index}]`;
				const parsed = v.safeParse(QuestionSchema, raw);
				if (!parsed.success) {
					anyBroken = true;
					issues.push(...schemaIssues(f.path, id, parsed.issues));
					// Its id still stands in the bank (so it is not gone), but it is fixed before it registers.
					if (idOf(raw)) unparsed.add(id);
					return;
				}
				bankOf?.set(id, f.path);
				const q = parsed.output as QuestionData;
				const elsewhere = questionIds.get(q.id);
				if (elsewhere)
					issues.push({
						file: f.path,
						id: q.id,
						field: 'id',
						message: `another question has this id (in ${elsewhere})`
					});
				questionIds.set(q.id, f.path);
				fileOf.set(q.id, f.path);
				written.push(q);
				issues.push(...checkQuestion(f.path, q, story, sources));
				questions.push(shipped(q, story, sources));
			});
		}
		issues.push(...checkRepeats(written, fileOf, story, sources));
		const register = files.find((f) => f.kind === 'register' && f.story === story.id);
		issues.push(
			...checkRegister(
				register?.path ?? storyFile.replace(/story\.ya?ml$/, 'ids.yaml'),
				register?.data,
				bankOf,
				unparsed
			)
		);
		if (!questions.length && bankOf && !anyBroken)
			issues.push({
				file: storyFile,
				id: story.id,
				message:
					'has no questions: a story needs at least one bank with a question under its questions/ folder'
			});
		bundles.push({
			story,
			sources: story.sources.flatMap((id) => sources.get(id) ?? []),
			questions
		});
	}
	for (const f of files.filter(
		(f) =>
			f.kind === 'bank' &&
			!skippedFolders.has(f.story) &&
			!stories.some((s) => s.story.id === f.story)
	))
		issues.push({
			file: f.path,
			message: `no story "${f.kind === 'bank' ? f.story : ''}" holds this bank: its folder needs a story.yaml`
		});

	return { bundles, issues };
}

/**
 * A checked question as the app ships it: its fingerprint, taken from the question as written;
 * each piece of evidence with the sentence around it; and a text answer with the titles of the
 * actors it names (`titlesFor`).
 */
function shipped(written: QuestionData, story: Story, sources: Map<string, Source>): Question {
	const fingerprint = questionFingerprint(written);
	// `distinctFrom` is for editors and the check: the app has no use for it.
	const { distinctFrom, differences: ids, ...q } = written;
	const evidence = q.evidence.map((e) => inContext(e, sources.get(e.source)));
	// Each point it asks about with its kind, so a quiz can be narrowed to a kind of difference.
	const differences = (ids ?? []).flatMap((id) => {
		const d = story.differences.find((d) => d.id === id);
		return d ? [{ id, kind: d.kind }] : [];
	});
	const common = { evidence, fingerprint, ...(differences.length ? { differences } : {}) };
	if (q.type !== 'text') return { ...q, ...common };
	const actors = story.actors.filter((a) => q.actors.includes(a.id));
	return { ...q, titles: titlesFor(q, actors), ...common };
}

/** Evidence with the rest of its sentence; empty when the quote is not found (an issue already). */
function inContext(evidence: Evidence, source: Source | undefined): ShippedEvidence {
	const at = source && findPassage(source, evidence.quote);
	const context = at
		? sentenceAround(textAt(source, at.paragraph), at.start, at.end)
		: { before: '', after: '' };
	return { ...evidence, context };
}

function checkStory(file: string, story: Story, sources: Map<string, Source>): ContentIssue[] {
	const issues: ContentIssue[] = [];
	story.sources.forEach((id, i) => {
		if (!sources.has(id))
			issues.push({
				file,
				id: story.id,
				field: `sources[${i}]`,
				message: `unknown source "${id}"`
			});
	});
	// An actor or a difference listed twice: reported at its second place.
	for (const [list, name, field] of [
		[story.actors, 'actor', 'actors'],
		[story.differences, 'difference', 'differences']
	] as const)
		list.forEach((item, i) => {
			if (list.findIndex((other) => other.id === item.id) !== i)
				issues.push({
					file,
					id: story.id,
					field: `${field}[${i}].id`,
					message: `${name} "${item.id}" is listed twice`
				});
		});
	story.differences.forEach((d, i) =>
		d.passages.forEach((p, j) =>
			issues.push(
				...checkEvidence(file, story.id, `differences[${i}].passages[${j}]`, p, story, sources)
			)
		)
	);
	issues.push(...checkOverlaps(file, story, sources));
	return issues;
}

/**
 * Passages of the compare view that overlap in their source: the view marks each passage once,
 * so the later one would go unmarked and its link lead nowhere.
 */
function checkOverlaps(file: string, story: Story, sources: Map<string, Source>): ContentIssue[] {
	const issues: ContentIssue[] = [];
	const placed: { field: string; difference: string; source: string; at: Passage }[] = [];
	story.differences.forEach((d, i) =>
		d.passages.forEach((p, j) => {
			const source = sources.get(p.source);
			const at = source && findPassage(source, p.quote);
			if (!at) return;
			const field = `differences[${i}].passages[${j}].quote`;
			const earlier = placed.find(
				(o) =>
					o.source === p.source &&
					o.at.paragraph === at.paragraph &&
					o.at.start < at.end &&
					at.start < o.at.end
			);
			if (earlier)
				issues.push({
					file,
					id: story.id,
					field,
					message: `overlaps a passage of difference "${earlier.difference}" (${earlier.field}) in "${p.source}": the compare view marks a stretch of text once, so quote a stretch of its own`
				});
			else placed.push({ field, difference: d.id, source: p.source, at });
		})
	);
	return issues;
}

function checkEvidence(
	file: string,
	id: string,
	field: string,
	evidence: { source: string; quote: string },
	story: Story,
	sources: Map<string, Source>
): ContentIssue[] {
	const source = sources.get(evidence.source);
	if (!story.sources.includes(evidence.source) || !source)
		return [
			{
				file,
				id,
				field: `${field}.source`,
				message: `unknown source "${evidence.source}" (this story's sources: ${story.sources.join(', ')})`
			}
		];
	if (!occursIn(source, evidence.quote))
		return [
			{
				file,
				id,
				field: `${field}.quote`,
				message: `not found word for word in source "${evidence.source}": "${evidence.quote}"`
			}
		];
	return [];
}

function checkQuestion(
	file: string,
	q: QuestionData,
	story: Story,
	sources: Map<string, Source>
): ContentIssue[] {
	const def = typeOf(q.type);
	const issues: ContentIssue[] = [...def.check(q), ...(def.checkPrompt?.(q, q.prompt) ?? [])].map(
		(i) => ({ file, id: q.id, ...i })
	);
	q.evidence.forEach((e, i) =>
		issues.push(...checkEvidence(file, q.id, `evidence[${i}]`, e, story, sources))
	);
	const actors = new Set(story.actors.map((a) => a.id));
	q.actors.forEach((a, i) => {
		if (!actors.has(a))
			issues.push({
				file,
				id: q.id,
				field: `actors[${i}]`,
				message: `unknown actor "${a}" (add it to the story's actors)`
			});
	});
	q.outlets.forEach((o, i) => {
		if (!story.sources.includes(o))
			issues.push({ file, id: q.id, field: `outlets[${i}]`, message: `unknown source "${o}"` });
	});
	(q.differences ?? []).forEach((d, i) => {
		if (!story.differences.some((known) => known.id === d))
			issues.push({
				file,
				id: q.id,
				field: `differences[${i}]`,
				message: `unknown difference "${d}" (the story's differences: ${
					story.differences.map((known) => known.id).join(', ') || 'none'
				})`
			});
		else if (q.differences!.indexOf(d) !== i)
			issues.push({
				file,
				id: q.id,
				field: `differences[${i}]`,
				message: `difference "${d}" is listed twice`
			});
	});
	if (q.type === 'source') issues.push(...checkAttribution(file, q, story, sources));
	return issues;
}

/**
 * A source-attribution key must agree with the texts: each source it names must supply evidence,
 * and no passage offered from a named source may also stand in a source the key leaves out.
 */
function checkAttribution(
	file: string,
	q: Extract<QuestionData, { type: 'source' }>,
	story: Story,
	sources: Map<string, Source>
): ContentIssue[] {
	const issues: ContentIssue[] = [];
	const outlets = storyOutlets(story, sources);
	const known = q.answer.every((id) => outlets.some((o) => o.id === id));
	if (known && !attributionChoice(outlets, q.answer))
		issues.push({
			file,
			id: q.id,
			field: 'answer',
			message: `a key must be one of the choices the quiz offers for this story (${attributionChoices(
				outlets
			)
				.map((c) => `[${c.sources.join(', ')}] ${c.label}`)
				.join('; ')})`
		});
	q.answer.forEach((id, i) => {
		if (!story.sources.includes(id))
			issues.push({ file, id: q.id, field: `answer[${i}]`, message: `unknown source "${id}"` });
		else if (!q.evidence.some((e) => e.source === id))
			issues.push({
				file,
				id: q.id,
				field: 'evidence',
				message: `the key names "${id}" but no evidence comes from it`
			});
	});
	for (const left of story.sources.filter((s) => !q.answer.includes(s))) {
		const other = sources.get(left);
		if (!other) continue;
		q.evidence.forEach((e, i) => {
			if (q.answer.includes(e.source) && occursIn(other, e.quote))
				issues.push({
					file,
					id: q.id,
					field: `evidence[${i}].quote`,
					message: `the key leaves out "${left}", but this passage stands in "${left}" too`
				});
		});
	}
	return issues;
}

/**
 * The story's questions asked twice (`nearDuplicates`), each pair reported on its second
 * question; and any `distinctFrom` that names no question of the story.
 */
function checkRepeats(
	questions: readonly QuestionData[],
	fileOf: ReadonlyMap<string, string>,
	story: Story,
	sources: ReadonlyMap<string, Source>
): ContentIssue[] {
	const issues: ContentIssue[] = [];
	const outlets = storyOutlets(story, sources);
	const ids = new Set(questions.map((q) => q.id));
	for (const q of questions)
		(q.distinctFrom ?? []).forEach((other, i) => {
			if (!ids.has(other.id) || other.id === q.id)
				issues.push({
					file: fileOf.get(q.id) ?? '',
					id: q.id,
					field: `distinctFrom[${i}].id`,
					message: `names "${other.id}", which is not another question of this story`
				});
		});
	const compared = questions.map((q) => ({
		id: q.id,
		type: q.type,
		prompt: q.prompt,
		key: typeOf(q.type).answerText(q as never, outlets),
		distinctFrom: (q.distinctFrom ?? []).map((d) => d.id)
	}));
	for (const { ids: pair, similarity } of nearDuplicates(compared))
		issues.push({
			file: fileOf.get(pair[1]) ?? '',
			id: pair[1],
			field: 'prompt',
			message: `asks what "${pair[0]}" asks: the same type and answer, and prompts ${Math.round(similarity * 100)}% alike (the limit is ${Math.round(NEAR_DUPLICATE_SIMILARITY * 100)}%). Remove one, or keep both and say why in distinctFrom`
		});
	return issues;
}

/** The outlets of the story's sources that were read, in the story's order. */
function storyOutlets(story: Story, sources: ReadonlyMap<string, Source>): Outlet[] {
	return story.sources.flatMap((id) => {
		const source = sources.get(id);
		return source ? [outletOf(source)] : [];
	});
}
