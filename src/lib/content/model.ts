import * as v from 'valibot';
import { questionTypes, type Outlet, type TypedData } from '../question-types';
import { CATEGORIES, type Category } from './categories';
import { DIFFERENCE_KINDS, type DifferenceRef } from './kinds';

const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));
/** An id of a source, story, actor or question. */
export const IdSchema = v.pipe(
	v.string(),
	v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens')
);
const IsoDate = v.pipe(v.string(), v.isoDate('must be a date written YYYY-MM-DD'));

export { CATEGORIES, CATEGORY_LABELS, type Category } from './categories';
export { DIFFERENCE_KINDS, KIND_LABELS, type DifferenceKind, type DifferenceRef } from './kinds';

/** A passage a claim rests on: it must stand word for word (whitespace aside) in that source. */
export const EvidenceSchema = v.strictObject({ source: IdSchema, quote: Text });
export type Evidence = v.InferOutput<typeof EvidenceSchema>;
/**
 * Evidence as the app ships it: with the rest of the sentence (or sentences) the quote stands in,
 * whitespace folded, so that `before + quote + after` is that text (`sentenceAround`).
 */
export type ShippedEvidence = Evidence & { context: { before: string; after: string } };

/** One article, as published, with the page furniture stripped and the report untouched. */
/**
 * An editor's note on a copy of a report: what a reader should know about the text itself (a
 * machine translation, a misspelt name). It may point at a passage, which must occur in the
 * source word for word, as evidence does.
 */
export const SourceNoteSchema = v.strictObject({
	text: Text,
	passage: v.optional(Text)
});
export type SourceNote = v.InferOutput<typeof SourceNoteSchema>;

export const SourceSchema = v.strictObject({
	$schema: v.optional(v.string()),
	id: IdSchema,
	outlet: Text,
	outletName: Text,
	headline: Text,
	byline: v.optional(Text),
	published: IsoDate,
	datingNote: v.optional(Text),
	url: v.nullable(v.pipe(v.string(), v.url('must be a full URL'))),
	urlNote: v.optional(Text),
	credit: Text,
	notes: v.optional(v.array(SourceNoteSchema)),
	paragraphs: v.pipe(v.array(Text), v.minLength(1, 'needs at least one paragraph'))
});
export type Source = v.InferOutput<typeof SourceSchema>;

export const ActorSchema = v.strictObject({
	id: IdSchema,
	name: Text,
	kind: v.picklist(['person', 'organisation', 'country', 'office']),
	description: Text,
	/**
	 * Titles or roles the reports give the actor ("Prime Minister", "British Foreign Secretary"):
	 * a typed answer naming the actor may carry one (see `text.ts`).
	 */
	titles: v.optional(v.array(Text), [])
});
export type Actor = v.InferOutput<typeof ActorSchema>;

/** A point where the outlets' accounts differ, with the passage from each that shows it. */
export const DifferenceSchema = v.strictObject({
	id: IdSchema,
	topic: Text,
	kind: v.picklist(DIFFERENCE_KINDS, `must be one of: ${DIFFERENCE_KINDS.join(', ')}`),
	note: Text,
	passages: v.pipe(v.array(EvidenceSchema), v.minLength(1, 'needs at least one passage'))
});
export type Difference = v.InferOutput<typeof DifferenceSchema>;

export const StorySchema = v.strictObject({
	$schema: v.optional(v.string()),
	id: IdSchema,
	title: Text,
	summary: Text,
	date: IsoDate,
	sources: v.pipe(v.array(IdSchema), v.minLength(1, 'needs at least one source')),
	actors: v.array(ActorSchema),
	differences: v.optional(v.array(DifferenceSchema), [])
});
export type Story = v.InferOutput<typeof StorySchema>;

const common = {
	id: IdSchema,
	category: v.picklist(CATEGORIES, `must be one of: ${CATEGORIES.join(', ')}`),
	prompt: Text,
	explanation: Text,
	difficulty: v.picklist([1, 2, 3], 'must be 1 (easy), 2 or 3 (hard)'),
	actors: v.optional(v.array(IdSchema), []),
	outlets: v.optional(v.array(IdSchema), []),
	evidence: v.pipe(v.array(EvidenceSchema), v.minLength(1, 'needs at least one passage')),
	/**
	 * Questions of the story this one is like on purpose (the near-duplicate check would flag the
	 * pair), each with the reason both stay.
	 */
	distinctFrom: v.optional(v.array(v.strictObject({ id: IdSchema, reason: Text }))),
	/** The story's compare-view points (`differences`) the question asks about, by id. */
	differences: v.optional(v.array(IdSchema))
};

