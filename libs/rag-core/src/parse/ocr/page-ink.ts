import { OPS } from 'unpdf/pdfjs';
import type { PDFPageProxy } from 'unpdf/pdfjs';

/** Operators that put something on the page: paths, text, images, shadings. */
const paintOps = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
  OPS.showText,
  OPS.showSpacedText,
  OPS.nextLineShowText,
  OPS.nextLineSetSpacingShowText,
  OPS.shadingFill,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
  OPS.constructPath,
  OPS.rawFillPath,
]);

/**
 * Whether the page draws anything at all. A blank page (most of a blank-page filler like
 * many-pages.pdf) is known from its operator list in a millisecond, without rendering 8 M
 * pixels. The list is the one `page.render` uses next (same intent), so it is built once.
 */
export async function pageHasInk(page: PDFPageProxy): Promise<boolean> {
  const { fnArray } = await page.getOperatorList();
  return fnArray.some((op) => paintOps.has(op));
}
