// Drives the Courtside console in headless Chromium like a user: submit a local game file, watch the job reach
// Finished, play the output with its captions, see the timeline chart. Screenshots go to OUT_DIR. Prints a JSON summary.
// usage: node console.mjs ENDPOINT OUT_DIR GAME_FILE ACCESS_KEY_ID ACCESS_KEY_SECRET
import { chromium } from 'playwright-core';

const [endpoint, outDir, gameFile, accessKeyId, accessKeySecret] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
});
try {
  const page = await browser.newPage({viewport: {width: 1280, height: 1000}});
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  // What the console's Content-Security-Policy blocks shows as a console error: none may occur.
  page.on('console', m => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text()); });

  await page.goto(`${endpoint}/console`);
  // Signed out, the console asks for an AccessKey before anything else.
  await page.waitForSelector('#view-sign-in:not([hidden])', {timeout: 10000});
  await page.fill('#access-key-id', accessKeyId);
  await page.fill('#access-key-secret', accessKeySecret);
  await page.click('#sign-in-button');
  await page.waitForSelector('#view-jobs:not([hidden])', {timeout: 10000});
  await page.click('#tab-submit');
  await page.setInputFiles('#source-file', gameFile);
  await page.fill('#count', '2');
  await page.fill('#width', '640');
  await page.fill('#height', '360');
  await page.fill('#max-duration', '6');
  // Team names in Chinese: the commentary (captions, WebVTT, voice) comes out in Chinese.
  await page.fill('#registrations', JSON.stringify({TransferNameRegister: [
    {OriginalName: 'IND', TransferName: '印第安纳步行者'}, {OriginalName: 'BOS', TransferName: '波士顿凯尔特人'}]}));
  await page.screenshot({path: `${outDir}/1-submit.png`});
  await page.click('#submit-button');
  await page.waitForURL(/#\/job\/[0-9a-f]{32}$/, {timeout: 30000});
  const jobId = page.url().split('/').pop();

  await page.waitForSelector('#job-status[data-status="Finished"]', {timeout: 120000});
  await page.waitForSelector('#timeline canvas[data-drawn="true"]', {timeout: 10000});
  await page.waitForSelector('video', {timeout: 10000});
  const video = page.locator('video').first();
  await video.evaluate(v => { v.muted = true; return v.play(); });
  await page.waitForFunction(() => {
    const v = document.querySelector('video');
    return v && v.duration > 0 && v.currentTime > 1;
  }, null, {timeout: 30000});
  const played = await video.evaluate(v => ({duration: v.duration, currentTime: v.currentTime,
    width: v.videoWidth, height: v.videoHeight}));
  // The output's WebVTT captions, loaded by the browser as the video's text track: not drawn over the picture
  // (its captions are burned in) until the user asks for them.
  const captionsModeAtFirst = await video.evaluate(v => v.textTracks[0].mode);
  const captionsShownAtFirst = await video.evaluate(v => Array.from(v.textTracks).some(t => t.mode === 'showing'));
  await page.locator('#outputs figure').first().locator('input.captions-toggle').check();
  const captionsModeChosen = await video.evaluate(v => v.textTracks[0].mode);
  await page.waitForFunction(() => {
    const track = document.querySelector('video').textTracks[0];
    return track && track.cues && track.cues.length > 0;
  }, null, {timeout: 10000});
  const captions = await video.evaluate(v => Array.from(v.textTracks[0].cues).map(c => c.text));
  const reasons = await page.locator('#clip-reasons li').count();
  const videos = await page.locator('video').count();
  const link = await video.evaluate(v => v.getAttribute('src'));
  await page.screenshot({path: `${outDir}/2-job.png`, fullPage: true});

  await page.click('#tab-jobs');
  await page.waitForSelector(`a[href="#/job/${jobId}"]`, {timeout: 10000});
  await page.screenshot({path: `${outDir}/3-jobs.png`});
  console.log(JSON.stringify({jobId, played, videos, reasons, captions, captionsModeAtFirst, captionsShownAtFirst,
    captionsModeChosen, errors, link}));
} finally {
  await browser.close();
}
