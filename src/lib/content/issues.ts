import * as v from 'valibot';

/** A problem in the content, named by file, question (or other item) id and field. */
export interface ContentIssue {
	file: string;
	id?: string;
	field?: string;
	message: string;
}

export function formatIssue(issue: ContentIssue): string {
	return [issue.file, issue.id, issue.field].filter(Boolean).join(' › ') + `: ${issue.message}`;
}

export function schemaIssues(
	file: string,
	id: string | undefined,
	issues: v.BaseIssue<unknown>[],
	prefix = ''
): ContentIssue[] {
	return issues.map((issue) => {
		const path = v.getDotPath(issue);
		const field = [prefix, path].filter(Boolean).join('.') || undefined;
		if (issue.type === 'strict_object' && issue.expected === 'never')
			return {
				file,
				id,
				field,
				message: `unknown field "${String(issue.input)}" (check its spelling)`
			};
		const got =
			issue.input === undefined
				? 'it is missing'
				: // JSON would write Infinity and NaN as null, hiding what the editor wrote.
					typeof issue.input === 'number' && !Number.isFinite(issue.input)
					? `got ${String(issue.input)}`
					: `got ${JSON.stringify(issue.input)}`;
		return { file, id, field, message: `${issue.message} (${got})` };
	});
}
