import * as v from 'valibot';
import {
	CompositionSchema,
	SharedAssignmentSchema,
	TakenAssignmentSchema,
	TeacherKeysSchema,
	type Composition,
	type SharedAssignment,
	type TakenAssignment,
	type TeacherKeys
} from '../share/composition';
import { resultId } from '../share/gradebook';
import { ReceivedResultSchema, type ReceivedResult } from '../share/result';
import { StorageError } from './errors';
import { allOrNothing, IdbStore } from './records';

/** What adding a batch of results did: every result is either added now or was there before. */
export interface AddedResults {
	added: ReceivedResult[];
	already: ReceivedResult[];
}

export type HandIn = TakenAssignment['handIns'][number];

/**
 * Where assignments are kept: on a teacher's device, the key pair, compositions, the versions
 * shared and the results received; on a student's, the assignments opened. Every read is
 * validated; every failure is thrown as a `StorageError` that names its cause.
 */
export interface AssignmentStore {
	readonly kind: 'device' | 'memory';
	teacherKeys(): Promise<TeacherKeys | undefined>;
	/** Keeps the key pair unless one is kept already (made in another tab): returns the one that stands. */
	keepTeacherKeys(keys: TeacherKeys): Promise<TeacherKeys>;
	/** Every composition, the most recently changed first. */
	compositions(): Promise<Composition[]>;
	getComposition(id: string): Promise<Composition | undefined>;
	saveComposition(composition: Composition): Promise<void>;
	/** Keeps a shared version (its id is new each time a composition is shared). */
	share(shared: SharedAssignment): Promise<void>;
	getShared(id: string): Promise<SharedAssignment | undefined>;
	/** Every shared version, the most recently shared first. */
	allShared(): Promise<SharedAssignment[]>;
	/** Changes a shared version's gradebook settings; the assignment itself never changes. */
	updateShared(
		id: string,
		change: Partial<Pick<SharedAssignment, 'policy' | 'roster' | 'released'>>
	): Promise<SharedAssignment>;
	/** Adds results in one transaction, all or none; one already kept (same id) is left as it is. */
	addResults(results: readonly ReceivedResult[]): Promise<AddedResults>;
	resultsFor(assignmentId: string): Promise<ReceivedResult[]>;
	getTaken(id: string): Promise<TakenAssignment | undefined>;
	saveTaken(taken: TakenAssignment): Promise<void>;
	/** Adds a hand-in code to an opened assignment, once per attempt. */
	addHandIn(id: string, handIn: HandIn): Promise<TakenAssignment>;
}

function valid<T>(schema: v.GenericSchema<unknown, T>, value: T): T {
	if (!v.is(schema, value)) throw new StorageError('invalid');
	return value;
}

const newestFirst = <T>(items: T[], time: (item: T) => number) =>
	items.sort((a, b) => time(b) - time(a));

/** A shared version with new gradebook settings: only those three fields can change. */
function changed(
	shared: SharedAssignment | undefined,
	change: Partial<Pick<SharedAssignment, 'policy' | 'roster' | 'released'>>
): SharedAssignment {
	if (!shared) throw new StorageError('invalid');
	const next = { ...shared };
	if (change.policy !== undefined) next.policy = change.policy;
	if (change.roster !== undefined) next.roster = change.roster;
	if (change.released !== undefined) next.released = change.released;
	return valid(SharedAssignmentSchema, next);
}

/** A result as it may be kept: valid, under the id its payload gives it, so one submission is one record. */
function validResult(result: ReceivedResult): ReceivedResult {
	valid(ReceivedResultSchema, result);
	if (result.id !== resultId(result.payload)) throw new StorageError('invalid');
	return result;
}

function withHandIn(taken: TakenAssignment | undefined, handIn: HandIn): TakenAssignment {
	if (!taken) throw new StorageError('invalid');
	if (taken.handIns.some((h) => h.attemptId === handIn.attemptId)) return taken;
	return valid(TakenAssignmentSchema, { ...taken, handIns: [...taken.handIns, handIn] });
}

