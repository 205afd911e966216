/** What a key press in a quiz asks for: an option by its place (1–9), or Check/Next (Enter). */
export type Shortcut = { kind: 'option'; index: number } | { kind: 'submit' };

/**
 * The quiz's keyboard shortcut for a key press, or null. Nothing is taken from a field being
 * typed in, from a button or link (Enter already presses those), with a modifier, or from a key
 * held down (its repeats would skip the feedback).
 */
export function shortcutFor(event: KeyboardEvent): Shortcut | null {
	if (event.repeat || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented)
		return null;
	const target = event.target as HTMLElement | null;
	const tag = target?.tagName;
	if (target?.isContentEditable || tag === 'TEXTAREA' || tag === 'SELECT') return null;
	const typing =
		tag === 'INPUT' && !['radio', 'checkbox'].includes((target as HTMLInputElement).type);
	if (event.key === 'Enter')
		return typing || tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY'
			? null
			: { kind: 'submit' };
	if (typing || !/^[1-9]$/.test(event.key)) return null;
	return { kind: 'option', index: Number(event.key) - 1 };
}
