/** Widest a page is drawn (CSS px): wider reads worse and costs canvas memory on big screens. */
export const maxPageWidthPx = 880;
