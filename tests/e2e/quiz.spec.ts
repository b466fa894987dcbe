import { expect, test, type Locator, type Page } from '@playwright/test';
import { answers, isMultiple, options, quiz, raw, type Question } from './content';

const total = quiz.questions.length;

function quizPart(page: Page): Locator {
  return page.getByRole('region', { name: 'Quiz' });
}

async function startQuiz(page: Page, url = './?lang=en') {
  await page.goto(url);
  await quizPart(page).getByRole('button', { name: 'Start the quiz' }).click();
}

/** The question on screen, found by its prompt. */
function currentQuestion(page: Page): Promise<Question> {
  return quizPart(page)
    .getByRole('group')
    .locator('legend')
    .innerText()
    .then((prompt) => {
      const question = quiz.questions.find((q) => q.prompt.en === prompt.trim());
      if (!question) throw new Error(`no question in quiz.json reads ${prompt}`);
      return question;
    });
}

/** Ticks the options numbered `numbers` (from 1) of the question on screen. */
async function choose(page: Page, question: Question, numbers: number[]) {
  const group = quizPart(page).getByRole('group', { name: question.prompt.en });
  const role = isMultiple(question) ? 'checkbox' : 'radio';
  for (const n of numbers) {
    await group.getByRole(role, { name: options(question)[n - 1].en, exact: true }).check();
  }
}

/** A wrong choice for the question: the first option that is not correct. */
function wrongChoice(question: Question): number[] {
  const right = answers(question);
  return [options(question).findIndex((_, i) => !right.includes(i + 1)) + 1];
}

async function answerAll(page: Page, pick: (q: Question) => number[], verdict: string) {
  for (let i = 0; i < total; i++) {
    await expect(quizPart(page).getByText(`Question ${i + 1} of ${total}`)).toBeVisible();
    const question = await currentQuestion(page);
    await choose(page, question, pick(question));
    await quizPart(page).getByRole('button', { name: 'Submit answer' }).click();
    await expect(quizPart(page).getByText(verdict, { exact: true })).toBeVisible();
    await expect(quizPart(page).getByText(question.explanation.en)).toBeVisible();
    await quizPart(page).getByRole('button', { name: i + 1 < total ? 'Next question' : 'See your score' }).click();
  }
}

test('the start screen says what to expect', async ({ page }) => {
  await page.goto('./?lang=en');
  const part = quizPart(page);
  await expect(part.getByRole('heading', { name: quiz.title.en })).toBeVisible();
  await expect(part.getByText(`${total} questions`)).toBeVisible();
  await expect(part.getByText('Pass mark 60%')).toBeVisible();
});

test('all right answers give full marks, the top band and a full review', async ({ page }) => {
  await startQuiz(page);
  await answerAll(page, answers, 'Correct!');
  const part = quizPart(page);
  await expect(part.getByText(`${total} of ${total} correct (100%)`)).toBeVisible();
  await expect(part.getByText('Full marks! You know your party history.')).toBeVisible();
  await expect(part.getByText('Passed (pass mark 60%)')).toBeVisible();
  await expect(part.getByText(/Time taken: \d+ min \d+ s/)).toBeVisible();
  await expect(part.getByRole('list').last().getByRole('listitem')).toHaveCount(total);
});

test('all wrong answers give zero and the lowest band; retry starts over', async ({ page }) => {
  await startQuiz(page);
  await answerAll(page, wrongChoice, 'Not quite.');
  const part = quizPart(page);
  await expect(part.getByText(`0 of ${total} correct (0%)`)).toBeVisible();
  await expect(part.getByText('Read the story above, then have another go.')).toBeVisible();
  await expect(part.getByText('Not passed (pass mark 60%)')).toBeVisible();
  await part.getByRole('button', { name: 'Try again' }).click();
  await expect(part.getByText(`Question 1 of ${total}`)).toBeVisible();
  await expect(part.getByRole('button', { name: 'Submit answer' })).toBeDisabled();
});

test('a wrong answer marks the correct one and shows option feedback', async ({ page }) => {
  await startQuiz(page);
  const multi = quiz.questions.findIndex((q) => options(q).some((o: any) => o.feedback));
  for (let i = 0; i < multi; i++) {
    const question = await currentQuestion(page);
    await choose(page, question, answers(question));
    await quizPart(page).getByRole('button', { name: 'Submit answer' }).click();
    await quizPart(page).getByRole('button', { name: 'Next question' }).click();
  }
  const question = quiz.questions[multi];
  const withFeedback = options(question).findIndex((o: any) => o.feedback) + 1;
  await choose(page, question, [withFeedback]);
  await quizPart(page).getByRole('button', { name: 'Submit answer' }).click();
  await expect(quizPart(page).getByText('Not quite.')).toBeVisible();
  await expect(quizPart(page).getByText((options(question)[withFeedback - 1] as any).feedback.en)).toBeVisible();
  await expect(quizPart(page).locator('.quiz-option--correct')).toHaveCount(answers(question).length);
});

