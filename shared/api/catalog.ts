import type { PublicProduct } from '../schemas/product';
import type { PublicSettings } from '../settings';
import { action } from './contract';
import { noInput } from './common';

/** The `catalog` function (API.md): both actions take no input. */
export const catalogApi = {
  list: action<{ products: PublicProduct[] }>()({ summary: '在售商品（含会员价、试用装与其正装）。', auth: 'customer', input: noInput }),
  settings: action<PublicSettings>()({ summary: '公开设置：会员套餐、充值套餐、等级门槛、上限。', auth: 'customer', input: noInput }),
};
