import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { checkContent, formatIssue, type ContentFile, type ContentIssue } from '../content/check';
import type { StoryBundle } from '../content/model';

/**
 * Where content lives:
 *   questions/sources/<source>.yaml           one article each
 *   questions/stories/<story>/story.yaml      the story, its sources, actors and differences
 *   questions/stories/<story>/questions/*.yaml its question banks
 *   questions/stories/<story>/ids.yaml        the register of every question id it has shipped
 */
export const CONTENT_ROOT = join(process.cwd(), 'questions');
export const REGISTER_FILE = 'ids.yaml';

const yamlFiles = (dir: string) =>
	existsSync(dir)
		? readdirSync(dir)
				.filter((f) => /\.ya?ml$/.test(f))
				.sort()
		: [];

/** Reads and parses every content file; a file that is not valid YAML becomes an issue. */
export function readContentFiles(root = CONTENT_ROOT): {
	files: ContentFile[];
	issues: ContentIssue[];
} {
	const files: ContentFile[] = [];
	const issues: ContentIssue[] = [];
	const read = (path: string): unknown => {
		const name = relative(process.cwd(), path);
		try {
			return parse(readFileSync(path, 'utf8'), { prettyErrors: true });
		} catch (e) {
			issues.push({ file: name, message: `not valid YAML: ${(e as Error).message}` });
			return undefined;
		}
	};
	// A bank that is not valid YAML still counts as a bank the check could not read, so the
	// register does not report its questions as gone; other unreadable files are left out.
	const add = (file: ContentFile) => {
		if (file.data !== undefined || file.kind === 'bank') files.push(file);
	};

	for (const f of yamlFiles(join(root, 'sources'))) {
		const path = join(root, 'sources', f);
		add({ kind: 'source', path: relative(process.cwd(), path), data: read(path) });
	}
	const storiesDir = join(root, 'stories');
	const storyIds = existsSync(storiesDir) ? readdirSync(storiesDir).sort() : [];
	for (const story of storyIds) {
		const storyFile = join(storiesDir, story, 'story.yaml');
		if (existsSync(storyFile))
			add({ kind: 'story', path: relative(process.cwd(), storyFile), data: read(storyFile) });
		else
			issues.push({
				file: relative(process.cwd(), join(storiesDir, story)),
				message: 'a story folder needs a story.yaml'
			});
		const registerFile = join(storiesDir, story, REGISTER_FILE);
		if (existsSync(registerFile))
			add({
				kind: 'register',
				story,
				path: relative(process.cwd(), registerFile),
				data: read(registerFile)
			});
		const bankDir = join(storiesDir, story, 'questions');
		for (const f of yamlFiles(bankDir)) {
			const path = join(bankDir, f);
			add({ kind: 'bank', story, path: relative(process.cwd(), path), data: read(path) });
		}
	}
	return { files, issues };
}

/** Reads, checks and builds all content: the bundles are trustworthy only when issues is empty. */
export function loadContent(root = CONTENT_ROOT): {
	bundles: StoryBundle[];
	issues: ContentIssue[];
	warnings: ContentIssue[];
} {
	const read = readContentFiles(root);
	const checked = checkContent(read.files);
	return {
		bundles: checked.bundles,
		issues: [...read.issues, ...checked.issues],
		warnings: sizeWarnings(checked.bundles, root)
	};
}

/**
 * The largest file the service worker stores for offline use (Workbox's own default, set
 * explicitly in vite.config.ts). A question bank over it would fail the build, or worse, not be
 * stored for offline study.
 */
export const PRECACHE_FILE_LIMIT = 2 * 1024 * 1024;
/** A bank past this share of the limit is warned about, long before the build would fail. */
export const BANK_WARNING_SHARE = 0.5;

/** Warns, naming the story, when a story's bank JSON grows towards what the build can ship. */
export function sizeWarnings(
	bundles: readonly StoryBundle[],
	root = CONTENT_ROOT,
	limit = PRECACHE_FILE_LIMIT
): ContentIssue[] {
	return bundles.flatMap((b) => {
		const bytes = Buffer.byteLength(JSON.stringify(b.questions));
		if (bytes < limit * BANK_WARNING_SHARE) return [];
		const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
		return [
			{
				file: relative(process.cwd(), join(root, 'stories', b.story.id)),
				id: b.story.id,
				message: `its question bank is ${mb(bytes)} as shipped (${b.questions.length} questions); the app stores files up to ${mb(limit)} for offline use, and the build fails past that. Split the story, or trim long fields.`
			}
		];
	});
}

let cached: StoryBundle[] | undefined;

/** The checked bundles, for prerendering; throws, naming every problem, if the content is broken. */
export function checkedBundles(): StoryBundle[] {
	if (cached) return cached;
	const { bundles, issues } = loadContent();
	if (issues.length) throw new ContentError(issues);
	return (cached = bundles);
}

export class ContentError extends Error {
	constructor(readonly issues: ContentIssue[]) {
		super(
			`The question content has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n` +
				issues.map((i) => '  ' + formatIssue(i)).join('\n')
		);
		this.name = 'ContentError';
	}
}

/** Prerender entries for routes under /stories/[story]. */
export function storyEntries(): { story: string }[] {
	return checkedBundles().map((b) => ({ story: b.story.id }));
}

/** Drops the cached bundles, so the next checkedBundles() reads the content again (dev server). */
export function forgetCheckedBundles(): void {
	cached = undefined;
}
