import { describe, expect, it } from 'vitest';
import { checkContent, formatIssue } from '$lib/content/check';
import { registerWith } from '$lib/content/register';
import { PATHS, filesOf, fixture, type Fixture } from '../../fixtures/content/fixture';

/** Checks the fixture as given: unlike check.test.ts, the register does not follow the banks. */
function check(change: (f: Fixture) => void) {
	const f = fixture();
	change(f);
	return checkContent(filesOf(f));
}

const lines = (r: ReturnType<typeof checkContent>) => r.issues.map(formatIssue);
const firstId = (f: Fixture) => String(f.main.questions[0]!.id);

describe('the register of shipped question ids', () => {
	it('accepts banks and a register that agree', () => {
		expect(check(() => {}).issues).toEqual([]);
	});

	it('fails when a shipped id disappears without being retired, naming the register and the id', () => {
		let gone = '';
		const result = check((f) => {
			gone = firstId(f);
			f.main.questions.shift();
		});
		expect(lines(result)).toEqual([
			expect.stringMatching(
				new RegExp(
					`^${PATHS.register} › ${gone} › shipped\\[\\d+\\]: .*gone from the banks.*retired`
				)
			)
		]);
	});

	it('accepts the disappearance once the id is moved to retired with a reason', () => {
		const result = check((f) => {
			const gone = firstId(f);
			f.main.questions.shift();
			f.register.shipped = f.register.shipped.filter((id) => id !== gone);
			f.register.retired = [{ id: gone, reason: 'Asked the same as another question.' }];
		});
		expect(result.issues).toEqual([]);
	});

	it('fails when a retired id is used again, naming the bank and the question', () => {
		let reused = '';
		const result = check((f) => {
			reused = firstId(f);
			f.register.shipped = f.register.shipped.filter((id) => id !== reused);
			f.register.retired = [{ id: reused, reason: 'Withdrawn.' }];
		});
		expect(lines(result)).toEqual([
			expect.stringMatching(new RegExp(`^${PATHS.main} › ${reused} › id: this id was retired`))
		]);
	});

	it('fails on a new id that is not registered yet, saying how to register it', () => {
		const result = check((f) => {
			f.main.questions[0]!.id = 'tst-brand-new';
			f.register.shipped = f.register.shipped.filter((id) => id !== firstId(fixture()));
		});
		expect(lines(result)).toEqual([
			expect.stringMatching(
				new RegExp(`^${PATHS.main} › tst-brand-new › id: not in the register .*npm run register`)
			)
		]);
	});

	it('fails when a story has no register, saying how to write one', () => {
		const f = fixture();
		const result = checkContent(filesOf(f).filter((file) => file.kind !== 'register'));
		expect(lines(result)).toEqual([
			expect.stringMatching(new RegExp(`^${PATHS.register}: missing.*npm run register`))
		]);
	});

	it('fails on an id both shipped and retired, and on an id listed twice', () => {
		const result = check((f) => {
			f.register.retired = [{ id: f.register.shipped[0]!, reason: 'Both at once.' }];
			f.register.shipped.push(f.register.shipped[1]!);
		});
		const text = lines(result).join('\n');
		expect(text).toMatch(/shipped\[0\]: listed as both shipped and retired/);
		expect(text).toMatch(/listed twice/);
	});

	it('reports a register that does not fit its schema by field', () => {
		const result = check((f) => {
			(f.register as unknown as Record<string, unknown>).retired = [{ id: 'no-reason' }];
		});
		expect(lines(result)).toEqual([
			expect.stringMatching(new RegExp(`^${PATHS.register} › retired\\.0\\.reason: `))
		]);
	});

	it('does not call the questions of an unreadable bank gone', () => {
		const f = fixture();
		const files = filesOf(f).map((file) =>
			file.path === PATHS.extra ? { ...file, data: undefined } : file
		);
		expect(checkContent(files).issues).toEqual([]);
	});

	it('does not call a question gone, or unregistered, while its fields are broken', () => {
		const result = check((f) => delete f.main.questions[0]!.prompt);
		expect(lines(result)).toEqual([expect.stringMatching(/› prompt: /)]);
	});
});

describe('registerWith', () => {
	it('adds new ids, sorted, and never removes one', () => {
		const before = {
			shipped: ['b-id', 'gone-id'],
			retired: [{ id: 'old-id', reason: 'Withdrawn.' }]
		};
		expect(registerWith(before, ['c-id', 'a-id', 'b-id', 'c-id'])).toEqual({
			shipped: ['a-id', 'b-id', 'c-id', 'gone-id'],
			retired: before.retired
		});
	});

	it('does not register a retired id again, nor an id the schema rejects', () => {
		expect(
			registerWith({ shipped: [], retired: [{ id: 'old-id', reason: 'Withdrawn.' }] }, [
				'old-id',
				'Bad_Id',
				'good-id'
			]).shipped
		).toEqual(['good-id']);
	});

	it('starts a register for a story that has none', () => {
		expect(registerWith(undefined, ['x-1'])).toEqual({ shipped: ['x-1'], retired: [] });
	});
});
