import { DOMParser } from '@xmldom/xmldom';

// WordprocessingML comes in two namespaces (transitional and strict); elements and attributes
// are matched by local name so that both read the same.

/** Parse an XML part; throws on malformed XML instead of logging and going on. */
export function parseXml(source: string): Document {
  const parser = new DOMParser({
    errorHandler: (level: string, message: unknown) => {
      if (level !== 'warning') throw new Error(String(message));
    },
  });
  return parser.parseFromString(source, 'text/xml');
}

/** The element children of a node, in document order. */
export function* elements(node: Node): Generator<Element> {
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === 1) yield child as Element;
  }
}

/** The first element child with this local name. */
export function child(node: Node | undefined, localName: string): Element | undefined {
  if (node === undefined) return undefined;
  for (const el of elements(node)) if (el.localName === localName) return el;
  return undefined;
}

/** An attribute's value by local name (w:val, w:numId …). */
export function attr(el: Element | undefined, localName: string): string | undefined {
  if (el === undefined) return undefined;
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i);
    if (a !== null && a.localName === localName) return a.value;
  }
  return undefined;
}

/** The w:val of a property element such as <w:gridSpan w:val="2"/>. */
export const val = (el: Element | undefined, localName: string): string | undefined =>
  attr(child(el, localName), 'val');

/** An integer property, or undefined when absent or not a number. */
export function intVal(el: Element | undefined, localName: string): number | undefined {
  const n = Number.parseInt(val(el, localName) ?? '', 10);
  return Number.isNaN(n) ? undefined : n;
}
