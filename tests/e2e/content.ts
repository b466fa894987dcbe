// The shipped content, read from the files the site itself loads, so every
// expectation follows the JSON rather than being written twice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../public/content/', import.meta.url));

export type Text = { zh: string; en: string };
export type Lang = 'zh' | 'en';

export function raw(file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

export function read<T = any>(file: string): T {
  return JSON.parse(raw(file)) as T;
}

export const site = read<{
  title: Text;
  date: Text;
  place: Text;
  url: string;
  start_date: string;
  organisers: { name: Text }[];
  share: { title: Text; description: Text };
}>('site.json');
export const story = read<{ sections: { heading: Text; paragraphs: Text[] }[] }>('story.json');
export const timeline = read<{ entries: { id: string; title: Text }[] }>('timeline.json');
export type Question = { prompt: Text; options?: Text[]; answer: number | number[] | boolean; explanation: Text };
export const quiz = read<{ questions: Question[] }>('quiz.json');

const TRUE_FALSE: Text[] = [
  { zh: '对', en: 'True' },
  { zh: '错', en: 'False' },
];

/** The options a visitor sees (true/false questions have two fixed ones). */
export function options(q: Question): Text[] {
  return typeof q.answer === 'boolean' ? TRUE_FALSE : q.options!;
}

/** Correct option numbers (from 1) of a question. */
export function answers(q: Question): number[] {
  if (typeof q.answer === 'boolean') return [q.answer ? 1 : 2];
  return Array.isArray(q.answer) ? q.answer : [q.answer];
}

/** Whether the question is answered with checkboxes. */
export function isMultiple(q: Question): boolean {
  return Array.isArray(q.answer);
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** site.json as an organiser publishes it: with the site's real address
 * (the shipped one is an example address, which `?check` warns about). */
export function publishedSiteJson(): string {
  return JSON.stringify({ ...read('site.json'), url: 'https://party-day.test/' }, null, 2);
}
