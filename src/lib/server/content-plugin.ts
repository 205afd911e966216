import type { Plugin } from 'vite';
import { CONTENT_ROOT, ContentError, loadContent } from './content-files';

/** Checks the question content before every build and dev start: a broken bank never ships. */
export function contentCheck(root = CONTENT_ROOT): Plugin {
	return {
		name: 'byline-content-check',
		buildStart() {
			const { issues } = loadContent(root);
			if (issues.length) throw new ContentError(issues);
		}
	};
}
