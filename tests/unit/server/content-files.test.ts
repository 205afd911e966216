import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatIssue } from '$lib/content/check';
import {
	ContentError,
	loadContent,
	readContentFiles,
	sizeWarnings
} from '$lib/server/content-files';
import { ALPHA, BETA, STORY_ID, fixture } from '../../fixtures/content/fixture';

let root: string;

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'byline-content-'));
});

afterEach(() => {
	rmSync(root, { recursive: true, force: true });
});

/** Writes a file under the temporary content root, making its folders. */
function write(path: string, text: string) {
	const full = join(root, path);
	mkdirSync(dirname(full), { recursive: true });
	writeFileSync(full, text);
}

/** How the loader names a file: relative to the working directory. */
const named = (path: string) => relative(process.cwd(), join(root, path));

const BANK = `stories/${STORY_ID}/questions/main.yaml`;
const EXTRA = `stories/${STORY_ID}/questions/extra.yaml`;
const STORY = `stories/${STORY_ID}/story.yaml`;
const REGISTER = `stories/${STORY_ID}/ids.yaml`;

/** Lays out the fixture as a content folder, the way questions/ is laid out. */
function writeValidFolder() {
	const f = fixture();
	write(
		`sources/${ALPHA}.yaml`,
		stringify({ $schema: '../schema/source.schema.json', ...f.alpha })
	);
	write(`sources/${BETA}.yaml`, stringify(f.beta));
	write(STORY, stringify(f.story));
	write(BANK, '# a comment at the top\n' + stringify(f.main));
	write(EXTRA, stringify(f.extra));
	write(REGISTER, stringify(f.register));
	return f;
}

describe('readContentFiles', () => {
	it('reads sources, stories and banks, naming each file and the story a bank belongs to', () => {
		writeValidFolder();
		const { files, issues } = readContentFiles(root);
		expect(issues).toEqual([]);
		expect(files.map((f) => [f.kind, f.path])).toEqual([
			['source', named(`sources/${ALPHA}.yaml`)],
			['source', named(`sources/${BETA}.yaml`)],
			['story', named(STORY)],
			['register', named(REGISTER)],
			['bank', named(EXTRA)],
			['bank', named(BANK)]
		]);
		for (const f of files) if (f.kind === 'bank') expect(f.story).toBe(STORY_ID);
	});

	it('parses the YAML into data', () => {
		const f = writeValidFolder();
		const { files } = readContentFiles(root);
		const beta = files.find((file) => file.path === named(`sources/${BETA}.yaml`));
		expect(beta?.data).toEqual(f.beta);
	});

	it('reads .yml files too and skips files that are not YAML', () => {
		writeValidFolder();
		write('sources/README.md', '# not content');
		write(`stories/${STORY_ID}/questions/notes.txt`, 'questions: [');
		write(`stories/${STORY_ID}/questions/more.yml`, stringify({ questions: [] }));
		const { files, issues } = readContentFiles(root);
		expect(issues).toEqual([]);
		expect(files.map((f) => f.path)).toContain(named(`stories/${STORY_ID}/questions/more.yml`));
		expect(files.map((f) => f.path).some((p) => /README|notes/.test(p))).toBe(false);
	});

	it.each([
		['an unterminated string', 'questions:\n  - id: "broken\n    prompt: x\n'],
		['a bad indent', 'questions:\n  - id: a\n   prompt: b\n  - id: c\n'],
		['a key given twice', 'questions:\n  - id: a\n    id: b\n'],
		['two documents in one file', 'questions: []\n---\nquestions: []\n'],
		['an unclosed flow sequence', 'questions: [a, b\n']
	])('reports %s as invalid YAML, naming the file, and returns no data from it', (_, text) => {
		writeValidFolder();
		write(EXTRA, text);
		const { files, issues } = readContentFiles(root);
		expect(issues).toHaveLength(1);
		expect(issues[0]!.file).toBe(named(EXTRA));
		expect(issues[0]!.message).toMatch(/^not valid YAML: /);
		expect(formatIssue(issues[0]!).startsWith(`${named(EXTRA)}: not valid YAML`)).toBe(true);
		// It is listed with no data, so the check knows a bank went unread (not that its ids are gone).
		expect(files.filter((f) => f.data !== undefined).map((f) => f.path)).not.toContain(
			named(EXTRA)
		);
		expect(files.find((f) => f.path === named(EXTRA))).toMatchObject({
			kind: 'bank',
			data: undefined
		});
		// Both sources, the story, its register and the other bank.
		expect(files.filter((f) => f.data !== undefined)).toHaveLength(5);
	});

	it('reports a story folder without a story.yaml', () => {
		writeValidFolder();
		write('stories/lost-story/questions/a.yaml', stringify(fixture().main));
		const { files, issues } = readContentFiles(root);
		expect(issues).toEqual([
			{ file: named('stories/lost-story'), message: 'a story folder needs a story.yaml' }
		]);
		expect(files.find((f) => f.path === named('stories/lost-story/questions/a.yaml'))).toEqual(
			expect.objectContaining({ kind: 'bank', story: 'lost-story' })
		);
	});

	it('reads an empty folder as no content and no problems', () => {
		expect(readContentFiles(root)).toEqual({ files: [], issues: [] });
	});
});

