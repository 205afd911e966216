import * as v from 'valibot';
import { schemaIssues, type ContentIssue } from './issues';
import { IdSchema, RegisterSchema, type Register } from './model';

/**
 * The register keeps ids from vanishing: every id in the banks is registered, every registered
 * id is still in the banks or retired with a reason, and a retired id is never used again.
 */
export function checkRegister(
	file: string,
	data: unknown,
	bankOf: ReadonlyMap<string, string> | null,
	unparsed: ReadonlySet<string> = new Set()
): ContentIssue[] {
	if (data === undefined)
		return [
			{
				file,
				message:
					'missing: every story keeps a register of the question ids it has shipped; run `npm run register` to write it'
			}
		];
	const parsed = v.safeParse(RegisterSchema, data);
	if (!parsed.success) return schemaIssues(file, undefined, parsed.issues);
	const { shipped, retired } = parsed.output;
	const issues: ContentIssue[] = [];
	const retiredIds = new Set(retired.map((r) => r.id));
	const shippedIds = new Set(shipped);
	shipped.forEach((id, i) => {
		if (shipped.indexOf(id) !== i)
			issues.push({ file, id, field: `shipped[${i}]`, message: 'listed twice' });
		else if (retiredIds.has(id))
			issues.push({
				file,
				id,
				field: `shipped[${i}]`,
				message: 'listed as both shipped and retired: keep it in one list'
			});
		else if (bankOf && !bankOf.has(id) && !unparsed.has(id))
			issues.push({
				file,
				id,
				field: `shipped[${i}]`,
				message:
					'this question has shipped but is gone from the banks: restore it, or move its id to `retired` with a reason'
			});
	});
	for (const [id, bank] of bankOf ?? []) {
		if (retiredIds.has(id))
			issues.push({
				file: bank,
				id,
				field: 'id',
				message: `this id was retired (${file}) and is never used again: give the question a new id`
			});
		else if (!shippedIds.has(id))
			issues.push({
				file: bank,
				id,
				field: 'id',
				message: `not in the register (${file}) yet: run \`npm run register\` to record it`
			});
	}
	return issues;
}

/**
 * The register after a bank edit: every id now in the banks that it lacks is added to `shipped`
 * (kept sorted) unless it is not a valid id; nothing is ever removed, so a deleted question still shows up as gone.
 */
export function registerWith(register: Register | undefined, bankIds: Iterable<string>): Register {
	const retired = register?.retired ?? [];
	const known = new Set([...(register?.shipped ?? []), ...retired.map((r) => r.id)]);
	// An id the schema rejects is not recorded: the check reports it, and it is fixed first.
	const added = [...new Set(bankIds)].filter((id) => !known.has(id) && v.is(IdSchema, id));
	return {
		shipped: [...(register?.shipped ?? []), ...added].sort(),
		retired
	};
}
