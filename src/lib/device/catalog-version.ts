/** The newest catalogue version this page has heard of; a cached read of an older one is dropped. */
export const latestCatalog = { version: null as string | null };
