import { formatIssue } from '../src/lib/content/check';
import { loadContent } from '../src/lib/server/content-files';

const { bundles, issues, warnings } = loadContent();
for (const warning of warnings) console.warn('Warning: ' + formatIssue(warning));
if (issues.length) {
	console.error(`Content check: ${issues.length} problem${issues.length === 1 ? '' : 's'}`);
	for (const issue of issues) console.error('  ' + formatIssue(issue));
	process.exit(1);
}
for (const b of bundles) {
	const byCategory = new Map<string, number>();
	const byType = new Map<string, number>();
	for (const q of b.questions) {
		byCategory.set(q.category, (byCategory.get(q.category) ?? 0) + 1);
		byType.set(q.type, (byType.get(q.type) ?? 0) + 1);
	}
	console.log(`${b.story.id}: ${b.questions.length} questions, ${b.sources.length} sources`);
	console.log('  by category: ' + [...byCategory].map(([k, n]) => `${k} ${n}`).join(', '));
	console.log('  by type: ' + [...byType].map(([k, n]) => `${k} ${n}`).join(', '));
}
console.log('Content check: no problems');
