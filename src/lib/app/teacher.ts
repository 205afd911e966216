import type { TeacherKeys } from '$lib/share/composition';
import type { AssignmentStore } from '$lib/storage/assignment-store';
import { newTeacherKeys } from './seal';

/**
 * The teacher's key pair: the one kept on this device, or, on first use, a new one, kept. Two
 * tabs making one at once end with one pair (`keepTeacherKeys` keeps the first).
 */
export async function teacherKeys(
	assignments: AssignmentStore,
	now: () => number = Date.now
): Promise<TeacherKeys> {
	return (
		(await assignments.teacherKeys()) ??
		(await assignments.keepTeacherKeys(await newTeacherKeys(now())))
	);
}
