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

export const site = read<{ title: Text; organisers: { name: Text }[] }>('site.json');
export const story = read<{ sections: { heading: Text; paragraphs: Text[] }[] }>('story.json');
export const timeline = read<{ entries: { id: string; title: Text }[] }>('timeline.json');
export const quiz = read<{
  questions: { prompt: Text; options: Text[]; answer: number | number[] }[];
}>('quiz.json');

/** Correct option numbers (from 1) of a question. */
export function answers(q: { answer: number | number[] }): number[] {
  return Array.isArray(q.answer) ? q.answer : [q.answer];
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
