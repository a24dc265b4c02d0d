import { BridgeError } from '../../../shared/bridge/envelope';
import { MAX_UPLOAD_BYTES, PRODUCT_TEXTS } from '../../../shared/text/product-texts';
import { bridge } from '../bridge';
import { pathForUpload } from '../bridge/files';

/** The picture formats a message may carry, as the file chooser's accept list. */
export const PICTURE_TYPES = 'image/png,image/jpeg,image/gif,image/webp';

/**
 * Puts a picture the person chose on the agency server and answers with its attachment URL.
 * The size is checked here first, so an oversized file is refused at once with the reference
 * product's words and never copied anywhere.
 */
export async function uploadPicture(file: File): Promise<{ url: string; alt: string }> {
  if (file.size > MAX_UPLOAD_BYTES) throw new BridgeError('invalid_input', PRODUCT_TEXTS.invalidFileSize);
  if (file.type && !PICTURE_TYPES.split(',').includes(file.type)) {
    throw new BridgeError('invalid_input', 'Choose a PNG, JPEG, GIF or WebP image.');
  }
  const path = await pathForUpload(file);
  const { url } = await bridge.attachments.addImage({ path });
  return { url, alt: altFromFileName(file.name) };
}

/** "clinic-map.png" → "clinic map": better than nothing for a screen reader, and editable later. */
function altFromFileName(name: string): string {
  return name
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[-_]+/g, ' ')
    .trim()
    .slice(0, 200);
}
