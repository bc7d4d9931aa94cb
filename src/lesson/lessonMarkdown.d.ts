// Lesson markdown modules, as the lesson-markdown Vite plugin emits them.
declare module '*.md' {
  const section: { meta: Record<string, unknown>; html: string };
  export default section;
}
