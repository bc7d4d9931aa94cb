/**
 * Lesson text is markdown with a YAML frontmatter. This Vite plugin turns each
 * `lessons/**\/*.md` into a module `{ meta, html }` at build time: marked renders it and
 * sanitize-html keeps only plain formatting tags, so the page ships neither a markdown
 * parser nor raw HTML from the content. `file.md?meta` is the frontmatter alone, so the
 * contents list does not pull in every section's text.
 */
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { Plugin } from 'vite';
import { parse as parseYaml } from 'yaml';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

const ALLOWED = {
  allowedTags: ['h1', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'pre', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br', 'a'],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['https'],
  disallowedTagsMode: 'escape' as const,
};

export function renderLessonMarkdown(source: string): { meta: Record<string, unknown>; html: string } {
  const match = FRONTMATTER.exec(source);
  const meta = match ? (parseYaml(match[1]!) as Record<string, unknown>) : {};
  const body = match ? source.slice(match[0].length) : source;
  const html = sanitizeHtml(marked.parse(body, { async: false, gfm: true }), ALLOWED);
  return { meta: meta ?? {}, html };
}

export function lessonMarkdown(): Plugin {
  return {
    name: 'lesson-markdown',
    transform(code, id) {
      const [path, query] = id.split('?');
      if (!path!.endsWith('.md') || !path!.includes('/lessons/')) return null;
      const rendered = renderLessonMarkdown(code);
      const value = query === 'meta' ? rendered.meta : rendered;
      return { code: `export default ${JSON.stringify(value)};`, map: null };
    },
  };
}
