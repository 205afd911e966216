import { storyEntries } from '$lib/server/content-files';
import type { EntryGenerator } from './$types';

// The quiz page is reached by script (with ?attempt=), so the crawler needs to be told of it.
export const entries: EntryGenerator = storyEntries;
