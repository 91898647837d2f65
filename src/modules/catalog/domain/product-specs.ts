import { createHash } from 'node:crypto';
import { BadRequestError } from '../../../shared/domain/domain-error';

/** A spec group and its values, e.g. `{ name: "颜色", values: ["红", "蓝"] }`. */
export interface SpecGroup {
  name: string;
  values: string[];
}

export interface SkuSpecInput {
  specValues: Record<string, string>;
  skuCode?: string | null;
}

export const SPEC_LIMITS = { groups: 4, valuesPerGroup: 50, skus: 200 } as const;

/**
 * The identity of a combination: independent of key order, unambiguous whatever characters the
 * names and values hold, and short enough for a unique index.
 */
export function specKeyOf(specValues: Record<string, string>): string {
  const canonical = JSON.stringify(Object.keys(specValues).sort().map((name) => [name, specValues[name]]));
  return createHash('sha1').update(canonical).digest('hex');
}

/**
 * Checks that the SKUs match the spec groups: every SKU names exactly the groups, with values from
 * them, each combination at most once, and SKU codes are not repeated. A product without specs has
 * exactly one SKU with `specValues: {}`. Throws 400 SPEC_SKU_MISMATCH listing every problem;
 * returns each SKU's spec key in input order.
 */
export function checkSpecsAndSkus(specs: readonly SpecGroup[], skus: readonly SkuSpecInput[]): string[] {
  const problems: Array<{ field: string; message: string }> = [];
  const groups = new Map<string, Set<string>>();
  specs.forEach((group, i) => {
    if (groups.has(group.name)) problems.push({ field: `specs.${i}.name`, message: `spec group "${group.name}" is repeated` });
    const values = new Set(group.values);
    if (values.size !== group.values.length) problems.push({ field: `specs.${i}.values`, message: `spec group "${group.name}" repeats a value` });
    groups.set(group.name, values);
  });
  if (specs.length === 0 && skus.length !== 1) {
    problems.push({ field: 'skus', message: 'a product without specs has exactly one SKU' });
  }

  const keys: string[] = [];
  const seenKeys = new Map<string, number>();
  const seenCodes = new Map<string, number>();
  skus.forEach((sku, i) => {
    const field = `skus.${i}.specValues`;
    const names = Object.keys(sku.specValues);
    for (const name of names) {
      const allowed = groups.get(name);
      if (!allowed) problems.push({ field, message: `"${name}" is not a spec group of this product` });
      else if (!allowed.has(sku.specValues[name])) {
        problems.push({ field, message: `"${sku.specValues[name]}" is not a value of spec group "${name}"` });
      }
    }
    for (const name of groups.keys()) {
      if (!(name in sku.specValues)) problems.push({ field, message: `missing a value for spec group "${name}"` });
    }
    const key = specKeyOf(sku.specValues);
    const earlier = seenKeys.get(key);
    if (earlier !== undefined) problems.push({ field, message: `the same combination as skus.${earlier}` });
    else seenKeys.set(key, i);
    if (sku.skuCode) {
      const codeEarlier = seenCodes.get(sku.skuCode);
      if (codeEarlier !== undefined) problems.push({ field: `skus.${i}.skuCode`, message: `the same SKU code as skus.${codeEarlier}` });
      else seenCodes.set(sku.skuCode, i);
    }
    keys.push(key);
  });

  if (problems.length > 0) throw new BadRequestError('SPEC_SKU_MISMATCH', 'The SKUs do not match the spec groups', problems);
  return keys;
}

/** Lowest and highest price of the SKUs, fen. */
export function priceRange(prices: readonly number[]): { minPrice: number; maxPrice: number } {
  if (prices.length === 0) return { minPrice: 0, maxPrice: 0 };
  return { minPrice: Math.min(...prices), maxPrice: Math.max(...prices) };
}