export class IdbAssignmentStore extends IdbStore implements AssignmentStore {
	teacherKeys() {
		return this.run(async () =>
			this.read.one('teacherKeys', await this.db.get('teacherKeys', 'teacher'))
		);
	}
	keepTeacherKeys(keys: TeacherKeys) {
		return this.run(async () => {
			valid(TeacherKeysSchema, keys);
			const tx = this.db.transaction('teacherKeys', 'readwrite');
			const standing = this.read.one('teacherKeys', await tx.store.get('teacher'));
			if (!standing) await tx.store.put(keys);
			await tx.done;
			return standing ?? keys;
		});
	}
	compositions() {
		return this.run(async () =>
			newestFirst(
				this.read.all('compositions', await this.db.getAll('compositions')),
				(c) => c.updatedAt
			)
		);
	}
	getComposition(id: string) {
		return this.run(async () =>
			this.read.one('compositions', await this.db.get('compositions', id))
		);
	}
	saveComposition(composition: Composition) {
		return this.run(async () => {
			await this.db.put('compositions', valid(CompositionSchema, composition));
		});
	}
	share(shared: SharedAssignment) {
		return this.run(async () => {
			await this.db.put('sharedAssignments', valid(SharedAssignmentSchema, shared));
		});
	}
	getShared(id: string) {
		return this.run(async () =>
			this.read.one('sharedAssignments', await this.db.get('sharedAssignments', id))
		);
	}
	allShared() {
		return this.run(async () =>
			newestFirst(
				this.read.all('sharedAssignments', await this.db.getAll('sharedAssignments')),
				(s) => s.sharedAt
			)
		);
	}
	updateShared(
		id: string,
		change: Partial<Pick<SharedAssignment, 'policy' | 'roster' | 'released'>>
	) {
		return this.run(async () => {
			const tx = this.db.transaction('sharedAssignments', 'readwrite');
			const next = changed(this.read.one('sharedAssignments', await tx.store.get(id)), change);
			await tx.store.put(next);
			await tx.done;
			return next;
		});
	}
	addResults(results: readonly ReceivedResult[]) {
		return this.run(async () => {
			for (const r of results) validResult(r);
			const tx = this.db.transaction('results', 'readwrite');
			const standing = await Promise.all(results.map((r) => tx.store.get(r.id)));
			const added: ReceivedResult[] = [];
			const already: ReceivedResult[] = [];
			const seen = new Set<string>();
			results.forEach((r, i) => {
				const kept = standing[i] !== undefined && this.read.one('results', standing[i]);
				(kept || seen.has(r.id) ? already : added).push(r);
				seen.add(r.id);
			});
			await allOrNothing(tx, () => added.map((r) => tx.store.put(r)));
			await tx.done;
			return { added, already };
		});
	}
	resultsFor(assignmentId: string) {
		return this.run(async () =>
			this.read.all(
				'results',
				await this.db.getAllFromIndex('results', 'byAssignment', assignmentId)
			)
		);
	}
	getTaken(id: string) {
		return this.run(async () =>
			this.read.one('takenAssignments', await this.db.get('takenAssignments', id))
		);
	}
	saveTaken(taken: TakenAssignment) {
		return this.run(async () => {
			await this.db.put('takenAssignments', valid(TakenAssignmentSchema, taken));
		});
	}
	addHandIn(id: string, handIn: HandIn) {
		return this.run(async () => {
			const tx = this.db.transaction('takenAssignments', 'readwrite');
			const next = withHandIn(this.read.one('takenAssignments', await tx.store.get(id)), handIn);
			await tx.store.put(next);
			await tx.done;
			return next;
		});
	}
}

/** Copies a record as the memory store keeps it, as IndexedDB would. */
const copy = <T>(value: T): T => structuredClone(value);

/** Keeps assignments for this tab only, when the device's storage cannot be used. */
export class MemoryAssignmentStore implements AssignmentStore {
	readonly kind = 'memory';
	private keys: TeacherKeys | undefined;
	private comps = new Map<string, Composition>();
	private shared = new Map<string, SharedAssignment>();
	private results = new Map<string, ReceivedResult>();
	private taken = new Map<string, TakenAssignment>();

	async teacherKeys() {
		return this.keys && copy(this.keys);
	}
	async keepTeacherKeys(keys: TeacherKeys) {
		valid(TeacherKeysSchema, keys);
		this.keys ??= copy(keys);
		return copy(this.keys);
	}
	async compositions() {
		return newestFirst([...this.comps.values()].map(copy), (c) => c.updatedAt);
	}
	async getComposition(id: string) {
		const c = this.comps.get(id);
		return c && copy(c);
	}
	async saveComposition(composition: Composition) {
		this.comps.set(composition.id, copy(valid(CompositionSchema, composition)));
	}
	async share(shared: SharedAssignment) {
		this.shared.set(shared.id, copy(valid(SharedAssignmentSchema, shared)));
	}
	async getShared(id: string) {
		const s = this.shared.get(id);
		return s && copy(s);
	}
	async allShared() {
		return newestFirst([...this.shared.values()].map(copy), (s) => s.sharedAt);
	}
	async updateShared(
		id: string,
		change: Partial<Pick<SharedAssignment, 'policy' | 'roster' | 'released'>>
	) {
		const next = changed(this.shared.get(id), change);
		this.shared.set(id, copy(next));
		return copy(next);
	}
	async addResults(results: readonly ReceivedResult[]) {
		for (const r of results) validResult(r);
		const added: ReceivedResult[] = [];
		const already: ReceivedResult[] = [];
		for (const r of results) {
			if (this.results.has(r.id)) already.push(r);
			else {
				this.results.set(r.id, copy(r));
				added.push(r);
			}
		}
		return { added, already };
	}
	async resultsFor(assignmentId: string) {
		return [...this.results.values()]
			.filter((r) => r.payload.assignmentId === assignmentId)
			.map(copy);
	}
	async getTaken(id: string) {
		const t = this.taken.get(id);
		return t && copy(t);
	}
	async saveTaken(taken: TakenAssignment) {
		this.taken.set(taken.id, copy(valid(TakenAssignmentSchema, taken)));
	}
	async addHandIn(id: string, handIn: HandIn) {
		const next = withHandIn(this.taken.get(id), handIn);
		this.taken.set(id, copy(next));
		return copy(next);
	}
}
