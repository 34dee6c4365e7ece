// pdf.js exports fonts for display with ArrayBuffer.prototype.transferToFixedLength (Node 22+);
// Node 20 lacks it and unpdf does not polyfill it. Text extraction never calls it, rendering
// does; this module is loaded only where pages are rendered (the PDF worker thread).
import 'core-js/actual/array-buffer/transfer-to-fixed-length.js';
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import { createIsomorphicCanvasFactory } from 'unpdf';

/** A canvas to render one page on, and its 2D context. */
export interface PageDrawing {
  canvas: Canvas;
  context: SKRSContext2D;
}

/** Creates and releases page canvases (unpdf's NodeCanvasFactory over `@napi-rs/canvas`). */
export interface PageCanvasFactory {
  create(width: number, height: number): PageDrawing;
  destroy(drawing: PageDrawing): void;
}

/**
 * Loads `@napi-rs/canvas` (a prebuilt Skia binary) and registers it with pdf.js: unpdf installs
 * it where pdf.js's own canvas factory (masks, patterns, groups) and `DOMMatrix`/`Path2D`
 * lookups find it. Throws when the native module cannot load (a deployment without it).
 */
export async function loadPageCanvasFactory(): Promise<PageCanvasFactory> {
  const Factory = await createIsomorphicCanvasFactory(() => import('@napi-rs/canvas'));
  return new Factory() as unknown as PageCanvasFactory;
}
