export default function Note({ text, testId }: { text?: string | null; testId?: string }) {
  if (!text) return null;
  return <p className="note" data-testid={testId ?? 'note'}>⚠ {text}</p>;
}
