/**
 * Calls `fn` with the element's inner width and height (`clientWidth`, `clientHeight`) now and
 * whenever its size changes, until the returned function is called: what `bind:clientWidth` does.
 * Svelte puts the code of every binding the app uses into the chunk every page loads; the few
 * pages that measure an element (charts, the photo viewer) bring this instead.
 */
export function observeSize(
	element: HTMLElement,
	fn: (width: number, height: number) => void
): () => void {
	const report = () => fn(element.clientWidth, element.clientHeight);
	const observer = new ResizeObserver(report);
	observer.observe(element, { box: 'border-box' });
	report();
	return () => observer.disconnect();
}
