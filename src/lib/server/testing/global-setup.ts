/** Said once per run, so a skipped PostgreSQL suite is never mistaken for a passed one. */
export default function setup(): void {
	if (!process.env.TEST_DATABASE_URL) {
		console.log(
			'PostgreSQL tests skipped: TEST_DATABASE_URL is not set (e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test).'
		);
	}
}