export const QuestionSchema = v.variant(
	'type',
	questionTypes.map((t) => v.strictObject({ ...common, type: v.literal(t.type), ...t.entries })),
	`must be one of: ${questionTypes.map((t) => t.type).join(', ')}`
);

type Common = v.InferOutput<v.ObjectSchema<typeof common, undefined>>;
/** A question as an editor writes it. */
export type QuestionData = Common & TypedData;
/**
 * A question as the app ships it: what the editor wrote, with each piece of evidence in its
 * sentence, what the check fills in (a text answer's titles from the story's actors), and its
 * fingerprint (`fingerprint.ts`), taken from the question as written.
 */
export type Question = Omit<Common, 'evidence' | 'distinctFrom' | 'differences'> & {
	evidence: ShippedEvidence[];
	/** The compare-view points it asks about, with their kinds; absent when it asks about none. */
	differences?: DifferenceRef[];
	fingerprint: string;
} & TypedData;

export const BankSchema = v.strictObject({
	$schema: v.optional(v.string()),
	questions: v.pipe(v.array(v.unknown()), v.minLength(1, 'needs at least one question'))
});

/**
 * Every question id a story has shipped, committed beside its banks (`ids.yaml`), so an id never
 * vanishes silently: `shipped` lists the live ids, `retired` the ones withdrawn on purpose.
 */
export const RegisterSchema = v.strictObject({
	$schema: v.optional(v.string()),
	shipped: v.array(IdSchema),
	retired: v.optional(v.array(v.strictObject({ id: IdSchema, reason: Text })), [])
});
export type Register = v.InferOutput<typeof RegisterSchema>;

/** A story and its articles: what the story page, the reader and compare coverage need. */
export interface StoryText {
	story: Story;
	sources: Source[];
}

/** A story with its questions: what a quiz needs. Questions are loaded only by pages that ask. */
export interface StoryBundle extends StoryText {
	questions: Question[];
}

/** What the home page lists for each story. */
export interface StorySummary {
	id: string;
	title: string;
	summary: string;
	date: string;
	outlets: Outlet[];
	/** The story's actors by name: what a teacher's filters and reports show for an actor's id. */
	actors: { id: string; name: string }[];
	counts: Record<Category, number>;
	/** Each question that asks about a difference between the reports: its section and points. */
	differing: { category: Category; differences: DifferenceRef[] }[];
}

export function summarizeStory(bundle: StoryBundle): StorySummary {
	const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
	for (const q of bundle.questions) counts[q.category]++;
	const differing = bundle.questions.flatMap((q) =>
		q.differences?.length ? [{ category: q.category, differences: q.differences }] : []
	);
	return {
		id: bundle.story.id,
		title: bundle.story.title,
		summary: bundle.story.summary,
		date: bundle.story.date,
		outlets: bundle.sources.map(outletOf),
		actors: bundle.story.actors.map((a) => ({ id: a.id, name: a.name })),
		counts,
		differing
	};
}

/** Every listed story's actors' names by id; the first story to name an actor names it. */
export function actorNamesOf(stories: readonly StorySummary[]): Map<string, string> {
	return namesBy(stories.flatMap((s) => s.actors));
}

/** Every listed story's outlets' full names by source id. */
export function outletNamesOf(stories: readonly StorySummary[]): Map<string, string> {
	return namesBy(stories.flatMap((s) => s.outlets));
}

function namesBy(named: readonly { id: string; name: string }[]): Map<string, string> {
	const names = new Map<string, string>();
	for (const { id, name } of named) if (!names.has(id)) names.set(id, name);
	return names;
}

/** A source as the outlet students see: its short name and its full name. */
export function outletOf(source: Source): Outlet {
	const outlet = { id: source.id, outlet: source.outlet, name: source.outletName };
	return source.notes?.length ? { ...outlet, notes: source.notes.map((n) => n.text) } : outlet;
}
