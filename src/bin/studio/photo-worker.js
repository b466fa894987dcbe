// The studio's photo worker: makes the copies of one phone photo off the
// page's thread, so choosing many photos never stalls the page. The page
// (src/studio/photo_panel.rs) sends the original and the copies' sizes,
// largest first; each copy is scaled by the browser from the one above it,
// drawn on an OffscreenCanvas and saved as JPEG and WebP (a canvas keeps no
// EXIF or GPS). The reply holds each copy's bytes (WebP null where the
// browser cannot write it) and the smallest copy's average colour, or an
// error.
self.onmessage = async ({ data: { file, sizes, jpegQuality, webpQuality } }) => {
  try {
    const copies = [];
    let above = null;
    for (const [width, height] of sizes) {
      const scaled = await createImageBitmap(above ?? file, {
        resizeWidth: width,
        resizeHeight: height,
        resizeQuality: 'high',
      });
      above?.close();
      above = scaled;
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      context.imageSmoothingQuality = 'high';
      context.drawImage(scaled, 0, 0, width, height);
      const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: jpegQuality });
      const webp = await canvas.convertToBlob({ type: 'image/webp', quality: webpQuality });
      copies.push({
        jpeg: await jpeg.arrayBuffer(),
        webp: webp.type === 'image/webp' ? await webp.arrayBuffer() : null,
      });
    }
    const pixel = new OffscreenCanvas(1, 1).getContext('2d');
    pixel.drawImage(above, 0, 0, 1, 1);
    above.close();
    const [r, g, b] = pixel.getImageData(0, 0, 1, 1).data;
    const buffers = copies.flatMap(({ jpeg, webp }) => (webp ? [jpeg, webp] : [jpeg]));
    self.postMessage({ copies, color: [r, g, b] }, buffers);
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
