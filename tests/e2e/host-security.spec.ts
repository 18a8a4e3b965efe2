import { expect, test } from '@playwright/test'
import { startTestHost, type TestHost } from './host'

let host: TestHost
test.beforeAll(async () => {
  host = await startTestHost()
})
test.afterAll(async () => {
  await host.stop()
})

test('the desk opens from the printed address and not without its token', async ({ page, browser }) => {
  await page.goto(host.launchUrl)
  await expect(page).toHaveURL(`${host.base}/`)
  await expect(page.locator('#root')).not.toBeEmpty()

  const stranger = await browser.newPage()
  const res = await stranger.goto(host.base)
  expect(res?.status()).toBe(401)
  await expect(stranger.locator('body')).toContainText('address it printed')
  await stranger.close()
})
