import * as v from 'valibot';
import { DEFAULT_DAY_START_HOUR } from './day';
import type { StudySettings } from './queue';

export const DEFAULT_NEW_PER_DAY = 10;

/** What a student sets for study: when a day starts, and how many new questions a day brings. */
export const StudyPrefsSchema = v.object({
	dayStartHour: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23)),
	newPerDay: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(200))
});
export type StudyPrefs = v.InferOutput<typeof StudyPrefsSchema>;

export const DEFAULT_STUDY_PREFS: StudyPrefs = {
	dayStartHour: DEFAULT_DAY_START_HOUR,
	newPerDay: DEFAULT_NEW_PER_DAY
};

/** The settings a queue is built with: the student's choices, in the device's time zone now. */
export function studySettings(prefs: StudyPrefs, timeZone?: string): StudySettings {
	return {
		newPerDay: prefs.newPerDay,
		rule: { startHour: prefs.dayStartHour, ...(timeZone ? { timeZone } : {}) }
	};
}

/** The study settings as stored: one record, `study`. */
export const StudyPrefsRecordSchema = v.object({
	id: v.literal('study'),
	...StudyPrefsSchema.entries
});
export type StudyPrefsRecord = v.InferOutput<typeof StudyPrefsRecordSchema>;
