// The status model as the product's XML status document (INTERFACES §2.3-2.6), read the way the real
// clients read it: py-expressway's and MTG's namespaced XPaths with [@item='1'] on every step,
// Centreon's "every leaf carries an attribute" rule and its XPathError check, ALRM's three text
// children per Warning. Parsed with a real DOM and XPath engine, not matched as text.
import { DOMParser, type Document } from '@xmldom/xmldom';
import xpath from 'xpath';
import { describe, expect, it } from 'vitest';
import { CUIL_NAMESPACE, getXml, statusXml } from '../../../src/operator/index.js';
import { smallTwin } from '../helpers.js';

const select = xpath.useNamespaces({ ns: CUIL_NAMESPACE });
const parse = (xml: string): Document => new DOMParser().parseFromString(xml, 'text/xml');
const text = (doc: Document, path: string): string | undefined => {
  const hit = select(`string(${path})`, doc as unknown as Node);
  return typeof hit === 'string' && hit !== '' ? hit : undefined;
};

describe('status.xml (INTERFACES §2.3, §2.4)', () => {
  const twin = smallTwin();
  const xml = statusXml(twin, 'expc01');
  const doc = parse(xml);

  it('starts with the declaration and a Status root in the CUIL namespace naming the product and version', () => {
    expect(xml.split('\n')[0]).toBe('<?xml version="1.0"?>');
    const root = doc.documentElement!;
    expect([root.localName, root.namespaceURI, root.getAttribute('product'), root.getAttribute('version')])
      .toEqual(['Status', CUIL_NAMESPACE, 'TANDBERG VCS', 'X14.3.1']);
    expect(xml.endsWith('</Status>\n')).toBe(true);
  });

  it("answers py-expressway's XPaths (namespace and item='1' on every step)", () => {
    const su = "/ns:Status/ns:SystemUnit[@item='1']";
    expect(text(doc, `${su}/ns:Hardware[@item='1']/ns:SerialNumber[@item='1']`)).toBe(twin.observe('expc01').system.serial);
    expect(text(doc, `${su}/ns:Software[@item='1']/ns:Version[@item='1']`)).toBe('X14.3.1');
    expect(text(doc, `${su}/ns:Uptime[@item='1']`)).toBe('300');
    for (const group of ['CollaborationEdge', 'Traversal', 'NonTraversal']) {
      expect(text(doc, `/ns:Status/ns:ResourceUsage[@item='1']/ns:Calls[@item='1']/ns:${group}[@item='1']/ns:Current[@item='1']`), group).toBe('0');
    }
    for (const c of ['TraversalCalls', 'NonTraversalCalls']) {
      expect(text(doc, `${su}/ns:Software[@item='1']/ns:Configuration[@item='1']/ns:${c}[@item='1']`), c).toBe('0');
    }
    expect(text(doc, "/ns:Status/ns:ResourceUsage[@item='1']/ns:Registrations[@item='1']/ns:Current[@item='1']")).toBe('0');
    expect(select("count(/ns:Status/ns:Calls[@item='1']/*)", doc as unknown as Node)).toBe(0);
  });

  it('every element carries item="N" (Centreon reads each leaf as a hash), and ExpresswaySeries sits under Software/Configuration', () => {
    const all = select('//*', doc as unknown as Node) as Element[];
    const bare = all.filter((e) => e.localName !== 'Status' && !/^\d+$/.test(e.getAttribute('item') ?? ''));
    expect(bare.map((e) => e.localName)).toEqual([]);
    expect(text(doc, "/ns:Status/ns:SystemUnit/ns:Software/ns:Configuration/ns:ExpresswaySeries")).toBe('True');
    expect(text(doc, '/ns:Status/ns:SystemUnit/ns:ExpresswaySeries')).toBeUndefined();
    expect(xml).toContain('<ReleaseKey item="1"/>');
  });

  it('Warnings: one Warning per active alarm with exactly ID, Reason, State (ALRM groups text nodes in threes)', () => {
    const warnings = select('/ns:Status/ns:Warnings/ns:Warning', doc as unknown as Node) as Element[];
    expect(warnings.length).toBe(twin.observe('expc01').alarms.length);
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) {
      const children = (select('./*', w as unknown as Node) as Element[]).map((c) => c.localName);
      expect(children).toEqual(['ID', 'Reason', 'State']);
    }
    expect(text(doc, '/ns:Status/ns:Warnings/ns:Warning[1]/ns:ID')).toBe('e1b1371e-e130-11e5-83d2-d310aba28a39');
    expect(text(doc, '/ns:Status/ns:Warnings/ns:Warning[1]/ns:Reason')).toBe('Cluster TLS permissive - Cluster TLS verification mode permits invalid certificates');
  });

  it('has no Cluster element (the product has none); the twin keeps it for xStatus only', () => {
    expect(select('count(/ns:Status/ns:Cluster)', doc as unknown as Node)).toBe(0);
    expect(select('count(/ns:Status/ns:Alternates)', doc as unknown as Node)).toBe(1);
  });
});

describe('getxml?location=… (INTERFACES §2.2, §2.3, §2.6)', () => {
  const twin = smallTwin();

  it('answers the located node inside its ancestor chain, with or without a trailing slash', () => {
    for (const location of ['/Status/SystemUnit/TimeZone', '/Status/SystemUnit/TimeZone/']) {
      const r = getXml(twin, 'expc01', location);
      expect(r.ok).toBe(true);
      const doc = parse(r.xml);
      expect(text(doc, "/ns:Status/ns:SystemUnit[@item='1']/ns:TimeZone[@item='1']")).toBe('UTC');
      expect(select('count(/ns:Status/ns:SystemUnit/*)', doc as unknown as Node)).toBe(1);
      expect(select('count(/ns:Status/*)', doc as unknown as Node)).toBe(1);
    }
    // MTG's regex on the TimeZone reply
    expect(/<TimeZone[^>]*>\s*(.*?)</.exec(getXml(twin, 'expc01', '/Status/SystemUnit/TimeZone').xml)?.[1]).toBe('UTC');
  });

  it('the subtrees Centreon asks for: Warnings, ResourceUsage/Calls, ResourceUsage/, Software/Configuration/', () => {
    for (const location of ['/Status/Warnings', '/Status/ResourceUsage/Calls', '/Status/ResourceUsage/', '/Status/SystemUnit/Software/Configuration/']) {
      const r = getXml(twin, 'expc01', location);
      expect(r.ok, location).toBe(true);
      const leaf = location.split('/').filter(Boolean).at(-1)!;
      expect(select(`count(//ns:${leaf})`, parse(r.xml) as unknown as Node), location).toBe(1);
    }
  });

  it('a path that names no node answers a Fault with XPathError/Reason', () => {
    for (const location of ['/Status/Weather', '/Config/SystemUnit', '/Status/SystemUnit/Nope']) {
      const r = getXml(twin, 'expc01', location);
      expect(r.ok, location).toBe(false);
      const doc = parse(r.xml);
      expect(doc.documentElement!.localName).toBe('Fault');
      expect(text(doc, '/Fault/XPathError/Reason')).toContain(location);
    }
  });
});
