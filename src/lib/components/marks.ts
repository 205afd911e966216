import { notedPassages, type Passage } from '$lib/content/evidence';
import type { Source } from '$lib/content/model';
import { noteId } from './SourceHeader.svelte';

/** A passage marked in an article's text (`MarkedText`). */
export interface Marked extends Passage {
	/** Shown before the passage, e.g. the number of a difference. */
	label?: string;
	id?: string;
	/** The id of the element on the page the label links to, e.g. the difference it numbers. */
	linksTo?: string;
	/** The link's accessible name; it should contain the label, which is all it shows. */
	linkName?: string;
}

/**
 * The passages a source's editor's notes point at, marked as the reader marks evidence: each
 * labelled with its note's number and linking to the note in the source's header.
 */
export function noteMarks(source: Source): Marked[] {
	return notedPassages(source).map(({ note, ...at }) => ({
		...at,
		id: `${noteId(source.id, note)}-passage`,
		label: `Note ${note}`,
		linksTo: noteId(source.id, note),
		linkName: `Note ${note}: the editor’s note on this passage`
	}));
}
