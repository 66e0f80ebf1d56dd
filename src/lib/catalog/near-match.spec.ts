import { describe, expect, it } from 'vitest';
import { nearMatch, nearQuery, oneEditApart } from './near-match';

const near = (key: string, query: string, anywhere = true) =>
	nearMatch(key, nearQuery(query, query.length > 3 ? 1 : 0), anywhere);

describe('one character wrong, missing or extra', () => {
	it('tells strings one edit apart from those two apart', () => {
		expect(oneEditApart('getihu', 'getihu')).toBe(true);
		expect(oneEditApart('getihu', 'getihv')).toBe(true);
		expect(oneEditApart('getihu', 'getiu')).toBe(true);
		expect(oneEditApart('getihu', 'xgetihu')).toBe(true);
		expect(oneEditApart('getihu', 'getvhv')).toBe(false);
		expect(oneEditApart('getihu', 'geti')).toBe(false);
		expect(oneEditApart('getihu', 'getiu', 0)).toBe(false);
	});

	it('finds a query with the wrong character at its start, middle or end', () => {
		for (const query of ['营业执找', '营业找照', '宫业执照', 'xetihu', 'gexihu', 'getihv']) {
			expect(near('个体户营业执照 getihu', query), query).toBe(true);
		}
	});

	it('finds a query of four or more with a character missing or extra, anywhere', () => {
		for (const query of ['getiu', 'etihu', 'getih', 'getihuu', 'gettihu', 'xgetihu']) {
			expect(near('zhuxiao getihu dengji', query), query).toBe(true);
		}
		expect(near('zhuxiao getihu dengji', 'gtiu')).toBe(false);
	});

	it('lets a query of three only have a character wrong', () => {
		expect(near('残疾人证', '残疾正')).toBe(true);
		expect(near('残证明', '残疾证')).toBe(false);
		expect(near('the', 'gth')).toBe(false);
		expect(near('the', 'gthe')).toBe(true);
	});

	it('keeps to word starts when asked', () => {
		expect(near('food business licence', 'busness', false)).toBe(true);
		expect(near('food business licence', 'licnce', false)).toBe(true);
		expect(near('food business licence', 'usiness', false)).toBe(true);
		expect(near('food business licence', 'siness', false)).toBe(false);
		expect(near('zhuxiaogetihu', 'getihv', false)).toBe(false);
		expect(near('zhuxiaogetihu', 'getihv', true)).toBe(true);
	});
});
