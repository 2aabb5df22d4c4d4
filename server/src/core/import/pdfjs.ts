/**
 * Loads pdfjs-dist on demand. It is large (≈2 MB), so it is never part of the bundles every
 * process loads: from the esbuild bundles in dist/ the import below is redirected to the separate
 * bundle `dist/pdfjs.mjs` (esbuild.mjs), which also sets up pdfjs's in-process ("fake") worker and
 * reads the packed CMaps shipped beside it (dist/pdfjs-cmaps/); from the tsc-compiled tests it
 * resolves to node_modules (CMaps then only through `PdfOptions.readCMap`). No network, no worker thread.
 */

/** The part of pdfjs-dist's API the importer uses. */
export interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName?: string;
}

export interface PdfPage {
  view: number[];
  getTextContent(options?: { disableNormalization?: boolean }): Promise<{ items: Array<PdfTextItem | { type: string }> }>;
  cleanup(): void;
  getOperatorList?(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  /** The page's fonts once its operator list is built (their font matrices). */
  commonObjs?: { has(id: string): boolean; get(id: string): unknown };
}

export interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}

/** Reads the packed CMap pdf.js asks for (`UniGB-UCS2-H` → `UniGB-UCS2-H.bcmap`); rejects when there is none. */
export type PdfCMapReader = (name: string) => Promise<Uint8Array>;

export interface Pdfjs {
  getDocument(params: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
  /** The bundle's reader of the CMaps shipped beside it (dist/pdfjs.mjs only). */
  readCMap?: PdfCMapReader;
}

let loading: Promise<Pdfjs> | undefined;

/** pdfjs-dist's legacy (Node-compatible) build, loaded once. */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= (async () => {
    // The literal specifier is what esbuild redirects to ./pdfjs.mjs for the dist bundles.
    const lib = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as Pdfjs;
    const g = globalThis as { pdfjsWorker?: unknown };
    if (!g.pdfjsWorker) {
      // Outside the bundle: the worker module runs in this thread (pdfjs's fake worker).
      const spec = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
      g.pdfjsWorker = await import(spec);
    }
    return lib;
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}
