import * as v from 'valibot';
import { CATEGORIES } from '../content/categories';
import {
	AssignmentIdSchema,
	AssignmentSchema,
	FEEDBACK,
	MAX_ATTEMPTS,
	MAX_INSTRUCTIONS_LENGTH,
	MAX_QUESTIONS,
	MAX_TIME_LIMIT_MINUTES,
	MAX_TITLE_LENGTH,
	MillisSchema,
	ORDERS,
	PickSchema,
	PinnedQuestionSchema,
	PublicKeySchema,
	listsEachOnce,
	type Assignment
} from './assignment';
import { isBase64urlOf } from './assignment';
import { COUNT_POLICIES } from './gradebook';
import { MAX_NAME_LENGTH } from './result';

/**
 * What a teacher keeps on their own device: the assignments they are putting together
 * (compositions), each version they shared (frozen, as the students got it), their key pair, and,
 * on a student's device, the assignments the student opened. Every record is read back through
 * these schemas: another version, another tab or junk may have written it.
 */

/**
 * An assignment being put together: what will become an `Assignment` when it is shared. It can
 * be edited at any time; each share freezes a copy under a new id (`SharedAssignment`), so
 * results are always graded against exactly what the students were given.
 */
export const CompositionSchema = v.object({
	id: AssignmentIdSchema,
	title: v.pipe(v.string(), v.maxLength(MAX_TITLE_LENGTH)),
	instructions: v.pipe(v.string(), v.maxLength(MAX_INSTRUCTIONS_LENGTH)),
	questions: v.pipe(
		v.array(PinnedQuestionSchema),
		v.maxLength(MAX_QUESTIONS),
		v.check((refs) => listsEachOnce(refs), 'must not list a question twice')
	),
	pick: PickSchema,
	order: v.picklist(ORDERS),
	timeLimitMinutes: v.nullable(
		v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MAX_TIME_LIMIT_MINUTES))
	),
	attemptsAllowed: v.nullable(
		v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MAX_ATTEMPTS))
	),
	due: v.nullable(MillisSchema),
	feedback: v.picklist(FEEDBACK),
	createdAt: MillisSchema,
	updatedAt: MillisSchema,
	archived: v.boolean()
});
export type Composition = v.InferOutput<typeof CompositionSchema>;

/** A new, empty composition: shuffled, no time limit, one attempt, feedback after each question. */
export function newComposition(id: string, now: number): Composition {
	return {
		id,
		title: '',
		instructions: '',
		questions: [],
		pick: { kind: 'all' },
		order: 'shuffled',
		timeLimitMinutes: null,
		attemptsAllowed: 1,
		due: null,
		feedback: 'each',
		createdAt: now,
		updatedAt: now,
		archived: false
	};
}

/** A copy to edit separately, under a new id, titled as a copy and not archived. */
export function duplicateComposition(source: Composition, id: string, now: number): Composition {
	return {
		...structuredCopy(source),
		id,
		title: `${source.title} (copy)`.slice(0, MAX_TITLE_LENGTH),
		createdAt: now,
		updatedAt: now,
		archived: false
	};
}

function structuredCopy(c: Composition): Composition {
	return { ...c, questions: c.questions.map((q) => ({ ...q })), pick: clonePick(c.pick) };
}

function clonePick(pick: Composition['pick']): Composition['pick'] {
	return pick.kind === 'all' ? { kind: 'all' } : { ...pick, perCategory: { ...pick.perCategory } };
}

/** What stops a composition being shared before anything else is checked; null when nothing. */
export function shareProblem(composition: Composition): string | null {
	if (composition.title.trim() === '') return 'Give the assignment a title.';
	if (composition.questions.length === 0) return 'Add at least one question.';
	return null;
}

/**
 * The assignment a composition shares, under `id`, for the teacher's public key: the valid
 * assignment, or the first thing that stops it being one (no title, no questions…), in words.
 */
