import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
const page = await ctx.newPage();
const shots = process.argv.slice(2);
for (const [i, u] of shots.entries()) {
  await page.goto('http://localhost:3312' + u); await page.waitForTimeout(1500);
  if (u.startsWith('/search')) { await page.getByLabel(/输入事项/).fill('gtgsh'); await page.waitForTimeout(800); }
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log(u, 'scrollWidth', sw);
  await page.screenshot({ path: `/tmp/shot${i}.png`, fullPage: false });
}
await browser.close();
