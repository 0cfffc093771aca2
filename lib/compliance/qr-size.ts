/** Largest side an image is decoded at (a phone screenshot is scaled down to it; QR codes survive). */
export const QR_MAX_SIDE = 1024;
