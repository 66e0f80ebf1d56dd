import { expect, type Page } from '@playwright/test';
import matters from '../../src/lib/server/seed/data/matters.json' with { type: 'json' };
import { e2eDatabase } from './db';

export const MATTER = 'individual-business-registration';
export const POINT = 'chengxiang-centre';
export const SLOTS_PAGE = `/points/${POINT}/slots?matter=${MATTER}`;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const two = (n: number) => String(n).padStart(2, '0');
/**
 * A valid resident ID number (birth years 1960–2009), different for each `n` below `ID_NUMBERS`:
 * the last three digits, then the birth date.
 */
export function idNumber(n: number): string {
	const date = Math.floor(n / 1000);
	const birth = `${1960 + (date % 50)}${two(1 + (Math.floor(date / 50) % 12))}${two(1 + (Math.floor(date / 600) % 28))}`;
	const first17 = `370682${birth}${String(n % 1000).padStart(3, '0')}`;
	const sum = [...first17].reduce((s, c, i) => s + Number(c) * WEIGHTS[i]!, 0);
	return first17 + '10X98765432'[sum % 11];
}

const ID_NUMBERS = 1000 * 50 * 12 * 28;
const drawn = new Set<number>();
/**
 * A fresh number for each application a test files (one active booking per person per matter):
 * drawn again while this run drew it already or an application in the server's database has it
 * (two tests once drew the same one from 16.8 million).
 */
export function uniqueN(): number {
	const db = e2eDatabase();
	try {
		const taken = db.prepare('select 1 from applications where applicant_id_number = ?');
		for (;;) {
			const n = Math.floor(Math.random() * ID_NUMBERS);
			if (drawn.has(n) || taken.get(idNumber(n))) continue;
			drawn.add(n);
			return n;
		}
	} finally {
		db.close();
	}
}

/**
 * On the slot page: ticks the `nth` open time of the first day that has that many. Late in the
 * afternoon today has only a few times left (bookings need hours of notice), or none with room.
 * The first day's first time is passed over: its notice can run out while the test goes on.
 */
export async function checkOpenSlot(page: Page, nth = 0): Promise<void> {
	const open = (day: number) =>
		page.locator(
			`.slots li${day === 0 ? ':not(:first-child)' : ''} input[type=checkbox]:not([disabled])`
		);
	const days = page.locator('button.day');
	await expect(days.first()).toBeVisible();
	let day = 0;
	while ((await open(day).count()) <= nth) {
		day++;
		expect(day, `a day with ${nth + 1} open times`).toBeLessThan(await days.count());
		await days.nth(day).click();
		await expect(days.nth(day)).toHaveAttribute('aria-pressed', 'true');
	}
	await open(day).nth(nth).check();
}

/** Signs the demo proxy agent in on this device, as an agent does at `/agent`. */
export async function signInAsAgent(page: Page): Promise<void> {
	await page.goto('/agent');
	await page.getByLabel('用户名').fill('agent-tuanwang');
	await page.getByLabel('密码').fill('demo-agent-2026');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByText(/已以代办员/)).toBeVisible();
}

/** Fills the applicant and the matter's required fields in, as a resident types them. */
export async function fillApplication(page: Page, n: number, name = `测试居民${n}`): Promise<void> {
	await page.getByLabel('申请人姓名').fill(name);
	await page.getByLabel('身份证号码').fill(idNumber(n));
	await page.getByLabel('手机号码').fill('13912345678');
	const form = matters.matters.find((m) => m.id === MATTER)!.form;
	for (const field of form) {
		if (!field.required) continue;
		const input = page.getByLabel(field.zh, { exact: true });
		if (field.type === 'select') await input.selectOption({ index: 1 });
		else if (field.type === 'number')
			await input.fill(String((field as { min?: number }).min ?? 1));
		else await input.fill((field as { digits?: boolean }).digits ? '6222021234567890' : '测试内容');
	}
}

/**
 * On the slot page: picks the first open slot, then fills in and submits the application, after
 * `beforeSubmit` (a photo added, say) when given.
 */
export async function applyFromSlots(
	page: Page,
	n: number,
	name = `测试居民${n}`,
	beforeSubmit?: () => Promise<void>,
	receiptTimeout = 5_000
): Promise<void> {
	await checkOpenSlot(page);
	await page.getByRole('link', { name: '用所选时段填写申请' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /填写申请/ })).toBeVisible();
	await fillApplication(page, n, name);
	await beforeSubmit?.();
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(page.getByRole('heading', { name: '申请回执' })).toBeVisible({
		timeout: receiptTimeout
	});
}

/** The server's applications with this reference, with the devices of the application and its op. */
export function serverApplications(reference: string) {
	const db = e2eDatabase();
	try {
		return db
			.prepare(
				'select a.id, a.status, a.checked_in_at, a.device_id, o.device_id as op_device from applications a left join ops o on o.op_id = a.op_id where a.reference = ?'
			)
			.all(reference) as {
			id: string;
			status: string;
			checked_in_at: string | null;
			device_id: string;
			op_device: string | null;
		}[];
	} finally {
		db.close();
	}
}
