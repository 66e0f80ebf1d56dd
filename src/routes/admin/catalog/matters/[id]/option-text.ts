/** Choices as their field shows them, a line each: "id | 中文 | English". */
export const optionText = (options: { zh: string; en: string }[], idKey: 'id' | 'value') =>
	options.map((o) => `${(o as Record<string, string>)[idKey]} | ${o.zh} | ${o.en}`).join('\n');
