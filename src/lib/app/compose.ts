import { actorNamesOf, outletNamesOf, type StorySummary } from '$lib/content/model';
import type { Outlet } from '$lib/question-types';
import type { Banks } from '$lib/quiz/attempt';
import { assignmentIdFrom, ASSIGNMENT_ID_BYTES, type BankItem } from '$lib/share/compose';
import {
	duplicateComposition,
	newComposition,
	shareProblem,
	sharesAs,
	toAssignment,
	type Composition,
	type SharedAssignment
} from '$lib/share/composition';
import type { AssignmentStore } from '$lib/storage/assignment-store';
import { fetchBanks } from './data';
import { teacherKeys } from './teacher';

/**
 * The teacher's side of composing, at the edge: every story's questions to pick from, new ids,
 * and sharing, which freezes a version of the composition under a new id and the teacher's key.
 */

export interface ComposeDeps {
	now(): number;
	newId(): string;
}

/** A fresh assignment id: 128 random bits from the browser. */
export function newAssignmentId(): string {
	return assignmentIdFrom(crypto.getRandomValues(new Uint8Array(ASSIGNMENT_ID_BYTES)));
}

export const browserComposeDeps: ComposeDeps = { now: () => Date.now(), newId: newAssignmentId };

/** Everything the composer offers: every story's questions, with the names its filters show. */
export interface Library {
	items: BankItem[];
	/** The same questions by story, as the draw counts and the core read them. */
	banks: Banks;
	outletsOf: (storyId: string) => readonly Outlet[];
	storyTitles: Map<string, string>;
	actorNames: Map<string, string>;
	outletNames: Map<string, string>;
}

export async function loadLibrary(
	fetch: typeof globalThis.fetch,
	stories: readonly StorySummary[]
): Promise<Library> {
	const banks = await fetchBanks(
		fetch,
		stories,
		stories.map((s) => s.id)
	);
	const items = [...banks].flatMap(([storyId, bank]) =>
		bank.questions.map((question) => ({ storyId, question }))
	);
	const outlets = new Map(stories.map((s) => [s.id, s.outlets]));
	return {
		items,
		banks,
		outletsOf: (storyId) => outlets.get(storyId) ?? [],
		storyTitles: new Map(stories.map((s) => [s.id, s.title])),
		actorNames: actorNamesOf(stories),
		outletNames: outletNamesOf(stories)
	};
}

/** A new, empty composition, kept. */
export async function createComposition(
	assignments: AssignmentStore,
	deps: ComposeDeps = browserComposeDeps
): Promise<Composition> {
	const composition = newComposition(deps.newId(), deps.now());
	await assignments.saveComposition(composition);
	return composition;
}

/** A copy of a composition to change separately, kept. */
export async function duplicate(
	assignments: AssignmentStore,
	source: Composition,
	deps: ComposeDeps = browserComposeDeps
): Promise<Composition> {
	const copy = duplicateComposition(source, deps.newId(), deps.now());
	await assignments.saveComposition(copy);
	return copy;
}

/**
 * Shares a composition: the version last shared from it, when nothing students would see has
 * changed since, so one link keeps working; otherwise a new frozen version under a new id.
 * Returns the version, or the problem that stops it being shared (no title, no questions…).
 */
export async function shareComposition(
	assignments: AssignmentStore,
	composition: Composition,
	deps: ComposeDeps = browserComposeDeps
): Promise<{ ok: true; shared: SharedAssignment } | { ok: false; problem: string }> {
	const versions = (await assignments.allShared()).filter(
		(s) => s.compositionId === composition.id
	);
	const same = versions.find((s) => sharesAs(composition, s.assignment));
	if (same) return { ok: true, shared: same };
	// Nothing is written, not even the key pair, for a composition that cannot be shared yet.
	const problem = shareProblem(composition);
	if (problem) return { ok: false, problem };
	const keys = await teacherKeys(assignments, deps.now);
	const made = toAssignment(composition, {
		id: deps.newId(),
		teacherKey: keys.publicKey,
		now: deps.now()
	});
	if (!made.ok) return made;
	const latest = versions[0];
	const shared: SharedAssignment = {
		id: made.assignment.id,
		compositionId: composition.id,
		assignment: made.assignment,
		sharedAt: deps.now(),
		// A new version of the same assignment keeps the class's gradebook choices.
		policy: latest?.policy ?? 'best',
		roster: latest?.roster ?? [],
		released: false
	};
	await assignments.share(shared);
	return { ok: true, shared };
}