export function toAssignment(
	composition: Composition,
	opts: { id: string; teacherKey: string; now: number }
): { ok: true; assignment: Assignment } | { ok: false; problem: string } {
	const candidate: Assignment = {
		id: opts.id,
		title: composition.title.trim(),
		instructions: composition.instructions.trim(),
		createdAt: opts.now,
		questions: composition.questions.map((q) => ({ ...q })),
		pick: clonePick(composition.pick),
		order: composition.order,
		timeLimitMinutes: composition.timeLimitMinutes,
		attemptsAllowed: composition.attemptsAllowed,
		due: composition.due,
		feedback: composition.feedback,
		teacherKey: opts.teacherKey
	};
	if (candidate.title === '') return { ok: false, problem: 'Give the assignment a title.' };
	if (candidate.questions.length === 0) return { ok: false, problem: 'Add at least one question.' };
	const parsed = v.safeParse(AssignmentSchema, candidate);
	if (!parsed.success) {
		const issue = parsed.issues[0];
		return { ok: false, problem: `${v.getDotPath(issue) ?? 'assignment'}: ${issue.message}` };
	}
	return { ok: true, assignment: parsed.output };
}

/**
 * One shared version of a composition, frozen as the students got it, with the teacher's choices
 * for its gradebook: which submission counts when a student hands in more than one, the class
 * roster, and whether feedback held back until release has been released.
 */
export const SharedAssignmentSchema = v.object({
	id: AssignmentIdSchema,
	compositionId: AssignmentIdSchema,
	assignment: AssignmentSchema,
	sharedAt: MillisSchema,
	policy: v.picklist(COUNT_POLICIES),
	roster: v.pipe(v.array(v.pipe(v.string(), v.maxLength(MAX_NAME_LENGTH))), v.maxLength(1_000)),
	released: v.boolean()
});
export type SharedAssignment = v.InferOutput<typeof SharedAssignmentSchema>;

const Base64urlField = (bytes: number) =>
	v.pipe(
		v.string(),
		v.check((text) => isBase64urlOf(text, bytes), `must be ${bytes} bytes in base64url`)
	);

/**
 * The teacher's key pair, made once on the teacher's device. The private half is kept as a JWK so
 * that a backup can carry it to a new device (the teacher can then still open results for earlier
 * assignments); it is only ever used to open results, on this device.
 */
export const TeacherKeysSchema = v.object({
	id: v.literal('teacher'),
	publicKey: PublicKeySchema,
	privateJwk: v.object({
		kty: v.literal('EC'),
		crv: v.literal('P-256'),
		x: Base64urlField(32),
		y: Base64urlField(32),
		d: Base64urlField(32)
	}),
	createdAt: MillisSchema
});
export type TeacherKeys = v.InferOutput<typeof TeacherKeysSchema>;

/**
 * An assignment as a student's device keeps it once opened: the code (so it can be taken and
 * resumed offline), the name the student gave, and the result code of each finished attempt, so
 * a student who finishes offline can hand it in later.
 */
export const TakenAssignmentSchema = v.object({
	id: AssignmentIdSchema,
	code: v.pipe(v.string(), v.maxLength(200_000)),
	name: v.pipe(v.string(), v.maxLength(MAX_NAME_LENGTH)),
	openedAt: MillisSchema,
	handIns: v.array(
		v.object({
			attemptId: v.pipe(v.string(), v.minLength(1)),
			code: v.pipe(v.string(), v.maxLength(200_000)),
			finishedAt: MillisSchema
		})
	)
});
export type TakenAssignment = v.InferOutput<typeof TakenAssignmentSchema>;

/** What a share of the composition would ask of students: everything but ids, times and key. */
function asked(a: Omit<Assignment, 'id' | 'createdAt' | 'teacherKey'>) {
	// A pick's fields and counts in one order, however they were set.
	const pick =
		a.pick.kind === 'all'
			? ['all']
			: [
					'random',
					a.pick.same,
					CATEGORIES.map((c) => (a.pick.kind === 'random' ? (a.pick.perCategory[c] ?? null) : null))
				];
	return JSON.stringify([
		a.title.trim(),
		a.instructions.trim(),
		a.questions.map((q) => [q.storyId, q.questionId, q.fingerprint]),
		pick,
		a.order,
		a.timeLimitMinutes,
		a.attemptsAllowed,
		a.due,
		a.feedback
	]);
}

/**
 * Whether sharing the composition now would give students exactly what `shared` gave them: then
 * the link already shared is the one to hand out again, and no second version is made.
 */
export function sharesAs(composition: Composition, shared: Assignment): boolean {
	return asked(composition) === asked(shared);
}
