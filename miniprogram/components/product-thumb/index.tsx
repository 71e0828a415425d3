import { Image, Text, View } from '@tarojs/components';

export interface ThumbProduct {
  name: string;
  kind?: string;
  images?: string[];
  imageUrl?: string;
}

/** A product's cover: its first picture (older products: their single imageUrl). */
export const coverOf = (p: ThumbProduct | undefined): string | undefined => p?.images?.[0] ?? p?.imageUrl;

/**
 * A product's square picture — its cover, or its first character on a warm (trial: green) ground.
 * `className` sizes it for its place (the app-wide `.product-thumb`
 * draws the ground); `id` marks the image for tests when there is one.
 */
export function ProductThumb({ product, className, id, lazy = false }: { product: ThumbProduct; className: string; id?: string; lazy?: boolean }) {
  const cover = coverOf(product);
  if (cover) return <Image className={`${className} product-thumb product-thumb--img`} id={id} src={cover} mode='aspectFill' lazyLoad={lazy} />;
  return (
    <View className={`${className} product-thumb ${product.kind === 'trial' ? 'product-thumb--trial' : ''}`}>
      <Text className='product-thumb__text'>{product.name.slice(0, 1)}</Text>
    </View>
  );
}
