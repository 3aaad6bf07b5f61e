import { describe, expect, it } from 'vitest';
import { formatNumber, listLabeler } from './docx-numbering.ts';
import { child, parseXml } from './xml.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

const level = (ilvl: number, format: string, text: string, extra = ''): string =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;

const numbering = (xml: string): Document => parseXml(`<w:numbering ${W}>${xml}</w:numbering>`);
const styles = (xml: string): Document => parseXml(`<w:styles ${W}>${xml}</w:styles>`);

/** The w:pPr of a paragraph with these properties. */
const pPr = (xml: string): Element | undefined =>
  child(parseXml(`<w:p ${W}><w:pPr>${xml}</w:pPr></w:p>`).documentElement ?? undefined, 'pPr');
const numbered = (numId: string, ilvl = 0): Element | undefined =>
  pPr(`<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);

describe('listLabeler', () => {
  it('numbers items on through sections when the item level never restarts', () => {
    const label = listLabeler(
      numbering(
        `<w:abstractNum w:abstractNumId="0">${level(0, 'chineseCounting', '%1、')}${level(1, 'decimal', '%2.', '<w:lvlRestart w:val="0"/>')}</w:abstractNum>` +
          '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
      ),
      undefined,
    );
    const labels = [numbered('1', 0), numbered('1', 1), numbered('1', 1), numbered('1', 0), numbered('1', 1)].map(
      label,
    );
    expect(labels).toEqual(['一、', '1.', '2.', '二、', '3.']);
  });

  it('starts a list instance at its start override', () => {
    const label = listLabeler(
      numbering(
        `<w:abstractNum w:abstractNumId="0">${level(0, 'decimal', '(%1)')}</w:abstractNum>` +
          '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
          '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>',
      ),
      undefined,
    );
    expect([numbered('1'), numbered('1'), numbered('2'), numbered('2')].map(label)).toEqual([
      '(1)',
      '(2)',
      '(5)',
      '(6)',
    ]);
  });

  it('numbers paragraphs whose style carries the numbering', () => {
    const label = listLabeler(
      numbering(
        `<w:abstractNum w:abstractNumId="0">${level(0, 'chineseCounting', '%1、', '<w:pStyle w:val="Heading1"/>')}</w:abstractNum>` +
          '<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>',
      ),
      styles(
        '<w:style w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>' +
          '<w:style w:styleId="PlanHeading"><w:basedOn w:val="Heading1"/></w:style>',
      ),
    );
    const heading = pPr('<w:pStyle w:val="PlanHeading"/>');
    const unnumbered = pPr('<w:pStyle w:val="PlanHeading"/><w:numPr><w:numId w:val="0"/></w:numPr>');
    expect([heading, unnumbered, heading, pPr('')].map(label)).toEqual(['一、', '', '二、', '']);
  });

  it('adds a space after a label that does not end in punctuation', () => {
    const label = listLabeler(
      numbering(
        `<w:abstractNum w:abstractNumId="0">${level(0, 'chineseCounting', '第%1条')}</w:abstractNum>` +
          '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
      ),
      undefined,
    );
    expect(label(numbered('1'))).toBe('第一条 ');
  });
});

describe('formatNumber', () => {
  it.each([
    [3, 'decimal', '3'],
    [7, 'decimalZero', '07'],
    [10, 'chineseCounting', '十'],
    [11, 'chineseCountingThousand', '十一'],
    [26, 'chineseCounting', '二十六'],
    [105, 'chineseCounting', '一百零五'],
    [12, 'chineseLegalSimplified', '壹拾贰'],
    [2, 'ideographTraditional', '乙'],
    [3, 'decimalEnclosedCircle', '③'],
    [4, 'ideographEnclosedCircle', '㈣'],
    [14, 'upperRoman', 'XIV'],
    [28, 'lowerLetter', 'bb'],
    [5, 'someFutureFormat', '5'],
  ])('%i in %s is %s', (n, format, expected) => {
    expect(formatNumber(n, format)).toBe(expected);
  });
});
