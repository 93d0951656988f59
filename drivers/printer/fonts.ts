import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';

/** Be Vietnam Pro weights bundled through @expo-google-fonts/be-vietnam-pro. */
export type FontWeightName = 'regular' | 'bold' | 'heavy';

const FILES: Record<FontWeightName, string> = {
  regular: '400Regular/BeVietnamPro_400Regular.ttf',
  bold: '700Bold/BeVietnamPro_700Bold.ttf',
  heavy: '800ExtraBold/BeVietnamPro_800ExtraBold.ttf',
};

/** Private family aliases so that no system font of the same name can shadow ours. */
export const FONT_FAMILY: Record<FontWeightName, string> = {
  regular: 'QuaySo BVP Regular',
  bold: 'QuaySo BVP Bold',
  heavy: 'QuaySo BVP ExtraBold',
};

const require = createRequire(import.meta.url);
let registered = false;

export function fontFilePath(weight: FontWeightName): string {
  return require.resolve(`@expo-google-fonts/be-vietnam-pro/${FILES[weight]}`);
}

/** Registers the ticket fonts once per process (idempotent, cheap after the first call). */
export function ensureFonts(): void {
  if (registered) return;
  for (const weight of Object.keys(FILES) as FontWeightName[]) {
    const key = GlobalFonts.registerFromPath(fontFilePath(weight), FONT_FAMILY[weight]);
    if (key == null) throw new Error(`Could not register ticket font ${FILES[weight]}`);
  }
  registered = true;
}

/** CSS font shorthand for the canvas context. */
export function cssFont(weight: FontWeightName, sizePx: number): string {
  return `${Math.round(sizePx * 10) / 10}px "${FONT_FAMILY[weight]}"`;
}
