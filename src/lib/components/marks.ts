import { notedPassages } from '$lib/content/evidence';
import type { Source } from '$lib/content/model';
import { noteId } from './SourceHeader.svelte';
import type { Marked } from './SourceText.svelte';

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
