import { type CSSProperties, useEffect, useRef } from 'react';
import type { Span } from './spans';

export interface Highlight extends Span {
  /** Bumped on every click, so that clicking the same thing again scrolls to it again. */
  readonly nonce: number;
}

const pane: CSSProperties = {
  position: 'relative',
  overflow: 'auto',
  border: '1px solid #f0f0f0',
  borderRadius: 8,
  background: '#fafafa',
  padding: '12px 16px',
};

const pre: CSSProperties = {
  margin: 0,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
  fontFamily: 'inherit',
  fontSize: 13,
  lineHeight: 1.8,
};

const mark: CSSProperties = { background: '#ffe58f', padding: '1px 0', borderRadius: 2 };

/** The document's text as the parser read it, with the span last clicked marked and scrolled to. */
export function SourcePane({ text, highlight, height }: { text: string; highlight: Highlight | null; height: string }) {
  const container = useRef<HTMLDivElement>(null);
  const marked = useRef<HTMLElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll on every new highlight, even of the same span
  useEffect(() => {
    const box = container.current;
    const at = marked.current;
    if (!box || !at) return;
    // Scroll the pane, not the page, to put the mark a third of the way down...
    box.scrollTo({ top: Math.max(0, at.offsetTop - box.clientHeight / 3), behavior: 'smooth' });
    // ...and bring the pane itself into view when it is off screen (stacked panes on a phone).
    const r = box.getBoundingClientRect();
    if (r.bottom < 0 || r.top > window.innerHeight) box.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [highlight?.nonce]);

  const parts = highlight
    ? [text.slice(0, highlight.start), text.slice(highlight.start, highlight.end), text.slice(highlight.end)]
    : null;
  return (
    <div ref={container} style={{ ...pane, height }} data-testid="import-source">
      <pre style={pre}>
        {parts ? (
          <>
            {parts[0]}
            <mark ref={marked} style={mark} data-testid="import-highlight">
              {parts[1]}
            </mark>
            {parts[2]}
          </>
        ) : (
          text
        )}
      </pre>
    </div>
  );
}
