import { sql, type RawBuilder } from 'kysely';

/**
 * The right side of `like` for text containing `part`: its own %, _ and \ are letters to find, not
 * wildcards. Case is the column's to fold (`lower(…)`): SQLite's like ignores it, PostgreSQL's not.
 */
export function containing(part: string): RawBuilder<string> {
	return sql<string>`${`%${part.replace(/[\\%_]/g, '\\$&')}%`} escape '\\'`;
}