describe('loadContent', () => {
	it('loads a valid folder into checked bundles', () => {
		const f = writeValidFolder();
		const { bundles, issues } = loadContent(root);
		expect(issues.map(formatIssue)).toEqual([]);
		expect(bundles).toHaveLength(1);
		expect(bundles[0]!.story.id).toBe(STORY_ID);
		expect(bundles[0]!.sources.map((s) => s.id)).toEqual([ALPHA, BETA]);
		// Banks load in file-name order: extra.yaml before main.yaml.
		expect(bundles[0]!.questions.map((q) => q.id)).toEqual(
			[...f.extra.questions, ...f.main.questions].map((q) => q.id)
		);
	});

	it('reports invalid YAML and leaves that bank’s questions out rather than half-read', () => {
		const f = writeValidFolder();
		const text = stringify(f.extra);
		// The first question is whole; the file breaks in the second. Nothing of it may load.
		const second = text.indexOf('  - id:', text.indexOf('  - id:') + 1);
		write(EXTRA, text.slice(0, second) + '  - id: "unterminated\n    prompt: x\n');
		const { bundles, issues } = loadContent(root);
		expect(issues).toHaveLength(1);
		expect(issues[0]).toMatchObject({ file: named(EXTRA) });
		expect(issues[0]!.message).toMatch(/not valid YAML/);
		expect(bundles[0]!.questions.map((q) => q.id)).toEqual(f.main.questions.map((q) => q.id));
	});

	it('reports an empty bank file rather than skipping it', () => {
		writeValidFolder();
		write(EXTRA, '# nothing here yet\n');
		const { issues } = loadContent(root);
		expect(issues).toHaveLength(1);
		expect(issues[0]!.file).toBe(named(EXTRA));
	});

	it('reports content problems with the path of the file they are in', () => {
		const f = writeValidFolder();
		f.main.questions[0]!.difficulty = 5;
		write(BANK, stringify(f.main));
		const { issues } = loadContent(root);
		expect(issues.map(formatIssue)).toEqual([
			expect.stringMatching(
				new RegExp(
					`^${named(BANK).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} › tst-actors-announcer › difficulty: `
				)
			)
		]);
	});

	it('reports both a missing story.yaml and the bank it leaves without a story', () => {
		writeValidFolder();
		write('stories/lost-story/questions/a.yaml', stringify(fixture().main));
		const { bundles, issues } = loadContent(root);
		expect(issues.map((i) => i.file)).toEqual([
			named('stories/lost-story'),
			named('stories/lost-story/questions/a.yaml')
		]);
		expect(bundles.map((b) => b.story.id)).toEqual([STORY_ID]);
	});

	it('names every problem in the error a build throws', () => {
		writeValidFolder();
		write(EXTRA, 'questions: [\n');
		write(`stories/${STORY_ID}/questions/more.yaml`, 'questions:\n\t- tab\n');
		const { issues } = loadContent(root);
		expect(issues).toHaveLength(2);
		const error = new ContentError(issues);
		expect(error.message).toMatch(/^The question content has 2 problems:/);
		for (const issue of issues) expect(error.message).toContain(formatIssue(issue));
	});
});

describe('sizeWarnings', () => {
	it('warns, naming the story, when a bank nears what the app stores offline', () => {
		writeValidFolder();
		const { bundles } = loadContent(root);
		const bytes = Buffer.byteLength(JSON.stringify(bundles[0]!.questions));
		// A limit the fixture's bank is just over half of: it warns.
		const warnings = sizeWarnings(bundles, root, Math.floor(bytes * 1.9));
		expect(warnings).toHaveLength(1);
		expect(warnings[0]!.id).toBe(STORY_ID);
		expect(formatIssue(warnings[0]!)).toMatch(
			new RegExp(`${STORY_ID} › ${STORY_ID}: its question bank is .* MB as shipped`)
		);
		// Well under half: nothing to say.
		expect(sizeWarnings(bundles, root, bytes * 4)).toEqual([]);
	});
});
