import { describe, expect, it } from 'vitest';
import { formIssues } from './form-issues';

describe('a form’s issues', () => {
	it('name what a reference pointed to by its name where it is known, not by its id', () => {
		const issues = formIssues(
			[{ path: ['matters', 0, 'materials', 2, 'when'], code: 'unknown_ref', detail: 'applicant' }],
			['matters', 0],
			undefined,
			undefined,
			new Map([['applicant', '由谁来办理？']])
		);
		expect(issues).toHaveLength(1);
		expect(issues[0]!.message).toContain('由谁来办理？');
		expect(issues[0]!.message).not.toContain('applicant');
	});
});
