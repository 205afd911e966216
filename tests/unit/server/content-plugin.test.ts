import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentCheck } from '$lib/server/content-plugin';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the shipped content, to break on purpose. */
function copyOfContent(): string {
	const dir = mkdtempSync(join(tmpdir(), 'byline-plugin-'));
	dirs.push(dir);
	cpSync('questions', dir, { recursive: true });
	return dir;
}

function runBuildStart(root: string) {
	const plugin = contentCheck(root);
	return () => (plugin.buildStart as () => void).call({});
}

describe('the build', () => {
	it('goes ahead with the shipped content', () => {
		expect(runBuildStart(copyOfContent())).not.toThrow();
	});

	it('fails on a bad evidence quote, naming the file, the question and the field', () => {
		const root = copyOfContent();
		const bank = join(root, 'stories/albania-iran-2022/questions/dates.yaml');
		const text = readFileSync(bank, 'utf8');
		const broken = text.replace(/quote: (.+)\n/, 'quote: A sentence no outlet ever wrote\n');
		expect(broken).not.toBe(text);
		writeFileSync(bank, broken);
		expect(runBuildStart(root)).toThrow(
			/questions\/dates\.yaml › aic-dates-[a-z0-9-]+ › evidence\[0\]\.quote: not found word for word/
		);
	});

	it('fails on a bank that is not valid YAML', () => {
		const root = copyOfContent();
		writeFileSync(join(root, 'stories/albania-iran-2022/questions/broken.yaml'), 'questions: [\n');
		expect(runBuildStart(root)).toThrow(/broken\.yaml: not valid YAML/);
	});
});
