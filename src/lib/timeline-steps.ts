/**
 * Whether the `add_materials` step at `i` left some of the materials asked for still to come: the
 * application stayed waiting for them (another such step follows, or it still waits now).
 */
export function leftSomeOwed(steps: { step: string }[], i: number, status: string): boolean {
	const next = steps[i + 1];
	return next ? next.step === 'add_materials' : status === 'more_materials';
}
