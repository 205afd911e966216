import { daysBetween, studyDay, type DayRule } from './day';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * When a question comes back, as a student reads it after answering: "in 10 minutes", "in 3
 * hours", "tomorrow", "in 3 days", "in 2 weeks", "in 3 months". Days are study days, so a
 * question due at 2 am the next night, before the day starts, is "tomorrow", not "in 3 hours".
 */
export function comesBack(due: number, now: number, rule: DayRule): string {
	if (due <= now) return 'now';
	const days = daysBetween(studyDay(now, rule), studyDay(due, rule));
	if (days <= 0) {
		const minutes = Math.max(1, Math.round((due - now) / MINUTE));
		if (minutes < 60) return minutes === 1 ? 'in 1 minute' : `in ${minutes} minutes`;
		const hours = Math.round((due - now) / HOUR);
		return hours === 1 ? 'in 1 hour' : `in ${hours} hours`;
	}
	if (days === 1) return 'tomorrow';
	if (days < 14) return `in ${days} days`;
	if (days < 60) return `in ${Math.round(days / 7)} weeks`;
	const months = Math.round(days / 30.44);
	return months < 24 ? `in ${months} months` : `in ${Math.round(days / 365.25)} years`;
}
