/**
 * `npm run register`: records every question id now in a story's banks in its register
 * (`questions/stories/<story>/ids.yaml`). It only adds; retiring an id is a choice an editor
 * makes by hand, with a reason, and the content check says when one is needed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as v from 'valibot';
import { parse, stringify } from 'yaml';
import { RegisterSchema } from '../src/lib/content/model';
import { registerWith } from '../src/lib/content/register';
import { readContentFiles, REGISTER_FILE } from '../src/lib/server/content-files';

const { files } = readContentFiles();
const idsByStory = new Map<string, string[]>();
for (const f of files) {
	if (f.kind !== 'bank') continue;
	const questions = (f.data as { questions?: unknown } | null)?.questions;
	const ids = Array.isArray(questions)
		? questions.flatMap((q) => (typeof q?.id === 'string' ? [q.id as string] : []))
		: [];
	idsByStory.set(f.story, [...(idsByStory.get(f.story) ?? []), ...ids]);
}
for (const f of files) {
	if (f.kind !== 'story') continue;
	const story = f.path.split('/').at(-2)!;
	const file = join(dirname(f.path), REGISTER_FILE);
	const old = existsSync(file)
		? v.safeParse(RegisterSchema, parse(readFileSync(file, 'utf8')))
		: null;
	if (old && !old.success) {
		console.error(
			`${file} is not a valid register; fix it first (npm run check:content says how).`
		);
		process.exitCode = 1;
		continue;
	}
	const before = old?.output;
	const after = registerWith(before, idsByStory.get(story) ?? []);
	const added = after.shipped.length - (before?.shipped.length ?? 0);
	writeFileSync(
		file,
		'# yaml-language-server: $schema=../../schema/register.schema.json\n' +
			'# Every question id this story has shipped. `npm run register` adds new ones; never delete a\n' +
			'# line: to withdraw a question, move its id to `retired` with a reason. Retired ids are never reused.\n' +
			stringify(after)
	);
	console.log(
		`${file}: ${added} id${added === 1 ? '' : 's'} added, ${after.shipped.length} shipped`
	);
}