test('a reload in the middle resumes at the same question with the same answers', async ({ page }) => {
  await startQuiz(page);
  for (let i = 0; i < 2; i++) {
    const question = await currentQuestion(page);
    await choose(page, question, answers(question));
    await quizPart(page).getByRole('button', { name: 'Submit answer' }).click();
    await quizPart(page).getByRole('button', { name: 'Next question' }).click();
  }
  const third = await currentQuestion(page);
  await choose(page, third, wrongChoice(third));
  await page.reload();
  const part = quizPart(page);
  await expect(part.getByText('Welcome back: you are where you left off.')).toBeVisible();
  await expect(part.getByText(`Question 3 of ${total}`)).toBeVisible();
  const role = isMultiple(third) ? 'checkbox' : 'radio';
  await expect(
    part.getByRole(role, { name: options(third)[wrongChoice(third)[0] - 1].en, exact: true }),
  ).toBeChecked();
  await part.getByRole('button', { name: 'Submit answer' }).click();
  await expect(part.getByText('Not quite.')).toBeVisible();
});

test('saved progress from a different quiz.json is discarded with a notice', async ({ page }) => {
  await startQuiz(page);
  const question = await currentQuestion(page);
  await choose(page, question, answers(question));
  await quizPart(page).getByRole('button', { name: 'Submit answer' }).click();
  const changed = JSON.parse(raw('quiz.json'));
  changed.questions.pop();
  await page.route('**/content/quiz.json', (route) => route.fulfill({ json: changed }));
  await page.reload();
  await expect(quizPart(page).getByText('The quiz has changed since your last visit')).toBeVisible();
  await expect(quizPart(page).getByText(`${total - 1} questions`)).toBeVisible();
});

test('corrupted saved progress is ignored', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('/quiz-run', '{"fingerprint": "garbage'));
  await page.goto('./?lang=en');
  await expect(quizPart(page).getByRole('button', { name: 'Start the quiz' })).toBeVisible();
  await expect(quizPart(page).getByRole('alert')).toHaveCount(0);
});

test('a time-out counts as wrong and moves on; the limit can be lifted', async ({ page }) => {
  const timed = JSON.parse(raw('quiz.json'));
  timed.settings.time_limit_seconds = 5;
  await page.route('**/content/quiz.json', (route) => route.fulfill({ json: timed }));
  await page.goto('./?lang=en');
  const part = quizPart(page);
  await expect(part.getByText('5 seconds per question')).toBeVisible();
  await part.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(part.getByText(/\d s left/)).toBeVisible();
  await expect(part.getByText("Time's up! This question counts as wrong.")).toBeVisible({ timeout: 10_000 });
  await expect(part.getByRole('radio').first()).toBeDisabled();
  await part.getByRole('button', { name: 'Next question' }).click();
  await part.getByRole('button', { name: 'Turn off the time limit' }).click();
  await expect(part.getByText(/s left/)).toHaveCount(0);
  await page.waitForTimeout(6_000);
  await expect(part.getByRole('button', { name: 'Submit answer' })).toBeVisible();
});

test('a shared result link opens on the result card', async ({ page }) => {
  await page.goto('./?lang=en&score=8&of=13');
  const card = quizPart(page).getByRole('region', { name: "A friend's quiz result" });
  await expect(card.getByText('8 of 13 correct (62%)')).toBeVisible();
  await expect(card.getByText('A pass: keep learning and try again!')).toBeVisible();
  await card.getByRole('button', { name: 'Take the quiz yourself' }).click();
  await expect(card).toHaveCount(0);
  await expect(page).not.toHaveURL(/score=/);
});

test('share copies a link that opens the same result', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // Without a share sheet (as in most desktop browsers) the link is copied.
  await page.addInitScript(() => delete (Navigator.prototype as any).share);
  await startQuiz(page);
  await answerAll(page, answers, 'Correct!');
  await quizPart(page).getByRole('button', { name: 'Share result' }).click();
  const status = quizPart(page).getByText(/Link copied|Copy this link/);
  await expect(status).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
  const link = copied || (await quizPart(page).getByRole('textbox').inputValue());
  expect(link).toContain(`score=${total}&of=${total}`);
  await page.goto(link);
  await expect(quizPart(page).getByText(`${total} of ${total} correct (100%)`).first()).toBeVisible();
});

test('the result poster downloads as a PNG', async ({ page }) => {
  await startQuiz(page);
  await answerAll(page, answers, 'Correct!');
  const download = page.waitForEvent('download');
  await quizPart(page).getByRole('button', { name: 'Save result image' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('quiz-result.png');
  const bytes = await (await file.createReadStream()).toArray();
  const png = Buffer.concat(bytes);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.length).toBeGreaterThan(10_000);
  await expect(quizPart(page).getByRole('img', { name: 'Result poster' })).toBeVisible();
});

test('the quiz works by keyboard alone', async ({ page }) => {
  await page.goto('./?lang=en');
  const part = quizPart(page);
  await part.getByRole('button', { name: 'Start the quiz' }).focus();
  await page.keyboard.press('Enter');
  // Focus moves to the question; Tab reaches the first option, arrows choose.
  await expect(part.locator('legend')).toBeFocused();
  const question = await currentQuestion(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press(isMultiple(question) ? 'Space' : 'ArrowDown');
  await expect(part.getByRole('button', { name: 'Submit answer' })).toBeEnabled();
  await part.getByRole('button', { name: 'Submit answer' }).focus();
  await page.keyboard.press('Enter');
  await expect(part.getByText(/Correct!|Not quite\./)).toBeVisible();
  // The same button now leads on, and keeps the focus.
  await expect(part.getByRole('button', { name: 'Next question' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(part.getByText(`Question 2 of ${total}`)).toBeVisible();
  await expect(part.locator('legend')).toBeFocused();
});
